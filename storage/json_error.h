// Words and byte offsets for the reasons ingest gives when it skips a file
// whose JSON is bad. simdjson reports some errors (invalid UTF-8, a raw
// control character in a string) for a whole batch without a position; the
// scans here find the first offending byte again, and run only on that error
// path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "simdjson.h"
#include "storage/padded_buffer.h"

namespace ctq {

// A short description of `error`, for "malformed JSON near byte N: <this>".
std::string DescribeJsonError(simdjson::error_code error);

// The offset of the first byte of `text` that is not part of a valid UTF-8
// sequence (overlong forms, surrogates and code points over U+10FFFF are
// invalid), or std::string_view::npos if all of it is valid.
size_t FindInvalidUtf8(std::string_view text);

// The offset of the first byte below 0x20 inside a JSON string literal of
// `text` (strings are tracked by quotes and backslash escapes), or npos.
size_t FindUnescapedControl(std::string_view text);

// One replacement made by RepairJsonText: `original_size` bytes of the input
// became `size` bytes at `offset` of the output.
struct TextRepair {
  size_t offset;
  uint32_t original_size;
  uint32_t size;
};

// Copies `text` to `out`, replacing each ill-formed UTF-8 sequence by U+FFFD
// (one per maximal subpart, as the Unicode standard recommends and Java's and
// browsers' decoders do: `\xE2\x82` is one, `\xED\xA0\x80` three), and, inside
// string literals, each \u escape of an unpaired surrogate by `\ufffd`.
// Everything else is copied as is, malformed or not, for the parser to
// judge. Appends each replacement, in order, to `repairs`; returns whether
// there was any.
bool RepairJsonText(std::string_view text, PaddedBuffer* out, std::vector<TextRepair>* repairs);

// The offset in the original text of `offset` in RepairJsonText's output.
size_t OriginalOffset(const std::vector<TextRepair>& repairs, size_t offset);

}  // namespace ctq
