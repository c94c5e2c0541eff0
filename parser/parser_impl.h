// The recursive-descent parser behind ParseStatement (parser.h). Internal to
// the parser module: parser.cc holds the cursor and the statement and clause
// rules, expression_parser.cc the operators, primary_expression_parser.cc the
// operands.
//
// Thread-compatibility: a Parser parses one statement, on one thread.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "parser/ast.h"
#include "parser/lexer.h"
#include "parser/token.h"

namespace ctq {

// Limits that keep hostile SQL from exhausting the stack. Parser recursion is
// bounded by kMaxParseDepth nested expressions (parentheses, prefix operators,
// function arguments). Tree walks later (destruction, the binder, DumpExpr,
// the evaluator) recurse once per level of nesting, so the height of every
// tree is capped too. Width is not limited: a flat chain `a OR b OR ...` (of
// AND, OR, ||, + -, * / %) is one node with a child per operand, however
// long, and every walk loops over a node's children.
inline constexpr int kMaxParseDepth = 256;
inline constexpr int kMaxExpressionHeight = 1000;

// A new node of `kind` covering `range`; the caller fills in the rest.
inline std::unique_ptr<ParsedExpr> NewExpr(ExprKind kind, SourceRange range) {
  auto expr = std::make_unique<ParsedExpr>();
  expr->kind = kind;
  expr->range = range;
  return expr;
}

class Parser {
 public:
  // `sql` must outlive the Parser; the AST it builds does not refer to it.
  // REQUIRES: sql.size() fits in uint32_t.
  explicit Parser(std::string_view sql);

  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Parses the whole text as one statement. Call at most once.
  absl::StatusOr<std::unique_ptr<Statement>> ParseStatement();

 private:
  using ExprPtr = std::unique_ptr<ParsedExpr>;

  // Token cursor (parser.cc). Tokens are lexed as lookahead first needs them.
  // Peek never runs past the final kEnd or kError token, and Advance never
  // consumes it, so lookahead is always safe. The returned references stay
  // valid for the Parser's lifetime (tokens_ only grows at the back).
  const Token& Peek(size_t ahead = 0) const;
  const Token& Advance();
  bool AtKind(TokenKind kind, size_t ahead = 0) const;
  bool AtKeyword(Keyword keyword, size_t ahead = 0) const;
  // An unquoted, non-reserved word spelled `lowercase_word`, e.g. "rollup".
  bool AtWord(std::string_view lowercase_word, size_t ahead = 0) const;
  // A token usable as a name: a non-reserved word or a quoted identifier.
  bool AtIdentifier(size_t ahead = 0) const;
  bool ConsumeKind(TokenKind kind);
  bool ConsumeKeyword(Keyword keyword);
  absl::Status ExpectKind(TokenKind kind, std::string_view expected);
  absl::Status ExpectKeyword(Keyword keyword, std::string_view expected);
  // "Syntax error: unexpected <token>, expected <expected>" at the token; at a
  // kError token, the lexer's error instead.
  const absl::Status& lex_error() const { return lexer_.error(); }
  absl::Status Unexpected(const Token& token, std::string_view expected) const;
  absl::Status NotSupported(const Token& token, std::string_view what) const;

  // Statements and clauses (parser.cc).
  absl::Status ParseQuery(SelectStatement* select);
  absl::Status ParseSelectItem(SelectItem* item);
  bool AtQualifiedStar() const;
  bool AtImplicitAlias() const;
  absl::Status ParseTableRef(TableRef* table);
  absl::Status CheckNoJoin() const;
  absl::Status ParseGroupBy(SelectStatement* select);
  absl::Status ParseOrderItem(OrderItem* item);
  absl::Status ParseLimit(SelectStatement* select);
  absl::Status CheckUnsupportedQueryTail() const;
  absl::Status ParseIdentifier(std::string* name, std::string_view expected);
  // name {'.' name}; `expected_first` names the first name in errors.
  absl::Status ParseQualifiedName(std::vector<std::string>* parts, SourceRange* range,
                                  std::string_view expected_first);

  // Schema statements (show_statement_parser.cc).
  bool AtShowStatement() const;
  absl::Status ParseShow(ShowStatement* show);
  absl::Status ParseLikeClause(ShowStatement* show);
  // An optional ';' and the end of the text, for statements that have no
  // clauses to misplace.
  absl::StatusOr<std::unique_ptr<Statement>> ExpectStatementEnd(
      std::unique_ptr<Statement> statement);

  // Operators (expression_parser.cc). ParseExpr parses operators that bind at
  // least as tightly as `min_precedence` (the Precedence enum there); 0 takes
  // every operator.
  absl::StatusOr<ExprPtr> ParseExpr(int min_precedence = 0);
  absl::StatusOr<ExprPtr> ParsePrefix(int min_precedence);
  absl::StatusOr<ExprPtr> ParsePredicate(ExprPtr left);
  absl::StatusOr<ExprPtr> ParseInList(ExprPtr value, bool negated, const Token& in);
  // Every interior node goes through Seal once its children are in place: it
  // records the node's height, or fails if the tree grew past
  // kMaxExpressionHeight (the error points at `error_range`).
  absl::StatusOr<ExprPtr> Seal(ExprPtr node, SourceRange error_range);
  // Appends `op operand` to the sealed kBinary `chain` (ParsedExpr::OpBefore),
  // keeping its recorded height; fails like Seal.
  absl::Status ExtendChain(ParsedExpr* chain, BinaryOp op, ExprPtr operand,
                           SourceRange error_range);
  // Primary expressions (primary_expression_parser.cc).
  absl::StatusOr<ExprPtr> ParsePrimary();
  absl::StatusOr<ExprPtr> ParseParenthesized();
  absl::StatusOr<ExprPtr> ParseNameOrCall();
  absl::Status CheckUnsupportedWord() const;
  // Forms that start with a plain word: typed literals (`DATE '...'`),
  // INTERVAL, niladic functions (current_timestamp), EXTRACT. Null when the
  // word starts none of them (it is then a name or a call).
  absl::StatusOr<ExprPtr> ParseWordForm();
  absl::StatusOr<ExprPtr> ParseInterval();
  absl::StatusOr<ExprPtr> ParseExtract();
  absl::StatusOr<ExprPtr> ParseCall(const Token& name_token, std::string name);
  absl::StatusOr<ExprPtr> ParseArrayConstructor();
  std::optional<absl::StatusOr<ExprPtr>> ParseTrimFrom();
  absl::StatusOr<ExprPtr> ParseCast();
  absl::StatusOr<ExprPtr> ParseCase();
  absl::Status ParseTypeName(std::string* type_name);

  std::string_view sql_;
  // Lexing on demand is a cache fill, hence mutable: Peek is logically const.
  mutable Lexer lexer_;
  mutable std::deque<Token> tokens_;  // all tokens lexed so far
  size_t pos_ = 0;                    // index in tokens_ of the next token
  SourceRange last_range_;            // the last token consumed
  int depth_ = 0;                     // ParseExpr calls on the stack
  // Heights of sealed nodes that have no parent yet; a node that is absent is
  // a leaf (height 1). Entries go when the parent is sealed, so the map stays
  // small and never holds a pointer to a node that was freed.
  absl::flat_hash_map<const ParsedExpr*, int> heights_;
};

}  // namespace ctq
