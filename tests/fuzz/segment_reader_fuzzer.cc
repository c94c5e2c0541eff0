// Fuzz target: a segment file (storage/FORMAT.md) given as raw bytes. The
// reader must return DataLoss or decode, never crash, hang or over-allocate.
// Seeds: any file SegmentWriter writes (e.g. the unit tests' segments).
#include <cstddef>
#include <cstdint>
#include <string>

#include "storage/segment_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Large inputs only slow the fuzzer down; the format has no size-dependent
  // paths beyond what a few hundred KB exercises.
  if (size > (1 << 20)) return 0;
  auto reader = ctq::SegmentReader::OpenBytes(
      "fuzz.seg", std::string(reinterpret_cast<const char*>(data), size));
  if (!reader.ok()) return 0;
  for (uint32_t g = 0; g < (*reader)->row_group_count(); g++) {
    (void)(*reader)->MayContain(g, 23, "sg-5887f224");
    (void)(*reader)->eventtime_range(g).MayContainRange("2024", "2025");
    for (int c = 0; c < ctq::kStoredColumnCount; c++) {
      auto column = (*reader)->ReadColumn(g, c);
      if (column.ok() && column->size() != (*reader)->row_count(g)) __builtin_trap();
    }
  }
  return 0;
}
