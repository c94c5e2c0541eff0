#include "tools/ctqgen/random_event.h"

#include "tools/ctqgen/api_catalog.h"
#include "tools/ctqgen/console_login.h"
#include "tools/ctqgen/event_fields.h"
#include "tools/ctqgen/random_ids.h"
#include "tools/ctqgen/user_agents.h"
#include "tools/ctqgen/weighted_choice.h"

namespace ctq::gen {
namespace {

constexpr IdentityKind kKinds[] = {
    IdentityKind::kIamUser, IdentityKind::kAssumedRole,   IdentityKind::kAwsService,
    IdentityKind::kRoot,    IdentityKind::kFederatedUser, IdentityKind::kUntyped,
};

IdentityKind PickKind(Rng& rng) {
  static const WeightedChoice choice = {550, 250, 150, 30, 10, 10};
  return kKinds[choice.Pick(rng)];
}

// Per mille of IAMUser and Root events that are console sign-ins (~0.5% of all events).
constexpr uint32_t kConsoleLoginPerMille = 9;
constexpr uint32_t kErrorPerMille = 40;
constexpr uint32_t kVersion108PerMille = 930;

std::string_view CallerName(const Caller& caller, const Account& account) {
  switch (caller.kind) {
    case IdentityKind::kIamUser:
      return caller.user->name;
    case IdentityKind::kAssumedRole:
    case IdentityKind::kFederatedUser:
      return caller.session_name;
    case IdentityKind::kRoot:
      return account.alias;
    default:
      return {};
  }
}

}  // namespace

void RandomEventWriter::WriteRandomConsoleLogin(const Account& account, std::string_view region,
                                                int64_t time, bool root, Rng& rng,
                                                JsonWriter& json) {
  PickCaller(root ? IdentityKind::kRoot : IdentityKind::kIamUser, {}, pool_, account, time, rng,
             &scratch_.caller);
  ConsoleLoginSpec spec;
  spec.user = root ? nullptr : scratch_.caller.user;
  // A sign-in comes from the person's own address even when PickCaller routed the root user
  // through a service.
  spec.source_ip = scratch_.caller.invoked_by.empty() ? std::string_view(scratch_.caller.source_ip)
                                                      : std::string_view(account.users[1].home_ip);
  const uint64_t mobile = rng.Below(1000);
  spec.mobile = mobile < 40 ? MobileVersion::kYes
                            : (mobile < 45 ? MobileVersion::kAbsent : MobileVersion::kNo);
  spec.user_agent = PickBrowserAgent(rng, spec.mobile == MobileVersion::kYes);
  spec.success = rng.Percent(94);
  spec.mfa_used = rng.Percent(25);
  spec.version_108 = rng.PerMille(kVersion108PerMille);
  WriteConsoleLogin(spec, account, region, time, rng, &scratch_, json);
}

void RandomEventWriter::Write(const Account& account, std::string_view region, int64_t time,
                              Rng& rng, JsonWriter& json) {
  const IdentityKind kind = PickKind(rng);
  if ((kind == IdentityKind::kIamUser || kind == IdentityKind::kRoot) &&
      rng.PerMille(kConsoleLoginPerMille)) {
    WriteRandomConsoleLogin(account, region, time, kind == IdentityKind::kRoot, rng, json);
    return;
  }
  const bool version_108 = rng.PerMille(kVersion108PerMille);

  const ApiSpec* api;
  std::string_view service;
  if (kind == IdentityKind::kAwsService) {
    const ServiceCallSpec& call = PickServiceCall(rng);
    api = &call.api;
    service = call.invoked_by;
  } else if (kind == IdentityKind::kUntyped) {
    const ServiceCallSpec& call = PickServiceEvent(rng);
    api = &call.api;
    service = call.invoked_by;
  } else {
    api = &PickHumanCall(rng);
  }

  Caller& caller = scratch_.caller;
  PickCaller(kind, service, pool_, account, time, rng, &caller);
  scratch_.identity.clear();
  RenderUserIdentity(caller, account, version_108, &scratch_.identity);

  CallContext context;
  context.account = &account;
  context.region = region;
  context.time = time;
  context.caller_name = CallerName(caller, account);
  context.invoked_by = caller.invoked_by;
  CallDetails& call = scratch_.call;
  WriteCallDetails(*api, context, rng, &call);

  EventFields fields;
  fields.event_version = version_108 ? "1.08" : "1.05";
  fields.user_identity = scratch_.identity;
  fields.event_time = time;
  fields.event_source = api->event_source;
  fields.event_name = api->event_name;
  fields.aws_region = region;
  fields.source_ip = caller.source_ip;
  fields.user_agent = caller.user_agent;
  fields.request_parameters = call.request;
  fields.response_elements = call.response;
  fields.additional_event_data = call.additional;
  fields.resources = call.resources;

  if (kind != IdentityKind::kUntyped && rng.PerMille(kErrorPerMille)) {
    ErrorContext error_context{api->service,        api->event_name, caller.principal_arn,
                               call.error_resource, region,          account.id};
    PickError(error_context, rng, &scratch_.error);
    fields.error_code = scratch_.error.code;
    if (scratch_.error.has_message) fields.error_message = scratch_.error.message;
    fields.gson_error_message = scratch_.error.gson_escaped;
    fields.response_elements = "null";
  }

  const bool service_event = kind == IdentityKind::kUntyped;
  scratch_.request_id.clear();
  if (api->service == Service::kS3) {
    AppendUpperAlnum(rng, 16, &scratch_.request_id);
  } else if (!service_event) {
    AppendUuid(rng, &scratch_.request_id);
  }
  fields.request_id = scratch_.request_id;
  scratch_.event_id.clear();
  AppendUuid(rng, &scratch_.event_id);
  fields.event_id = scratch_.event_id;
  fields.event_type = service_event ? "AwsServiceEvent" : "AwsApiCall";
  fields.api_version = ApiVersion(api->service);
  fields.recipient_account_id = account.id;

  scratch_.shared_event_id.clear();
  if (kind == IdentityKind::kAwsService && rng.Percent(70)) {
    AppendUuid(rng, &scratch_.shared_event_id);
  }
  fields.shared_event_id = scratch_.shared_event_id;
  scratch_.vpc_endpoint_id.clear();
  if (api->service == Service::kS3 && rng.Percent(10)) {
    scratch_.vpc_endpoint_id = "vpce-";
    AppendHex(rng, 8, &scratch_.vpc_endpoint_id);
  }
  fields.vpc_endpoint_id = scratch_.vpc_endpoint_id;

  if (version_108) {
    fields.read_only = api->read_only;
    fields.management_event = !api->data_event;
    fields.event_category = api->data_event ? "Data" : "Management";
    const bool human = kind != IdentityKind::kAwsService && kind != IdentityKind::kUntyped &&
                       caller.invoked_by.empty();
    if (human && rng.Percent(97)) {
      const bool tls13 = rng.Percent(15);
      fields.tls_version = tls13 ? "TLSv1.3" : "TLSv1.2";
      fields.tls_cipher_suite = tls13 ? "TLS_AES_128_GCM_SHA256" : "ECDHE-RSA-AES128-GCM-SHA256";
      fields.tls_host = call.tls_host;
    }
    fields.session_credential_from_console = caller.from_console;
  }
  WriteEvent(fields, json);
}

}  // namespace ctq::gen
