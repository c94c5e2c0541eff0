#include "storage/compact_json.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

namespace ctq {
namespace {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The offset of the first byte at or after `from` that needs an escape, or
// text.size(). Eight bytes at a time ("SWAR"): most strings need no escape,
// and a byte loop here was a fifth of parse time.
size_t FindEscape(std::string_view text, size_t from) {
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighBits = 0x8080808080808080;
  size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // Each term sets a byte's high bit where that byte is below 0x20, a
    // quote, or a backslash. A borrow can also mark bytes above a marked one
    // but never below it, so the lowest mark is exact.
    uint64_t quotes = word ^ (kOnes * '"');
    uint64_t backslashes = word ^ (kOnes * '\\');
    uint64_t marks = ((word - kOnes * 0x20) & ~word) | ((quotes - kOnes) & ~quotes) |
                     ((backslashes - kOnes) & ~backslashes);
    marks &= kHighBits;
    static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
    if (marks != 0) return i + std::countr_zero(marks) / 8;
  }
  for (; i < text.size(); i++) {
    if (NeedsEscape(static_cast<unsigned char>(text[i]))) return i;
  }
  return text.size();
}

void AppendEscape(unsigned char c, std::string* out) {
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\f':
      out->append("\\f");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\r':
      out->append("\\r");
      return;
    case '\t':
      out->append("\\t");
      return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      out->append(escape, sizeof(escape));
    }
  }
}

error_code AppendObject(ondemand::value& value, int depth, std::string* out) {
  ondemand::object object;
  if (error_code error = value.get_object().get(object)) return error;
  out->push_back('{');
  bool first = true;
  for (auto field_result : object) {
    ondemand::field field;
    if (error_code error = std::move(field_result).get(field)) return error;
    std::string_view key;
    if (error_code error = field.unescaped_key().get(key)) return error;
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(key, out);
    out->push_back(':');
    if (error_code error = AppendCompactJson(field.value(), depth + 1, out)) return error;
  }
  out->push_back('}');
  return simdjson::SUCCESS;
}

error_code AppendArray(ondemand::value& value, int depth, std::string* out) {
  ondemand::array array;
  if (error_code error = value.get_array().get(array)) return error;
  out->push_back('[');
  bool first = true;
  for (auto element_result : array) {
    ondemand::value element;
    if (error_code error = std::move(element_result).get(element)) return error;
    if (!first) out->push_back(',');
    first = false;
    if (error_code error = AppendCompactJson(element, depth + 1, out)) return error;
  }
  out->push_back(']');
  return simdjson::SUCCESS;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  size_t run_start = 0;
  size_t i = 0;
  while (true) {
    i = FindEscape(text, i);
    if (i == text.size()) break;
    out->append(text.data() + run_start, i - run_start);
    AppendEscape(static_cast<unsigned char>(text[i]), out);
    run_start = ++i;
  }
  out->append(text.data() + run_start, text.size() - run_start);
  out->push_back('"');
}

std::string_view CheckedNumberToken(std::string_view raw) {
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  // The grammar of RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  size_t i = 0;
  const size_t n = raw.size();
  if (i < n && raw[i] == '-') i++;
  if (i >= n || !IsDigit(raw[i])) return {};
  if (raw[i] == '0') {
    i++;
  } else {
    while (i < n && IsDigit(raw[i])) i++;
  }
  if (i < n && raw[i] == '.') {
    i++;
    if (i >= n || !IsDigit(raw[i])) return {};
    while (i < n && IsDigit(raw[i])) i++;
  }
  if (i < n && (raw[i] == 'e' || raw[i] == 'E')) {
    i++;
    if (i < n && (raw[i] == '+' || raw[i] == '-')) i++;
    if (i >= n || !IsDigit(raw[i])) return {};
    while (i < n && IsDigit(raw[i])) i++;
  }
  return i == n ? raw : std::string_view();
}

error_code AppendCompactJson(ondemand::value& value, int depth, std::string* out) {
  if (depth > kMaxJsonDepth) return simdjson::DEPTH_ERROR;
  ondemand::json_type type;
  if (error_code error = value.type().get(type)) return error;
  switch (type) {
    case ondemand::json_type::object:
      return AppendObject(value, depth, out);
    case ondemand::json_type::array:
      return AppendArray(value, depth, out);
    case ondemand::json_type::string: {
      std::string_view text;
      if (error_code error = value.get_string().get(text)) return error;
      AppendJsonString(text, out);
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::number: {
      std::string_view number = CheckedNumberToken(value.raw_json_token());
      if (number.empty()) return simdjson::NUMBER_ERROR;
      out->append(number);
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::boolean: {
      bool flag = false;
      if (error_code error = value.get_bool().get(flag)) {
        // simdjson calls a bad literal (`tru`) a type mismatch.
        return error == simdjson::INCORRECT_TYPE ? simdjson::T_ATOM_ERROR : error;
      }
      out->append(flag ? "true" : "false");
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::null: {
      bool is_null = false;
      error_code error = value.is_null().get(is_null);
      if (error == simdjson::INCORRECT_TYPE || (!error && !is_null)) return simdjson::N_ATOM_ERROR;
      if (error) return error;
      out->append("null");
      return simdjson::SUCCESS;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

}  // namespace ctq
