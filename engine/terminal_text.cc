#include "engine/terminal_text.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ctq {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendHexByte(unsigned char byte, std::string* out) {
  out->append("\\x");
  out->push_back(kHex[byte >> 4]);
  out->push_back(kHex[byte & 0xF]);
}

// The code point of the valid `length`-byte sequence at text[i].
uint32_t DecodeUtf8(std::string_view text, size_t i, size_t length) {
  static constexpr unsigned kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  uint32_t code_point = static_cast<unsigned char>(text[i]) & kLeadMask[length];
  for (size_t k = 1; k < length; ++k) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return code_point;
}

// Code points above ASCII that change what the terminal does or how it
// orders the text, rather than showing a character.
bool IsHiddenControl(uint32_t code_point) {
  return (code_point >= 0x80 && code_point <= 0x9F) || code_point == 0x200E ||
         code_point == 0x200F || (code_point >= 0x202A && code_point <= 0x202E) ||
         (code_point >= 0x2066 && code_point <= 0x2069);
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) -> unsigned { return static_cast<unsigned char>(text[k]); };
  unsigned lead = byte(i);
  size_t length = 0;
  unsigned low = 0x80;  // the allowed range of the second byte
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

void AppendEscapedForTerminal(std::string_view text, TerminalLayout layout, std::string* out) {
  const bool keep_newline = layout != TerminalLayout::kOneLine;
  const bool keep_tab = layout == TerminalLayout::kLinesAndTabs;
  size_t i = 0;
  while (i < text.size()) {
    // Copy the run of printable ASCII at once: it is nearly all of the text.
    size_t run = i;
    while (run < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[run]);
      if (c < 0x20 || c >= 0x7F) break;
      ++run;
    }
    out->append(text.substr(i, run - i));
    i = run;
    if (i == text.size()) break;

    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        AppendHexByte(c, out);
        ++i;
        continue;
      }
      uint32_t code_point = DecodeUtf8(text, i, length);
      if (IsHiddenControl(code_point)) {
        out->append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(code_point >> shift) & 0xF]);
      } else {
        out->append(text.substr(i, length));
      }
      i += length;
      continue;
    }
    if (c == '\n') {
      out->append(keep_newline ? "\n" : "\\n");
    } else if (c == '\t') {
      out->append(keep_tab ? "\t" : "\\t");
    } else if (c == '\r') {
      out->append("\\r");
    } else {
      AppendHexByte(c, out);  // the other C0 controls and DEL
    }
    ++i;
  }
}

std::string EscapeForTerminal(std::string_view text, TerminalLayout layout) {
  std::string out;
  out.reserve(text.size());
  AppendEscapedForTerminal(text, layout, &out);
  return out;
}

std::string EscapedMessage(const absl::Status& status) {
  const absl::string_view message = status.message();
  return EscapeForTerminal(std::string_view(message.data(), message.size()),
                           TerminalLayout::kLinesAndTabs);
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace ctq
