// Tests of packing files' rows into row groups.
#include "storage/row_group_builder.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

// A file's rows: eventname "<first>", "<first+1>", ...; every third row has
// a NULL eventid.
RowGroup MakeRows(int first, int count) {
  RowGroup rows;
  for (int i = 0; i < count; i++) {
    for (int column = 0; column < kStoredColumnCount; column++) {
      if (column == *FindColumn("eventname")) {
        rows.columns[column].Append(std::to_string(first + i));
      } else if (column == *FindColumn("eventid") && (first + i) % 3 != 0) {
        rows.columns[column].Append("id" + std::to_string(first + i));
      } else {
        rows.columns[column].AppendNull();
      }
    }
    rows.row_count++;
  }
  return rows;
}

std::vector<uint32_t> GroupSizes(const Table& table) {
  std::vector<uint32_t> sizes;
  for (const auto& group : table.row_groups) sizes.push_back(group->row_count);
  return sizes;
}

TEST(RowGroupBuilderTest, SplitsAndPacksInOrder) {
  Table table;
  RowGroupBuilder builder(3, &table);
  builder.Append(MakeRows(0, 4));
  builder.Append(MakeRows(4, 0));
  builder.Append(MakeRows(4, 1));
  builder.Append(MakeRows(5, 5));
  builder.Finish();
  EXPECT_EQ(GroupSizes(table), (std::vector<uint32_t>{3, 3, 3, 1}));
  int next = 0;
  for (const auto& group : table.row_groups) {
    for (uint32_t row = 0; row < group->row_count; row++, next++) {
      EXPECT_EQ(Cell(*group, row, "eventname"), std::to_string(next));
      EXPECT_EQ(
          Cell(*group, row, "eventid"),
          next % 3 == 0 ? std::nullopt : std::optional<std::string>("id" + std::to_string(next)));
      EXPECT_EQ(Cell(*group, row, "awsregion"), std::nullopt);
    }
    // Offsets stay consistent: one per row plus one, ending at the bytes.
    const StringColumnData& names = group->columns[*FindColumn("eventname")];
    EXPECT_EQ(names.offsets.size(), group->row_count + 1u);
    EXPECT_EQ(names.offsets.back(), names.bytes.size());
  }
  EXPECT_EQ(next, 10);
}

TEST(RowGroupBuilderTest, ManySmallFilesShareAGroup) {
  Table table;
  RowGroupBuilder builder(1000, &table);
  for (int i = 0; i < 50; i++) builder.Append(MakeRows(i * 2, 2));
  builder.Finish();
  EXPECT_EQ(GroupSizes(table), (std::vector<uint32_t>{100}));
  EXPECT_EQ(Cell(*table.row_groups[0], 99, "eventname"), "99");
}

TEST(RowGroupBuilderTest, NothingAppendedMeansNoGroups) {
  Table table;
  RowGroupBuilder builder(10, &table);
  builder.Append(MakeRows(0, 0));
  builder.Finish();
  EXPECT_TRUE(table.row_groups.empty());
}

}  // namespace
}  // namespace ctq
