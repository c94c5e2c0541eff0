#include "tools/ctqgen/planted_incident.h"

#include <algorithm>

#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/console_login.h"
#include "tools/ctqgen/event_fields.h"
#include "tools/ctqgen/random_ids.h"
#include "tools/ctqgen/user_agents.h"
#include "tools/ctqgen/user_names.h"

namespace ctq::gen {
namespace {

constexpr std::string_view kRegion = "us-east-1";
constexpr std::string_view kOfficeIp = "72.21.196.67";

int64_t At(int day, int hour, int minute, int second) {
  return DaysFromCivil({2017, 2, day}) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

struct PlantedLogin {
  int hour, minute, second;
  std::string_view user;  // Empty: the root user.
  std::string_view ip;
  MobileVersion mobile;
  bool success;
};

// 2017-02-17. Office hours from 72.21.x.y; nights (00:00-05:00 UTC) from outside.
constexpr PlantedLogin kLogins[] = {
    {1, 17, 42, "bobodell", "185.220.101.46", MobileVersion::kNo, true},
    {2, 44, 9, "mchen", "41.203.72.15", MobileVersion::kNo, false},
    {4, 9, 55, "", "91.240.118.29", MobileVersion::kNo, true},
    {7, 31, 20, "priya.k", "72.21.198.14", MobileVersion::kYes, true},
    {9, 12, 3, "alice", "72.21.217.73", MobileVersion::kNo, true},
    {10, 45, 37, "José", "72.21.198.66", MobileVersion::kNo, true},
    {11, 20, 14, "dwright", "72.21.207.12", MobileVersion::kAbsent, true},
    {13, 30, 48, "zoë.müller", kOfficeIp, MobileVersion::kNo, true},
    {16, 5, 26, "bobodell", "72.21.217.73", MobileVersion::kNo, true},
    {20, 11, 59, "kwame.a", "102.176.65.13", MobileVersion::kYes, true},
};

struct PlantedRootCall {
  int day, hour, minute, second;
  std::string_view source;
  std::string_view name;
  std::string_view invoked_by;
  std::string_view ip;
  std::string_view user_agent;
  std::string_view request;
  bool read_only;
};

constexpr PlantedRootCall kRootCalls[] = {
    {3, 14, 22, 10, "sts.amazonaws.com", "GetSessionToken", "signin.amazonaws.com", kOfficeIp,
     "signin.amazonaws.com", "{\"durationSeconds\":43200}", true},
    {3, 14, 25, 40, "iam.amazonaws.com", "GetAccountSummary", "signin.amazonaws.com", kOfficeIp,
     "signin.amazonaws.com", "null", true},
    {9, 9, 10, 0, "support.amazonaws.com", "DescribeTrustedAdvisorChecks", "support.amazonaws.com",
     "support.amazonaws.com", "support.amazonaws.com", "{\"language\":\"en\"}", true},
    {9, 9, 12, 30, "support.amazonaws.com", "DescribeCases", "support.amazonaws.com",
     "support.amazonaws.com", "support.amazonaws.com",
     "{\"includeResolvedCases\":false,\"language\":\"en\"}", true},
    {17, 4, 11, 30, "iam.amazonaws.com", "CreateUser", "", "91.240.118.29", "console.amazonaws.com",
     "{\"userName\":\"backup-admin\"}", false},
    {17, 4, 12, 5, "iam.amazonaws.com", "CreateAccessKey", "", "91.240.118.29",
     "console.amazonaws.com", "{\"userName\":\"backup-admin\"}", false},
    {20, 22, 40, 5, "iam.amazonaws.com", "ListUsers", "", kOfficeIp, "console.amazonaws.com",
     "null", true},
};

constexpr std::string_view kModifyRequest =
    "{\"networkInterfaceId\":\"eni-6c5ca5a8\",\"groupSet\":{\"items\":[{\"groupId\":"
    "\"sg-e214609e\"},{\"groupId\":\"sg-5887f224\"}]}}";
constexpr std::string_view kIngressRequest =
    "{\"groupId\":\"sg-5887f224\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":\"tcp\","
    "\"fromPort\":143,\"toPort\":143,\"groups\":{},\"ipRanges\":{\"items\":[{\"cidrIp\":"
    "\"0.0.0.0/0\"}]},\"ipv6Ranges\":{},\"prefixListIds\":{}}]}}";

void FillCommon(const Account& account, Rng& rng, EventScratch* scratch, EventFields* fields) {
  scratch->request_id.clear();
  AppendUuid(rng, &scratch->request_id);
  scratch->event_id.clear();
  AppendUuid(rng, &scratch->event_id);
  fields->event_version = "1.05";
  fields->user_identity = scratch->identity;
  fields->aws_region = kRegion;
  fields->request_id = scratch->request_id;
  fields->event_id = scratch->event_id;
  fields->event_type = "AwsApiCall";
  fields->recipient_account_id = account.id;
}

void WriteBobodellCall(const PlantedEvent& event, const AccountPool& pool, Rng& rng,
                       EventScratch* scratch, JsonWriter& json) {
  const Account& account = pool.account(kIncidentAccount);
  const IamUser& user = account.users[pool.UserIndex(kIncidentUserName)];
  Caller& caller = scratch->caller;
  SetIamUserCaller(user, kOfficeIp, "console.ec2.amazonaws.com", &caller);
  scratch->identity.clear();
  RenderUserIdentity(caller, account, false, &scratch->identity);
  EventFields fields;
  FillCommon(account, rng, scratch, &fields);
  fields.event_time = event.time;
  fields.event_source = "ec2.amazonaws.com";
  const bool modify = event.kind == PlantedKind::kModifyNetworkInterface;
  fields.event_name = modify ? "ModifyNetworkInterfaceAttribute" : "AuthorizeSecurityGroupIngress";
  fields.source_ip = caller.source_ip;
  fields.user_agent = caller.user_agent;
  fields.request_parameters = modify ? kModifyRequest : kIngressRequest;
  fields.response_elements = "{\"_return\":true}";
  WriteEvent(fields, json);
}

void WriteRootCall(const PlantedEvent& event, const AccountPool& pool, Rng& rng,
                   EventScratch* scratch, JsonWriter& json) {
  const PlantedRootCall& call = kRootCalls[event.variant];
  const Account& account = pool.account(kIncidentAccount);
  Caller& caller = scratch->caller;
  caller.kind = IdentityKind::kRoot;
  caller.user = nullptr;
  caller.role = nullptr;
  caller.invoked_by = call.invoked_by;
  caller.access_key_id = "ASIA";
  AppendIamIdChars(rng, 16, &caller.access_key_id);
  caller.show_user_name = true;
  caller.has_session_context = true;
  caller.mfa = false;
  caller.session_created = event.time - 120;
  scratch->identity.clear();
  RenderUserIdentity(caller, account, false, &scratch->identity);
  EventFields fields;
  FillCommon(account, rng, scratch, &fields);
  fields.event_time = event.time;
  fields.event_source = call.source;
  fields.event_name = call.name;
  fields.source_ip = call.ip;
  fields.user_agent = call.user_agent;
  fields.request_parameters = call.request;
  WriteEvent(fields, json);
}

}  // namespace

std::vector<PlantedEvent> IncidentEvents(int64_t range_start, int64_t range_end) {
  std::vector<PlantedEvent> events;
  events.push_back({At(16, 14, 3, 11), PlantedKind::kModifyNetworkInterface, 0});
  events.push_back({At(16, 14, 7, 52), PlantedKind::kAuthorizeIngress, 0});
  for (int i = 0; i < static_cast<int>(std::size(kLogins)); ++i) {
    const PlantedLogin& login = kLogins[i];
    events.push_back(
        {At(17, login.hour, login.minute, login.second), PlantedKind::kConsoleLogin, i});
  }
  for (int i = 0; i < static_cast<int>(std::size(kRootCalls)); ++i) {
    const PlantedRootCall& call = kRootCalls[i];
    events.push_back(
        {At(call.day, call.hour, call.minute, call.second), PlantedKind::kRootCall, i});
  }
  std::erase_if(events, [&](const PlantedEvent& event) {
    return event.time < range_start || event.time >= range_end;
  });
  std::sort(events.begin(), events.end(),
            [](const PlantedEvent& a, const PlantedEvent& b) { return a.time < b.time; });
  return events;
}

void WritePlantedEvent(const PlantedEvent& event, const AccountPool& pool, Rng& rng,
                       EventScratch* scratch, JsonWriter& json) {
  switch (event.kind) {
    case PlantedKind::kModifyNetworkInterface:
    case PlantedKind::kAuthorizeIngress:
      WriteBobodellCall(event, pool, rng, scratch, json);
      return;
    case PlantedKind::kRootCall:
      WriteRootCall(event, pool, rng, scratch, json);
      return;
    case PlantedKind::kConsoleLogin: {
      const PlantedLogin& login = kLogins[event.variant];
      const Account& account = pool.account(kIncidentAccount);
      ConsoleLoginSpec spec;
      spec.user = login.user.empty() ? nullptr : &account.users[pool.UserIndex(login.user)];
      spec.source_ip = login.ip;
      spec.user_agent = PickBrowserAgent(rng, login.mobile == MobileVersion::kYes);
      spec.mobile = login.mobile;
      spec.success = login.success;
      spec.version_108 = false;
      WriteConsoleLogin(spec, account, kRegion, event.time, rng, scratch, json);
      return;
    }
  }
}

}  // namespace ctq::gen
