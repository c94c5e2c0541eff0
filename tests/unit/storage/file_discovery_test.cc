// Tests of finding log files under directories.
#include "storage/file_discovery.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

using ::testing::ElementsAre;

// The discovered files relative to `dir`.
std::vector<std::string> Relative(const DiscoveredFiles& found, const ScratchDir& dir) {
  std::vector<std::string> out;
  for (const std::string& file : found.files) out.push_back(file.substr(dir.path().size() + 1));
  return out;
}

TEST(FileDiscoveryTest, LogFileExtensions) {
  for (const char* name : {"a.json", "a.json.gz", "a.jsonl", "a.jsonl.gz", "a.ndjson",
                           "a.ndjson.gz", "A.JSON", "b.Json.GZ", ".json"}) {
    EXPECT_TRUE(HasLogFileExtension(name)) << name;
  }
  for (const char* name : {"a.gz", "a.txt", "a.json.bak", "a.json.gz.tmp", "json", "a.jsonx",
                           "a.json.cloudtrail", "a.zip", ""}) {
    EXPECT_FALSE(HasLogFileExtension(name)) << name;
  }
}

TEST(FileDiscoveryTest, DigestDirectories) {
  EXPECT_TRUE(IsInDigestDirectory("b/AWSLogs/1/CloudTrail-Digest/us-east-1/2024/01/01/x.json.gz"));
  EXPECT_TRUE(IsInDigestDirectory("CloudTrail-Digest/x.json"));
  EXPECT_FALSE(
      IsInDigestDirectory("b/AWSLogs/1/CloudTrail/us-east-1/x_CloudTrail-Digest_y.json.gz"));
  EXPECT_FALSE(IsInDigestDirectory("CloudTrail-Digest"));
  EXPECT_FALSE(IsInDigestDirectory("b/CloudTrail-Digests/x.json"));
}

TEST(FileDiscoveryTest, WalksSortedAndFilters) {
  ScratchDir dir;
  for (const char* name : {"b.json", "a.json.gz", "c.txt", "sub/z.jsonl", "sub/deeper/y.ndjson.gz",
                           "A.JSON", "notes.json.bak", "sub2/x.json", "a-b.json"}) {
    dir.Write(name, "{}");
  }
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({dir.path()}, &skipped);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_THAT(Relative(*found, dir),
              ElementsAre("A.JSON", "a-b.json", "a.json.gz", "b.json", "sub/deeper/y.ndjson.gz",
                          "sub/z.jsonl", "sub2/x.json"));
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(found->digest_files, 0u);
}

TEST(FileDiscoveryTest, NamedFilesAreTakenWhateverTheirName) {
  ScratchDir dir;
  std::string odd = dir.Write("events.json.cloudtrail", "{}");
  std::string plain = dir.Write("log", "{}");
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({plain, odd}, &skipped);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(found->files, ElementsAre(plain, odd));  // argument order
}

TEST(FileDiscoveryTest, CountsDigestFilesWithoutListingThem) {
  ScratchDir dir;
  dir.Write("AWSLogs/1/CloudTrail/r/2024/01/01/log.json.gz", "x");
  dir.Write("AWSLogs/1/CloudTrail-Digest/r/2024/01/01/digest.json.gz", "x");
  dir.Write("AWSLogs/1/CloudTrail-Digest/r/2024/01/02/digest.json.gz", "x");
  dir.Write("AWSLogs/1/CloudTrail-Digest/r/2024/01/02/readme.txt", "x");
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({dir.path()}, &skipped);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(Relative(*found, dir), ElementsAre("AWSLogs/1/CloudTrail/r/2024/01/01/log.json.gz"));
  EXPECT_EQ(found->digest_files, 2u);
  // Also when the digest directory itself is named.
  found = DiscoverLogFiles({dir.path() + "/AWSLogs/1/CloudTrail-Digest"}, &skipped);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->digest_files, 2u);
  EXPECT_TRUE(found->files.empty());
}

TEST(FileDiscoveryTest, SymlinkLoopsEndAndFilesAreListedOnce) {
  ScratchDir dir;
  std::string file = dir.Write("logs/a.json", "{}");
  std::filesystem::create_directory_symlink(dir.path() + "/logs", dir.path() + "/logs/loop");
  std::filesystem::create_directory_symlink(dir.path(), dir.path() + "/logs/up");
  std::filesystem::create_symlink(dir.path() + "/missing", dir.path() + "/logs/dangling.json");
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found =
      DiscoverLogFiles({dir.path(), dir.path() + "/logs", file}, &skipped);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_THAT(Relative(*found, dir), ElementsAre("logs/a.json"));
  EXPECT_TRUE(skipped.empty());
}

TEST(FileDiscoveryTest, MissingPathIsNotFound) {
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({"/nonexistent/ctq/logs"}, &skipped);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(found.status().message(), "Log path not found: /nonexistent/ctq/logs");
}

TEST(FileDiscoveryTest, SpecialFilesAreSkipped) {
  ScratchDir dir;
  std::string fifo = dir.path() + "/pipe.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({fifo, dir.path()}, &skipped);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->files.empty());  // the walk ignores it silently
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, fifo);
  EXPECT_EQ(skipped[0].reason, "not a regular file");
}

TEST(FileDiscoveryTest, UnreadableDirectoryIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read any directory";
  ScratchDir dir;
  dir.Write("locked/a.json", "{}");
  dir.Write("open/b.json", "{}");
  std::filesystem::permissions(dir.path() + "/locked", std::filesystem::perms::none);
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({dir.path()}, &skipped);
  std::filesystem::permissions(dir.path() + "/locked", std::filesystem::perms::owner_all);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(Relative(*found, dir), ElementsAre("open/b.json"));
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, dir.path() + "/locked");
}

// Creates `depth` nested directories named `name` under `root` through
// descriptors (the path of the deepest passes PATH_MAX, which mkdir(2) would
// refuse), with an empty log file at the bottom; RemoveDeep undoes it.
void MakeDeep(const std::string& root, const std::string& name, int depth) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  for (int i = 0; i < depth; i++) {
    ASSERT_EQ(::mkdirat(fd, name.c_str(), 0700), 0);
    int child = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(fd);
    ASSERT_GE(child, 0);
    fd = child;
  }
  int file = ::openat(fd, "deep.json", O_WRONLY | O_CREAT, 0600);
  ASSERT_GE(file, 0);
  ::close(file);
  ::close(fd);
}

void RemoveDeep(int parent, const std::string& name) {
  int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  RemoveDeep(fd, name);
  ::unlinkat(fd, "deep.json", 0);
  ::close(fd);
  ::unlinkat(parent, name.c_str(), AT_REMOVEDIR);
}

TEST(FileDiscoveryTest, PathsPastPathMaxAreReportedNotIgnored) {
  ScratchDir dir;
  dir.Write("a.json", "{}");
  const std::string name(200, 'd');
  const int depth = PATH_MAX / 201 + 2;
  MakeDeep(dir.path(), name, depth);
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({dir.path()}, &skipped);
  int root = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  RemoveDeep(root, name);
  ::close(root);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(Relative(*found, dir), ElementsAre("a.json"));
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_GT(skipped[0].path.size(), size_t{PATH_MAX} - 201);
  EXPECT_THAT(skipped[0].reason, ::testing::AnyOf("cannot stat: File name too long",
                                                  ::testing::StartsWith("cannot read directory")));
}

TEST(FileDiscoveryTest, SymlinkToItselfIsReportedAndDanglingOnesIgnored) {
  ScratchDir dir;
  dir.Write("a.json", "{}");
  ASSERT_EQ(::symlink("self.json", (dir.path() + "/self.json").c_str()), 0);
  ASSERT_EQ(::symlink("missing.json", (dir.path() + "/dangling.json").c_str()), 0);
  std::vector<SkippedFile> skipped;
  absl::StatusOr<DiscoveredFiles> found = DiscoverLogFiles({dir.path()}, &skipped);
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(Relative(*found, dir), ElementsAre("a.json"));
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].path, dir.path() + "/self.json");
  EXPECT_EQ(skipped[0].reason, "cannot stat: Too many levels of symbolic links");
}

}  // namespace
}  // namespace ctq
