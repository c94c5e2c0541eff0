// The interactive prompt: reads statements ended by ';' over one or more
// lines and runs each as soon as it is complete.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "tools/ctq/statement_runner.h"

namespace ctq {

inline constexpr char kReplPrompt[] = "ctq> ";
inline constexpr char kReplContinuationPrompt[] = "   -> ";

// Reads lines from `in` with std::getline until EOF or a quit command
// ("quit", "exit" or "\q", alone on a line at the start of a statement) and
// runs each complete statement through `runner`; a failed statement is
// reported by the runner and the loop goes on. "help" prints ReplHelpText().
// Prompts go to `out`, and only when `interactive` (stdin is a terminal).
// At EOF an unfinished statement (no ';') still runs. Returns whether every
// statement succeeded.
bool RunRepl(StatementRunner& runner, std::istream& in, std::ostream& out, bool interactive);

// What "help" at the prompt prints.
std::string ReplHelpText();

}  // namespace ctq
