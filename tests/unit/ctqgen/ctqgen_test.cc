// Tests for ctqgen: determinism, exact counts, valid sorted JSON, the S3 delivery layout, the
// planted incident and the digest files.

#include <libdeflate.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "simdjson.h"
#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/generator.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {
namespace {

namespace fs = std::filesystem;

// A fresh folder for one generator run, removed when the test ends.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : path_(fs::path(testing::TempDir()) /
              ("ctqgen_test_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

GeneratorOptions SmallRun(const fs::path& out, int64_t events) {
  GeneratorOptions options;
  options.out_dir = out.string();
  options.events = events;
  // February only: it holds the whole incident, and fewer days mean fewer folders to create.
  ParseIsoDate("2017-02-01", &options.start_day);
  ParseIsoDate("2017-03-01", &options.end_day);
  options.events_per_file = 100;
  options.threads = 2;
  return options;
}

GeneratorSummary MustGenerate(const GeneratorOptions& options) {
  absl::StatusOr<GeneratorSummary> summary = Generate(options);
  EXPECT_TRUE(summary.ok()) << summary.status();
  return summary.value_or(GeneratorSummary{});
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Decompresses a .json.gz file; returns the bytes unchanged for .json.
std::string ReadJson(const fs::path& path) {
  std::string bytes = ReadBytes(path);
  if (path.extension() != ".gz") return bytes;
  // The gzip trailer stores the uncompressed size modulo 2^32; test files are small.
  EXPECT_GE(bytes.size(), 18u);
  const auto* tail = reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - 4);
  const size_t size = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (size_t{tail[3]} << 24);
  std::string out(size, '\0');
  libdeflate_decompressor* decompressor = libdeflate_alloc_decompressor();
  const libdeflate_result result = libdeflate_gzip_decompress(
      decompressor, bytes.data(), bytes.size(), out.data(), out.size(), nullptr);
  libdeflate_free_decompressor(decompressor);
  EXPECT_EQ(result, LIBDEFLATE_SUCCESS) << path;
  return out;
}

// Relative path -> file bytes, for every file under `root`.
std::map<std::string, std::string> Snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), root).string()] = ReadBytes(entry.path());
    }
  }
  return files;
}

std::vector<fs::path> LogFiles(const fs::path& root, std::string_view kind = "/CloudTrail/") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().string().find(kind) != std::string::npos) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One event, reduced to what the tests look at.
struct EventView {
  std::string time;
  std::string name;
  std::string user_name;
  std::string identity_type;
  std::string invoked_by;
  std::string request;  // requestParameters, minified.
  std::string additional;
  std::string source_ip;
};

std::string_view StringOr(simdjson::dom::element element, std::string_view key) {
  std::string_view value;
  if (element[key].get(value) != simdjson::SUCCESS) return {};
  return value;
}

std::vector<EventView> ReadEvents(const fs::path& root) {
  std::vector<EventView> events;
  simdjson::dom::parser parser;
  for (const fs::path& path : LogFiles(root)) {
    const std::string text = ReadJson(path);
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << path;
    simdjson::dom::array records;
    EXPECT_EQ(doc["Records"].get(records), simdjson::SUCCESS) << path;
    EXPECT_EQ(doc.get_object().size(), 1u) << path;
    for (simdjson::dom::element record : records) {
      EventView view;
      view.time = std::string(StringOr(record, "eventTime"));
      view.name = std::string(StringOr(record, "eventName"));
      view.source_ip = std::string(StringOr(record, "sourceIPAddress"));
      simdjson::dom::element identity;
      if (record["userIdentity"].get(identity) == simdjson::SUCCESS) {
        view.user_name = std::string(StringOr(identity, "userName"));
        view.identity_type = std::string(StringOr(identity, "type"));
        view.invoked_by = std::string(StringOr(identity, "invokedBy"));
      }
      view.request = simdjson::minify(record["requestParameters"]);
      simdjson::dom::element additional;
      if (record["additionalEventData"].get(additional) == simdjson::SUCCESS) {
        view.additional = simdjson::minify(additional);
      }
      events.push_back(std::move(view));
    }
  }
  return events;
}

TEST(CivilTimeTest, RoundTripsDates) {
  int64_t days = 0;
  ASSERT_TRUE(ParseIsoDate("2017-02-17", &days));
  std::string text;
  AppendIsoTime(days * kSecondsPerDay + 3 * 3600 + 4 * 60 + 5, &text);
  EXPECT_EQ(text, "2017-02-17T03:04:05Z");
  EXPECT_FALSE(ParseIsoDate("2017-02-29", &days));
  EXPECT_FALSE(ParseIsoDate("2017-13-01", &days));
  EXPECT_FALSE(ParseIsoDate("17-02-01", &days));
  EXPECT_TRUE(ParseIsoDate("2016-02-29", &days));
}

TEST(JsonWriterTest, EscapesOnlyWhatJsonRequires) {
  std::string out;
  JsonWriter json(&out);
  json.BeginObject();
  json.Field("a", "x\"y\\z/é\n");
  json.Key("b");
  json.GsonString("it's");
  json.IntField("c", -7);
  json.EndObject();
  EXPECT_EQ(out, "{\"a\":\"x\\\"y\\\\z/é\\n\",\"b\":\"it\\u0027s\",\"c\":-7}");
}

TEST(RngTest, IsReproducible) {
  Rng a = Rng::For(7, RngStream::kLogFile, 3);
  Rng b = Rng::For(7, RngStream::kLogFile, 3);
  Rng c = Rng::For(7, RngStream::kLogFile, 4);
  const uint64_t first = a.Next();
  EXPECT_EQ(first, b.Next());
  EXPECT_NE(first, c.Next());
}

TEST(CtqgenTest, SameSeedGivesIdenticalBytesForAnyThreadCount) {
  TempFolder one("same_1");
  TempFolder two("same_2");
  GeneratorOptions options = SmallRun(one.path(), 2000);
  options.threads = 1;
  MustGenerate(options);
  options = SmallRun(two.path(), 2000);
  options.threads = 3;
  MustGenerate(options);
  const auto first = Snapshot(one.path());
  const auto second = Snapshot(two.path());
  ASSERT_FALSE(first.empty());
  EXPECT_TRUE(first == second);
}

TEST(CtqgenTest, DifferentSeedGivesDifferentOutput) {
  TempFolder one("seed_1");
  TempFolder two("seed_2");
  MustGenerate(SmallRun(one.path(), 500));
  GeneratorOptions options = SmallRun(two.path(), 500);
  options.seed = 2;
  MustGenerate(options);
  EXPECT_FALSE(Snapshot(one.path()) == Snapshot(two.path()));
}

TEST(CtqgenTest, WritesExactlyTheRequestedEventCount) {
  for (int64_t events : {0, 1, 5, 30, 1234}) {
    for (bool incident : {true, false}) {
      TempFolder folder("count");
      GeneratorOptions options = SmallRun(folder.path(), events);
      options.incident = incident;
      options.gzip = events % 2 == 0;
      const GeneratorSummary summary = MustGenerate(options);
      EXPECT_EQ(summary.events, events);
      EXPECT_EQ(static_cast<int64_t>(ReadEvents(folder.path()).size()), events)
          << events << " events, incident " << incident;
    }
  }
}

TEST(CtqgenTest, FilesAreSortedAndInsideTheDateRange) {
  TempFolder folder("sorted");
  GeneratorOptions options = SmallRun(folder.path(), 2000);
  ParseIsoDate("2017-02-10", &options.start_day);
  ParseIsoDate("2017-02-20", &options.end_day);
  MustGenerate(options);
  simdjson::dom::parser parser;
  for (const fs::path& path : LogFiles(folder.path())) {
    const std::string text = ReadJson(path);
    EXPECT_EQ(text.find('\n'), std::string::npos) << "not a single line: " << path;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << path;
    std::string previous;
    for (simdjson::dom::element record : doc["Records"].get_array()) {
      const std::string time(StringOr(record, "eventTime"));
      EXPECT_GE(time, "2017-02-10T00:00:00Z");
      EXPECT_LT(time, "2017-02-20T00:00:00Z");
      EXPECT_LE(previous, time) << path;
      previous = time;
    }
  }
}

TEST(CtqgenTest, FollowsTheS3DeliveryLayout) {
  TempFolder folder("layout");
  MustGenerate(SmallRun(folder.path(), 1000));
  const std::regex log_path(
      "AWSLogs/([0-9]{12})/CloudTrail/([a-z]+-[a-z]+-[0-9])/([0-9]{4})/([0-9]{2})/([0-9]{2})/"
      "\\1_CloudTrail_\\2_\\3\\4\\5T[0-9]{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");
  const std::regex digest_path(
      "AWSLogs/([0-9]{12})/CloudTrail-Digest/([a-z]+-[a-z]+-[0-9])/([0-9]{4})/([0-9]{2})/"
      "([0-9]{2})/\\1_CloudTrail-Digest_\\2_management-events_us-east-1_\\3\\4\\5T[0-9]{6}Z"
      "\\.json\\.gz");
  int logs = 0;
  int digests = 0;
  for (const auto& [relative, bytes] : Snapshot(folder.path())) {
    if (std::regex_match(relative, log_path)) {
      ++logs;
    } else if (std::regex_match(relative, digest_path)) {
      ++digests;
    } else {
      ADD_FAILURE() << "unexpected path " << relative;
    }
  }
  EXPECT_GT(logs, 5);
  EXPECT_GT(digests, 0);
}

TEST(CtqgenTest, PlantsTheBlogIncident) {
  TempFolder folder("incident");
  MustGenerate(SmallRun(folder.path(), 3000));
  int modify = 0;
  int ingress = 0;
  int mentions = 0;
  int night_outside_logins = 0;
  int mobile_logins = 0;
  int logins_without_mobile_key = 0;
  std::map<std::string, int> root_invokers;
  for (const EventView& event : ReadEvents(folder.path())) {
    const bool mentions_ids = event.request.find("sg-5887f224") != std::string::npos ||
                              event.request.find("sg-e214609e") != std::string::npos ||
                              event.request.find("eni-6c5ca5a8") != std::string::npos;
    mentions += mentions_ids;
    if (mentions_ids && event.user_name == "bobodell" && event.time > "2017-02-16") {
      modify += event.name == "ModifyNetworkInterfaceAttribute";
      ingress += event.name == "AuthorizeSecurityGroupIngress" &&
                 event.request.find("\"fromPort\":143") != std::string::npos;
    }
    if (event.name == "ConsoleLogin" && event.time.substr(0, 10) == "2017-02-17") {
      night_outside_logins += event.time < "2017-02-17T05" && event.source_ip.rfind("72.21.", 0);
      mobile_logins += event.additional.find("\"MobileVersion\":\"Yes\"") != std::string::npos;
      logins_without_mobile_key += event.additional.find("MobileVersion") == std::string::npos;
    }
    if (event.identity_type == "Root") ++root_invokers[event.invoked_by];
  }
  EXPECT_EQ(modify, 1);
  EXPECT_EQ(ingress, 1);
  EXPECT_EQ(mentions, 2) << "random events must never use the incident's ids";
  EXPECT_GE(night_outside_logins, 3);
  EXPECT_GE(mobile_logins, 2);
  EXPECT_GE(logins_without_mobile_key, 1);
  EXPECT_GT(root_invokers["signin.amazonaws.com"], 0);
  EXPECT_GT(root_invokers["support.amazonaws.com"], 0);
  EXPECT_GT(root_invokers[""], 0);
}

TEST(CtqgenTest, NoIncidentMeansNoPlantedEvents) {
  TempFolder folder("no_incident");
  GeneratorOptions options = SmallRun(folder.path(), 2000);
  options.incident = false;
  EXPECT_EQ(MustGenerate(options).planted_events, 0);
  for (const EventView& event : ReadEvents(folder.path())) {
    EXPECT_EQ(event.request.find("sg-5887f224"), std::string::npos);
  }
}

TEST(CtqgenTest, WritesDigestsThatListTheLogFiles) {
  TempFolder folder("digest");
  const GeneratorSummary summary = MustGenerate(SmallRun(folder.path(), 2000));
  const std::vector<fs::path> digests = LogFiles(folder.path(), "/CloudTrail-Digest/");
  ASSERT_FALSE(digests.empty());
  EXPECT_EQ(static_cast<int64_t>(digests.size()), summary.digest_files);
  simdjson::dom::parser parser;
  size_t listed = 0;
  for (const fs::path& path : digests) {
    const std::string text = ReadJson(path);
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << path;
    for (std::string_view key :
         {"awsAccountId", "digestStartTime", "digestEndTime", "digestS3Bucket", "digestS3Object",
          "digestPublicKeyFingerprint", "digestSignatureAlgorithm", "newestEventTime",
          "oldestEventTime", "previousDigestS3Bucket", "previousDigestS3Object",
          "previousDigestHashValue", "previousDigestHashAlgorithm", "previousDigestSignature",
          "logFiles"}) {
      EXPECT_EQ(doc[key].error(), simdjson::SUCCESS) << key << " in " << path;
    }
    EXPECT_EQ(doc["Records"].error(), simdjson::NO_SUCH_FIELD);
    for (simdjson::dom::element file : doc["logFiles"].get_array()) {
      EXPECT_TRUE(fs::exists(folder.path() / std::string(StringOr(file, "s3Object"))));
      ++listed;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(listed), summary.log_files);
}

TEST(CtqgenTest, RejectsBadOptions) {
  GeneratorOptions options = SmallRun("/tmp/unused", 10);
  options.regions = 99;
  EXPECT_FALSE(ValidateOptions(options).ok());
  options = SmallRun("/tmp/unused", 10);
  options.end_day = options.start_day;
  EXPECT_FALSE(ValidateOptions(options).ok());
}

}  // namespace
}  // namespace ctq::gen
