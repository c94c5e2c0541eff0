#include "storage/content_hash.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "ctq/internal/strings.h"

namespace ctq {

uint64_t Hash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

ContentHash Hash128(std::string_view bytes) {
  XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return ContentHash{.low = hash.low64, .high = hash.high64};
}

absl::StatusOr<ContentHash> HashFileContent(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open ", path));
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return absl::FailedPreconditionError(StrCat(path, " is not a regular file"));
  }
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(),
                                                                         XXH3_freeState);
  XXH3_128bits_reset(state.get());
  std::vector<char> block(1 << 20);
  while (true) {
    ssize_t got = ::read(fd, block.data(), block.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return absl::ErrnoToStatus(error, StrCat("cannot read ", path));
    }
    if (got == 0) break;
    XXH3_128bits_update(state.get(), block.data(), static_cast<size_t>(got));
  }
  ::close(fd);
  XXH128_hash_t hash = XXH3_128bits_digest(state.get());
  return ContentHash{.low = hash.low64, .high = hash.high64};
}

}  // namespace ctq
