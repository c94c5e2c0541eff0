// The binder: resolves a parsed SELECT against the CloudTrail schema, checks
// types with Trino's rules, and produces the PhysicalPlan that exec runs
// (ctq's plans have one fixed shape, so binding and planning are one step).
//
// Thread-safety: Bind is a pure function of its input.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/query_result.h"
#include "exec/physical_plan.h"
#include "parser/ast.h"

namespace ctq {

struct BoundQuery {
  PhysicalPlan plan;
  std::vector<ResultColumn> columns;  // the visible result columns
  bool has_table = true;              // false for `SELECT 1` (no FROM)
};

// Errors carry the SQL position: InvalidArgument for unknown names, type
// errors and misuse of aggregates; Unimplemented for valid Trino that ctq
// does not support.
// `sql` is the statement text that the AST ranges point into (for messages).
// `now_utc_millis` is the query's one value of current_timestamp / now().
absl::StatusOr<BoundQuery> Bind(const SelectStatement& select, std::string_view sql,
                                int64_t now_utc_millis);

}  // namespace ctq
