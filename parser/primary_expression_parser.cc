// The primary-expression rules of Parser: literals, names, function calls,
// CAST and parentheses, plus the Trino forms ctq recognizes only to say that
// it does not support them.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "parser/parser_impl.h"

namespace ctq {
namespace {

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> candidates) {
  return std::find(candidates.begin(), candidates.end(), word) != candidates.end();
}

std::unique_ptr<ParsedExpr> NewLiteral(LiteralKind literal_kind, const Token& token) {
  auto expr = NewExpr(ExprKind::kLiteral, token.range);
  expr->literal_kind = literal_kind;
  expr->text = token.text;
  return expr;
}

}  // namespace

// primary := literal | name {'.' name} | call | CAST '(' expr AS type ')'
//          | '(' expr ')'
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParsePrimary() {
  const Token& token = Peek();
  ExprPtr result;
  switch (token.kind) {
    case TokenKind::kString:
      result = NewLiteral(LiteralKind::kString, Advance());
      break;
    case TokenKind::kInteger:
      result = NewLiteral(LiteralKind::kInteger, Advance());
      break;
    case TokenKind::kDecimal:
      result = NewLiteral(LiteralKind::kDecimal, Advance());
      break;
    case TokenKind::kLeftParen: {
      CTQ_ASSIGN_OR_RETURN(result, ParseParenthesized());
      break;
    }
    case TokenKind::kQuotedIdentifier: {
      CTQ_ASSIGN_OR_RETURN(result, ParseNameOrCall());
      break;
    }
    case TokenKind::kIdentifier:
      switch (token.keyword) {
        case Keyword::kNone: {
          if (token.text == "try_cast" && AtKind(TokenKind::kLeftParen, 1)) {
            CTQ_ASSIGN_OR_RETURN(result, ParseCast());
            break;
          }
          CTQ_ASSIGN_OR_RETURN(result, ParseWordForm());
          if (result != nullptr) break;
          CTQ_ASSIGN_OR_RETURN(result, ParseNameOrCall());
          break;
        }
        case Keyword::kNull:
          result = NewLiteral(LiteralKind::kNull, Advance());
          break;
        case Keyword::kTrue:
        case Keyword::kFalse:
          result = NewLiteral(LiteralKind::kBoolean, Advance());
          break;
        case Keyword::kCast: {
          CTQ_ASSIGN_OR_RETURN(result, ParseCast());
          break;
        }
        case Keyword::kCase: {
          CTQ_ASSIGN_OR_RETURN(result, ParseCase());
          break;
        }
        case Keyword::kExists:
          return NotSupported(token, "subqueries");
        default:
          return Unexpected(token, "an expression");
      }
      break;
    default:
      return Unexpected(token, "an expression");
  }
  // x AT TIME ZONE 'zone' binds tighter than any operator (Trino's grammar:
  // valueExpression AT timeZoneSpecifier); it is at_timezone(x, zone).
  while (AtWord("at") && AtWord("time", 1) && AtWord("zone", 2)) {
    const Token& at = Advance();
    Advance();
    Advance();
    if (!AtKind(TokenKind::kString)) return NotSupported(Peek(), "AT TIME ZONE with an interval");
    auto call = NewExpr(ExprKind::kFunctionCall, at.range);
    call->function_name = "at_timezone";
    const SourceRange start = result->range;
    call->children.push_back(std::move(result));
    call->children.push_back(NewLiteral(LiteralKind::kString, Advance()));
    call->range = SourceRange::Cover(start, last_range_);
    result = std::move(call);
  }
  // a[i]: the array subscript (Trino's SubscriptExpression), a call of the
  // internal function "$subscript" that users cannot name; r.field after one
  // (Trino's DereferenceExpression: `resources[1].arn`), of "$field" with
  // the name as a string. A dotted name alone (`useridentity.arn`) is a
  // column reference, resolved by the binder.
  while (AtKind(TokenKind::kLeftBracket) || (AtKind(TokenKind::kDot) && AtIdentifier(1))) {
    if (AtKind(TokenKind::kDot)) {
      Advance();
      auto call = NewExpr(ExprKind::kFunctionCall, Peek().range);
      call->function_name = "$field";
      const SourceRange start = result->range;
      call->children.push_back(std::move(result));
      call->children.push_back(NewLiteral(LiteralKind::kString, Advance()));
      call->range = SourceRange::Cover(start, last_range_);
      result = std::move(call);
      continue;
    }
    const Token& open = Advance();
    CTQ_ASSIGN_OR_RETURN(ExprPtr index, ParseExpr());
    CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightBracket, "']'"));
    auto call = NewExpr(ExprKind::kFunctionCall, open.range);
    call->function_name = "$subscript";
    const SourceRange start = result->range;
    call->children.push_back(std::move(result));
    call->children.push_back(std::move(index));
    call->range = SourceRange::Cover(start, last_range_);
    result = std::move(call);
  }
  return result;
}

absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseParenthesized() {
  const Token& open = Advance();
  if (AtKeyword(Keyword::kSelect) || AtKeyword(Keyword::kWith)) {
    return NotSupported(Peek(), "subqueries");
  }
  CTQ_ASSIGN_OR_RETURN(ExprPtr inner, ParseExpr());
  if (AtKind(TokenKind::kComma)) return NotSupported(Peek(), "row constructors");
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
  // The parentheses belong to the expression's text, so that `(a + b) * c`
  // covers the '(' too.
  inner->range = SourceRange::Cover(open.range, last_range_);
  return inner;
}

// Words that start Trino syntax ctq does not support, when they are not plain
// column names: typed literals, special forms and niladic functions.
absl::Status Parser::CheckUnsupportedWord() const {
  const Token& token = Peek();
  if (token.kind != TokenKind::kIdentifier) return absl::OkStatus();
  const std::string& word = token.text;
  if (AtKind(TokenKind::kLeftParen, 1)) {
    if (word == "position") return NotSupported(token, absl::AsciiStrToUpper(word));
    if (word == "row") return NotSupported(token, "ROW constructors");
  }
  if (AtKind(TokenKind::kString, 1)) {
    if (word == "x") return NotSupported(token, "binary literals");
    if (IsOneOf(word, {"time", "real", "smallint", "tinyint", "uuid"})) {
      return NotSupported(token, absl::StrCat(absl::AsciiStrToUpper(word), " literals"));
    }
  }
  if (IsOneOf(word, {"current_time", "localtime", "current_user", "current_role",
                     "current_catalog", "current_schema", "current_path"})) {
    return NotSupported(token, absl::AsciiStrToUpper(word));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseWordForm() {
  const Token& token = Peek();
  const std::string& word = token.text;
  if (word == "interval" && (AtKind(TokenKind::kString, 1) || AtKind(TokenKind::kPlus, 1) ||
                             AtKind(TokenKind::kMinus, 1))) {
    return ParseInterval();
  }
  if (word == "extract" && AtKind(TokenKind::kLeftParen, 1)) return ParseExtract();
  if (word == "array" && AtKind(TokenKind::kLeftBracket, 1)) return ParseArrayConstructor();
  if (word == "trim" && AtKind(TokenKind::kLeftParen, 1)) {
    std::optional<absl::StatusOr<ExprPtr>> trim = ParseTrimFrom();
    if (trim.has_value()) return *std::move(trim);
  }
  if (AtKind(TokenKind::kString, 1) &&
      IsOneOf(word, {"date", "timestamp", "decimal", "double", "bigint", "integer", "int",
                     "boolean", "varchar", "char", "json", "ipaddress"})) {
    // `TYPE 'text'` is CAST('text' AS TYPE), checked when bound.
    const Token& type = Advance();
    auto node = NewExpr(ExprKind::kCast, type.range);
    node->type_name = word;
    node->typed_literal = true;
    node->children.push_back(NewLiteral(LiteralKind::kString, Advance()));
    node->range = SourceRange::Cover(type.range, last_range_);
    return node;
  }
  // Niladic functions: current_timestamp, current_date, localtimestamp (and
  // with parentheses, as Trino allows for none of them, they are names).
  if (IsOneOf(word, {"current_date", "current_timestamp", "localtimestamp"}) &&
      !AtKind(TokenKind::kLeftParen, 1)) {
    const Token& name = Advance();
    auto node = NewExpr(ExprKind::kFunctionCall, name.range);
    node->function_name = word;
    return node;
  }
  return ExprPtr();
}

// interval := INTERVAL [+|-] string field [TO field]
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseInterval() {
  const Token& interval = Advance();
  auto node = NewExpr(ExprKind::kLiteral, interval.range);
  node->literal_kind = LiteralKind::kInterval;
  if (ConsumeKind(TokenKind::kMinus)) {
    node->negated = true;
  } else {
    ConsumeKind(TokenKind::kPlus);
  }
  if (!AtKind(TokenKind::kString)) return Unexpected(Peek(), "a string after INTERVAL");
  node->text = Advance().text;
  auto at_field = [&] {
    return AtKind(TokenKind::kIdentifier) &&
           IsOneOf(Peek().text, {"year", "month", "day", "hour", "minute", "second"});
  };
  if (!at_field()) {
    return Unexpected(Peek(), "YEAR, MONTH, DAY, HOUR, MINUTE or SECOND");
  }
  node->type_name = Advance().text;
  if (AtWord("to")) {
    Advance();
    if (!at_field()) {
      return Unexpected(Peek(), "YEAR, MONTH, DAY, HOUR, MINUTE or SECOND");
    }
    node->type_name += " to " + Advance().text;
  }
  node->range = SourceRange::Cover(interval.range, last_range_);
  return node;
}

// extract := EXTRACT '(' field FROM expr ')': the function of that name
// (Trino's ExtractField: year(x), day_of_week(x), ...).
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseExtract() {
  const Token& extract = Advance();
  Advance();  // '('
  static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"year", "year"},
      {"quarter", "quarter"},
      {"month", "month"},
      {"week", "week"},
      {"day", "day"},
      {"day_of_month", "day"},
      {"day_of_week", "day_of_week"},
      {"dow", "day_of_week"},
      {"day_of_year", "day_of_year"},
      {"doy", "day_of_year"},
      {"year_of_week", "year_of_week"},
      {"yow", "year_of_week"},
      {"hour", "hour"},
      {"minute", "minute"},
      {"second", "second"},
      {"timezone_hour", "timezone_hour"},
      {"timezone_minute", "timezone_minute"},
  };
  std::string function;
  if (AtKind(TokenKind::kIdentifier)) {
    for (const auto& [field, name] : kFields) {
      if (Peek().text == field) function = std::string(name);
    }
  }
  if (function.empty()) return Unexpected(Peek(), "a field to EXTRACT (YEAR, MONTH, DAY, ...)");
  Advance();
  CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kFrom, "FROM"));
  CTQ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExpr());
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
  auto node = NewExpr(ExprKind::kFunctionCall, extract.range);
  node->function_name = std::move(function);
  node->children.push_back(std::move(operand));
  node->range = SourceRange::Cover(extract.range, last_range_);
  return Seal(std::move(node), extract.range);
}

// array := ARRAY '[' [expr {',' expr}] ']': the internal function "$array".
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseArrayConstructor() {
  const Token& array = Advance();
  Advance();  // '['
  auto node = NewExpr(ExprKind::kFunctionCall, array.range);
  node->function_name = "$array";
  if (!AtKind(TokenKind::kRightBracket)) {
    do {
      CTQ_ASSIGN_OR_RETURN(ExprPtr element, ParseExpr());
      node->children.push_back(std::move(element));
    } while (ConsumeKind(TokenKind::kComma));
  }
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightBracket, "',' or ']'"));
  node->range = SourceRange::Cover(array.range, last_range_);
  return Seal(std::move(node), array.range);
}

// trim_from := TRIM '(' [BOTH | LEADING | TRAILING] [chars] FROM string ')'
// (Trino's grammar): trim, ltrim or rtrim of (string[, chars]). nullopt,
// with nothing consumed, when the call has no FROM: then it is a plain call
// trim(string[, chars]).
std::optional<absl::StatusOr<std::unique_ptr<ParsedExpr>>> Parser::ParseTrimFrom() {
  size_t ahead = 2;  // past `trim (`
  if (AtWord("both", ahead) || AtWord("leading", ahead) || AtWord("trailing", ahead)) {
    // A specification word followed by FROM or an expression: this form.
  } else {
    // Look for FROM at the top level of the parentheses.
    int depth = 0;
    for (size_t k = ahead;; k++) {
      const Token& token = Peek(k);
      if (token.kind == TokenKind::kEnd || token.kind == TokenKind::kError) return std::nullopt;
      if (token.kind == TokenKind::kLeftParen || token.kind == TokenKind::kLeftBracket) depth++;
      if (token.kind == TokenKind::kRightParen || token.kind == TokenKind::kRightBracket) {
        if (depth == 0) return std::nullopt;
        depth--;
      }
      if (depth == 0 && token.kind == TokenKind::kIdentifier && token.keyword == Keyword::kFrom) {
        break;
      }
      if (depth == 0 && token.kind == TokenKind::kComma) return std::nullopt;
    }
  }
  const Token& trim = Advance();
  Advance();  // '('
  std::string function = "trim";
  if (AtWord("leading")) function = "ltrim";
  if (AtWord("trailing")) function = "rtrim";
  if (AtWord("both") || AtWord("leading") || AtWord("trailing")) Advance();
  ExprPtr chars;
  if (!AtKeyword(Keyword::kFrom)) {
    CTQ_ASSIGN_OR_RETURN(chars, ParseExpr());
  }
  CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kFrom, "FROM"));
  CTQ_ASSIGN_OR_RETURN(ExprPtr source, ParseExpr());
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
  auto node = NewExpr(ExprKind::kFunctionCall, trim.range);
  node->function_name = std::move(function);
  node->children.push_back(std::move(source));
  if (chars != nullptr) node->children.push_back(std::move(chars));
  node->range = SourceRange::Cover(trim.range, last_range_);
  return Seal(std::move(node), trim.range);
}

// name {'.' name} [call_arguments]
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseNameOrCall() {
  CTQ_RETURN_IF_ERROR(CheckUnsupportedWord());
  const Token& first = Advance();
  auto node = NewExpr(ExprKind::kColumnRef, first.range);
  node->name_parts.push_back(first.text);
  node->last_name_spelling = first.spelling;
  while (AtKind(TokenKind::kDot) && !AtKind(TokenKind::kStar, 1)) {
    Advance();
    if (!AtIdentifier()) return Unexpected(Peek(), "a name after '.'");
    const Token& part = Advance();
    node->name_parts.push_back(part.text);
    node->last_name_spelling = part.spelling;
  }
  if (AtKind(TokenKind::kLeftParen)) {
    if (node->name_parts.size() > 1) return NotSupported(first, "qualified function names");
    return ParseCall(first, std::move(node->name_parts[0]));
  }
  if (AtKind(TokenKind::kDot)) return Unexpected(Peek(1), "a name after '.'");  // `a.*`
  node->range = SourceRange::Cover(first.range, last_range_);
  return node;  // a leaf: nothing to seal
}

// call_arguments := '(' ['*' | [DISTINCT | ALL] expr {',' expr}] ')'
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseCall(const Token& name_token,
                                                              std::string name) {
  Advance();  // '('
  auto node = NewExpr(ExprKind::kFunctionCall, name_token.range);
  if (AtKind(TokenKind::kStar) && AtKind(TokenKind::kRightParen, 1)) {
    Advance();
    node->star = true;
  } else if (!AtKind(TokenKind::kRightParen)) {
    if (ConsumeKeyword(Keyword::kDistinct)) {
      node->distinct = true;
    } else {
      ConsumeKeyword(Keyword::kAll);
    }
    // TRIM(... FROM ...) is ParseTrimFrom's; these are not supported.
    const bool special_form = IsOneOf(name, {"substring", "overlay"});
    do {
      CTQ_ASSIGN_OR_RETURN(ExprPtr argument, ParseExpr());
      node->children.push_back(std::move(argument));
      if (special_form && (AtKeyword(Keyword::kFrom) || AtWord("for") || AtWord("placing"))) {
        return NotSupported(Peek(), absl::StrCat(absl::AsciiStrToUpper(name), "(... FROM ...)"));
      }
    } while (ConsumeKind(TokenKind::kComma));
    if (AtKeyword(Keyword::kOrder) && AtKeyword(Keyword::kBy, 1)) {
      Advance();
      Advance();
      do {
        OrderItem item;
        CTQ_RETURN_IF_ERROR(ParseOrderItem(&item));
        node->order_by.push_back(std::move(item));
      } while (ConsumeKind(TokenKind::kComma));
    }
  }
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "',' or ')'"));
  node->function_name = std::move(name);
  node->range = SourceRange::Cover(name_token.range, last_range_);
  if (AtKeyword(Keyword::kOver)) return NotSupported(Peek(), "window functions");
  if (AtWord("filter") && AtKind(TokenKind::kLeftParen, 1)) return NotSupported(Peek(), "FILTER");
  if (AtWord("within") && AtKeyword(Keyword::kGroup, 1))
    return NotSupported(Peek(), "WITHIN GROUP");
  if ((AtWord("ignore") || AtWord("respect")) && AtKeyword(Keyword::kNulls, 1)) {
    return NotSupported(Peek(), "window functions");
  }
  return Seal(std::move(node), name_token.range);
}

// CAST '(' expr AS type ')'
// cast := (CAST | TRY_CAST) '(' expr AS type ')'
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseCast() {
  const Token& cast = Advance();
  const bool try_cast = cast.keyword != Keyword::kCast;
  CTQ_RETURN_IF_ERROR(
      ExpectKind(TokenKind::kLeftParen, try_cast ? "'(' after TRY_CAST" : "'(' after CAST"));
  CTQ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExpr());
  CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kAs, "AS"));
  auto node = NewExpr(ExprKind::kCast, cast.range);
  node->try_cast = try_cast;
  CTQ_RETURN_IF_ERROR(ParseTypeName(&node->type_name));
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
  node->range = SourceRange::Cover(cast.range, last_range_);
  node->children.push_back(std::move(operand));
  return Seal(std::move(node), cast.range);
}

// case := CASE [operand] WHEN expr THEN expr {WHEN expr THEN expr} [ELSE expr] END
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseCase() {
  const Token& case_token = Advance();
  auto node = NewExpr(ExprKind::kCase, case_token.range);
  if (!AtKeyword(Keyword::kWhen)) {
    CTQ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExpr());
    node->children.push_back(std::move(operand));
    node->case_operand = true;
  }
  if (!AtKeyword(Keyword::kWhen)) return Unexpected(Peek(), "WHEN");
  while (AtKeyword(Keyword::kWhen)) {
    Advance();
    CTQ_ASSIGN_OR_RETURN(ExprPtr condition, ParseExpr());
    CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kThen, "THEN"));
    CTQ_ASSIGN_OR_RETURN(ExprPtr result, ParseExpr());
    node->children.push_back(std::move(condition));
    node->children.push_back(std::move(result));
  }
  if (AtKeyword(Keyword::kElse)) {
    Advance();
    CTQ_ASSIGN_OR_RETURN(ExprPtr otherwise, ParseExpr());
    node->children.push_back(std::move(otherwise));
    node->case_else = true;
  }
  CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kEnd, "WHEN, ELSE or END"));
  node->range = SourceRange::Cover(case_token.range, last_range_);
  return Seal(std::move(node), case_token.range);
}

// type := word {word | '(' integer {',' integer} ')'}, e.g. `varchar(10)`,
// `double precision`, `timestamp(3) with time zone`. Stored lowercased, words
// separated by one space; the binder decides which types exist.
absl::Status Parser::ParseTypeName(std::string* type_name) {
  if (!AtKind(TokenKind::kIdentifier) || Peek().keyword != Keyword::kNone) {
    return Unexpected(Peek(), "a type name");
  }
  const std::string& base = Peek().text;
  std::string type;
  for (;;) {
    const Token& token = Peek();
    if (token.kind == TokenKind::kIdentifier &&
        (token.keyword == Keyword::kNone || token.keyword == Keyword::kWith)) {
      if (!type.empty()) type += ' ';
      type += Advance().text;
      continue;
    }
    if (token.kind != TokenKind::kLeftParen) break;
    if (base == "map") return NotSupported(token, "MAP types");
    if (base == "row") {
      // row(name type {, name type}): stored as "row(name type,name type)".
      Advance();
      type += '(';
      for (;;) {
        const Token& name = Peek();
        if (name.kind != TokenKind::kIdentifier && name.kind != TokenKind::kQuotedIdentifier) {
          return Unexpected(name, "a ROW field name");
        }
        for (char c : name.text) {
          if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_') {
            return NotSupported(name, "a ROW field name other than letters, digits and _");
          }
        }
        type += Advance().text + " ";
        std::string field_type;
        CTQ_RETURN_IF_ERROR(ParseTypeName(&field_type));
        type += field_type;
        if (!ConsumeKind(TokenKind::kComma)) break;
        type += ',';
      }
      CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
      type += ')';
      break;
    }
    if (base == "array") {
      // array(element type), the element any type name.
      Advance();
      std::string element;
      CTQ_RETURN_IF_ERROR(ParseTypeName(&element));
      CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
      type += "(" + element + ")";
      break;
    }
    Advance();
    type += '(';
    for (;;) {
      if (!AtKind(TokenKind::kInteger)) return Unexpected(Peek(), "an integer type parameter");
      type += Advance().text;
      if (!ConsumeKind(TokenKind::kComma)) break;
      type += ',';
    }
    CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "')'"));
    type += ')';
  }
  *type_name = std::move(type);
  return absl::OkStatus();
}

}  // namespace ctq
