#include "exec/cast_structured.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
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
  return type == TypeId::kJson || type == TypeId::kIpaddress || type.id() == TypeId::kArray ||
         type.id() == TypeId::kRow;
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
    case TypeId::kRow: {
      // A JSON object keyed by the field names, in field order (Trino's
      // JsonUtil RowJsonGeneratorWriter for a ROW with named fields).
      absl::StatusOr<std::vector<Value>> fields = DecodeRow(value.type(), value.varchar());
      out->push_back('{');
      if (fields.ok()) {
        for (size_t k = 0; k < fields->size(); k++) {
          if (k > 0) out->push_back(',');
          AppendJsonString(value.type().field_name(static_cast<int>(k)), out);
          out->push_back(':');
          AppendAsJson((*fields)[k], out);
        }
      }
      out->push_back('}');
      return;
    }
    default:  // varchar, dates and times, ipaddress: a JSON string of the text
      AppendJsonString(value.ToString(), out);
      return;
  }
}

absl::StatusOr<Value> JsonToValue(simdjson::dom::element element, Type target);

// A JSON array (its items by position, as many as the fields) or object (its
// keys lowercased and matched to the field names; other keys ignored, missing
// fields NULL, a key given twice an error) as a ROW of `target`: Trino's
// JsonUtil.parseJsonToSingleRowBlock.
absl::StatusOr<Value> JsonToRow(simdjson::dom::element element, Type target) {
  using simdjson::dom::element_type;
  const int n = target.field_count();
  std::vector<Value> fields;
  for (int i = 0; i < n; i++) fields.push_back(Value::Null(target.field_type(i)));
  if (element.type() == element_type::ARRAY) {
    simdjson::dom::array items(element);
    if (static_cast<int>(items.size()) != n) {
      return absl::InvalidArgumentError(StrCat("Cannot cast to ", TypeName(target), ". ",
                                               simdjson::minify(element)));
    }
    int i = 0;
    for (simdjson::dom::element item : items) {
      CTQ_ASSIGN_OR_RETURN(fields[i], JsonToValue(item, target.field_type(i)));
      i++;
    }
  } else if (element.type() == element_type::OBJECT) {
    std::vector<bool> written(n, false);
    for (simdjson::dom::key_value_pair entry : simdjson::dom::object(element)) {
      std::optional<int> field = target.FindField(entry.key);
      if (!field.has_value()) continue;
      if (written[*field]) {
        return absl::InvalidArgumentError(StrCat("Cannot cast to ", TypeName(target),
                                                 ". Duplicate field: ", absl::AsciiStrToLower(std::string(entry.key))));
      }
      written[*field] = true;
      CTQ_ASSIGN_OR_RETURN(fields[*field], JsonToValue(entry.value, target.field_type(*field)));
    }
  } else {
    return absl::InvalidArgumentError(
        StrCat("Cannot cast to ", TypeName(target), ". ", simdjson::minify(element)));
  }
  return Value::OfString(target, EncodeArray(fields));
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
    case TypeId::kArray: {
      if (kind != element_type::ARRAY) return fail();
      std::string bytes;
      for (simdjson::dom::element item : simdjson::dom::array(element)) {
        CTQ_ASSIGN_OR_RETURN(Value converted, JsonToValue(item, target.element()));
        AppendArrayElement(converted, &bytes);
      }
      return Value::OfString(target, bytes);
    }
    case TypeId::kRow:
      return JsonToRow(element, target);
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
    case TypeId::kArray:
    case TypeId::kRow: {
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
      CTQ_ASSIGN_OR_RETURN(Value converted, JsonToValue(root, target));
      SetValue(converted, i, out);
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
    if (from == TypeId::kArray || from == TypeId::kRow) {
      return CannotCast(value, target);  // Trino has no such cast
    }
    SetValue(Value::Varchar(value.ToString()), i, out);
    return absl::OkStatus();
  }
  return CannotCast(value, target);
}

}  // namespace ctq
