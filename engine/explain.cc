#include "engine/explain.h"

#include <vector>

#include "ctq/internal/strings.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "exec/plan_executor.h"
#include "exec/scan_pruning.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

// Expression text with scan references by column name. Built from the tree,
// not by rewriting ToString()'s "#N" text: a string literal can hold '#'.
std::string Describe(const BoundExpr& expr, const std::vector<std::string>& names) {
  return expr.ToString([&names](int index) {
    return index >= 0 && static_cast<size_t>(index) < names.size() ? names[index]
                                                                     : StrCat("#", index);
  });
}

// A duration for EXPLAIN ANALYZE.
std::string Ms(uint64_t ns) { return absl::StrFormat("%.1f ms", static_cast<double>(ns) / 1e6); }

}  // namespace

std::string ExplainPlan(const BoundQuery& query, const Table& table,
                        const ExecutionOptions& options, const ExecutionStats* stats,
                        double seconds) {
  const PhysicalPlan& plan = query.plan;
  std::vector<std::string> scan_names;
  for (int leaf : plan.scan_columns) {
    scan_names.push_back(StoredColumnName(leaf));
  }
  std::vector<std::string> upper_names = scan_names;
  if (plan.aggregate) {
    upper_names.clear();
    for (const auto& key : plan.group_keys) upper_names.push_back(Describe(*key, scan_names));
    for (const auto& spec : plan.aggregates) {
      std::string arg = spec.argument ? Describe(*spec.argument, scan_names) : "*";
      const AggregateOptions& o = spec.options;
      std::string second;
      if (spec.second_argument != nullptr) {
        second = StrCat(o.ordered ? " ORDER BY " : ", ", Describe(*spec.second_argument, scan_names),
                        o.ordered && o.descending ? " DESC" : "");
      }
      if (spec.kind == AggregateKind::kApproxPercentile) second = StrCat(", ", FormatDouble(o.fraction));
      upper_names.push_back(StrCat(
          AggregateName(spec.kind), "(",
          spec.kind == AggregateKind::kCountDistinct || o.distinct ? "DISTINCT " : "", arg, second,
          ")"));
    }
  }
  std::vector<std::string> lines;
  std::vector<std::string> outputs;
  for (const auto& column : query.columns) outputs.push_back(column.name);
  lines.push_back(StrCat("Output [", absl::StrJoin(outputs, ", "), "]"));
  if (plan.limit.has_value()) lines.push_back(StrCat("Limit ", *plan.limit));
  if (!plan.order_by.empty()) {
    std::vector<std::string> keys;
    for (const SortKey& key : plan.order_by) {
      keys.push_back(StrCat(Describe(*plan.projections[key.column], upper_names),
                                  key.descending ? " DESC" : " ASC",
                                  key.nulls_first ? " NULLS FIRST" : " NULLS LAST"));
    }
    std::string line = StrCat(plan.limit.has_value() ? "TopN [" : "Sort [",
                              absl::StrJoin(keys, ", "), "]");
    // DISTINCT and the sort are timed together.
    if (stats != nullptr) StrAppend(&line, "  (time: ", Ms(stats->sort_ns), ")");
    lines.push_back(line);
  }
  if (plan.distinct) {
    std::string line = "Distinct";
    if (stats != nullptr && plan.order_by.empty()) {
      StrAppend(&line, "  (time: ", Ms(stats->sort_ns), ")");
    }
    lines.push_back(line);
  }
  std::vector<std::string> projections;
  for (const auto& p : plan.projections) projections.push_back(Describe(*p, upper_names));
  std::string project_line = StrCat("Project [", absl::StrJoin(projections, ", "), "]");
  if (stats != nullptr) {
    StrAppend(&project_line, "  (time: ", Ms(stats->project_ns), plan.aggregate ? "" : " cpu", ")");
  }
  lines.push_back(project_line);
  if (plan.having != nullptr) {
    lines.push_back(StrCat("Filter ", Describe(*plan.having, upper_names)));
  }
  if (plan.aggregate) {
    std::vector<std::string> keys(upper_names.begin(), upper_names.begin() + plan.group_keys.size());
    std::vector<std::string> aggs(upper_names.begin() + plan.group_keys.size(), upper_names.end());
    std::string line = StrCat("HashAggregate keys=[", absl::StrJoin(keys, ", "),
                                    "] aggregates=[", absl::StrJoin(aggs, ", "), "]");
    if (stats != nullptr) {
      StrAppend(&line, "  (groups: ", stats->groups, ", sink: ", Ms(stats->aggregate_ns),
                " cpu, combine: ", Ms(stats->combine_ns), ")");
    }
    lines.push_back(line);
  }
  if (plan.filter != nullptr) {
    std::string line = StrCat("Filter ", Describe(*plan.filter, scan_names));
    if (stats != nullptr) {
      StrAppend(&line, "  (rows out: ", stats->rows_after_filter);
      if (stats->conjuncts_proven > 0) {
        StrAppend(&line, ", conjuncts proven TRUE by zone maps: ", stats->conjuncts_proven);
      }
      StrAppend(&line, ", time: ", Ms(stats->filter_ns), " cpu)");
    }
    lines.push_back(line);
  }
  if (query.has_table) {
    std::string line = StrCat("Scan cloudtrail_logs columns=[", absl::StrJoin(scan_names, ", "),
                              "] row_groups=", table.row_group_count(),
                              " rows=", table.row_count());
    if (!table.stored_groups.empty()) {
      // From metadata alone: what the scan will read of the cache.
      ExecutionStats planned = PlanRowGroups(plan, table, options.prune);
      uint64_t skipped =
          planned.row_groups_skipped_zone_map + planned.row_groups_skipped_skip_index;
      StrAppend(&line, " to_read=", planned.row_groups_total - skipped);
      if (skipped > 0) {
        StrAppend(&line, " skipped_by_zone_map=", planned.row_groups_skipped_zone_map,
                  " skipped_by_skip_index=", planned.row_groups_skipped_skip_index);
      }
      std::string pruning =
          options.prune ? ScanPruner::Build(plan.filter.get(), plan.scan_columns).Describe() : "";
      if (!pruning.empty()) StrAppend(&line, " prune=[", pruning, "]");
    }
    if (stats != nullptr) {
      StrAppend(&line, "  (row groups read: ", stats->row_groups_scanned);
      if (stats->row_groups_skipped_zone_map + stats->row_groups_skipped_skip_index > 0) {
        StrAppend(&line, ", skipped: ", stats->row_groups_skipped_zone_map, " by zone maps, ",
                  stats->row_groups_skipped_skip_index, " by skip index");
      }
      StrAppend(&line, ", rows read: ", stats->rows_scanned);
      if (!table.stored_groups.empty()) StrAppend(&line, ", read: ", Ms(stats->read_ns), " cpu");
      StrAppend(&line, ")");
    }
    lines.push_back(line);
  } else {
    lines.push_back("Values (one row)");
  }
  std::string text;
  for (size_t i = 0; i < lines.size(); i++) {
    StrAppend(&text, std::string(i * 2, ' '), i > 0 ? "-> " : "", lines[i], "\n");
  }
  if (stats != nullptr) StrAppend(&text, absl::StrFormat("Execution time: %.3f ms\n", seconds * 1000));
  return text;
}

}  // namespace ctq
