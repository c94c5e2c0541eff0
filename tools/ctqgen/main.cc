// ctqgen: writes a deterministic CloudTrail log bucket for ctq's tests and benchmarks.
// This file only parses flags; the work happens in generator.cc.

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/strings/str_format.h"
#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/delivery_layout.h"
#include "tools/ctqgen/generator.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

constexpr int kUsageError = 2;

void PrintHelp() {
  std::printf(
      "Usage: ctqgen --out DIR --events N [flags]\n"
      "\n"
      "Writes a deterministic CloudTrail bucket under DIR:\n"
      "  DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz  (event log files)\n"
      "  DIR/AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/*.json.gz  (digests)\n"
      "The same flags and seed give byte-identical output for any --threads.\n"
      "\n"
      "Flags:\n"
      "  --out DIR              output folder (required; created if missing)\n"
      "  --events N             exact number of events to write, planted ones included "
      "(required)\n"
      "  --seed S               PRNG seed (default 1)\n"
      "  --start YYYY-MM-DD     first day of events, inclusive (default 2017-01-01)\n"
      "  --end YYYY-MM-DD       day after the last day of events, exclusive (default "
      "2017-04-01)\n"
      "  --accounts K           number of AWS accounts, 1..100 (default 3)\n"
      "  --regions R            number of regions, 1..%zu, us-east-1 first (default 4)\n"
      "  --events-per-file M    mean events per log file; sizes are skewed (default 200)\n"
      "  --no-gzip              write plain .json files instead of .json.gz\n"
      "  --no-incident          do not plant the blog's February 2017 incident events\n"
      "  --threads T            worker threads; 0 means one per core (default 0)\n"
      "  --quiet                do not print the summary line\n"
      "  --help                 show this help\n"
      "\n"
      "Unless --no-incident, events that the blog queries (shared/peers/blog-queries.sql)\n"
      "look for are planted in the first account, us-east-1, when the date range covers them:\n"
      "bobodell's security-group change on 2017-02-16, ConsoleLogins on 2017-02-17 and Root\n"
      "calls with and without invokedBy.\n",
      MaxRegions());
}

// Parses a whole decimal string; rejects signs, spaces and trailing characters.
template <typename Int>
bool ParseNumber(std::string_view text, Int* value) {
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

int UsageError(std::string_view message) {
  std::fprintf(stderr, "ctqgen: %.*s\nRun 'ctqgen --help' for usage.\n",
               static_cast<int>(message.size()), message.data());
  return kUsageError;
}

int Main(int argc, char** argv) {
  GeneratorOptions options;
  ParseIsoDate("2017-01-01", &options.start_day);
  ParseIsoDate("2017-04-01", &options.end_day);
  bool quiet = false;
  bool have_events = false;

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    bool has_inline_value = false;
    if (const size_t eq = arg.find('='); arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_inline_value = true;
    }
    auto is_switch = [&](std::string_view name) { return arg == name && !has_inline_value; };
    if (arg == "--help" || arg == "-h") {
      PrintHelp();
      return 0;
    }
    if (is_switch("--no-gzip")) {
      options.gzip = false;
      continue;
    }
    if (is_switch("--no-incident")) {
      options.incident = false;
      continue;
    }
    if (is_switch("--quiet")) {
      quiet = true;
      continue;
    }
    static constexpr std::string_view kValueFlags[] = {
        "--out",     "--events",          "--seed",   "--start", "--end", "--accounts",
        "--regions", "--events-per-file", "--threads"};
    bool known = false;
    for (std::string_view flag : kValueFlags) known = known || arg == flag;
    if (!known) return UsageError(StrCat("unknown flag '", argv[i], "'"));
    if (!has_inline_value) {
      if (i + 1 >= argc) return UsageError(StrCat(arg, " needs a value"));
      value = argv[++i];
    }
    auto bad_value = [&] { return UsageError(StrCat("invalid value '", value, "' for ", arg)); };
    int64_t number = 0;
    uint64_t seed = 0;
    if (arg == "--out") {
      if (value.empty()) return bad_value();
      options.out_dir = std::string(value);
    } else if (arg == "--seed") {
      if (!ParseNumber(value, &seed)) return bad_value();
      options.seed = seed;
    } else if (arg == "--start") {
      if (!ParseIsoDate(value, &options.start_day)) return bad_value();
    } else if (arg == "--end") {
      if (!ParseIsoDate(value, &options.end_day)) return bad_value();
    } else {
      if (!ParseNumber(value, &number)) return bad_value();
      if (arg == "--events") {
        options.events = number;
        have_events = true;
      } else if (arg == "--events-per-file") {
        options.events_per_file = number;
      } else if (number > 1000000) {
        return bad_value();
      } else if (arg == "--accounts") {
        options.accounts = static_cast<int>(number);
      } else if (arg == "--regions") {
        options.regions = static_cast<int>(number);
      } else {
        options.threads = static_cast<int>(number);
      }
    }
  }
  if (options.out_dir.empty()) return UsageError("--out DIR is required");
  if (!have_events) return UsageError("--events N is required");
  if (absl::Status status = ValidateOptions(options); !status.ok()) {
    return UsageError(std::string(status.message()));
  }

  absl::StatusOr<GeneratorSummary> summary = Generate(options);
  if (!summary.ok()) {
    std::fprintf(stderr, "ctqgen: %s\n", std::string(summary.status().message()).c_str());
    return 1;
  }
  if (!quiet) {
    const double seconds = summary->seconds > 0 ? summary->seconds : 1e-9;
    absl::PrintF(
        "ctqgen: %d events (%d planted) in %d log files + %d digest files, %d bytes, %.2f s "
        "(%.0f events/s)\n",
        summary->events, summary->planted_events, summary->log_files, summary->digest_files,
        summary->bytes, summary->seconds, static_cast<double>(summary->events) / seconds);
  }
  return 0;
}

}  // namespace
}  // namespace ctq::gen

int main(int argc, char** argv) { return ctq::gen::Main(argc, argv); }
