// The ctq program as a function of its arguments and environment, so that
// tests can run it with their own streams and database.
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/database.h"

namespace ctq {

// Exit codes, as `ctq --help` documents them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // a statement failed, or input could not be read
inline constexpr int kExitUsage = 2;    // bad command line

// What the program talks to. The streams must outlive RunCli.
struct CliEnvironment {
  std::istream* in = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  bool stdin_is_terminal = false;   // show prompts
  bool stdout_is_terminal = false;  // default to --format table
  bool stderr_is_terminal = false;  // print the load summary
  // Database::Open in the real program.
  std::function<absl::StatusOr<std::unique_ptr<Database>>(const Options&)> open_database;
  // Database::OpenCache when empty.
  std::function<absl::StatusOr<std::unique_ptr<Database>>(const std::string&, const Options&)>
      open_cache;
  // The cache directory when --cache is not given; DefaultCacheDir() when empty.
  std::string default_cache_dir;
};

// Runs ctq with `args` (without the program name) and returns its exit code.
int RunCli(const std::vector<std::string>& args, const CliEnvironment& env);

}  // namespace ctq
