// The cache's MANIFEST (storage/cache_manifest.h) and LOCK (storage/cache_lock.h):
// the encoding round trip, damage of every byte and every length of an
// encoded manifest, the checks that hold even when the checksum matches,
// atomic replacement on disk, and the one-writer lock, also across processes.
#include "storage/cache_manifest.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/byte_coding.h"
#include "storage/cache_lock.h"
#include "tests/unit/storage_cache/test_files.h"

namespace ctq {
namespace {

using testing::ReadFile;
using testing::WriteFile;

namespace fs = std::filesystem;

// A fresh directory under the test temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = StrCat(::testing::TempDir(), "/ctq_manifest_", ::getpid(), "_", counter++);
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A manifest with everything the encoding handles specially: several sources,
// segments, files whose paths share long prefixes (front coding), a path that
// is a prefix of the previous one, a path sharing nothing, and 0-event files
// without a segment.
constexpr char kCacheId[] = "0123456789abcdef0123456789abcdef";

// The smallest valid manifest: a cache with nothing in it yet.
Manifest EmptyManifest() {
  Manifest m;
  m.cache_id = kCacheId;
  return m;
}

Manifest SampleManifest() {
  Manifest m = EmptyManifest();
  m.generation = 7;
  m.sources = {"/data/AWSLogs", "/data/other logs/x.json.gz", ""};
  m.segments = {{.name = "seg-000001-00000.ctqseg",
                 .bytes = 123456,
                 .events = 30,
                 .row_groups = 2,
                 .footer_hash = 0x0102030405060708,
                 .content_hash = ~uint64_t{0}},
                {.name = "seg-000002-00003.ctqseg", .bytes = 99, .events = 5, .row_groups = 1},
                {.name = "seg-000007-00000.ctqseg", .bytes = 40, .events = 0, .row_groups = 0}};
  const std::string day = "/data/AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/";
  m.files = {
      {.path = day + "a.json.gz",
       .size = 1000,
       .mtime_ns = 1700000000123456789,
       .events = 10,
       .segment = 0, .content = {}, .copy = false},
      {.path = day + "ab.json.gz", .size = 1001, .mtime_ns = -5, .events = 20, .segment = 0, .content = {}, .copy = false},
      {.path = day + "ab.json", .size = 2, .mtime_ns = 0, .events = 0, .segment = kNoSegment, .content = {}, .copy = false},
      {.path = day + "ab", .size = 3, .mtime_ns = 1, .events = 0, .segment = kNoSegment,
       .content = {.low = 1, .high = ~uint64_t{0}}, .copy = true},
      {.path = "/elsewhere/\xC3\xA9v\xC3\xA9nements.json",
       .size = 0,
       .mtime_ns = 2,
       .events = 5,
       .segment = 1, .content = {}, .copy = false},
      {.path = "/elsewhere/\xC3\xA9v\xC3\xA9nements.json.gz",
       .size = 1ull << 40,
       .mtime_ns = INT64_MAX,
       .events = 0,
       .segment = 2, .content = {}, .copy = false},
  };
  return m;
}

void ExpectSameManifest(const Manifest& a, const Manifest& b) {
  EXPECT_EQ(a.cache_id, b.cache_id);
  EXPECT_EQ(a.generation, b.generation);
  EXPECT_EQ(a.sources, b.sources);
  ASSERT_EQ(a.segments.size(), b.segments.size());
  for (size_t i = 0; i < a.segments.size(); i++) {
    EXPECT_EQ(a.segments[i].name, b.segments[i].name) << i;
    EXPECT_EQ(a.segments[i].bytes, b.segments[i].bytes) << i;
    EXPECT_EQ(a.segments[i].events, b.segments[i].events) << i;
    EXPECT_EQ(a.segments[i].row_groups, b.segments[i].row_groups) << i;
    EXPECT_EQ(a.segments[i].footer_hash, b.segments[i].footer_hash) << i;
    EXPECT_EQ(a.segments[i].content_hash, b.segments[i].content_hash) << i;
  }
  ASSERT_EQ(a.files.size(), b.files.size());
  for (size_t i = 0; i < a.files.size(); i++) {
    EXPECT_EQ(a.files[i].path, b.files[i].path) << i;
    EXPECT_EQ(a.files[i].size, b.files[i].size) << i;
    EXPECT_EQ(a.files[i].mtime_ns, b.files[i].mtime_ns) << i;
    EXPECT_EQ(a.files[i].events, b.files[i].events) << i;
    EXPECT_EQ(a.files[i].segment, b.files[i].segment) << i;
    EXPECT_EQ(a.files[i].content, b.files[i].content) << i;
    EXPECT_EQ(a.files[i].copy, b.files[i].copy) << i;
  }
}

// DataLoss whose message starts "manifest <name>: ".
::testing::AssertionResult IsDataLossNaming(const absl::Status& status, const std::string& name) {
  if (status.code() != absl::StatusCode::kDataLoss) {
    return ::testing::AssertionFailure() << "not DataLoss: " << status;
  }
  const std::string prefix = StrCat("manifest ", name, ": ");
  if (std::string(ToStd(status.message())).rfind(prefix, 0) != 0) {
    return ::testing::AssertionFailure() << "message does not start '" << prefix << "': " << status;
  }
  return ::testing::AssertionSuccess();
}

// `body` framed as a manifest with a correct checksum: what a buggy or
// hostile writer could produce, so only the field checks can catch it.
std::string Frame(std::string_view body) { return FrameManifestBody(body); }

TEST(CacheManifestTest, RoundTrip) {
  const Manifest original = SampleManifest();
  const std::string bytes = EncodeManifest(original);
  absl::StatusOr<Manifest> decoded = DecodeManifest("m", bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSameManifest(original, *decoded);
  EXPECT_EQ(decoded->events(), 35u);
  // Decoding is the inverse of encoding, so re-encoding gives the same bytes.
  EXPECT_EQ(EncodeManifest(*decoded), bytes);
}

TEST(CacheManifestTest, FrontCodingSavesSharedPrefixes) {
  Manifest m = EmptyManifest();
  m.segments = {{.name = "seg-1.ctqseg", .bytes = 1, .events = 100, .row_groups = 1}};
  const std::string dir(200, 'd');
  for (int i = 0; i < 100; i++) {
    m.files.push_back({.path = StrCat("/", dir, "/file", 1000 + i, ".json.gz"),
                       .size = 1,
                       .mtime_ns = 1,
                       .events = 1,
                       .segment = 0, .content = {}, .copy = false});
  }
  const std::string bytes = EncodeManifest(m);
  // Without front coding the paths alone would take 100 * 214 bytes.
  EXPECT_LT(bytes.size(), 100u * 100u);
  absl::StatusOr<Manifest> decoded = DecodeManifest("m", bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSameManifest(m, *decoded);
}

TEST(CacheManifestTest, EmptyManifestRoundTrips) {
  const std::string bytes = EncodeManifest(EmptyManifest());
  absl::StatusOr<Manifest> decoded = DecodeManifest("m", bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSameManifest(EmptyManifest(), *decoded);
  EXPECT_EQ(decoded->events(), 0u);
}

TEST(CacheManifestTest, EveryByteFlipIsDataLossNamingTheFile) {
  for (const Manifest& manifest : {SampleManifest(), EmptyManifest()}) {
    const std::string bytes = EncodeManifest(manifest);
    for (size_t i = 0; i < bytes.size(); i++) {
      for (unsigned char mask : {0x01, 0x80, 0xFF}) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ mask);
        // Every byte is under the CRC or is the magic, version or CRC itself.
        ASSERT_TRUE(
            IsDataLossNaming(DecodeManifest("dir/MANIFEST", damaged).status(), "dir/MANIFEST"))
            << "byte " << i << " of " << bytes.size() << " ^ " << int{mask};
      }
    }
  }
}

TEST(CacheManifestTest, EveryTruncationAndAppendedGarbageIsDataLoss) {
  for (const Manifest& manifest : {SampleManifest(), EmptyManifest()}) {
    const std::string bytes = EncodeManifest(manifest);
    for (size_t length = 0; length < bytes.size(); length++) {
      ASSERT_TRUE(IsDataLossNaming(DecodeManifest("M", bytes.substr(0, length)).status(), "M"))
          << "truncated to " << length << " of " << bytes.size();
    }
    for (const std::string& extra :
         {std::string("x"), std::string(8, '\0'), std::string(kManifestMagic), bytes}) {
      EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", bytes + extra).status(), "M"))
          << extra.size() << " bytes appended";
    }
  }
}

TEST(CacheManifestTest, UnsupportedVersionIsNamed) {
  std::string bytes = EncodeManifest(SampleManifest());
  bytes[8] = 1;  // issue 3's manifests had no cache id nor content hashes
  absl::Status status = DecodeManifest("M", bytes).status();
  EXPECT_TRUE(IsDataLossNaming(status, "M"));
  EXPECT_NE(std::string(ToStd(status.message())).find("unsupported version 1"), std::string::npos)
      << status;
}

// A checksum proves the bytes are what was written, not that the writer was
// right: these manifests have good checksums and bad contents.
TEST(CacheManifestTest, BadContentWithAGoodChecksumIsDataLoss) {
  struct Case {
    const char* what;
    Manifest manifest;
  };
  std::vector<Case> cases;
  auto add = [&](const char* what, auto mutate) {
    Manifest m = SampleManifest();
    mutate(m);
    cases.push_back({what, std::move(m)});
  };
  add("segment name with a path", [](Manifest& m) { m.segments[1].name = "../seg-1.ctqseg"; });
  add("segment name MANIFEST", [](Manifest& m) { m.segments[0].name = "MANIFEST"; });
  add("segment name with '/'", [](Manifest& m) { m.segments[0].name = "seg-1/x.ctqseg"; });
  add("file refers to a missing segment", [](Manifest& m) { m.files[4].segment = 3; });
  add("0-event file marker with events", [](Manifest& m) {
    m.files[4].segment = kNoSegment;
    m.segments[1].events = 0;
  });
  add("a copy with a segment", [](Manifest& m) { m.files[0].copy = true; });
  add("a cache id that is not 32 hex digits", [](Manifest& m) { m.cache_id = "abc"; });
  add("no cache id", [](Manifest& m) { m.cache_id.clear(); });
  add("segment events do not add up", [](Manifest& m) { m.segments[0].events = 31; });
  add("file events do not add up", [](Manifest& m) { m.files[0].events = 11; });
  for (const Case& c : cases) {
    EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", EncodeManifest(c.manifest)).status(), "M"))
        << c.what;
  }

  // Counts and lengths larger than what follows must not allocate or read
  // past the end.
  std::string body;
  PutStr(&body, kCacheId);
  PutU64(&body, 1);
  PutU32(&body, 0xFFFFFFFF);  // sources
  EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", Frame(body)).status(), "M"));
  body.clear();
  PutStr(&body, kCacheId);
  PutU64(&body, 1);
  PutU32(&body, 0);
  PutU32(&body, 1u << 30);  // segments
  EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", Frame(body)).status(), "M"));
  body.clear();
  PutStr(&body, kCacheId);
  PutU64(&body, 1);
  PutU32(&body, 0);
  PutU32(&body, 0);
  PutU32(&body, 1u << 30);  // files
  EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", Frame(body)).status(), "M"));
  body.clear();
  PutStr(&body, kCacheId);
  PutU64(&body, 1);
  PutU32(&body, 1);
  PutU32(&body, 0xFFFFFFF0);  // a source's length
  EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", Frame(body)).status(), "M"));
  // A first file claiming to share a prefix with a previous path.
  body.clear();
  PutStr(&body, kCacheId);
  PutU64(&body, 1);
  PutU32(&body, 0);
  PutU32(&body, 0);
  PutU32(&body, 1);
  PutU32(&body, 5);  // shared prefix, but there is no previous path
  PutStr(&body, "x");
  PutU64(&body, 0);
  PutU64(&body, 0);
  PutU64(&body, 0);
  PutU32(&body, kNoSegment);
  PutU64(&body, 0);  // content hash
  PutU64(&body, 0);
  PutU8(&body, 0);  // flags
  EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", Frame(body)).status(), "M"));
  // The same with no shared prefix is fine: the frame itself is right.
  body.clear();
  PutStr(&body, kCacheId);
  PutU64(&body, 1);
  PutU32(&body, 0);
  PutU32(&body, 0);
  PutU32(&body, 1);
  PutU32(&body, 0);
  PutStr(&body, "x");
  PutU64(&body, 0);
  PutU64(&body, 0);
  PutU64(&body, 0);
  PutU32(&body, kNoSegment);
  PutU64(&body, 0);  // content hash
  PutU64(&body, 0);
  PutU8(&body, 0);  // flags
  absl::StatusOr<Manifest> ok = DecodeManifest("M", Frame(body));
  ASSERT_TRUE(ok.ok()) << ok.status();
  ASSERT_EQ(ok->files.size(), 1u);
  EXPECT_EQ(ok->files[0].path, "x");
  // And trailing bytes after the last file are not.
  body += "z";
  EXPECT_TRUE(IsDataLossNaming(DecodeManifest("M", Frame(body)).status(), "M"));
}

TEST(CacheManifestTest, SegmentFileNames) {
  for (const char* good :
       {"seg-000001-00000.ctqseg", "seg-1.ctqseg", "seg-abc-9.ctqseg", "seg--.ctqseg"}) {
    EXPECT_TRUE(IsSegmentFileName(good)) << good;
  }
  for (const char* bad : {"",
                          "../x",
                          "seg-.ctqseg",
                          "SEG-1.ctqseg",
                          "seg-A.ctqseg",
                          "seg-1/2.ctqseg",
                          "seg-../1.ctqseg",
                          "/seg-1.ctqseg",
                          "x/seg-1.ctqseg",
                          "seg-1.ctqseg/",
                          "seg-1.ctqseg.tmp",
                          "seg-1.CTQSEG",
                          "seg-1_2.ctqseg",
                          "seg-1.2.ctqseg",
                          "seg-1 .ctqseg",
                          "MANIFEST",
                          "LOCK",
                          "MANIFEST.tmp",
                          "seg-1.ctqse",
                          "eg-1.ctqseg",
                          ".ctqseg",
                          "seg-"}) {
    EXPECT_FALSE(IsSegmentFileName(bad)) << bad;
  }
  EXPECT_FALSE(IsSegmentFileName(std::string_view("seg-1\0.ctqseg", 13)));
}

TEST(CacheManifestTest, WriteAndReadOnDisk) {
  TempDir dir;
  ManifestIdentity identity;
  EXPECT_TRUE(absl::IsNotFound(ReadManifest(dir.path(), &identity).status()));
  EXPECT_TRUE(absl::IsNotFound(StatManifest(dir.path()).status()));

  const Manifest first = SampleManifest();
  ASSERT_TRUE(WriteManifest(dir.path(), first).ok());
  absl::StatusOr<Manifest> read = ReadManifest(dir.path(), &identity);
  ASSERT_TRUE(read.ok()) << read.status();
  ExpectSameManifest(first, *read);
  EXPECT_EQ(ReadFile(dir.path() + "/MANIFEST"), EncodeManifest(first));
  absl::StatusOr<ManifestIdentity> stat = StatManifest(dir.path());
  ASSERT_TRUE(stat.ok());
  EXPECT_EQ(*stat, identity);
  // Nothing is left behind next to it.
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) entries++;
  EXPECT_EQ(entries, 1);

  // Replacing it gives a new identity (readers reload on that), even when the
  // new manifest has the same size.
  Manifest second = first;
  second.generation++;
  ASSERT_TRUE(WriteManifest(dir.path(), second).ok());
  ManifestIdentity second_identity;
  read = ReadManifest(dir.path(), &second_identity);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->generation, first.generation + 1);
  EXPECT_NE(second_identity, identity);
  EXPECT_EQ(*StatManifest(dir.path()), second_identity);
}

TEST(CacheManifestTest, ReadManifestErrors) {
  TempDir dir;
  absl::Status missing = ReadManifest(dir.path()).status();
  EXPECT_TRUE(absl::IsNotFound(missing)) << missing;
  EXPECT_NE(std::string(ToStd(missing.message())).find(dir.path()), std::string::npos) << missing;
  EXPECT_TRUE(absl::IsNotFound(ReadManifest(dir.path() + "/no/such/dir").status()));

  // A damaged file on disk is DataLoss naming its path.
  std::string bytes = EncodeManifest(SampleManifest());
  bytes[bytes.size() / 2] ^= 0x04;
  WriteFile(dir.path() + "/MANIFEST", bytes);
  EXPECT_TRUE(IsDataLossNaming(ReadManifest(dir.path()).status(), dir.path() + "/MANIFEST"));
  WriteFile(dir.path() + "/MANIFEST", "");
  EXPECT_TRUE(IsDataLossNaming(ReadManifest(dir.path()).status(), dir.path() + "/MANIFEST"));
}

TEST(CacheLockTest, OneHolderAtATime) {
  TempDir dir;
  std::optional<CacheLock> first;
  {
    absl::StatusOr<CacheLock> lock = CacheLock::Acquire(dir.path());
    ASSERT_TRUE(lock.ok()) << lock.status();
    lock->RecordHolder();
    first.emplace(std::move(*lock));
  }
  // The moved-from lock's destruction above must not have released it.
  absl::StatusOr<CacheLock> second = CacheLock::Acquire(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string message(ToStd(second.status().message()));
  EXPECT_NE(message.find("another ctq ingest"), std::string::npos) << message;
  EXPECT_NE(message.find(StrCat("(pid ", ::getpid(), ")")), std::string::npos) << message;
  EXPECT_NE(message.find(dir.path()), std::string::npos) << message;
  // A refused attempt does not disturb the holder's pid.
  EXPECT_EQ(ReadFile(dir.path() + "/LOCK"), StrCat(::getpid(), "\n"));

  first.reset();
  absl::StatusOr<CacheLock> third = CacheLock::Acquire(dir.path());
  EXPECT_TRUE(third.ok()) << third.status();
}

// Issue 9, finding 2: people delete "stale" LOCK files. The lock is on the
// directory, so a deleted (or replaced) LOCK lets no second writer in.
TEST(CacheLockTest, DeletingTheLockFileDoesNotReleaseIt) {
  TempDir dir;
  absl::StatusOr<CacheLock> first = CacheLock::Acquire(dir.path());
  ASSERT_TRUE(first.ok()) << first.status();
  first->RecordHolder();
  ASSERT_TRUE(fs::remove(dir.path() + "/LOCK"));
  absl::StatusOr<CacheLock> second = CacheLock::Acquire(dir.path());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  WriteFile(dir.path() + "/LOCK", "garbage");
  second = CacheLock::Acquire(dir.path());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
}

// Issue 9, finding 1: a symlink named LOCK must not make ctq write through it.
TEST(CacheLockTest, ASymlinkNamedLockIsReplacedNotFollowed) {
  TempDir dir;
  const std::string victim = dir.path() + "/victim";
  WriteFile(victim, "precious");
  fs::create_directory(dir.path() + "/cache");
  fs::create_symlink(victim, dir.path() + "/cache/LOCK");
  absl::StatusOr<CacheLock> lock = CacheLock::Acquire(dir.path() + "/cache");
  ASSERT_TRUE(lock.ok()) << lock.status();
  lock->RecordHolder();
  EXPECT_EQ(ReadFile(victim), "precious");
  EXPECT_FALSE(fs::is_symlink(dir.path() + "/cache/LOCK"));
  // A FIFO named LOCK is not waited on when a refusal reads the pid.
  fs::remove(dir.path() + "/cache/LOCK");
  ASSERT_EQ(::mkfifo((dir.path() + "/cache/LOCK").c_str(), 0600), 0);
  absl::StatusOr<CacheLock> refused = CacheLock::Acquire(dir.path() + "/cache");
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();
}

TEST(CacheLockTest, MissingDirectoryIsAnError) {
  TempDir dir;
  absl::StatusOr<CacheLock> lock = CacheLock::Acquire(dir.path() + "/missing");
  EXPECT_FALSE(lock.ok());
  EXPECT_FALSE(absl::IsFailedPrecondition(lock.status())) << lock.status();
}

// Another process holding the lock is named by its pid, and the kernel drops
// the lock when that process is killed: a crashed ingest leaves no stale lock.
TEST(CacheLockTest, HeldByAnotherProcessUntilItIsKilled) {
  TempDir dir;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    absl::StatusOr<CacheLock> lock = CacheLock::Acquire(dir.path());
    if (lock.ok()) lock->RecordHolder();
    char byte = lock.ok() ? 'y' : 'n';
    if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
    for (;;) ::pause();  // held until killed
  }
  ::close(ready[1]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  ASSERT_EQ(byte, 'y');

  absl::StatusOr<CacheLock> refused = CacheLock::Acquire(dir.path());
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();
  EXPECT_NE(std::string(ToStd(refused.status().message())).find(StrCat("(pid ", child, ")")),
            std::string::npos)
      << refused.status();

  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  absl::StatusOr<CacheLock> after = CacheLock::Acquire(dir.path());
  EXPECT_TRUE(after.ok()) << after.status();
  after->RecordHolder();
  EXPECT_EQ(ReadFile(dir.path() + "/LOCK"), StrCat(::getpid(), "\n"));
}

// The seed of the manifest fuzz target (tests/fuzz/manifest_fuzz.cc) must stay
// a valid manifest, or the fuzzer starts from nothing. When the format changes
// on purpose, regenerate it: CTQ_WRITE_MANIFEST_SEEDS=1 cache_test.
Manifest SeedManifest() {
  Manifest m = SampleManifest();
  m.sources.pop_back();
  return m;
}

TEST(CacheManifestTest, FuzzSeedsAreCurrent) {
  const std::string dir = CTQ_MANIFEST_SEEDS_DIR;
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"sample.manifest", EncodeManifest(SeedManifest())},
      {"empty.manifest", EncodeManifest(EmptyManifest())},
  };
  for (const auto& [name, bytes] : seeds) {
    const std::string path = dir + "/" + name;
    if (const char* write = std::getenv("CTQ_WRITE_MANIFEST_SEEDS"); write && write[0] == '1') {
      fs::create_directories(dir);
      WriteFile(path, bytes);
    }
    EXPECT_EQ(ReadFile(path), bytes) << path << " is stale; see the comment above";
    EXPECT_TRUE(DecodeManifest(path, ReadFile(path)).ok()) << path;
  }
}

}  // namespace
}  // namespace ctq
