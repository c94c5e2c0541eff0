#pragma once

// Renders the call-specific parts of an event: requestParameters, responseElements,
// additionalEventData and resources.
//
// These objects are kept in canonical compact form: raw UTF-8, only `\"`, `\\` and control
// characters escaped, integers only. Tests and the engine's JSON functions rely on that.

#include <cstdint>
#include <string>
#include <string_view>

#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/api_catalog.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {

// What the call writers need to know about the event. Pointers must outlive the call.
struct CallContext {
  const Account* account = nullptr;
  std::string_view region;
  int64_t time = 0;
  std::string_view caller_name;  // User or session name; names S3 upload prefixes.
  std::string_view invoked_by;   // The service behind an AWSService call, or empty.
};

// Rendered parts of one call. Reused by one worker across events; not thread-safe.
struct CallDetails {
  std::string request = "null";   // requestParameters value.
  std::string response = "null";  // responseElements value.
  std::string additional;         // additionalEventData object; empty when absent.
  std::string resources;          // resources array; empty when absent.
  std::string tls_host;           // tlsDetails.clientProvidedHostHeader.
  std::string error_resource;     // The resource an error message names; may be empty.

  // Resets every member, keeping capacity.
  void Clear();
};

void WriteCallDetails(const ApiSpec& api, const CallContext& context, Rng& rng,
                      CallDetails* details);

// Per-family writers, called by WriteCallDetails. Each fills `details` for its shapes.
void WriteEc2Call(const ApiSpec& api, const CallContext& context, Rng& rng, CallDetails* details);
void WriteS3Call(const ApiSpec& api, const CallContext& context, Rng& rng, CallDetails* details);

// Appends the resources array entry {"accountId":..,"type":..,"ARN":..} used by S3, KMS and
// IAM calls. Pass an empty account_id to omit that member (S3 objects have none).
class JsonWriter;
void WriteResource(std::string_view account_id, std::string_view type, std::string_view arn,
                   JsonWriter& json);

}  // namespace ctq::gen
