#pragma once

// Per-worker buffers for building one event at a time.
//
// Events are rendered piece by piece into these strings and then copied into the file buffer
// by WriteEvent. Reusing them keeps the hot loop free of allocations once capacities settle.
// Not thread-safe: each worker owns one.

#include <string>

#include "tools/ctqgen/call_details.h"
#include "tools/ctqgen/error_catalog.h"
#include "tools/ctqgen/identity.h"

namespace ctq::gen {

struct EventScratch {
  std::string identity;
  std::string request_id;
  std::string event_id;
  std::string shared_event_id;
  std::string vpc_endpoint_id;
  std::string additional;
  std::string response;
  Caller caller;
  CallDetails call;
  ErrorInfo error;
};

}  // namespace ctq::gen
