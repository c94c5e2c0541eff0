// The number of rows in one vector. CI also builds with CTQ_VECTOR_SIZE=2 so
// that bugs at chunk boundaries show up (DuckDB's "vector sizes" job).
#pragma once

#include <cstdint>

namespace ctq {

#ifndef CTQ_VECTOR_SIZE
#define CTQ_VECTOR_SIZE 2048
#endif
inline constexpr uint32_t kVectorSize = CTQ_VECTOR_SIZE;
static_assert(kVectorSize >= 1, "CTQ_VECTOR_SIZE must be positive");

}  // namespace ctq
