// Row groups for the segment tests: every encoding the writer picks, NULLs
// next to empty strings, unicode, and JSON text for the token blooms.
#pragma once

#include <memory>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"

namespace ctq::testing {

inline int Col(std::string_view name) { return *FindColumn(name); }

// A row group of `rows` rows whose columns, per column index, are constant,
// all NULL, few distinct values, unique values, or a mix with "" and NULL.
inline std::shared_ptr<const RowGroup> MakeRowGroup(uint32_t rows, uint32_t seed) {
  std::mt19937 rng(seed);
  auto group = std::make_shared<RowGroup>();
  group->row_count = rows;
  const std::string names[] = {"DescribeInstances", "AuthorizeSecurityGroupIngress",
                               "GetObject", "\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88", ""};
  for (int c = 0; c < kStoredColumnCount; c++) {
    StringColumnData& column = group->columns[c];
    for (uint32_t r = 0; r < rows; r++) {
      const uint32_t x = static_cast<uint32_t>(rng());
      switch (c % 6) {
        case 0:  // constant
          column.Append("1.08");
          break;
        case 1:  // all NULL
          column.AppendNull();
          break;
        case 2:  // dictionary with NULLs, unicode and ""
          if (x % 7 == 0) {
            column.AppendNull();
          } else {
            column.Append(names[x % 5]);
          }
          break;
        case 3:  // unique
          column.Append("id-" + std::to_string(seed) + "-" + std::to_string(r) + "-" +
                        std::to_string(x));
          break;
        case 4:  // "" versus NULL versus text
          if (x % 3 == 0) {
            column.AppendNull();
          } else if (x % 3 == 1) {
            column.Append("");
          } else {
            column.Append("J\xC3\xBCrgen " + std::to_string(x % 1000));
          }
          break;
        default:  // JSON text
          column.Append("{\"groupId\":\"sg-" + std::to_string(x % 100000 + 10000000) +
                        "\",\"n\":" + std::to_string(r) + "}");
          break;
      }
    }
  }
  // eventtime: increasing ISO-8601 strings.
  StringColumnData& time = group->columns[Col("eventtime")];
  time = StringColumnData();
  for (uint32_t r = 0; r < rows; r++) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "2024-03-%02u T%02u:%02u:%02uZ", 1 + seed % 28,
                  (r / 3600) % 24, (r / 60) % 60, r % 60);
    time.Append(buffer);
  }
  return group;
}

// Cell-by-cell equality of two columns (NULL vs "" matters).
inline void ExpectSameColumn(const StringColumnData& expected, const StringColumnData& actual,
                             const std::string& where) {
  ASSERT_EQ(expected.size(), actual.size()) << where;
  ASSERT_EQ(actual.offsets.size(), actual.size() + 1u) << where;
  for (uint32_t r = 0; r < expected.size(); r++) {
    ASSERT_EQ(expected.IsNull(r), actual.IsNull(r)) << where << " row " << r;
    if (!expected.IsNull(r)) {
      ASSERT_EQ(expected.Get(r), actual.Get(r)) << where << " row " << r;
    } else {
      ASSERT_EQ(actual.Get(r), "") << where << " row " << r;
    }
  }
}

}  // namespace ctq::testing
