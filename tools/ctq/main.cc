// ctq: the command line for querying CloudTrail logs (see `ctq --help`).
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "ctq/database.h"
#include "tools/ctq/cli.h"

int main(int argc, char** argv) {
  // Results can be large; C stdio sync would make every write slower.
  std::ios::sync_with_stdio(false);
  // Ingest and scans allocate and free buffers of tens of MB per row group.
  // glibc would hand each one back to the kernel (mmap above the threshold,
  // trimming the heap top), so the next group page-faults and zeroes fresh
  // pages again. Keep them: memory stays bounded by the live row groups.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  // A query keeps every segment of the cache open, and each ingest adds
  // segments (there is no compaction yet): allow as many files as the
  // system lets this process have.
  struct rlimit files;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  ctq::CliEnvironment env;
  env.in = &std::cin;
  env.out = &std::cout;
  env.err = &std::cerr;
  env.stdin_is_terminal = isatty(STDIN_FILENO) == 1;
  env.stdout_is_terminal = isatty(STDOUT_FILENO) == 1;
  env.stderr_is_terminal = isatty(STDERR_FILENO) == 1;
  env.open_database = ctq::Database::Open;
  int exit_code = ctq::RunCli(std::vector<std::string>(argv + 1, argv + argc), env);
  std::cout.flush();
  return exit_code;
}
