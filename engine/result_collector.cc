#include "engine/result_collector.h"

#include <utility>

#include "ctq/internal/strings.h"
#include "exec/row_operations.h"

namespace ctq {
namespace {

// A result's share of the budget, and the budget itself, which must outlive
// the share: a QueryResult may outlive its Database.
struct ResultMemory {
  std::shared_ptr<MemoryBudget> budget;  // declared first: destroyed last
  std::unique_ptr<MemoryReservation> reservation;
};

}  // namespace

ResultCollector::ResultCollector(std::shared_ptr<MemoryBudget> budget)
    : budget_(std::move(budget)), memory_(std::make_unique<MemoryReservation>(budget_.get())) {}

absl::Status ResultCollector::Begin(const std::vector<ResultColumn>& columns) {
  columns_ = columns;
  return absl::OkStatus();
}

absl::Status ResultCollector::AddRows(std::vector<std::vector<Value>> rows) {
  uint64_t bytes = 0;
  for (std::vector<Value>& row : rows) {
    bytes += RowMemoryBytes(row);
    rows_.push_back(std::move(row));
  }
  return memory_->Add(bytes, [&] {
    return StrCat("the result set: ", FormatCount(rows_.size()), " rows of ",
                  FormatCount(columns_.size()), " columns");
  });
}

QueryResult ResultCollector::Take() {
  auto held = std::make_shared<ResultMemory>(ResultMemory{budget_, std::move(memory_)});
  const MemoryReservation* reservation = held->reservation.get();
  return QueryResult(std::move(columns_), std::move(rows_),
                     std::shared_ptr<const MemoryReservation>(std::move(held), reservation));
}

}  // namespace ctq
