// PhysicalPlan: what the engine's planner hands to exec. One SELECT over the
// CloudTrail table, as a fixed shape of pipelines:
//
//   scan(columns) -> filter -> [hash aggregate] -> [having] -> project
//     -> [distinct] -> [sort / top-N] -> [limit] -> result rows
//
// The scan side runs in parallel over row groups (morsels); the stages after
// an aggregate or a sort run on the combined, much smaller, result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "exec/aggregate_function.h"
#include "exec/expression.h"

namespace ctq {

struct SortKey {
  size_t column = 0;  // index into the projected row
  bool descending = false;
  bool nulls_first = false;  // Trino's default is NULLS LAST in both directions
};

struct PhysicalPlan {
  // Leaf columns of the table to read; scan chunk column i is scan_columns[i].
  std::vector<int> scan_columns;
  // Over the scan chunk; null when there is no WHERE.
  std::unique_ptr<BoundExpr> filter;

  // Aggregation: keys and arguments over the scan chunk. Its output chunk has
  // the key columns first, then one column per aggregate.
  bool aggregate = false;
  std::vector<std::unique_ptr<BoundExpr>> group_keys;
  std::vector<AggregateSpec> aggregates;
  // Over the aggregate output; null when there is no HAVING.
  std::unique_ptr<BoundExpr> having;

  // Over the scan chunk (no aggregate) or the aggregate output: the visible
  // select columns first, then hidden columns that only ORDER BY needs.
  std::vector<std::unique_ptr<BoundExpr>> projections;
  size_t visible_columns = 0;

  bool distinct = false;
  std::vector<SortKey> order_by;
  std::optional<int64_t> limit;
};

}  // namespace ctq
