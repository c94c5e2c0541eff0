#include "tools/ctqgen/identity.h"

#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"
#include "tools/ctqgen/user_agents.h"

namespace ctq::gen {
namespace {

// People mostly stick to one tool; sometimes they use another.
const UserAgent& AgentFor(const IamUser& user, Rng& rng) {
  if (rng.Percent(65)) return HumanAgent(user.agent);
  return PickHumanAgent(rng);
}

const UserAgent& NonConsoleAgent(Rng& rng) {
  while (true) {
    const UserAgent& agent = PickHumanAgent(rng);
    if (agent.kind != AgentKind::kConsole) return agent;
  }
}

void PickUserLocation(const IamUser& user, Rng& rng, std::string* ip) {
  ip->clear();
  if (user.in_office ? rng.Percent(85) : rng.Percent(10)) {
    AppendOfficeIp(rng, ip);
  } else if (rng.Percent(92)) {
    ip->assign(user.home_ip);
  } else {
    AppendPublicIpv4(rng, ip);
  }
}

void TemporaryKey(Rng& rng, std::string* key) {
  key->assign("ASIA");
  AppendIamIdChars(rng, 16, key);
}

// A human (or human-driven tool) using `user`'s usual places and tools.
void HumanSession(const IamUser& user, int64_t time, Rng& rng, Caller* caller) {
  PickUserLocation(user, rng, &caller->source_ip);
  const UserAgent& agent = AgentFor(user, rng);
  caller->user_agent = agent.text;
  caller->from_console = agent.kind == AgentKind::kConsole;
  caller->has_session_context = caller->from_console;
  caller->mfa = caller->from_console && rng.Percent(30);
  caller->session_created = time - rng.Between(0, 6 * 3600);
}

void PickAssumedRole(const AccountPool& pool, const Account& account, int64_t time, Rng& rng,
                     Caller* caller) {
  const Role& role = account.roles[account.role_choice.Pick(rng)];
  caller->role = &role;
  caller->has_session_context = true;
  caller->session_created = time - rng.Between(0, 3600);
  TemporaryKey(rng, &caller->access_key_id);
  caller->invoked_by = role.invoked_by;
  caller->session_name.clear();
  switch (role.naming) {
    case SessionNaming::kCallerName: {
      const IamUser& user = account.users[pool.PickUser(rng)];
      caller->session_name = user.name;
      HumanSession(user, time, rng, caller);
      caller->has_session_context = true;
      caller->session_created = time - rng.Between(0, 3600);
      break;
    }
    case SessionNaming::kBotocore:
      caller->session_name = StrCat("botocore-session-", time - rng.Between(0, 3600));
      caller->source_ip = account.users[2].home_ip;
      caller->user_agent = NonConsoleAgent(rng).text;
      break;
    case SessionNaming::kInstanceId:
      caller->session_name = account.instance_ids[rng.Below(8)];
      caller->source_ip =
          StrCat("54.", 144 + rng.Below(80), ".", rng.Below(256), ".", rng.Between(1, 254));
      caller->user_agent = NonConsoleAgent(rng).text;
      break;
    case SessionNaming::kFixed:
      caller->session_name = std::string(role.fixed_session);
      caller->source_ip =
          StrCat("52.", 20 + rng.Below(60), ".", rng.Below(256), ".", rng.Between(1, 254));
      caller->user_agent = NonConsoleAgent(rng).text;
      break;
  }
  if (!caller->invoked_by.empty()) {
    caller->source_ip = std::string(caller->invoked_by);
    caller->user_agent = caller->invoked_by;
    caller->from_console = false;
  }
  caller->principal_arn =
      StrCat("arn:aws:sts::", account.id, ":assumed-role/", role.name, "/", caller->session_name);
}

void PickRoot(const Account& account, int64_t time, Rng& rng, Caller* caller) {
  caller->principal_arn = account.root_arn;
  caller->show_user_name = rng.Percent(40);
  // The account owner is the second-busiest person, "alice".
  const IamUser& owner = account.users[1];
  HumanSession(owner, time, rng, caller);
  const uint64_t route = rng.Below(100);
  if (route < 30) {
    caller->invoked_by = "signin.amazonaws.com";
    caller->user_agent = "signin.amazonaws.com";
    caller->from_console = false;
  } else if (route < 42) {
    caller->invoked_by = "support.amazonaws.com";
  } else if (route < 47) {
    caller->invoked_by = "AWS Internal";
  }
  if (!caller->invoked_by.empty() && caller->invoked_by != "signin.amazonaws.com") {
    caller->source_ip = std::string(caller->invoked_by);
    caller->user_agent = caller->invoked_by;
    caller->from_console = false;
  }
  TemporaryKey(rng, &caller->access_key_id);
}

void WriteAttributes(const Caller& caller, bool version_108, JsonWriter& json) {
  char created[kIsoTimeLength];
  FormatIsoTime(caller.session_created, created);
  const std::string_view created_text(created, kIsoTimeLength);
  const std::string_view mfa = caller.mfa ? "true" : "false";
  json.Key("attributes");
  json.BeginObject();
  if (version_108) {
    json.Field("creationDate", created_text);
    json.Field("mfaAuthenticated", mfa);
  } else {
    json.Field("mfaAuthenticated", mfa);
    json.Field("creationDate", created_text);
  }
  json.EndObject();
}

void WriteIssuer(std::string_view type, std::string_view principal_id, std::string_view arn,
                 const Account& account, std::string_view name, JsonWriter& json) {
  json.Key("sessionIssuer");
  json.BeginObject();
  json.Field("type", type);
  json.Field("principalId", principal_id);
  json.Field("arn", arn);
  json.Field("accountId", account.id);
  json.Field("userName", name);
  json.EndObject();
}

void WriteSessionContext(const Caller& caller, const Account& account, bool version_108,
                         JsonWriter& json) {
  json.Key("sessionContext");
  json.BeginObject();
  const bool has_issuer =
      caller.kind == IdentityKind::kAssumedRole || caller.kind == IdentityKind::kFederatedUser;
  auto write_issuer = [&] {
    if (caller.kind == IdentityKind::kAssumedRole) {
      WriteIssuer("Role", caller.role->principal_id, caller.role->arn, account, caller.role->name,
                  json);
    } else if (caller.kind == IdentityKind::kFederatedUser) {
      WriteIssuer("IAMUser", caller.user->principal_id, caller.user->arn, account,
                  caller.user->name, json);
    }
  };
  if (version_108) {
    if (has_issuer) {
      write_issuer();
    } else {
      json.Key("sessionIssuer");
      json.BeginObject();
      json.EndObject();
    }
    json.Key("webIdFederationData");
    json.BeginObject();
    json.EndObject();
    WriteAttributes(caller, version_108, json);
  } else {
    WriteAttributes(caller, version_108, json);
    if (has_issuer) write_issuer();
  }
  json.EndObject();
}

}  // namespace

void AppendOfficeIp(Rng& rng, std::string* out) {
  StrAppend(out, "72.21.", 192 + rng.Below(32), ".", rng.Between(1, 254));
}

void PickCaller(IdentityKind kind, std::string_view service, const AccountPool& pool,
                const Account& account, int64_t time, Rng& rng, Caller* caller) {
  caller->kind = kind;
  caller->user = nullptr;
  caller->role = nullptr;
  caller->invoked_by = {};
  caller->access_key_id.clear();
  caller->principal_arn.clear();
  caller->show_user_name = true;
  caller->has_session_context = false;
  caller->from_console = false;
  caller->mfa = false;
  switch (kind) {
    case IdentityKind::kIamUser: {
      const IamUser& user = account.users[pool.PickUser(rng)];
      caller->user = &user;
      caller->principal_arn = user.arn;
      HumanSession(user, time, rng, caller);
      if (caller->has_session_context) {
        TemporaryKey(rng, &caller->access_key_id);
      } else {
        caller->access_key_id = user.access_key_id;
      }
      if (rng.Percent(3)) {
        caller->invoked_by = "AWS Internal";
        caller->source_ip = "AWS Internal";
        caller->user_agent = "AWS Internal";
        caller->from_console = false;
      }
      break;
    }
    case IdentityKind::kAssumedRole:
      PickAssumedRole(pool, account, time, rng, caller);
      break;
    case IdentityKind::kRoot:
      PickRoot(account, time, rng, caller);
      break;
    case IdentityKind::kFederatedUser: {
      const IamUser& federator = account.users[14];  // "ops-admin" hands out federated sessions.
      caller->user = &federator;
      caller->session_name = account.users[pool.PickUser(rng)].name;
      caller->principal_arn =
          StrCat("arn:aws:sts::", account.id, ":federated-user/", caller->session_name);
      HumanSession(federator, time, rng, caller);
      caller->has_session_context = true;
      TemporaryKey(rng, &caller->access_key_id);
      break;
    }
    case IdentityKind::kAwsService:
    case IdentityKind::kUntyped:
      caller->invoked_by = service;
      caller->source_ip = std::string(service);
      caller->user_agent = service;
      break;
  }
}

void SetIamUserCaller(const IamUser& user, std::string_view source_ip, std::string_view user_agent,
                      Caller* caller) {
  caller->kind = IdentityKind::kIamUser;
  caller->user = &user;
  caller->role = nullptr;
  caller->invoked_by = {};
  caller->principal_arn = user.arn;
  caller->source_ip = std::string(source_ip);
  caller->user_agent = user_agent;
  caller->access_key_id = user.access_key_id;
  caller->show_user_name = true;
  caller->has_session_context = false;
  caller->from_console = false;
  caller->mfa = false;
}

void RenderUserIdentity(const Caller& caller, const Account& account, bool version_108,
                        std::string* out) {
  JsonWriter json(out);
  json.BeginObject();
  switch (caller.kind) {
    case IdentityKind::kIamUser:
      json.Field("type", "IAMUser");
      json.Field("principalId", caller.user->principal_id);
      json.Field("arn", caller.user->arn);
      json.Field("accountId", account.id);
      if (!caller.access_key_id.empty()) json.Field("accessKeyId", caller.access_key_id);
      json.Field("userName", caller.user->name);
      break;
    case IdentityKind::kAssumedRole:
      json.Field("type", "AssumedRole");
      json.Key("principalId");
      json.String(StrCat(caller.role->principal_id, ":", caller.session_name));
      json.Field("arn", caller.principal_arn);
      json.Field("accountId", account.id);
      json.Field("accessKeyId", caller.access_key_id);
      break;
    case IdentityKind::kRoot:
      json.Field("type", "Root");
      json.Field("principalId", account.id);
      json.Field("arn", account.root_arn);
      json.Field("accountId", account.id);
      if (!caller.access_key_id.empty() || version_108) {
        json.Field("accessKeyId", caller.access_key_id);
      }
      if (caller.show_user_name) json.Field("userName", account.alias);
      break;
    case IdentityKind::kFederatedUser:
      json.Field("type", "FederatedUser");
      json.Key("principalId");
      json.String(StrCat(account.id, ":", caller.session_name));
      json.Field("arn", caller.principal_arn);
      json.Field("accountId", account.id);
      json.Field("accessKeyId", caller.access_key_id);
      break;
    case IdentityKind::kAwsService:
      json.Field("type", "AWSService");
      json.Field("invokedBy", caller.invoked_by);
      json.EndObject();
      return;
    case IdentityKind::kUntyped:
      json.Field("accountId", account.id);
      json.Field("invokedBy", caller.invoked_by);
      json.EndObject();
      return;
  }
  if (caller.has_session_context) WriteSessionContext(caller, account, version_108, json);
  if (!caller.invoked_by.empty()) json.Field("invokedBy", caller.invoked_by);
  json.EndObject();
}

}  // namespace ctq::gen
