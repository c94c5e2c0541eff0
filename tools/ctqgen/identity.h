#pragma once

// Who made a call: the userIdentity block of an event and the sourceIPAddress and userAgent
// that go with it.

#include <cstdint>
#include <string>
#include <string_view>

#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {

enum class IdentityKind {
  kIamUser,
  kAssumedRole,
  kAwsService,
  kRoot,
  kFederatedUser,
  kUntyped,  // AwsServiceEvent records: userIdentity has accountId and invokedBy, no type.
};

// The caller of one event. Reused across events by one worker to keep string capacity; not
// thread-safe. Pointers refer into an AccountPool that must outlive the Caller.
struct Caller {
  IdentityKind kind = IdentityKind::kIamUser;
  const IamUser* user = nullptr;  // IAM user, or the federating user of a FederatedUser.
  const Role* role = nullptr;
  std::string_view invoked_by;  // Empty when the event has no invokedBy.
  std::string session_name;     // AssumedRole session or FederatedUser name.
  std::string principal_arn;    // Empty for AWS services.
  std::string source_ip;
  std::string_view user_agent;
  std::string access_key_id;   // Empty when the identity shows none.
  bool show_user_name = true;  // Root events show the account alias only sometimes.
  bool has_session_context = false;
  bool mfa = false;
  bool from_console = false;  // Emits sessionCredentialFromConsole.
  int64_t session_created = 0;
};

// Fills *caller with a random caller of `kind` for an event at `time` in `account`.
// For kAwsService and kUntyped, `service` is the invoking service ("cloudtrail.amazonaws.com").
void PickCaller(IdentityKind kind, std::string_view service, const AccountPool& pool,
                const Account& account, int64_t time, Rng& rng, Caller* caller);

// Fills *caller with IAM user `user` calling from `source_ip` with `user_agent` and a long-term
// key, as the planted incident needs.
void SetIamUserCaller(const IamUser& user, std::string_view source_ip, std::string_view user_agent,
                      Caller* caller);

// Appends the userIdentity object. eventVersion 1.08 adds the empty sessionIssuer and
// webIdFederationData members that newer records carry.
void RenderUserIdentity(const Caller& caller, const Account& account, bool version_108,
                        std::string* out);

// An IP in the corporate 72.21.0.0/16 range that the blog's queries treat as "inside".
void AppendOfficeIp(Rng& rng, std::string* out);

}  // namespace ctq::gen
