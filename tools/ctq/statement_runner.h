// StatementRunner: runs SQL text against a Database and prints each result,
// or its error, the way every ctq mode (-c, -f, the prompt) does.
#pragma once

#include <ostream>
#include <string_view>

#include "ctq/database.h"
#include "tools/ctq/result_printer.h"

namespace ctq {

// True when `sql` holds nothing but whitespace and comments ("-- ..." to the
// end of the line, or a closed "/* ... */"), so there is nothing to run.
bool IsBlankSql(std::string_view sql);

// Not thread-safe; holds references to `database` and the two streams, which
// must outlive it.
class StatementRunner {
 public:
  struct Settings {
    OutputFormat format = OutputFormat::kTable;
    bool echo = false;  // print each statement, ended by ';', before its result
    bool timer = false;  // print "Run Time: SECONDS s" to err after each statement
  };

  StatementRunner(Database& database, Settings settings, std::ostream& out, std::ostream& err)
      : database_(database), settings_(settings), out_(out), err_(err) {}

  // Runs one statement: writes its result to `out`, or "Error: " and
  // FormatError's text to `err`. Blank statements (see IsBlankSql) are
  // skipped. Returns whether the statement succeeded.
  bool Run(std::string_view statement);

  // Runs the ';'-separated statements of `script` in order, a final one
  // without ';' included, and stops at the first failure. Returns whether
  // all succeeded.
  bool RunScript(std::string_view script);

 private:
  Database& database_;
  const Settings settings_;
  std::ostream& out_;
  std::ostream& err_;
  int statements_run_ = 0;
};

}  // namespace ctq
