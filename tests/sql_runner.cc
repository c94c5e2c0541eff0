// The SQL golden-test runner: every tests/sql/**/*.test file (a subset of
// sqllogictest, described in tests/sql/README.md) becomes one gtest case per
// storage mode and thread configuration:
//   sql_threads2.where/like.test        logs read into memory (AddLogs)
//   sql_cache_threads2.where/like.test  logs ingested into a fresh temporary
//                                       columnar cache (IngestIntoCache), then
//                                       queried through Database::OpenCache
//   sql_cache_noprune_threads2....      the same with row-group pruning off
//   sql_memory_chunk_morsels_threads2.... logs in memory in row groups of one
//                                       vector (every morsel one chunk)
// The expected results are the same in every mode: the cache must answer
// every query exactly as the in-memory database does.
//
// Environment:
//   CTQ_TEST_THREADS=1,2   the Options.threads values to run every file under
//                          (default: 1 and 2, so thread-count bugs show up).
//   CTQ_TEST_STORAGE=memory,cache,cache_noprune,memory_chunk_morsels
//                          the storage modes (default: all).
//   CTQ_SQL_REWRITE=1      (or --rewrite) rewrites the expected blocks of the
//                          files from the actual results, for review with
//                          `git diff`; only the first configuration (memory,
//                          first thread count) rewrites. Never accept a
//                          rewrite without checking it against
//                          SQL-DIALECT.md / Trino.
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ctq/cache.h"
#include "exec/vector/vector_size.h"
#include "ctq/database.h"
#include "ctq/internal/civil_time.h"
#include "ctq/internal/strings.h"
#include "ctq/query_result.h"
#include "ctq/result_sink.h"
#include "ctq/type.h"
#include "ctq/value.h"
#include "gtest/gtest.h"
#include "re2/re2.h"

#ifndef CTQ_SQL_TEST_DIR
#error "CTQ_SQL_TEST_DIR must name the tests/sql directory"
#endif
#ifndef CTQ_TEST_DATA_DIR
#error "CTQ_TEST_DATA_DIR must name the tests/data directory"
#endif
#ifndef CTQ_SHARED_DATA_DIR
#error "CTQ_SHARED_DATA_DIR must name the shared/data directory beside the repository"
#endif

namespace ctq {
namespace {

namespace fs = std::filesystem;

bool g_rewrite = false;

// ----------------------------------------------------------------- parsing

enum class BlockKind { kLoad, kStatementOk, kStatementError, kQuery };
enum class SortMode { kNoSort, kRowSort };

struct Block {
  BlockKind kind = BlockKind::kLoad;
  int line = 0;                     // 1-based line of the directive
  std::vector<std::string> paths;   // load, load-shared
  bool shared = false;              // load-shared: paths are under the shared data dir
  std::string types;                // query: one letter per column
  SortMode sort = SortMode::kNoSort;
  std::string sql;
  std::optional<std::vector<std::string>> column_names;  // from `-- columns: a, b`
  bool has_expected = false;        // a `----` separator was present
  std::vector<std::string> expected;
  // Line indexes (0-based, [begin, end)) of the expected lines, for rewrite.
  size_t expected_begin = 0;
  size_t expected_end = 0;
};

std::vector<std::string> SplitWords(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

absl::StatusOr<std::vector<std::string>> ReadLines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat("cannot read ", path.string()));
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// If the first SQL line is `-- columns: a, b`, the expected column names.
std::optional<std::vector<std::string>> ColumnNames(std::string_view first_sql_line) {
  std::string_view line = Trim(first_sql_line);
  constexpr std::string_view kPrefix = "-- columns:";
  if (line.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::vector<std::string> names;
  std::string_view rest = line.substr(kPrefix.size());
  while (true) {
    size_t comma = rest.find(',');
    names.emplace_back(Trim(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return names;
}

absl::StatusOr<std::vector<Block>> ParseTestFile(const std::vector<std::string>& lines,
                                                 const std::string& name) {
  std::vector<Block> blocks;
  size_t i = 0;
  auto error = [&](size_t line, std::string_view what) {
    return absl::InvalidArgumentError(StrCat(name, ":", line + 1, ": ", what));
  };
  while (i < lines.size()) {
    std::string_view line = Trim(lines[i]);
    if (line.empty() || line.front() == '#') {
      ++i;
      continue;
    }
    std::vector<std::string> words = SplitWords(line);
    Block block;
    block.line = static_cast<int>(i) + 1;
    const std::string& directive = words[0];
    if (directive == "load" || directive == "load-shared") {
      if (words.size() < 2) return error(i, StrCat(directive, " needs at least one path"));
      block.kind = BlockKind::kLoad;
      block.shared = directive == "load-shared";
      block.paths.assign(words.begin() + 1, words.end());
      blocks.push_back(std::move(block));
      ++i;
      continue;
    }
    if (directive == "statement") {
      if (words.size() != 2 || (words[1] != "ok" && words[1] != "error")) {
        return error(i, "expected `statement ok` or `statement error`");
      }
      block.kind = words[1] == "ok" ? BlockKind::kStatementOk : BlockKind::kStatementError;
    } else if (directive == "query") {
      if (words.size() < 2 || words.size() > 3) {
        return error(i, "expected `query <types> [rowsort|nosort]`");
      }
      block.kind = BlockKind::kQuery;
      block.types = words[1];
      for (char c : block.types) {
        if (c != 'T' && c != 'I' && c != 'R' && c != 'D' && c != 'B') {
          return error(i, StrCat("unknown column type letter '", c, "' (use T, I, R, D, B)"));
        }
      }
      if (words.size() == 3) {
        if (words[2] == "rowsort") {
          block.sort = SortMode::kRowSort;
        } else if (words[2] != "nosort") {
          return error(i, StrCat("unknown sort mode ", words[2]));
        }
      }
    } else {
      return error(i, StrCat("unknown directive ", directive));
    }
    ++i;
    // SQL lines: up to a blank line or `----`.
    std::vector<std::string> sql_lines;
    while (i < lines.size() && !Trim(lines[i]).empty() && lines[i] != "----") {
      sql_lines.push_back(lines[i]);
      ++i;
    }
    if (sql_lines.empty()) return error(block.line - 1, "missing SQL");
    for (size_t k = 0; k < sql_lines.size(); ++k) {
      if (k > 0) block.sql += '\n';
      block.sql += sql_lines[k];
    }
    block.column_names = ColumnNames(sql_lines[0]);
    if (i < lines.size() && lines[i] == "----") {
      if (block.kind == BlockKind::kStatementOk) {
        return error(i, "`statement ok` takes no expected block");
      }
      block.has_expected = true;
      ++i;
      block.expected_begin = i;
      while (i < lines.size() && !lines[i].empty()) {
        block.expected.push_back(lines[i]);
        ++i;
      }
      block.expected_end = i;
    } else if (block.kind == BlockKind::kQuery) {
      return error(block.line - 1, "query without `----` and expected rows");
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

// ----------------------------------------------------------------- running

// Where `load-shared` paths live: $CTQ_SHARED_DATA_DIR if set, else
// shared/data beside the repository (CTQ_SHARED_DATA_DIR at build time).
fs::path SharedDataDir() {
  const char* env = std::getenv("CTQ_SHARED_DATA_DIR");
  if (env != nullptr && *env != '\0') return fs::path(env);
  return fs::path(CTQ_SHARED_DATA_DIR);
}

fs::path BlockPath(const Block& block, const std::string& path) {
  return (block.shared ? SharedDataDir() : fs::path(CTQ_TEST_DATA_DIR)) / path;
}

// Every file runs with current_timestamp fixed at 2017-02-20 12:00:00 UTC
// (after the basic fixture's last event, 2017-02-09), so that answers over
// now() are reproducible.
int64_t TestNow() { return ParseIso8601("2017-02-20T12:00:00Z", false)->utc_millis; }

char TypeLetter(Type type) {
  switch (type.id()) {
    case TypeId::kVarchar:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
    case TypeId::kJson:
    case TypeId::kIpaddress:
    case TypeId::kArray:
    case TypeId::kRow:
      return 'T';  // dates, times and structured values compare as their text
    case TypeId::kInteger:
    case TypeId::kBigint:
      return 'I';
    case TypeId::kDecimal:
      return 'D';
    case TypeId::kDouble:
      return 'R';
    case TypeId::kBoolean:
      return 'B';
    case TypeId::kUnknown:
      break;
  }
  return '?';
}

std::string CellText(const Value& value) {
  if (value.is_null()) return "NULL";
  std::string text = value.ToString();
  return text.empty() ? "(empty)" : text;
}

std::vector<std::string> RowTexts(const QueryResult& result) {
  std::vector<std::string> rows;
  rows.reserve(result.row_count());
  for (const auto& row : result.rows()) {
    std::string text;
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) text += '\t';
      text += CellText(row[c]);
    }
    rows.push_back(std::move(text));
  }
  return rows;
}

// Records what Database::Query(sql, sink) delivers, and how.
class RecordingSink : public ResultSink {
 public:
  absl::Status Begin(const std::vector<ResultColumn>& columns) override {
    begins_++;
    if (!rows_.empty()) protocol_errors_ += "Begin after rows; ";
    columns_ = columns;
    return absl::OkStatus();
  }
  absl::Status AddRows(std::vector<std::vector<Value>> rows) override {
    if (begins_ == 0) protocol_errors_ += "rows before Begin; ";
    if (rows.empty()) protocol_errors_ += "an empty batch; ";
    for (auto& row : rows) rows_.push_back(std::move(row));
    return absl::OkStatus();
  }
  // What broke the sink protocol (Begin once, first; no empty batch).
  std::string ProtocolErrors() const {
    return begins_ == 1 ? protocol_errors_ : StrCat(protocol_errors_, begins_, " Begin calls");
  }
  QueryResult Result() { return QueryResult(columns_, rows_); }

 private:
  int begins_ = 0;
  std::string protocol_errors_;
  std::vector<ResultColumn> columns_;
  std::vector<std::vector<Value>> rows_;
};

std::string Indent(std::string_view text) {
  std::string out = "    ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

std::string Listing(const std::vector<std::string>& rows) {
  if (rows.empty()) return "    (no rows)\n";
  std::string out;
  for (const std::string& row : rows) StrAppend(&out, "    ", row, "\n");
  return out;
}

bool IsCaretLine(std::string_view line) {
  return line.find('^') != std::string_view::npos &&
         line.find_first_not_of(" \t^") == std::string_view::npos;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Matches the expected lines of a `statement error` block against the
// rendered error, in order: a plain line is a substring of an output line,
// `<REGEX>:p` partially matches an output line, `<CODE>:NAME` names the
// status code, and a caret line must equal an output line exactly. Returns
// the first expected line that did not match, or nullopt.
std::optional<std::string> MatchError(const std::vector<std::string>& expected,
                                      const absl::Status& status, const std::string& rendered) {
  std::vector<std::string> output = SplitLines(rendered);
  size_t next = 0;
  for (const std::string& want : expected) {
    constexpr std::string_view kRegex = "<REGEX>:";
    constexpr std::string_view kCode = "<CODE>:";
    if (want.rfind(kCode, 0) == 0) {
      if (absl::StatusCodeToString(status.code()) != want.substr(kCode.size())) return want;
      continue;
    }
    bool found = false;
    for (size_t j = next; j < output.size() && !found; ++j) {
      if (want.rfind(kRegex, 0) == 0) {
        found = RE2::PartialMatch(output[j], want.substr(kRegex.size()));
      } else if (IsCaretLine(want)) {
        std::string_view line = output[j];
        while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
        found = line == want;
      } else {
        found = output[j].find(want) != std::string::npos;
      }
      if (found) next = IsCaretLine(want) ? j + 1 : j;
    }
    if (!found) return want;
  }
  return std::nullopt;
}

// ----------------------------------------------------------------- storage

// kCacheNoPruning: the cache with row-group pruning off, which must not
// change any answer. kMemoryOneChunkMorsels: logs in memory in row groups of
// one vector each, so every morsel is a single chunk (chunk and morsel
// boundaries fall everywhere; with CTQ_VECTOR_SIZE=2, every other row).
enum class Storage { kMemory, kCache, kCacheNoPruning, kMemoryOneChunkMorsels };

std::string_view StorageName(Storage storage) {
  switch (storage) {
    case Storage::kMemory:
      return "memory";
    case Storage::kCache:
      return "cache";
    case Storage::kCacheNoPruning:
      return "cache_noprune";
    case Storage::kMemoryOneChunkMorsels:
      return "memory_chunk_morsels";
  }
  return "?";
}

// A fixture set ingested into a temporary cache directory.
struct FixtureCache {
  std::string dir;
  absl::Status status;       // IngestIntoCache's error, if it failed
  CacheIngestReport report;  // when status is OK
  // Where the cache ingest's report disagrees with AddLogs' report for the
  // same paths (files_read, digest_files, events, input_bytes, skipped); ""
  // when it agrees.
  std::string report_mismatch;
};

std::string DescribeSkipped(const std::vector<IngestReport::Skipped>& skipped) {
  std::string out;
  for (const IngestReport::Skipped& s : skipped) {
    StrAppend(&out, "\n      ", s.path, ": ", s.reason);
  }
  return out;
}

std::string CompareReports(const IngestReport& memory, const IngestReport& cache) {
  std::string out;
  auto field = [&](std::string_view name, uint64_t m, uint64_t c) {
    if (m != c) StrAppend(&out, "\n    ", name, ": AddLogs ", m, ", IngestIntoCache ", c);
  };
  field("files_read", memory.files_read, cache.files_read);
  field("digest_files", memory.digest_files, cache.digest_files);
  field("events", memory.events, cache.events);
  field("input_bytes", memory.input_bytes, cache.input_bytes);
  field("skipped", memory.skipped.size(), cache.skipped.size());
  if (memory.skipped.size() != cache.skipped.size()) {
    StrAppend(&out, "\n    skipped by AddLogs:", DescribeSkipped(memory.skipped),
              "\n    skipped by IngestIntoCache:", DescribeSkipped(cache.skipped));
  }
  return out;
}

// The temporary caches of this process: one per (ingest thread count, list of
// fixture paths), so a fixture set that several `load`s (or several tests run
// by one process) name is ingested once. Everything lives under one mkdtemp
// directory that the global test environment removes at the end.
class FixtureCaches : public testing::Environment {
 public:
  static FixtureCaches* Instance() {
    static FixtureCaches* instance = new FixtureCaches;  // owned by gtest once registered
    return instance;
  }

  // The cache for `paths` (absolute), ingested with `threads` workers.
  const FixtureCache& Get(const std::vector<std::string>& paths, int threads) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto key = std::make_pair(threads, paths);
    auto it = caches_.find(key);
    if (it != caches_.end()) return it->second;
    FixtureCache& cache = caches_[key];
    if (root_.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "ctq_sql_cache_XXXXXX").string();
      if (mkdtemp(tmpl.data()) == nullptr) {
        cache.status = absl::InternalError(StrCat("mkdtemp failed for ", tmpl));
        return cache;
      }
      root_ = tmpl;
    }
    cache.dir = StrCat(root_, "/", caches_.size());
    absl::StatusOr<CacheIngestReport> report =
        IngestIntoCache(cache.dir, paths, {.threads = threads});
    if (!report.ok()) {
      cache.status = report.status();
      return cache;
    }
    cache.report = std::move(*report);
    // The load directive's checks in memory mode look at AddLogs' report;
    // the cache ingest must report the same.
    absl::StatusOr<std::unique_ptr<Database>> memory = Database::Open(Options{.threads = threads, .now_utc_millis = TestNow()});
    if (memory.ok()) {
      absl::StatusOr<IngestReport> added = (*memory)->AddLogs(paths);
      if (added.ok()) {
        cache.report_mismatch = CompareReports(*added, cache.report.read);
      } else {
        cache.report_mismatch = StrCat("\n    AddLogs failed: ", added.status().ToString());
      }
    }
    if (cache.report.files_already_ingested != 0 || !cache.report.changed_files.empty()) {
      StrAppend(&cache.report_mismatch, "\n    a fresh cache found ",
                cache.report.files_already_ingested, " file(s) already ingested and ",
                cache.report.changed_files.size(), " changed");
    }
    if (cache.report.cache_events != cache.report.read.events) {
      StrAppend(&cache.report_mismatch, "\n    cache_events ", cache.report.cache_events,
                " != events read ", cache.report.read.events);
    }
    return cache;
  }

  void TearDown() override {
    std::lock_guard<std::mutex> lock(mutex_);
    caches_.clear();
    if (!root_.empty()) {
      std::error_code ignored;
      fs::remove_all(root_, ignored);
      root_.clear();
    }
  }

 private:
  FixtureCaches() = default;

  std::mutex mutex_;
  std::string root_;  // "" until the first cache is made
  std::map<std::pair<int, std::vector<std::string>>, FixtureCache> caches_;
};

// ----------------------------------------------------------------- the runner

struct Edit {
  size_t begin, end;  // replaced expected lines [begin, end)
  size_t types_line;  // the directive line, to rewrite the type letters
  std::string types;
  std::vector<std::string> lines;
};

class FileRunner {
 public:
  FileRunner(std::string name, fs::path path, int threads, Storage storage, bool rewrite)
      : name_(std::move(name)),
        path_(std::move(path)),
        threads_(threads),
        storage_(storage),
        rewrite_(rewrite) {}

  void Run() {
    absl::StatusOr<std::vector<std::string>> lines = ReadLines(path_);
    ASSERT_TRUE(lines.ok()) << lines.status();
    lines_ = *lines;
    absl::StatusOr<std::vector<Block>> blocks = ParseTestFile(lines_, name_);
    ASSERT_TRUE(blocks.ok()) << blocks.status();
    // A file over the shared data (`load-shared`) skips when that data is
    // absent: it is not part of the repository.
    for (const Block& block : *blocks) {
      if (block.kind != BlockKind::kLoad || !block.shared) continue;
      for (const std::string& p : block.paths) {
        fs::path path = BlockPath(block, p);
        if (!fs::exists(path)) {
          GTEST_SKIP() << name_ << ":" << block.line << ": shared data " << path.string()
                       << " not found (shared/data beside the repository, or "
                          "$CTQ_SHARED_DATA_DIR); skipping the file";
        }
      }
    }
    OpenEmpty();
    for (const Block& block : *blocks) RunBlock(block);
    if (rewrite_ && !edits_.empty()) WriteRewrite();
  }

 private:
  std::string Where(const Block& block) const {
    return StrCat(name_, ":", block.line, " (threads=", threads_, ", ", StorageName(storage_),
                  ")");
  }

  // Before the first `load`: an empty database in memory (in both modes; a
  // cache cannot be ingested from nothing).
  void OpenEmpty() {
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(Options{.threads = threads_, .now_utc_millis = TestNow()});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }

  void RunBlock(const Block& block) {
    switch (block.kind) {
      case BlockKind::kLoad:
        return Load(block);
      case BlockKind::kStatementOk:
      case BlockKind::kStatementError:
        return Statement(block);
      case BlockKind::kQuery:
        return Query(block);
    }
  }

  void Load(const Block& block) {
    db_.reset();
    std::vector<std::string> paths;
    for (const std::string& p : block.paths) paths.push_back(BlockPath(block, p).string());
    if (storage_ == Storage::kCache || storage_ == Storage::kCacheNoPruning) {
      return LoadCache(block, paths);
    }
    Options options{.threads = threads_, .now_utc_millis = TestNow()};
    if (storage_ == Storage::kMemoryOneChunkMorsels) options.row_group_rows = kVectorSize;
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(options);
    if (!db.ok()) {
      ADD_FAILURE() << Where(block) << ": Database::Open failed: " << db.status();
      return;
    }
    absl::StatusOr<IngestReport> report = (*db)->AddLogs(paths);
    if (!report.ok()) {
      ADD_FAILURE() << Where(block) << ": AddLogs failed: " << report.status();
      return;
    }
    for (const IngestReport::Skipped& skipped : report->skipped) {
      ADD_FAILURE() << Where(block) << ": fixture file skipped: " << skipped.path << ": "
                    << skipped.reason;
    }
    db_ = std::move(*db);
  }

  // The cache mode's `load`: the fixtures go into a fresh temporary cache
  // (shared with other loads of the same files in this process), and the
  // database is Database::OpenCache over it. The checks are those of the
  // memory mode, on CacheIngestReport.read; its counts must also equal what
  // AddLogs reports for the same files.
  void LoadCache(const Block& block, const std::vector<std::string>& paths) {
    const FixtureCache& cache = FixtureCaches::Instance()->Get(paths, threads_);
    if (!cache.status.ok()) {
      ADD_FAILURE() << Where(block) << ": IngestIntoCache failed: " << cache.status;
      return;
    }
    for (const IngestReport::Skipped& skipped : cache.report.read.skipped) {
      ADD_FAILURE() << Where(block) << ": fixture file skipped by the cache ingest: "
                    << skipped.path << ": " << skipped.reason;
    }
    if (!cache.report_mismatch.empty()) {
      ADD_FAILURE() << Where(block) << ": the cache ingest's report differs from AddLogs':"
                    << cache.report_mismatch;
    }
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::OpenCache(cache.dir, Options{.threads = threads_,
                                               .prune_row_groups =
                                                   storage_ != Storage::kCacheNoPruning,
                                               .now_utc_millis = TestNow()});
    if (!db.ok()) {
      ADD_FAILURE() << Where(block) << ": Database::OpenCache failed: " << db.status();
      return;
    }
    if ((*db)->event_count() != cache.report.read.events) {
      ADD_FAILURE() << Where(block) << ": the cache holds " << (*db)->event_count()
                    << " events, the ingest read " << cache.report.read.events;
    }
    db_ = std::move(*db);
  }

  void Statement(const Block& block) {
    if (db_ == nullptr) {
      ADD_FAILURE() << Where(block) << ": no database (an earlier load failed)";
      return;
    }
    absl::StatusOr<QueryResult> result = db_->Query(block.sql);
    if (block.kind == BlockKind::kStatementOk) {
      if (!result.ok()) {
        ADD_FAILURE() << Where(block) << ": statement failed\nSQL:\n"
                      << Indent(block.sql) << "\nError:\n"
                      << Indent(FormatError(block.sql, result.status()));
      }
      return;
    }
    if (result.ok()) {
      ADD_FAILURE() << Where(block) << ": statement succeeded, expected an error\nSQL:\n"
                    << Indent(block.sql) << "\nResult (" << result->row_count() << " rows):\n"
                    << Listing(RowTexts(*result));
      return;
    }
    std::string rendered = FormatError(block.sql, result.status());
    std::optional<std::string> missing = MatchError(block.expected, result.status(), rendered);
    if (missing.has_value()) {
      ADD_FAILURE() << Where(block) << ": error does not match\nSQL:\n"
                    << Indent(block.sql) << "\nExpected error lines:\n"
                    << Listing(block.expected) << "First unmatched: " << *missing
                    << "\nActual error (" << absl::StatusCodeToString(result.status().code())
                    << "):\n"
                    << Indent(rendered);
      if (rewrite_ && block.has_expected) {
        edits_.push_back({block.expected_begin, block.expected_end, 0, "",
                          {SplitLines(rendered)[0]}});
      }
    }
  }

  void Query(const Block& block) {
    if (db_ == nullptr) {
      ADD_FAILURE() << Where(block) << ": no database (an earlier load failed)";
      return;
    }
    absl::StatusOr<QueryResult> result = db_->Query(block.sql);
    if (!result.ok()) {
      ADD_FAILURE() << Where(block) << ": query failed\nSQL:\n"
                    << Indent(block.sql) << "\nError:\n"
                    << Indent(FormatError(block.sql, result.status()));
      return;
    }
    std::string types;
    for (const ResultColumn& column : result->columns()) types += TypeLetter(column.type);
    std::vector<std::string> actual = RowTexts(*result);
    CheckStreamed(block, *result, actual);
    std::vector<std::string> expected = block.expected;
    if (block.sort == SortMode::kRowSort) {
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
    }
    bool ok = true;
    if (types != block.types) {
      ok = false;
      ADD_FAILURE() << Where(block) << ": column types differ: expected " << block.types
                    << ", actual " << types << "\nSQL:\n"
                    << Indent(block.sql);
    }
    if (block.column_names.has_value()) {
      std::vector<std::string> names;
      for (const ResultColumn& column : result->columns()) names.push_back(column.name);
      if (names != *block.column_names) {
        std::string want, got;
        for (const auto& n : *block.column_names) StrAppend(&want, want.empty() ? "" : ", ", n);
        for (const auto& n : names) StrAppend(&got, got.empty() ? "" : ", ", n);
        ADD_FAILURE() << Where(block) << ": column names differ\nSQL:\n"
                      << Indent(block.sql) << "\nExpected: " << want << "\nActual:   " << got;
      }
    }
    if (actual != expected) {
      ok = false;
      std::string diff;
      size_t n = std::max(actual.size(), expected.size());
      for (size_t r = 0; r < n; ++r) {
        std::string_view e = r < expected.size() ? std::string_view(expected[r]) : "<none>";
        std::string_view a = r < actual.size() ? std::string_view(actual[r]) : "<none>";
        if (e != a) {
          StrAppend(&diff, "    row ", r + 1, ":\n      expected: ", e, "\n      actual:   ", a,
                    "\n");
        }
      }
      ADD_FAILURE() << Where(block) << ": result differs"
                    << (block.sort == SortMode::kRowSort ? " (rows sorted)" : "") << "\nSQL:\n"
                    << Indent(block.sql) << "\nExpected (" << expected.size() << " rows):\n"
                    << Listing(expected) << "Actual (" << actual.size() << " rows):\n"
                    << Listing(actual) << "Differing rows:\n"
                    << diff;
    }
    if (!ok && rewrite_) {
      edits_.push_back({block.expected_begin, block.expected_end,
                        static_cast<size_t>(block.line - 1), types, actual});
    }
  }

  // The streaming Query must deliver exactly the materialised result: the
  // same columns, the same rows in the same order. (A rowsort block's order
  // is not fixed, e.g. GROUP BY without ORDER BY, so there only the rows.)
  void CheckStreamed(const Block& block, const QueryResult& result,
                     std::vector<std::string> rows) {
    RecordingSink sink;
    absl::Status status = db_->Query(block.sql, sink);
    if (!status.ok()) {
      ADD_FAILURE() << Where(block) << ": streamed query failed\nSQL:\n"
                    << Indent(block.sql) << "\nError:\n"
                    << Indent(FormatError(block.sql, status));
      return;
    }
    if (!sink.ProtocolErrors().empty()) {
      ADD_FAILURE() << Where(block) << ": streamed query broke the sink protocol: "
                    << sink.ProtocolErrors() << "\nSQL:\n"
                    << Indent(block.sql);
    }
    QueryResult streamed = sink.Result();
    std::vector<std::string> names, streamed_names;
    for (const ResultColumn& column : result.columns()) {
      names.push_back(StrCat(column.name, ":", TypeLetter(column.type)));
    }
    for (const ResultColumn& column : streamed.columns()) {
      streamed_names.push_back(StrCat(column.name, ":", TypeLetter(column.type)));
    }
    EXPECT_EQ(streamed_names, names) << Where(block) << ": streamed columns differ";
    std::vector<std::string> streamed_rows = RowTexts(streamed);
    if (block.sort == SortMode::kRowSort) {
      std::sort(rows.begin(), rows.end());
      std::sort(streamed_rows.begin(), streamed_rows.end());
    }
    if (streamed_rows != rows) {
      ADD_FAILURE() << Where(block) << ": streamed rows differ from Query(sql)'s\nSQL:\n"
                    << Indent(block.sql) << "\nQuery(sql) (" << rows.size() << " rows):\n"
                    << Listing(rows) << "Streamed (" << streamed_rows.size() << " rows):\n"
                    << Listing(streamed_rows);
    }
  }

  void WriteRewrite() {
    std::vector<std::string> lines = lines_;
    std::sort(edits_.begin(), edits_.end(),
              [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
    for (const Edit& edit : edits_) {
      lines.erase(lines.begin() + edit.begin, lines.begin() + edit.end);
      lines.insert(lines.begin() + edit.begin, edit.lines.begin(), edit.lines.end());
      if (!edit.types.empty()) {
        std::vector<std::string> words = SplitWords(lines[edit.types_line]);
        if (words.size() >= 2 && words[0] == "query") {
          words[1] = edit.types;
          std::string rebuilt;
          for (const auto& w : words) StrAppend(&rebuilt, rebuilt.empty() ? "" : " ", w);
          lines[edit.types_line] = rebuilt;
        }
      }
    }
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    for (const std::string& line : lines) out << line << '\n';
    std::cerr << "rewrote " << edits_.size() << " block(s) of " << path_.string() << "\n";
  }

  std::string name_;
  fs::path path_;
  int threads_;
  Storage storage_;
  bool rewrite_;
  std::vector<std::string> lines_;
  std::unique_ptr<Database> db_;
  std::vector<Edit> edits_;
};

class SqlFileTest : public testing::Test {
 public:
  SqlFileTest(std::string name, fs::path path, int threads, Storage storage, bool rewrite)
      : name_(std::move(name)),
        path_(std::move(path)),
        threads_(threads),
        storage_(storage),
        rewrite_(rewrite) {}
  void TestBody() override { FileRunner(name_, path_, threads_, storage_, rewrite_).Run(); }

 private:
  std::string name_;
  fs::path path_;
  int threads_;
  Storage storage_;
  bool rewrite_;
};

std::vector<int> ThreadConfigs() {
  const char* env = std::getenv("CTQ_TEST_THREADS");
  std::vector<int> threads;
  if (env != nullptr) {
    std::stringstream in(env);
    std::string item;
    while (std::getline(in, item, ',')) {
      item = std::string(Trim(item));
      if (item.empty()) continue;
      int n = std::atoi(item.c_str());
      if (n >= 0) threads.push_back(n);
    }
  }
  if (threads.empty()) threads = {1, 2};
  return threads;
}

std::vector<Storage> StorageConfigs() {
  const char* env = std::getenv("CTQ_TEST_STORAGE");
  std::vector<Storage> storages;
  if (env != nullptr) {
    std::stringstream in(env);
    std::string item;
    while (std::getline(in, item, ',')) {
      item = std::string(Trim(item));
      if (item == "memory") {
        storages.push_back(Storage::kMemory);
      } else if (item == "cache") {
        storages.push_back(Storage::kCache);
      } else if (item == "cache_noprune") {
        storages.push_back(Storage::kCacheNoPruning);
      } else if (item == "memory_chunk_morsels") {
        storages.push_back(Storage::kMemoryOneChunkMorsels);
      } else if (!item.empty()) {
        std::cerr << "CTQ_TEST_STORAGE: unknown mode '" << item
                  << "' (memory, cache, cache_noprune, memory_chunk_morsels)\n";
      }
    }
  }
  if (storages.empty()) {
    storages = {Storage::kMemory, Storage::kCache, Storage::kCacheNoPruning,
                Storage::kMemoryOneChunkMorsels};
  }
  return storages;
}

void RegisterSqlTests() {
  fs::path root(CTQ_SQL_TEST_DIR);
  std::vector<std::pair<std::string, fs::path>> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    if (ext != ".test" && ext != ".test_slow") continue;
    files.emplace_back(fs::relative(entry.path(), root).generic_string(), entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<int> configs = ThreadConfigs();
  bool first = true;
  for (Storage storage : StorageConfigs()) {
    for (int threads : configs) {
      // Only the first configuration rewrites (the results must be the same
      // in all of them).
      bool rewrite = g_rewrite && first;
      first = false;
      std::string suite = storage == Storage::kMemory
                              ? StrCat("sql_threads", threads)
                              : StrCat("sql_", StorageName(storage), "_threads", threads);
      for (const auto& [name, path] : files) {
        testing::RegisterTest(
            suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
            [name = name, path = path, threads, storage, rewrite]() -> testing::Test* {
              return new SqlFileTest(name, path, threads, storage, rewrite);
            });
      }
    }
  }
  testing::AddGlobalTestEnvironment(FixtureCaches::Instance());
}

}  // namespace
}  // namespace ctq

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--rewrite") ctq::g_rewrite = true;
  }
  const char* env = std::getenv("CTQ_SQL_REWRITE");
  if (env != nullptr && std::string_view(env) == "1") ctq::g_rewrite = true;
  ctq::RegisterSqlTests();
  return RUN_ALL_TESTS();
}
