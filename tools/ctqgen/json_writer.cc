#include "tools/ctqgen/json_writer.h"

#include <array>
#include <charconv>
#include <cstring>

namespace ctq::gen {
namespace {

using EscapeTable = std::array<bool, 256>;

constexpr EscapeTable MakeTable(bool gson) {
  EscapeTable table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = true;
  table['\\'] = true;
  if (gson) {
    for (unsigned char c : {'\'', '<', '>', '=', '&'}) table[c] = true;
  }
  return table;
}

constexpr EscapeTable kPlainEscapes = MakeTable(false);
constexpr EscapeTable kGsonEscapes = MakeTable(true);

void AppendEscape(unsigned char c, std::string* out) {
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
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
      const char unicode[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
      out->append(unicode, 6);
    }
  }
}

// True if any of the 8 bytes in `word` is a control character, '"' or '\\'. Uses the
// classic "has byte less than n" and "has zero byte" bit tricks, which are exact about
// whether such a byte exists.
bool WordNeedsPlainEscape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  const uint64_t control = (word - kOnes * 0x20) & ~word & kHighs;
  const uint64_t quote = word ^ (kOnes * '"');
  const uint64_t backslash = word ^ (kOnes * '\\');
  return (control | ((quote - kOnes) & ~quote & kHighs) |
          ((backslash - kOnes) & ~backslash & kHighs)) != 0;
}

}  // namespace

void JsonWriter::Key(std::string_view key) {
  Separate();
  // One append instead of three: keys are short literals and this runs ~40 times per event.
  char buffer[64];
  if (key.size() + 3 <= sizeof(buffer)) {
    buffer[0] = '"';
    std::memcpy(buffer + 1, key.data(), key.size());
    buffer[key.size() + 1] = '"';
    buffer[key.size() + 2] = ':';
    out_->append(buffer, key.size() + 3);
  } else {
    out_->push_back('"');
    out_->append(key);
    out_->append("\":", 2);
  }
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) { Escaped(value, kPlainEscapes.data()); }

void JsonWriter::GsonString(std::string_view value) { Escaped(value, kGsonEscapes.data()); }

void JsonWriter::Escaped(std::string_view value, const bool* needs_escape) {
  Separate();
  out_->push_back('"');
  size_t run_start = 0;
  size_t i = 0;
  if (needs_escape == kPlainEscapes.data()) {
    // Most values need no escaping at all; skip clean 8-byte words quickly.
    while (i + 8 <= value.size()) {
      uint64_t word;
      std::memcpy(&word, value.data() + i, sizeof(word));
      if (WordNeedsPlainEscape(word)) break;
      i += 8;
    }
  }
  for (; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (!needs_escape[c]) continue;
    out_->append(value.data() + run_start, i - run_start);
    AppendEscape(c, out_);
    run_start = i + 1;
  }
  out_->append(value.data() + run_start, value.size() - run_start);
  out_->push_back('"');
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out_->append(buffer, result.ptr);
}

}  // namespace ctq::gen
