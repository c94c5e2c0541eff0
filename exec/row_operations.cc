#include "exec/row_operations.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "exec/aggregate_function.h"
#include "exec/vector/vector_value.h"

namespace ctq {

void DistinctRows(size_t width, Rows* rows) {
  absl::flat_hash_set<std::string> seen;
  Rows kept;
  std::string key;
  for (auto& row : *rows) {
    key.clear();
    for (size_t c = 0; c < width; c++) AppendKey(row[c], &key);
    if (seen.insert(key).second) kept.push_back(std::move(row));
  }
  *rows = std::move(kept);
}

bool SortLess(const SortKey& key, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return false;
    return a.is_null() == key.nulls_first;
  }
  int order = CompareValues(a, b);
  return key.descending ? order > 0 : order < 0;
}

void SortRows(const std::vector<SortKey>& keys, std::optional<int64_t> limit, Rows* rows) {
  auto less = [&keys](const std::vector<Value>& a, const std::vector<Value>& b) {
    for (const SortKey& key : keys) {
      if (SortLess(key, a[key.column], b[key.column])) return true;
      if (SortLess(key, b[key.column], a[key.column])) return false;
    }
    return false;
  };
  if (limit.has_value() && static_cast<size_t>(*limit) < rows->size()) {
    std::partial_sort(rows->begin(), rows->begin() + *limit, rows->end(), less);
    rows->resize(*limit);
  } else {
    std::stable_sort(rows->begin(), rows->end(), less);
  }
}

}  // namespace ctq
