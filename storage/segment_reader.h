// Reading segment files, the immutable files of the columnar cache (the byte
// layout is in storage/FORMAT.md). Open() checks the header, trailer and
// footer (so zone maps and token blooms can be trusted for
// pruning); each column chunk is read and verified only when decoded.
//
// Every byte of the file is untrusted: any corruption or truncation gives
// absl::DataLossError("segment <path>: <what is wrong>"), never a crash or a
// wrong cell.
//
// Thread-safety: a SegmentReader is immutable after Open(); all const methods
// are safe to call concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "storage/env.h"
#include "storage/hex_shape.h"
#include "storage/row_group.h"
#include "storage/token_bloom.h"

namespace ctq {

// Constants of the format (FORMAT.md), shared with segment_writer.
inline constexpr std::string_view kSegmentMagic("CTQSEG\r\n", 8);
// 2: blooms out of the footer; 3: partition columns, no partition strings in
// the footer.
inline constexpr uint32_t kSegmentVersion = 3;
inline constexpr size_t kSegmentHeaderSize = 16;
inline constexpr size_t kSegmentTrailerSize = 24;
inline constexpr size_t kChunkOverhead = 9;  // encoding byte, raw size, crc
inline constexpr size_t kZoneMapMaxBytes = 256;

// The chunk's first byte: the encoding in the low 4 bits, the codec in the
// high 4 bits.
enum class ChunkCodec : uint8_t {
  kLz4 = 0,
  kDeflate = 1,
};

enum class ChunkEncoding : uint8_t {
  kAllNull = 0,
  kConstant = 1,
  kPlain = 2,
  kDictionary = 3,
  kHex = 4,  // fixed-shape hex strings (UUIDs) as nibbles
};


// The min/max/NULL-count summary of one column chunk. Comparisons are
// byte-wise (memcmp), which is also how eventtime strings order.
struct ZoneMap {
  uint32_t null_count = 0;
  bool has_min_max = false;  // false when every row is NULL
  // A truncated min is a prefix of the true min (so still a lower bound); a
  // truncated max is a prefix of the true max (see MayContainRange).
  std::string min;
  std::string max;
  bool min_truncated = false;
  bool max_truncated = false;

  // False only if no non-NULL value v of the chunk satisfies lo <= v <= hi
  // (a missing bound is unbounded). Correct for truncated bounds.
  bool MayContainRange(std::optional<std::string_view> lo,
                       std::optional<std::string_view> hi) const;
};

class SegmentReader {
 public:
  // Opens the segment file at `path` through `env` (a regular file only,
  // never through a symlink nor waiting on a FIFO). NotFound/errno errors for
  // a file that cannot be opened; FailedPrecondition for one that is not a
  // regular file; DataLoss for a bad header, trailer or footer.
  static absl::StatusOr<std::unique_ptr<SegmentReader>> Open(const std::string& path,
                                                            Env* env = Env::Default());
  // The same over bytes in memory (tests, fuzzing); `name` stands in for the
  // path in error messages.
  static absl::StatusOr<std::unique_ptr<SegmentReader>> OpenBytes(std::string name,
                                                                  std::string bytes);

  ~SegmentReader();
  SegmentReader(const SegmentReader&) = delete;
  SegmentReader& operator=(const SegmentReader&) = delete;

  const std::string& path() const { return path_; }
  // The file Open() opened (0, 0 for OpenBytes): a reader of a file that was
  // since deleted and replaced by another of the same name can be told.
  uint64_t device() const { return device_; }
  uint64_t inode() const { return inode_; }
  // Hash64 of the footer bytes (storage/content_hash.h): the manifest's
  // record of which segment this must be.
  uint64_t footer_hash() const { return footer_hash_; }
  uint32_t row_group_count() const { return static_cast<uint32_t>(groups_.size()); }

  // REQUIRES for the accessors below: group < row_group_count(),
  // 0 <= column < kStoredColumnCount.
  uint32_t row_count(uint32_t group) const { return groups_[group].row_count; }
  // Rows of all row groups.
  uint64_t total_rows() const {
    uint64_t rows = 0;
    for (const GroupMeta& meta : groups_) rows += meta.row_count;
    return rows;
  }
  const ZoneMap& zone_map(uint32_t group, int column) const {
    return groups_[group].zones[column];
  }
  // The eventtime column's zone map: the row group's eventtime range.
  const ZoneMap& eventtime_range(uint32_t group) const;
  // Whether `column` of `group` may hold a value containing `literal` (a
  // `LIKE '%literal%'` piece). Always true for columns without a token bloom,
  // and when the bloom cannot be read or fails its checksum (then the group
  // is read, whose chunks are verified; `ctq check` reports the bloom).
  bool MayContain(uint32_t group, int column, std::string_view literal) const;
  // Reads and verifies the token bloom of `column` of `group` (cached after
  // the first read). REQUIRES: has_token_bloom(group, column).
  absl::StatusOr<std::shared_ptr<const TokenBloom>> LoadBloom(uint32_t group, int column) const;
  bool has_token_bloom(uint32_t group, int column) const {
    return groups_[group].blooms[column].has_value();
  }

  // Reads, verifies and decodes one column chunk.
  absl::StatusOr<StringColumnData> ReadColumn(uint32_t group, int column) const;
  // The same into `out`, reusing its buffers (a scan decodes chunk after
  // chunk into the same columns). With `keep_dictionary`, a dictionary chunk
  // stays in dictionary form (StringColumnData::is_dictionary); with
  // `keep_hex`, a hex chunk stays packed digits (is_hex). On error `out`
  // holds garbage.
  absl::Status ReadColumnInto(uint32_t group, int column, StringColumnData* out,
                              bool keep_dictionary = false, bool keep_hex = false) const;
  // All stored columns of `group` as a RowGroup that ScanColumn reads.
  absl::StatusOr<std::shared_ptr<const RowGroup>> ReadRowGroup(uint32_t group) const;
  // Bytes of the file, and of one chunk (for `ctq info`).
  uint64_t file_size() const;
  uint32_t chunk_size(uint32_t group, int column) const { return groups_[group].chunks[column].size; }
  uint64_t bloom_bytes(uint32_t group, int column) const {
    const auto& bloom = groups_[group].blooms[column];
    return bloom.has_value() ? bloom->num_bits / 8 + 4 : 0;
  }

  // Implementation details, public so that the .cc's helpers can name them.
  class Source;
  struct ChunkRef {
    uint64_t offset = 0;
    uint32_t size = 0;
  };
  struct BloomRef {
    uint64_t offset = 0;  // of the bits; their CRC-32C follows them
    uint32_t num_bits = 0;
    int num_hashes = 0;
  };
  struct GroupMeta {
    uint32_t row_count = 0;
    std::array<ChunkRef, kStoredColumnCount> chunks;
    std::array<ZoneMap, kStoredColumnCount> zones;
    std::array<std::optional<BloomRef>, kStoredColumnCount> blooms;
  };

 private:
  SegmentReader(std::string path, std::unique_ptr<Source> source);
  absl::Status Init();
  absl::Status Corrupt(std::string_view what) const;

  std::string path_;
  std::unique_ptr<Source> source_;
  uint64_t footer_offset_ = 0;
  uint64_t device_ = 0;
  uint64_t inode_ = 0;
  uint64_t footer_hash_ = 0;
  // Blooms read so far, by group * kStoredColumnCount + column.
  mutable std::mutex bloom_mutex_;
  mutable absl::flat_hash_map<uint64_t, std::shared_ptr<const TokenBloom>> blooms_read_;
  std::vector<GroupMeta> groups_;
};

}  // namespace ctq
