#include "storage/env.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <system_error>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"

namespace ctq {
namespace {

FileIdentity IdentityOf(const struct stat& info) {
  return FileIdentity{
      .device = static_cast<uint64_t>(info.st_dev),
      .inode = static_cast<uint64_t>(info.st_ino),
      .mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
      .size = static_cast<uint64_t>(info.st_size),
  };
}

const char* KindOf(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

absl::Status NotRegular(const std::string& path, mode_t mode) {
  return absl::FailedPreconditionError(
      StrCat(path, " is ", KindOf(mode), ", not a regular file; ctq reads and writes only "
                                         "regular files in a cache directory"));
}

absl::Status ErrnoStatus(int error, std::string_view what, const std::string& path) {
  return absl::ErrnoToStatus(error, StrCat(what, " ", path));
}

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd, FileIdentity identity)
      : path_(std::move(path)), fd_(fd), identity_(identity) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }
  const FileIdentity& identity() const override { return identity_; }
  absl::Status Read(uint64_t offset, size_t n, std::string* out) const override {
    out->resize(n);
    size_t done = 0;
    while (done < n) {
      ssize_t got = ::pread(fd_, out->data() + done, n - done, static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus(errno, "cannot read", path_);
      }
      if (got == 0) return absl::DataLossError(StrCat(path_, ": file shrank while reading"));
      done += static_cast<size_t>(got);
    }
    return absl::OkStatus();
  }

 private:
  std::string path_;
  int fd_;
  FileIdentity identity_;
};

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  absl::Status Append(std::string_view bytes) override {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t wrote = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (wrote < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus(errno, "cannot write", path_);
      }
      done += static_cast<size_t>(wrote);
    }
    return absl::OkStatus();
  }
  absl::Status Sync() override {
    if (::fsync(fd_) != 0) return ErrnoStatus(errno, "cannot fsync", path_);
    return absl::OkStatus();
  }
  absl::Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) return ErrnoStatus(errno, "cannot close", path_);
    return absl::OkStatus();
  }

 private:
  std::string path_;
  int fd_;
};

class PosixDirectoryLock final : public DirectoryLock {
 public:
  explicit PosixDirectoryLock(int fd) : fd_(fd) {}
  ~PosixDirectoryLock() override { ::close(fd_); }  // the last close drops the flock

 private:
  int fd_;
};

// Opens `path` with `flags` as a regular file only: O_NOFOLLOW refuses a
// symlink (ELOOP) instead of following it; O_NONBLOCK keeps open(2) from
// waiting on a FIFO for a writer forever; then fstat must say a regular file.
absl::StatusOr<int> OpenRegular(const std::string& path, int flags, struct stat* info) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  if (fd < 0) {
    int error = errno;
    if (error == ELOOP) return NotRegular(path, S_IFLNK);
    return ErrnoStatus(error, "cannot open", path);
  }
  if (::fstat(fd, info) != 0) {
    int error = errno;
    ::close(fd);
    return ErrnoStatus(error, "cannot stat", path);
  }
  if (!S_ISREG(info->st_mode)) {
    ::close(fd);
    return NotRegular(path, info->st_mode);
  }
  return fd;
}

// An exclusive flock on `fd` without waiting; the lock owns `fd`. flock
// locks belong to the open file description, so a second lock from the same
// process is refused too, as it should be.
absl::StatusOr<std::unique_ptr<DirectoryLock>> Lock(const std::string& path, int fd) {
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) return absl::UnavailableError(StrCat(path, " is locked"));
    return ErrnoStatus(error, "cannot lock", path);
  }
  return std::make_unique<PosixDirectoryLock>(fd);
}

class PosixEnv final : public Env {
 public:
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    struct stat info;
    CTQ_ASSIGN_OR_RETURN(int fd, OpenRegular(path, O_RDONLY, &info));
    return std::make_unique<PosixRandomAccessFile>(path, fd, IdentityOf(info));
  }

  absl::StatusOr<std::unique_ptr<WritableFile>> CreateExclusive(const std::string& path) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) return ErrnoStatus(errno, "cannot create", path);
    return std::make_unique<PosixWritableFile>(path, fd);
  }

  absl::Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return absl::ErrnoToStatus(errno, StrCat("cannot rename ", from, " to ", to));
    }
    return absl::OkStatus();
  }

  absl::Status SyncDirectory(const std::string& dir) override {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(errno, "cannot open directory", dir);
    int result = ::fsync(fd);
    int error = errno;
    ::close(fd);
    if (result != 0) return ErrnoStatus(error, "cannot fsync directory", dir);
    return absl::OkStatus();
  }

  absl::Status Delete(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return ErrnoStatus(errno, "cannot delete", path);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> ListDirectory(const std::string& dir) override {
    DIR* handle = ::opendir(dir.c_str());
    if (handle == nullptr) return ErrnoStatus(errno, "cannot list", dir);
    std::vector<std::string> names;
    errno = 0;
    while (struct dirent* entry = ::readdir(handle)) {
      std::string_view name(entry->d_name);
      if (name != "." && name != "..") names.emplace_back(name);
    }
    int error = errno;
    ::closedir(handle);
    if (error != 0) return ErrnoStatus(error, "cannot list", dir);
    return names;
  }

  absl::Status CreateDirectories(const std::string& dir) override {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    struct stat info;
    if (::stat(dir.c_str(), &info) != 0) {
      return absl::PermissionDeniedError(StrCat("cannot create cache directory ", dir, ": ",
                                                error ? error.message() : "missing"));
    }
    if (!S_ISDIR(info.st_mode)) {
      return absl::FailedPreconditionError(StrCat("cache path ", dir, " is not a directory"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<DirectoryLock>> LockDirectory(const std::string& dir) override {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(errno, "cannot open directory", dir);
    return Lock(dir, fd);
  }

  absl::StatusOr<std::unique_ptr<DirectoryLock>> LockFile(const std::string& path) override {
    struct stat info;
    CTQ_ASSIGN_OR_RETURN(int fd, OpenRegular(path, O_RDWR | O_CREAT, &info));
    return Lock(path, fd);
  }

  absl::StatusOr<FileIdentity> Stat(const std::string& path) override {
    struct stat info;
    if (::lstat(path.c_str(), &info) != 0) return ErrnoStatus(errno, "cannot stat", path);
    return IdentityOf(info);
  }
};

}  // namespace

Env* Env::Default() {
  static PosixEnv* env = new PosixEnv();
  return env;
}

absl::StatusOr<std::string> ReadWholeFile(Env* env, const std::string& path, uint64_t max_bytes,
                                          FileIdentity* identity) {
  CTQ_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, env->OpenForRead(path));
  const uint64_t size = file->identity().size;
  if (size > max_bytes) {
    return absl::FailedPreconditionError(
        StrCat(path, " is ", size, " bytes, more than the ", max_bytes, " such a file may have"));
  }
  std::string bytes;
  CTQ_RETURN_IF_ERROR(file->Read(0, static_cast<size_t>(size), &bytes));
  if (identity != nullptr) *identity = file->identity();
  return bytes;
}

absl::Status WriteFileAtomically(Env* env, const std::string& path, std::string_view bytes,
                                 std::string_view token) {
  const std::string tmp = StrCat(path, ".", token, ".tmp");
  CTQ_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env->CreateExclusive(tmp));
  absl::Status status = file->Append(bytes);
  if (status.ok()) status = file->Sync();
  if (absl::Status closed = file->Close(); status.ok()) status = closed;
  if (status.ok()) status = env->Rename(tmp, path);
  if (!status.ok()) {
    env->Delete(tmp).IgnoreError();  // best effort: the next ingest deletes it otherwise
    return status;
  }
  // Make the rename itself durable.
  const size_t slash = path.rfind('/');
  return env->SyncDirectory(slash == std::string::npos ? "." : path.substr(0, slash + 1));
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  size_t done = 0;
  while (done < bytes) {
    ssize_t got = ::getrandom(raw.data() + done, bytes - done, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      // No entropy source (a kernel before 3.17): something that still
      // differs between processes and calls.
      static std::atomic<uint64_t> counter{0};
      uint64_t mix = (static_cast<uint64_t>(::getpid()) << 32) ^ (counter.fetch_add(1) + 1) ^
                     static_cast<uint64_t>(
                         std::chrono::steady_clock::now().time_since_epoch().count());
      mix *= 0x9E3779B97F4A7C15ull;
      raw[done] = static_cast<char>(mix >> 56);
      done++;
      continue;
    }
    done += static_cast<size_t>(got);
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes * 2);
  for (unsigned char c : raw) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
  return hex;
}

}  // namespace ctq
