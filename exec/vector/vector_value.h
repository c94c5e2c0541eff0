// Moving single values in and out of vectors: for operators that work per row
// on small data (aggregate groups, sorted results), not for scan-side kernels.
#pragma once

#include <string>

#include "ctq/value.h"
#include "exec/vector/vector.h"

namespace ctq {

// The value at `row` of `vector` (NULL-aware, strings copied).
Value GetValue(const Vector& vector, uint32_t row);

// Sets `row` of `vector` (already resized, of `value`'s type or unknown).
// Strings are copied into the vector's heap.
void SetValue(const Value& value, uint32_t row, Vector* vector);

// Appends an unambiguous binary encoding of `vector[row]` to `key`: equal
// values (including NULL) give equal bytes. Used for hashing group keys.
void AppendKey(const Vector& vector, uint32_t row, std::string* key);
void AppendKey(const Value& value, std::string* key);

}  // namespace ctq
