#include "tools/ctq/cli_options.h"

#include "ctq/internal/civil_time.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ctq/database.h"

namespace ctq {
namespace {

// More threads than this is a typo, not a machine.
constexpr int kMaxThreads = 4096;

bool IsFlag(std::string_view arg) { return arg.size() > 1 && arg[0] == '-'; }

// Less than this is a typo ("4" for 4GB), not a limit any query could meet.
constexpr uint64_t kMinMemoryLimit = uint64_t{1} << 20;

}  // namespace

absl::StatusOr<uint64_t> ParseMemoryLimit(std::string_view text, uint64_t available_bytes) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad value for --memory-limit: '", absl::string_view(text.data(), text.size()), "' (",
        absl::string_view(why.data(), why.size()), ")"));
  };
  constexpr std::string_view kUsage = "use a size such as 512MB, 4GB or 50%";
  size_t end = 0;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
    end++;
  }
  double number = 0;
  if (end == 0 || !absl::SimpleAtod(absl::string_view(text.data(), end), &number)) {
    return bad(kUsage);
  }
  std::string unit(text.substr(end));
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  double bytes = 0;
  if (unit == "%") {
    if (number <= 0 || number > 100) return bad("a percentage of memory is from 0 to 100");
    if (available_bytes == 0) return bad("this machine's memory size is unknown; give a size");
    bytes = number / 100 * static_cast<double>(available_bytes);
  } else {
    static constexpr struct {
      const char* names[3];
      int shift;
    } kUnits[] = {{{"", "B", "B"}, 0},
                  {{"K", "KB", "KIB"}, 10},
                  {{"M", "MB", "MIB"}, 20},
                  {{"G", "GB", "GIB"}, 30},
                  {{"T", "TB", "TIB"}, 40}};
    int shift = -1;
    for (const auto& candidate : kUnits) {
      for (const char* name : candidate.names) {
        if (unit == name) shift = candidate.shift;
      }
    }
    if (shift < 0) return bad(kUsage);
    bytes = number * static_cast<double>(uint64_t{1} << shift);
  }
  // 2^62 bytes is beyond any machine, and keeps the conversion exact.
  if (bytes > static_cast<double>(uint64_t{1} << 62)) return bad("too large");
  if (bytes < static_cast<double>(kMinMemoryLimit)) return bad("the least is 1MB");
  return static_cast<uint64_t>(bytes);
}

absl::StatusOr<CliOptions> ParseCliOptions(const std::vector<std::string>& args) {
  CliOptions options;
  // The first error is kept and parsing goes on, so that a --help later on
  // the line still wins.
  absl::Status error;
  auto fail = [&error](std::string message) {
    if (error.ok()) error = absl::InvalidArgumentError(std::move(message));
  };

  size_t first = 0;
  if (!args.empty()) {
    if (args[0] == "ingest") options.command_kind = CliCommand::kIngest;
    if (args[0] == "info") options.command_kind = CliCommand::kInfo;
    if (args[0] == "check") options.command_kind = CliCommand::kCheck;
    if (options.command_kind != CliCommand::kQuery) first = 1;
  }
  const bool query = options.command_kind == CliCommand::kQuery;
  const std::string subcommand = first == 1 ? args[0] : "";
  // Flags that only make sense when running SQL.
  auto query_only = [&](const std::string& name) {
    if (!query) fail(absl::StrCat(name, " is not an option of 'ctq ", subcommand, "'"));
  };

  for (size_t i = first; i < args.size(); ++i) {
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
      query_only(name);
      size_t before = options.logs.size();
      if (inline_value.has_value()) options.logs.push_back(*inline_value);
      while (i + 1 < args.size() && !IsFlag(args[i + 1])) options.logs.push_back(args[++i]);
      if (options.logs.size() == before) fail("missing value for --logs: give one or more paths");
    } else if (name == "--cache") {
      if (std::optional<std::string> dir = value()) {
        if (dir->empty()) fail("bad value for --cache: an empty path");
        options.cache = std::move(dir);
      }
    } else if (name == "--timer") {
      no_value();
      query_only(name);
      options.timer = true;
    } else if (name == "--dedup") {
      no_value();
      if (options.command_kind != CliCommand::kIngest) {
        fail("--dedup is an option of 'ctq ingest'");
      }
      options.dedup = true;
    } else if (name == "--quiet" || name == "-q") {
      no_value();
      options.quiet = true;
    } else if (name == "-c" || name == "--command") {
      query_only(name);
      if (std::optional<std::string> sql = value()) {
        options.scripts.push_back({ScriptSource::Kind::kCommand, std::move(*sql)});
      }
    } else if (name == "-f" || name == "--file") {
      query_only(name);
      if (std::optional<std::string> path = value()) {
        options.scripts.push_back({ScriptSource::Kind::kFile, std::move(*path)});
      }
    } else if (name == "--format") {
      query_only(name);
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
    } else if (name == "--memory-limit") {
      // Queries and ingest both hold memory; info and check need little.
      if (options.command_kind != CliCommand::kIngest) query_only(name);
      if (std::optional<std::string> size = value()) {
        absl::StatusOr<uint64_t> bytes = ParseMemoryLimit(*size, AvailableMemoryBytes());
        if (bytes.ok()) {
          options.memory_limit_bytes = *bytes;
        } else {
          fail(std::string(bytes.status().message()));
        }
      }
    } else if (name == "--now") {
      query_only(name);
      if (std::optional<std::string> now = value()) {
        std::optional<IsoInstant> instant = ParseIso8601(*now, /*date_only=*/false);
        if (instant.has_value()) {
          options.now_utc_millis = instant->utc_millis;
        } else {
          fail(absl::StrCat("bad value for --now: '", *now,
                            "' (use ISO 8601, e.g. 2017-02-17T00:00:00Z)"));
        }
      }
    } else if (name == "--echo") {
      no_value();
      query_only(name);
      options.echo = true;
    } else if (name == "-h" || name == "--help") {
      no_value();
      options.help = true;
    } else if (name == "--version") {
      no_value();
      options.version = true;
    } else if (IsFlag(arg)) {
      fail(absl::StrCat("unknown option: ", name));
    } else if (options.command_kind == CliCommand::kIngest) {
      options.paths.push_back(arg);
    } else if (query) {
      fail(absl::StrCat("unexpected argument: '", arg,
                        "' (log paths go after --logs, or to 'ctq ingest')"));
    } else {
      fail(absl::StrCat("unexpected argument: '", arg, "' ('ctq ", subcommand,
                        "' takes no paths)"));
    }
  }

  if (!options.logs.empty() && options.cache.has_value()) {
    fail("give either --logs (query log files directly) or --cache (query the cache), not both");
  }
  if (options.quiet && query) fail("--quiet is an option of 'ctq ingest'");

  if (options.help || options.version) return options;
  if (!error.ok()) return error;
  return options;
}

std::string CliHelpText() {
  return absl::StrCat(R"(ctq )", kCtqVersion,
                      R"help( - SQL over AWS CloudTrail logs, in Athena's dialect

Usage:
  ctq ingest [--cache DIR] [--dedup] [PATH...]
                                          add CloudTrail logs to the cache
  ctq [--cache DIR] [OPTIONS] -c SQL      run the statement(s) in SQL on the cache
  ctq [--cache DIR] [OPTIONS] -f FILE     run the ';'-separated statements in FILE
  ctq [--cache DIR] [OPTIONS]             interactive prompt
  ctq --logs PATH... [OPTIONS] -c SQL     the same over log files, without a cache
  ctq info [--cache DIR]                  what the cache holds
  ctq check [--cache DIR]                 verify every checksum of the cache
  ctq --help | --version

ctq answers SQL over one table, cloudtrail_logs (also
default.cloudtrail_logs), with the columns of the Athena CloudTrail table
(eventtime, eventname, eventsource, awsregion, useridentity.username,
requestparameters, ...), and the partition columns of the files' S3 paths
under the Athena DDLs' names (account_partition, region_partition,
date_partition, region, year, month, day, timestamp; not in SELECT *).
EXPLAIN before a statement shows its plan instead of running it; EXPLAIN
ANALYZE runs it and shows what each step did.

The cache: 'ctq ingest PATH...' reads the log files once into a compressed
columnar cache; queries then read only the columns and row groups they need.
Running 'ctq ingest' again adds only files it has not seen (same path, size
and mtime); with no PATH it re-scans the paths given before. The cache is
DIR from --cache, else $CTQ_CACHE, else ~/.cache/ctq. An ingest that is
interrupted (even by kill -9) leaves the cache as it was; a second ingest
into the same cache while one runs is refused. Queries may run meanwhile.

Commands:
  ingest [PATH...]   read CloudTrail log files ({"Records":[...]}, .json or
                     .json.gz) or directories (searched recursively) into the
                     cache. Shows progress on a terminal and a summary at the
                     end; a file that cannot be read is skipped with
                     "warning: skipped PATH: REASON" and the rest goes in;
                     exit 1 if not one file of those found could be read.
                     Every delivered event is kept, as Athena counts them
                     (CloudTrail may deliver an event twice; 'ctq info'
                     counts such duplicates). With --dedup, an event whose
                     eventID is in the cache already, or earlier in this
                     ingest, is dropped instead.
  info               sources, files, events, time range, accounts, regions,
                     and bytes on disk per column
  check              read and verify every checksum of every cache file;
                     lists what is damaged (exit 1) or says OK (exit 0)

Options:
  --cache DIR        the cache directory (see above)
  --logs PATH...     query these log files or directories directly, in
                     memory, without the cache. Takes every argument up to the
                     next flag and may be repeated. CloudTrail-Digest files
                     are skipped; a file that cannot be read is skipped with a
                     warning on stderr.
  -c, --command SQL  run SQL (one statement, or several separated by ';')
  -f, --file FILE    run the statements in FILE ('-' reads stdin), in order;
                     stops at the first statement that fails. The last
                     statement needs no ';'.
                     -c and -f may be repeated and mixed, as in psql: they
                     run in the order given (every FILE is read first), and
                     the first statement that fails ends the run.
  --format FORMAT    how results are printed:
                       table  aligned columns and a "(N rows)" footer;
                              control characters and bad UTF-8 in values
                              are shown escaped (\x1b, \r, \t); rows are
                              padded a page of 10,000 at a time
                       csv    RFC 4180 with a header row; a NULL is an empty
                              field and an empty string is ""; lines end in LF
                       json   one object per row and line, {"column":value},
                              NULL as null, numbers as JSON numbers
                     Default: table when stdout is a terminal, csv otherwise.
  --timer            after each statement, print "Run Time: SECONDS s" to
                     stderr (parsing, planning and running; not printing)
  --threads N        threads for ingest, loading and queries (default 0: all
                     cores)
  --memory-limit SIZE
                     the memory queries may hold at once: their results,
                     GROUP BY tables, ORDER BY and DISTINCT buffers. SIZE is
                     bytes with a unit (512MB, 4GB, 1.5TB; binary units, 1GB
                     = 1024^3 bytes) or a share of this machine's memory (or
                     of its container's limit): 50%. A query that needs more
                     fails with an error that says what needed it, rather
                     than exhausting the machine. ingest gives one file
                     at most a quarter of each thread's share (and 1
                     GiB); a bigger one is skipped. Default: 50%.
  --now TIMESTAMP    the value of current_timestamp, now() and current_date
                     in every query (ISO 8601: 2017-02-17T00:00:00Z), so that
                     runs are reproducible. Default: the clock when each
                     query starts.
  --echo             print each statement (and the comments before it) ahead
                     of its result
  -q, --quiet        ingest: no progress line and no summary (warnings stay)
  -h, --help         print this help
  --version          print the version

Interactive prompt (no -c or -f): statements end with ';' and may span lines
("ctq> " then "   -> "); "help" lists the commands; "quit", "exit", "\q" or
end of input leaves. The prompt is shown only when stdin is a terminal, so
statements can also be piped in. An error is printed and the prompt goes on.

Errors go to stderr as "Error: MESSAGE", with "LINE n:c:" and a caret under
the offending text when the error has a position in the SQL. A damaged cache
file is an error naming the file. With --logs, when stderr is a terminal, a
summary of the loaded logs is printed there too.

Examples:
  aws s3 sync s3://my-trail-bucket/AWSLogs ./AWSLogs && ctq ingest ./AWSLogs
  ctq -c "select eventname, count(*) as n from cloudtrail_logs
      group by eventname order by n desc limit 10"

  # console logins over 24 hours
  ctq -c "select useridentity.username, sourceipaddress, eventtime,
      additionaleventdata from default.cloudtrail_logs
      where eventname = 'ConsoleLogin' and eventtime >= '2017-02-17T00:00:00Z'
      and eventtime < '2017-02-18T00:00:00Z'"

  # top 10 errors, as CSV
  ctq --format csv -c "select count(*) as TotalEvents, eventname,
      errorcode, errormessage from cloudtrail_logs where errorcode is not null
      and eventtime >= '2017-01-01T00:00:00Z'
      group by eventname, errorcode, errormessage order by TotalEvents desc limit 10"

  # security group changes, as JSON lines
  ctq --logs 2017/02/ --format json -c "select eventname, useridentity.username,
      eventtime, requestparameters from cloudtrail_logs
      where requestparameters like '%sg-5887f224%' order by eventtime"

  ctq --echo -f queries.sql
  ctq ingest          # tomorrow, after the next sync: adds only the new files

Exit status:
  0  every statement succeeded
  1  a statement failed (with -c or -f the first failure ends the run; at a
     prompt fed from a pipe, any failure), a --logs or ingest path does not
     exist, FILE cannot be read, there is no cache, the cache is damaged
     (check: damage found), or another ingest holds the cache
  2  usage error: unknown option, missing or bad value
)help");
}

}  // namespace ctq
