#include "exec/cast_structured.h"

#include <optional>
#include <string>

#include "ctq/internal/array_encoding.h"
#include "ctq/internal/ip_address.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/vector/vector_value.h"
#include "simdjson.h"
#include "storage/compact_json.h"

namespace ctq {
namespace {

bool IsStructured(Type type) {
  return type == TypeId::kJson || type == TypeId::kIpaddress || type.id() == TypeId::kArray;
}

absl::Status CannotCast(const Value& value, Type target) {
  return absl::InvalidArgumentError(
      StrCat("Cannot cast ", TypeName(value.type()), " '", value.ToString(), "' to ",
             TypeName(target)));
}

// A non-NULL value as JSON text (CAST(x AS JSON)): strings quoted, numbers
// and booleans as their text, arrays element by element, JSON as is.
void AppendAsJson(const Value& value, std::string* out) {
  if (value.is_null()) {
    out->append("null");
    return;
  }
  switch (value.type().id()) {
    case TypeId::kJson:
      out->append(value.varchar());
      return;
    case TypeId::kBoolean:
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      out->append(value.ToString());
      return;
    case TypeId::kArray: {
      absl::StatusOr<std::vector<Value>> elements = DecodeArray(value.type(), value.varchar());
      out->push_back('[');
      if (elements.ok()) {
        for (size_t k = 0; k < elements->size(); k++) {
          if (k > 0) out->push_back(',');
          AppendAsJson((*elements)[k], out);
        }
      }
      out->push_back(']');
      return;
    }
    default:  // varchar, dates and times, ipaddress: a JSON string of the text
      AppendJsonString(value.ToString(), out);
      return;
  }
}

// One JSON value (an array element, or a whole JSON scalar) as a value of
// `target` (CAST(json AS T), JsonToArrayCast): NULL for JSON null; a string
// or number converts to varchar/bigint/double/boolean as Trino's JSON casts do.
absl::StatusOr<Value> JsonToValue(simdjson::dom::element element, Type target) {
  using simdjson::dom::element_type;
  const element_type kind = element.type();
  if (kind == element_type::NULL_VALUE) return Value::Null(target);
  auto fail = [&]() {
    return absl::InvalidArgumentError(StrCat("Cannot cast to ", TypeName(target), ". ",
                                             simdjson::minify(element)));
  };
  switch (target.id()) {
    case TypeId::kJson: {
      std::string text = simdjson::minify(element);
      return Value::OfString(TypeId::kJson, text);
    }
    case TypeId::kVarchar:
      if (kind == element_type::STRING) return Value::Varchar(std::string_view(element));
      if (kind == element_type::BOOL) return Value::Varchar(bool(element) ? "true" : "false");
      if (kind == element_type::INT64) return Value::Varchar(std::to_string(int64_t(element)));
      if (kind == element_type::UINT64) return Value::Varchar(std::to_string(uint64_t(element)));
      if (kind == element_type::DOUBLE) return Value::Varchar(FormatDouble(double(element)));
      return fail();
    case TypeId::kBigint:
    case TypeId::kInteger:
      if (kind == element_type::INT64) {
        const int64_t v = int64_t(element);
        if (target == TypeId::kInteger && (v < INT32_MIN || v > INT32_MAX)) return fail();
        return Value::OfInt64(target, v);
      }
      if (kind == element_type::BOOL) return Value::OfInt64(target, bool(element) ? 1 : 0);
      return fail();
    case TypeId::kDouble:
      if (kind == element_type::INT64) return Value::Double(static_cast<double>(int64_t(element)));
      if (kind == element_type::UINT64) return Value::Double(static_cast<double>(uint64_t(element)));
      if (kind == element_type::DOUBLE) return Value::Double(double(element));
      return fail();
    case TypeId::kBoolean:
      if (kind == element_type::BOOL) return Value::Boolean(bool(element));
      if (kind == element_type::INT64) return Value::Boolean(int64_t(element) != 0);
      return fail();
    default:
      return fail();
  }
}

}  // namespace

bool IsStructuredCast(Type from, Type to) {
  return from != to && (IsStructured(from) || IsStructured(to));
}

absl::Status CastStructuredRow(const Vector& input, uint32_t i, Vector* out) {
  const Type target = out->type();
  const Value value = GetValue(input, i);
  const TypeId from = input.type().id();
  switch (target.id()) {
    case TypeId::kJson: {
      std::string text;
      AppendAsJson(value, &text);
      SetValue(Value::OfString(TypeId::kJson, text), i, out);
      return absl::OkStatus();
    }
    case TypeId::kIpaddress: {
      if (from != TypeId::kVarchar) return CannotCast(value, target);
      std::optional<std::string> bytes = ParseIpAddress(value.varchar());
      if (!bytes.has_value()) {
        // Trino's IpAddressOperators.castFromVarcharToIpAddress.
        return absl::InvalidArgumentError(
            StrCat("Cannot cast value to IPADDRESS: ", value.varchar()));
      }
      SetValue(Value::OfString(TypeId::kIpaddress, *bytes), i, out);
      return absl::OkStatus();
    }
    case TypeId::kArray: {
      if (from != TypeId::kJson) return CannotCast(value, target);
      thread_local simdjson::dom::parser parser;
      simdjson::dom::element root;
      const std::string& json = value.varchar();
      if (parser.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS) {
        return CannotCast(value, target);
      }
      if (root.type() == simdjson::dom::element_type::NULL_VALUE) {
        out->SetNull(i, true);
        return absl::OkStatus();
      }
      if (root.type() != simdjson::dom::element_type::ARRAY) return CannotCast(value, target);
      std::string bytes;
      for (simdjson::dom::element element : simdjson::dom::array(root)) {
        CTQ_ASSIGN_OR_RETURN(Value converted, JsonToValue(element, target.element()));
        AppendArrayElement(converted, &bytes);
      }
      SetValue(Value::OfString(target, bytes), i, out);
      return absl::OkStatus();
    }
    default:
      break;
  }
  // From a structured type to a scalar one.
  if (from == TypeId::kJson) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    const std::string& json = value.varchar();
    if (parser.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS) {
      return CannotCast(value, target);
    }
    if (root.type() == simdjson::dom::element_type::ARRAY ||
        root.type() == simdjson::dom::element_type::OBJECT) {
      return CannotCast(value, target);
    }
    CTQ_ASSIGN_OR_RETURN(Value converted, JsonToValue(root, target));
    SetValue(converted, i, out);
    return absl::OkStatus();
  }
  if (target == TypeId::kVarchar) {
    // IPADDRESS and ARRAY to VARCHAR: their text.
    if (from == TypeId::kArray) return CannotCast(value, target);  // Trino has no such cast
    SetValue(Value::Varchar(value.ToString()), i, out);
    return absl::OkStatus();
  }
  return CannotCast(value, target);
}

}  // namespace ctq
