// ParseStatement, the token cursor, and the rules for statements and clauses.
// The expression rules live in expression_parser.cc.
#include "parser/parser.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "parser/lexer.h"
#include "parser/parser_impl.h"

namespace ctq {
namespace {

// First words of Trino statements other than queries. Naming them turns
// "unexpected 'show'" into the clearer "not supported: SHOW statements".
// (DESCRIBE and SHOW are parsed: show_statement_parser.cc.)
constexpr std::string_view kOtherStatementWords[] = {
    "alter",  "analyze",  "call",   "comment", "commit", "create",   "deallocate",
    "delete", "deny",     "drop",   "execute", "grant",  "insert",   "merge",
    "prepare", "reset",   "revoke", "rollback", "set",   "start",    "table",
    "truncate", "update", "use",    "values",
};

bool IsOtherStatementWord(std::string_view word) {
  for (std::string_view candidate : kOtherStatementWords) {
    if (candidate == word) return true;
  }
  return false;
}

bool IsJoinKeyword(Keyword keyword) {
  switch (keyword) {
    case Keyword::kJoin:
    case Keyword::kCross:
    case Keyword::kInner:
    case Keyword::kLeft:
    case Keyword::kRight:
    case Keyword::kFull:
    case Keyword::kOuter:
      return true;
    default:
      return false;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Statement>> ParseStatement(std::string_view sql) {
  if (sql.size() >= std::numeric_limits<uint32_t>::max()) {
    return SqlInvalid(SourceRange{}, "Syntax error: statement too long");
  }
  return Parser(sql).ParseStatement();
}

Parser::Parser(std::string_view sql) : sql_(sql), lexer_(sql) {}

// ---------------------------------------------------------------------------
// Token cursor.

const Token& Parser::Peek(size_t ahead) const {
  while (tokens_.size() <= pos_ + ahead) {
    if (!tokens_.empty() &&
        (tokens_.back().kind == TokenKind::kEnd || tokens_.back().kind == TokenKind::kError)) {
      return tokens_.back();
    }
    tokens_.push_back(lexer_.Next());
  }
  return tokens_[pos_ + ahead];
}

const Token& Parser::Advance() {
  const Token& token = Peek();
  if (token.kind != TokenKind::kEnd && token.kind != TokenKind::kError) ++pos_;
  last_range_ = token.range;
  return token;
}

bool Parser::AtKind(TokenKind kind, size_t ahead) const { return Peek(ahead).kind == kind; }

bool Parser::AtKeyword(Keyword keyword, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kIdentifier && token.keyword == keyword;
}

bool Parser::AtWord(std::string_view lowercase_word, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kIdentifier && token.keyword == Keyword::kNone &&
         token.text == lowercase_word;
}

bool Parser::AtIdentifier(size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kQuotedIdentifier ||
         (token.kind == TokenKind::kIdentifier && token.keyword == Keyword::kNone);
}

bool Parser::ConsumeKind(TokenKind kind) {
  if (!AtKind(kind)) return false;
  Advance();
  return true;
}

bool Parser::ConsumeKeyword(Keyword keyword) {
  if (!AtKeyword(keyword)) return false;
  Advance();
  return true;
}

absl::Status Parser::ExpectKind(TokenKind kind, std::string_view expected) {
  if (!ConsumeKind(kind)) return Unexpected(Peek(), expected);
  return absl::OkStatus();
}

absl::Status Parser::ExpectKeyword(Keyword keyword, std::string_view expected) {
  if (!ConsumeKeyword(keyword)) return Unexpected(Peek(), expected);
  return absl::OkStatus();
}

absl::Status Parser::Unexpected(const Token& token, std::string_view expected) const {
  if (token.kind == TokenKind::kError) return lex_error();
  return SqlInvalid(token.range,
                    absl::StrCat("Syntax error: unexpected ", DescribeToken(sql_, token),
                                 ", expected ", std::string(expected)));
}

absl::Status Parser::NotSupported(const Token& token, std::string_view what) const {
  return SqlNotSupported(token.range, what);
}

// ---------------------------------------------------------------------------
// statement := [EXPLAIN [ANALYZE]] query [';'] end-of-input

absl::StatusOr<std::unique_ptr<Statement>> Parser::ParseStatement() {
  auto statement = std::make_unique<Statement>();
  const Token& first = Peek();
  if (AtShowStatement()) {
    statement->kind = StatementKind::kShow;
    CTQ_RETURN_IF_ERROR(ParseShow(&statement->show));
    statement->range = SourceRange::Cover(first.range, last_range_);
    return ExpectStatementEnd(std::move(statement));
  }
  if (ConsumeKeyword(Keyword::kExplain)) {
    statement->kind = StatementKind::kExplain;
    if (ConsumeKeyword(Keyword::kAnalyze)) {
      statement->kind = StatementKind::kExplainAnalyze;
      if (AtWord("verbose")) return NotSupported(Peek(), "EXPLAIN ANALYZE VERBOSE");
    }
    if (AtKind(TokenKind::kLeftParen) && !AtKeyword(Keyword::kSelect, 1)) {
      return NotSupported(Peek(), "EXPLAIN options");
    }
    // Trino explains the query it rewrites a SHOW into; ctq has no such query.
    if (AtShowStatement()) {
      return NotSupported(Peek(), absl::StrCat("EXPLAIN ", absl::AsciiStrToUpper(Peek().text)));
    }
  }
  CTQ_RETURN_IF_ERROR(ParseQuery(&statement->select));
  statement->range = SourceRange::Cover(first.range, last_range_);
  const Token& extra = Peek();
  switch (extra.keyword) {
    case Keyword::kFrom:
    case Keyword::kWhere:
    case Keyword::kGroup:
    case Keyword::kHaving:
    case Keyword::kOrder:
    case Keyword::kLimit:
      return SqlInvalid(extra.range,
                        absl::StrCat("Syntax error: unexpected ", DescribeToken(sql_, extra),
                                     "; clauses go in the order FROM, WHERE, GROUP BY, HAVING, "
                                     "ORDER BY, LIMIT"));
    default:
      break;
  }
  return ExpectStatementEnd(std::move(statement));
}

absl::StatusOr<std::unique_ptr<Statement>> Parser::ExpectStatementEnd(
    std::unique_ptr<Statement> statement) {
  ConsumeKind(TokenKind::kSemicolon);
  const Token& extra = Peek();
  if (extra.kind == TokenKind::kEnd) return statement;
  if (extra.kind == TokenKind::kError) return lex_error();
  return SqlInvalid(extra.range,
                    absl::StrCat("Syntax error: unexpected ", DescribeToken(sql_, extra),
                                 " after the end of the statement"));
}

// query := SELECT [DISTINCT | ALL] select_item {',' select_item} [FROM table_ref]
//          [WHERE expr] [GROUP BY expr {',' expr}] [HAVING expr]
//          [ORDER BY order_item {',' order_item}] [LIMIT (integer | ALL)]
absl::Status Parser::ParseQuery(SelectStatement* select) {
  const Token& start = Peek();
  if (start.keyword == Keyword::kWith) return NotSupported(start, "WITH");
  if (start.kind == TokenKind::kLeftParen) return NotSupported(start, "parenthesized queries");
  if (!ConsumeKeyword(Keyword::kSelect)) {
    if (start.kind == TokenKind::kIdentifier && IsOtherStatementWord(start.text)) {
      return NotSupported(start, absl::StrCat(absl::AsciiStrToUpper(start.text), " statements"));
    }
    return Unexpected(start, "SELECT");
  }
  if (ConsumeKeyword(Keyword::kDistinct)) {
    select->distinct = true;
  } else {
    ConsumeKeyword(Keyword::kAll);
  }
  do {
    SelectItem item;
    CTQ_RETURN_IF_ERROR(ParseSelectItem(&item));
    select->select_list.push_back(std::move(item));
  } while (ConsumeKind(TokenKind::kComma));

  if (ConsumeKeyword(Keyword::kFrom)) {
    TableRef table;
    CTQ_RETURN_IF_ERROR(ParseTableRef(&table));
    select->from = std::move(table);
  }
  if (ConsumeKeyword(Keyword::kWhere)) {
    CTQ_ASSIGN_OR_RETURN(select->where, ParseExpr());
  }
  if (AtKeyword(Keyword::kGroup)) CTQ_RETURN_IF_ERROR(ParseGroupBy(select));
  if (ConsumeKeyword(Keyword::kHaving)) {
    CTQ_ASSIGN_OR_RETURN(select->having, ParseExpr());
  }
  CTQ_RETURN_IF_ERROR(CheckUnsupportedQueryTail());
  if (ConsumeKeyword(Keyword::kOrder)) {
    CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kBy, "BY after ORDER"));
    do {
      OrderItem item;
      CTQ_RETURN_IF_ERROR(ParseOrderItem(&item));
      select->order_by.push_back(std::move(item));
    } while (ConsumeKind(TokenKind::kComma));
  }
  CTQ_RETURN_IF_ERROR(CheckUnsupportedQueryTail());
  if (ConsumeKeyword(Keyword::kLimit)) CTQ_RETURN_IF_ERROR(ParseLimit(select));
  CTQ_RETURN_IF_ERROR(CheckUnsupportedQueryTail());
  select->range = SourceRange::Cover(start.range, last_range_);
  return absl::OkStatus();
}

// Valid Trino that may follow a query's clauses but that ctq does not run.
absl::Status Parser::CheckUnsupportedQueryTail() const {
  const Token& token = Peek();
  switch (token.keyword) {
    case Keyword::kUnion:
      return NotSupported(token, "UNION");
    case Keyword::kIntersect:
      return NotSupported(token, "INTERSECT");
    case Keyword::kExcept:
      return NotSupported(token, "EXCEPT");
    case Keyword::kOffset:
      return NotSupported(token, "OFFSET");
    default:
      break;
  }
  if (AtWord("fetch")) return NotSupported(token, "FETCH FIRST");
  return absl::OkStatus();
}

// select_item := '*' | name '.' '*' | expr [[AS] alias]
absl::Status Parser::ParseSelectItem(SelectItem* item) {
  const Token& first = Peek();
  if (ConsumeKind(TokenKind::kStar)) {
    item->star = true;
    item->range = first.range;
    return absl::OkStatus();
  }
  if (AtQualifiedStar()) {
    // name {'.' name} '.' '*': the binder resolves the names (a table or a ROW).
    while (!ConsumeKind(TokenKind::kStar)) {
      const Token& token = Advance();
      if (token.kind != TokenKind::kDot) item->star_qualifier.push_back(token.text);
    }
    item->star = true;
    item->range = SourceRange::Cover(first.range, last_range_);
    return absl::OkStatus();
  }
  CTQ_ASSIGN_OR_RETURN(item->expr, ParseExpr());
  item->range = item->expr->range;
  if (ConsumeKeyword(Keyword::kAs)) {
    if (!AtIdentifier()) return Unexpected(Peek(), "an alias after AS");
    const Token& alias = Advance();
    item->alias = alias.text;
    item->alias_spelling = alias.spelling;
  } else if (AtImplicitAlias()) {
    const Token& alias = Advance();
    item->alias = alias.text;
    item->alias_spelling = alias.spelling;
  }
  item->range = SourceRange::Cover(item->range, last_range_);
  return absl::OkStatus();
}

// Looks ahead for name {'.' name} '.' '*' without consuming anything.
bool Parser::AtQualifiedStar() const {
  size_t ahead = 0;
  if (!AtIdentifier(ahead)) return false;
  for (;;) {
    if (!AtKind(TokenKind::kDot, ahead + 1)) return false;
    if (AtKind(TokenKind::kStar, ahead + 2)) return true;
    if (!AtIdentifier(ahead + 2)) return false;
    ahead += 2;
  }
}

// A name right after a select item or table is an alias, except where it
// starts a clause that Trino allows there (`LIMIT 1` has a spelling without
// reserved words: `FETCH FIRST 1 ROWS ONLY`).
bool Parser::AtImplicitAlias() const {
  if (AtWord("fetch") && (AtKeyword(Keyword::kFirst, 1) || AtWord("next", 1))) return false;
  return AtIdentifier();
}

absl::Status Parser::ParseIdentifier(std::string* name, std::string_view expected) {
  if (!AtIdentifier()) return Unexpected(Peek(), expected);
  *name = Advance().text;
  return absl::OkStatus();
}

// qualifiedName := name {'.' name}
absl::Status Parser::ParseQualifiedName(std::vector<std::string>* parts, SourceRange* range,
                                        std::string_view expected_first) {
  const Token& first = Peek();
  do {
    std::string part;
    CTQ_RETURN_IF_ERROR(ParseIdentifier(
        &part, parts->empty() ? expected_first : std::string_view("a name after '.'")));
    parts->push_back(std::move(part));
  } while (ConsumeKind(TokenKind::kDot));
  *range = SourceRange::Cover(first.range, last_range_);
  return absl::OkStatus();
}

// table_ref := name {'.' name} [[AS] alias]
absl::Status Parser::ParseTableRef(TableRef* table) {
  const Token& first = Peek();
  if (first.kind == TokenKind::kLeftParen) return NotSupported(first, "subqueries");
  if (AtKind(TokenKind::kLeftParen, 1)) {
    if (AtWord("unnest")) return NotSupported(first, "UNNEST");
    if (AtWord("lateral")) return NotSupported(first, "LATERAL");
  }
  SourceRange name_range;
  CTQ_RETURN_IF_ERROR(ParseQualifiedName(&table->name_parts, &name_range, "a table name"));
  if (AtKind(TokenKind::kLeftParen)) return NotSupported(Peek(), "table functions");
  if (AtWord("tablesample")) return NotSupported(Peek(), "TABLESAMPLE");
  CTQ_RETURN_IF_ERROR(CheckNoJoin());
  if (ConsumeKeyword(Keyword::kAs)) {
    CTQ_RETURN_IF_ERROR(ParseIdentifier(&table->alias, "an alias after AS"));
  } else if (AtImplicitAlias()) {
    table->alias = Advance().text;
  }
  if (AtKind(TokenKind::kLeftParen)) return NotSupported(Peek(), "column aliases");
  if (AtWord("tablesample")) return NotSupported(Peek(), "TABLESAMPLE");
  table->range = SourceRange::Cover(first.range, last_range_);
  return CheckNoJoin();
}

// A second table after the first (`FROM a, b`, `FROM a JOIN b`) is a join.
absl::Status Parser::CheckNoJoin() const {
  const Token& token = Peek();
  if (token.kind == TokenKind::kComma || IsJoinKeyword(token.keyword) ||
      (AtWord("natural") && IsJoinKeyword(Peek(1).keyword))) {
    return NotSupported(token, "JOIN");
  }
  return absl::OkStatus();
}

// GROUP BY [ALL] expr {',' expr}
absl::Status Parser::ParseGroupBy(SelectStatement* select) {
  Advance();  // GROUP
  CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kBy, "BY after GROUP"));
  if (AtKeyword(Keyword::kDistinct)) return NotSupported(Peek(), "GROUP BY DISTINCT");
  ConsumeKeyword(Keyword::kAll);
  do {
    const Token& token = Peek();
    if (AtKind(TokenKind::kLeftParen, 1)) {
      if (AtWord("rollup")) return NotSupported(token, "ROLLUP");
      if (AtWord("cube")) return NotSupported(token, "CUBE");
    }
    if (AtWord("grouping") && AtWord("sets", 1)) return NotSupported(token, "GROUPING SETS");
    if (AtKind(TokenKind::kLeftParen) && AtKind(TokenKind::kRightParen, 1)) {
      return NotSupported(token, "empty grouping sets");
    }
    std::unique_ptr<ParsedExpr> key;
    CTQ_ASSIGN_OR_RETURN(key, ParseExpr());
    select->group_by.push_back(std::move(key));
  } while (ConsumeKind(TokenKind::kComma));
  return absl::OkStatus();
}

// order_item := expr [ASC | DESC] [NULLS (FIRST | LAST)]
absl::Status Parser::ParseOrderItem(OrderItem* item) {
  CTQ_ASSIGN_OR_RETURN(item->expr, ParseExpr());
  if (ConsumeKeyword(Keyword::kDesc)) {
    item->descending = true;
  } else {
    ConsumeKeyword(Keyword::kAsc);
  }
  if (ConsumeKeyword(Keyword::kNulls)) {
    if (ConsumeKeyword(Keyword::kFirst)) {
      item->nulls = NullOrder::kFirst;
    } else if (ConsumeKeyword(Keyword::kLast)) {
      item->nulls = NullOrder::kLast;
    } else {
      return Unexpected(Peek(), "FIRST or LAST after NULLS");
    }
  }
  item->range = SourceRange::Cover(item->expr->range, last_range_);
  return absl::OkStatus();
}

// LIMIT (integer | ALL)
absl::Status Parser::ParseLimit(SelectStatement* select) {
  if (ConsumeKeyword(Keyword::kAll)) return absl::OkStatus();
  const Token& token = Peek();
  if (token.kind != TokenKind::kInteger) return Unexpected(token, "an integer or ALL after LIMIT");
  int64_t limit = 0;
  if (!absl::SimpleAtoi(token.text, &limit)) {
    return SqlInvalid(token.range, absl::StrCat("Syntax error: LIMIT out of range: ", token.text));
  }
  Advance();
  select->limit = limit;
  return absl::OkStatus();
}

}  // namespace ctq
