// Database::Query(sql, sink): the streamed result is Query(sql)'s, row for
// row and in order, for every kind of plan and thread count; a failing sink
// stops the query with its status; a LIMIT stops the scan early.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "ctq/result_sink.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

constexpr int kEvents = 30000;
constexpr uint32_t kRowGroupRows = 1000;  // 30 morsels: the reorder window has work

// Keeps what it is given, checking the protocol: Begin once, then batches.
class KeepingSink : public ResultSink {
 public:
  absl::Status Begin(const std::vector<ResultColumn>& columns) override {
    EXPECT_EQ(begins_++, 0) << "Begin called twice";
    EXPECT_TRUE(rows_.empty()) << "rows before Begin";
    columns_ = columns;
    return absl::OkStatus();
  }
  absl::Status AddRows(std::vector<std::vector<Value>> rows) override {
    EXPECT_EQ(begins_, 1) << "rows before Begin";
    EXPECT_FALSE(rows.empty()) << "an empty batch";
    batches_++;
    for (auto& row : rows) rows_.push_back(std::move(row));
    if (fail_after_batches_ > 0 && batches_ >= fail_after_batches_) {
      return absl::CancelledError("the reader went away");
    }
    return absl::OkStatus();
  }

  int fail_after_batches_ = 0;  // fail on this batch (0: never)
  int begins_ = 0;
  int batches_ = 0;
  std::vector<ResultColumn> columns_;
  std::vector<std::vector<Value>> rows_;
};

class StreamingQueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(StrCat(::testing::TempDir(), "/ctq_streaming_", getpid()));
    std::filesystem::create_directories(*dir_);
    std::ofstream out(*dir_ + "/events.ndjson", std::ios::binary);
    for (int i = 0; i < kEvents; i++) {
      out << "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-03-01T00:"
          << (i / 600) % 60 / 10 << (i / 600) % 10 << ":00Z\",\"eventSource\":\"ec2.amazonaws.com\","
          << "\"eventName\":\"e" << i % 7 << "\",\"eventID\":\"id-" << i
          << "\",\"awsRegion\":\"r" << i % 3 << "\",\"userAgent\":\"agent/" << i % 101 << "\"}\n";
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static std::unique_ptr<Database> Open(int threads) {
    Options options;
    options.threads = threads;
    options.row_group_rows = kRowGroupRows;
    std::unique_ptr<Database> db = Database::Open(options).value();
    EXPECT_TRUE(db->AddLogs({*dir_}).ok());
    return db;
  }

  static std::string* dir_;
};

std::string* StreamingQueryTest::dir_ = nullptr;

std::string RowText(const std::vector<Value>& row) {
  std::string text;
  for (const Value& value : row) StrAppend(&text, value.ToString(), "|");
  return text;
}

TEST_F(StreamingQueryTest, StreamedRowsAreQueryResultsInOrder) {
  const std::vector<std::string> queries = {
      "select * from cloudtrail_logs",
      "select eventid, eventname from cloudtrail_logs where awsregion = 'r1'",
      "select eventid from cloudtrail_logs where eventname = 'e3' limit 1234",
      "select eventid, useragent from cloudtrail_logs limit 5",
      "select eventid from cloudtrail_logs limit 0",
      "select eventid from cloudtrail_logs where eventname = 'none'",
      "select eventid from cloudtrail_logs order by useragent desc, eventid limit 7000",
      "select eventname, count(*) from cloudtrail_logs group by 1 order by 1",
      // (GROUP BY without ORDER BY has no fixed order across runs: the
      // workers' hash tables fill in whatever order they scan.)
      "select useragent, count(*) as n from cloudtrail_logs group by 1 order by n, 1",
      "select distinct awsregion, eventname from cloudtrail_logs",
      "select 1 + 1 as two",
      "explain select eventid from cloudtrail_logs",
  };
  for (int threads : {1, 3}) {
    std::unique_ptr<Database> db = Open(threads);
    for (const std::string& sql : queries) {
      SCOPED_TRACE(StrCat(sql, " (threads=", threads, ")"));
      absl::StatusOr<QueryResult> result = db->Query(sql);
      ASSERT_TRUE(result.ok()) << result.status();
      KeepingSink sink;
      absl::Status status = db->Query(sql, sink);
      ASSERT_TRUE(status.ok()) << status;
      EXPECT_EQ(sink.begins_, 1);
      ASSERT_EQ(sink.columns_.size(), result->column_count());
      for (size_t c = 0; c < sink.columns_.size(); c++) {
        EXPECT_EQ(sink.columns_[c].name, result->columns()[c].name);
        EXPECT_EQ(sink.columns_[c].type, result->columns()[c].type);
      }
      ASSERT_EQ(sink.rows_.size(), result->row_count());
      for (size_t r = 0; r < sink.rows_.size(); r++) {
        ASSERT_EQ(RowText(sink.rows_[r]), RowText(result->rows()[r])) << "row " << r;
      }
    }
  }
}

TEST_F(StreamingQueryTest, APlainScanStreamsInBatchesInMorselOrder) {
  std::unique_ptr<Database> db = Open(3);
  KeepingSink sink;
  ASSERT_TRUE(db->Query("select eventid from cloudtrail_logs", sink).ok());
  ASSERT_EQ(sink.rows_.size(), static_cast<size_t>(kEvents));
  // Several batches, not one: the rows went out while the scan ran.
  EXPECT_GT(sink.batches_, 1);
  for (int i = 0; i < kEvents; i++) {
    ASSERT_EQ(sink.rows_[i][0].varchar(), StrCat("id-", i)) << "row " << i;
  }
}

TEST_F(StreamingQueryTest, AFailingSinkStopsTheQueryWithItsStatus) {
  for (int threads : {1, 3}) {
    for (const char* sql : {"select eventid from cloudtrail_logs",
                            "select eventid from cloudtrail_logs order by eventid"}) {
      SCOPED_TRACE(StrCat(sql, " (threads=", threads, ")"));
      std::unique_ptr<Database> db = Open(threads);
      KeepingSink sink;
      sink.fail_after_batches_ = 1;
      absl::Status status = db->Query(sql, sink);
      EXPECT_TRUE(absl::IsCancelled(status)) << status;
      EXPECT_EQ(status.message(), "the reader went away");
      // Not called again after it failed.
      EXPECT_EQ(sink.batches_, 1);
      EXPECT_LT(sink.rows_.size(), static_cast<size_t>(kEvents));
      // The database goes on answering.
      absl::StatusOr<QueryResult> count = db->Query("select count(*) from cloudtrail_logs");
      ASSERT_TRUE(count.ok()) << count.status();
      EXPECT_EQ(count->value(0, 0).bigint(), kEvents);
    }
  }
}

TEST_F(StreamingQueryTest, AFailingBeginStopsTheQueryBeforeItRuns) {
  class RefusingSink : public ResultSink {
   public:
    absl::Status Begin(const std::vector<ResultColumn>&) override {
      return absl::PermissionDeniedError("no");
    }
    absl::Status AddRows(std::vector<std::vector<Value>>) override {
      ADD_FAILURE() << "rows after a failed Begin";
      return absl::OkStatus();
    }
  } sink;
  std::unique_ptr<Database> db = Open(2);
  EXPECT_TRUE(absl::IsPermissionDenied(db->Query("select * from cloudtrail_logs", sink)));
}

// The rows EXPLAIN ANALYZE says the scan read.
uint64_t RowsRead(Database& db, const std::string& sql) {
  absl::StatusOr<QueryResult> plan = db.Query("explain analyze " + sql);
  EXPECT_TRUE(plan.ok()) << plan.status();
  if (!plan.ok()) return 0;
  for (const auto& row : plan->rows()) {
    const std::string& line = row[0].varchar();
    size_t at = line.find("rows read: ");
    if (at == std::string::npos) continue;
    std::string digits;
    for (size_t i = at + 11; i < line.size() && line[i] >= '0' && line[i] <= '9'; i++) {
      digits += line[i];
    }
    uint64_t n = 0;
    EXPECT_TRUE(absl::SimpleAtoi(digits, &n)) << line;
    return n;
  }
  ADD_FAILURE() << "no rows read in " << plan->ToString();
  return 0;
}

TEST_F(StreamingQueryTest, ALimitStopsTheScanOnceItsRowsWentOut) {
  for (int threads : {1, 3}) {
    SCOPED_TRACE(StrCat("threads=", threads));
    std::unique_ptr<Database> db = Open(threads);
    KeepingSink sink;
    ASSERT_TRUE(db->Query("select eventid from cloudtrail_logs limit 1500", sink).ok());
    ASSERT_EQ(sink.rows_.size(), 1500u);
    EXPECT_EQ(sink.rows_.back()[0].varchar(), "id-1499");
    // 1,500 rows are two morsels of 1,000: no morsel starts once those handed
    // out hold 1,500 rows, so at most one more per worker is read.
    EXPECT_LE(RowsRead(*db, "select eventid from cloudtrail_logs limit 1500"),
              uint64_t{(2 + threads) * kRowGroupRows});
    // A filter that most rows fail: the scan reads on until LIMIT rows passed.
    EXPECT_LT(RowsRead(*db, "select eventid from cloudtrail_logs where eventname = 'e3' limit 10"),
              uint64_t{kEvents / 2});
  }
}

}  // namespace
}  // namespace ctq
