#pragma once

// One CloudTrail record as a flat list of already-decided values, and the function that
// serialises it with CloudTrail's member order.
//
// Random events and planted incident events both go through WriteEvent, so the key order and
// the rules for optional members live in one place.

#include <cstdint>
#include <optional>
#include <string_view>

#include "tools/ctqgen/json_writer.h"

namespace ctq::gen {

// All views must stay valid until WriteEvent returns. "Rendered" members hold encoded JSON;
// empty optional members are left out of the record.
struct EventFields {
  std::string_view event_version;
  std::string_view user_identity;  // Rendered object.
  int64_t event_time = 0;
  std::string_view event_source;
  std::string_view event_name;
  std::string_view aws_region;
  std::string_view source_ip;
  std::string_view user_agent;
  std::string_view error_code;     // Optional.
  std::string_view error_message;  // Optional; may be present without error_code.
  bool gson_error_message = false;
  std::string_view request_parameters = "null";  // Rendered.
  std::string_view response_elements = "null";   // Rendered.
  std::string_view additional_event_data;        // Rendered, optional.
  std::string_view request_id;                   // Optional.
  std::string_view event_id;
  std::optional<bool> read_only;
  std::string_view resources;  // Rendered array, optional.
  std::string_view event_type;
  std::string_view api_version;  // Optional.
  std::optional<bool> management_event;
  std::string_view recipient_account_id;
  std::string_view shared_event_id;  // Optional.
  std::string_view vpc_endpoint_id;  // Optional.
  std::string_view event_category;   // Optional.
  std::string_view tls_version;      // Optional; tlsDetails is written when set.
  std::string_view tls_cipher_suite;
  std::string_view tls_host;
  bool session_credential_from_console = false;
};

// Appends the record as one compact JSON object.
void WriteEvent(const EventFields& fields, JsonWriter& json);

}  // namespace ctq::gen
