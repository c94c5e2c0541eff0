#pragma once

// Where CloudTrail puts things in an S3 bucket, and the region names ctqgen uses.
//
//   AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
//       <account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<16 random alnum>.json.gz
//   AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
//       <account>_CloudTrail-Digest_<region>_<trail>_<home region>_<YYYYMMDDTHHMMSSZ>.json.gz
//
// Keys are relative to the output directory, which plays the bucket.

#include <cstdint>
#include <string>
#include <string_view>

namespace ctq::gen {

// The trail that delivers the logs; a multi-region trail homed in the first region.
inline constexpr std::string_view kTrailName = "management-events";

// The regions --regions N picks from, in order; us-east-1 is first.
size_t MaxRegions();
// REQUIRES: index < MaxRegions().
std::string_view RegionName(size_t index);

// The folder of log files delivered at `delivery_time`.
std::string LogFolder(std::string_view account_id, std::string_view region, int64_t delivery_time);
// REQUIRES: suffix is 16 characters of [A-Za-z0-9].
std::string LogFileKey(std::string_view account_id, std::string_view region, int64_t delivery_time,
                       std::string_view suffix, bool gzip);

std::string DigestFolder(std::string_view account_id, std::string_view region,
                         int64_t digest_end_time);
std::string DigestFileKey(std::string_view account_id, std::string_view region,
                          int64_t digest_end_time, bool gzip);

}  // namespace ctq::gen
