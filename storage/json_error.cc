#include "storage/json_error.h"

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

}  // namespace ctq
