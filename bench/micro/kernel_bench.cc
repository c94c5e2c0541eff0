// Micro-benchmarks of execution kernels, one kernel at a time over synthetic
// CloudTrail-like data built in memory (fixed seeds, so runs are comparable):
//
//   BM_Like/<shape>          LikeMatcher::Matches over 2048 values, one pattern
//                            per shape (exact, prefix, suffix, contains,
//                            general). The values are JSON requestparameters
//                            of ~200 bytes; 3 in 64 rows are planted short
//                            values ("ConsoleLogin", "72.21.x.y",
//                            "<svc>.amazonaws.com") so that every shape has
//                            matches to check. items = values, bytes = value bytes.
//   BM_SelectRows/<pred>/<layout>
//                            ExpressionEvaluator::SelectRows of a bound WHERE
//                            (eventname = 'ConsoleLogin', or an IN list) over
//                            one 2048-row eventname vector of 50 distinct
//                            names. plain: strings only. dict_cached: the same
//                            with a dictionary, steady state: the per-entry
//                            verdicts are cached per (predicate, dictionary
//                            id), so a vector costs one lookup per row.
//                            dict_new_id: a new dictionary id every iteration,
//                            so every vector pays for evaluating the
//                            predicate on all 50 entries (+ NULL) as well.
//   BM_HashAggregate/<layout>
//                            HashAggregateState::Sink of 32 chunks x 2048 rows
//                            (one 64 Ki-row group) into a fresh state per
//                            iteration, for `select count(*), eventname,
//                            useridentity.username ... group by 2, 3`, keys
//                            from 50 x 200 values; plain vs dictionary vectors
//                            (one dictionary per column, as for a row group).
//   BM_ReadColumn/<column>[/keep_dict|/flat]
//                            SegmentReader::ReadColumnInto of one column chunk
//                            of a 16384-row group written in memory by
//                            SegmentWriter (default options): eventtime (hex
//                            encoding), eventname (dictionary; kept in
//                            dictionary form or expanded to flat strings),
//                            requestparameters (plain; LZ4 HC, the writer's
//                            codec for plain JSON text), requestid (UUIDs, hex).
//                            items = rows, bytes = the column's value bytes
//                            (sum of string lengths, the same for both
//                            eventname forms), read back each iteration
//                            from the in-memory file: CRC, decompress, decode.
//
// Every benchmark checks its result against a count computed outside the
// timed loop (independently of the kernel where that is possible) and fails
// with SkipWithError when it differs. There are no timing assertions.
//
// Run (Release build):
//   ninja -C build kernel_bench
//   build/bench/micro/kernel_bench --benchmark_min_time=0.2
//   build/bench/micro/kernel_bench --benchmark_filter=BM_SelectRows
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/binder.h"
#include "exec/expression_evaluator.h"
#include "exec/hash_aggregate.h"
#include "exec/like_matcher.h"
#include "exec/vector/vector.h"
#include "parser/parser.h"
#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"
#include "storage/segment_reader.h"
#include "storage/segment_writer.h"

namespace ctq {
namespace {

constexpr uint32_t kRows = 2048;  // rows per vector in these benchmarks
static_assert(kRows <= kVectorSize, "build with CTQ_VECTOR_SIZE >= 2048");

// Dictionary ids well away from those storage hands out while decoding.
uint64_t NextDictionaryId() {
  static uint64_t next = uint64_t{1} << 62;
  return next++;
}

std::string Hex(std::mt19937_64& rng, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; i++) out.push_back(kDigits[rng() % 16]);
  return out;
}

std::string Uuid(std::mt19937_64& rng) {
  return Hex(rng, 8) + "-" + Hex(rng, 4) + "-" + Hex(rng, 4) + "-" + Hex(rng, 4) + "-" +
         Hex(rng, 12);
}

std::string Num(std::mt19937_64& rng, int bound) { return std::to_string(rng() % bound); }

// A requestparameters value of ~150-220 bytes, one of three common shapes.
std::string RequestParameters(std::mt19937_64& rng) {
  switch (rng() % 3) {
    case 0: {
      // 1 in 16 security groups is the one the contains pattern looks for;
      // 1 in 8 descriptions end in "-abcd" (the general pattern).
      const std::string group = rng() % 16 == 0 ? "5887f224" : Hex(rng, 8);
      const std::string tag = rng() % 8 == 0 ? "abcd" : Hex(rng, 4);
      return "{\"groupId\":\"sg-" + group +
             "\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":\"tcp\",\"fromPort\":443,"
             "\"toPort\":443,\"ipRanges\":{\"items\":[{\"cidrIp\":\"10." +
             Num(rng, 256) + "." + Num(rng, 256) + ".0/24\"}]}}]},\"description\":\"web-" + tag +
             "\"}";
    }
    case 1:
      return "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0" + Hex(rng, 16) +
             "\"}]},\"filterSet\":{\"items\":[{\"name\":\"vpc-id\",\"valueSet\":{\"items\":"
             "[{\"value\":\"vpc-" +
             Hex(rng, 8) + "\"}]}}]},\"maxResults\":1000}";
    default:
      return "{\"bucketName\":\"logs-" + Hex(rng, 8) +
             "\",\"key\":\"AWSLogs/123456789012/CloudTrail/us-east-1/2017/02/" + Num(rng, 28) +
             "/" + Hex(rng, 16) + ".json.gz\",\"Host\":\"logs-bucket.s3.amazonaws.com\"}";
  }
}

const std::vector<std::string>& EventNames() {
  static const std::vector<std::string> names = {
      "ConsoleLogin", "AssumeRole", "DescribeInstances", "GetObject", "PutObject",
      "ListBuckets", "GetBucketAcl", "GetBucketLocation", "DescribeSecurityGroups",
      "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "CreateTags",
      "RunInstances", "TerminateInstances", "StartInstances", "StopInstances",
      "DescribeVolumes", "CreateVolume", "AttachVolume", "DetachVolume", "DescribeSnapshots",
      "CreateSnapshot", "DescribeImages", "DescribeRegions", "DescribeSubnets", "DescribeVpcs",
      "GetCallerIdentity", "ListRoles", "GetRole", "CreateRole", "AttachRolePolicy",
      "ListUsers", "GetUser", "CreateAccessKey", "DeleteAccessKey", "ListAccessKeys",
      "GetSessionToken", "Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey",
      "ListFunctions20150331", "Invoke", "GetMetricData", "PutMetricData", "DescribeAlarms",
      "LookupEvents", "DescribeTrails", "GetTrailStatus", "CreateLogStream"};
  return names;
}

std::vector<std::string> MakeUserNames() {
  std::vector<std::string> users;
  for (int i = 0; i < 200; i++) users.push_back("iam-user-" + std::to_string(1000 + i));
  return users;
}

// A dictionary over `entries` (entry k is entries[k - 1]) with its storage.
struct OwnedDictionary {
  std::string bytes;
  std::vector<uint32_t> offsets;
  Vector::Dictionary View(uint64_t id) const {
    Vector::Dictionary d;
    d.bytes = bytes.data();
    d.offsets = offsets.data();
    d.size = static_cast<uint32_t>(offsets.size() - 1);
    d.id = id;
    return d;
  }
};

OwnedDictionary MakeDictionary(const std::vector<std::string>& entries) {
  OwnedDictionary d;
  d.offsets.push_back(0);
  for (const std::string& entry : entries) {
    d.bytes += entry;
    d.offsets.push_back(static_cast<uint32_t>(d.bytes.size()));
  }
  return d;
}

// A VARCHAR vector of `codes` (index into `entries` + 1; 0: NULL), with a
// dictionary when `dictionary` is given. Strings are views into `entries`.
Vector MakeVarchar(const std::vector<std::string>& entries, const std::vector<uint32_t>& codes,
                   const Vector::Dictionary* dictionary) {
  Vector v(TypeId::kVarchar);
  v.Resize(static_cast<uint32_t>(codes.size()));
  for (size_t i = 0; i < codes.size(); i++) {
    if (codes[i] == 0) {
      v.SetNull(static_cast<uint32_t>(i), true);
      v.strings()[i] = std::string_view();
    } else {
      v.strings()[i] = entries[codes[i] - 1];
    }
  }
  if (dictionary != nullptr) {
    uint32_t* out = v.SetDictionary(*dictionary);
    for (size_t i = 0; i < codes.size(); i++) out[i] = codes[i];
  }
  return v;
}

absl::StatusOr<BoundQuery> BindSql(const std::string& sql) {
  auto statement = ParseStatement(sql);
  if (!statement.ok()) return statement.status();
  return Bind((*statement)->select, sql, /*now_utc_millis=*/0);
}

// Every column `expr` reads, by chunk index.
void ColumnsOf(const BoundExpr& expr, std::set<int>* out) {
  if (expr.kind == BoundKind::kColumn) out->insert(expr.column_index);
  for (const auto& child : expr.children) ColumnsOf(*child, out);
}

// ---------------------------------------------------------------------------
// 1. LIKE

struct LikeCorpus {
  std::vector<std::string> values;
  int64_t bytes = 0;
};

const LikeCorpus& GetLikeCorpus() {
  static const LikeCorpus corpus = [] {
    LikeCorpus c;
    std::mt19937_64 rng(1);
    for (uint32_t i = 0; i < kRows; i++) {
      switch (i % 64) {
        case 1:
          c.values.push_back("ConsoleLogin");
          break;
        case 2:
          c.values.push_back("72.21." + Num(rng, 256) + "." + Num(rng, 256));
          break;
        case 3:
          c.values.push_back(rng() % 2 ? "ec2.amazonaws.com" : "signin.amazonaws.com");
          break;
        default:
          c.values.push_back(RequestParameters(rng));
      }
      c.bytes += static_cast<int64_t>(c.values.back().size());
    }
    return c;
  }();
  return corpus;
}

// Reference matchers, written independently of LikeMatcher.
bool RefExact(std::string_view s) { return s == "ConsoleLogin"; }
bool RefPrefix(std::string_view s) { return s.substr(0, 6) == "72.21."; }
bool RefSuffix(std::string_view s) {
  constexpr std::string_view kSuffix = ".amazonaws.com";
  return s.size() >= kSuffix.size() && s.substr(s.size() - kSuffix.size()) == kSuffix;
}
bool RefContains(std::string_view s) { return s.find("sg-5887f224") != std::string_view::npos; }
bool RefGeneral(std::string_view s) {  // '%sg-%-abcd%'
  const size_t p = s.find("sg-");
  return p != std::string_view::npos && s.find("-abcd", p + 3) != std::string_view::npos;
}

void BM_Like(benchmark::State& state, const char* pattern, LikeMatcher::Shape shape,
             bool (*reference)(std::string_view)) {
  const LikeCorpus& corpus = GetLikeCorpus();
  auto matcher = LikeMatcher::Compile(pattern, std::nullopt);
  if (!matcher.ok()) {
    state.SkipWithError("Compile failed");
    return;
  }
  if (matcher->shape() != shape) {
    state.SkipWithError("pattern compiled to another shape than the benchmark's name says");
    return;
  }
  std::vector<std::string_view> values(corpus.values.begin(), corpus.values.end());
  int64_t expected = 0;
  for (std::string_view v : values) expected += reference(v) ? 1 : 0;
  for (auto _ : state) {
    int64_t matches = 0;
    for (std::string_view v : values) matches += matcher->Matches(v) ? 1 : 0;
    benchmark::DoNotOptimize(matches);
    if (matches != expected) {
      state.SkipWithError("wrong match count");
      break;
    }
  }
  state.counters["matches"] = static_cast<double>(expected);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
}

BENCHMARK_CAPTURE(BM_Like, exact, "ConsoleLogin", LikeMatcher::Shape::kExact, RefExact);
BENCHMARK_CAPTURE(BM_Like, prefix, "72.21.%", LikeMatcher::Shape::kPrefix, RefPrefix);
BENCHMARK_CAPTURE(BM_Like, suffix, "%.amazonaws.com", LikeMatcher::Shape::kSuffix, RefSuffix);
BENCHMARK_CAPTURE(BM_Like, contains, "%sg-5887f224%", LikeMatcher::Shape::kContains,
                  RefContains);
BENCHMARK_CAPTURE(BM_Like, general, "%sg-%-abcd%", LikeMatcher::Shape::kGeneral, RefGeneral);

// ---------------------------------------------------------------------------
// 1b. Several contains patterns on one column: `requestparameters LIKE '%a%'
// OR ... LIKE '%z%'` (the blog's q1 has three). Three ways, same answer:
//   or_chain      what the engine does: ExpressionEvaluator::SelectRows of
//                 the bound OR (each LIKE runs on the rows the ones before it
//                 did not pass; a memmem-class search per row and needle);
//   one_pass      per row, each needle in turn with std::string_view::find,
//                 no vectors in between;
//   aho_corasick  a hand-written Aho-Corasick automaton (a full 256-way
//                 transition table): one pass over each value for all needles.

std::vector<std::string> Needles(int count) {
  std::vector<std::string> needles = {"sg-5887f224", "sg-e214609e", "eni-6c5ca5a8"};
  std::mt19937_64 rng(9);
  while (static_cast<int>(needles.size()) < count) needles.push_back("sg-" + Hex(rng, 8));
  needles.resize(count);
  return needles;
}

// Aho-Corasick over bytes: states are trie nodes; next[state * 256 + byte]
// is the full transition (failure links folded in); out[state] says whether a
// needle ends here or in a suffix of it.
class AhoCorasick {
 public:
  explicit AhoCorasick(const std::vector<std::string>& needles) {
    next_.assign(256, -1);
    out_.push_back(false);
    for (const std::string& needle : needles) {
      int state = 0;
      for (unsigned char c : needle) {
        if (next_[state * 256 + c] < 0) {
          next_[state * 256 + c] = static_cast<int>(out_.size());
          next_.resize(next_.size() + 256, -1);
          out_.push_back(false);
        }
        state = next_[state * 256 + c];
      }
      out_[state] = true;
    }
    // Breadth first: fill missing transitions from the failure state.
    std::vector<int> fail(out_.size(), 0), queue;
    for (int c = 0; c < 256; c++) {
      int& to = next_[c];
      if (to < 0) {
        to = 0;
      } else {
        queue.push_back(to);
      }
    }
    for (size_t head = 0; head < queue.size(); head++) {
      const int state = queue[head];
      out_[state] = out_[state] || out_[fail[state]];
      for (int c = 0; c < 256; c++) {
        int& to = next_[state * 256 + c];
        if (to < 0) {
          to = next_[fail[state] * 256 + c];
        } else {
          fail[to] = next_[fail[state] * 256 + c];
          queue.push_back(to);
        }
      }
    }
  }

  bool Contains(std::string_view text) const {
    int state = 0;
    for (unsigned char c : text) {
      state = next_[state * 256 + c];
      if (out_[state]) return true;
    }
    return false;
  }

 private:
  std::vector<int> next_;
  std::vector<uint8_t> out_;
};

enum class Multi { kOrChain, kOnePass, kAhoCorasick };

void BM_LikeAny(benchmark::State& state, Multi way, int needle_count) {
  const LikeCorpus& corpus = GetLikeCorpus();
  const std::vector<std::string> needles = Needles(needle_count);
  std::vector<std::string_view> values(corpus.values.begin(), corpus.values.end());
  int64_t expected = 0;
  for (std::string_view v : values) {
    bool any = false;
    for (const std::string& n : needles) any = any || v.find(n) != std::string_view::npos;
    expected += any ? 1 : 0;
  }
  std::string where;
  for (const std::string& n : needles) {
    if (!where.empty()) where += " or ";
    where += "requestparameters like '%" + n + "%'";
  }
  absl::StatusOr<BoundQuery> query =
      BindSql("select count(*) from cloudtrail_logs where " + where);
  if (!query.ok() || query->plan.filter == nullptr || query->plan.scan_columns.size() != 1) {
    state.SkipWithError("cannot bind the query");
    return;
  }
  Chunk chunk;
  chunk.size = kRows;
  chunk.columns.emplace_back(TypeId::kVarchar);
  chunk.columns[0].Resize(kRows);
  for (uint32_t i = 0; i < kRows; i++) chunk.columns[0].strings()[i] = values[i];
  std::vector<uint32_t> rows(kRows), out(kRows);
  for (uint32_t i = 0; i < kRows; i++) rows[i] = i;
  ExpressionEvaluator evaluator;
  const AhoCorasick automaton(needles);
  for (auto _ : state) {
    int64_t matches = 0;
    switch (way) {
      case Multi::kOrChain: {
        auto passed =
            evaluator.SelectRows(*query->plan.filter, chunk, rows.data(), kRows, out.data());
        matches = passed.ok() ? *passed : -1;
        break;
      }
      case Multi::kOnePass:
        for (std::string_view v : values) {
          for (const std::string& n : needles) {
            if (v.find(n) != std::string_view::npos) {
              matches++;
              break;
            }
          }
        }
        break;
      case Multi::kAhoCorasick:
        for (std::string_view v : values) matches += automaton.Contains(v) ? 1 : 0;
        break;
    }
    benchmark::DoNotOptimize(matches);
    if (matches != expected) {
      state.SkipWithError("wrong match count");
      break;
    }
  }
  state.counters["matches"] = static_cast<double>(expected);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
}

BENCHMARK_CAPTURE(BM_LikeAny, 3/or_chain, Multi::kOrChain, 3);
BENCHMARK_CAPTURE(BM_LikeAny, 3/one_pass, Multi::kOnePass, 3);
BENCHMARK_CAPTURE(BM_LikeAny, 3/aho_corasick, Multi::kAhoCorasick, 3);
BENCHMARK_CAPTURE(BM_LikeAny, 12/or_chain, Multi::kOrChain, 12);
BENCHMARK_CAPTURE(BM_LikeAny, 12/one_pass, Multi::kOnePass, 12);
BENCHMARK_CAPTURE(BM_LikeAny, 12/aho_corasick, Multi::kAhoCorasick, 12);

// ---------------------------------------------------------------------------
// 2. A predicate per dictionary entry vs per row

// 2048 eventname codes (index into EventNames() + 1), 1 in 100 NULL.
struct EventNameColumn {
  std::vector<uint32_t> codes;
  OwnedDictionary dictionary;
  int64_t console_logins = 0;
  int64_t bytes = 0;
};

const EventNameColumn& GetEventNameColumn() {
  static const EventNameColumn column = [] {
    EventNameColumn c;
    const auto& names = EventNames();
    std::mt19937_64 rng(2);
    for (uint32_t i = 0; i < kRows; i++) {
      const uint32_t code = i % 100 == 99 ? 0 : static_cast<uint32_t>(rng() % names.size()) + 1;
      c.codes.push_back(code);
      if (code != 0) {
        c.bytes += static_cast<int64_t>(names[code - 1].size());
        if (names[code - 1] == "ConsoleLogin") c.console_logins++;
      }
    }
    c.dictionary = MakeDictionary(names);
    return c;
  }();
  return column;
}

enum class Layout { kPlain, kDictCached, kDictNewId };

void BM_SelectRows(benchmark::State& state, const char* where, Layout layout) {
  const std::string sql = std::string("select count(*) from cloudtrail_logs where ") + where;
  absl::StatusOr<BoundQuery> query = BindSql(sql);
  if (!query.ok() || query->plan.filter == nullptr) {
    state.SkipWithError("cannot bind the query");
    return;
  }
  const PhysicalPlan& plan = query->plan;
  std::set<int> read;
  ColumnsOf(*plan.filter, &read);
  if (plan.scan_columns.size() != 1 || plan.scan_columns[0] != *FindColumn("eventname") ||
      read != std::set<int>{0}) {
    state.SkipWithError("unexpected plan: the filter should read eventname as chunk column 0");
    return;
  }
  // 'a' and 'b' of the IN list are not event names: both predicates pass
  // exactly the ConsoleLogin rows.
  const EventNameColumn& data = GetEventNameColumn();
  const int64_t expected = data.console_logins;
  Vector::Dictionary dictionary = data.dictionary.View(NextDictionaryId());
  Chunk chunk;
  chunk.size = kRows;
  chunk.columns.push_back(
      MakeVarchar(EventNames(), data.codes, layout == Layout::kPlain ? nullptr : &dictionary));
  std::vector<uint32_t> rows(kRows), out(kRows);
  for (uint32_t i = 0; i < kRows; i++) rows[i] = i;

  ExpressionEvaluator evaluator;
  // Once untimed: checks the result and, for dict_cached, fills the cache.
  auto first = evaluator.SelectRows(*plan.filter, chunk, rows.data(), kRows, out.data());
  if (!first.ok() || *first != expected) {
    state.SkipWithError("wrong row count (untimed check)");
    return;
  }
  for (auto _ : state) {
    if (layout == Layout::kDictNewId) {
      // As if the vector came from another row group: the cached verdicts
      // do not apply. (SetDictionary keeps the codes, the size is unchanged.)
      dictionary.id = NextDictionaryId();
      chunk.columns[0].SetDictionary(dictionary);
    }
    auto passed = evaluator.SelectRows(*plan.filter, chunk, rows.data(), kRows, out.data());
    benchmark::DoNotOptimize(out.data());
    if (!passed.ok() || *passed != expected) {
      state.SkipWithError("wrong row count");
      break;
    }
  }
  state.counters["passed"] = static_cast<double>(expected);
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * data.bytes);
}

constexpr const char* kEq = "eventname = 'ConsoleLogin'";
constexpr const char* kIn = "eventname IN ('a', 'b', 'ConsoleLogin')";
BENCHMARK_CAPTURE(BM_SelectRows, eq/plain, kEq, Layout::kPlain);
BENCHMARK_CAPTURE(BM_SelectRows, eq/dict_cached, kEq, Layout::kDictCached);
BENCHMARK_CAPTURE(BM_SelectRows, eq/dict_new_id, kEq, Layout::kDictNewId);
BENCHMARK_CAPTURE(BM_SelectRows, in/plain, kIn, Layout::kPlain);
BENCHMARK_CAPTURE(BM_SelectRows, in/dict_cached, kIn, Layout::kDictCached);
BENCHMARK_CAPTURE(BM_SelectRows, in/dict_new_id, kIn, Layout::kDictNewId);

// ---------------------------------------------------------------------------
// 3. Hash aggregation

constexpr int kAggChunks = 32;  // 64 Ki rows per iteration

struct AggData {
  std::vector<std::string> users = MakeUserNames();
  OwnedDictionary name_dictionary, user_dictionary;
  std::vector<std::vector<uint32_t>> name_codes, user_codes;  // per chunk
  size_t expected_groups = 0;
};

const AggData& GetAggData() {
  static const AggData data = [] {
    AggData d;
    std::mt19937_64 rng(3);
    std::set<std::pair<uint32_t, uint32_t>> groups;
    for (int c = 0; c < kAggChunks; c++) {
      std::vector<uint32_t> names, users;
      for (uint32_t i = 0; i < kRows; i++) {
        names.push_back(static_cast<uint32_t>(rng() % EventNames().size()) + 1);
        users.push_back(static_cast<uint32_t>(rng() % d.users.size()) + 1);
        groups.emplace(names.back(), users.back());
      }
      d.name_codes.push_back(std::move(names));
      d.user_codes.push_back(std::move(users));
    }
    d.expected_groups = groups.size();
    d.name_dictionary = MakeDictionary(EventNames());
    d.user_dictionary = MakeDictionary(d.users);
    return d;
  }();
  return data;
}

void BM_HashAggregate(benchmark::State& state, bool use_dictionary) {
  const std::string sql =
      "select count(*), eventname, useridentity.username from cloudtrail_logs group by 2, 3";
  absl::StatusOr<BoundQuery> query = BindSql(sql);
  if (!query.ok() || !query->plan.aggregate || query->plan.group_keys.size() != 2) {
    state.SkipWithError("cannot bind the query");
    return;
  }
  const PhysicalPlan& plan = query->plan;
  const AggData& data = GetAggData();
  const int eventname = *FindColumn("eventname");
  const int username = *FindColumn("useridentity.username");
  // One dictionary per column for all chunks, as for one row group.
  const Vector::Dictionary name_dictionary = data.name_dictionary.View(NextDictionaryId());
  const Vector::Dictionary user_dictionary = data.user_dictionary.View(NextDictionaryId());
  std::vector<Chunk> chunks(kAggChunks);
  for (int c = 0; c < kAggChunks; c++) {
    chunks[c].size = kRows;
    for (int column : plan.scan_columns) {
      if (column == eventname) {
        chunks[c].columns.push_back(MakeVarchar(EventNames(), data.name_codes[c],
                                                use_dictionary ? &name_dictionary : nullptr));
      } else if (column == username) {
        chunks[c].columns.push_back(MakeVarchar(data.users, data.user_codes[c],
                                                use_dictionary ? &user_dictionary : nullptr));
      } else {
        state.SkipWithError("unexpected scan column");
        return;
      }
    }
  }
  ExpressionEvaluator evaluator;
  {  // Untimed check of the groups and their counts.
    HashAggregateState check(plan);
    for (const Chunk& chunk : chunks) {
      if (!check.Sink(chunk, &evaluator).ok()) {
        state.SkipWithError("Sink failed");
        return;
      }
    }
    int64_t total = 0;
    absl::StatusOr<std::vector<std::vector<Value>>> finalized = check.Finalize();
    if (!finalized.ok()) {
      state.SkipWithError("Finalize failed");
      return;
    }
    const std::vector<std::vector<Value>>& rows = *finalized;
    for (const auto& row : rows) total += row.back().bigint();
    if (rows.size() != data.expected_groups || total != int64_t{kAggChunks} * kRows) {
      state.SkipWithError("wrong groups (untimed check)");
      return;
    }
  }
  for (auto _ : state) {
    HashAggregateState aggregate(plan);
    bool ok = true;
    for (const Chunk& chunk : chunks) ok = ok && aggregate.Sink(chunk, &evaluator).ok();
    benchmark::DoNotOptimize(aggregate.group_count());
    if (!ok || aggregate.group_count() != data.expected_groups) {
      state.SkipWithError("wrong group count");
      break;
    }
  }
  state.counters["groups"] = static_cast<double>(data.expected_groups);
  state.SetItemsProcessed(state.iterations() * int64_t{kAggChunks} * kRows);
}

BENCHMARK_CAPTURE(BM_HashAggregate, plain, false);
BENCHMARK_CAPTURE(BM_HashAggregate, dict, true);

// ---------------------------------------------------------------------------
// 4. Column chunk decoding

constexpr uint32_t kSegmentRows = 16384;

struct SegmentData {
  std::shared_ptr<RowGroup> group;
  std::unique_ptr<SegmentReader> reader;
  std::string problem;  // empty when the segment is as intended
};

std::string TwoDigits(uint64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

const SegmentData& GetSegment() {
  static const SegmentData segment = [] {
    SegmentData data;
    SegmentData* s = &data;
    s->group = std::make_shared<RowGroup>();
    RowGroup& group = *s->group;
    group.row_count = kSegmentRows;
    std::mt19937_64 rng(4);
    StringColumnData eventtime, eventname, requestparameters, requestid;
    for (uint32_t i = 0; i < kSegmentRows; i++) {
      eventtime.Append("2017-02-" + TwoDigits(1 + rng() % 28) + "T" + TwoDigits(rng() % 24) +
                       ":" + TwoDigits(rng() % 60) + ":" + TwoDigits(rng() % 60) + "Z");
      eventname.Append(EventNames()[rng() % EventNames().size()]);
      requestparameters.Append(RequestParameters(rng));
      requestid.Append(Uuid(rng));
    }
    for (int c = 0; c < kStoredColumnCount; c++) {
      for (uint32_t r = 0; r < kSegmentRows; r++) group.columns[c].AppendNull();
    }
    group.columns[*FindColumn("eventtime")] = std::move(eventtime);
    group.columns[*FindColumn("eventname")] = std::move(eventname);
    group.columns[*FindColumn("requestparameters")] = std::move(requestparameters);
    group.columns[*FindColumn("requestid")] = std::move(requestid);
    SegmentWriter writer;
    if (!writer.Add(group).ok()) {
      s->problem = "SegmentWriter::Add failed";
      return data;
    }
    // The other columns are all NULL: expect 2 hex, 1 dictionary, 1 plain.
    const uint64_t* encodings = writer.stats().chunks_by_encoding;
    if (encodings[static_cast<int>(ChunkEncoding::kHex)] != 2 ||
        encodings[static_cast<int>(ChunkEncoding::kDictionary)] != 1 ||
        encodings[static_cast<int>(ChunkEncoding::kPlain)] != 1) {
      s->problem = "the writer chose other encodings than expected";
      return data;
    }
    auto reader = SegmentReader::OpenBytes("bench.seg", writer.Finish());
    if (!reader.ok()) {
      s->problem = "SegmentReader::OpenBytes failed";
      return data;
    }
    s->reader = std::move(reader).value();
    return data;
  }();
  return segment;
}

void BM_ReadColumn(benchmark::State& state, const char* name, bool keep_dictionary) {
  const SegmentData& segment = GetSegment();
  if (!segment.problem.empty()) {
    state.SkipWithError(segment.problem.c_str());
    return;
  }
  const int column = *FindColumn(name);
  const StringColumnData& original = segment.group->columns[column];
  int64_t value_bytes = 0;
  for (uint32_t r = 0; r < kSegmentRows; r++) value_bytes += original.Get(r).size();
  const bool expect_dictionary = keep_dictionary && std::string_view(name) == "eventname";

  StringColumnData out;
  // Untimed: every row must decode to the value written.
  if (!segment.reader->ReadColumnInto(0, column, &out, keep_dictionary).ok() ||
      out.size() != kSegmentRows || out.is_dictionary != expect_dictionary) {
    state.SkipWithError("ReadColumnInto failed (untimed check)");
    return;
  }
  for (uint32_t r = 0; r < kSegmentRows; r++) {
    if (out.IsNull(r) || out.Get(r) != original.Get(r)) {
      state.SkipWithError("decoded value differs (untimed check)");
      return;
    }
  }
  const std::string last(original.Get(kSegmentRows - 1));
  for (auto _ : state) {
    const absl::Status status = segment.reader->ReadColumnInto(0, column, &out, keep_dictionary);
    benchmark::DoNotOptimize(out.bytes.data());
    benchmark::ClobberMemory();
    if (!status.ok() || out.size() != kSegmentRows || out.is_dictionary != expect_dictionary ||
        out.Get(kSegmentRows - 1) != last) {
      state.SkipWithError("wrong decode");
      break;
    }
  }
  state.counters["chunk_bytes"] = static_cast<double>(segment.reader->chunk_size(0, column));
  state.SetItemsProcessed(state.iterations() * kSegmentRows);
  state.SetBytesProcessed(state.iterations() * value_bytes);
}

BENCHMARK_CAPTURE(BM_ReadColumn, eventtime, "eventtime", false);
BENCHMARK_CAPTURE(BM_ReadColumn, eventname/keep_dict, "eventname", true);
BENCHMARK_CAPTURE(BM_ReadColumn, eventname/flat, "eventname", false);
BENCHMARK_CAPTURE(BM_ReadColumn, requestparameters, "requestparameters", false);
BENCHMARK_CAPTURE(BM_ReadColumn, requestid, "requestid", false);

}  // namespace
}  // namespace ctq

BENCHMARK_MAIN();
