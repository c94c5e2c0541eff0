#include "tools/ctq/statement_runner.h"

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "ctq/query_result.h"
#include "parser/statement_splitter.h"
#include "engine/terminal_text.h"

namespace ctq {

bool IsBlankSql(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      size_t newline = sql.find('\n', i);
      if (newline == std::string_view::npos) return true;
      i = newline + 1;
    } else if (sql.substr(i, 2) == "/*") {
      size_t close = sql.find("*/", i + 2);
      // An unclosed comment may still be followed by a statement.
      if (close == std::string_view::npos) return false;
      i = close + 2;
    } else {
      return false;
    }
  }
  return true;
}

bool StatementRunner::Run(std::string_view statement) {
  if (IsBlankSql(statement)) return true;
  // Results of consecutive statements are easier to tell apart with a gap.
  if (statements_run_++ > 0 && (settings_.format == OutputFormat::kTable || settings_.echo)) {
    out_ << '\n';
  }
  if (settings_.echo) out_ << statement << ";\n";

  // The result is written as it comes (ResultWriter), so a result far
  // larger than memory still prints. --timer's figure is the statement's
  // time less the time spent writing: parse, plan and run, as before.
  const auto start = std::chrono::steady_clock::now();
  ResultWriter writer(settings_.format, out_);
  absl::Status status = database_.Query(statement, writer);
  if (status.ok()) writer.Finish();
  const std::chrono::duration<double> elapsed =
      std::chrono::steady_clock::now() - start - writer.writing_time();
  if (!status.ok()) {
    // Whatever came before the error should appear before it on a terminal.
    out_.flush();
    // A message may quote a value or a path from the logs. Its line breaks
    // and tabs stay: the caret line under the SQL is aligned with tabs.
    err_ << "Error: "
         << EscapeForTerminal(FormatError(statement, status), TerminalLayout::kLinesAndTabs)
         << std::endl;
    return false;
  }
  out_.flush();
  if (settings_.timer) err_ << absl::StrFormat("Run Time: %.6f s", elapsed.count()) << std::endl;
  return true;
}

bool StatementRunner::RunScript(std::string_view script) {
  ScriptSplit split = SplitStatements(script);
  for (const std::string& statement : split.statements) {
    if (!Run(statement)) return false;
  }
  return Run(split.remainder);
}

}  // namespace ctq
