// The partition a log file's path tells: CloudTrail delivers to
//   .../AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<file>
// and organization trails to
//   .../AWSLogs/<org-id>/<account>/CloudTrail/<region>/YYYY/MM/DD/<file>.
// The cache keeps it per row group (account, region, date) for `ctq info`
// and EXPLAIN; the events' own fields stay the truth for queries.
#pragma once

#include <string_view>

#include "storage/row_group.h"

namespace ctq {

// The partition of `path`, or all-empty fields when the path does not have
// the delivery shape (a file copied elsewhere, a test fixture).
RowGroupPartition ParseDeliveryPath(std::string_view path);

// Folds `other` into `into`: fields that differ become empty ("mixed").
void MergePartition(const RowGroupPartition& other, RowGroupPartition* into);

}  // namespace ctq
