// Functions over ARRAY values, IP addresses, and values of any type
// (greatest, least), with Trino's semantics (io.trino.operator.scalar:
// ArrayFunctions, ArraySubscriptOperator, ElementAtFunction, ArrayJoin,
// ArrayContains, ArrayDistinctFunction, ArraySortFunction, ArrayMinMaxUtils,
// SplitToArray (StringFunctions.split), JoniRegexpFunctions.regexpExtractAll,
// IpAddressFunctions.contains). Arrays are decoded into Values per row
// (ctq/internal/array_encoding.h): these run on the rows a query keeps, not
// in scan loops.
#include <algorithm>
#include <cmath>
#include <string>

#include "ctq/internal/array_encoding.h"
#include "ctq/internal/ip_address.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/aggregate_function.h"
#include "exec/json_functions.h"
#include "exec/utf8.h"
#include "exec/vector/vector_value.h"
#include "re2/re2.h"

namespace ctq {
namespace {

bool IsNaN(const Value& v) { return v.type() == TypeId::kDouble && std::isnan(v.dbl()); }

// Trino's `=` between two non-NULL elements: NaN equals nothing.
bool ElementsEqual(const Value& a, const Value& b) {
  return !IsNaN(a) && !IsNaN(b) && CompareValues(a, b) == 0;
}

// ORDER BY's order: NULLs last (array_sort).
bool ElementLess(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return !a.is_null() && b.is_null();
  return CompareValues(a, b) < 0;
}

absl::StatusOr<std::vector<Value>> Elements(const Vector& array, uint32_t row) {
  return DecodeArray(array.type(), array.strings()[row]);
}

// split(s, delimiter[, limit]): at most `limit` parts, the last one holding
// the rest; an empty delimiter splits between code points.
absl::Status Split(std::string_view s, std::string_view delimiter, int64_t limit,
                   std::string* out) {
  if (limit <= 0) return absl::InvalidArgumentError("Limit must be positive");
  out->clear();
  int64_t parts = 0;
  size_t pos = 0;
  while (parts + 1 < limit) {
    size_t end;
    size_t next;
    if (delimiter.empty()) {
      if (pos >= s.size()) break;
      end = pos + Utf8SequenceLength(static_cast<unsigned char>(s[pos]));
      end = std::min(end, s.size());
      next = end;
      if (end == s.size()) break;  // the last character is the rest
    } else {
      end = s.find(delimiter, pos);
      if (end == std::string_view::npos) break;
      next = end + delimiter.size();
    }
    AppendArrayElement(Value::Varchar(s.substr(pos, end - pos)), out);
    parts++;
    pos = next;
  }
  AppendArrayElement(Value::Varchar(s.substr(pos)), out);
  return absl::OkStatus();
}

absl::Status CheckGroup(const RE2& regexp, int64_t group) {
  const int groups = regexp.NumberOfCapturingGroups();
  if (group < 0 || group > groups) {
    return absl::InvalidArgumentError(
        StrCat("Pattern has ", groups, " groups. Cannot access group ", group));
  }
  return absl::OkStatus();
}

// regexp_extract_all: every non-overlapping match (an empty one advances a
// code point), or its group (NULL where the group took no part).
void ExtractAll(std::string_view s, const RE2& regexp, int64_t group, std::string* out) {
  out->clear();
  std::vector<re2::StringPiece> matches(static_cast<size_t>(regexp.NumberOfCapturingGroups()) + 1);
  const re2::StringPiece text(s.data(), s.size());
  size_t pos = 0;
  while (pos <= s.size() &&
         regexp.Match(text, pos, s.size(), RE2::UNANCHORED, matches.data(),
                      static_cast<int>(matches.size()))) {
    const re2::StringPiece& whole = matches[0];
    const re2::StringPiece& wanted = matches[group];
    AppendArrayElement(wanted.data() == nullptr
                           ? Value::Null(TypeId::kVarchar)
                           : Value::Varchar(std::string_view(wanted.data(), wanted.size())),
                       out);
    const size_t end = static_cast<size_t>(whole.data() - s.data()) + whole.size();
    if (whole.empty()) {
      if (end >= s.size()) break;
      pos = end + Utf8SequenceLength(static_cast<unsigned char>(s[end]));
    } else {
      pos = end;
    }
  }
}

}  // namespace

bool IsArrayFunction(ScalarFunction function) {
  return function >= ScalarFunction::kArrayConstructor &&
         function <= ScalarFunction::kIpPrefixContains;
}

absl::Status EvaluateArrayFunction(const BoundExpr& expr, const std::vector<Vector>& args,
                                   uint32_t n, Vector* out) {
  std::string bytes;
  for (uint32_t i = 0; i < n; i++) {
    if (expr.function == ScalarFunction::kArrayConstructor) {
      // NULL arguments are NULL elements, not a NULL array.
      bytes.clear();
      for (const Vector& arg : args) AppendArrayElement(GetValue(arg, i), &bytes);
      out->strings()[i] = out->heap().Add(bytes);
      continue;
    }
    if (AnyNullAt(args, i)) {
      out->SetNull(i, true);
      continue;
    }
    switch (expr.function) {
      case ScalarFunction::kSplit:
        CTQ_RETURN_IF_ERROR(Split(args[0].strings()[i], args[1].strings()[i],
                                  args.size() > 2 ? args[2].ints()[i] : INT64_MAX, &bytes));
        out->strings()[i] = out->heap().Add(bytes);
        break;
      case ScalarFunction::kRegexpExtractAll: {
        const int64_t group = args.size() > 2 ? args[2].ints()[i] : 0;
        CTQ_RETURN_IF_ERROR(CheckGroup(*expr.regexp, group));
        ExtractAll(args[0].strings()[i], *expr.regexp, group, &bytes);
        out->strings()[i] = out->heap().Add(bytes);
        break;
      }
      case ScalarFunction::kCardinality: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        out->ints()[i] = static_cast<int64_t>(elements.size());
        break;
      }
      case ScalarFunction::kElementAt:
      case ScalarFunction::kSubscript: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        const int64_t index = args[1].ints()[i];
        const int64_t size = static_cast<int64_t>(elements.size());
        if (index == 0) return absl::InvalidArgumentError("SQL array indices start at 1");
        if (expr.function == ScalarFunction::kSubscript) {
          if (index < 0) {
            return absl::InvalidArgumentError(StrCat("Array subscript is negative: ", index));
          }
          if (index > size) {
            return absl::InvalidArgumentError(StrCat(
                "Array subscript must be less than or equal to array length: ", index, " > ", size));
          }
        }
        const int64_t position = index > 0 ? index - 1 : size + index;
        if (position < 0 || position >= size) {
          out->SetNull(i, true);  // element_at out of range
          break;
        }
        SetValue(elements[position], i, out);
        break;
      }
      case ScalarFunction::kRowField: {
        CTQ_ASSIGN_OR_RETURN(Value field, DecodeRowField(args[0].type(), args[0].strings()[i],
                                                         static_cast<int>(args[1].ints()[i])));
        SetValue(field, i, out);
        break;
      }
      case ScalarFunction::kContains: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        const Value needle = GetValue(args[1], i);
        bool found = false, saw_null = false;
        for (const Value& element : elements) {
          if (element.is_null()) {
            saw_null = true;
          } else if (ElementsEqual(element, needle)) {
            found = true;
            break;
          }
        }
        // Not found but a NULL element could be it: unknown (Trino's contains).
        if (!found && saw_null) {
          out->SetNull(i, true);
        } else {
          out->bools()[i] = found;
        }
        break;
      }
      case ScalarFunction::kArrayPosition: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        const Value needle = GetValue(args[1], i);
        int64_t position = 0;
        for (size_t k = 0; k < elements.size(); k++) {
          if (!elements[k].is_null() && ElementsEqual(elements[k], needle)) {
            position = static_cast<int64_t>(k) + 1;
            break;
          }
        }
        out->ints()[i] = position;
        break;
      }
      case ScalarFunction::kArrayJoin: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        const std::string_view delimiter = args[1].strings()[i];
        const bool replace_nulls = args.size() > 2;
        bytes.clear();
        bool first = true;
        for (const Value& element : elements) {
          if (element.is_null() && !replace_nulls) continue;
          if (!first) bytes.append(delimiter);
          first = false;
          if (element.is_null()) {
            bytes.append(args[2].strings()[i]);
          } else {
            bytes.append(element.ToString());
          }
        }
        out->strings()[i] = out->heap().Add(bytes);
        break;
      }
      case ScalarFunction::kArrayDistinct:
      case ScalarFunction::kArraySort: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        std::vector<Value> kept;
        if (expr.function == ScalarFunction::kArraySort) {
          kept = std::move(elements);
          std::stable_sort(kept.begin(), kept.end(), ElementLess);
        } else {
          // The first of each value, in order; NULLs are one value, NaNs one
          // (Trino's distinct uses IS NOT DISTINCT FROM).
          std::vector<std::string> seen;
          for (Value& element : elements) {
            std::string key;
            AppendKey(element, &key);
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(std::move(key));
            kept.push_back(std::move(element));
          }
        }
        out->strings()[i] = out->heap().Add(EncodeArray(kept));
        break;
      }
      case ScalarFunction::kArrayMax:
      case ScalarFunction::kArrayMin: {
        CTQ_ASSIGN_OR_RETURN(std::vector<Value> elements, Elements(args[0], i));
        const bool want_max = expr.function == ScalarFunction::kArrayMax;
        const Value* best = nullptr;
        bool saw_null = elements.empty();
        for (const Value& element : elements) {
          if (element.is_null()) {
            saw_null = true;
            break;
          }
          if (best == nullptr || (want_max ? CompareValues(element, *best) > 0
                                           : CompareValues(element, *best) < 0)) {
            best = &element;
          }
        }
        if (saw_null) {
          out->SetNull(i, true);  // a NULL element (or none): NULL
        } else {
          SetValue(*best, i, out);
        }
        break;
      }
      case ScalarFunction::kGreatest:
      case ScalarFunction::kLeast: {
        const bool want_max = expr.function == ScalarFunction::kGreatest;
        Value best = GetValue(args[0], i);
        for (size_t a = 1; a < args.size(); a++) {
          Value candidate = GetValue(args[a], i);
          const int c = CompareValues(candidate, best);
          if (want_max ? c > 0 : c < 0) best = std::move(candidate);
        }
        SetValue(best, i, out);
        break;
      }
      case ScalarFunction::kIpPrefixContains: {
        const std::string_view prefix_text = args[0].strings()[i];
        std::optional<IpPrefix> prefix = ParseIpPrefix(prefix_text);
        if (!prefix.has_value()) {
          return absl::InvalidArgumentError(
              StrCat("Cannot cast value to IPPREFIX: ", prefix_text));
        }
        out->bools()[i] = PrefixContains(*prefix, args[1].strings()[i]);
        break;
      }
      default:
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace ctq
