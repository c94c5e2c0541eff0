#include "storage/json_error.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "ctq/internal/strings.h"
#include "storage/compact_json.h"

namespace ctq {

std::string DescribeJsonError(simdjson::error_code error) {
  switch (error) {
    case simdjson::DEPTH_ERROR:
      return StrCat("nesting deeper than ", kMaxJsonDepth, " levels");
    case simdjson::NUMBER_ERROR:
      return "malformed number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "invalid literal (expected true, false or null)";
    case simdjson::STRING_ERROR:
      return "invalid string (bad escape or unpaired surrogate)";
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8";
    case simdjson::UNESCAPED_CHARS:
      return "unescaped control character in a string";
    case simdjson::UNCLOSED_STRING:
      return "unclosed string";
    case simdjson::CAPACITY:
      return "value too large";
    case simdjson::MEMALLOC:
      return "out of memory";
    default:
      // simdjson's own sentence, e.g. for TAPE_ERROR "The JSON document has
      // an improper structure: missing or superfluous commas, braces, ...".
      return simdjson::error_message(error);
  }
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    size_t length;
    uint32_t min_code;
    uint32_t code;
    if ((lead & 0xe0) == 0xc0) {
      length = 2;
      min_code = 0x80;
      code = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3;
      min_code = 0x800;
      code = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4;
      min_code = 0x10000;
      code = lead & 0x07;
    } else {
      return i;
    }
    if (n - i < length) return i;
    for (size_t k = 1; k < length; k++) {
      if ((bytes[i + k] & 0xc0) != 0x80) return i;
      code = code << 6 | (bytes[i + k] & 0x3f);
    }
    if (code < min_code || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return std::string_view::npos;
}

size_t FindUnescapedControl(std::string_view text) {
  bool in_string = false;
  for (size_t i = 0; i < text.size(); i++) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!in_string) {
      if (c == '"') in_string = true;
    } else if (c == '\\') {
      i++;  // the escaped character cannot end the string
    } else if (c == '"') {
      in_string = false;
    } else if (c < 0x20) {
      return i;
    }
  }
  return std::string_view::npos;
}

namespace {

// Writes into a PaddedBuffer that grows as needed.
class RepairWriter {
 public:
  explicit RepairWriter(PaddedBuffer* out, size_t expected) : out_(out) { out_->Resize(expected); }

  void Append(const char* bytes, size_t count) {
    if (size_ + count > out_->size()) out_->Resize(std::max(out_->size() * 2, size_ + count));
    std::memcpy(out_->data() + size_, bytes, count);
    size_ += count;
  }
  size_t size() const { return size_; }
  void Finish() { out_->Resize(size_); }

 private:
  PaddedBuffer* out_;
  size_t size_ = 0;
};

constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";
constexpr char kReplacementEscape[] = "\\ufffd";

// The code unit of the \u escape at text[i] (text[i] is the backslash), or -1
// if there is none (not `\u` and four hex digits).
int EscapedCodeUnit(std::string_view text, size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  int unit = 0;
  for (size_t k = i + 2; k < i + 6; k++) {
    char c = text[k];
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
    if (digit < 0) return -1;
    unit = unit << 4 | digit;
  }
  return unit;
}

// The length of the well-formed UTF-8 sequence at bytes[i] (lead >= 0x80),
// or, negated, the length of its maximal ill-formed subpart (at least 1).
// The ranges of the second byte are those of the Unicode standard, table
// 3-7 (no overlong forms, no surrogates, nothing past U+10FFFF).
int Utf8SequenceAt(const unsigned char* bytes, size_t n, size_t i) {
  const unsigned char lead = bytes[i];
  int continuation;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation = 2;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation = 3;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return -1;
  }
  int length = 1;
  for (; length <= continuation; length++) {
    if (i + length >= n || bytes[i + length] < low || bytes[i + length] > high) return -length;
    low = 0x80;
    high = 0xBF;
  }
  return length;
}

}  // namespace

bool RepairJsonText(std::string_view text, PaddedBuffer* out, std::vector<TextRepair>* repairs) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const size_t repairs_before = repairs->size();
  RepairWriter writer(out, n + n / 8 + 64);
  auto replace = [&](const char* with, uint32_t original_size) {
    repairs->push_back({writer.size(), original_size, static_cast<uint32_t>(std::strlen(with))});
    writer.Append(with, std::strlen(with));
  };
  bool in_string = false;
  size_t i = 0;
  while (i < n) {
    // Copy the run of ASCII bytes that need no decision in one go.
    size_t run = i;
    while (run < n && bytes[run] < 0x80 && bytes[run] != '"' && bytes[run] != '\\') run++;
    writer.Append(text.data() + i, run - i);
    i = run;
    if (i == n) break;
    const unsigned char c = bytes[i];
    if (c == '"') {
      in_string = !in_string;
      writer.Append(text.data() + i++, 1);
    } else if (c == '\\') {
      if (!in_string || i + 1 >= n || bytes[i + 1] >= 0x80) {
        writer.Append(text.data() + i++, 1);
        continue;
      }
      const int unit = EscapedCodeUnit(text, i);
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        const int next = EscapedCodeUnit(text, i + 6);
        if (next >= 0xDC00 && next <= 0xDFFF) {
          writer.Append(text.data() + i, 12);  // a surrogate pair
          i += 12;
        } else {
          replace(kReplacementEscape, 6);
          i += 6;
        }
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        replace(kReplacementEscape, 6);
        i += 6;
      } else {
        // Any other escape, good or bad: two bytes, so that `\"` and `\\`
        // do not end or confuse the string.
        writer.Append(text.data() + i, 2);
        i += 2;
      }
    } else {
      const int length = Utf8SequenceAt(bytes, n, i);
      if (length > 0) {
        writer.Append(text.data() + i, static_cast<size_t>(length));
        i += static_cast<size_t>(length);
      } else {
        replace(kReplacementUtf8, static_cast<uint32_t>(-length));
        i += static_cast<size_t>(-length);
      }
    }
  }
  writer.Finish();
  return repairs->size() > repairs_before;
}

size_t OriginalOffset(const std::vector<TextRepair>& repairs, size_t offset) {
  int64_t shift = 0;
  for (const TextRepair& repair : repairs) {
    if (repair.offset >= offset) break;
    shift += static_cast<int64_t>(repair.size) - static_cast<int64_t>(repair.original_size);
  }
  return static_cast<size_t>(static_cast<int64_t>(offset) - shift);
}

}  // namespace ctq
