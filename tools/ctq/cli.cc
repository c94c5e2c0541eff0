#include "tools/ctq/cli.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ctq/cache.h"
#include "tools/ctq/cache_commands.h"
#include "tools/ctq/cli_options.h"
#include "tools/ctq/log_loading.h"
#include "tools/ctq/repl.h"
#include "tools/ctq/statement_runner.h"
#include "engine/terminal_text.h"

namespace ctq {
namespace {

// Reads a -f file ("-" is stdin) whole, before the logs load, so that a
// wrong file name fails at once rather than after a long load. Its errors
// name the path as a terminal may show it.
absl::StatusOr<std::string> ReadScript(const std::string& path, std::istream& in) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(in), {});
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::InvalidArgumentError("cannot read " + EscapeForTerminal(path) +
                                      ": it is a directory");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError("cannot open " + EscapeForTerminal(path) + ": " +
                               std::strerror(errno));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) {
    return absl::DataLossError("cannot read " + EscapeForTerminal(path) + ": " +
                               std::strerror(errno));
  }
  return text.str();
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const CliEnvironment& env) {
  std::ostream& out = *env.out;
  std::ostream& err = *env.err;
  auto usage_error = [&err](const std::string& message) {
    // The message may quote an argument, which a shell glob may have taken
    // from a hostile file name.
    err << "ctq: " << EscapeForTerminal(message) << "\nTry 'ctq --help' for more information.\n";
    return kExitUsage;
  };

  absl::StatusOr<CliOptions> parsed = ParseCliOptions(args);
  if (!parsed.ok()) return usage_error(std::string(parsed.status().message()));
  const CliOptions& options = *parsed;
  if (options.help) {
    out << CliHelpText();
    return kExitOk;
  }
  if (options.version) {
    out << "ctq " << kCtqVersion << '\n';
    return kExitOk;
  }
  const std::string cache_dir = options.cache.value_or(
      env.default_cache_dir.empty() ? DefaultCacheDir() : env.default_cache_dir);
  switch (options.command_kind) {
    case CliCommand::kIngest:
      return RunIngestCommand({.cache_dir = cache_dir,
                               .paths = options.paths,
                               .threads = options.threads,
                               .memory_limit_bytes = options.memory_limit_bytes,
                               .dedup = options.dedup,
                               .quiet = options.quiet,
                               .progress = env.stderr_is_terminal},
                              out, err);
    case CliCommand::kInfo:
      return RunInfoCommand(cache_dir, out, err);
    case CliCommand::kCheck:
      return RunCheckCommand(cache_dir, out, err);
    case CliCommand::kQuery:
      break;
  }

  // The SQL of every -c and -f, in the order given.
  std::vector<std::string> scripts;
  for (const ScriptSource& source : options.scripts) {
    if (source.kind == ScriptSource::Kind::kCommand) {
      scripts.push_back(source.value);
      continue;
    }
    absl::StatusOr<std::string> text = ReadScript(source.value, *env.in);
    if (!text.ok()) {
      err << "Error: " << text.status().message() << '\n';
      return kExitFailure;
    }
    scripts.push_back(std::move(*text));
  }

  const Options database_options{.threads = options.threads,
                                 .memory_limit_bytes = options.memory_limit_bytes,
                                 .now_utc_millis = options.now_utc_millis};
  absl::StatusOr<std::unique_ptr<Database>> database;
  if (!options.logs.empty()) {
    database = env.open_database(database_options);
  } else if (env.open_cache) {
    database = env.open_cache(cache_dir, database_options);
  } else {
    database = Database::OpenCache(cache_dir, database_options);
  }
  if (!database.ok()) {
    err << "Error: " << EscapedMessage(database.status()) << '\n';
    if (absl::IsNotFound(database.status())) {
      err << "Run 'ctq ingest PATH...' to build it, or query log files directly with "
             "'ctq --logs PATH...'.\n";
    }
    return kExitFailure;
  }
  if (!options.logs.empty()) {
    absl::Status loaded = LoadLogs(**database, options.logs, env.stderr_is_terminal, err);
    if (!loaded.ok()) {
      err << "Error: " << EscapedMessage(loaded) << '\n';
      return kExitFailure;
    }
  }

  StatementRunner::Settings settings;
  settings.format =
      options.format.value_or(env.stdout_is_terminal ? OutputFormat::kTable : OutputFormat::kCsv);
  settings.echo = options.echo;
  settings.timer = options.timer;
  StatementRunner runner(**database, settings, out, err);
  if (!scripts.empty()) {
    // As psql runs its -c and -f options: in order; here the first failure
    // ends the run, as it does within one script.
    for (const std::string& script : scripts) {
      if (!runner.RunScript(script)) return kExitFailure;
    }
    return kExitOk;
  }

  if (env.stdin_is_terminal) {
    out << "ctq " << kCtqVersion << ": " << GroupThousands((*database)->event_count())
        << " events in cloudtrail_logs. Type help for help, quit to leave.\n";
  }
  bool all_ok = RunRepl(runner, *env.in, out, env.stdin_is_terminal);
  // At a terminal a mistake is just part of the session; from a pipe the
  // input is a script, and its caller wants to know.
  return all_ok || env.stdin_is_terminal ? kExitOk : kExitFailure;
}

}  // namespace ctq
