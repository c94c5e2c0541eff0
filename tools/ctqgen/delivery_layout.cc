#include "tools/ctqgen/delivery_layout.h"

#include "tools/ctqgen/civil_time.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

// Commercial regions that existed in early 2017, roughly by popularity.
constexpr std::string_view kRegions[] = {
    "us-east-1",    "us-west-2",      "eu-west-1", "us-west-1",      "ap-southeast-2",
    "eu-central-1", "ap-northeast-1", "sa-east-1", "us-east-2",      "ap-southeast-1",
    "ap-south-1",   "ca-central-1",   "eu-west-2", "ap-northeast-2",
};

std::string Folder(std::string_view kind, std::string_view account_id, std::string_view region,
                   int64_t time) {
  std::string folder = StrCat("AWSLogs/", account_id, "/", kind, "/", region, "/");
  AppendDatePath(time, &folder);
  return folder;
}

}  // namespace

size_t MaxRegions() { return std::size(kRegions); }

std::string_view RegionName(size_t index) { return kRegions[index]; }

std::string LogFolder(std::string_view account_id, std::string_view region, int64_t delivery_time) {
  return Folder("CloudTrail", account_id, region, delivery_time);
}

std::string LogFileKey(std::string_view account_id, std::string_view region, int64_t delivery_time,
                       std::string_view suffix, bool gzip) {
  std::string key = LogFolder(account_id, region, delivery_time);
  StrAppend(&key, "/", account_id, "_CloudTrail_", region, "_");
  AppendCompactTime(delivery_time, false, &key);
  StrAppend(&key, "_", suffix, gzip ? ".json.gz" : ".json");
  return key;
}

std::string DigestFolder(std::string_view account_id, std::string_view region,
                         int64_t digest_end_time) {
  return Folder("CloudTrail-Digest", account_id, region, digest_end_time);
}

std::string DigestFileKey(std::string_view account_id, std::string_view region,
                          int64_t digest_end_time, bool gzip) {
  std::string key = DigestFolder(account_id, region, digest_end_time);
  StrAppend(&key, "/", account_id, "_CloudTrail-Digest_", region, "_", kTrailName, "_",
               kRegions[0], "_");
  AppendCompactTime(digest_end_time, true, &key);
  key.append(gzip ? ".json.gz" : ".json");
  return key;
}

}  // namespace ctq::gen
