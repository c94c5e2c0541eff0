// JsonPath: Trino's small JSON path language for json_extract_scalar.
//
//   $            the document
//   .name        object key (letters, digits, `_`, `:`)
//   [name]       object key, unquoted
//   ["name"]     object key, quoted (escapes \" and \\)
//   [N]          array index; also matches an object key "N"
//
// Anything else (`*`, `..`, filters, spaces) is an error when the path is
// compiled, i.e. at bind time, because the path is a literal.
//
// Thread-safety: immutable after Parse; Extract uses caller-owned scratch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ctq {

class JsonPath {
 public:
  struct Step {
    std::string key;                // always set (also "3" for an index step)
    std::optional<uint64_t> index;  // set for [N] and for numeric .N keys
  };

  // InvalidArgument "Invalid JSON path: '<path>'" for a malformed path.
  static absl::StatusOr<JsonPath> Parse(std::string_view path);

  const std::vector<Step>& steps() const { return steps_; }

  // Per-thread scratch memory for Extract (a padded copy of the input).
  struct Scratch {
    std::string buffer;
  };

  // Trino's json_extract_scalar: the scalar at the path as text — a string's
  // unescaped value, a number as written, "true"/"false". Returns false (SQL
  // NULL) for JSON null, objects, arrays, missing keys, out-of-range indexes,
  // and JSON that is invalid where it had to be read. On true, `*out` holds the
  // value (it may point into `scratch`).
  bool Extract(std::string_view json, Scratch* scratch, std::string* out) const;

  // Trino's json_extract: the value at the path (of any kind) as compact JSON
  // (storage/compact_json.h). False (SQL NULL) for a missing key, an index
  // out of range, and invalid JSON.
  bool ExtractJson(std::string_view json, Scratch* scratch, std::string* out) const;

  // json_size: the number of members or elements of the object or array at
  // the path, 0 for a scalar. False (SQL NULL) as for ExtractJson.
  bool Size(std::string_view json, Scratch* scratch, int64_t* out) const;

 private:
  std::vector<Step> steps_;
};

}  // namespace ctq
