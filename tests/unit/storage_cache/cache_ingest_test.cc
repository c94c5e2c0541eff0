// IngestIntoCache, DescribeCache, CheckCache and Database::OpenCache through
// the public API (ctq/cache.h), over generated CloudTrail buckets: the cache
// answers as the logs read directly do, ingests are incremental (each file
// once), bad and changed files are reported, crashed ingests' leftovers are
// cleaned up and never read, and the cache does not depend on the threads.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/cache_manifest.h"
#include "storage/cloudtrail_schema.h"
#include "tests/unit/storage/test_log_files.h"
#include "tests/unit/storage_cache/test_files.h"

namespace ctq {
namespace {

using testing::ReadFile;

namespace fs = std::filesystem;

// The normal absolute form IngestIntoCache records paths in.
std::string Absolute(const std::string& path) { return fs::absolute(path).lexically_normal(); }

// A CloudTrail bucket written file by file, with the counts a test checks the
// cache against.
class Bucket {
 public:
  const std::string& root() const { return root_; }
  std::string logs() const { return root_ + "/AWSLogs"; }
  uint64_t events() const { return events_; }
  uint64_t files() const { return files_; }
  const std::map<std::string, uint64_t>& per_account() const { return per_account_; }
  const std::map<std::string, uint64_t>& per_region() const { return per_region_; }
  const std::string& first_time() const { return first_time_; }
  const std::string& last_time() const { return last_time_; }

  // One log file of `events` events delivered for `account`/`region` on
  // 2024-03-`day`; `pad` bytes of request parameters per event make files
  // bigger without more events. Returns the file's path.
  std::string AddFile(const std::string& account, const std::string& region, int day, int events,
                      bool gzip = true, int pad = 0) {
    char date[32], stamp[48];
    std::snprintf(date, sizeof(date), "2024/03/%02d", day);
    std::snprintf(stamp, sizeof(stamp), "202403%02dT%04dZ", day, serial_ % 10000);
    const std::string name = StrCat(account, "_CloudTrail_", region, "_", stamp, "_f", serial_++,
                                    gzip ? ".json.gz" : ".json");
    const std::string json = Records(account, region, day, events, pad);
    const std::string relative =
        StrCat("AWSLogs/", account, "/CloudTrail/", region, "/", date, "/", name);
    files_++;
    return scratch_.Write(relative, gzip ? Gzip(json) : json);
  }

  // `{"Records":[...]}` with `events` events; counted in the totals.
  std::string Records(const std::string& account, const std::string& region, int day, int events,
                      int pad = 0) {
    static const char* const kNames[] = {"DescribeInstances", "GetObject", "AssumeRole",
                                         "ConsoleLogin",      "PutObject", "ListBuckets"};
    std::string json = "{\"Records\":[";
    for (int i = 0; i < events; i++) {
      const uint64_t n = next_event_++;
      char time[32];
      std::snprintf(time, sizeof(time), "2024-03-%02dT%02d:%02d:%02dZ", day,
                    static_cast<int>(n / 3600 % 24), static_cast<int>(n / 60 % 60),
                    static_cast<int>(n % 60));
      if (i > 0) json += ",";
      StrAppend(
          &json, R"({"eventVersion":"1.08","userIdentity":{"type":"IAMUser",)",
          R"("principalId":"AIDA)", n % 7, R"(","arn":"arn:aws:iam::)", account, R"(:user/u)",
          n % 7, R"(","accountId":")", account, R"(","userName":"u)", n % 7, R"("},"eventTime":")",
          time, R"(","eventSource":"ec2.amazonaws.com",)", R"("eventName":")", kNames[n % 6],
          R"(","awsRegion":")", region, R"(","sourceIPAddress":"10.0.)", n % 250, ".", n % 13,
          R"(","userAgent":"aws-cli/2.15.)", n % 4, R"(","requestParameters":{"n":)", n,
          R"(,"pad":")", std::string(static_cast<size_t>(pad), static_cast<char>('a' + n % 26)),
          R"("},"responseElements":null,"requestID":"req-)", n,
          R"(","eventID":"00000000-0000-4000-8000-)", 100000000000 + n, R"(","readOnly":)",
          n % 2 == 0 ? "true" : "false", R"(,"eventType":"AwsApiCall","recipientAccountId":")",
          account, R"("})");
      per_account_[account]++;
      per_region_[region]++;
      if (first_time_.empty() || time < first_time_) first_time_ = time;
      if (time > last_time_) last_time_ = time;
    }
    events_ += static_cast<uint64_t>(events);
    return json + "]}";
  }

  // Writes a file that is not counted (bad files, rewrites).
  std::string WriteRaw(const std::string& relative, std::string_view bytes) {
    return scratch_.Write(relative, bytes);
  }

 private:
  ScratchDir scratch_;
  std::string root_ = scratch_.path();
  uint64_t events_ = 0;
  uint64_t files_ = 0;
  uint64_t next_event_ = 0;
  int serial_ = 0;
  std::map<std::string, uint64_t> per_account_;
  std::map<std::string, uint64_t> per_region_;
  std::string first_time_, last_time_;
};

constexpr char kAccountA[] = "111122223333";
constexpr char kAccountB[] = "444455556666";

// Rows of a query as "a|b|c" lines, or the error.
std::vector<std::string> Rows(Database& db, const std::string& sql) {
  absl::StatusOr<QueryResult> result = db.Query(sql);
  if (!result.ok()) return {StrCat("ERROR: ", ToStd(result.status().message()))};
  std::vector<std::string> rows;
  for (const auto& row : result->rows()) {
    std::string line;
    for (size_t c = 0; c < row.size(); c++) StrAppend(&line, c > 0 ? "|" : "", row[c].ToString());
    rows.push_back(std::move(line));
  }
  return rows;
}

uint64_t Count(Database& db) {
  std::vector<std::string> rows = Rows(db, "select count(*) from cloudtrail_logs");
  EXPECT_EQ(rows.size(), 1u);
  return rows.empty() ? 0 : std::strtoull(rows[0].c_str(), nullptr, 10);
}

// Queries whose answers must not depend on where the rows come from.
const std::vector<std::string>& ComparedQueries() {
  static const std::vector<std::string> queries = {
      "select count(*) from cloudtrail_logs",
      "select eventname, count(*) from cloudtrail_logs group by eventname order by eventname",
      "select recipientaccountid, awsregion, count(*), min(eventtime), max(eventtime) "
      "from cloudtrail_logs group by recipientaccountid, awsregion "
      "order by recipientaccountid, awsregion",
      "select useridentity.username, count(*) from cloudtrail_logs "
      "where readonly = 'true' group by useridentity.username order by useridentity.username",
      "select * from cloudtrail_logs order by eventid",
  };
  return queries;
}

// The answers of ComparedQueries over the logs read into memory.
std::vector<std::vector<std::string>> InMemoryAnswers(const std::vector<std::string>& paths) {
  auto db = Database::Open({}).value();
  absl::StatusOr<IngestReport> report = db->AddLogs(paths);
  EXPECT_TRUE(report.ok()) << report.status();
  std::vector<std::vector<std::string>> answers;
  for (const std::string& sql : ComparedQueries()) answers.push_back(Rows(*db, sql));
  return answers;
}

void ExpectSameAnswers(Database& cache, const std::vector<std::vector<std::string>>& expected) {
  for (size_t q = 0; q < ComparedQueries().size(); q++) {
    std::vector<std::string> got = Rows(cache, ComparedQueries()[q]);
    ASSERT_FALSE(got.empty()) << ComparedQueries()[q];
    ASSERT_EQ(got[0].rfind("ERROR", 0), std::string::npos) << got[0];
    EXPECT_EQ(got, expected[q]) << ComparedQueries()[q];
  }
}

std::vector<std::string> SegmentFiles(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename();
    if (IsSegmentFileName(name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

class CacheIngestTest : public ::testing::Test {
 protected:
  CacheIngestTest() : cache_(cache_scratch_.path() + "/cache") {}

  CacheIngestReport Ingest(const std::vector<std::string>& paths, int threads = 2) {
    CacheIngestOptions options;
    options.threads = threads;
    absl::StatusOr<CacheIngestReport> report = IngestIntoCache(cache_, paths, options);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : CacheIngestReport();
  }

  std::unique_ptr<Database> OpenCache() {
    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(cache_, {});
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(*db) : Database::Open({}).value();
  }

  // A bucket of two accounts, two regions, three days, gzip and plain files,
  // a file with no events and a digest file.
  void FillBucket(Bucket& bucket) {
    int n = 0;
    for (const char* account : {kAccountA, kAccountB}) {
      for (const char* region : {"us-east-1", "eu-west-1"}) {
        for (int day = 1; day <= 3; day++) {
          bucket.AddFile(account, region, day, 5 + (n * 7) % 40, n % 3 != 0);
          n++;
        }
      }
    }
    bucket.AddFile(kAccountA, "us-east-1", 4, 0);
    bucket.WriteRaw(
        StrCat("AWSLogs/", kAccountA, "/CloudTrail-Digest/us-east-1/2024/03/01/digest.json.gz"),
        Gzip(R"({"awsAccountId":"111122223333","digestStartTime":"x"})"));
  }

  ScratchDir cache_scratch_;
  const std::string cache_;
};

TEST_F(CacheIngestTest, CacheAnswersAsTheLogsDo) {
  Bucket bucket;
  FillBucket(bucket);
  CacheIngestReport report = Ingest({bucket.logs()});
  EXPECT_EQ(report.read.files_read, bucket.files());
  EXPECT_EQ(report.read.events, bucket.events());
  EXPECT_EQ(report.read.digest_files, 1u);
  EXPECT_TRUE(report.read.skipped.empty());
  EXPECT_EQ(report.files_already_ingested, 0u);
  EXPECT_TRUE(report.changed_files.empty());
  EXPECT_GE(report.segments_written, 1u);
  EXPECT_EQ(report.cache_events, bucket.events());
  EXPECT_EQ(report.sources, std::vector<std::string>{Absolute(bucket.logs())});
  EXPECT_GT(report.cache_bytes, report.segment_bytes_written);

  auto db = OpenCache();
  EXPECT_EQ(db->event_count(), bucket.events());
  ExpectSameAnswers(*db, InMemoryAnswers({bucket.logs()}));
  // The expected answers are not trivially equal: the data is all there.
  EXPECT_EQ(Count(*db), bucket.events());
}

TEST_F(CacheIngestTest, IncrementalIngestReadsEachFileOnce) {
  Bucket bucket;
  for (int day = 1; day <= 4; day++) bucket.AddFile(kAccountA, "us-east-1", day, 10 * day);
  const uint64_t first_files = bucket.files();
  CacheIngestReport first = Ingest({bucket.logs()});
  EXPECT_EQ(first.read.files_read, first_files);
  EXPECT_EQ(first.cache_events, bucket.events());
  const std::vector<std::string> first_segments = SegmentFiles(cache_);
  ASSERT_EQ(first_segments.size(), first.segments_written);

  // New files, the path given again.
  bucket.AddFile(kAccountA, "us-east-1", 5, 7);
  bucket.AddFile(kAccountB, "eu-west-1", 1, 9, /*gzip=*/false);
  CacheIngestReport second = Ingest({bucket.logs()});
  EXPECT_EQ(second.files_already_ingested, first_files);
  EXPECT_EQ(second.read.files_read, 2u);
  EXPECT_EQ(second.read.events, 16u);
  EXPECT_EQ(second.cache_events, bucket.events());
  EXPECT_GE(second.segments_written, 1u);
  // Earlier segments are kept as they are; new events go to new segments.
  std::vector<std::string> segments = SegmentFiles(cache_);
  for (const std::string& name : first_segments) {
    EXPECT_TRUE(std::count(segments.begin(), segments.end(), name)) << name;
  }
  EXPECT_EQ(segments.size(), first_segments.size() + second.segments_written);

  // More new files, no paths: the recorded source is scanned again.
  bucket.AddFile(kAccountB, "eu-west-1", 2, 11);
  CacheIngestReport third = Ingest({});
  EXPECT_EQ(third.sources, std::vector<std::string>{Absolute(bucket.logs())});
  EXPECT_EQ(third.files_already_ingested, first_files + 2);
  EXPECT_EQ(third.read.files_read, 1u);
  EXPECT_EQ(third.read.events, 11u);
  EXPECT_EQ(third.cache_events, bucket.events());

  // Nothing new: nothing read, no segment written.
  segments = SegmentFiles(cache_);
  for (const std::vector<std::string>& paths :
       {std::vector<std::string>{}, std::vector<std::string>{bucket.logs()}}) {
    CacheIngestReport again = Ingest(paths);
    EXPECT_EQ(again.read.files_read, 0u);
    EXPECT_EQ(again.read.events, 0u);
    EXPECT_EQ(again.segments_written, 0u);
    EXPECT_EQ(again.segment_bytes_written, 0u);
    EXPECT_EQ(again.files_already_ingested, bucket.files());
    EXPECT_EQ(again.cache_events, bucket.events());
    EXPECT_EQ(SegmentFiles(cache_), segments);
  }

  // A subdirectory of a recorded source, and a file named directly: its
  // files are known already.
  CacheIngestReport sub = Ingest({bucket.logs() + "/" + kAccountB});
  EXPECT_EQ(sub.read.files_read, 0u);
  EXPECT_EQ(sub.files_already_ingested, 2u);

  auto db = OpenCache();
  EXPECT_EQ(Count(*db), bucket.events());
  EXPECT_EQ(Rows(*db, "select count(distinct eventid) from cloudtrail_logs"),
            std::vector<std::string>{std::to_string(bucket.events())});
  ExpectSameAnswers(*db, InMemoryAnswers({bucket.logs()}));

  absl::StatusOr<Manifest> manifest = ReadManifest(cache_);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  EXPECT_EQ(manifest->files.size(), bucket.files());
  EXPECT_EQ(manifest->events(), bucket.events());
}

TEST_F(CacheIngestTest, TwoSourcesRecordedAndRescanned) {
  Bucket one, two;
  one.AddFile(kAccountA, "us-east-1", 1, 4);
  two.AddFile(kAccountB, "us-west-2", 2, 6);
  CacheIngestReport first = Ingest({one.logs(), two.logs()});
  EXPECT_EQ(first.cache_events, 10u);
  EXPECT_EQ(first.sources, (std::vector<std::string>{Absolute(one.logs()), Absolute(two.logs())}));
  one.AddFile(kAccountA, "us-east-1", 3, 5);
  two.AddFile(kAccountB, "us-west-2", 3, 8);
  CacheIngestReport second = Ingest({});
  EXPECT_EQ(second.read.files_read, 2u);
  EXPECT_EQ(second.cache_events, 23u);

  // A recorded source that is gone is reported; the rest still gets read.
  one.AddFile(kAccountA, "us-east-1", 4, 1);
  fs::remove_all(two.logs());
  CacheIngestReport third = Ingest({});
  EXPECT_EQ(third.read.files_read, 1u);
  EXPECT_EQ(third.cache_events, 24u);
  ASSERT_EQ(third.read.skipped.size(), 1u);
  EXPECT_EQ(third.read.skipped[0].path, Absolute(two.logs()));
  EXPECT_NE(third.read.skipped[0].reason.find("no longer exists"), std::string::npos);
  auto db = OpenCache();
  EXPECT_EQ(Count(*db), 24u);  // what was ingested from it stays
}

TEST_F(CacheIngestTest, ChangedFileIsReportedAndNotReread) {
  Bucket bucket;
  const std::string grows = bucket.AddFile(kAccountA, "us-east-1", 1, 5);
  const std::string touched = bucket.AddFile(kAccountA, "us-east-1", 2, 6);
  bucket.AddFile(kAccountA, "us-east-1", 3, 7);
  CacheIngestReport first = Ingest({bucket.logs()});
  ASSERT_EQ(first.cache_events, 18u);

  // CloudTrail never rewrites a delivered file; if one changes anyway, its
  // old events stay and the new contents are not read (so nothing doubles).
  Bucket other;
  bucket.WriteRaw(fs::relative(grows, bucket.root()).string(),
                  Gzip(other.Records(kAccountA, "us-east-1", 1, 50)));
  fs::last_write_time(touched, fs::last_write_time(touched) + std::chrono::hours(1));
  CacheIngestReport second = Ingest({});
  // A file whose mtime alone changed (a re-sync, a `touch`) is recognised
  // by its content: not changed, and known by its path again from now on.
  EXPECT_EQ(second.changed_files, std::vector<std::string>{Absolute(grows)});
  EXPECT_EQ(second.files_recognized, 1u);
  EXPECT_EQ(second.read.files_read, 0u);
  EXPECT_EQ(second.segments_written, 0u);
  EXPECT_EQ(second.files_already_ingested, 1u);
  EXPECT_EQ(second.cache_events, 18u);
  auto db = OpenCache();
  EXPECT_EQ(Count(*db), 18u);
  // Reported again each time: it stays changed.
  CacheIngestReport third = Ingest({});
  EXPECT_EQ(third.changed_files.size(), 1u);
  EXPECT_EQ(third.files_recognized, 0u);
  EXPECT_EQ(third.files_already_ingested, 2u);
}

TEST_F(CacheIngestTest, BadFilesAreSkippedWithTheirReason) {
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 12);
  const std::string dir = StrCat("AWSLogs/", kAccountA, "/CloudTrail/us-east-1/2024/03/02/");
  Bucket spare;
  const std::string full = Gzip(spare.Records(kAccountA, "us-east-1", 2, 30));
  const std::string truncated =
      bucket.WriteRaw(dir + "truncated.json.gz", full.substr(0, full.size() / 2));
  const std::string malformed =
      bucket.WriteRaw(dir + "malformed.json", R"({"Records":[{"eventName":"X",]})");
  bucket.AddFile(kAccountA, "us-east-1", 3, 8);

  CacheIngestReport report = Ingest({bucket.logs()});
  EXPECT_EQ(report.read.files_read, 2u);
  EXPECT_EQ(report.cache_events, 20u);
  std::map<std::string, std::string> skipped;
  for (const auto& s : report.read.skipped) skipped[s.path] = s.reason;
  ASSERT_EQ(skipped.size(), 2u);
  ASSERT_TRUE(skipped.contains(Absolute(truncated)));
  ASSERT_TRUE(skipped.contains(Absolute(malformed)));
  EXPECT_NE(skipped[Absolute(truncated)].find("gzip"), std::string::npos)
      << skipped[Absolute(truncated)];
  EXPECT_NE(skipped[Absolute(malformed)].find("JSON"), std::string::npos)
      << skipped[Absolute(malformed)];
  auto db = OpenCache();
  EXPECT_EQ(Count(*db), 20u);
  // Nothing of a bad file gets in, not even its first events.
  EXPECT_EQ(Rows(*db, "select count(*) from cloudtrail_logs where eventname = 'X'"),
            std::vector<std::string>{"0"});

  // A bad file is not recorded as ingested: once complete (a sync that was
  // cut short, then finished), the next ingest reads it.
  bucket.WriteRaw(dir + "truncated.json.gz", full);
  CacheIngestReport fixed = Ingest({});
  EXPECT_EQ(fixed.read.files_read, 1u);
  EXPECT_EQ(fixed.read.events, 30u);
  EXPECT_EQ(fixed.read.skipped.size(), 1u);  // malformed.json, again
  EXPECT_EQ(fixed.cache_events, 50u);
  EXPECT_EQ(Count(*db), 50u);
}

TEST_F(CacheIngestTest, ArgumentErrors) {
  // No paths and nothing recorded.
  absl::StatusOr<CacheIngestReport> nothing = IngestIntoCache(cache_, {}, {});
  EXPECT_EQ(nothing.status().code(), absl::StatusCode::kInvalidArgument) << nothing.status();
  EXPECT_TRUE(absl::IsNotFound(ReadManifest(cache_).status()));

  // A path that does not exist: NotFound naming it, and nothing created.
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 3);
  const std::string fresh = cache_scratch_.path() + "/fresh";
  const std::string missing = bucket.root() + "/no-such-dir";
  for (const std::vector<std::string>& paths :
       {std::vector<std::string>{missing}, std::vector<std::string>{bucket.logs(), missing}}) {
    absl::StatusOr<CacheIngestReport> report = IngestIntoCache(fresh, paths, {});
    EXPECT_TRUE(absl::IsNotFound(report.status())) << report.status();
    EXPECT_NE(std::string(ToStd(report.status().message())).find(missing), std::string::npos)
        << report.status();
    EXPECT_FALSE(fs::exists(fresh));
  }

  // Queries on a directory that holds no cache.
  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(fresh, {});
  EXPECT_TRUE(absl::IsNotFound(db.status())) << db.status();
  EXPECT_TRUE(absl::IsNotFound(DescribeCache(fresh).status()));
  EXPECT_TRUE(absl::IsNotFound(CheckCache(fresh).status()));
  EXPECT_EQ(Database::OpenCache(cache_, {.threads = -1}).status().code(),
            absl::StatusCode::kInvalidArgument);

  // A cache path that is a file.
  const std::string file = bucket.WriteRaw("plain-file", "x");
  EXPECT_FALSE(IngestIntoCache(file, {bucket.logs()}, {}).ok());
}

TEST_F(CacheIngestTest, DescribeAndCheck) {
  Bucket bucket;
  FillBucket(bucket);
  const std::string lone =
      bucket.WriteRaw("loose/events.json", bucket.Records(kAccountB, "ap-south-1", 9, 3));
  Ingest({bucket.logs()});
  bucket.AddFile(kAccountB, "sa-east-1", 10, 13);
  Ingest({bucket.logs(), lone});

  absl::StatusOr<CacheInfo> info = DescribeCache(cache_);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->directory, cache_);
  EXPECT_EQ(info->sources, (std::vector<std::string>{Absolute(bucket.logs()), Absolute(lone)}));
  EXPECT_EQ(info->files, bucket.files() + 1);
  EXPECT_EQ(info->events, bucket.events());
  EXPECT_EQ(info->first_event_time, bucket.first_time());
  EXPECT_EQ(info->last_event_time, bucket.last_time());
  absl::StatusOr<Manifest> manifest = ReadManifest(cache_);
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(info->segments, manifest->segments.size());
  EXPECT_GE(info->segments, 2u);
  EXPECT_GE(info->row_groups, info->segments);

  // Accounts and regions come from the delivery paths; the loose file has
  // none, so its events count under "".
  std::map<std::string, uint64_t> accounts, regions;
  uint64_t previous = UINT64_MAX;
  for (const auto& count : info->accounts) {
    accounts[count.name] = count.events;
    EXPECT_LE(count.events, previous) << "largest first";
    previous = count.events;
  }
  for (const auto& count : info->regions) regions[count.name] = count.events;
  std::map<std::string, uint64_t> expected_accounts = bucket.per_account();
  std::map<std::string, uint64_t> expected_regions = bucket.per_region();
  expected_accounts[kAccountB] -= 3;
  expected_accounts[""] += 3;
  expected_regions["ap-south-1"] -= 3;
  if (expected_regions["ap-south-1"] == 0) expected_regions.erase("ap-south-1");
  expected_regions[""] += 3;
  EXPECT_EQ(accounts, expected_accounts);
  EXPECT_EQ(regions, expected_regions);

  uint64_t input_bytes = 0;
  for (const ManifestFile& file : manifest->files) input_bytes += file.size;
  EXPECT_EQ(info->input_bytes, input_bytes);
  uint64_t on_disk = fs::file_size(cache_ + "/MANIFEST");
  for (const std::string& name : SegmentFiles(cache_))
    on_disk += fs::file_size(cache_ + "/" + name);
  EXPECT_EQ(info->cache_bytes, on_disk);
  EXPECT_EQ(info->column_bytes.size(), static_cast<size_t>(kStoredColumnCount));
  for (size_t i = 1; i < info->column_bytes.size(); i++) {
    EXPECT_GE(info->column_bytes[i - 1].bytes, info->column_bytes[i].bytes);
  }

  absl::StatusOr<CacheCheckReport> check = CheckCache(cache_);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_TRUE(check->problems.empty()) << check->problems[0];
  EXPECT_EQ(check->segments, info->segments);
  EXPECT_EQ(check->chunks_verified, info->row_groups * kStoredColumnCount);
  uint64_t segment_bytes = 0;
  for (const ManifestSegment& segment : manifest->segments) segment_bytes += segment.bytes;
  EXPECT_GT(check->bytes_verified, 0u);
  EXPECT_LT(check->bytes_verified, segment_bytes);
}

TEST_F(CacheIngestTest, EmptyCacheDescribesAndQueries) {
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 0);
  CacheIngestReport report = Ingest({bucket.logs()});
  EXPECT_EQ(report.read.files_read, 1u);
  EXPECT_EQ(report.segments_written, 0u);
  absl::StatusOr<CacheInfo> info = DescribeCache(cache_);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->events, 0u);
  EXPECT_EQ(info->files, 1u);
  EXPECT_EQ(info->first_event_time, "");
  auto db = OpenCache();
  EXPECT_EQ(Count(*db), 0u);
  absl::StatusOr<CacheCheckReport> check = CheckCache(cache_);
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_TRUE(check->problems.empty());
}

TEST_F(CacheIngestTest, OpenDatabaseSeesLaterIngests) {
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 10);
  Ingest({bucket.logs()});
  auto db = OpenCache();
  EXPECT_EQ(Count(*db), 10u);
  bucket.AddFile(kAccountA, "us-east-1", 2, 15);
  Ingest({});
  EXPECT_EQ(Count(*db), 25u);
  EXPECT_EQ(db->event_count(), 25u);
  // Logs added in memory come on top of the cache.
  Bucket extra;
  extra.AddFile(kAccountB, "eu-west-1", 1, 4);
  ASSERT_TRUE(db->AddLogs({extra.logs()}).ok());
  EXPECT_EQ(Count(*db), 29u);
  bucket.AddFile(kAccountA, "us-east-1", 3, 1);
  Ingest({});
  EXPECT_EQ(Count(*db), 30u);
}

TEST_F(CacheIngestTest, LeftoversOfACrashedIngestAreRemovedAndNeverRead) {
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 10);
  Ingest({bucket.logs()});
  std::vector<std::string> segments = SegmentFiles(cache_);
  ASSERT_EQ(segments.size(), 1u);
  absl::StatusOr<Manifest> manifest = ReadManifest(cache_);
  ASSERT_TRUE(manifest.ok());

  // What a crash leaves: a complete segment the manifest never listed (a
  // valid copy, so reading it would show as double counts), a segment under
  // the name the next ingest will use, and temporaries.
  // Only names ctq makes, with this cache's id, are leftovers; anything
  // else in the directory is not ctq's to delete (issue 9, finding 1).
  const std::string valid = ReadFile(cache_ + "/" + segments[0]);
  const std::string own = "seg-" + manifest->cache_id.substr(0, 12) + "-";
  const std::vector<std::pair<std::string, std::string>> orphans = {
      {own + "999999-00000-abc.ctqseg", valid},
      {own + "000002-00000-abc.ctqseg", valid},
      {"MANIFEST.x1.tmp", EncodeManifest(Manifest())},
      {own + "999999-00001-abc.ctqseg.x2.tmp", "partial"},
      {"LOCK.77.tmp", "1"},
  };
  for (const auto& [name, bytes] : orphans) {
    std::ofstream(cache_ + "/" + name, std::ios::binary) << bytes;
  }
  const std::vector<std::string> foreign = {"notes.txt", "seg-999999-00000.ctqseg",
                                            "seg-0123456789ab-000001-00000-abc.ctqseg",
                                            "important.tmp", "MANIFEST.tmp"};
  for (const std::string& name : foreign) std::ofstream(cache_ + "/" + name) << "not ours";

  auto db = OpenCache();
  EXPECT_EQ(Count(*db), 10u);
  absl::StatusOr<CacheCheckReport> check = CheckCache(cache_);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->problems.empty());

  bucket.AddFile(kAccountA, "us-east-1", 2, 5);
  CacheIngestReport report = Ingest({});
  EXPECT_EQ(report.cache_events, 15u);
  for (const auto& [name, bytes] : orphans) {
    EXPECT_FALSE(fs::exists(cache_ + "/" + name)) << name;
  }
  for (const std::string& name : foreign) {
    EXPECT_EQ(ReadFile(cache_ + "/" + name), "not ours") << name;
    fs::remove(cache_ + "/" + name);
  }
  manifest = ReadManifest(cache_);
  ASSERT_TRUE(manifest.ok());
  std::vector<std::string> listed;
  for (const ManifestSegment& segment : manifest->segments) listed.push_back(segment.name);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(SegmentFiles(cache_), listed);
  EXPECT_EQ(Count(*db), 15u);
  EXPECT_EQ(Count(*OpenCache()), 15u);
  check = CheckCache(cache_);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->problems.empty());
}

TEST_F(CacheIngestTest, CacheDoesNotDependOnThreads) {
  // Enough bytes for several runs (a run is at least 4 MB), so that runs
  // finish in different orders with two workers.
  Bucket bucket;
  for (int f = 0; f < 24; f++) {
    bucket.AddFile(f % 2 ? kAccountA : kAccountB, f % 3 ? "us-east-1" : "eu-west-1", 1 + f % 5,
                   400 + f * 13, /*gzip=*/false, /*pad=*/1200);
  }
  const std::string one = cache_scratch_.path() + "/one", two = cache_scratch_.path() + "/two";
  CacheIngestOptions options;
  options.threads = 1;
  absl::StatusOr<CacheIngestReport> report_one = IngestIntoCache(one, {bucket.logs()}, options);
  options.threads = 2;
  IngestProgress progress;
  options.progress = &progress;
  absl::StatusOr<CacheIngestReport> report_two = IngestIntoCache(two, {bucket.logs()}, options);
  ASSERT_TRUE(report_one.ok()) << report_one.status();
  ASSERT_TRUE(report_two.ok()) << report_two.status();
  EXPECT_GE(report_two->segments_written, 3u);
  EXPECT_EQ(progress.files_total.load(), bucket.files());
  EXPECT_EQ(progress.files_done.load(), bucket.files());
  EXPECT_EQ(progress.events.load(), bucket.events());
  EXPECT_EQ(progress.bytes_done.load(), progress.bytes_total.load());

  absl::StatusOr<Manifest> a = ReadManifest(one), b = ReadManifest(two);
  ASSERT_TRUE(a.ok() && b.ok());
  // Run order, not completion order: the same manifest and the same bytes,
  // but for the names, which carry each cache's id and a random token.
  Manifest renamed = *b;
  renamed.cache_id = a->cache_id;
  ASSERT_EQ(renamed.segments.size(), a->segments.size());
  for (size_t s = 0; s < a->segments.size(); s++) renamed.segments[s].name = a->segments[s].name;
  EXPECT_EQ(EncodeManifest(*a), EncodeManifest(renamed));
  ASSERT_EQ(a->segments.size(), b->segments.size());
  for (size_t s = 0; s < a->segments.size(); s++) {
    EXPECT_EQ(a->segments[s].events, b->segments[s].events);
    EXPECT_TRUE(ReadFile(one + "/" + a->segments[s].name) ==
                ReadFile(two + "/" + b->segments[s].name))
        << a->segments[s].name;
  }
  EXPECT_EQ(a->events(), bucket.events());

  auto db_one = Database::OpenCache(one, {.threads = 1}).value();
  auto db_two = Database::OpenCache(two, {.threads = 2}).value();
  for (const std::string& sql : ComparedQueries()) {
    std::vector<std::string> rows = Rows(*db_one, sql);
    ASSERT_FALSE(rows.empty());
    ASSERT_EQ(rows[0].rfind("ERROR", 0), std::string::npos) << rows[0];
    EXPECT_TRUE(rows == Rows(*db_two, sql)) << sql;
  }
  EXPECT_EQ(Count(*db_two), bucket.events());
}

// Queries on one thread while another ingests: each query sees a published
// state, never part of an ingest.
TEST_F(CacheIngestTest, QueriesDuringIngestsSeeWholeStates) {
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 100);
  Ingest({bucket.logs()});
  std::set<uint64_t> published = {bucket.events()};
  auto db = OpenCache();
  std::atomic<bool> done{false};
  std::vector<uint64_t> seen;
  std::thread reader([&] {
    while (!done.load()) seen.push_back(Count(*db));
  });
  for (int round = 0; round < 4; round++) {
    for (int f = 0; f < 3; f++) bucket.AddFile(kAccountB, "eu-west-1", 1 + round, 50 + f * 17);
    CacheIngestReport report = Ingest({});
    published.insert(report.cache_events);
  }
  done = true;
  reader.join();
  EXPECT_EQ(*published.rbegin(), bucket.events());
  EXPECT_FALSE(seen.empty());
  for (uint64_t count : seen) EXPECT_TRUE(published.contains(count)) << count;
  EXPECT_EQ(Count(*db), bucket.events());
}

// The same bucket reached through a symlink (~/logs -> /data/logs, or the
// path a sync tool resolves) must not be ingested again: files are recorded
// under their real paths.
TEST_F(CacheIngestTest, SameFilesThroughASymlinkAreNotCountedTwice) {
  Bucket bucket;
  bucket.AddFile(kAccountA, "us-east-1", 1, 10);
  bucket.AddFile(kAccountA, "us-east-1", 2, 20);
  Ingest({bucket.logs()});
  const std::string link = cache_scratch_.path() + "/link";
  fs::create_directory_symlink(bucket.logs(), link);
  CacheIngestReport again = Ingest({link});
  EXPECT_EQ(again.read.files_read, 0u);
  EXPECT_EQ(again.files_already_ingested, 2u);
  EXPECT_EQ(again.cache_events, bucket.events());
  EXPECT_EQ(Count(*OpenCache()), bucket.events());
}

// A cache deleted and rebuilt while a database is open on it (`rm -rf`, then
// `ctq ingest`, with a REPL still running) lists seg-000001-00000.ctqseg
// again; the open database must read the new file, not the unlinked old one
// it still holds under that name.
TEST_F(CacheIngestTest, RebuiltCacheIsNotReadThroughStaleSegments) {
  Bucket first;
  first.AddFile(kAccountA, "us-east-1", 1, 10);
  Ingest({first.logs()});
  auto db = OpenCache();
  ASSERT_EQ(Count(*db), 10u);

  fs::remove_all(cache_);
  Bucket second;
  second.AddFile(kAccountB, "eu-west-1", 2, 25);
  Ingest({second.logs()});
  ASSERT_EQ(Count(*OpenCache()), 25u);
  EXPECT_EQ(Count(*db), 25u);
  EXPECT_EQ(Rows(*db, "select distinct recipientaccountid from cloudtrail_logs"),
            std::vector<std::string>{kAccountB});
}

TEST(CacheDefaultDirTest, FromEnvironment) {
  const char* old_cache = std::getenv("CTQ_CACHE");
  const char* old_home = std::getenv("HOME");
  const std::string saved_cache = old_cache ? old_cache : "";
  const std::string saved_home = old_home ? old_home : "";
  ::setenv("CTQ_CACHE", "/x/cache", 1);
  ::setenv("HOME", "/home/me", 1);
  EXPECT_EQ(DefaultCacheDir(), "/x/cache");
  ::setenv("CTQ_CACHE", "", 1);
  EXPECT_EQ(DefaultCacheDir(), "/home/me/.cache/ctq");
  ::unsetenv("CTQ_CACHE");
  ::unsetenv("HOME");
  EXPECT_EQ(DefaultCacheDir(), ".ctq-cache");
  if (old_cache) ::setenv("CTQ_CACHE", saved_cache.c_str(), 1);
  if (old_home) ::setenv("HOME", saved_home.c_str(), 1);
}

}  // namespace
}  // namespace ctq
