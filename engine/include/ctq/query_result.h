// QueryResult: the complete, materialised answer to one query.
//
// Thread-safety: immutable once returned by Database::Query; safe for
// concurrent readers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ctq/type.h"
#include "ctq/value.h"

namespace ctq {

struct ResultColumn {
  std::string name;  // alias, last field name, or _col<N> (Trino's naming)
  TypeId type = TypeId::kUnknown;
};

class QueryResult {
 public:
  QueryResult() = default;
  QueryResult(std::vector<ResultColumn> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  size_t column_count() const { return columns_.size(); }
  const std::vector<ResultColumn>& columns() const { return columns_; }
  size_t row_count() const { return rows_.size(); }
  // REQUIRES: row < row_count(), column < column_count().
  const Value& value(size_t row, size_t column) const { return rows_[row][column]; }
  const std::vector<std::vector<Value>>& rows() const { return rows_; }

  // An aligned text table with a "(N rows)" footer, as the REPL prints it.
  std::string ToString() const;

 private:
  std::vector<ResultColumn> columns_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace ctq
