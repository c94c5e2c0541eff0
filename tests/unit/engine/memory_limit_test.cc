// Options::memory_limit_bytes through the public API: a query that needs
// more than the limit (a big result, GROUP BY over many groups, DISTINCT,
// count(DISTINCT), ORDER BY) fails with ResourceExhausted naming what needed
// the memory, the database goes on answering, results hold their share of
// the limit until destroyed, and a LIMIT over thousands of columns stays
// small.
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "ctq/result_sink.h"
#include "gtest/gtest.h"
#include "tests/unit/sanitizers.h"

namespace ctq {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr int kEvents = 200000;

class MemoryLimitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(StrCat(::testing::TempDir(), "/ctq_memory_limit_", getpid()));
    std::filesystem::create_directories(*dir_);
    // NDJSON: every event has its own id and a 60-byte user agent, so that a
    // GROUP BY eventid has a group per event.
    std::ofstream out(*dir_ + "/events.ndjson", std::ios::binary);
    for (int i = 0; i < kEvents; i++) {
      out << "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-03-01T00:00:00Z\","
          << "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"e" << i % 7
          << "\",\"eventID\":\"event-id-" << i << "\",\"userAgent\":\"agent/" << i
          << std::string(50, 'x') << "\"}\n";
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static std::unique_ptr<Database> Open(uint64_t limit, int threads = 2) {
    Options options;
    options.threads = threads;
    options.memory_limit_bytes = limit;
    std::unique_ptr<Database> db = Database::Open(options).value();
    absl::StatusOr<IngestReport> report = db->AddLogs({*dir_});
    EXPECT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->events, static_cast<uint64_t>(kEvents));
    return db;
  }

  static void ExpectExhausted(Database& db, const std::string& sql, const std::string& what) {
    absl::StatusOr<QueryResult> result = db.Query(sql);
    ASSERT_FALSE(result.ok()) << sql;
    EXPECT_TRUE(absl::IsResourceExhausted(result.status())) << result.status();
    EXPECT_TRUE(absl::StrContains(result.status().message(), "memory limit of 16.0 MB"))
        << result.status();
    EXPECT_TRUE(absl::StrContains(result.status().message(), what)) << result.status();
  }

  static std::string* dir_;
};

std::string* MemoryLimitTest::dir_ = nullptr;

TEST_F(MemoryLimitTest, PastTheLimitIsResourceExhaustedNamingTheConsumer) {
  for (int threads : {1, 2}) {
    std::unique_ptr<Database> db = Open(16 * kMiB, threads);
    ExpectExhausted(*db, "select * from cloudtrail_logs", "the result set");
    ExpectExhausted(*db, "select eventid, count(*) from cloudtrail_logs group by eventid",
                    "hash aggregation");
    ExpectExhausted(*db, "select count(distinct useragent) from cloudtrail_logs",
                    "count(DISTINCT) values");
    ExpectExhausted(*db, "select distinct eventid from cloudtrail_logs", "rows");
    ExpectExhausted(*db, "select eventid from cloudtrail_logs order by useragent", "rows");
    // The database goes on: small answers, and a top-N, still fit.
    absl::StatusOr<QueryResult> small =
        db->Query("select eventname, count(*) from cloudtrail_logs group by 1 order by 1");
    ASSERT_TRUE(small.ok()) << small.status();
    EXPECT_EQ(small->row_count(), 7u);
    absl::StatusOr<QueryResult> top =
        db->Query("select eventid from cloudtrail_logs order by useragent desc limit 3");
    ASSERT_TRUE(top.ok()) << top.status();
    EXPECT_EQ(top->row_count(), 3u);
    absl::StatusOr<QueryResult> count = db->Query("select count(*) from cloudtrail_logs");
    ASSERT_TRUE(count.ok()) << count.status();
    EXPECT_EQ(count->value(0, 0).bigint(), kEvents);
  }
}

TEST_F(MemoryLimitTest, TheDefaultLimitRunsTheSameQueries) {
  std::unique_ptr<Database> db = Open(0);
  absl::StatusOr<QueryResult> all = db->Query("select * from cloudtrail_logs");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->row_count(), static_cast<size_t>(kEvents));
  absl::StatusOr<QueryResult> groups =
      db->Query("select eventid, count(*) from cloudtrail_logs group by eventid");
  ASSERT_TRUE(groups.ok()) << groups.status();
  EXPECT_EQ(groups->row_count(), static_cast<size_t>(kEvents));
}

TEST_F(MemoryLimitTest, AResultHoldsItsShareUntilDestroyed) {
  // About 30 MB of rows (eventid and useragent) under a 48 MB limit: one
  // fits, two at once do not.
  std::unique_ptr<Database> db = Open(48 * kMiB);
  const std::string sql = "select eventid, useragent from cloudtrail_logs";
  auto first = std::make_unique<absl::StatusOr<QueryResult>>(db->Query(sql));
  ASSERT_TRUE(first->ok()) << first->status();
  absl::StatusOr<QueryResult> second = db->Query(sql);
  EXPECT_TRUE(absl::IsResourceExhausted(second.status())) << second.status();
  first.reset();
  absl::StatusOr<QueryResult> third = db->Query(sql);
  EXPECT_TRUE(third.ok()) << third.status();
  // A result may outlive its database.
  db.reset();
  EXPECT_EQ(third->row_count(), static_cast<size_t>(kEvents));
}

TEST_F(MemoryLimitTest, LimitOverThousandsOfColumnsProjectsOnlyWhatItReturns) {
  // 20,000 projections with LIMIT 1 once took a vector's worth of rows of
  // every column on every worker (gigabytes); now one row.
  std::unique_ptr<Database> db = Open(16 * kMiB);
  std::string sql = "select ";
  for (int i = 0; i < 20000; i++) StrAppend(&sql, i > 0 ? ", " : "", "useragent");
  sql += " from cloudtrail_logs limit 1";
  absl::StatusOr<QueryResult> result = db->Query(sql);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->row_count(), 1u);
  EXPECT_EQ(result->column_count(), 20000u);
  // Without the LIMIT the same query is a clear error, not gigabytes.
  ExpectExhausted(*db, sql.substr(0, sql.size() - 8), "the result set");
}

// Checks that the rows are the events in order (eventid "event-id-<i>" for
// row i) and keeps nothing.
class InOrderSink : public ResultSink {
 public:
  absl::Status Begin(const std::vector<ResultColumn>& columns) override {
    for (size_t c = 0; c < columns.size(); c++) {
      if (columns[c].name == "eventid") eventid_ = c;
    }
    columns_ = columns.size();
    return absl::OkStatus();
  }
  absl::Status AddRows(std::vector<std::vector<Value>> rows) override {
    for (const std::vector<Value>& row : rows) {
      if (row.size() != columns_ || row[eventid_].varchar() != StrCat("event-id-", rows_)) {
        return absl::InternalError(StrCat("row ", rows_, " is out of order"));
      }
      rows_++;
    }
    return absl::OkStatus();
  }
  size_t columns_ = 0;
  size_t eventid_ = 0;
  int64_t rows_ = 0;
};

TEST_F(MemoryLimitTest, AStreamedResultFarLargerThanTheLimitGoesOutWhole) {
  // select * over the events (about 340 MB of rows) is ten times the limit:
  // Query(sql) cannot hold it, but streamed it needs about a chunk of rows
  // per worker and a small reorder window.
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(StrCat("threads=", threads));
    std::unique_ptr<Database> db = Open(32 * kMiB, threads);
    absl::StatusOr<QueryResult> whole = db->Query("select * from cloudtrail_logs");
    EXPECT_TRUE(absl::IsResourceExhausted(whole.status())) << whole.status();
    InOrderSink sink;
    absl::Status status = db->Query("select * from cloudtrail_logs", sink);
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(sink.rows_, kEvents);
    EXPECT_GT(sink.columns_, 20u);
  }
}

// Sanitizers reserve address space that RLIMIT_AS cannot leave room for, so
// the ulimit test below does not run (and its helpers are not compiled, or
// -Werror=unused-function fails the build) under them (CTQ_SANITIZED).

#ifndef CTQ_SANITIZED
// The process's virtual memory size (VmSize), or 0.
uint64_t VirtualMemoryBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmSize:", 0) == 0) return std::stoull(line.substr(7)) * 1024;
  }
  return 0;
}

// Runs in a child process (a death test): with the address space capped
// (ulimit -v) below what the query needs and a memory limit far above it,
// the allocation that fails is std::bad_alloc, and Query turns it into
// ResourceExhausted instead of aborting. Exits 0 when it did.
[[noreturn]] void QueryUnderAddressSpaceCap(const std::string& dir) {
  Options options;
  options.threads = 2;
  options.memory_limit_bytes = uint64_t{1} << 40;
  std::unique_ptr<Database> db = Database::Open(options).value();
  if (!db->AddLogs({dir}).ok()) _exit(2);
  // Warm the worker threads (their stacks and malloc arenas) first.
  if (!db->Query("select count(*) from cloudtrail_logs").ok()) _exit(3);
  const uint64_t cap = VirtualMemoryBytes() + 256 * kMiB;
  rlimit limit{cap, cap};
  if (cap == 256 * kMiB || setrlimit(RLIMIT_AS, &limit) != 0) _exit(4);
  std::string sql = "select *";
  for (int i = 0; i < 40; i++) sql += ", useragent";
  absl::StatusOr<QueryResult> result = db->Query(sql + " from cloudtrail_logs");
  if (result.ok()) _exit(5);
  if (!absl::IsResourceExhausted(result.status())) _exit(6);
  if (!absl::StrContains(result.status().message(), "ran out of memory")) _exit(7);
  // The database still answers once the memory is back.
  absl::StatusOr<QueryResult> count = db->Query("select count(*) from cloudtrail_logs");
  _exit(count.ok() && count->value(0, 0).bigint() == kEvents ? 0 : 8);
}
#endif  // CTQ_SANITIZED

TEST_F(MemoryLimitTest, BadAllocUnderUlimitIsResourceExhausted) {
#ifdef CTQ_SANITIZED
  GTEST_SKIP() << "sanitizers reserve address space that RLIMIT_AS cannot leave room for";
#else
  // A fresh process (not a fork of this threaded one) runs the child.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(QueryUnderAddressSpaceCap(*dir_), ::testing::ExitedWithCode(0), "");
#endif
}

}  // namespace
}  // namespace ctq
