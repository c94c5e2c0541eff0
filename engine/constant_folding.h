// Constant folding: a subexpression that reads no column (`now() - interval
// '7' day`, `date_add('day', -30, current_timestamp)`) is computed once when
// the query is bound, so that it is a constant for every row and for scan
// pruning (exec/scan_pruning.h), which compares columns with constants only.
#pragma once

#include <memory>

#include "exec/expression.h"

namespace ctq {

// Replaces, in place, each largest column-free subtree of `expr` by its
// value. A subtree whose evaluation fails (1 / 0) is left as it is, so that
// it raises its error only when a row reaches it, as before.
void FoldConstants(std::unique_ptr<BoundExpr>* expr);

}  // namespace ctq
