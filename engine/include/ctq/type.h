// The SQL value types ctq produces: Trino's names, the few CloudTrail needs.
//
// Thread-safety: plain values; safe to share.
#pragma once

#include <cstdint>
#include <string_view>

namespace ctq {

enum class TypeId : uint8_t {
  kUnknown,  // the type of a bare NULL literal; coerces to anything
  kBoolean,
  kBigint,
  kDouble,
  kVarchar,
};

// Trino's name for the type: "varchar", "bigint", "double", "boolean", "unknown".
std::string_view TypeName(TypeId type);

inline bool IsNumeric(TypeId type) { return type == TypeId::kBigint || type == TypeId::kDouble; }

}  // namespace ctq
