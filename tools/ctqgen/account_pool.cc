#include "tools/ctqgen/account_pool.h"

#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"
#include "tools/ctqgen/user_agents.h"
#include "tools/ctqgen/user_names.h"

namespace ctq::gen {
namespace {

struct RoleTemplate {
  std::string_view name;
  std::string_view path;
  std::string_view invoked_by;
  SessionNaming naming;
  std::string_view fixed_session;
  uint32_t weight;
};

// A mix seen in real accounts: roles people switch into, automation and instance profiles,
// and service roles whose calls carry invokedBy.
constexpr RoleTemplate kRoles[] = {
    {"Admin", "", "", SessionNaming::kCallerName, "", 20},
    {"OrganizationAccountAccessRole", "", "", SessionNaming::kCallerName, "", 12},
    {"ReadOnly", "", "", SessionNaming::kCallerName, "", 10},
    {"developer", "", "", SessionNaming::kCallerName, "", 10},
    {"ci-deploy", "", "", SessionNaming::kBotocore, "", 15},
    {"ec2-app-server", "", "", SessionNaming::kInstanceId, "", 25},
    {"orders-processor-exec", "service-role/", "", SessionNaming::kFixed, "orders-processor", 15},
    {"DatadogAWSIntegrationRole", "", "", SessionNaming::kFixed, "DatadogAWSIntegration", 8},
    {"aws-elasticbeanstalk-service-role", "", "elasticbeanstalk.amazonaws.com",
     SessionNaming::kFixed, "elasticbeanstalk", 8},
    {"aws-opsworks-service-role", "", "opsworks.amazonaws.com", SessionNaming::kFixed, "OpsWorks",
     5},
    {"EMR_DefaultRole", "", "elasticmapreduce.amazonaws.com", SessionNaming::kFixed, "CCSSession",
     5},
    {"CloudTrailRoleForCloudWatchLogs", "service-role/", "cloudtrail.amazonaws.com",
     SessionNaming::kFixed, "CloudTrail", 6},
    {"config-role", "service-role/", "config.amazonaws.com", SessionNaming::kFixed,
     "AWSConfig-Describe", 6},
};

constexpr std::string_view kAliases[] = {"acme-prod", "acme-dev", "acme-shared", "acme-sandbox"};

constexpr std::string_view kBucketSuffixes[] = {
    "logs", "assets", "backups", "data-lake", "web-static", "terraform-state", "reports", "uploads",
};

constexpr std::string_view kFunctions[] = {
    "orders-processor", "thumbnail-resizer",  "slack-notifier",
    "nightly-cleanup",  "auth-token-rotator", "s3-event-indexer",
};

constexpr std::string_view kDatabases[] = {"orders-db", "users-primary", "analytics-replica",
                                           "legacy-mysql"};

constexpr std::string_view kTables[] = {"Orders", "Sessions", "UserProfiles", "FeatureFlags",
                                        "audit-events"};

constexpr std::string_view kLogGroups[] = {"/aws/lambda/orders-processor", "/var/log/messages",
                                           "/ecs/web-frontend", "CloudTrail/DefaultLogGroup"};

std::string Prefixed(Rng& rng, std::string_view prefix, int length) {
  std::string id(prefix);
  AppendIamIdChars(rng, length, &id);
  return id;
}

std::vector<std::string> HexIds(Rng& rng, std::string_view prefix, int digits, int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) {
    std::string id;
    AppendSafeResourceId(rng, prefix, digits, &id);
    ids.push_back(std::move(id));
  }
  return ids;
}

Account BuildAccount(Rng& rng, size_t index, const std::vector<std::string>& names) {
  Account account;
  account.id = std::to_string(rng.Between(100000000000LL, 999999999999LL));
  account.alias =
      index < std::size(kAliases) ? std::string(kAliases[index]) : StrCat("acme-sandbox-", index);
  account.root_arn = StrCat("arn:aws:iam::", account.id, ":root");
  account.trail_bucket = StrCat("aws-cloudtrail-logs-", account.id, "-");
  AppendHex(rng, 8, &account.trail_bucket);

  for (const std::string& name : names) {
    IamUser user;
    user.name = name;
    user.principal_id = Prefixed(rng, "AIDA", 17);
    user.arn = StrCat("arn:aws:iam::", account.id, ":user/", name);
    user.access_key_id = Prefixed(rng, "AKIA", 16);
    AppendPublicIpv4(rng, &user.home_ip);
    user.agent = rng.Below(HumanAgentCount());
    user.in_office = rng.Percent(60);
    account.users.push_back(std::move(user));
  }

  for (const RoleTemplate& spec : kRoles) {
    Role role;
    role.name = std::string(spec.name);
    role.principal_id = Prefixed(rng, "AROA", 17);
    role.arn = StrCat("arn:aws:iam::", account.id, ":role/", spec.path, spec.name);
    role.invoked_by = spec.invoked_by;
    role.naming = spec.naming;
    role.fixed_session = spec.fixed_session;
    account.roles.push_back(std::move(role));
    account.role_choice.Add(spec.weight);
  }

  for (std::string_view suffix : kBucketSuffixes) {
    account.buckets.push_back(StrCat(account.alias, "-", suffix));
  }
  account.buckets.push_back(account.trail_bucket);
  account.instance_ids = HexIds(rng, "i-0", 16, 40);
  account.volume_ids = HexIds(rng, "vol-0", 16, 30);
  account.security_groups = HexIds(rng, "sg-", 8, 20);
  account.network_interfaces = HexIds(rng, "eni-", 8, 20);
  account.vpc_ids = HexIds(rng, "vpc-", 8, 3);
  account.image_ids = HexIds(rng, "ami-", 8, 6);
  for (int i = 0; i < 6; ++i) {
    std::string key;
    AppendUuid(rng, &key);
    account.kms_key_ids.push_back(std::move(key));
  }
  for (std::string_view f : kFunctions) account.functions.emplace_back(f);
  for (std::string_view d : kDatabases) account.db_instances.emplace_back(d);
  for (std::string_view t : kTables) account.tables.emplace_back(t);
  for (std::string_view g : kLogGroups) account.log_groups.emplace_back(g);
  return account;
}

}  // namespace

AccountPool::AccountPool(uint64_t seed, int account_count)
    : user_choice_(ZipfChoice(kUserNameCount)) {
  const std::vector<std::string> names = BuildUserNames();
  for (int i = 0; i < account_count; ++i) {
    Rng rng = Rng::For(seed, RngStream::kAccounts, static_cast<uint64_t>(i));
    accounts_.push_back(BuildAccount(rng, static_cast<size_t>(i), names));
  }
}

size_t AccountPool::UserIndex(std::string_view name) const {
  const std::vector<IamUser>& users = accounts_.front().users;
  for (size_t i = 0; i < users.size(); ++i) {
    if (users[i].name == name) return i;
  }
  return 0;
}

}  // namespace ctq::gen
