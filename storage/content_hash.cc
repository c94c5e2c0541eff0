#include "storage/content_hash.h"

#include <xxhash.h>

#include <algorithm>
#include <memory>

#include "ctq/internal/status_macros.h"

namespace ctq {

uint64_t Hash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

ContentHash Hash128(std::string_view bytes) {
  XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return ContentHash{.low = hash.low64, .high = hash.high64};
}

namespace {

// Feeds every byte of the file at `path` to `update`, a block at a time, so
// that a segment or log of any size is hashed in a MiB of memory.
template <typename Update>
absl::Status ReadInBlocks(Env* env, const std::string& path, Update update) {
  CTQ_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, env->OpenForRead(path));
  constexpr uint64_t kBlock = uint64_t{1} << 20;
  const uint64_t size = file->identity().size;
  std::string block;
  for (uint64_t offset = 0; offset < size; offset += kBlock) {
    const size_t length = static_cast<size_t>(std::min(kBlock, size - offset));
    CTQ_RETURN_IF_ERROR(file->Read(offset, length, &block));
    update(block);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ContentHash> HashFileContent(Env* env, const std::string& path) {
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(),
                                                                         XXH3_freeState);
  XXH3_128bits_reset(state.get());
  CTQ_RETURN_IF_ERROR(ReadInBlocks(env, path, [&](std::string_view block) {
    XXH3_128bits_update(state.get(), block.data(), block.size());
  }));
  XXH128_hash_t hash = XXH3_128bits_digest(state.get());
  return ContentHash{.low = hash.low64, .high = hash.high64};
}

absl::StatusOr<uint64_t> HashFile64(Env* env, const std::string& path) {
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(),
                                                                         XXH3_freeState);
  XXH3_64bits_reset(state.get());
  CTQ_RETURN_IF_ERROR(ReadInBlocks(env, path, [&](std::string_view block) {
    XXH3_64bits_update(state.get(), block.data(), block.size());
  }));
  return XXH3_64bits_digest(state.get());
}

}  // namespace ctq
