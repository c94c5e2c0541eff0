// Writing segment files, the immutable files of the columnar cache (the byte
// layout is in storage/FORMAT.md). For each column chunk the writer picks an
// encoding (all NULL, constant, dictionary or plain), compresses it with LZ4,
// checksums it with CRC-32C and records a zone map; for the JSON text columns
// it also builds a token bloom filter (storage/token_bloom.h).
//
// Thread-safety: a SegmentWriter is not thread-safe; separate writers may be
// used concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "storage/env.h"
#include "storage/row_group.h"
#include "storage/segment_reader.h"

struct libdeflate_compressor;

namespace ctq {

// Payloads smaller than this are compressed with LZ4 whatever the options:
// DEFLATE's block header costs more than it saves on them.
inline constexpr size_t kDeflateMinBytes = 512;

struct SegmentWriterOptions {
  // Chunks of at least kDeflateMinBytes are compressed with DEFLATE (libdeflate)
  // at this level, when it is > 0; the others with LZ4. Measured on a 31k-event
  // ctqgen segment (24.4 MB of values): LZ4 HC 3 gave 5.08 MB in 0.34 s,
  // DEFLATE 1 4.14 MB in 0.14 s, 4 3.82 MB in 0.24 s, 6 3.65 MB in 0.27 s:
  // Huffman coding is what random hex IDs and JSON text need. (docs/decisions.md 11)
  int deflate_level = 6;
  // For LZ4 chunks: 0: LZ4_compress_default. 1..12: LZ4 HC at that level. Measured on the
  // real logs (14.9 MB input): fast 0.53 of the input, HC 3 0.45 at 1.6x the
  // encode time, HC 9 0.44 at 2.5x; decoding speed is the same for all.
  int lz4_hc_level = 3;
  // Token bloom size, in bits per distinct key (token or 4-gram).
  double bloom_bits_per_key = 8.0;
  // ... but a bloom takes at most this fraction of its column chunk's bytes:
  // on columns full of random IDs a full-size filter would double the column.
  double bloom_max_fraction = 0.25;
};

// Per-encoding counts, for reporting and tests.
struct SegmentWriterStats {
  uint64_t chunks_by_encoding[5] = {0, 0, 0, 0, 0};
  uint64_t raw_bytes = 0;         // encoded payloads before LZ4
  uint64_t compressed_bytes = 0;  // LZ4 output
  uint64_t bloom_bytes = 0;
  // Per stored column: chunk bytes in the file, and token bloom bytes.
  uint64_t column_chunk_bytes[kStoredColumnCount] = {};
  uint64_t column_bloom_bytes[kStoredColumnCount] = {};
};

// Builds one segment in memory, a row group at a time.
class SegmentWriter {
 public:
  explicit SegmentWriter(SegmentWriterOptions options = {});

  // Encodes `group` as the next row group. InvalidArgument if the group is
  // malformed (a column whose size is not row_count) or a chunk is too big
  // for LZ4 (> ~2 GB encoded).
  absl::Status Add(const RowGroup& group);

  // The complete file bytes. The writer must not be used afterwards.
  std::string Finish();
  // After Finish: Hash64 of the footer (what SegmentReader::footer_hash()
  // computes), which the manifest records (storage/content_hash.h).
  uint64_t footer_hash() const { return footer_hash_; }

  const SegmentWriterStats& stats() const { return stats_; }

 private:
  absl::Status AddChunk(const StringColumnData& column, int column_index, uint32_t row_count);

  SegmentWriterOptions options_;
  SegmentWriterStats stats_;
  std::string file_;    // header and chunks so far
  std::string footer_;  // row-group entries so far
  uint32_t group_count_ = 0;
  uint64_t footer_hash_ = 0;
  std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> deflate_;
};

// Writes `bytes` to `path` crash-safely with the default Env and a random
// temporary name (env.h). Errors are errno statuses naming the path.
absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// Encodes `groups` and writes them to `path` with WriteFileAtomically.
absl::Status WriteSegment(const std::string& path,
                          const std::vector<std::shared_ptr<const RowGroup>>& groups,
                          const SegmentWriterOptions& options = {});

}  // namespace ctq
