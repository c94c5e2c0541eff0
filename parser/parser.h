// The SQL parser: text in, AST out. A recursive-descent parser over the
// tokens of lexer.h, for the Athena/Trino dialect of ../shared/SQL-DIALECT.md.
//
// Thread-safety: the functions here are pure and safe to call concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "parser/ast.h"

namespace ctq {

// Parses exactly one statement; a single trailing ';' is allowed. The grammar
// is summarized in parser/README.md.
// Errors carry a SourceRange payload (ctq/internal/sql_error.h) that points at
// the offending token:
//   - InvalidArgument for syntax errors ("Syntax error: unexpected 'FROM',
//     expected an expression"), including lexical ones (unterminated strings,
//     stray characters) and expressions nested deeper than the parser allows
//     (256 levels of parentheses, prefix operators or function arguments, or
//     trees more than 1000 nodes high). Flat chains (`a OR b OR ...`, of
//     AND, OR, ||, + -, * / %) are not nesting: any length parses, as one
//     kBinary node (ast.h);
//   - Unimplemented ("not supported: JOIN") for valid Trino outside the dialect.
// Never crashes or throws on any input, including NUL bytes and invalid UTF-8.
absl::StatusOr<std::unique_ptr<Statement>> ParseStatement(std::string_view sql);

// A canonical one-line dump of the tree for tests. Statements:
//   [explain [analyze] ]select [distinct ]cols=[<item>, ...] [from=<name>[ as <alias>]]
//   [where=<expr>] [group_by=[<expr>, ...]] [having=<expr>]
//   [order_by=[<expr> asc|desc[ nulls_first|nulls_last], ...]] [limit=<n>]
// where an item is `*`, `<name>.*` or `<expr>[ as <alias>]`, and absent
// clauses are left out. Schema statements (DESCRIBE is `show columns`):
//   show columns|tables|functions [from=<name>] [like=<pattern>] [escape=<c>] Expressions are fully parenthesized:
//   col(useridentity.username)   literals: 'it''s'  42  1.5  null  true
//   (a = b)  (a and b)  (a || b)  (a + b)  and the other binary operators;
//   chains flat: (a or b or c)  (a + b - c)
//   not(x)  neg(x)  pos(x)       like(v, p)  like(v, p, escape='\')  notlike(...)
//   between(v, lo, hi)  notbetween(...)   in(v; a, b)  notin(...)
//   isnull(v)  isnotnull(v)      fn count(*)  fn count(distinct col(x))  fn lower(col(x))
//   cast(col(x) as varchar(10))
// Names that are not one plain lowercase word are double-quoted: col("a.b").
std::string DumpStatement(const Statement& statement);
std::string DumpExpr(const ParsedExpr& expr);

}  // namespace ctq
