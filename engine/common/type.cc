#include "ctq/type.h"

namespace ctq {

std::string TypeName(Type type) {
  switch (type.id()) {
    case TypeId::kUnknown:
      return "unknown";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kInteger:
      return "integer";
    case TypeId::kBigint:
      return "bigint";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      // Trino's DecimalType.getDisplayName: no space after the comma.
      return "decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) + ")";
    case TypeId::kVarchar:
      return "varchar";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp(3)";
    case TypeId::kTimestampTz:
      return "timestamp(3) with time zone";
    case TypeId::kIntervalDayTime:
      return "interval day to second";
    case TypeId::kIntervalYearMonth:
      return "interval year to month";
    case TypeId::kJson:
      return "json";
    case TypeId::kIpaddress:
      return "ipaddress";
    case TypeId::kArray:
      return "array(" + TypeName(type.element()) + ")";
  }
  return "unknown";
}

}  // namespace ctq
