// Splits a script (a -f file, or what the REPL has read so far) into
// statements at top-level ';', ignoring ';' inside quotes and comments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ctq {

struct ScriptSplit {
  // Complete statements, each without its ';' and trimmed; empty ones dropped.
  std::vector<std::string> statements;
  // Text after the last ';' (an unfinished statement), trimmed. The REPL keeps
  // reading lines while this is non-empty.
  std::string remainder;
};

ScriptSplit SplitStatements(std::string_view script);

}  // namespace ctq
