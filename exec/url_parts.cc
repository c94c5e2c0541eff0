#include "exec/url_parts.h"

namespace ctq {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Characters java.net.URI rejects anywhere: controls, space, and the
// "unwise" ones; '%' must start an escape.
bool ValidCharacters(std::string_view url) {
  for (size_t i = 0; i < url.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(url[i]);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      return false;
    }
    if (c == '%' && (i + 2 >= url.size() || Hex(url[i + 1]) < 0 || Hex(url[i + 2]) < 0)) {
      return false;
    }
  }
  return true;
}

bool IsSchemeChar(char c, bool first) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return alpha || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

}  // namespace

std::optional<UrlParts> ParseUrl(std::string_view url) {
  if (url.empty() || !ValidCharacters(url)) return std::nullopt;
  UrlParts parts;
  std::string_view rest = url;
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = rest.substr(hash + 1);
    if (parts.fragment->find('#') != std::string_view::npos) return std::nullopt;
    rest = rest.substr(0, hash);
  }
  // A scheme: letters first, then letters, digits, + - . up to ':'.
  size_t colon = 0;
  while (colon < rest.size() && IsSchemeChar(rest[colon], colon == 0)) colon++;
  if (colon > 0 && colon < rest.size() && rest[colon] == ':') {
    parts.scheme = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  const size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    parts.query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  if (rest.substr(0, 2) == "//") {
    rest = rest.substr(2);
    const size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    const size_t at = authority.rfind('@');
    if (at != std::string_view::npos) authority = authority.substr(at + 1);
    std::string_view host = authority;
    if (!host.empty() && host.front() == '[') {  // an IPv6 literal
      const size_t close = host.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      host = authority.substr(0, close + 1);
      authority = authority.substr(close + 1);
    } else {
      const size_t port_colon = authority.rfind(':');
      host = authority.substr(0, port_colon);
      authority = port_colon == std::string_view::npos ? std::string_view()
                                                       : authority.substr(port_colon);
    }
    if (!authority.empty()) {
      if (authority.front() != ':') return std::nullopt;
      std::string_view digits = authority.substr(1);
      if (!digits.empty()) {
        int64_t port = 0;
        for (char c : digits) {
          if (c < '0' || c > '9' || port > 100000000) return std::nullopt;
          port = port * 10 + (c - '0');
        }
        parts.port = port;
      }
    }
    if (!host.empty()) parts.host = host;
  }
  parts.path = rest;
  return parts;
}

std::optional<std::string_view> QueryParameter(std::string_view query, std::string_view name) {
  while (true) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    const size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name) {
      return equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    }
    if (amp == std::string_view::npos) return std::nullopt;
    query = query.substr(amp + 1);
  }
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '*' || c == '_') {
      out.push_back(ch);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::optional<std::string> UrlDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      if (i + 2 >= text.size() || Hex(text[i + 1]) < 0 || Hex(text[i + 2]) < 0) {
        return std::nullopt;
      }
      out.push_back(static_cast<char>(Hex(text[i + 1]) * 16 + Hex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace ctq
