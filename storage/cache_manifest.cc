#include "storage/cache_manifest.h"

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/byte_coding.h"
#include "storage/crc32c.h"
#include "storage/segment_writer.h"

namespace ctq {
namespace {

constexpr std::string_view kSegmentPrefix = "seg-";
constexpr std::string_view kSegmentSuffix = ".ctqseg";
// magic, version, then the body, then the body's CRC and the magic again.
constexpr size_t kManifestFixedBytes = 8 + 4 + 4 + 8;
// Bits of a file's flags byte; the others must be 0.
constexpr uint8_t kFileIsCopy = 1;
// The smallest encoding of a segment and of a file (empty strings), so that
// a forged count is checked against the bytes left before reserving memory.
constexpr size_t kMinSegmentBytes = 4 + 8 + 8 + 4 + 8 + 8;
constexpr size_t kMinFileBytes = 4 + 4 + 8 + 8 + 8 + 4 + 16 + 1;

bool IsCacheId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

absl::Status Corrupt(std::string_view name, std::string_view what) {
  return absl::DataLossError(StrCat("manifest ", name, ": ", what));
}

}  // namespace

bool IsSegmentFileName(std::string_view name) {
  if (name.size() <= kSegmentPrefix.size() + kSegmentSuffix.size()) return false;
  if (name.substr(0, kSegmentPrefix.size()) != kSegmentPrefix) return false;
  if (name.substr(name.size() - kSegmentSuffix.size()) != kSegmentSuffix) return false;
  for (char c : name.substr(kSegmentPrefix.size(),
                            name.size() - kSegmentPrefix.size() - kSegmentSuffix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

std::string EncodeManifest(const Manifest& manifest) {
  std::string body;
  PutStr(&body, manifest.cache_id);
  PutU64(&body, manifest.generation);
  PutU32(&body, static_cast<uint32_t>(manifest.sources.size()));
  for (const std::string& source : manifest.sources) PutStr(&body, source);
  PutU32(&body, static_cast<uint32_t>(manifest.segments.size()));
  for (const ManifestSegment& segment : manifest.segments) {
    PutStr(&body, segment.name);
    PutU64(&body, segment.bytes);
    PutU64(&body, segment.events);
    PutU32(&body, segment.row_groups);
    PutU64(&body, segment.footer_hash);
    PutU64(&body, segment.content_hash);
  }
  PutU32(&body, static_cast<uint32_t>(manifest.files.size()));
  std::string_view previous;
  for (const ManifestFile& file : manifest.files) {
    // Paths are front-coded: files come in path order, and a bucket's paths
    // share long prefixes (.../AWSLogs/<account>/CloudTrail/<region>/<date>/).
    size_t shared = 0;
    while (shared < previous.size() && shared < file.path.size() &&
           previous[shared] == file.path[shared]) {
      shared++;
    }
    PutU32(&body, static_cast<uint32_t>(shared));
    PutStr(&body, std::string_view(file.path).substr(shared));
    previous = file.path;
    PutU64(&body, file.size);
    PutU64(&body, static_cast<uint64_t>(file.mtime_ns));
    PutU64(&body, file.events);
    PutU32(&body, file.segment);
    PutU64(&body, file.content.low);
    PutU64(&body, file.content.high);
    PutU8(&body, file.copy ? kFileIsCopy : 0);
  }
  return FrameManifestBody(body);
}

std::string FrameManifestBody(std::string_view body) {
  std::string out(kManifestMagic);
  PutU32(&out, kManifestVersion);
  out += body;
  PutU32(&out, Crc32c(body));
  out += kManifestMagic;
  return out;
}

absl::StatusOr<Manifest> DecodeManifest(std::string_view name, std::string_view bytes) {
  if (bytes.size() < kManifestFixedBytes) return Corrupt(name, "file too short");
  if (bytes.substr(0, 8) != kManifestMagic) return Corrupt(name, "bad header magic");
  if (bytes.substr(bytes.size() - 8) != kManifestMagic) {
    return Corrupt(name, "bad trailer magic (truncated?)");
  }
  if (uint32_t version = LoadU32(bytes.data() + 8); version != kManifestVersion) {
    return Corrupt(name, StrCat("unsupported version ", version, " (this ctq reads version ",
                                kManifestVersion, ")"));
  }
  std::string_view body = bytes.substr(12, bytes.size() - kManifestFixedBytes);
  if (Crc32c(body) != LoadU32(bytes.data() + 12 + body.size())) {
    return Corrupt(name, "checksum mismatch");
  }

  // The checksum matched, but a manifest written by a buggy or hostile tool
  // is still checked field by field.
  Manifest manifest;
  ByteCursor in(body);
  manifest.cache_id = std::string(in.Str());
  if (in.ok() && !IsCacheId(manifest.cache_id)) return Corrupt(name, "bad cache id");
  manifest.generation = in.U64();
  uint32_t source_count = in.U32();
  if (source_count > in.remaining() / 4) return Corrupt(name, "bad source count");
  for (uint32_t i = 0; i < source_count && in.ok(); i++) {
    manifest.sources.emplace_back(in.Str());
  }
  uint32_t segment_count = in.U32();
  if (segment_count > in.remaining() / kMinSegmentBytes) return Corrupt(name, "bad segment count");
  for (uint32_t i = 0; i < segment_count && in.ok(); i++) {
    ManifestSegment segment;
    segment.name = std::string(in.Str());
    segment.bytes = in.U64();
    segment.events = in.U64();
    segment.row_groups = in.U32();
    segment.footer_hash = in.U64();
    segment.content_hash = in.U64();
    if (in.ok() && !IsSegmentFileName(segment.name)) {
      return Corrupt(name, StrCat("bad segment name '", segment.name, "'"));
    }
    manifest.segments.push_back(std::move(segment));
  }
  uint32_t file_count = in.U32();
  if (file_count > in.remaining() / kMinFileBytes) return Corrupt(name, "bad file count");
  std::vector<uint64_t> file_events(manifest.segments.size(), 0);
  for (uint32_t i = 0; i < file_count && in.ok(); i++) {
    ManifestFile file;
    uint32_t shared = in.U32();
    std::string_view previous =
        manifest.files.empty() ? std::string_view() : std::string_view(manifest.files.back().path);
    if (shared > previous.size()) return Corrupt(name, "bad path prefix length");
    file.path = std::string(previous.substr(0, shared));
    file.path += in.Str();
    file.size = in.U64();
    file.mtime_ns = static_cast<int64_t>(in.U64());
    file.events = in.U64();
    file.segment = in.U32();
    file.content.low = in.U64();
    file.content.high = in.U64();
    const uint8_t flags = in.U8();
    if (!in.ok()) break;
    if ((flags & ~kFileIsCopy) != 0) return Corrupt(name, "unknown file flags");
    file.copy = (flags & kFileIsCopy) != 0;
    if (file.copy && file.segment != kNoSegment) return Corrupt(name, "a copy with a segment");
    if (file.segment == kNoSegment) {
      if (file.events != 0) return Corrupt(name, "events of a file without a segment");
    } else if (file.segment >= manifest.segments.size()) {
      return Corrupt(name, StrCat("file refers to segment ", file.segment, " of ",
                                  manifest.segments.size()));
    } else {
      file_events[file.segment] += file.events;
    }
    manifest.files.push_back(std::move(file));
  }
  if (!in.ok()) return Corrupt(name, "truncated body");
  if (in.remaining() != 0) return Corrupt(name, "trailing bytes in body");
  for (size_t s = 0; s < manifest.segments.size(); s++) {
    if (file_events[s] != manifest.segments[s].events) {
      return Corrupt(name, StrCat("segment ", manifest.segments[s].name, " holds ",
                                  manifest.segments[s].events, " events but its files ",
                                  file_events[s]));
    }
  }
  return manifest;
}

absl::StatusOr<Manifest> ReadManifest(const std::string& dir, ManifestIdentity* identity,
                                      Env* env) {
  const std::string path = dir + "/" + kManifestFileName;
  // Read through one descriptor, so that the identity is that of the bytes
  // decoded even if an ingest renames a new manifest into place meanwhile.
  absl::StatusOr<std::string> bytes = ReadWholeFile(env, path, kMaxManifestBytes, identity);
  if (!bytes.ok()) {
    if (absl::IsNotFound(bytes.status())) return absl::NotFoundError(StrCat("no cache at ", dir));
    return bytes.status();
  }
  // A manifest of an older version, intact but for its version, is a cache
  // that an older ctq wrote: say what to do rather than "corrupt". (A newer
  // version stays DataLoss: it is as likely a damaged version field.)
  if (bytes->size() >= kManifestFixedBytes && bytes->substr(0, 8) == kManifestMagic &&
      std::string_view(*bytes).substr(bytes->size() - 8) == kManifestMagic) {
    if (const uint32_t version = LoadU32(bytes->data() + 8); version < kManifestVersion) {
      return absl::FailedPreconditionError(
          StrCat("cache ", dir, " was written by an older ctq (", path, " is format ", version,
                 "; this ctq reads format ", kManifestVersion,
                 "): delete the directory and ingest the logs again"));
    }
  }
  return DecodeManifest(path, *bytes);
}

absl::StatusOr<ManifestIdentity> StatManifest(const std::string& dir, Env* env) {
  absl::StatusOr<FileIdentity> identity = env->Stat(dir + "/" + kManifestFileName);
  if (absl::IsNotFound(identity.status())) return absl::NotFoundError(StrCat("no cache at ", dir));
  return identity;
}

uint64_t CacheBytesOnDisk(const std::string& dir, const Manifest& manifest, Env* env) {
  uint64_t bytes = 0;
  for (const ManifestSegment& segment : manifest.segments) bytes += segment.bytes;
  if (absl::StatusOr<FileIdentity> file = env->Stat(dir + "/" + kManifestFileName); file.ok()) {
    bytes += file->size;
  }
  return bytes;
}

absl::Status WriteManifest(const std::string& dir, const Manifest& manifest, Env* env,
                           std::string_view token) {
  return WriteFileAtomically(env, dir + "/" + kManifestFileName, EncodeManifest(manifest), token);
}

}  // namespace ctq
