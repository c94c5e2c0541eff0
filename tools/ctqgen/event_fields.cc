#include "tools/ctqgen/event_fields.h"

#include "tools/ctqgen/civil_time.h"

namespace ctq::gen {

void WriteEvent(const EventFields& fields, JsonWriter& json) {
  char time_text[kIsoTimeLength];
  FormatIsoTime(fields.event_time, time_text);

  json.BeginObject();
  json.Field("eventVersion", fields.event_version);
  json.Key("userIdentity");
  json.Raw(fields.user_identity);
  json.Field("eventTime", std::string_view(time_text, kIsoTimeLength));
  json.Field("eventSource", fields.event_source);
  json.Field("eventName", fields.event_name);
  json.Field("awsRegion", fields.aws_region);
  json.Field("sourceIPAddress", fields.source_ip);
  json.Field("userAgent", fields.user_agent);
  if (!fields.error_code.empty()) json.Field("errorCode", fields.error_code);
  if (!fields.error_message.empty()) {
    json.Key("errorMessage");
    if (fields.gson_error_message) {
      json.GsonString(fields.error_message);
    } else {
      json.String(fields.error_message);
    }
  }
  json.Key("requestParameters");
  json.Raw(fields.request_parameters);
  json.Key("responseElements");
  json.Raw(fields.response_elements);
  if (!fields.additional_event_data.empty()) {
    json.Key("additionalEventData");
    json.Raw(fields.additional_event_data);
  }
  if (!fields.request_id.empty()) json.Field("requestID", fields.request_id);
  json.Field("eventID", fields.event_id);
  if (fields.read_only.has_value()) json.BoolField("readOnly", *fields.read_only);
  if (!fields.resources.empty()) {
    json.Key("resources");
    json.Raw(fields.resources);
  }
  json.Field("eventType", fields.event_type);
  if (!fields.api_version.empty()) json.Field("apiVersion", fields.api_version);
  if (fields.management_event.has_value()) {
    json.BoolField("managementEvent", *fields.management_event);
  }
  json.Field("recipientAccountId", fields.recipient_account_id);
  if (!fields.shared_event_id.empty()) json.Field("sharedEventID", fields.shared_event_id);
  if (!fields.vpc_endpoint_id.empty()) json.Field("vpcEndpointId", fields.vpc_endpoint_id);
  if (!fields.event_category.empty()) json.Field("eventCategory", fields.event_category);
  if (!fields.tls_version.empty()) {
    json.Key("tlsDetails");
    json.BeginObject();
    json.Field("tlsVersion", fields.tls_version);
    json.Field("cipherSuite", fields.tls_cipher_suite);
    json.Field("clientProvidedHostHeader", fields.tls_host);
    json.EndObject();
  }
  if (fields.session_credential_from_console) {
    json.Field("sessionCredentialFromConsole", "true");
  }
  json.EndObject();
}

}  // namespace ctq::gen
