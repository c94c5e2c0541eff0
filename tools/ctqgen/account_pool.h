#pragma once

// The simulated AWS accounts: their ids, IAM users and roles, and the resources (buckets,
// instances, keys, ...) that events refer to.
//
// Everything is derived from the seed alone, so every log file of a run sees the same users
// with the same principal ids and access keys, no matter which thread writes it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tools/ctqgen/prng.h"
#include "tools/ctqgen/weighted_choice.h"

namespace ctq::gen {

struct IamUser {
  std::string name;
  std::string principal_id;   // "AIDA" + 17 characters.
  std::string arn;            // arn:aws:iam::<account>:user/<name>
  std::string access_key_id;  // The user's long-term "AKIA..." key.
  std::string home_ip;        // Where the user works from outside the office.
  size_t agent = 0;           // Index of the user's usual HumanAgent.
  bool in_office = false;     // Usually calls from the corporate 72.21.0.0/16 range.
};

// How sessions of an assumed role are named.
enum class SessionNaming {
  kCallerName,  // A person assumed it: the session is their user name.
  kBotocore,    // Automation: "botocore-session-1487300000".
  kInstanceId,  // An EC2 instance profile: the session is the instance id.
  kFixed,       // A service or integration that always uses the same session name.
};

struct Role {
  std::string name;
  std::string principal_id;     // "AROA" + 17 characters.
  std::string arn;              // arn:aws:iam::<account>:role/<path><name>
  std::string_view invoked_by;  // The AWS service that uses the role, or empty.
  SessionNaming naming = SessionNaming::kCallerName;
  std::string_view fixed_session;
};

struct Account {
  std::string id;        // 12 digits.
  std::string alias;     // Account alias; also the Root userName when an event shows one.
  std::string root_arn;  // arn:aws:iam::<account>:root
  std::string trail_bucket;
  std::vector<IamUser> users;  // Same order as BuildUserNames(): index = popularity rank.
  std::vector<Role> roles;
  WeightedChoice role_choice;
  std::vector<std::string> buckets;
  std::vector<std::string> instance_ids;
  std::vector<std::string> volume_ids;
  std::vector<std::string> security_groups;
  std::vector<std::string> network_interfaces;
  std::vector<std::string> vpc_ids;
  std::vector<std::string> image_ids;
  std::vector<std::string> kms_key_ids;  // UUIDs.
  std::vector<std::string> functions;
  std::vector<std::string> db_instances;
  std::vector<std::string> tables;
  std::vector<std::string> log_groups;
};

// Immutable after construction; safe to share between threads.
class AccountPool {
 public:
  // REQUIRES: account_count >= 1.
  AccountPool(uint64_t seed, int account_count);

  size_t size() const { return accounts_.size(); }
  const Account& account(size_t index) const { return accounts_[index]; }

  // Draws a user index with a Zipf skew: a few users make most of the calls.
  size_t PickUser(Rng& rng) const { return user_choice_.Pick(rng); }
  // Index of the named user. REQUIRES: the name is in BuildUserNames().
  size_t UserIndex(std::string_view name) const;

 private:
  std::vector<Account> accounts_;
  WeightedChoice user_choice_;
};

}  // namespace ctq::gen
