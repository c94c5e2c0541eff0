// Small CloudTrail buckets for the hostile-directory and fault-injection
// tests: log files written one by one under a scratch AWSLogs tree, with the
// event count the cache must reach. Events are numbered per trail, so two
// trails given the same calls write the same events; only `event_name`
// differs, which lets a test make two caches whose segments have the same
// shape and different bytes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "ctq/internal/strings.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq::testing {

class Trail {
 public:
  const std::string& root() const { return root_; }
  std::string logs() const { return root_ + "/AWSLogs"; }
  uint64_t events() const { return events_; }
  uint64_t files() const { return files_; }

  // A gzip'd delivery of `events` events (eventName `event_name`) for
  // account 111122223333 in us-east-1 on 2024-03-`day`. Returns its path.
  std::string AddFile(int day, int events, const std::string& event_name = "GetObject") {
    char date[16], stamp[32];
    std::snprintf(date, sizeof(date), "2024/03/%02d", day);
    std::snprintf(stamp, sizeof(stamp), "202403%02dT%04dZ", day,
                  static_cast<int>(files_ % 10000));
    const std::string relative =
        StrCat("AWSLogs/111122223333/CloudTrail/us-east-1/", date,
               "/111122223333_CloudTrail_us-east-1_", stamp, "_f", files_, ".json.gz");
    std::string json = "{\"Records\":[";
    for (int i = 0; i < events; i++) {
      const uint64_t n = next_event_++;
      char time[32];
      std::snprintf(time, sizeof(time), "2024-03-%02dT%02d:%02d:%02dZ", day,
                    static_cast<int>(n / 3600 % 24), static_cast<int>(n / 60 % 60),
                    static_cast<int>(n % 60));
      StrAppend(&json, i > 0 ? "," : "",
                R"({"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"u)", n % 5,
                R"("},"eventTime":")", time, R"(","eventSource":"s3.amazonaws.com","eventName":")",
                event_name, R"(","awsRegion":"us-east-1","sourceIPAddress":"10.0.0.)", n % 250,
                R"(","requestParameters":{"n":)", n,
                R"(},"eventID":"00000000-0000-4000-8000-)", 100000000000 + n,
                R"(","eventType":"AwsApiCall","recipientAccountId":"111122223333"})");
    }
    json += "]}";
    files_++;
    events_ += static_cast<uint64_t>(events);
    return scratch_.Write(relative, Gzip(json));
  }

 private:
  ScratchDir scratch_;
  std::string root_ = scratch_.path();
  uint64_t events_ = 0;
  uint64_t files_ = 0;
  uint64_t next_event_ = 0;
};

}  // namespace ctq::testing
