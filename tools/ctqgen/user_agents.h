#pragma once

// userAgent strings for events made by people and their tools.

#include <string_view>

#include "tools/ctqgen/prng.h"

namespace ctq::gen {

// How an agent reaches AWS, which decides the shape of the rest of the event (console calls
// carry sessionCredentialFromConsole, browsers only appear on ConsoleLogin).
enum class AgentKind { kCli, kSdk, kConsole };

struct UserAgent {
  std::string_view text;
  AgentKind kind;
};

// Number of entries PickHumanAgent can return; an IAM user's preferred agent is an index below.
size_t HumanAgentCount();
const UserAgent& HumanAgent(size_t index);

// Draws from the whole skewed mix of CLI, SDK, console and tool agents, including bracketed
// "[aws-cli/2.2.16 ...]" forms and a few agents longer than 200 characters.
const UserAgent& PickHumanAgent(Rng& rng);

// A desktop or mobile browser, for ConsoleLogin events.
std::string_view PickBrowserAgent(Rng& rng, bool mobile);

}  // namespace ctq::gen
