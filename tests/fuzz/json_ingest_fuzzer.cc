// libFuzzer target for the per-file ingest step: any bytes, plain or gzip,
// through LogFileParser::ParseBytes. It must never crash or hang, a skipped
// file must yield no rows, and a loaded file's row group must be well formed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "storage/log_file_parser.h"

namespace {

// Like re2_fuzzer.cc, cap the input so that each run stays fast; ingest of
// big files is covered by the unit tests.
constexpr size_t kMaxInputBytes = 1 << 20;

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return -1;  // rejected: not added to the corpus
  // One parser for the whole run, as a worker thread keeps it across files:
  // state left behind by one input must not affect the next.
  static ctq::LogFileParser* parser = new ctq::LogFileParser();
  ctq::ParsedLogFile file;
  absl::Status status =
      parser->ParseBytes(std::string_view(reinterpret_cast<const char*>(data), size), &file);
  const ctq::RowGroup& rows = file.rows;
  if (!status.ok() || file.is_digest) Check(rows.row_count == 0);
  for (const ctq::StringColumnData& column : rows.columns) {
    Check(column.size() == rows.row_count);
    Check(column.offsets.size() == rows.row_count + size_t{1});
    Check(column.offsets.back() == column.bytes.size());
    for (uint32_t row = 0; row < rows.row_count; row++) {
      Check(column.offsets[row] <= column.offsets[row + 1]);
      if (column.IsNull(row)) Check(column.offsets[row] == column.offsets[row + 1]);
    }
  }
  return 0;
}
