#include "storage/cache_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "ctq/internal/strings.h"

namespace ctq {

absl::StatusOr<CacheLock> CacheLock::Acquire(const std::string& dir) {
  const std::string path = dir + "/" + kLockFileName;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open ", path));
  // flock locks belong to the open file description, so a second
  // Acquire in the same process is refused too, as it should be.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    std::string holder;
    char buffer[32] = {};
    ssize_t got = ::pread(fd, buffer, sizeof(buffer) - 1, 0);
    for (ssize_t i = 0; i < got && buffer[i] >= '0' && buffer[i] <= '9'; i++) holder += buffer[i];
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return absl::FailedPreconditionError(
          StrCat("cache ", dir, " is being updated by another ctq ingest",
                 holder.empty() ? std::string() : StrCat(" (pid ", holder, ")"),
                 "; wait for it to finish and try again"));
    }
    return absl::ErrnoToStatus(error, StrCat("cannot lock ", path));
  }
  std::string pid = StrCat(::getpid(), "\n");
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    // The pid is only for the message above; the lock itself holds.
  }
  return CacheLock(fd);
}

CacheLock& CacheLock::operator=(CacheLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

CacheLock::~CacheLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor drops the flock
}

}  // namespace ctq
