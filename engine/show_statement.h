// Runs the schema statements (DESCRIBE / SHOW COLUMNS, SHOW TABLES, SHOW
// FUNCTIONS) against ctq's catalog. Trino answers each by rewriting it into a
// query over its metadata (core/trino-main/.../sql/rewrite/ShowQueriesRewrite
// .java); ctq builds the same result columns, rows and order directly:
//   SHOW COLUMNS: Column, Type, Extra, Comment (varchar), in table order;
//   SHOW TABLES: Table (varchar), by name;
//   SHOW FUNCTIONS: Function, Return Type, Argument Types, Function Type
//     (varchar), Deterministic (boolean), Description (varchar), by
//     lower(Function), then Return Type, Argument Types, Function Type.
// LIKE [ESCAPE] keeps the rows whose name matches, as Trino's LIKE does.
//
// Thread-safety: a pure function of the statement.
#pragma once

#include "absl/status/statusor.h"
#include "ctq/query_result.h"
#include "parser/ast.h"

namespace ctq {

// Errors carry the SQL position: an unknown table or schema, a bad LIKE
// pattern or escape (InvalidArgument).
absl::StatusOr<QueryResult> RunShowStatement(const ShowStatement& show);

}  // namespace ctq
