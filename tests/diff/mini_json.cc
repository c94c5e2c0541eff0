#include "tests/diff/mini_json.h"

#include <cstdint>
#include <cstdio>

namespace ctq::difftest {
namespace {

class Parser {
 public:
  Parser(std::string_view input, size_t pos) : in_(input), pos_(pos) {}

  size_t pos() const { return pos_; }

  bool ParseValue(JsonNode* out, int depth) {
    if (depth > 512) return false;
    SkipSpace();
    if (pos_ >= in_.size()) return false;
    char c = in_[pos_];
    switch (c) {
      case '{':
        return ParseObject(out, depth);
      case '[':
        return ParseArray(out, depth);
      case '"':
        out->kind = JsonNode::Kind::kString;
        return ParseString(&out->text);
      case 't':
        out->kind = JsonNode::Kind::kBool;
        out->boolean = true;
        return Literal("true");
      case 'f':
        out->kind = JsonNode::Kind::kBool;
        out->boolean = false;
        return Literal("false");
      case 'n':
        out->kind = JsonNode::Kind::kNull;
        return Literal("null");
      default:
        out->kind = JsonNode::Kind::kNumber;
        return ParseNumber(&out->text);
    }
  }

  void SkipSpace() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\r' || in_[pos_] == '\t')) {
      pos_++;
    }
  }

 private:
  bool Literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  bool ParseNumber(std::string* out) {
    size_t start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') pos_++;
    if (pos_ >= in_.size() || !IsDigit(in_[pos_])) return false;
    if (in_[pos_] == '0') {
      pos_++;
    } else {
      while (pos_ < in_.size() && IsDigit(in_[pos_])) pos_++;
    }
    if (pos_ < in_.size() && in_[pos_] == '.') {
      pos_++;
      if (pos_ >= in_.size() || !IsDigit(in_[pos_])) return false;
      while (pos_ < in_.size() && IsDigit(in_[pos_])) pos_++;
    }
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
      pos_++;
      if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-')) pos_++;
      if (pos_ >= in_.size() || !IsDigit(in_[pos_])) return false;
      while (pos_ < in_.size() && IsDigit(in_[pos_])) pos_++;
    }
    out->assign(in_.substr(start, pos_ - start));
    return true;
  }

  bool Hex4(uint32_t* out) {
    if (pos_ + 4 > in_.size()) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
      char c = in_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        v |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        v |= c - 'A' + 10;
      } else {
        return false;
      }
    }
    *out = v;
    return true;
  }

  static void AppendUtf8(std::string* out, uint32_t cp) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool ParseString(std::string* out) {
    pos_++;  // opening quote
    out->clear();
    while (true) {
      if (pos_ >= in_.size()) return false;
      char c = in_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= in_.size()) return false;
      char e = in_[pos_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && in_.substr(pos_, 2) == "\\u") {
            size_t save = pos_;
            pos_ += 2;
            uint32_t low;
            if (Hex4(&low) && low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
              cp = 0xFFFD;
            }
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
  }

  bool ParseArray(JsonNode* out, int depth) {
    out->kind = JsonNode::Kind::kArray;
    pos_++;
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == ']') {
      pos_++;
      return true;
    }
    while (true) {
      out->items.emplace_back();
      if (!ParseValue(&out->items.back(), depth + 1)) return false;
      SkipSpace();
      if (pos_ >= in_.size()) return false;
      char c = in_[pos_++];
      if (c == ']') return true;
      if (c != ',') return false;
    }
  }

  bool ParseObject(JsonNode* out, int depth) {
    out->kind = JsonNode::Kind::kObject;
    pos_++;
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == '}') {
      pos_++;
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_] != '"') return false;
      out->members.emplace_back();
      if (!ParseString(&out->members.back().first)) return false;
      SkipSpace();
      if (pos_ >= in_.size() || in_[pos_++] != ':') return false;
      if (!ParseValue(&out->members.back().second, depth + 1)) return false;
      SkipSpace();
      if (pos_ >= in_.size()) return false;
      char c = in_[pos_++];
      if (c == '}') return true;
      if (c != ',') return false;
    }
  }

  std::string_view in_;
  size_t pos_;
};

void AppendEscaped(std::string* out, const std::string& s) {
  out->push_back('"');
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", u);
          out->append(buf);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendCompact(std::string* out, const JsonNode& node) {
  switch (node.kind) {
    case JsonNode::Kind::kNull: out->append("null"); break;
    case JsonNode::Kind::kBool: out->append(node.boolean ? "true" : "false"); break;
    case JsonNode::Kind::kNumber: out->append(node.text); break;
    case JsonNode::Kind::kString: AppendEscaped(out, node.text); break;
    case JsonNode::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < node.items.size(); i++) {
        if (i > 0) out->push_back(',');
        AppendCompact(out, node.items[i]);
      }
      out->push_back(']');
      break;
    case JsonNode::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < node.members.size(); i++) {
        if (i > 0) out->push_back(',');
        AppendEscaped(out, node.members[i].first);
        out->push_back(':');
        AppendCompact(out, node.members[i].second);
      }
      out->push_back('}');
      break;
  }
}

// One step of a json_extract_scalar path.
struct PathStep {
  std::string key;
  bool is_index = false;  // all digits: also indexes arrays
};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ':';
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ParsePath(std::string_view path, std::vector<PathStep>* steps) {
  if (path.empty() || path[0] != '$') return false;
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      i++;
      size_t start = i;
      while (i < path.size() && IsNameChar(path[i])) i++;
      if (i == start) return false;
      steps->push_back({std::string(path.substr(start, i - start)), false});
    } else if (path[i] == '[') {
      i++;
      if (i < path.size() && path[i] == '"') {
        i++;
        std::string key;
        while (true) {
          if (i >= path.size()) return false;
          char c = path[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i >= path.size() || (path[i] != '"' && path[i] != '\\')) return false;
            key.push_back(path[i++]);
          } else {
            key.push_back(c);
          }
        }
        if (i >= path.size() || path[i] != ']') return false;
        i++;
        steps->push_back({key, false});
      } else {
        size_t start = i;
        while (i < path.size() && IsNameChar(path[i])) i++;
        if (i == start || i >= path.size() || path[i] != ']') return false;
        std::string key(path.substr(start, i - start));
        i++;
        steps->push_back({key, AllDigits(key)});
      }
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<JsonNode> ParseJsonValue(std::string_view input, size_t* pos) {
  Parser parser(input, *pos);
  JsonNode node;
  if (!parser.ParseValue(&node, 0)) return std::nullopt;
  *pos = parser.pos();
  return node;
}

std::optional<JsonNode> ParseJson(std::string_view input) {
  Parser parser(input, 0);
  JsonNode node;
  if (!parser.ParseValue(&node, 0)) return std::nullopt;
  parser.SkipSpace();
  if (parser.pos() != input.size()) return std::nullopt;
  return node;
}

std::string CompactJson(const JsonNode& node) {
  std::string out;
  AppendCompact(&out, node);
  return out;
}

std::optional<std::string> JsonExtractScalar(std::string_view json, std::string_view path,
                                             bool* path_ok) {
  std::vector<PathStep> steps;
  *path_ok = ParsePath(path, &steps);
  if (!*path_ok) return std::nullopt;
  std::optional<JsonNode> doc = ParseJson(json);
  if (!doc.has_value()) return std::nullopt;
  const JsonNode* node = &*doc;
  for (const PathStep& step : steps) {
    const JsonNode* next = nullptr;
    if (node->kind == JsonNode::Kind::kObject) {
      for (const auto& [key, value] : node->members) {
        if (key == step.key) {
          next = &value;
          break;  // first occurrence wins
        }
      }
    } else if (node->kind == JsonNode::Kind::kArray && step.is_index) {
      // Indexes beyond the array (or too long to be one) find nothing.
      if (step.key.size() <= 9) {
        size_t index = std::stoul(step.key);
        if (index < node->items.size()) next = &node->items[index];
      }
    }
    if (next == nullptr) return std::nullopt;
    node = next;
  }
  switch (node->kind) {
    case JsonNode::Kind::kString:
    case JsonNode::Kind::kNumber:
      return node->text;
    case JsonNode::Kind::kBool:
      return std::string(node->boolean ? "true" : "false");
    default:
      return std::nullopt;
  }
}

}  // namespace ctq::difftest
