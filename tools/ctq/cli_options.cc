#include "tools/ctq/cli_options.h"

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace ctq {
namespace {

// More threads than this is a typo, not a machine.
constexpr int kMaxThreads = 4096;

bool IsFlag(std::string_view arg) { return arg.size() > 1 && arg[0] == '-'; }

}  // namespace

absl::StatusOr<CliOptions> ParseCliOptions(const std::vector<std::string>& args) {
  CliOptions options;
  // The first error is kept and parsing goes on, so that a --help later on
  // the line still wins.
  absl::Status error;
  auto fail = [&error](std::string message) {
    if (error.ok()) error = absl::InvalidArgumentError(std::move(message));
  };

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      size_t equals = arg.find('=');
      if (equals != std::string::npos) {
        name = arg.substr(0, equals);
        inline_value = arg.substr(equals + 1);
      }
    }
    // The value of a flag that takes one: after '=', or the next argument
    // (whatever it starts with, so that -c "-- comment ..." works).
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value.has_value()) return inline_value;
      if (i + 1 < args.size()) return args[++i];
      fail(absl::StrCat("missing value for ", name));
      return std::nullopt;
    };
    auto no_value = [&]() {
      if (inline_value.has_value()) fail(absl::StrCat(name, " takes no value"));
    };

    if (name == "--logs") {
      size_t before = options.logs.size();
      if (inline_value.has_value()) options.logs.push_back(*inline_value);
      while (i + 1 < args.size() && !IsFlag(args[i + 1])) options.logs.push_back(args[++i]);
      if (options.logs.size() == before) fail("missing value for --logs: give one or more paths");
    } else if (name == "-c" || name == "--command") {
      if (std::optional<std::string> sql = value()) options.command = std::move(sql);
    } else if (name == "-f" || name == "--file") {
      if (std::optional<std::string> path = value()) options.file = std::move(path);
    } else if (name == "--format") {
      if (std::optional<std::string> format = value()) {
        options.format = ParseOutputFormat(*format);
        if (!options.format.has_value()) {
          fail(absl::StrCat("bad value for --format: '", *format, "' (use table, csv or json)"));
        }
      }
    } else if (name == "--threads") {
      if (std::optional<std::string> threads = value()) {
        if (!absl::SimpleAtoi(*threads, &options.threads) || options.threads < 0 ||
            options.threads > kMaxThreads) {
          fail(absl::StrCat("bad value for --threads: '", *threads,
                            "' (use a whole number; 0 means all cores)"));
        }
      }
    } else if (name == "--echo") {
      no_value();
      options.echo = true;
    } else if (name == "-h" || name == "--help") {
      no_value();
      options.help = true;
    } else if (name == "--version") {
      no_value();
      options.version = true;
    } else if (IsFlag(arg)) {
      fail(absl::StrCat("unknown option: ", name));
    } else {
      fail(absl::StrCat("unexpected argument: '", arg, "' (log paths go after --logs)"));
    }
  }

  if (options.command.has_value() && options.file.has_value()) {
    fail("give either -c or -f, not both");
  }
  if (options.help || options.version) return options;
  if (!error.ok()) return error;
  return options;
}

std::string CliHelpText() {
  return absl::StrCat(R"(ctq )", kCtqVersion,
                      R"help( - SQL over AWS CloudTrail logs, in Athena's dialect

Usage:
  ctq --logs PATH... [OPTIONS] -c SQL    run the statement(s) in SQL
  ctq --logs PATH... [OPTIONS] -f FILE   run the ';'-separated statements in FILE
  ctq --logs PATH... [OPTIONS]           interactive prompt
  ctq --help | --version

ctq reads the logs into memory, then answers SQL over one table,
cloudtrail_logs (also default.cloudtrail_logs), with the columns of the
Athena CloudTrail table (eventtime, eventname, eventsource, awsregion,
useridentity.username, requestparameters, ...). EXPLAIN before a
statement shows its plan instead of running it.

Options:
  --logs PATH...     CloudTrail log files ({"Records":[...]}, .json or .json.gz)
                     or directories, searched recursively. Takes every argument
                     up to the next flag and may be repeated. Required.
                     CloudTrail-Digest files are skipped; a file that cannot
                     be read is skipped with "warning: skipped PATH: REASON"
                     on stderr.
  -c, --command SQL  run SQL (one statement, or several separated by ';')
  -f, --file FILE    run the statements in FILE ('-' reads stdin), in order;
                     stops at the first statement that fails. The last
                     statement needs no ';'.
  --format FORMAT    how results are printed:
                       table  aligned columns and a "(N rows)" footer
                       csv    RFC 4180 with a header row; a NULL is an empty
                              field and an empty string is ""; lines end in LF
                       json   one object per row and line, {"column":value},
                              NULL as null, numbers as JSON numbers
                     Default: table when stdout is a terminal, csv otherwise.
  --threads N        threads for loading and queries (default 0: all cores)
  --echo             print each statement (and the comments before it) ahead
                     of its result
  -h, --help         print this help
  --version          print the version

Interactive prompt (no -c or -f): statements end with ';' and may span lines
("ctq> " then "   -> "); "help" lists the commands; "quit", "exit", "\q" or
end of input leaves. The prompt is shown only when stdin is a terminal, so
statements can also be piped in. An error is printed and the prompt goes on.

Errors go to stderr as "Error: MESSAGE", with "LINE n:c:" and a caret under
the offending text when the error has a position in the SQL. When stderr is
a terminal, a summary of the loaded logs is printed there too.

Examples:
  ctq --logs AWSLogs/ -c "select eventname, count(*) as n from cloudtrail_logs
      group by eventname order by n desc limit 10"

  # console logins over 24 hours
  ctq --logs AWSLogs/ -c "select useridentity.username, sourceipaddress, eventtime,
      additionaleventdata from default.cloudtrail_logs
      where eventname = 'ConsoleLogin' and eventtime >= '2017-02-17T00:00:00Z'
      and eventtime < '2017-02-18T00:00:00Z'"

  # top 10 errors, as CSV
  ctq --logs AWSLogs/ --format csv -c "select count(*) as TotalEvents, eventname,
      errorcode, errormessage from cloudtrail_logs where errorcode is not null
      and eventtime >= '2017-01-01T00:00:00Z'
      group by eventname, errorcode, errormessage order by TotalEvents desc limit 10"

  # security group changes, as JSON lines
  ctq --logs 2017/02/ --format json -c "select eventname, useridentity.username,
      eventtime, requestparameters from cloudtrail_logs
      where requestparameters like '%sg-5887f224%' order by eventtime"

  ctq --logs AWSLogs/ --echo -f queries.sql

Exit status:
  0  every statement succeeded
  1  a statement failed (with -c or -f the first failure ends the run; at a
     prompt fed from a pipe, any failure), a --logs path does not exist, or
     FILE cannot be read
  2  usage error: unknown option, missing or bad value, or no --logs
)help");
}

}  // namespace ctq
