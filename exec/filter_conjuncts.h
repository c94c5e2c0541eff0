// FilterConjuncts: a scan's WHERE as its top-level conjuncts (a AND b AND c),
// each with the scan columns it reads. The executor evaluates them one after
// another over a shrinking selection (as the AND's short circuit does), skips
// those a row group's zone maps prove TRUE for every row, and reads a column
// only once a conjunct or the output needs it.
//
// Proving TRUE is the other half of pruning (exec/scan_pruning.h refutes a
// whole row group): `eventtime >= '2017-01-01T00:00:00Z'` over a group whose
// smallest eventtime is later, with no NULL, is TRUE on every row, so the
// group's eventtime column need not even be read.
//
// Thread-safety: immutable after Build(); const methods may run concurrently.
#pragma once

#include <cstdint>
#include <vector>

#include "exec/expression.h"
#include "storage/segment_reader.h"

namespace ctq {

class FilterConjuncts {
 public:
  // `filter` is the plan's WHERE over the scan chunk (null: no conjuncts);
  // scan chunk column i is stored column scan_columns[i].
  static FilterConjuncts Build(const BoundExpr* filter, const std::vector<int>& scan_columns);

  size_t size() const { return conjuncts_.size(); }
  const BoundExpr& conjunct(size_t i) const { return *conjuncts_[i].expr; }
  // The scan chunk columns conjunct i reads (sorted, distinct).
  const std::vector<int>& columns(size_t i) const { return conjuncts_[i].columns; }

  // True only if conjunct i is TRUE for every row of `group` (judged from the
  // zone maps: no NULL, and the whole [min, max] range satisfies it).
  bool AlwaysTrue(size_t i, const SegmentReader& segment, uint32_t group) const;

 private:
  struct Conjunct {
    const BoundExpr* expr = nullptr;
    std::vector<int> columns;
    // A conjunct the zone map can prove: `column op value` (value non-NULL),
    // or `column IS NOT NULL` (is_not_null).
    int stored_column = -1;
    bool is_not_null = false;
    CompareOp op = CompareOp::kEqual;
    std::string value;
  };

  std::vector<Conjunct> conjuncts_;
};

// Appends to `columns` the input columns `expr` reads (unsorted, repeats).
void CollectColumns(const BoundExpr& expr, std::vector<int>* columns);
// Sorts `columns` and drops repeats.
void SortDistinct(std::vector<int>* columns);

}  // namespace ctq
