#include "ctq/type.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>


namespace ctq {
namespace type_internal {

// The parameters of one ARRAY type (one unnamed field: the element) or ROW
// type (its fields).
struct Nested {
  std::vector<std::string> names;
  std::vector<Type> types;
};

}  // namespace type_internal

namespace {

using type_internal::Nested;

// A key that differs for any two distinct parameter lists: names can hold
// any character, so each is length-prefixed; nested types are themselves
// interned, so their TypeName (with its own parameters) identifies them.
std::string InternKey(TypeId id, const Nested& nested) {
  std::string key(1, static_cast<char>(id));
  for (size_t i = 0; i < nested.types.size(); i++) {
    key += std::to_string(nested.names[i].size()) + ":" + nested.names[i];
    key += TypeName(nested.types[i]) + ";";
  }
  return key;
}

const Nested* Intern(TypeId id, Nested nested) {
  static std::mutex mu;
  static auto* interned = new std::map<std::string, const Nested*>;
  std::string key = InternKey(id, nested);
  std::lock_guard<std::mutex> lock(mu);
  auto [it, inserted] = interned->try_emplace(std::move(key), nullptr);
  if (inserted) it->second = new Nested(std::move(nested));
  return it->second;
}

const std::string& EmptyName() {
  static const auto* empty = new std::string;
  return *empty;
}

}  // namespace

Type Type::Array(Type element) {
  Type type(TypeId::kArray);
  type.nested_ = Intern(TypeId::kArray, Nested{{""}, {element}});
  return type;
}

Type Type::Row(const std::vector<std::pair<std::string, Type>>& fields) {
  Nested nested;
  for (const auto& [name, field_type] : fields) {
    nested.names.push_back(name);
    nested.types.push_back(field_type);
  }
  Type type(TypeId::kRow);
  type.nested_ = Intern(TypeId::kRow, std::move(nested));
  return type;
}

Type Type::element() const {
  return nested_ == nullptr ? Type(TypeId::kUnknown) : nested_->types[0];
}

int Type::field_count() const {
  return id_ == TypeId::kRow ? static_cast<int>(nested_->types.size()) : 0;
}

const std::string& Type::field_name(int field) const {
  return id_ == TypeId::kRow ? nested_->names[field] : EmptyName();
}

Type Type::field_type(int field) const {
  return id_ == TypeId::kRow ? nested_->types[field] : Type(TypeId::kUnknown);
}

std::optional<int> Type::FindField(std::string_view name) const {
  for (int i = 0; i < field_count(); i++) {
    const std::string& field = nested_->names[i];
    if (field.size() == name.size() &&
        std::equal(field.begin(), field.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return i;
    }
  }
  return std::nullopt;
}

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
    case TypeId::kRow: {
      // RowType#getDisplayName (core/trino-spi/.../type/RowType.java): the
      // fields as `name type` joined by ", ", names bare, never quoted.
      std::string name = "row(";
      for (int i = 0; i < type.field_count(); i++) {
        if (i > 0) name += ", ";
        name += type.field_name(i) + " " + TypeName(type.field_type(i));
      }
      return name + ")";
    }
  }
  return "unknown";
}

}  // namespace ctq
