#pragma once

// ConsoleLogin records: the sign-in events that the blog's queries 2 and 3 look for.

#include <cstdint>
#include <string_view>

#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/event_scratch.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {

// additionalEventData.MobileVersion; kAbsent leaves the member out, as some records do.
enum class MobileVersion { kNo, kYes, kAbsent };

struct ConsoleLoginSpec {
  const IamUser* user = nullptr;  // nullptr: the account's root user signs in.
  std::string_view source_ip;
  std::string_view user_agent;
  MobileVersion mobile = MobileVersion::kNo;
  bool success = true;
  bool mfa_used = false;
  bool version_108 = true;
};

// Appends one ConsoleLogin event (eventSource signin.amazonaws.com, eventType
// AwsConsoleSignIn). A failed login carries errorMessage "Failed authentication" and
// responseElements {"ConsoleLogin":"Failure"}, without errorCode, as CloudTrail writes it.
void WriteConsoleLogin(const ConsoleLoginSpec& spec, const Account& account,
                       std::string_view region, int64_t time, Rng& rng, EventScratch* scratch,
                       JsonWriter& json);

}  // namespace ctq::gen
