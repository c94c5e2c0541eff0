// json_parse's canonical JSON text (storage/compact_json.h writes the
// compact text that json_extract returns).
//
// Thread-safety: plain functions over a thread_local parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ctq {

// Trino's json_parse (and CAST of a JSON literal): `text` re-written with no
// whitespace and every object's keys in sorted order, as Jackson's
// ORDER_MAP_ENTRIES_BY_KEYS mapper writes it (JsonFunctions.jsonParse; of a
// repeated key the last value wins); floats as Java prints a double.
// nullopt if `text` is not exactly one JSON value.
std::optional<std::string> CanonicalJson(std::string_view text);

}  // namespace ctq
