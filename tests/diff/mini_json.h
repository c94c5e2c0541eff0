// A small, independent JSON parser for the differential tests' oracle.
//
// It deliberately shares no code with ctq's storage reader (which uses
// simdjson): the oracle must compute the expected column values on its own.
// Numbers keep the text they were written with, objects keep their key order,
// so values can be rendered the way SQL-DIALECT.md maps JSON to VARCHAR.
//
// Thread-safety: plain values; a parsed tree is immutable after parsing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ctq::difftest {

struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  // kNumber: the number's text as written; kString: the unescaped UTF-8 text.
  std::string text;
  std::vector<JsonNode> items;                             // kArray
  std::vector<std::pair<std::string, JsonNode>> members;   // kObject, document order
};

// Parses exactly one JSON value (surrounding whitespace allowed) from
// `input`, starting at *pos; on success advances *pos past the value.
// Returns nullopt on a syntax error.
std::optional<JsonNode> ParseJsonValue(std::string_view input, size_t* pos);

// Parses a whole document: one value and nothing but whitespace after it.
std::optional<JsonNode> ParseJson(std::string_view input);

// Compact JSON text: no whitespace, keys in document order, numbers as
// written, strings with only the escapes JSON requires (quote, backslash and
// control characters).
std::string CompactJson(const JsonNode& node);

// Trino's json_extract_scalar over `json` for a path of the form `$`
// followed by `.name`, `[name]`, `["quoted"]` or `[N]` steps. Returns nullopt
// (SQL NULL) for JSON null, objects, arrays, missing keys, bad indexes and
// invalid JSON. `*path_ok` is set false for a path outside that language.
std::optional<std::string> JsonExtractScalar(std::string_view json, std::string_view path,
                                             bool* path_ok);

}  // namespace ctq::difftest
