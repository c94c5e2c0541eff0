// Differential tests (ARCHITECTURE.md section 4, layer 3): ctq against SQLite
// and against itself.
//
// For several seeds, ctqgen writes a small bucket of CloudTrail logs into a
// temporary folder. The same files go into ctq four ways (AddLogs with 1
// thread and with 2; IngestIntoCache into a temporary columnar cache, ingested
// with 1 or 2 threads and queried through Database::OpenCache with 2 threads,
// and with 1 thread and pruning off; AddLogs with row groups of one vector, so
// every morsel is one chunk) and into an in-memory SQLite table built by the
// oracle's own JSON code. Every query (the six blog queries, then random
// variants) must give the same result set in all six, and the cache's result columns (names and types) must equal
// those of the in-memory database: issue 3 wants the cache to answer exactly
// as `--logs`.
//
// Results are compared as multisets of rows rendered to text. For ORDER BY
// queries the sequence of ORDER BY key tuples must equal the oracle's, which
// is determined even where keys tie; with a LIMIT, the oracle runs without
// it and ctq's rows must be a sub-multiset of the full answer whose keys are
// the first `limit` keys of the full sorted answer.
//
// Set CTQ_DIFF_VERBOSE=1 to print every query with its oracle row count.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "ctq/query_result.h"
#include "ctq/type.h"
#include "exec/vector/vector_size.h"
#include "tests/diff/query_variants.h"
#include "tests/diff/sqlite_oracle.h"
#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/generator.h"

namespace ctq::difftest {
namespace {

constexpr int64_t kEventsPerSeed = 20000;
constexpr int kVariantsPerSeed = 60;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<Row> Render(const QueryResult& result) {
  std::vector<Row> rows;
  rows.reserve(result.row_count());
  for (const auto& values : result.rows()) {
    Row row;
    row.reserve(values.size());
    for (const Value& v : values) {
      row.push_back(v.is_null() ? std::string(kNullText) : v.ToString());
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string RowText(const Row& row) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); i++) {
    if (i > 0) out += " | ";
    std::string cell = row[i] == kNullText ? "NULL" : row[i];
    if (cell.size() > 160) cell = cell.substr(0, 160) + "...";
    out += cell;
  }
  return out + ")";
}

// Up to a few rows of `a` that are not in `b` (both sorted), as text.
std::string Missing(const std::vector<Row>& a, const std::vector<Row>& b) {
  std::vector<Row> diff;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(diff));
  std::string out = std::to_string(diff.size()) + " row(s)";
  for (size_t i = 0; i < diff.size() && i < 5; i++) out += "\n      " + RowText(diff[i]);
  return out;
}

Row Keys(const Row& row, const std::vector<int>& keys) {
  Row out;
  for (int k : keys) out.push_back(k < static_cast<int>(row.size()) ? row[k] : "?");
  return out;
}

// Empty when ctq's rows are a correct answer given the oracle's full answer.
std::string Compare(const QuerySpec& spec, const std::vector<Row>& actual,
                    const std::vector<Row>& full) {
  size_t expected_count = full.size();
  if (spec.limit >= 0) expected_count = std::min<size_t>(full.size(), spec.limit);
  std::string problems;
  if (actual.size() != expected_count) {
    problems += StrCat("  row count: ctq ", actual.size(), ", expected ", expected_count, "\n");
  }
  if (!spec.order_keys.empty()) {
    for (size_t i = 0; i < std::min(actual.size(), expected_count); i++) {
      Row a = Keys(actual[i], spec.order_keys), e = Keys(full[i], spec.order_keys);
      if (a != e) {
        problems += StrCat("  ORDER BY keys differ at row ", i, ": ctq ", RowText(a),
                           ", expected ", RowText(e), "\n");
        break;
      }
    }
  }
  std::vector<Row> sorted_actual = actual, sorted_full = full;
  std::sort(sorted_actual.begin(), sorted_actual.end());
  std::sort(sorted_full.begin(), sorted_full.end());
  if (spec.limit < 0) {
    if (sorted_actual != sorted_full) {
      problems += "  only in ctq: " + Missing(sorted_actual, sorted_full) + "\n";
      problems += "  only in oracle: " + Missing(sorted_full, sorted_actual) + "\n";
    }
  } else if (!std::includes(sorted_full.begin(), sorted_full.end(), sorted_actual.begin(),
                            sorted_actual.end())) {
    problems += "  rows not in the full answer: " + Missing(sorted_actual, sorted_full) + "\n";
  }
  return problems;
}

std::string ColumnsText(const QueryResult& result) {
  std::string out;
  for (const ResultColumn& c : result.columns()) {
    StrAppend(&out, out.empty() ? "" : ", ", c.name, " ", TypeName(c.type));
  }
  return out;
}

// One way of loading the logs into ctq, with the database it gives.
struct CtqConfig {
  std::string name;  // for failure messages
  std::unique_ptr<Database> db;
  double query_seconds = 0;
};

class DiffTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void SetUp() override {
    std::string suffix = StrCat(static_cast<int64_t>(getpid()), "_", GetParam());
    dir_ = std::filesystem::temp_directory_path() / StrCat("ctq_diff_", suffix);
    // Not under dir_: that one is the logs folder that gets scanned.
    cache_dir_ = std::filesystem::temp_directory_path() / StrCat("ctq_diff_cache_", suffix);
    std::filesystem::remove_all(dir_);
    std::filesystem::remove_all(cache_dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    std::filesystem::remove_all(cache_dir_, ignored);
  }
  std::filesystem::path dir_;
  std::filesystem::path cache_dir_;
};

TEST_P(DiffTest, CtqMatchesSqliteAndItself) {
  const uint64_t seed = GetParam();
  auto start = std::chrono::steady_clock::now();

  gen::GeneratorOptions options;
  options.out_dir = dir_.string();
  options.events = kEventsPerSeed;
  options.seed = seed;
  ASSERT_TRUE(gen::ParseIsoDate("2017-01-01", &options.start_day));
  ASSERT_TRUE(gen::ParseIsoDate("2017-04-01", &options.end_day));
  options.events_per_file = 400;
  options.threads = 2;
  absl::StatusOr<gen::GeneratorSummary> summary = gen::Generate(options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->events, kEventsPerSeed);

  SqliteOracle oracle;
  ASSERT_EQ(oracle.init_error(), "");
  std::string error;
  ASSERT_TRUE(oracle.LoadFiles(FindLogFiles(dir_.string()), &error)) << error;
  ASSERT_EQ(oracle.event_count(), static_cast<uint64_t>(kEventsPerSeed));

  std::vector<CtqConfig> configs;
  IngestReport memory_report;
  for (int t = 1; t <= 2; t++) {
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open({.threads = t});
    ASSERT_TRUE(db.ok()) << db.status();
    absl::StatusOr<IngestReport> report = (*db)->AddLogs({dir_.string()});
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->events, static_cast<uint64_t>(kEventsPerSeed));
    EXPECT_TRUE(report->skipped.empty()) << report->skipped.front().path << ": "
                                         << report->skipped.front().reason;
    memory_report = *report;
    configs.push_back({StrCat("threads=", t), std::move(*db)});
  }
  const size_t memory_index = 1;  // the in-memory database the cache is checked against
  double ingest_seconds = 0;
  {
    // The cache must not depend on the ingest's thread count: odd seeds
    // ingest with 2 threads, even ones with 1. Queries run with 2 (thread
    // counts of queries over the cache are covered by the SQL golden tests).
    const int ingest_threads = seed % 2 == 0 ? 1 : 2;
    absl::StatusOr<CacheIngestReport> report =
        IngestIntoCache(cache_dir_.string(), {dir_.string()}, {.threads = ingest_threads});
    ASSERT_TRUE(report.ok()) << report.status();
    ingest_seconds = report->seconds;
    EXPECT_EQ(report->read.events, static_cast<uint64_t>(kEventsPerSeed));
    EXPECT_EQ(report->read.files_read, memory_report.files_read);
    EXPECT_EQ(report->read.digest_files, memory_report.digest_files);
    EXPECT_EQ(report->read.input_bytes, memory_report.input_bytes);
    EXPECT_EQ(report->cache_events, static_cast<uint64_t>(kEventsPerSeed));
    EXPECT_TRUE(report->read.skipped.empty()) << report->read.skipped.front().path << ": "
                                              << report->read.skipped.front().reason;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::OpenCache(cache_dir_.string(), {.threads = 2});
    ASSERT_TRUE(db.ok()) << db.status();
    EXPECT_EQ((*db)->event_count(), static_cast<uint64_t>(kEventsPerSeed));
    configs.push_back({"cache, threads=2", std::move(*db)});
    // Pruning must never change an answer.
    absl::StatusOr<std::unique_ptr<Database>> unpruned = Database::OpenCache(
        cache_dir_.string(), {.threads = 1, .prune_row_groups = false});
    ASSERT_TRUE(unpruned.ok()) << unpruned.status();
    configs.push_back({"cache, threads=1, no pruning", std::move(*unpruned)});
  }
  {
    // Morsels of one chunk: chunk and morsel boundaries everywhere.
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open({.threads = 2, .row_group_rows = kVectorSize});
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->AddLogs({dir_.string()}).ok());
    configs.push_back({"threads=2, one-chunk morsels", std::move(*db)});
  }

  const bool verbose = std::getenv("CTQ_DIFF_VERBOSE") != nullptr;
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  if (verbose) std::printf("seed %llu: loaded after %.2f s\n",
                           static_cast<unsigned long long>(seed), elapsed());

  std::vector<QuerySpec> queries = BlogQueries();
  const size_t blog_count = queries.size();
  for (QuerySpec& q : GenerateVariants(oracle, seed, kVariantsPerSeed)) {
    queries.push_back(std::move(q));
  }

  int variants_run = 0, variants_non_empty = 0, failures = 0;
  for (size_t qi = 0; qi < queries.size(); qi++) {
    const QuerySpec& spec = queries[qi];
    const bool is_variant = qi >= blog_count;
    OracleResult expected = oracle.Query(spec.sqlite_sql);
    ASSERT_TRUE(expected.ok) << "oracle failed on " << spec.name << ": " << expected.error
                             << "\n  sqlite: " << spec.sqlite_sql;
    if (verbose) {
      std::printf("%s (%zu rows): %s\n", spec.name.c_str(), expected.rows.size(),
                  spec.ctq_sql.c_str());
    }
    if (is_variant) {
      variants_run++;
      if (!expected.rows.empty()) variants_non_empty++;
    } else {
      // The planted incident makes every blog query return rows.
      EXPECT_FALSE(expected.rows.empty()) << spec.name << " is empty in the oracle";
    }
    std::optional<std::string> memory_columns;  // ColumnsText of configs[memory_index]
    for (size_t c = 0; c < configs.size(); c++) {
      auto query_start = std::chrono::steady_clock::now();
      absl::StatusOr<QueryResult> result = configs[c].db->Query(spec.ctq_sql);
      configs[c].query_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - query_start).count();
      std::string problems;
      if (!result.ok()) {
        problems = "  ctq error: " + FormatError(spec.ctq_sql, result.status()) + "\n";
      } else {
        problems = Compare(spec, Render(*result), expected.rows);
        if (!spec.column_names.empty()) {
          std::vector<std::string> names, want;
          for (const ResultColumn& c : result->columns()) names.push_back(Lower(c.name));
          for (const std::string& n : spec.column_names) want.push_back(Lower(n));
          if (names != want) {
            std::string got_text, want_text;
            for (const std::string& n : names) got_text += n + " ";
            for (const std::string& n : want) want_text += n + " ";
            problems += "  column names: ctq [" + got_text + "], expected [" + want_text + "]\n";
          }
        }
        if (c == memory_index) {
          memory_columns = ColumnsText(*result);
        } else if (c > memory_index && memory_columns.has_value() &&
                   ColumnsText(*result) != *memory_columns) {
          problems += StrCat("  result columns: [", ColumnsText(*result), "], in memory [",
                             *memory_columns, "]\n");
        }
      }
      if (!problems.empty()) {
        failures++;
        ADD_FAILURE() << "seed " << seed << ", " << spec.name << ", " << configs[c].name
                      << ": ctq differs\n  ctq sql:    " << spec.ctq_sql
                      << "\n  sqlite sql: " << spec.sqlite_sql << "\n"
                      << problems;
      }
    }
  }

  double seconds = elapsed();
  std::string query_times;
  for (const CtqConfig& config : configs) {
    char text[64];
    std::snprintf(text, sizeof(text), "%.2f s", config.query_seconds);
    StrAppend(&query_times, query_times.empty() ? "" : ", ", config.name, ": ", text);
  }
  std::printf("seed %llu: %d variants, %d non-empty, %d mismatches, %.2f s "
              "(cache ingest: %.2f s; ctq queries: %s)\n",
              static_cast<unsigned long long>(seed), variants_run, variants_non_empty, failures,
              seconds, ingest_seconds, query_times.c_str());
  // The test must not pass vacuously.
  EXPECT_GE(variants_run, 50);
  EXPECT_GE(variants_non_empty * 2, variants_run);
}

INSTANTIATE_TEST_SUITE_P(Seeds, DiffTest, ::testing::Values(1, 2, 3));

// The oracle's own pieces, checked against hand-written expectations so that a
// disagreement points at ctq and not at the oracle.
TEST(SqliteOracleTest, TranslatesBlogSyntax) {
  int64_t limit = -1;
  EXPECT_EQ(TranslateToSqlite("select useridentity.userName from default.cloudtrail_logs "
                              "order by count (*) desc, eventname limit 10;",
                              true, &limit),
            "select \"useridentity.username\" from cloudtrail_logs order by count (*) desc "
            "NULLS LAST, eventname NULLS LAST");
  EXPECT_EQ(limit, 10);
  EXPECT_EQ(TranslateToSqlite("select 'a.b' from t order by x nulls first", false, nullptr),
            "select 'a.b' from t order by x nulls first");
}

TEST(SqliteOracleTest, JsonExtractScalarFollowsTrino) {
  bool ok = false;
  EXPECT_EQ(JsonExtractScalar(R"({"a":{"b":[1,"x",true,null,{}]}})", "$.a.b[1]", &ok), "x");
  EXPECT_TRUE(ok);
  EXPECT_EQ(JsonExtractScalar(R"({"a":{"b":[1.50,"x"]}})", "$.a.b[0]", &ok), "1.50");
  EXPECT_EQ(JsonExtractScalar(R"({"a":{"b":[1,"x",true]}})", "$.a.b[2]", &ok), "true");
  EXPECT_EQ(JsonExtractScalar(R"({"a":{"b":[1,null]}})", "$.a.b[1]", &ok), std::nullopt);
  EXPECT_EQ(JsonExtractScalar(R"({"a":{"b":{}}})", "$.a.b", &ok), std::nullopt);
  EXPECT_EQ(JsonExtractScalar(R"({"a":{"0":"zero"}})", "$.a[0]", &ok), "zero");
  EXPECT_EQ(JsonExtractScalar(R"({"a":1,"a":2})", "$.a", &ok), "1");
  EXPECT_EQ(JsonExtractScalar(R"({"A":1})", "$.a", &ok), std::nullopt);
  EXPECT_EQ(JsonExtractScalar(R"({"a b":"\u00e9\"")", "$[\"a b\"]", &ok), std::nullopt);
  EXPECT_EQ(JsonExtractScalar(R"({"a b":"\u00e9\""})", "$[\"a b\"]", &ok), "\xc3\xa9\"");
  EXPECT_EQ(JsonExtractScalar(R"({"a":1})", "$.*", &ok), std::nullopt);
  EXPECT_FALSE(ok);
}

TEST(SqliteOracleTest, CompactJsonKeepsOrderAndNumbers) {
  std::optional<JsonNode> node =
      ParseJson(" { \"b\" : 1.0 , \"a\" : [ true , null , \"x\\u0027\\/\\n\" ] } ");
  ASSERT_TRUE(node.has_value());
  EXPECT_EQ(CompactJson(*node), R"({"b":1.0,"a":[true,null,"x'/\n"]})");
}

}  // namespace
}  // namespace ctq::difftest
