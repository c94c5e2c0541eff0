// QueryResult: the complete, materialised answer to one query.
//
// Thread-safety: immutable once returned by Database::Query; safe for
// concurrent readers.
//
// The rows count against the database's memory limit (Options::
// memory_limit_bytes) until the last copy of the QueryResult that Query
// returned is destroyed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ctq/type.h"
#include "ctq/value.h"

namespace ctq {

class MemoryReservation;  // exec/memory_budget.h

struct ResultColumn {
  std::string name;  // alias, last field name, or _col<N> (Trino's naming)
  Type type = TypeId::kUnknown;
};

class QueryResult {
 public:
  QueryResult() = default;
  QueryResult(std::vector<ResultColumn> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}
  // The same, holding `memory` (what the rows are charged to) as long as the
  // result or a copy of it lives.
  QueryResult(std::vector<ResultColumn> columns, std::vector<std::vector<Value>> rows,
              std::shared_ptr<const MemoryReservation> memory)
      : columns_(std::move(columns)), rows_(std::move(rows)), memory_(std::move(memory)) {}

  size_t column_count() const { return columns_.size(); }
  const std::vector<ResultColumn>& columns() const { return columns_; }
  size_t row_count() const { return rows_.size(); }
  // REQUIRES: row < row_count(), column < column_count().
  const Value& value(size_t row, size_t column) const { return rows_[row][column]; }
  const std::vector<std::vector<Value>>& rows() const { return rows_; }

  // An aligned text table with a "(N rows)" footer, as the ctq CLI prints
  // it: Trino's layout, control characters escaped so that it is safe to
  // show on a terminal, each page of 10,000 rows padded to its own widths.
  std::string ToString() const;

 private:
  std::vector<ResultColumn> columns_;
  std::vector<std::vector<Value>> rows_;
  std::shared_ptr<const MemoryReservation> memory_;
};

}  // namespace ctq
