// libFuzzer target for the whole query path: any bytes run as a query over
// the SQL tests' small log set (tests/data/sql/basic), through parse, bind,
// plan and execution. The parser fuzzer stops at syntax; the bugs of a query
// engine hide past it, in the binder's types, the functions' edge values and
// the operators. A query must give a result whose rows fit its columns, or an
// error a user can act on, never a crash, a hang or an abort on memory: the
// database runs under a small memory limit, as `ctq --memory-limit` would.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ctq/database.h"
#include "ctq/result_sink.h"

namespace {

// Queries longer than this find nothing the short ones do not, and slow the
// search down (as in sql_parse_fuzzer).
constexpr size_t kMaxInput = 2048;
// Small enough that a query asking for a huge value or table meets the
// limit long before libFuzzer's RSS limit (2 GB by default) would.
constexpr uint64_t kMemoryLimit = uint64_t{64} << 20;
// A result is checked and dropped batch by batch; past this many rows the
// sink stops the query, so that a huge result cannot make one input slow.
constexpr size_t kMaxRows = 10000;

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "sql_eval_fuzzer: %s\n", what);
    std::abort();
  }
}

class CheckingSink : public ctq::ResultSink {
 public:
  absl::Status Begin(const std::vector<ctq::ResultColumn>& columns) override {
    Check(!begun_, "Begin called twice");
    begun_ = true;
    columns_ = columns.size();
    return absl::OkStatus();
  }

  absl::Status AddRows(std::vector<std::vector<ctq::Value>> rows) override {
    Check(begun_, "rows before Begin");
    Check(!rows.empty(), "an empty batch of rows");
    for (const std::vector<ctq::Value>& row : rows) {
      Check(row.size() == columns_, "a row with a different number of values than columns");
    }
    rows_ += rows.size();
    if (rows_ > kMaxRows) return absl::CancelledError("fuzzer row cap");
    return absl::OkStatus();
  }

 private:
  bool begun_ = false;
  size_t columns_ = 0;
  size_t rows_ = 0;
};

ctq::Database* OpenDatabase() {
  ctq::Options options;
  options.threads = 1;  // deterministic coverage: one input, one path
  options.memory_limit_bytes = kMemoryLimit;
  options.now_utc_millis = int64_t{1487592000000};  // 2017-02-20 12:00:00 UTC, as the SQL tests
  absl::StatusOr<std::unique_ptr<ctq::Database>> db = ctq::Database::Open(options);
  Check(db.ok(), "cannot open a database");
  absl::StatusOr<ctq::IngestReport> report = (*db)->AddLogs({CTQ_FUZZ_LOGS_DIR});
  Check(report.ok() && (*db)->event_count() > 0, "cannot load " CTQ_FUZZ_LOGS_DIR);
  return db->release();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return -1;  // rejected: not added to the corpus
  static ctq::Database* db = OpenDatabase();
  const std::string_view sql(reinterpret_cast<const char*>(data), size);
  CheckingSink sink;
  absl::Status status = db->Query(sql, sink);
  // CTQ_FUZZ_VERBOSE=1 prints each input's outcome: to see what a corpus
  // exercises, and to read a finding's query and error.
  static const bool verbose = std::getenv("CTQ_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    std::fprintf(stderr, "%.*s\n=> %s\n", static_cast<int>(sql.size()), sql.data(),
                 status.ok() ? "OK" : status.ToString().c_str());
  }
  // A bug in ctq shows as Internal (a broken invariant), Unknown (an escaped
  // exception) or DataLoss (the in-memory tables are never damaged); every
  // other code is an answer to a bad, unsupported or too large query.
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      std::fprintf(stderr, "sql_eval_fuzzer: %s\n", status.ToString().c_str());
      std::abort();
    default:
      break;
  }
  return 0;
}
