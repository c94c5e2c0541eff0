#include "tools/ctqgen/digest_writer.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/delivery_layout.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

std::string IsoTime(int64_t seconds) {
  std::string text;
  AppendIsoTime(seconds, &text);
  return text;
}

// The digest of the previous day in the same account and region, for the chain members.
struct PreviousDigest {
  std::string key;
  std::string hash;
  std::string signature;
};

}  // namespace

int64_t DigestEndTime(int64_t day) { return day * kSecondsPerDay + kSecondsPerDay - 1; }

std::vector<DigestPlan> PlanDigests(const std::vector<PlannedFile>& files) {
  std::map<std::tuple<uint32_t, uint32_t, int64_t>, std::vector<size_t>> groups;
  for (size_t i = 0; i < files.size(); ++i) {
    const PlannedFile& file = files[i];
    groups[{file.account, file.region, file.delivery_time / kSecondsPerDay}].push_back(i);
  }
  std::vector<DigestPlan> digests;
  for (auto& [group, indices] : groups) {
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      return files[a].delivery_time < files[b].delivery_time;
    });
    digests.push_back({std::get<0>(group), std::get<1>(group), std::get<2>(group), indices});
  }
  return digests;
}

absl::StatusOr<int64_t> WriteDigests(const std::string& out_dir, uint64_t seed, bool gzip,
                                     const AccountPool& pool,
                                     const std::vector<DigestPlan>& digests,
                                     const std::vector<WrittenLogFile>& written,
                                     OutputFileWriter& writer) {
  std::map<std::pair<uint32_t, uint32_t>, PreviousDigest> previous;
  std::string contents;
  int64_t bytes = 0;
  for (size_t d = 0; d < digests.size(); ++d) {
    const DigestPlan& digest = digests[d];
    Rng rng = Rng::For(seed, RngStream::kDigest, d);
    const Account& account = pool.account(digest.account);
    const std::string_view region = RegionName(digest.region);
    const int64_t end_time = DigestEndTime(digest.day);
    const std::string key = DigestFileKey(account.id, region, end_time, gzip);

    int64_t oldest = written[digest.log_files.front()].oldest_event;
    int64_t newest = written[digest.log_files.front()].newest_event;
    for (size_t index : digest.log_files) {
      oldest = std::min(oldest, written[index].oldest_event);
      newest = std::max(newest, written[index].newest_event);
    }

    contents.clear();
    JsonWriter json(&contents);
    json.BeginObject();
    json.Field("awsAccountId", account.id);
    json.Field("digestStartTime", IsoTime(digest.day * kSecondsPerDay));
    json.Field("digestEndTime", IsoTime(end_time));
    json.Field("digestS3Bucket", account.trail_bucket);
    json.Field("digestS3Object", key);
    std::string hex;
    AppendHex(rng, 32, &hex);
    json.Field("digestPublicKeyFingerprint", hex);
    json.Field("digestSignatureAlgorithm", "SHA256withRSA");
    json.Field("newestEventTime", IsoTime(newest));
    json.Field("oldestEventTime", IsoTime(oldest));
    PreviousDigest& chain = previous[{digest.account, digest.region}];
    auto nullable = [&json](std::string_view key_name, const std::string& value) {
      json.Key(key_name);
      if (value.empty()) {
        json.Null();
      } else {
        json.String(value);
      }
    };
    nullable("previousDigestS3Bucket", chain.key.empty() ? chain.key : account.trail_bucket);
    nullable("previousDigestS3Object", chain.key);
    nullable("previousDigestHashValue", chain.hash);
    nullable("previousDigestHashAlgorithm", chain.key.empty() ? chain.key : "SHA-256");
    nullable("previousDigestSignature", chain.signature);
    json.Key("logFiles");
    json.BeginArray();
    for (size_t index : digest.log_files) {
      const WrittenLogFile& file = written[index];
      json.BeginObject();
      json.Field("s3Bucket", account.trail_bucket);
      json.Field("s3Object", file.key);
      json.Field("hashValue", file.hash);
      json.Field("hashAlgorithm", "SHA-256");
      json.Field("newestEventTime", IsoTime(file.newest_event));
      json.Field("oldestEventTime", IsoTime(file.oldest_event));
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();

    absl::StatusOr<int64_t> size = writer.Write(StrCat(out_dir, "/", key), contents);
    if (!size.ok()) return size.status();
    bytes += *size;

    chain.key = key;
    chain.hash.clear();
    AppendHex(rng, 64, &chain.hash);
    chain.signature.clear();
    AppendHex(rng, 512, &chain.signature);
  }
  return bytes;
}

}  // namespace ctq::gen
