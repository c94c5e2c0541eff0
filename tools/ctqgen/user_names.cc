#include "tools/ctqgen/user_names.h"

#include <set>

namespace ctq::gen {
namespace {

// Hand-picked head of the distribution: these users do most of the work.
constexpr std::string_view kHead[] = {
    "deploy-bot",    "alice",           "jenkins",
    "mchen",         "bobodell",        "terraform",
    "José",          "priya.k",         "svc-backup",
    "zoë.müller",    "dwright",         "datadog-integration",
    "李雷",          "kwame.a",         "ops-admin",
    "sarah.oconnor", "lambda-deployer", "o\"brien",
    "tkowalski",     "grafana-ro",      "nadia",
    "ci-runner",     "fmartin",         "audit-readonly",
};

constexpr std::string_view kFirstNames[] = {
    "aaron",   "beatriz", "carlos", "diana",  "emeka", "fatima", "george", "hana",
    "ivan",    "julia",   "kenji",  "laura",  "mateo", "nina",   "oscar",  "paula",
    "quentin", "rosa",    "samir",  "tina",   "umar",  "vera",   "wei",    "ximena",
    "yusuf",   "zara",    "amir",   "bianca", "chloe", "dmitri", "elena",  "felix",
    "greta",   "hugo",    "ines",   "jonas",  "katya", "liam",   "maya",   "noah",
};

constexpr std::string_view kLastNames[] = {
    "smith", "garcia", "nguyen",  "mueller", "rossi",  "silva",  "kim",
    "patel", "okafor", "dubois",  "novak",   "larsen", "tanaka", "haddad",
    "costa", "walsh",  "ivanova", "berg",    "moreau", "reyes",
};

}  // namespace

std::vector<std::string> BuildUserNames() {
  std::vector<std::string> names;
  std::set<std::string> seen;
  auto add = [&](std::string name) {
    if (names.size() < kUserNameCount && seen.insert(name).second) {
      names.push_back(std::move(name));
    }
  };
  for (std::string_view name : kHead) add(std::string(name));
  // The tail alternates styles seen in real accounts: "first.last", "flast" and "first".
  for (size_t i = 0; names.size() < kUserNameCount; ++i) {
    const std::string first(kFirstNames[i % std::size(kFirstNames)]);
    const std::string last(kLastNames[(i * 7 + i / 40) % std::size(kLastNames)]);
    switch (i % 3) {
      case 0:
        add(first + "." + last);
        break;
      case 1:
        add(first.substr(0, 1) + last);
        break;
      default:
        add(first + std::to_string(i % 97));
        break;
    }
  }
  return names;
}

}  // namespace ctq::gen
