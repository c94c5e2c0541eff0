// The ctq command line: its flags, parsed into CliOptions, and its --help.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/ctq/result_printer.h"

namespace ctq {

// The version `ctq --version` prints.
inline constexpr char kCtqVersion[] = "0.1.0";

// The subcommand: the first argument when it is one of these words.
enum class CliCommand {
  kQuery,   // (none): run SQL over the cache, or over --logs
  kIngest,  // ingest [PATH...]: add logs to the cache
  kInfo,    // info: describe the cache
  kCheck,   // check: verify the cache's checksums
};

// One -c or -f, in the order given: they run one after another.
struct ScriptSource {
  enum class Kind { kCommand, kFile };
  Kind kind = Kind::kCommand;
  std::string value;  // -c: the SQL; -f: the path ("-" is stdin)

  bool operator==(const ScriptSource&) const = default;
};

struct CliOptions {
  CliCommand command_kind = CliCommand::kQuery;
  std::vector<std::string> paths;      // ingest's PATH arguments
  std::optional<std::string> cache;    // --cache DIR
  bool timer = false;                  // --timer: print each statement's run time
  bool quiet = false;                  // --quiet: ingest prints no progress or summary
  bool dedup = false;                  // --dedup: ingest keeps one event per eventID
  std::vector<std::string> logs;       // --logs: files and directories to load
  std::optional<OutputFormat> format;  // --format; unset means "by terminal"
  int threads = 0;                     // --threads; 0 means all cores
  uint64_t memory_limit_bytes = 0;     // --memory-limit; 0 means the default (50% of RAM)
  std::optional<int64_t> now_utc_millis;  // --now: current_timestamp for every query
  std::vector<ScriptSource> scripts;   // -c and -f, each may be repeated
  bool echo = false;                   // --echo: print each statement first
  bool help = false;                   // -h, --help
  bool version = false;                // --version
};

// Parses the arguments after the program name. A first argument of
// "ingest", "info" or "check" picks that subcommand. --logs takes every
// following argument up to the next one that starts with '-' (and may be
// repeated); long options also accept "--name=value". When --help or
// --version appears anywhere, parsing succeeds with that flag set even if
// other arguments are wrong, so that help is always reachable.
// -c and -f may be given several times, and mixed, as psql allows; they are
// kept in order in `scripts`.
// Errors (InvalidArgument): an unknown flag, a missing or bad value, --logs
// together with --cache, a flag the subcommand does not take, or an argument
// outside --logs (ingest takes PATHs).
absl::StatusOr<CliOptions> ParseCliOptions(const std::vector<std::string>& args);

// The bytes a --memory-limit SIZE names: a number of bytes with an optional
// unit, B, KB, MB, GB or TB (binary: 1 KB = 1024 bytes; KiB, MiB, ... and K,
// M, G, T are the same), or a percentage of `available_bytes` ("50%").
// InvalidArgument for anything else, and for less than 1 MB.
absl::StatusOr<uint64_t> ParseMemoryLimit(std::string_view text, uint64_t available_bytes);

// The text of `ctq --help`.
std::string CliHelpText();

}  // namespace ctq
