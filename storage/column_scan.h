// Decoding stored columns into query vectors: the one place where storage
// meets exec. Knows nothing about operators beyond "this column, these rows".
#pragma once

#include <cstdint>
#include <memory>

#include "exec/vector/vector.h"
#include "storage/row_group.h"

namespace ctq {

// Fills `out` (made a VARCHAR vector of `count` rows) with rows
// [offset, offset + count) of leaf column `column` of `group`. The strings are
// views into the row group, which `out` keeps alive; a column in dictionary
// form gives a vector with its dictionary and codes (Vector::dictionary()).
// REQUIRES: offset + count <= group->row_count, count <= kVectorSize.
void ScanColumn(const std::shared_ptr<const RowGroup>& group, int column, uint32_t offset,
                uint32_t count, Vector* out);

// The same for rows offset + selection[i], i < count (late materialization:
// a column the filter did not need is read only for the rows that passed it).
void ScanColumnRows(const std::shared_ptr<const RowGroup>& group, int column, uint32_t offset,
                    const uint32_t* selection, uint32_t count, Vector* out);

}  // namespace ctq
