// EXPLAIN: the plan of a bound query as indented text, one operator a line,
// with how many row groups the scan will read. EXPLAIN ANALYZE adds what a
// run actually did.
#pragma once

#include <string>

#include "engine/binder.h"
#include "exec/plan_executor.h"
#include "storage/row_group.h"

namespace ctq {

// `options` says whether the scan prunes; `stats` (null for plain EXPLAIN)
// and `seconds` are what a run did.
std::string ExplainPlan(const BoundQuery& query, const Table& table,
                        const ExecutionOptions& options, const ExecutionStats* stats,
                        double seconds);

}  // namespace ctq
