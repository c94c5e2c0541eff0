#include "tools/ctqgen/console_login.h"

#include "tools/ctqgen/event_fields.h"
#include "tools/ctqgen/random_ids.h"

namespace ctq::gen {

void WriteConsoleLogin(const ConsoleLoginSpec& spec, const Account& account,
                       std::string_view region, int64_t time, Rng& rng, EventScratch* scratch,
                       JsonWriter& json) {
  Caller& caller = scratch->caller;
  caller.kind = spec.user != nullptr ? IdentityKind::kIamUser : IdentityKind::kRoot;
  caller.user = spec.user;
  caller.role = nullptr;
  caller.invoked_by = {};
  caller.access_key_id.clear();
  caller.show_user_name = false;
  caller.has_session_context = false;
  caller.from_console = false;
  scratch->identity.clear();
  RenderUserIdentity(caller, account, spec.version_108, &scratch->identity);

  scratch->additional.clear();
  JsonWriter additional(&scratch->additional);
  additional.BeginObject();
  additional.Field("LoginTo",
                   "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
  if (spec.mobile != MobileVersion::kAbsent) {
    additional.Field("MobileVersion", spec.mobile == MobileVersion::kYes ? "Yes" : "No");
  }
  additional.Field("MFAUsed", spec.mfa_used ? "Yes" : "No");
  additional.EndObject();

  scratch->event_id.clear();
  AppendUuid(rng, &scratch->event_id);

  EventFields fields;
  fields.event_version = spec.version_108 ? "1.08" : "1.05";
  fields.user_identity = scratch->identity;
  fields.event_time = time;
  fields.event_source = "signin.amazonaws.com";
  fields.event_name = "ConsoleLogin";
  fields.aws_region = region;
  fields.source_ip = spec.source_ip;
  fields.user_agent = spec.user_agent;
  if (!spec.success) fields.error_message = "Failed authentication";
  fields.response_elements =
      spec.success ? "{\"ConsoleLogin\":\"Success\"}" : "{\"ConsoleLogin\":\"Failure\"}";
  fields.additional_event_data = scratch->additional;
  fields.event_id = scratch->event_id;
  if (spec.version_108) {
    fields.read_only = false;
    fields.management_event = true;
    fields.event_category = "Management";
  }
  fields.event_type = "AwsConsoleSignIn";
  fields.recipient_account_id = account.id;
  WriteEvent(fields, json);
}

}  // namespace ctq::gen
