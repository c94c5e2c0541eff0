#include "ctq/type.h"

namespace ctq {

std::string_view TypeName(TypeId type) {
  switch (type) {
    case TypeId::kUnknown:
      return "unknown";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kBigint:
      return "bigint";
    case TypeId::kDouble:
      return "double";
    case TypeId::kVarchar:
      return "varchar";
  }
  return "unknown";
}

}  // namespace ctq
