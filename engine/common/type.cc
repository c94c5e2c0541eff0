#include "ctq/type.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <mutex>


namespace ctq {
namespace {

// The parameters of one ARRAY type (one unnamed field: the element) or ROW
// type (its fields).
struct Nested {
  std::vector<std::string> names;
  std::vector<Type> types;
};

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

// The interned parameter lists by index (1-based; 0 is none), in chunks that
// are never moved or freed, so a reader needs no lock: a Type holding an
// index was made after its entry was written, and reached the reader through
// whatever handed it the Type.
constexpr uint32_t kChunkBits = 12;
constexpr uint32_t kChunkSize = 1u << kChunkBits;
constexpr uint32_t kChunkCount = (Type::kMaxNestedTypes >> kChunkBits) + 1;

struct InternTable {
  std::mutex mu;
  std::map<std::string, uint32_t> by_key;  // guarded by mu
  uint32_t next = 1;                        // guarded by mu
  std::atomic<const Nested**> chunks[kChunkCount] = {};
};

InternTable& Table() {
  static auto* table = new InternTable;
  return *table;
}

// 0 when the table is full.
uint32_t Intern(TypeId id, Nested nested) {
  InternTable& table = Table();
  std::string key = InternKey(id, nested);
  std::lock_guard<std::mutex> lock(table.mu);
  auto it = table.by_key.find(key);
  if (it != table.by_key.end()) return it->second;
  if (table.next > Type::kMaxNestedTypes) return 0;
  const uint32_t index = table.next++;
  std::atomic<const Nested**>& chunk = table.chunks[index >> kChunkBits];
  if (chunk.load(std::memory_order_relaxed) == nullptr) {
    chunk.store(new const Nested*[kChunkSize](), std::memory_order_release);
  }
  chunk.load(std::memory_order_relaxed)[index & (kChunkSize - 1)] = new Nested(std::move(nested));
  table.by_key.emplace(std::move(key), index);
  return index;
}

const Nested* Lookup(uint32_t index) {
  if (index == 0) return nullptr;
  const Nested** chunk = Table().chunks[index >> kChunkBits].load(std::memory_order_acquire);
  return chunk[index & (kChunkSize - 1)];
}

const std::string& EmptyName() {
  static const auto* empty = new std::string;
  return *empty;
}

}  // namespace

Type Type::Array(Type element) {
  Type type(TypeId::kArray);
  type.set_nested_index(Intern(TypeId::kArray, Nested{{""}, {element}}));
  return type;
}

Type Type::Row(const std::vector<std::pair<std::string, Type>>& fields) {
  Nested nested;
  for (const auto& [name, field_type] : fields) {
    nested.names.push_back(name);
    nested.types.push_back(field_type);
  }
  Type type(TypeId::kRow);
  type.set_nested_index(Intern(TypeId::kRow, std::move(nested)));
  return type;
}

uint32_t Type::NestedTypesLeft() {
  InternTable& table = Table();
  std::lock_guard<std::mutex> lock(table.mu);
  return kMaxNestedTypes + 1 - table.next;
}

Type Type::element() const {
  const Nested* nested = id_ == TypeId::kArray ? Lookup(nested_index()) : nullptr;
  return nested == nullptr ? Type(TypeId::kUnknown) : nested->types[0];
}

int Type::field_count() const {
  const Nested* nested = id_ == TypeId::kRow ? Lookup(nested_index()) : nullptr;
  return nested == nullptr ? 0 : static_cast<int>(nested->types.size());
}

const std::string& Type::field_name(int field) const {
  const Nested* nested = id_ == TypeId::kRow ? Lookup(nested_index()) : nullptr;
  return nested == nullptr ? EmptyName() : nested->names[field];
}

Type Type::field_type(int field) const {
  const Nested* nested = id_ == TypeId::kRow ? Lookup(nested_index()) : nullptr;
  return nested == nullptr ? Type(TypeId::kUnknown) : nested->types[field];
}

std::optional<int> Type::FindField(std::string_view name) const {
  const Nested* nested = id_ == TypeId::kRow ? Lookup(nested_index()) : nullptr;
  if (nested == nullptr) return std::nullopt;
  for (size_t i = 0; i < nested->names.size(); i++) {
    const std::string& field = nested->names[i];
    if (field.size() == name.size() &&
        std::equal(field.begin(), field.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return static_cast<int>(i);
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
