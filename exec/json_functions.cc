// JSON functions with Trino's semantics (io.trino.operator.scalar.JsonFunctions
// and JsonExtract): a JSON argument may be JSON or VARCHAR text; text that is
// not valid JSON gives NULL, except json_parse, which names it.
#include "exec/json_functions.h"

#include <cmath>
#include <string>

#include "ctq/internal/strings.h"
#include "exec/json_text.h"
#include "simdjson.h"
#include "storage/compact_json.h"

namespace ctq {
namespace {

// Runs `visit(array)` on the top-level array of `json`; false when `json` is
// not valid JSON or not an array.
template <typename Visit>
bool WithArray(std::string_view json, Visit visit) {
  // Not JSON; and simdjson would memcpy from an empty view's null data().
  if (json.empty()) return false;
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS) return false;
  if (root.type() != simdjson::dom::element_type::ARRAY) return false;
  visit(simdjson::dom::array(root));
  return true;
}

// json_array_contains: whether an element of `array` equals the row's value
// of `needle` (Trino compares a JSON number with a bigint only if it is an
// integer, with a double as a double; strings by value).
bool ArrayContains(simdjson::dom::array array, const Vector& needle, uint32_t row) {
  for (simdjson::dom::element element : array) {
    switch (needle.type().id()) {
      case TypeId::kBoolean:
        if (element.is_bool() && bool(element) == (needle.bools()[row] != 0)) return true;
        break;
      case TypeId::kInteger:
      case TypeId::kBigint:
        if (element.is_int64() && int64_t(element) == needle.ints()[row]) return true;
        break;
      case TypeId::kDouble:
        if (element.is_number() && double(element) == needle.doubles()[row]) return true;
        break;
      default:  // varchar
        if (element.is_string() && std::string_view(element) == needle.strings()[row]) return true;
        break;
    }
  }
  return false;
}

}  // namespace

bool IsJsonFunction(ScalarFunction function) {
  return function >= ScalarFunction::kJsonExtract && function <= ScalarFunction::kIsJsonScalar;
}

absl::Status EvaluateJsonFunction(const BoundExpr& expr, const std::vector<Vector>& args,
                                  uint32_t n, JsonPath::Scratch* scratch, Vector* out) {
  std::string text;
  for (uint32_t i = 0; i < n; i++) {
    if (AnyNullAt(args, i)) {
      out->SetNull(i, true);
      continue;
    }
    const std::string_view json = args[0].strings()[i];
    switch (expr.function) {
      case ScalarFunction::kJsonExtract:
        if (expr.json_path->ExtractJson(json, scratch, &text)) {
          out->strings()[i] = out->heap().Add(text);
        } else {
          out->SetNull(i, true);
        }
        break;
      case ScalarFunction::kJsonParse: {
        std::optional<std::string> canonical = CanonicalJson(json);
        if (!canonical.has_value()) {
          return absl::InvalidArgumentError(StrCat("Cannot convert value to JSON: '", json, "'"));
        }
        out->strings()[i] = out->heap().Add(*canonical);
        break;
      }
      case ScalarFunction::kJsonFormat:
        out->strings()[i] = json;  // a JSON value's text is already Trino's
        break;
      case ScalarFunction::kJsonArrayLength: {
        int64_t length = 0;
        if (!WithArray(json, [&](simdjson::dom::array array) { length = array.size(); })) {
          out->SetNull(i, true);
        } else {
          out->ints()[i] = length;
        }
        break;
      }
      case ScalarFunction::kJsonArrayContains: {
        bool found = false;
        if (!WithArray(json, [&](simdjson::dom::array array) {
              found = ArrayContains(array, args[1], i);
            })) {
          out->SetNull(i, true);
        } else {
          out->bools()[i] = found;
        }
        break;
      }
      case ScalarFunction::kJsonSize: {
        int64_t size = 0;
        if (expr.json_path->Size(json, scratch, &size)) {
          out->ints()[i] = size;
        } else {
          out->SetNull(i, true);
        }
        break;
      }
      case ScalarFunction::kIsJsonScalar: {
        std::optional<std::string> canonical = CanonicalJson(json);
        if (!canonical.has_value()) {
          return absl::InvalidArgumentError(StrCat("Invalid JSON value: ", json));
        }
        out->bools()[i] = canonical->front() != '{' && canonical->front() != '[';
        break;
      }
      default:
        break;
    }
  }
  for (const Vector& arg : args) out->ShareOwnership(arg);
  return absl::OkStatus();
}

}  // namespace ctq
