#pragma once

// errorCode and errorMessage values for failed calls, matched to the service that failed.

#include <string>
#include <string_view>

#include "tools/ctqgen/api_catalog.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {

struct ErrorContext {
  Service service;
  std::string_view event_name;
  std::string_view principal_arn;  // Empty for AWS services.
  std::string_view resource;       // ARN or id the call touched; may be empty.
  std::string_view region;
  std::string_view account_id;
};

// One error. Reused across events; not thread-safe.
struct ErrorInfo {
  std::string_view code;
  std::string message;
  bool has_message = true;
  // The message contains apostrophes that the service writes as \u0027.
  bool gson_escaped = false;
};

// Draws a skewed error for the call. Most codes are AccessDenied-like; many messages embed
// the principal ARN or a resource id, so there are many distinct messages.
void PickError(const ErrorContext& context, Rng& rng, ErrorInfo* error);

}  // namespace ctq::gen
