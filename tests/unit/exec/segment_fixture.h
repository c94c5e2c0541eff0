// Helpers shared by the exec tests that run over hand-made row groups and
// in-memory segments: building a row group from named columns, writing
// groups into a segment, and binding SQL.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctq/internal/strings.h"
#include "engine/binder.h"
#include "gtest/gtest.h"
#include "parser/parser.h"
#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"
#include "storage/segment_reader.h"
#include "storage/segment_writer.h"

namespace ctq {
namespace testing_segments {

using Cell = std::optional<std::string>;
using ColumnCells = std::map<std::string, std::vector<Cell>>;

// A row group of `rows` rows: the named columns as given, all others NULL.
inline std::shared_ptr<const RowGroup> MakeGroup(uint32_t rows, const ColumnCells& cells) {
  auto group = std::make_shared<RowGroup>();
  group->row_count = rows;
  for (int c = 0; c < kStoredColumnCount; c++) {
    for (uint32_t r = 0; r < rows; r++) group->columns[c].AppendNull();
  }
  for (const auto& [name, values] : cells) {
    std::optional<int> column = FindColumn(name);
    EXPECT_TRUE(column.has_value()) << name;
    EXPECT_EQ(values.size(), rows) << name;
    if (!column.has_value()) continue;
    StringColumnData data;
    for (const Cell& value : values) {
      if (value.has_value()) {
        data.Append(*value);
      } else {
        data.AppendNull();
      }
    }
    group->columns[*column] = std::move(data);
  }
  return group;
}

// The groups written by SegmentWriter and opened from memory; null (and a
// test failure) if that fails.
inline std::unique_ptr<SegmentReader> WriteSegment(
    const std::vector<std::shared_ptr<const RowGroup>>& groups) {
  SegmentWriter writer;
  for (const auto& group : groups) EXPECT_TRUE(writer.Add(*group).ok());
  auto reader = SegmentReader::OpenBytes("mem.seg", writer.Finish());
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return nullptr;
  return std::move(reader).value();
}

// A whole statement, bound (an empty BoundQuery and a test failure on error).
inline BoundQuery BindSql(const std::string& sql) {
  auto statement = ParseStatement(sql);
  EXPECT_TRUE(statement.ok()) << sql << ": " << statement.status();
  if (!statement.ok()) return BoundQuery();
  auto bound = Bind((*statement)->select, sql, /*now_utc_millis=*/0);
  EXPECT_TRUE(bound.ok()) << sql << ": " << bound.status();
  if (!bound.ok()) return BoundQuery();
  return *std::move(bound);
}

// `select count(*) from cloudtrail_logs where <where>`, bound.
inline BoundQuery BindWhere(const std::string& where) {
  return BindSql(StrCat("select count(*) from cloudtrail_logs where ", where));
}

}  // namespace testing_segments
}  // namespace ctq
