// Fuzz target: a cache MANIFEST (storage/FORMAT.md's manifest, written by
// storage/cache_manifest.cc) given as raw bytes. DecodeManifest must return
// DataLoss or a manifest that is consistent and encodes back to a manifest
// that decodes the same; never crash, hang or over-allocate.
// Seeds: tests/data/manifests (kept current by cache_manifest_test).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/cache_manifest.h"

namespace {

void Check(std::string_view bytes) {
  auto manifest = ctq::DecodeManifest("fuzz", bytes);
  if (!manifest.ok()) {
    if (manifest.status().code() != absl::StatusCode::kDataLoss) __builtin_trap();
    return;
  }
  // What readers rely on once a manifest decodes.
  uint64_t file_events = 0;
  for (const ctq::ManifestFile& file : manifest->files) {
    if (file.segment == ctq::kNoSegment) {
      if (file.events != 0) __builtin_trap();
    } else if (file.segment >= manifest->segments.size()) {
      __builtin_trap();
    }
    file_events += file.events;
  }
  for (const ctq::ManifestSegment& segment : manifest->segments) {
    if (!ctq::IsSegmentFileName(segment.name)) __builtin_trap();
  }
  if (file_events != manifest->events()) __builtin_trap();
  // Encoding is canonical: what decodes re-encodes to bytes that decode to
  // the same manifest and encode to the same bytes again.
  const std::string encoded = ctq::EncodeManifest(*manifest);
  auto again = ctq::DecodeManifest("fuzz", encoded);
  if (!again.ok() || ctq::EncodeManifest(*again) != encoded) __builtin_trap();
  if (again->files.size() != manifest->files.size()) __builtin_trap();
  for (size_t i = 0; i < again->files.size(); i++) {
    if (again->files[i].path != manifest->files[i].path) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Check(bytes);
  // Random bytes almost never match the checksum, which would leave the
  // field-by-field checks (for a buggy or hostile writer) unexplored: try the
  // input's body again, framed with a right checksum.
  constexpr size_t kMagic = ctq::kManifestMagic.size();
  if (size >= 2 * kMagic + 8) {
    Check(ctq::FrameManifestBody(bytes.substr(kMagic + 4, size - 2 * kMagic - 8)));
  }
  return 0;
}
