// Words and byte offsets for the reasons ingest gives when it skips a file
// whose JSON is bad. simdjson reports some errors (invalid UTF-8, a raw
// control character in a string) for a whole batch without a position; the
// scans here find the first offending byte again, and run only on that error
// path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "simdjson.h"

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

}  // namespace ctq
