// ResultCollector: the ResultSink behind Database::Query(sql) -> QueryResult.
// It keeps every row, charged to the database's memory budget, so that the
// materialising Query runs on the same executor as the streaming one and a
// result too big for the limit still fails with ResourceExhausted.
//
// Thread-safety: a ResultSink, called one call at a time (see
// ctq/result_sink.h); Take after the query returned.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "ctq/query_result.h"
#include "ctq/result_sink.h"
#include "exec/memory_budget.h"

namespace ctq {

class ResultCollector : public ResultSink {
 public:
  // `budget` may be null (nothing is counted).
  explicit ResultCollector(std::shared_ptr<MemoryBudget> budget);

  absl::Status Begin(const std::vector<ResultColumn>& columns) override;
  absl::Status AddRows(std::vector<std::vector<Value>> rows) override;

  // The result, holding its share of the budget (and the budget) for as long
  // as it or a copy lives. REQUIRES: called once.
  QueryResult Take();

 private:
  std::shared_ptr<MemoryBudget> budget_;
  std::unique_ptr<MemoryReservation> memory_;
  std::vector<ResultColumn> columns_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace ctq
