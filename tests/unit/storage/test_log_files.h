// Test support for the ingest tests: scratch directories of log files, gzip
// compression, and reading cells back out of row groups.
#pragma once

#include <libdeflate.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"

namespace ctq {

// A fresh directory under the test temp dir, removed with its contents on
// destruction.
class ScratchDir {
 public:
  ScratchDir() {
    static int counter = 0;
    path_ = std::filesystem::path(testing::TempDir()) /
            ("ctq_storage_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string path() const { return path_.string(); }

  // Writes `contents` to `relative` (creating directories); returns the path.
  std::string Write(const std::string& relative, std::string_view contents) const {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// `data` as one gzip member.
inline std::string Gzip(std::string_view data) {
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(6);
  std::string out(libdeflate_gzip_compress_bound(compressor, data.size()), '\0');
  size_t size =
      libdeflate_gzip_compress(compressor, data.data(), data.size(), out.data(), out.size());
  libdeflate_free_compressor(compressor);
  out.resize(size);
  return out;
}

// The value of the leaf column named `column` (SQL name) in `row`, or
// nullopt for NULL.
inline std::optional<std::string> Cell(const RowGroup& rows, uint32_t row,
                                       std::string_view column) {
  std::optional<int> index = FindColumn(column);
  EXPECT_TRUE(index.has_value()) << column;
  if (!index.has_value() || row >= rows.row_count) return std::nullopt;
  const StringColumnData& data = rows.columns[*index];
  if (data.IsNull(row)) return std::nullopt;
  return std::string(data.Get(row));
}

// The number of rows whose `column` equals `value`.
inline int CountEqual(const RowGroup& rows, std::string_view column, std::string_view value) {
  int count = 0;
  for (uint32_t row = 0; row < rows.row_count; row++) {
    if (Cell(rows, row, column) == std::optional<std::string>(value)) count++;
  }
  return count;
}

}  // namespace ctq
