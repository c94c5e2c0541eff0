#include "ctq/result_sink.h"

#include <algorithm>

namespace ctq {

absl::Status SendResult(const QueryResult& result, ResultSink& sink) {
  constexpr size_t kBatchRows = 4096;
  absl::Status status = sink.Begin(result.columns());
  const auto& rows = result.rows();
  for (size_t begin = 0; status.ok() && begin < rows.size(); begin += kBatchRows) {
    const size_t end = std::min(rows.size(), begin + kBatchRows);
    status = sink.AddRows(std::vector<std::vector<Value>>(rows.begin() + begin, rows.begin() + end));
  }
  return status;
}

}  // namespace ctq
