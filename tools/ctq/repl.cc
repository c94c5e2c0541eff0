#include "tools/ctq/repl.h"

#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "parser/statement_splitter.h"

namespace ctq {
namespace {

enum class ReplCommand { kNone, kQuit, kHelp };

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n\f");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n\f");
  return text.substr(begin, end + 1 - begin);
}

// A command is a whole line, in any case, with an optional ';'.
ReplCommand ParseReplCommand(std::string_view line) {
  std::string_view word = Trim(line);
  if (!word.empty() && word.back() == ';') word.remove_suffix(1);
  std::string command(Trim(word));
  absl::AsciiStrToLower(&command);
  if (command == "quit" || command == "exit" || command == "\\q") return ReplCommand::kQuit;
  if (command == "help" || command == "\\h" || command == "\\?") return ReplCommand::kHelp;
  return ReplCommand::kNone;
}

}  // namespace

std::string ReplHelpText() {
  return R"(Type a SQL statement ended by ';' (it may span several lines), e.g.
  select eventname, count(*) as n from cloudtrail_logs
  group by eventname order by n desc limit 10;
The table is cloudtrail_logs (also default.cloudtrail_logs).
Commands (alone on a line): help, quit or exit or \q (or end of input).
)";
}

bool RunRepl(StatementRunner& runner, std::istream& in, std::ostream& out, bool interactive) {
  bool all_ok = true;
  std::string buffer;  // the statement read so far
  std::string line;
  while (true) {
    if (interactive) out << (buffer.empty() ? kReplPrompt : kReplContinuationPrompt) << std::flush;
    if (!std::getline(in, line)) break;
    if (buffer.empty()) {
      ReplCommand command = ParseReplCommand(line);
      if (command == ReplCommand::kQuit) return all_ok;
      if (command == ReplCommand::kHelp) {
        out << ReplHelpText() << std::flush;
        continue;
      }
    }
    buffer += line;
    buffer += '\n';
    ScriptSplit split = SplitStatements(buffer);
    // Until a statement is complete the buffer stays as typed: the split's
    // remainder is trimmed, which would eat spaces at the end of a line
    // inside a multi-line string literal.
    if (split.statements.empty()) {
      if (IsBlankSql(buffer)) buffer.clear();
      continue;
    }
    for (const std::string& statement : split.statements) {
      if (!runner.Run(statement)) all_ok = false;
    }
    // The remainder ran to the end of this line; keep its line break.
    buffer = IsBlankSql(split.remainder) ? std::string() : split.remainder + '\n';
  }
  // Leave the user's shell prompt on a line of its own after Ctrl-D.
  if (interactive) out << '\n' << std::flush;
  if (!IsBlankSql(buffer)) {
    ScriptSplit split = SplitStatements(buffer);
    if (!runner.Run(split.remainder)) all_ok = false;
  }
  return all_ok;
}

}  // namespace ctq
