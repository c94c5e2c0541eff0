// Scalar functions: the string functions CloudTrail queries use, with
// Trino's semantics (positions and lengths count code points, not bytes;
// NULL in gives NULL out except for coalesce).
#include <algorithm>
#include <optional>
#include <string>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/expression_evaluator.h"
#include "exec/json_functions.h"
#include "exec/time_functions.h"
#include "exec/url_parts.h"
#include "exec/utf8.h"
#include "re2/re2.h"
#include "utf8proc.h"

namespace ctq {
namespace {

// Byte offsets of each code point start in `s`, plus s.size() at the end.
void CodePointOffsets(std::string_view s, std::vector<size_t>* offsets) {
  offsets->clear();
  for (size_t pos = 0; pos < s.size();) {
    offsets->push_back(pos);
    pos += Utf8SequenceLength(static_cast<unsigned char>(s[pos]));
  }
  offsets->push_back(s.size());
}

// Trino's upper/lower (airlift's SliceUtf8.toUpperCase/toLowerCase): each
// code point by Unicode's simple case mapping (Java's Character.toUpperCase;
// no "ß" to "SS"), from utf8proc's tables (decision 24). Bytes that are not
// UTF-8 are copied as they are.
void ChangeCase(std::string_view s, bool upper, std::string* out) {
  out->clear();
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  for (size_t pos = 0; pos < s.size();) {
    const unsigned char lead = static_cast<unsigned char>(s[pos]);
    if (lead < 0x80) {
      char c = s[pos];
      if (upper && c >= 'a' && c <= 'z') c -= 32;
      if (!upper && c >= 'A' && c <= 'Z') c += 32;
      out->push_back(c);
      pos++;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(bytes + pos, static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (len <= 0) {
      out->push_back(s[pos]);
      pos++;
      continue;
    }
    // utf8proc maps ß (U+00DF) up to ẞ (U+1E9E); Unicode's simple mapping,
    // and so Java's and Trino's, keeps it.
    const utf8proc_int32_t mapped =
        upper ? (cp == 0xDF ? cp : utf8proc_toupper(cp)) : utf8proc_tolower(cp);
    utf8proc_uint8_t encoded[4];
    const utf8proc_ssize_t written = utf8proc_encode_char(mapped, encoded);
    out->append(reinterpret_cast<const char*>(encoded), static_cast<size_t>(written));
    pos += static_cast<size_t>(len);
  }
}

bool IsTrimSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Removes from the chosen ends of `s` every code point found in `characters`.
void TrimCodePoints(std::string_view* s, std::string_view characters, bool left, bool right) {
  auto is_trimmed = [&](std::string_view code_point) {
    for (size_t pos = 0; pos < characters.size();) {
      const size_t len = Utf8SequenceLength(static_cast<unsigned char>(characters[pos]));
      if (characters.substr(pos, len) == code_point) return true;
      pos += len;
    }
    return false;
  };
  while (left && !s->empty()) {
    const size_t len = std::min(s->size(), Utf8SequenceLength(static_cast<unsigned char>(s->front())));
    if (!is_trimmed(s->substr(0, len))) break;
    s->remove_prefix(len);
  }
  while (right && !s->empty()) {
    size_t start = s->size() - 1;
    while (start > 0 && (static_cast<unsigned char>((*s)[start]) & 0xC0) == 0x80) start--;
    if (!is_trimmed(s->substr(start))) break;
    s->remove_suffix(s->size() - start);
  }
}

// strpos(s, sub, instance): the code point position of the instance-th
// occurrence (from the end when negative; occurrences may overlap), 0 if
// none. An empty `sub` is found at 1 (Trino's StringFunctions.stringPosition).
int64_t StringPosition(std::string_view s, std::string_view sub, int64_t instance) {
  if (sub.empty()) return 1;
  size_t found = std::string_view::npos;
  if (instance > 0) {
    size_t from = 0;
    for (int64_t k = 0; k < instance; k++) {
      found = s.find(sub, from);
      if (found == std::string_view::npos) return 0;
      from = found + 1;
    }
  } else {
    // From the end: each earlier occurrence starts before the last one found.
    size_t from = s.size();
    for (int64_t k = 0; k < -instance; k++) {
      found = s.rfind(sub, from);
      if (found == std::string_view::npos) return 0;
      if (found == 0 && k + 1 < -instance) return 0;
      from = found - 1;
    }
  }
  return CodePointCount(s.substr(0, found)) + 1;
}

// lpad/rpad: `s` padded with repeats of `pad` to `size` code points, or cut
// to them (Trino's StringFunctions.pad and its messages).
absl::Status Pad(std::string_view s, int64_t size, std::string_view pad, bool left,
                 std::vector<size_t>* offsets, std::string* out) {
  if (size < 0 || size > INT32_MAX) {
    return absl::InvalidArgumentError("Target length must be in the range [0..2147483647]");
  }
  if (pad.empty()) return absl::InvalidArgumentError("Padding string must not be empty");
  CodePointOffsets(s, offsets);
  const int64_t length = static_cast<int64_t>(offsets->size()) - 1;
  out->clear();
  if (size <= length) {
    out->assign(s.substr(0, (*offsets)[size]));
    return absl::OkStatus();
  }
  std::vector<size_t> pad_offsets;
  CodePointOffsets(pad, &pad_offsets);
  const int64_t pad_length = static_cast<int64_t>(pad_offsets.size()) - 1;
  std::string padding;
  for (int64_t need = size - length; need > 0;) {
    const int64_t take = std::min(need, pad_length);
    padding.append(pad.substr(0, pad_offsets[take]));
    need -= take;
  }
  if (left) {
    out->append(padding).append(s);
  } else {
    out->append(s).append(padding);
  }
  return absl::OkStatus();
}

// One url_extract_* result for row `row` (NULL when the URL does not parse
// or lacks that part).
void UrlPart(ScalarFunction function, std::string_view url, std::string_view name, uint32_t row,
             Vector* out) {
  std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts.has_value()) {
    out->SetNull(row, true);
    return;
  }
  std::optional<std::string_view> text;
  switch (function) {
    case ScalarFunction::kUrlExtractHost:
      text = parts->host;
      break;
    case ScalarFunction::kUrlExtractPath:
      text = parts->path;
      break;
    case ScalarFunction::kUrlExtractProtocol:
      if (!parts->scheme.empty()) text = parts->scheme;
      break;
    case ScalarFunction::kUrlExtractQuery:
      text = parts->query;
      break;
    case ScalarFunction::kUrlExtractFragment:
      text = parts->fragment;
      break;
    case ScalarFunction::kUrlExtractParameter:
      if (parts->query.has_value()) text = QueryParameter(*parts->query, name);
      break;
    case ScalarFunction::kUrlExtractPort:
      if (parts->port.has_value()) {
        out->ints()[row] = *parts->port;
      } else {
        out->SetNull(row, true);
      }
      return;
    default:
      break;
  }
  if (text.has_value()) {
    out->strings()[row] = *text;
  } else {
    out->SetNull(row, true);
  }
}

// concat with more arguments than this (a long `a || b || ...` chain)
// evaluates one argument at a time (EvaluateLongConcat); fewer are all
// evaluated first, which is faster but holds a vector per argument.
constexpr size_t kConcatArgumentsAtOnce = 16;

}  // namespace

absl::Status ExpressionEvaluator::EvaluateLongConcat(const BoundExpr& expr, const Chunk& input,
                                                     Vector* out) {
  const uint32_t n = input.size;
  std::vector<std::string> values(n);
  std::vector<uint8_t> is_null(n, 0);
  Vector arg;
  for (const auto& child : expr.children) {
    CTQ_RETURN_IF_ERROR(Evaluate(*child, input, &arg));
    for (uint32_t i = 0; i < n; i++) {
      if (is_null[i]) continue;
      if (arg.IsNull(i)) {
        is_null[i] = 1;
        std::string().swap(values[i]);  // NULL from here on: free the bytes
      } else {
        values[i].append(std::string_view(arg.strings()[i]));
      }
    }
  }
  *out = Vector(TypeId::kVarchar);
  out->Resize(n);
  for (uint32_t i = 0; i < n; i++) {
    if (is_null[i]) {
      out->SetNull(i, true);
    } else {
      out->strings()[i] = out->heap().Add(values[i]);
    }
  }
  return absl::OkStatus();
}

absl::Status ExpressionEvaluator::EvaluateFunction(const BoundExpr& expr, const Chunk& input,
                                                   Vector* out) {
  if (expr.function == ScalarFunction::kConcat &&
      expr.children.size() > kConcatArgumentsAtOnce) {
    return EvaluateLongConcat(expr, input, out);
  }
  uint32_t n = input.size;
  std::vector<Vector> args;
  CTQ_RETURN_IF_ERROR(EvaluateChildren(expr, input, &args));
  *out = Vector(expr.type);
  out->Resize(n);
  if (IsTimeFunction(expr.function)) return EvaluateTimeFunction(expr, args, n, out);
  if (IsJsonFunction(expr.function)) {
    return EvaluateJsonFunction(expr, args, n, &json_scratch_, out);
  }
  if (IsArrayFunction(expr.function)) return EvaluateArrayFunction(expr, args, n, out);
  if (expr.function == ScalarFunction::kCoalesce) {
    for (uint32_t i = 0; i < n; i++) {
      out->SetNull(i, true);
      for (const Vector& arg : args) {
        if (arg.IsNull(i)) continue;
        out->CopyRow(i, arg, i);
        break;
      }
    }
    for (const Vector& arg : args) out->ShareOwnership(arg);
    return absl::OkStatus();
  }

  std::string& scratch = string_scratch_;
  std::vector<size_t> offsets;
  for (uint32_t i = 0; i < n; i++) {
    if (AnyNullAt(args, i)) {
      out->SetNull(i, true);
      continue;
    }
    auto str = [&](size_t a) { return args[a].strings()[i]; };
    switch (expr.function) {
      case ScalarFunction::kLower:
      case ScalarFunction::kUpper:
        ChangeCase(str(0), expr.function == ScalarFunction::kUpper, &scratch);
        out->strings()[i] = out->heap().Add(scratch);
        break;
      case ScalarFunction::kJsonExtractScalar:
        if (expr.json_path->Extract(str(0), &json_scratch_, &scratch)) {
          out->strings()[i] = out->heap().Add(scratch);
        } else {
          out->SetNull(i, true);
        }
        break;
      case ScalarFunction::kLength:
        out->ints()[i] = CodePointCount(str(0));
        break;
      case ScalarFunction::kConcat: {
        scratch.clear();
        for (size_t a = 0; a < args.size(); a++) scratch.append(str(a));
        out->strings()[i] = out->heap().Add(scratch);
        break;
      }
      case ScalarFunction::kSubstr: {
        std::string_view s = str(0);
        CodePointOffsets(s, &offsets);
        int64_t count = static_cast<int64_t>(offsets.size()) - 1;
        int64_t start = args[1].ints()[i];
        if (start < 0) start = count + start + 1;
        int64_t length = args.size() > 2 ? args[2].ints()[i] : count;
        if (start < 1 || start > count || length <= 0) {
          out->strings()[i] = std::string_view();
          break;
        }
        int64_t end = length >= count - start + 1 ? count : start - 1 + length;
        out->strings()[i] = s.substr(offsets[start - 1], offsets[end] - offsets[start - 1]);
        break;
      }
      case ScalarFunction::kReplace: {
        std::string_view s = str(0), search = str(1);
        std::string_view replacement = args.size() > 2 ? str(2) : std::string_view();
        scratch.clear();
        if (search.empty()) {
          // Trino inserts the replacement before every character and at the end.
          CodePointOffsets(s, &offsets);
          for (size_t k = 0; k + 1 < offsets.size(); k++) {
            scratch.append(replacement).append(s.substr(offsets[k], offsets[k + 1] - offsets[k]));
          }
          scratch.append(replacement);
        } else {
          size_t pos = 0;
          while (true) {
            size_t found = s.find(search, pos);
            if (found == std::string_view::npos) break;
            scratch.append(s.substr(pos, found - pos)).append(replacement);
            pos = found + search.size();
          }
          scratch.append(s.substr(pos));
        }
        out->strings()[i] = out->heap().Add(scratch);
        break;
      }
      case ScalarFunction::kTrim:
      case ScalarFunction::kLtrim:
      case ScalarFunction::kRtrim: {
        std::string_view s = str(0);
        if (args.size() > 1) {
          // trim(s, characters): any of those code points, from the ends.
          TrimCodePoints(&s, str(1), expr.function != ScalarFunction::kRtrim,
                         expr.function != ScalarFunction::kLtrim);
          out->strings()[i] = s;
          break;
        }
        if (expr.function != ScalarFunction::kRtrim) {
          while (!s.empty() && IsTrimSpace(s.front())) s.remove_prefix(1);
        }
        if (expr.function != ScalarFunction::kLtrim) {
          while (!s.empty() && IsTrimSpace(s.back())) s.remove_suffix(1);
        }
        out->strings()[i] = s;
        break;
      }
      case ScalarFunction::kStrpos: {
        const int64_t instance = args.size() > 2 ? args[2].ints()[i] : 1;
        if (instance == 0) {
          return absl::InvalidArgumentError("'instance' must be a positive or negative number.");
        }
        out->ints()[i] = StringPosition(str(0), str(1), instance);
        break;
      }
      case ScalarFunction::kReverse: {
        std::string_view s = str(0);
        CodePointOffsets(s, &offsets);
        scratch.clear();
        for (size_t k = offsets.size() - 1; k > 0; k--) {
          scratch.append(s.substr(offsets[k - 1], offsets[k] - offsets[k - 1]));
        }
        out->strings()[i] = out->heap().Add(scratch);
        break;
      }
      case ScalarFunction::kLpad:
      case ScalarFunction::kRpad:
        CTQ_RETURN_IF_ERROR(Pad(str(0), args[1].ints()[i], str(2),
                                expr.function == ScalarFunction::kLpad, &offsets, &scratch));
        out->strings()[i] = out->heap().Add(scratch);
        break;
      case ScalarFunction::kUrlExtractHost:
      case ScalarFunction::kUrlExtractPath:
      case ScalarFunction::kUrlExtractPort:
      case ScalarFunction::kUrlExtractProtocol:
      case ScalarFunction::kUrlExtractQuery:
      case ScalarFunction::kUrlExtractFragment:
      case ScalarFunction::kUrlExtractParameter:
        UrlPart(expr.function, str(0), args.size() > 1 ? str(1) : std::string_view(), i, out);
        break;
      case ScalarFunction::kUrlEncode:
        out->strings()[i] = out->heap().Add(UrlEncode(str(0)));
        break;
      case ScalarFunction::kUrlDecode: {
        std::optional<std::string> decoded = UrlDecode(str(0));
        if (!decoded.has_value()) {
          return absl::InvalidArgumentError(StrCat("Cannot decode URL: ", str(0)));
        }
        out->strings()[i] = out->heap().Add(*decoded);
        break;
      }
      case ScalarFunction::kStartsWith:
        out->bools()[i] = str(0).substr(0, str(1).size()) == str(1);
        break;
      case ScalarFunction::kSplitPart: {
        int64_t index = args[2].ints()[i];
        if (index <= 0) return absl::InvalidArgumentError("Index must be greater than zero");
        std::string_view s = str(0), delimiter = str(1);
        bool found = false;
        if (delimiter.empty()) {
          // Trino splits an empty delimiter into single characters.
          CodePointOffsets(s, &offsets);
          if (index < static_cast<int64_t>(offsets.size())) {
            out->strings()[i] = s.substr(offsets[index - 1], offsets[index] - offsets[index - 1]);
            found = true;
          }
        } else {
          size_t pos = 0;
          for (int64_t part = 1;; part++) {
            size_t next = s.find(delimiter, pos);
            if (part == index) {
              out->strings()[i] = s.substr(pos, next == std::string_view::npos ? s.npos : next - pos);
              found = true;
              break;
            }
            if (next == std::string_view::npos) break;
            pos = next + delimiter.size();
          }
        }
        if (!found) out->SetNull(i, true);
        break;
      }
      case ScalarFunction::kRegexpLike:
        out->bools()[i] = RE2::PartialMatch(re2::StringPiece(str(0).data(), str(0).size()),
                                            *expr.regexp);
        break;
      case ScalarFunction::kRegexpExtract: {
        const int64_t group = args.size() > 2 ? args[2].ints()[i] : 0;
        const int groups = expr.regexp->NumberOfCapturingGroups();
        if (group < 0 || group > groups) {
          // Trino's message (JoniRegexpFunctions.validateGroup).
          return absl::InvalidArgumentError(
              StrCat("Pattern has ", groups, " groups. Cannot access group ", group));
        }
        std::vector<re2::StringPiece> matches(static_cast<size_t>(groups) + 1);
        re2::StringPiece text(str(0).data(), str(0).size());
        if (!expr.regexp->Match(text, 0, text.size(), RE2::UNANCHORED, matches.data(),
                                static_cast<int>(matches.size())) ||
            matches[group].data() == nullptr) {
          out->SetNull(i, true);
        } else {
          out->strings()[i] = std::string_view(matches[group].data(), matches[group].size());
        }
        break;
      }
      case ScalarFunction::kRegexpReplace: {
        std::string replaced(str(0));
        RE2::GlobalReplace(&replaced, *expr.regexp, re2::StringPiece(expr.format));
        out->strings()[i] = out->heap().Add(replaced);
        break;
      }
      default:  // coalesce and the time functions: handled above
        break;
    }
  }
  for (const Vector& arg : args) out->ShareOwnership(arg);
  return absl::OkStatus();
}

}  // namespace ctq
