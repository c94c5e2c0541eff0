// Tests of dictionary-form execution: cache chunks kept in dictionary form
// (storage/row_group.h, SegmentReader::ReadColumnInto(..., keep_dictionary)),
// VARCHAR vectors that carry the dictionary and codes (storage/column_scan.h,
// exec/vector/vector.h), predicates evaluated once per dictionary entry
// (ExpressionEvaluator::SelectRows), GROUP BY keys read through dictionaries
// (exec/hash_aggregate.h), and whole queries over cache row groups. Every
// dictionary path is checked against the same work done without dictionaries.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "engine/binder.h"
#include "exec/expression_evaluator.h"
#include "exec/hash_aggregate.h"
#include "exec/plan_executor.h"
#include "exec/vector/vector.h"
#include "exec/vector/vector_size.h"
#include "exec/vector/vector_value.h"
#include "gtest/gtest.h"
#include "parser/parser.h"
#include "storage/cache_manifest.h"
#include "storage/cloudtrail_schema.h"
#include "storage/column_scan.h"
#include "storage/row_group.h"
#include "storage/segment_reader.h"
#include "storage/segment_writer.h"
#include "tests/unit/exec/segment_fixture.h"

namespace ctq {
namespace {

using testing_segments::BindSql;
using testing_segments::BindWhere;
using testing_segments::Cell;
using testing_segments::ColumnCells;
using testing_segments::MakeGroup;

// In a shared_ptr: StoredRowGroup and the fixtures share the reader.
std::shared_ptr<const SegmentReader> WriteSegment(
    const std::vector<std::shared_ptr<const RowGroup>>& groups) {
  return testing_segments::WriteSegment(groups);
}

int Column(const std::string& name) {
  std::optional<int> column = FindColumn(name);
  EXPECT_TRUE(column.has_value()) << name;
  return column.value_or(0);
}

// The position of stored column `name` among the query's scan columns (-1:
// not scanned).
int ScanPosition(const BoundQuery& query, const std::string& name) {
  const int column = Column(name);
  for (size_t i = 0; i < query.plan.scan_columns.size(); i++) {
    if (query.plan.scan_columns[i] == column) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Cell> Cells(const StringColumnData& data) {
  std::vector<Cell> cells;
  for (uint32_t r = 0; r < data.size(); r++) {
    if (data.IsNull(r)) {
      cells.push_back(std::nullopt);
    } else {
      cells.push_back(std::string(data.Get(r)));
    }
  }
  return cells;
}

std::vector<Cell> Cells(const Vector& vector) {
  std::vector<Cell> cells;
  for (uint32_t r = 0; r < vector.size(); r++) {
    if (vector.IsNull(r)) {
      cells.push_back(std::nullopt);
    } else {
      cells.push_back(std::string(vector.strings()[r]));
    }
  }
  return cells;
}

// ---------------------------------------------------------------------------
// Cache chunks in dictionary form.

constexpr uint32_t kRows = 4096;

// Ten event names (and NULLs) in a low-cardinality column, three regions in
// another, a unique id per row, and a constant column.
std::shared_ptr<const RowGroup> LowCardinalityGroup(uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<Cell> names, regions, ids, sources;
  for (uint32_t r = 0; r < kRows; r++) {
    const uint32_t pick = random() % 11;
    names.push_back(pick == 10 ? Cell() : Cell(StrCat("Event", pick, seed % 2 == 0 ? "" : "x")));
    regions.push_back(random() % 5 == 0 ? Cell() : Cell(StrCat("region-", random() % 3)));
    ids.push_back(StrCat("id-", seed, "-", r, "-", random()));
    sources.push_back("s3.amazonaws.com");
  }
  names[0] = std::nullopt;  // at least one NULL, first row included
  names[1] = "";            // the empty string is an entry, not a NULL
  return MakeGroup(kRows, {{"eventname", names},
                           {"awsregion", regions},
                           {"eventid", ids},
                           {"eventsource", sources}});
}

class DictionaryChunkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    groups_ = {LowCardinalityGroup(1), LowCardinalityGroup(2)};
    segment_ = WriteSegment(groups_);
    ASSERT_NE(segment_, nullptr);
    ASSERT_EQ(segment_->row_group_count(), 2u);
  }

  std::vector<std::shared_ptr<const RowGroup>> groups_;
  std::shared_ptr<const SegmentReader> segment_;
};

TEST_F(DictionaryChunkTest, KeptDictionaryReadsAsTheDecodedColumn) {
  for (uint32_t g = 0; g < 2; g++) {
    for (const char* name : {"eventname", "awsregion"}) {
      const int column = Column(name);
      absl::StatusOr<StringColumnData> plain = segment_->ReadColumn(g, column);
      ASSERT_TRUE(plain.ok()) << plain.status();
      EXPECT_FALSE(plain->is_dictionary);
      EXPECT_EQ(Cells(*plain), Cells(groups_[g]->columns[column])) << name;

      StringColumnData kept;
      ASSERT_TRUE(segment_->ReadColumnInto(g, column, &kept, /*keep_dictionary=*/true).ok());
      ASSERT_TRUE(kept.is_dictionary) << name;
      EXPECT_NE(kept.dictionary_id, 0u);
      ASSERT_EQ(kept.size(), kRows);
      ASSERT_EQ(kept.codes.size(), kRows);
      ASSERT_EQ(kept.dictionary_offsets.size(), kept.dictionary_size() + 1);
      // Entries are distinct and sorted (the writer sorts them), and every
      // row is the entry its code names, NULL exactly where the code is 0.
      std::set<std::string> distinct;
      for (uint32_t r = 0; r < kRows; r++) {
        if (!plain->IsNull(r)) distinct.insert(std::string(plain->Get(r)));
      }
      ASSERT_EQ(kept.dictionary_size(), distinct.size()) << name;
      uint32_t k = 1;
      for (const std::string& entry : distinct) EXPECT_EQ(kept.Entry(k++), entry) << name;
      for (uint32_t r = 0; r < kRows; r++) {
        ASSERT_EQ(kept.IsNull(r), plain->IsNull(r)) << name << " row " << r;
        ASSERT_EQ(kept.codes[r] == 0, plain->IsNull(r)) << name << " row " << r;
        ASSERT_LE(kept.codes[r], kept.dictionary_size());
        ASSERT_EQ(kept.Get(r), plain->Get(r)) << name << " row " << r;
        if (kept.codes[r] != 0) {
          ASSERT_EQ(kept.Entry(kept.codes[r]), plain->Get(r));
        }
      }
      EXPECT_EQ(Cells(kept), Cells(*plain)) << name;
    }
  }
  // Row 1 is the empty string, not NULL.
  StringColumnData kept;
  ASSERT_TRUE(segment_->ReadColumnInto(0, Column("eventname"), &kept, true).ok());
  EXPECT_TRUE(kept.IsNull(0));
  EXPECT_FALSE(kept.IsNull(1));
  EXPECT_EQ(kept.Get(1), "");
  EXPECT_EQ(kept.Entry(1), "");  // the smallest entry
}

TEST_F(DictionaryChunkTest, EachDecodeHasItsOwnDictionaryId) {
  const int column = Column("eventname");
  std::set<uint64_t> ids;
  StringColumnData reused;
  for (int round = 0; round < 3; round++) {
    for (uint32_t g = 0; g < 2; g++) {
      StringColumnData fresh;
      ASSERT_TRUE(segment_->ReadColumnInto(g, column, &fresh, true).ok());
      ASSERT_TRUE(segment_->ReadColumnInto(g, column, &reused, true).ok());
      ASSERT_TRUE(fresh.is_dictionary);
      ASSERT_TRUE(reused.is_dictionary);
      EXPECT_TRUE(ids.insert(fresh.dictionary_id).second) << fresh.dictionary_id;
      EXPECT_TRUE(ids.insert(reused.dictionary_id).second) << reused.dictionary_id;
      EXPECT_EQ(Cells(reused), Cells(groups_[g]->columns[column]));
    }
  }
  EXPECT_EQ(ids.count(0), 0u);
}

TEST_F(DictionaryChunkTest, OtherEncodingsAndReuseOfTheSameColumnData) {
  // A column of unique values is not dictionary-encoded and does not come
  // back in dictionary form, also when decoded into buffers that held a
  // dictionary. A constant column (one value, no NULL) has its own encoding
  // and comes back as a dictionary of that value (issue 9: a crafted
  // constant must not expand to gigabytes).
  StringColumnData data;
  for (uint32_t g = 0; g < 2; g++) {
    for (const char* name : {"eventname", "eventid", "awsregion", "eventsource", "errorcode"}) {
      const int column = Column(name);
      ASSERT_TRUE(segment_->ReadColumnInto(g, column, &data, true).ok()) << name;
      const bool dictionary = std::string(name) == "eventname" ||
                              std::string(name) == "awsregion" ||
                              std::string(name) == "eventsource";
      EXPECT_EQ(data.is_dictionary, dictionary) << name;
      EXPECT_EQ(Cells(data), Cells(groups_[g]->columns[column])) << name;
      // Without keep_dictionary, never dictionary form.
      ASSERT_TRUE(segment_->ReadColumnInto(g, column, &data, false).ok()) << name;
      EXPECT_FALSE(data.is_dictionary) << name;
      EXPECT_EQ(Cells(data), Cells(groups_[g]->columns[column])) << name;
    }
  }
  // ReadRowGroup and ReadColumn keep the flat form.
  absl::StatusOr<std::shared_ptr<const RowGroup>> whole = segment_->ReadRowGroup(1);
  ASSERT_TRUE(whole.ok());
  EXPECT_FALSE((*whole)->columns[Column("eventname")].is_dictionary);
}

// ---------------------------------------------------------------------------
// Scans of a dictionary column.

TEST_F(DictionaryChunkTest, ScanColumnCarriesDictionaryAndCodes) {
  const int column = Column("eventname");
  auto group = std::make_shared<RowGroup>();
  group->row_count = kRows;
  ASSERT_TRUE(segment_->ReadColumnInto(1, column, &group->columns[column], true).ok());
  const StringColumnData& data = group->columns[column];
  ASSERT_TRUE(data.is_dictionary);
  const std::vector<Cell> expected = Cells(groups_[1]->columns[column]);

  std::shared_ptr<const RowGroup> shared = group;
  for (uint32_t offset = 0; offset < kRows; offset += kVectorSize) {
    const uint32_t count = std::min(kVectorSize, kRows - offset);
    Vector vector;
    ScanColumn(shared, column, offset, count, &vector);
    ASSERT_EQ(vector.type(), TypeId::kVarchar);
    ASSERT_EQ(vector.size(), count);
    ASSERT_NE(vector.dictionary(), nullptr);
    const Vector::Dictionary& dictionary = *vector.dictionary();
    EXPECT_EQ(dictionary.id, data.dictionary_id);
    EXPECT_EQ(dictionary.size, data.dictionary_size());
    for (uint32_t i = 0; i < count; i++) {
      const Cell& want = expected[offset + i];
      ASSERT_EQ(vector.IsNull(i), !want.has_value()) << offset + i;
      ASSERT_EQ(vector.codes()[i], data.codes[offset + i]);
      if (want.has_value()) {
        ASSERT_EQ(vector.strings()[i], *want);
        ASSERT_GE(vector.codes()[i], 1u);
        ASSERT_LE(vector.codes()[i], dictionary.size);
        ASSERT_EQ(dictionary.entry(vector.codes()[i]), *want);
      } else {
        ASSERT_EQ(vector.codes()[i], 0u);
      }
    }
  }

  // ScanColumnRows: rows offset + selection[i].
  std::mt19937 random(7);
  const uint32_t offset = kRows > kVectorSize ? kRows - kVectorSize : 0;
  const uint32_t span = std::min(kVectorSize, kRows - offset);
  std::vector<uint32_t> selection;
  for (uint32_t i = 0; i < span; i++) {
    if (random() % 3 == 0) selection.push_back(i);
  }
  if (selection.empty()) selection.push_back(span - 1);
  Vector rows;
  ScanColumnRows(shared, column, offset, selection.data(),
                 static_cast<uint32_t>(selection.size()), &rows);
  ASSERT_EQ(rows.size(), selection.size());
  ASSERT_NE(rows.dictionary(), nullptr);
  EXPECT_EQ(rows.dictionary()->id, data.dictionary_id);
  const std::vector<Cell> row_cells = Cells(rows);
  for (uint32_t i = 0; i < selection.size(); i++) {
    const uint32_t row = offset + selection[i];
    ASSERT_EQ(row_cells[i], expected[row]) << row;
    ASSERT_EQ(rows.codes()[i], data.codes[row]) << row;
    if (rows.codes()[i] != 0) {
      ASSERT_EQ(rows.dictionary()->entry(rows.codes()[i]), *expected[row]);
    }
  }

  // Gather keeps the dictionary and gathers the codes; so does Chunk::Slice.
  std::vector<uint32_t> pick;
  for (uint32_t i = 0; i < rows.size(); i += 2) pick.push_back(i);
  Vector gathered;
  gathered.Gather(rows, pick.data(), static_cast<uint32_t>(pick.size()));
  ASSERT_NE(gathered.dictionary(), nullptr);
  EXPECT_EQ(gathered.dictionary()->id, data.dictionary_id);
  EXPECT_EQ(gathered.dictionary()->bytes, rows.dictionary()->bytes);
  for (uint32_t i = 0; i < pick.size(); i++) {
    ASSERT_EQ(gathered.codes()[i], rows.codes()[pick[i]]);
    ASSERT_EQ(gathered.IsNull(i), rows.IsNull(pick[i]));
    ASSERT_EQ(gathered.strings()[i], rows.strings()[pick[i]]);
  }
  // Without the dictionary (CASE's branches): the same rows, plain strings.
  Vector plain_rows;
  plain_rows.Gather(rows, pick.data(), static_cast<uint32_t>(pick.size()),
                    /*keep_dictionary=*/false);
  EXPECT_EQ(plain_rows.dictionary(), nullptr);
  for (uint32_t i = 0; i < pick.size(); i++) {
    ASSERT_EQ(plain_rows.IsNull(i), rows.IsNull(pick[i]));
    ASSERT_EQ(plain_rows.strings()[i], rows.strings()[pick[i]]);
  }
  Chunk chunk;
  chunk.columns.push_back(std::move(gathered));
  chunk.size = static_cast<uint32_t>(pick.size());
  const uint32_t last = chunk.size - 1;
  const uint32_t last_code = chunk.columns[0].codes()[last];
  chunk.Slice(&last, 1);
  ASSERT_NE(chunk.columns[0].dictionary(), nullptr);
  EXPECT_EQ(chunk.columns[0].codes()[0], last_code);

  // Resize drops it: a refilled vector holds no dictionary entries.
  Vector resized;
  resized.Gather(rows, pick.data(), static_cast<uint32_t>(pick.size()));
  resized.Resize(3);
  EXPECT_EQ(resized.dictionary(), nullptr);
  // Gathering from a plain vector into one that had a dictionary drops it.
  Vector plain(TypeId::kVarchar);
  plain.Resize(2);
  Vector target;
  target.Gather(rows, pick.data(), 1);
  ASSERT_NE(target.dictionary(), nullptr);
  const uint32_t both[] = {0, 1};
  target.Gather(plain, both, 2);
  EXPECT_EQ(target.dictionary(), nullptr);

  // The vector keeps the row group (and so the dictionary bytes) alive.
  Vector survivor;
  ScanColumn(shared, column, 0, std::min(kVectorSize, kRows), &survivor);
  shared.reset();
  group.reset();
  const std::vector<Cell> survivor_cells = Cells(survivor);
  for (uint32_t i = 0; i < survivor.size(); i++) {
    ASSERT_EQ(survivor_cells[i], expected[i]);
    if (survivor.codes()[i] != 0) {
      ASSERT_EQ(survivor.dictionary()->entry(survivor.codes()[i]), *expected[i]);
    }
  }
}

// A hex chunk kept as packed digits (keep_hex) reads, through the column
// scan, exactly as the chunk decoded whole: every row, subsets, NULLs, and
// both digit cases.
TEST(HexChunkTest, KeptDigitsScanAsTheDecodedColumn) {
  const uint32_t rows = 3000;
  std::mt19937 random(5);
  std::vector<Cell> times, ids;
  for (uint32_t r = 0; r < rows; r++) {
    char time[32];
    auto next = [&](unsigned limit) { return static_cast<unsigned>(random() % limit); };
    std::snprintf(time, sizeof(time), "2017-%02u-%02uT%02u:%02u:%02uZ", 1 + next(12),
                  1 + next(28), next(24), next(60), next(60));
    times.push_back(r % 7 == 3 ? Cell() : Cell(time));
    char id[40];
    std::snprintf(id, sizeof(id), "%08X-%04X-%04X-%04X-%08X%04X", unsigned(random()),
                  next(65536), next(65536), next(65536), unsigned(random()), next(65536));
    ids.push_back(r % 11 == 0 ? Cell() : Cell(id));
  }
  auto group = MakeGroup(rows, {{"eventtime", times}, {"eventid", ids}});
  auto segment = WriteSegment({group});
  ASSERT_NE(segment, nullptr);
  for (const char* name : {"eventtime", "eventid"}) {
    const int column = Column(name);
    auto decoded = std::make_shared<RowGroup>();
    decoded->row_count = rows;
    ASSERT_TRUE(segment->ReadColumnInto(0, column, &decoded->columns[column], true, true).ok());
    ASSERT_TRUE(decoded->columns[column].is_hex) << name << " was not hex-encoded";
    const std::vector<Cell>& want = std::string(name) == "eventtime" ? times : ids;
    std::shared_ptr<const RowGroup> shared = decoded;
    for (uint32_t offset = 0; offset < rows; offset += kVectorSize) {
      const uint32_t count = std::min(kVectorSize, rows - offset);
      Vector vector;
      ScanColumn(shared, column, offset, count, &vector);
      ASSERT_EQ(Cells(vector),
                std::vector<Cell>(want.begin() + offset, want.begin() + offset + count))
          << name << " offset " << offset;
      std::vector<uint32_t> selection;
      for (uint32_t i = 0; i < count; i++) {
        if (random() % 3 == 0) selection.push_back(i);
      }
      Vector some;
      ScanColumnRows(shared, column, offset, selection.data(),
                     static_cast<uint32_t>(selection.size()), &some);
      std::vector<Cell> some_want;
      for (uint32_t i : selection) some_want.push_back(want[offset + i]);
      ASSERT_EQ(Cells(some), some_want) << name << " offset " << offset;
    }
  }
}

TEST_F(DictionaryChunkTest, ScanOfAFlatColumnHasNoDictionary) {
  const int column = Column("eventid");
  auto group = std::make_shared<RowGroup>();
  group->row_count = kRows;
  ASSERT_TRUE(segment_->ReadColumnInto(0, column, &group->columns[column], true).ok());
  Vector vector;
  ScanColumn(group, column, 0, std::min(kVectorSize, kRows), &vector);
  EXPECT_EQ(vector.dictionary(), nullptr);
  const uint32_t row = 0;
  ScanColumnRows(group, column, 0, &row, 1, &vector);
  EXPECT_EQ(vector.dictionary(), nullptr);
  EXPECT_EQ(Cells(vector)[0], Cells(groups_[0]->columns[column])[0]);
}

// ---------------------------------------------------------------------------
// Predicates over dictionaries against the same predicates without.

// A dictionary built by hand: entry k (1-based) is entries[k - 1].
class TestDictionary {
 public:
  TestDictionary(const std::vector<std::string>& entries, uint64_t id) : id_(id) {
    offsets_.push_back(0);
    for (const std::string& entry : entries) {
      bytes_ += entry;
      offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
    }
    // The views below point into bytes_: no more appends.
  }
  // Entries "<prefix>0", "<prefix>1", ... (`count` of them).
  TestDictionary(const std::string& prefix, uint32_t count, uint64_t id) : id_(id) {
    offsets_.reserve(uint64_t{count} + 1);
    offsets_.push_back(0);
    for (uint32_t i = 0; i < count; i++) {
      bytes_ += prefix;
      bytes_ += std::to_string(i);
      offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
    }
  }
  TestDictionary(const TestDictionary&) = delete;
  TestDictionary& operator=(const TestDictionary&) = delete;

  uint32_t size() const { return static_cast<uint32_t>(offsets_.size() - 1); }
  Vector::Dictionary view() const {
    Vector::Dictionary dictionary;
    dictionary.bytes = bytes_.data();
    dictionary.offsets = offsets_.data();
    dictionary.size = size();
    dictionary.id = id_;
    return dictionary;
  }
  std::string_view entry(uint32_t k) const { return view().entry(k); }

  // A VARCHAR vector of these codes (0: NULL), with the dictionary or
  // without (then a plain vector of the same strings).
  Vector MakeVector(const std::vector<uint32_t>& codes, bool with_dictionary) const {
    Vector vector(TypeId::kVarchar);
    vector.Resize(static_cast<uint32_t>(codes.size()));
    for (uint32_t i = 0; i < codes.size(); i++) {
      if (codes[i] == 0) {
        vector.SetNull(i, true);
      } else {
        vector.strings()[i] = entry(codes[i]);
      }
    }
    if (with_dictionary) {
      uint32_t* out = vector.SetDictionary(view());
      std::copy(codes.begin(), codes.end(), out);
    }
    return vector;
  }

 private:
  std::string bytes_;
  std::vector<uint32_t> offsets_;
  uint64_t id_;
};

// Dictionary ids for hand-made dictionaries: far from the reader's counter.
uint64_t NextTestId() {
  static uint64_t next = uint64_t{1} << 48;
  return next++;
}

// Selection of `predicate` over rows `rows` of `chunk`, or the error text.
struct Selected {
  bool ok = false;
  std::string error;
  std::vector<uint32_t> rows;
  bool operator==(const Selected& other) const {
    return ok == other.ok && rows == other.rows && (ok || error == other.error);
  }
};

std::ostream& operator<<(std::ostream& os, const Selected& s) {
  if (!s.ok) return os << "error: " << s.error;
  os << "[";
  for (size_t i = 0; i < s.rows.size(); i++) os << (i > 0 ? " " : "") << s.rows[i];
  return os << "]";
}

Selected Select(ExpressionEvaluator& evaluator, const BoundExpr& predicate, const Chunk& chunk,
                const std::vector<uint32_t>& rows) {
  std::vector<uint32_t> out(rows.size() + 1, 0xFFFFFFFF);
  absl::StatusOr<uint32_t> selected = evaluator.SelectRows(
      predicate, chunk, rows.data(), static_cast<uint32_t>(rows.size()), out.data());
  Selected result;
  result.ok = selected.ok();
  if (!selected.ok()) {
    result.error = std::string(selected.status().message());
    return result;
  }
  EXPECT_LE(*selected, rows.size());
  result.rows.assign(out.begin(), out.begin() + std::min<size_t>(*selected, rows.size()));
  EXPECT_TRUE(std::is_sorted(result.rows.begin(), result.rows.end()));
  return result;
}

// Strings the random dictionaries draw from: LIKE metacharacters, digits,
// JSON, the empty string, case variants, a multibyte character.
const std::vector<std::string>& EntryPool() {
  static const std::vector<std::string> pool = {
      "",      "a",        "ab",      "abc",   "ABC",       "AbC",       "b",          "bb",
      "a%",    "%b_",      "xbc",     "_",     "%",         "a_b",       "12",         "5",
      "0",     "-7",       "abcd",    "z",     "zz",        "\xc3\xa9t\xc3\xa9",      " abc ",
      "{\"a\":\"1\"}",     "{\"a\":1}",        "{\"a\":\"2\"}",        "{\"b\":\"1\"}", "{",
      "ab%",   "a\\b",     "Abc",     "abc",   "1.5",       "x"};
  return pool;
}

// Random distinct entries (at least one), in random or sorted order.
std::vector<std::string> RandomEntries(std::mt19937& random) {
  const std::vector<std::string>& pool = EntryPool();
  std::vector<std::string> entries(pool.begin(), pool.end());
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  std::shuffle(entries.begin(), entries.end(), random);
  entries.resize(1 + random() % std::min<size_t>(entries.size(), 14));
  if (random() % 2 == 0) std::sort(entries.begin(), entries.end());
  return entries;
}

// Random codes over a dictionary of `size` entries; some entries may go
// unused, NULLs at a random rate (possibly none, possibly all).
std::vector<uint32_t> RandomCodes(std::mt19937& random, uint32_t size, uint32_t rows) {
  const uint32_t null_percent = std::vector<uint32_t>{0, 0, 10, 50, 100}[random() % 5];
  const uint32_t used = 1 + random() % size;  // codes 1..used only
  std::vector<uint32_t> codes(rows);
  for (uint32_t& code : codes) {
    code = random() % 100 < null_percent ? 0 : 1 + random() % used;
  }
  return codes;
}

// Rows (ascending) drawn from [0, n): all, a random subset, or one or two.
std::vector<uint32_t> RandomRows(std::mt19937& random, uint32_t n, int shape) {
  std::vector<uint32_t> rows;
  if (shape == 0) {
    for (uint32_t i = 0; i < n; i++) rows.push_back(i);
  } else if (shape == 1) {
    const uint32_t percent = 1 + random() % 99;
    for (uint32_t i = 0; i < n; i++) {
      if (random() % 100 < percent) rows.push_back(i);
    }
  } else {
    rows.push_back(random() % n);
    const uint32_t other = random() % n;
    if (shape == 3 && other != rows[0]) rows.push_back(other);
    std::sort(rows.begin(), rows.end());
  }
  return rows;
}

const std::vector<std::string>& PropertyPredicates() {
  static const std::vector<std::string> predicates = {
      "eventname = 'a'",
      "eventname = ''",
      "eventname <> 'a'",
      "eventname > 'ab'",
      "'b' >= eventname",
      "eventname IN ('a', 'ab')",
      "eventname IN ('a', NULL)",
      "eventname NOT IN ('a', NULL)",
      "eventname NOT IN ('a', 'b')",
      "eventname LIKE 'a%'",
      "eventname NOT LIKE '%b_'",
      "eventname LIKE '%\\%%' ESCAPE '\\'",
      "eventname LIKE '_'",
      "eventname IS NULL",
      "eventname IS NOT NULL",
      "lower(eventname) = 'abc'",
      "upper(eventname) LIKE 'A%'",
      "json_extract_scalar(eventname, '$.a') = '1'",
      "json_extract_scalar(eventname, '$.a') IS NULL",
      "length(eventname) > 2",
      "length(eventname) = 0",
      "coalesce(eventname, 'z') = 'z'",
      "coalesce(eventname, awsregion) = 'a'",
      "NOT (eventname = 'a')",
      "NOT (eventname LIKE 'a%')",
      "NOT (eventname IS NULL)",
      "NOT (eventname IN ('a', NULL))",
      "eventname = eventname",
      "eventname = 'a' OR eventname IS NULL",
      "eventname = 'a' OR length(eventname) > 2",
      "NOT (eventname = 'a' OR eventname IS NULL)",
      "eventname LIKE 'a%' AND length(eventname) = 3",
      "substr(eventname, 2) = 'b'",
      "strpos(eventname, 'b') > 0",
      "starts_with(eventname, 'a')",
      "trim(eventname) = 'abc'",
      "'abc' LIKE eventname",
      "eventname = awsregion",
      "eventname = 'a' OR awsregion = 'b'",
      "eventname IS NULL AND awsregion IS NOT NULL",
      "awsregion <> 'x' AND eventname <> 'x'",
  };
  return predicates;
}

// One chunk of `n` rows: eventname and awsregion from their dictionaries.
struct PropertyChunk {
  Chunk with;     // vectors with dictionaries
  Chunk without;  // the same strings, plain
};

PropertyChunk MakePropertyChunk(const BoundQuery& query, const TestDictionary& names,
                                const std::vector<uint32_t>& name_codes,
                                const TestDictionary& regions,
                                const std::vector<uint32_t>& region_codes) {
  PropertyChunk chunk;
  const uint32_t n = static_cast<uint32_t>(name_codes.size());
  for (Chunk* c : {&chunk.with, &chunk.without}) {
    c->size = n;
    c->columns.resize(query.plan.scan_columns.size());
  }
  const int name = ScanPosition(query, "eventname");
  const int region = ScanPosition(query, "awsregion");
  if (name >= 0) {
    chunk.with.columns[name] = names.MakeVector(name_codes, true);
    chunk.without.columns[name] = names.MakeVector(name_codes, false);
  }
  if (region >= 0) {
    chunk.with.columns[region] = regions.MakeVector(region_codes, true);
    chunk.without.columns[region] = regions.MakeVector(region_codes, false);
  }
  return chunk;
}

// Compares `query`'s selections over the chunk with dictionaries and without,
// for row sets of every shape: all rows, subsets, one or two rows (the
// per-row path for big dictionaries), all rows again (cached verdicts).
// Returns the rows selected.
uint64_t CompareSelections(const std::string& where, const BoundQuery& query,
                           const PropertyChunk& chunk, std::mt19937& random,
                           ExpressionEvaluator& dictionary_evaluator,
                           ExpressionEvaluator& plain_evaluator) {
  uint64_t selected = 0;
  const uint32_t n = chunk.with.size;
  for (int shape : {0, 1, 2, 3, 1, 0}) {
    const std::vector<uint32_t> rows = RandomRows(random, n, shape);
    const Selected want = Select(plain_evaluator, *query.plan.filter, chunk.without, rows);
    const Selected got = Select(dictionary_evaluator, *query.plan.filter, chunk.with, rows);
    EXPECT_TRUE(want.ok) << where << ": " << want;
    EXPECT_EQ(got, want) << where << ", shape " << shape;
    if (!want.ok || !(got == want)) return selected;
    selected += want.rows.size();
  }
  // Select (all rows) agrees too.
  std::vector<uint32_t> a(n), b(n);
  auto x = plain_evaluator.Select(*query.plan.filter, chunk.without, a.data());
  auto y = dictionary_evaluator.Select(*query.plan.filter, chunk.with, b.data());
  EXPECT_TRUE(x.ok() && y.ok()) << where;
  if (x.ok() && y.ok()) {
    EXPECT_EQ(*x, *y) << where;
    EXPECT_TRUE(std::equal(a.begin(), a.begin() + std::min(*x, *y), b.begin())) << where;
  }
  return selected;
}

TEST(DictionarySelectTest, DifferentialAgainstPlainVectors) {
  // Every query stays alive for the whole test: verdicts are cached by the
  // predicate's address, which must not be reused by a later predicate.
  std::vector<BoundQuery> queries;
  for (const std::string& where : PropertyPredicates()) {
    queries.push_back(BindWhere(where));
    ASSERT_NE(queries.back().plan.filter, nullptr) << where;
  }
  // One evaluator for all dictionary work (its verdict cache sees many
  // predicates and dictionaries), one for the plain vectors.
  ExpressionEvaluator dictionary_evaluator;
  ExpressionEvaluator plain_evaluator;
  std::mt19937 random(20240301);
  const uint32_t max_rows = std::min<uint32_t>(kVectorSize, 200);
  uint64_t selected_rows = 0;
  // Dictionary by dictionary: every predicate over two vectors of each.
  for (int iteration = 0; iteration < 60; iteration++) {
    const TestDictionary names(RandomEntries(random), NextTestId());
    const TestDictionary regions(RandomEntries(random), NextTestId());
    for (int vector = 0; vector < 2; vector++) {
      const uint32_t n = 1 + random() % max_rows;
      const std::vector<uint32_t> name_codes = RandomCodes(random, names.size(), n);
      const std::vector<uint32_t> region_codes = RandomCodes(random, regions.size(), n);
      for (size_t q = 0; q < queries.size(); q++) {
        PropertyChunk chunk =
            MakePropertyChunk(queries[q], names, name_codes, regions, region_codes);
        selected_rows += CompareSelections(PropertyPredicates()[q], queries[q], chunk, random,
                                           dictionary_evaluator, plain_evaluator);
        if (HasFailure()) return;
      }
    }
  }
  // Predicate by predicate: one predicate meets dictionary after dictionary
  // while its verdicts stay cached (a cache that confused two dictionaries
  // would show here).
  for (size_t q = 0; q < queries.size(); q++) {
    for (int iteration = 0; iteration < 30; iteration++) {
      const TestDictionary names(RandomEntries(random), NextTestId());
      const TestDictionary regions(RandomEntries(random), NextTestId());
      const uint32_t n = 1 + random() % max_rows;
      PropertyChunk chunk = MakePropertyChunk(queries[q], names, RandomCodes(random, names.size(), n),
                                              regions, RandomCodes(random, regions.size(), n));
      selected_rows += CompareSelections(PropertyPredicates()[q], queries[q], chunk, random,
                                         dictionary_evaluator, plain_evaluator);
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(selected_rows, 10000u);  // not vacuous: many rows pass
}

// Value expressions over one dictionary column (projections, group keys)
// are computed once per entry and gathered by code: the same values as row
// by row, and errors only from entries the rows use.
TEST(DictionaryEvaluateTest, ValuesMatchPlainVectors) {
  const std::vector<std::string> selects = {
      "lower(eventname)",
      "upper(eventname) || '!'",
      "coalesce(eventname, 'none')",
      "length(eventname)",
      "substr(eventname, 2, 3)",
      "json_extract_scalar(eventname, '$.a')",
      "eventname LIKE '%a%'",
      "eventname IS NULL",
      "replace(eventname, 'a', 'xyz')",
      "strpos(eventname, 'b')",
  };
  std::vector<BoundQuery> queries;
  for (const std::string& select : selects) {
    queries.push_back(BindSql("select " + select + " from cloudtrail_logs"));
    ASSERT_EQ(queries.back().plan.projections.size(), 1u) << select;
  }
  ExpressionEvaluator dictionary_evaluator;
  ExpressionEvaluator plain_evaluator;
  std::mt19937 random(77);
  const uint32_t max_rows = std::min<uint32_t>(kVectorSize, 300);
  uint64_t compared = 0;
  for (int iteration = 0; iteration < 40; iteration++) {
    const TestDictionary names(RandomEntries(random), NextTestId());
    const TestDictionary regions(RandomEntries(random), NextTestId());
    for (int vector = 0; vector < 2; vector++) {
      const uint32_t n = 1 + random() % max_rows;
      const std::vector<uint32_t> codes = RandomCodes(random, names.size(), n);
      const std::vector<uint32_t> region_codes = RandomCodes(random, regions.size(), n);
      for (size_t q = 0; q < queries.size(); q++) {
        PropertyChunk chunk = MakePropertyChunk(queries[q], names, codes, regions, region_codes);
        Vector with, without;
        absl::Status a =
            dictionary_evaluator.Evaluate(*queries[q].plan.projections[0], chunk.with, &with);
        absl::Status b =
            plain_evaluator.Evaluate(*queries[q].plan.projections[0], chunk.without, &without);
        ASSERT_EQ(a.ok(), b.ok()) << selects[q] << ": " << a << " vs " << b;
        if (!a.ok()) continue;
        ASSERT_EQ(with.size(), without.size()) << selects[q];
        for (uint32_t r = 0; r < n; r++) {
          ASSERT_EQ(GetValue(with, r).ToString(), GetValue(without, r).ToString())
              << selects[q] << " row " << r;
          ASSERT_EQ(with.IsNull(r), without.IsNull(r)) << selects[q] << " row " << r;
          compared++;
        }
      }
    }
  }
  EXPECT_GT(compared, 10000u);
}

TEST(DictionaryEvaluateTest, AnErrorOnAnUnusedEntryIsNotRaised) {
  BoundQuery query = BindSql("select CAST(eventname AS bigint) + 1 from cloudtrail_logs");
  ASSERT_EQ(query.plan.projections.size(), 1u);
  const TestDictionary names({"12", "abc", "7"}, NextTestId());
  const TestDictionary regions({"r"}, NextTestId());
  ExpressionEvaluator evaluator;
  // Rows use only the numeric entries: no error, right values.
  PropertyChunk numeric = MakePropertyChunk(query, names, {1, 3, 0, 1}, regions, {1, 1, 1, 1});
  Vector out;
  ASSERT_TRUE(evaluator.Evaluate(*query.plan.projections[0], numeric.with, &out).ok());
  EXPECT_EQ(GetValue(out, 0).ToString(), "13");
  EXPECT_EQ(GetValue(out, 1).ToString(), "8");
  EXPECT_TRUE(out.IsNull(2));
  // A row that uses 'abc' raises the error, as without a dictionary.
  PropertyChunk bad = MakePropertyChunk(query, names, {1, 2}, regions, {1, 1});
  EXPECT_FALSE(evaluator.Evaluate(*query.plan.projections[0], bad.with, &out).ok());
}

TEST(DictionarySelectTest, BigDictionaryFewRows) {
  // A dictionary far larger than the rows asked about (the per-row path),
  // then the same dictionary over many rows (the per-entry path), then few
  // rows again (verdicts now cached).
  std::vector<std::string> entries;
  for (int i = 0; i < 3000; i++) entries.push_back(StrCat(i % 7 == 0 ? "a" : "b", i));
  const TestDictionary names(entries, NextTestId());
  BoundQuery query = BindWhere("eventname LIKE 'a%' OR eventname IS NULL");
  const uint32_t n = std::min<uint32_t>(kVectorSize, 1024);
  std::mt19937 random(3);
  std::vector<uint32_t> codes(n);
  for (uint32_t& code : codes) code = random() % 10 == 0 ? 0 : 1 + random() % names.size();
  const TestDictionary unused({"x"}, NextTestId());
  PropertyChunk chunk = MakePropertyChunk(query, names, codes, unused, codes);
  ExpressionEvaluator dictionary_evaluator, plain_evaluator;
  for (int shape : {2, 3, 1, 0, 2, 3, 1, 0}) {
    const std::vector<uint32_t> rows = RandomRows(random, n, shape);
    const Selected want = Select(plain_evaluator, *query.plan.filter, chunk.without, rows);
    EXPECT_EQ(Select(dictionary_evaluator, *query.plan.filter, chunk.with, rows), want);
  }
}

// White box: a vector whose strings disagree with its codes shows which path
// SelectRows took (the codes: per entry; the strings: per row). Such vectors
// never occur in the engine; here they make the paths observable.
TEST(DictionarySelectTest, PathsAreTakenAsDocumented) {
  BoundQuery query = BindWhere("eventname = 'yes'");
  const int position = ScanPosition(query, "eventname");
  ASSERT_GE(position, 0);
  // Eight codes (NULL, no, yes, five more): more than 4 x 1 row, at most
  // 4 x 2 rows. (Two rows fit every vector size, even CTQ_VECTOR_SIZE=2.)
  const TestDictionary dictionary({"no", "yes", "f1", "f2", "f3", "f4", "f5"}, NextTestId());
  // Row 0: code "yes", string "no"; row 1: code "no", string "yes".
  Vector vector(TypeId::kVarchar);
  vector.Resize(2);
  vector.strings()[0] = dictionary.entry(1);
  vector.strings()[1] = dictionary.entry(2);
  uint32_t* codes = vector.SetDictionary(dictionary.view());
  codes[0] = 2;
  codes[1] = 1;
  Chunk chunk;
  chunk.size = 2;
  chunk.columns.resize(query.plan.scan_columns.size());
  chunk.columns[position] = std::move(vector);

  ExpressionEvaluator evaluator;
  // One row: per row, by the strings.
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {1}).rows, std::vector<uint32_t>{1});
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {0}).rows, std::vector<uint32_t>{});
  // Two rows: per entry, by the codes.
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {0, 1}).rows, std::vector<uint32_t>{0});
  // Once computed, the verdicts serve single rows as well.
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {0}).rows, std::vector<uint32_t>{0});
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {1}).rows, std::vector<uint32_t>{});
  // A fresh evaluator has nothing cached: one row goes per row again.
  ExpressionEvaluator fresh;
  EXPECT_EQ(Select(fresh, *query.plan.filter, chunk, {0}).rows, std::vector<uint32_t>{});
  // The same predicate over another dictionary (id) is computed anew: here
  // code 1 is "yes".
  const TestDictionary other({"yes", "no", "f1", "f2", "f3", "f4", "f5"}, NextTestId());
  chunk.columns[position] = other.MakeVector({1, 2}, true);
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {0, 1}).rows, std::vector<uint32_t>{0});
  EXPECT_EQ(Select(evaluator, *query.plan.filter, chunk, {1}).rows, std::vector<uint32_t>{});
}

// ---------------------------------------------------------------------------
// A predicate that fails on an entry no selected row uses.

TEST(DictionarySelectTest, ErrorOnAnUnusedEntryFallsBackToRows) {
  const TestDictionary dictionary({"1", "5", "abc", "7", "05"}, NextTestId());
  const uint32_t n = 64;
  std::vector<uint32_t> codes(n);
  for (uint32_t i = 0; i < n; i++) {
    // Rows use "1", "5", "7", NULL and, at rows 40 and 41 only, "abc".
    codes[i] = i == 40 || i == 41 ? 3 : std::vector<uint32_t>{1, 2, 4, 0, 5}[i % 5];
  }
  std::vector<uint32_t> numeric_rows, all_rows, expected;
  for (uint32_t i = 0; i < n; i++) {
    all_rows.push_back(i);
    if (codes[i] != 3) numeric_rows.push_back(i);
    if (codes[i] == 2 || codes[i] == 5) expected.push_back(i);
  }
  for (const char* where :
       {"CAST(eventname AS bigint) = 5", "NOT (CAST(eventname AS bigint) <> 5)",
        "CAST(eventname AS bigint) IN (5, 6) OR eventname IS NULL AND false"}) {
    SCOPED_TRACE(where);
    BoundQuery query = BindWhere(where);
    ASSERT_NE(query.plan.filter, nullptr);
    const TestDictionary unused({"x"}, NextTestId());
    PropertyChunk chunk = MakePropertyChunk(query, dictionary, codes, unused, codes);
    ExpressionEvaluator evaluator, plain;
    for (int round = 0; round < 2; round++) {  // the second time: the failure is remembered
      Selected got = Select(evaluator, *query.plan.filter, chunk.with, numeric_rows);
      ASSERT_TRUE(got.ok) << got;
      EXPECT_EQ(got.rows, expected);
      EXPECT_EQ(got, Select(plain, *query.plan.filter, chunk.without, numeric_rows));
      // A selected row holding 'abc': the error, as without a dictionary.
      Selected failed = Select(evaluator, *query.plan.filter, chunk.with, all_rows);
      Selected plain_failed = Select(plain, *query.plan.filter, chunk.without, all_rows);
      EXPECT_FALSE(plain_failed.ok);
      EXPECT_FALSE(failed.ok);
      EXPECT_EQ(failed.error, plain_failed.error);
      std::vector<uint32_t> just_41 = {0, 41};
      EXPECT_FALSE(Select(evaluator, *query.plan.filter, chunk.with, just_41).ok);
    }
    // A fresh evaluator that meets the failing rows first.
    ExpressionEvaluator first_fails;
    EXPECT_FALSE(Select(first_fails, *query.plan.filter, chunk.with, all_rows).ok);
    EXPECT_EQ(Select(first_fails, *query.plan.filter, chunk.with, numeric_rows).rows, expected);
  }

  // The same for other errors: division by zero on an entry of length 3, a
  // bad LIKE pattern in an entry used as the pattern.
  struct OtherCase {
    std::string where;
    std::vector<std::string> entries;  // entry 1 is the one that fails
  };
  const OtherCase others[] = {
      {"10 / (length(eventname) - 3) > 1", {"abc", "a", "ab", "abcd", "abcdefgh"}},
      {"'a' LIKE eventname ESCAPE '\\'", {"a\\", "a", "%", "b", "_"}},
  };
  for (const OtherCase& c : others) {
    SCOPED_TRACE(c.where);
    BoundQuery query = BindWhere(c.where);
    ASSERT_NE(query.plan.filter, nullptr);
    const TestDictionary entries(c.entries, NextTestId());
    std::vector<uint32_t> good(n), bad(n);
    for (uint32_t i = 0; i < n; i++) {
      good[i] = 2 + i % (entries.size() - 1);
      bad[i] = i == n / 2 ? 1 : good[i];
    }
    const TestDictionary unused({"x"}, NextTestId());
    ExpressionEvaluator evaluator, plain;
    PropertyChunk fine = MakePropertyChunk(query, entries, good, unused, good);
    Selected want = Select(plain, *query.plan.filter, fine.without, all_rows);
    ASSERT_TRUE(want.ok) << want;
    EXPECT_EQ(Select(evaluator, *query.plan.filter, fine.with, all_rows), want);
    PropertyChunk failing = MakePropertyChunk(query, entries, bad, unused, bad);
    EXPECT_FALSE(Select(plain, *query.plan.filter, failing.without, all_rows).ok);
    EXPECT_FALSE(Select(evaluator, *query.plan.filter, failing.with, all_rows).ok);
  }
}

// ---------------------------------------------------------------------------
// GROUP BY keys with dictionaries (looked up once per entry): the same groups
// as the same rows without dictionaries, however the dictionaries change
// between chunks.

// Rows as sorted lines "a|b|c" (NULL as \N).
std::vector<std::string> Lines(const std::vector<std::vector<Value>>& rows) {
  std::vector<std::string> lines;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); c++) {
      StrAppend(&line, c > 0 ? "|" : "", row[c].is_null() ? "\\N" : row[c].ToString());
    }
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Feeds the same chunks, with and without dictionaries, to two aggregate
// states and compares what they finalize to.
class GroupByCodeChecker {
 public:
  GroupByCodeChecker(const std::string& sql, const std::vector<std::string>& key_columns)
      : query_(BindSql(sql)), with_(query_.plan), without_(query_.plan) {
    EXPECT_TRUE(query_.plan.aggregate) << sql;
    for (const std::string& name : key_columns) {
      positions_.push_back(ScanPosition(query_, name));
      EXPECT_GE(positions_.back(), 0) << name;
    }
  }

  // One chunk: column k from dictionaries[k] (with or without it, per
  // `with_dictionary[k]` on the dictionary side) and codes[k].
  void Sink(const std::vector<const TestDictionary*>& dictionaries,
            const std::vector<std::vector<uint32_t>>& codes,
            const std::vector<bool>& with_dictionary) {
    const uint32_t n = static_cast<uint32_t>(codes[0].size());
    Chunk with, without;
    for (Chunk* chunk : {&with, &without}) {
      chunk->size = n;
      chunk->columns.resize(query_.plan.scan_columns.size());
    }
    for (size_t k = 0; k < positions_.size(); k++) {
      with.columns[positions_[k]] = dictionaries[k]->MakeVector(codes[k], with_dictionary[k]);
      without.columns[positions_[k]] = dictionaries[k]->MakeVector(codes[k], false);
    }
    // Columns the plan scans that are no keys: all NULL.
    for (size_t c = 0; c < query_.plan.scan_columns.size(); c++) {
      for (Chunk* chunk : {&with, &without}) {
        if (chunk->columns[c].type() == TypeId::kVarchar) continue;
        chunk->columns[c] = Vector(TypeId::kVarchar);
        chunk->columns[c].Resize(n);
        for (uint32_t i = 0; i < n; i++) chunk->columns[c].SetNull(i, true);
      }
    }
    ASSERT_TRUE(with_.Sink(with, &evaluator_).ok());
    ASSERT_TRUE(without_.Sink(without, &evaluator_).ok());
    EXPECT_EQ(with_.group_count(), without_.group_count());
  }

  void Check() {
    const std::vector<std::string> want = Lines(without_.Finalize().value());
    EXPECT_EQ(Lines(with_.Finalize().value()), want);
    EXPECT_FALSE(want.empty());
  }

  HashAggregateState& with() { return with_; }
  HashAggregateState& without() { return without_; }
  const PhysicalPlan& plan() const { return query_.plan; }

 private:
  BoundQuery query_;
  HashAggregateState with_, without_;
  ExpressionEvaluator evaluator_;
  std::vector<int> positions_;
};

std::vector<uint32_t> SomeCodes(std::mt19937& random, uint32_t size, uint32_t n) {
  std::vector<uint32_t> codes(n);
  for (uint32_t& code : codes) code = random() % 8 == 0 ? 0 : 1 + random() % size;
  return codes;
}

TEST(HashAggregateByCodeTest, ChangingDictionariesGroupAsStrings) {
  // Dictionaries whose codes mean different strings: code 1 is "a" in one,
  // "b" in another; the same strings at other codes; an empty string entry.
  const TestDictionary d1({"a", "b", "c"}, NextTestId());
  const TestDictionary d2({"b", "c", "a"}, NextTestId());
  const TestDictionary d3({"", "a", "x", "y", "z"}, NextTestId());
  const TestDictionary r1({"us-east-1", "eu-west-1"}, NextTestId());
  const TestDictionary r2({"eu-west-1", "ap-south-1", "us-east-1"}, NextTestId());
  const std::vector<const TestDictionary*> names = {&d1, &d2, &d3};
  const std::vector<const TestDictionary*> regions = {&r1, &r2};
  GroupByCodeChecker checker(
      "select eventname, awsregion, count(*), count(eventname), min(awsregion), max(eventname) "
      "from cloudtrail_logs group by eventname, awsregion",
      {"eventname", "awsregion"});
  std::mt19937 random(11);
  const TestDictionary* name = names[0];
  const TestDictionary* region = regions[0];
  for (int chunk = 0; chunk < 60; chunk++) {
    // Keep the dictionaries for a few chunks (as one row group does), then
    // switch one or both, sometimes back to one seen before.
    if (random() % 3 == 0) name = names[random() % names.size()];
    if (random() % 3 == 0) region = regions[random() % regions.size()];
    const uint32_t n = 1 + random() % 50;
    // Now and then one key has no dictionary (another row group's encoding).
    std::vector<bool> with = {random() % 7 != 0, random() % 7 != 0};
    checker.Sink({name, region},
                 {SomeCodes(random, name->size(), n), SomeCodes(random, region->size(), n)},
                 with);
  }
  checker.Check();
}

TEST(HashAggregateByCodeTest, OneKeyAndKeysOverExpressions) {
  const TestDictionary d1({"a", "B", "c"}, NextTestId());
  const TestDictionary d2({"b", "A", "C"}, NextTestId());
  for (const char* sql :
       {"select eventname, count(*) from cloudtrail_logs group by eventname",
        "select lower(eventname), count(*) from cloudtrail_logs group by lower(eventname)",
        "select eventname, lower(eventname), count(*) from cloudtrail_logs "
        "group by eventname, lower(eventname)",
        "select coalesce(eventname, 'a'), count(*) from cloudtrail_logs "
        "group by coalesce(eventname, 'a')",
        "select count(*), count(distinct eventname) from cloudtrail_logs"}) {
    SCOPED_TRACE(sql);
    GroupByCodeChecker checker(sql, {"eventname"});
    std::mt19937 random(5);
    for (int chunk = 0; chunk < 20; chunk++) {
      const TestDictionary* d = chunk % 5 < 2 ? &d1 : &d2;
      checker.Sink({d}, {SomeCodes(random, d->size(), 1 + random() % 30)}, {true});
    }
    checker.Check();
  }
}

TEST(HashAggregateByCodeTest, ManyKeysAndHugeDictionaries) {
  // Four keys of 70000-entry dictionaries: more keys than ids can be packed
  // for; the rows group by their bytes.
  std::vector<std::unique_ptr<TestDictionary>> dictionaries;
  for (int k = 0; k < 4; k++) {
    dictionaries.push_back(std::make_unique<TestDictionary>("v", 70000, NextTestId()));
  }
  GroupByCodeChecker four(
      "select eventname, awsregion, errorcode, eventsource, count(*) from cloudtrail_logs "
      "group by eventname, awsregion, errorcode, eventsource",
      {"eventname", "awsregion", "errorcode", "eventsource"});
  std::mt19937 random(9);
  for (int chunk = 0; chunk < 4; chunk++) {
    std::vector<const TestDictionary*> keys;
    std::vector<std::vector<uint32_t>> codes;
    for (int k = 0; k < 4; k++) {
      keys.push_back(dictionaries[k].get());
      std::vector<uint32_t> column(100);
      for (uint32_t& code : column) code = random() % 10 == 0 ? 0 : 1 + random() % 40;
      codes.push_back(column);
    }
    four.Sink(keys, codes, {true, true, true, true});
  }
  four.Check();

  // Two keys: between chunks over small dictionaries, one whose first key
  // has more entries than ids can number (2^21), then small ones again. Rows
  // 7 and 8 of that chunk differ only in the first key's last entry and in
  // the 5th; were it numbered anyway, its id (2^21 + 5) would spill into the
  // second key's bits and the two rows would share a group.
  const TestDictionary huge("v", (uint32_t{1} << 21) + 5, NextTestId());
  GroupByCodeChecker two("select eventname, awsregion, count(*) from cloudtrail_logs "
                         "group by eventname, awsregion",
                         {"eventname", "awsregion"});
  for (int chunk = 0; chunk < 9; chunk++) {
    const TestDictionary* first = chunk % 3 == 1 ? &huge : dictionaries[chunk % 2].get();
    std::vector<std::vector<uint32_t>> codes(2, std::vector<uint32_t>(100));
    for (auto& column : codes) {
      // Codes valid in every dictionary here, meaning the same strings in all
      // of them ("v<code - 1>").
      for (uint32_t& code : column) code = random() % 10 == 0 ? 0 : 1 + random() % 60000;
    }
    if (first == &huge) {
      codes[0][7] = huge.size();
      codes[1][7] = 1;
      codes[0][8] = 5;
      codes[1][8] = 1;
    }
    two.Sink({first, dictionaries[2].get()}, codes, {true, true});
  }
  two.Check();
}

TEST(HashAggregateByCodeTest, CombineAfterGroupingByCodes) {
  const TestDictionary d1({"a", "b", "c"}, NextTestId());
  const TestDictionary d2({"c", "d"}, NextTestId());
  const TestDictionary r1({"x", "y"}, NextTestId());
  const std::string sql =
      "select eventname, awsregion, count(*), max(awsregion) from cloudtrail_logs "
      "group by eventname, awsregion";
  GroupByCodeChecker first(sql, {"eventname", "awsregion"});
  GroupByCodeChecker second(sql, {"eventname", "awsregion"});
  std::mt19937 random(17);
  for (int chunk = 0; chunk < 10; chunk++) {
    const uint32_t n = 1 + random() % 40;
    GroupByCodeChecker& checker = chunk % 2 == 0 ? first : second;
    const TestDictionary* d = chunk % 3 == 0 ? &d1 : &d2;
    checker.Sink({d, &r1}, {SomeCodes(random, d->size(), n), SomeCodes(random, r1.size(), n)},
                 {true, true});
  }
  ASSERT_TRUE(first.with().Combine(&second.with()).ok());
  ASSERT_TRUE(first.without().Combine(&second.without()).ok());
  first.Check();
}

// ---------------------------------------------------------------------------
// Whole queries: the cache's dictionaries against rows in memory.

const std::vector<std::string>& EndToEndQueries() {
  static const std::vector<std::string> queries = {
      "select eventname, awsregion, count(*) from cloudtrail_logs group by eventname, awsregion",
      "select awsregion, eventname, count(*), min(eventtime), max(errorcode), count(errorcode) "
      "from cloudtrail_logs group by awsregion, eventname",
      "select eventname, count(*) from cloudtrail_logs where awsregion <> 'region-1' "
      "group by eventname",
      "select eventname, lower(awsregion), count(*) from cloudtrail_logs "
      "group by eventname, lower(awsregion)",
      "select errorcode, eventname, awsregion, count(*) from cloudtrail_logs "
      "where eventname like 'Get%' or errorcode is not null group by errorcode, eventname, awsregion",
      "select count(distinct eventname), count(distinct awsregion), count(*) from cloudtrail_logs",
      "select distinct awsregion, eventname from cloudtrail_logs",
      "select eventname, eventtime, errorcode from cloudtrail_logs "
      "where errorcode = 'AccessDenied' and eventname in ('GetObject', 'PutObject', 'Name3')",
      "select eventname, count(*) from cloudtrail_logs where eventtime >= '2024-03-01T00:00:00Z' "
      "and awsregion is not null group by eventname",
      "select eventname, awsregion, count(*) from cloudtrail_logs group by eventname, awsregion "
      "having count(*) > 50",
  };
  return queries;
}

// Group g: `rows` rows whose names come from a window of the pool that
// slides with g (so code k means another string in each group), regions
// with NULLs, rare error codes. Group `plain_regions` has too many distinct
// regions for a dictionary.
std::shared_ptr<const RowGroup> EndToEndGroup(uint32_t g, uint32_t rows, bool plain_regions) {
  static const char* const kNames[] = {"AssumeRole", "ConsoleLogin", "DescribeInstances",
                                       "GetObject",  "ListBuckets",  "PutObject",
                                       "Name0",      "Name1",        "Name2",
                                       "Name3",      "Name4",        "Name5"};
  std::mt19937 random(100 + g);
  std::vector<Cell> names, regions, errors, times;
  for (uint32_t r = 0; r < rows; r++) {
    const uint32_t pick = (g * 2 + random() % 6) % 12;
    names.push_back(random() % 17 == 0 ? Cell() : Cell(kNames[pick]));
    if (plain_regions) {
      regions.push_back(StrCat("region-", r));
    } else {
      regions.push_back(random() % 9 == 0 ? Cell() : Cell(StrCat("region-", (g + random()) % 4)));
    }
    errors.push_back(random() % 13 == 0 ? Cell(random() % 2 == 0 ? "AccessDenied" : "Throttling")
                                        : Cell());
    char time[32];
    std::snprintf(time, sizeof(time), "2024-03-%02uT%02u:%02u:00Z", 1 + g % 3, r / 60 % 24,
                  r % 60);
    times.push_back(std::string(time));
  }
  return MakeGroup(rows, {{"eventname", names},
                          {"awsregion", regions},
                          {"errorcode", errors},
                          {"eventtime", times}});
}

TEST(DictionaryEndToEndTest, StoredGroupsAnswerAsInMemoryGroups) {
  std::vector<std::shared_ptr<const RowGroup>> groups;
  const uint32_t rows_per_group = std::max<uint32_t>(3 * kVectorSize / 2, 600);
  for (uint32_t g = 0; g < 7; g++) groups.push_back(EndToEndGroup(g, rows_per_group, g == 4));
  std::shared_ptr<const SegmentReader> segment = WriteSegment(groups);
  ASSERT_NE(segment, nullptr);
  // The premise: the cache holds these columns as dictionaries (but group 4's
  // regions).
  for (uint32_t g = 0; g < segment->row_group_count(); g++) {
    for (const char* name : {"eventname", "awsregion"}) {
      StringColumnData data;
      ASSERT_TRUE(segment->ReadColumnInto(g, Column(name), &data, true).ok());
      EXPECT_EQ(data.is_dictionary, !(g == 4 && std::string(name) == "awsregion")) << name << g;
    }
  }
  Table in_memory, stored;
  in_memory.row_groups = groups;
  for (uint32_t g = 0; g < segment->row_group_count(); g++) {
    stored.stored_groups.push_back({segment, g, segment->row_count(g)});
  }
  // A mixed table too: in-memory groups first, then stored ones.
  Table mixed;
  mixed.row_groups = {groups[0], groups[1]};
  for (uint32_t g = 2; g < segment->row_group_count(); g++) {
    mixed.stored_groups.push_back({segment, g, segment->row_count(g)});
  }

  for (const std::string& sql : EndToEndQueries()) {
    SCOPED_TRACE(sql);
    BoundQuery query = BindSql(sql);
    ExecutionOptions options;
    options.threads = 1;
    auto expected = ExecutePlan(query.plan, in_memory, options, nullptr);
    ASSERT_TRUE(expected.ok()) << expected.status();
    const std::vector<std::string> want = Lines(*expected);
    ASSERT_FALSE(want.empty());
    for (int threads : {1, 3}) {
      for (bool prune : {true, false}) {
        options.threads = threads;
        options.prune = prune;
        ExecutionStats stats;
        auto got = ExecutePlan(query.plan, stored, options, &stats);
        ASSERT_TRUE(got.ok()) << got.status();
        EXPECT_EQ(Lines(*got), want) << "threads " << threads << " prune " << prune;
        if (!prune) {
          EXPECT_EQ(stats.rows_scanned, stored.row_count());
        }
        auto got_mixed = ExecutePlan(query.plan, mixed, options, nullptr);
        ASSERT_TRUE(got_mixed.ok()) << got_mixed.status();
        EXPECT_EQ(Lines(*got_mixed), want) << "mixed, threads " << threads;
      }
    }
  }
  // The first query really has many groups (not a trivially small answer).
  BoundQuery query = BindSql(EndToEndQueries()[0]);
  ExecutionOptions options;
  auto rows = ExecutePlan(query.plan, stored, options, nullptr);
  ASSERT_TRUE(rows.ok());
  EXPECT_GT(rows->size(), 40u);
}

// Through the public API: logs ingested into a cache (row groups of 16 Ki
// rows, so several, whose dictionaries differ), against the same logs read
// into memory.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    static int counter = 0;
    path_ = std::filesystem::path(::testing::TempDir()) /
            StrCat("ctq_dictionary_", ::getpid(), "_", counter++);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

void WriteLogFile(const std::string& path, uint32_t first, uint32_t events, uint32_t variant) {
  static const char* const kNames[] = {"AssumeRole", "ConsoleLogin", "DescribeInstances",
                                       "GetObject",  "ListBuckets",  "PutObject",
                                       "Name0",      "Name1",        "Name2"};
  std::mt19937 random(first);
  std::string json = "{\"Records\":[";
  for (uint32_t i = 0; i < events; i++) {
    const uint32_t n = first + i;
    if (i > 0) json += ",";
    char time[32];
    std::snprintf(time, sizeof(time), "2024-03-01T%02u:%02u:%02uZ", n / 3600 % 24, n / 60 % 60,
                  n % 60);
    StrAppend(&json, "{\"eventVersion\":\"1.08\",\"eventTime\":\"", time,
              "\",\"eventSource\":\"ec2.amazonaws.com\"");
    if (random() % 19 != 0) {
      StrAppend(&json, ",\"eventName\":\"", kNames[(variant * 3 + random() % 6) % 9], "\"");
    }
    if (random() % 7 != 0) {
      StrAppend(&json, ",\"awsRegion\":\"", "region-", (variant + random() % 3) % 5, "\"");
    }
    if (random() % 11 == 0) StrAppend(&json, ",\"errorCode\":\"AccessDenied\"");
    StrAppend(&json, ",\"eventID\":\"ev-", n, "\"}");
  }
  json += "]}";
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << json;
}

std::vector<std::string> QueryLines(Database& db, const std::string& sql) {
  absl::StatusOr<QueryResult> result = db.Query(sql);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
  if (!result.ok()) return {};
  return Lines(result->rows());
}

// A group column selected many times is copied to each use (the projection
// over groups moves a value only when it is used once; the count of uses
// must not wrap around at 256).
TEST(GroupProjectionTest, ColumnSelectedManyTimes) {
  ScratchDirectory scratch;
  const std::string logs = scratch.path() + "/AWSLogs";
  WriteLogFile(StrCat(logs, "/111122223333/CloudTrail/us-east-1/2024/03/01/a.json"), 0, 50, 0);
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open({.threads = 1});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->AddLogs({logs}).ok());
  for (int uses : {2, 255, 256, 257, 300}) {
    std::string sql = "select count(*)";
    for (int u = 0; u < uses; u++) sql += ", eventname";
    sql += " from cloudtrail_logs group by eventname";
    absl::StatusOr<QueryResult> result = (*db)->Query(sql);
    ASSERT_TRUE(result.ok()) << result.status();
    int named = 0;
    for (const auto& row : result->rows()) {
      ASSERT_EQ(row.size(), size_t(uses) + 1);
      for (int u = 2; u <= uses; u++) {
        ASSERT_EQ(row[u].is_null(), row[1].is_null()) << uses << " uses, column " << u;
        ASSERT_EQ(row[u].ToString(), row[1].ToString()) << uses << " uses, column " << u;
      }
      named += !row[1].is_null() && !row[1].varchar().empty() ? 1 : 0;
    }
    EXPECT_GE(named, 3) << uses << " uses";
  }
}

TEST(DictionaryEndToEndTest, CacheAnswersAsTheLogsDo) {
  ScratchDirectory scratch;
  const std::string logs = scratch.path() + "/AWSLogs";
  // 3 files x 14000 events: row groups of 16 Ki rows straddle the files, so
  // the dictionaries of consecutive row groups differ.
  for (uint32_t f = 0; f < 3; f++) {
    WriteLogFile(StrCat(logs, "/111122223333/CloudTrail/us-east-1/2024/03/01/111122223333_",
                        "CloudTrail_us-east-1_20240301T0000Z_f", f, ".json"),
                 f * 14000, 14000, f);
  }
  CacheIngestOptions ingest;
  ingest.threads = 1;
  absl::StatusOr<CacheIngestReport> report =
      IngestIntoCache(scratch.path() + "/cache", {logs}, ingest);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->cache_events, 42000u);
  absl::StatusOr<CacheInfo> info = DescribeCache(scratch.path() + "/cache");
  ASSERT_TRUE(info.ok());
  EXPECT_GE(info->row_groups, 3u);
  // The premise: the cache holds eventname as dictionaries, and they differ
  // between row groups (other entries, so codes mean other strings).
  std::set<std::vector<Cell>> entry_lists;
  uint64_t dictionary_groups = 0;
  for (const auto& file : std::filesystem::directory_iterator(scratch.path() + "/cache")) {
    if (!IsSegmentFileName(file.path().filename().string())) continue;
    auto segment = SegmentReader::Open(file.path().string());
    ASSERT_TRUE(segment.ok()) << segment.status();
    for (uint32_t g = 0; g < (*segment)->row_group_count(); g++) {
      StringColumnData data;
      ASSERT_TRUE((*segment)->ReadColumnInto(g, Column("eventname"), &data, true).ok());
      EXPECT_TRUE(data.is_dictionary);
      if (!data.is_dictionary) continue;
      dictionary_groups++;
      std::vector<Cell> entries;
      for (uint32_t k = 1; k <= data.dictionary_size(); k++) {
        entries.push_back(std::string(data.Entry(k)));
      }
      entry_lists.insert(entries);
    }
  }
  EXPECT_GE(dictionary_groups, 3u);
  EXPECT_GE(entry_lists.size(), 2u);

  Options options;
  options.threads = 2;
  auto cache = Database::OpenCache(scratch.path() + "/cache", options);
  ASSERT_TRUE(cache.ok()) << cache.status();
  auto memory = Database::Open(options);
  ASSERT_TRUE(memory.ok());
  ASSERT_TRUE((*memory)->AddLogs({logs}).ok());
  for (const std::string& sql : EndToEndQueries()) {
    const std::vector<std::string> want = QueryLines(**memory, sql);
    EXPECT_FALSE(want.empty()) << sql;
    EXPECT_EQ(QueryLines(**cache, sql), want) << sql;
  }
}

}  // namespace
}  // namespace ctq
