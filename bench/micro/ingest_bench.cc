// Ingest speed (Database::AddLogs, i.e. storage's ReadLogs) over a ctqgen bucket: events/s ("items") and
// compressed input bytes/s, for 1 and 2 worker threads.
//
// The bucket is generated once into $CTQ_BENCH_INGEST_DIR (default
// /tmp/ctq-ingest-bench-100k) by running ctqgen, found as $CTQGEN or next to
// this binary's build tree (tools/ctqgen/ctqgen); an existing folder is reused.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "ctq/database.h"

namespace ctq {
namespace {

constexpr int kBenchEvents = 100000;

std::string BenchDir() {
  const char* dir = std::getenv("CTQ_BENCH_INGEST_DIR");
  return dir != nullptr ? dir : "/tmp/ctq-ingest-bench-100k";
}

// Returns an empty string when the logs are there, else what went wrong.
std::string EnsureLogs() {
  static const std::string problem = [] {
    std::string dir = BenchDir();
    std::error_code error;
    if (std::filesystem::exists(dir + "/AWSLogs", error)) return std::string();
    const char* env = std::getenv("CTQGEN");
    std::string ctqgen = env != nullptr ? env : CTQ_BENCH_CTQGEN;
    std::string command = ctqgen + " --quiet --seed 3 --events " + std::to_string(kBenchEvents) +
                          " --out '" + dir + "'";
    if (std::system(command.c_str()) != 0) return "cannot generate logs: " + command;
    return std::string();
  }();
  return problem;
}

void BM_ReadLogs(benchmark::State& state) {
  if (std::string problem = EnsureLogs(); !problem.empty()) {
    state.SkipWithError(problem.c_str());
    return;
  }
  Options options;
  options.threads = static_cast<int>(state.range(0));
  uint64_t events = 0;
  uint64_t bytes = 0;
  for (auto _ : state) {
    // A fresh database each time: the table of the last one is freed, so
    // every iteration writes its row groups into fresh memory, as a real
    // ingest does.
    absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(options);
    if (!db.ok()) {
      state.SkipWithError("Database::Open failed");
      return;
    }
    absl::StatusOr<IngestReport> report = (*db)->AddLogs({BenchDir()});
    if (!report.ok()) {
      state.SkipWithError("AddLogs failed");
      return;
    }
    events += report->events;
    bytes += report->input_bytes;
  }
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadLogs)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MeasureProcessCPUTime();

}  // namespace
}  // namespace ctq

BENCHMARK_MAIN();
