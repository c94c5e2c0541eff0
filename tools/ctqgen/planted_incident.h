#pragma once

// The planted incident: fixed events in February 2017 that make every query of the blog post
// (shared/peers/blog-queries.sql) return meaningful rows.
//
//  - IAM user "bobodell" attaches security group sg-5887f224 to eni-6c5ca5a8 and opens IMAP
//    (tcp/143) to 0.0.0.0/0 on 2017-02-16 (query 1). No random event mentions these ids.
//  - ConsoleLogin events on 2017-02-17: office logins from 72.21.x.y, night logins from
//    outside, mobile logins, one failure, one record without MobileVersion (queries 2 and 3).
//  - Root activity with invokedBy signin.amazonaws.com / support.amazonaws.com and without
//    invokedBy (query 6).
//
// All planted events belong to the first account and region us-east-1, and go into the
// regular log file whose time window holds them.

#include <cstdint>
#include <string_view>
#include <vector>

#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/event_scratch.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {

inline constexpr size_t kIncidentAccount = 0;
inline constexpr size_t kIncidentRegion = 0;  // Region lists start with us-east-1.

enum class PlantedKind { kModifyNetworkInterface, kAuthorizeIngress, kConsoleLogin, kRootCall };

struct PlantedEvent {
  int64_t time = 0;  // Seconds since the epoch.
  PlantedKind kind = PlantedKind::kConsoleLogin;
  int variant = 0;  // Row of the kind's table.
};

// The incident events whose time lies in [range_start, range_end), sorted by time.
std::vector<PlantedEvent> IncidentEvents(int64_t range_start, int64_t range_end);

// Appends one planted event. Random parts (eventID, requestID) come from `rng`.
void WritePlantedEvent(const PlantedEvent& event, const AccountPool& pool, Rng& rng,
                       EventScratch* scratch, JsonWriter& json);

}  // namespace ctq::gen
