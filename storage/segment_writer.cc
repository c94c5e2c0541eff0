#include "storage/segment_writer.h"

#include <libdeflate.h>
#include <lz4.h>
#include <lz4hc.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/byte_coding.h"
#include "storage/content_hash.h"
#include "storage/crc32c.h"

namespace ctq {
namespace {

// The chosen layout of one column chunk before LZ4.
struct EncodedChunk {
  ChunkEncoding encoding = ChunkEncoding::kAllNull;
  std::string payload;
  ZoneMap zone;
  std::vector<std::string_view> distinct;  // the dictionary, when there is one
};

void SetZoneBounds(std::string_view min, std::string_view max, ZoneMap* zone) {
  zone->has_min_max = true;
  zone->min_truncated = min.size() > kZoneMapMaxBytes;
  zone->max_truncated = max.size() > kZoneMapMaxBytes;
  zone->min = std::string(min.substr(0, kZoneMapMaxBytes));
  zone->max = std::string(max.substr(0, kZoneMapMaxBytes));
}

int HexValue(unsigned char c, bool* lower, bool* upper) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') {
    *lower = true;
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    *upper = true;
    return c - 'A' + 10;
  }
  return -1;
}

// The hex encoding (FORMAT.md): when every non-NULL value has one shape, the
// same length with hex digits of one letter case at the same positions and
// the same other bytes elsewhere (UUIDs such as eventid, S3 request ids), the
// digits are stored as nibbles. Random hex is incompressible past 4 bits a
// digit, which DEFLATE's Huffman codes do not quite reach (measured: 19 bytes
// a UUID against 16). Returns false, leaving `chunk` alone, when the values
// do not fit.
bool EncodeHex(const StringColumnData& column, uint32_t n, EncodedChunk* chunk) {
  uint32_t first_row = 0;
  while (first_row < n && column.IsNull(first_row)) first_row++;
  const std::string_view first = column.Get(first_row);
  if (first.size() < kHexMinLength || first.size() > kHexMaxLength) return false;
  std::string shape(first.size(), '\0');  // '\0': a digit; else the byte itself
  bool lower = false, upper = false;
  size_t digits = 0;
  for (size_t p = 0; p < first.size(); p++) {
    if (HexValue(static_cast<unsigned char>(first[p]), &lower, &upper) >= 0) {
      digits++;
    } else if (first[p] == '\0') {
      return false;  // would read as a digit position
    } else {
      shape[p] = first[p];
    }
  }
  if (digits < first.size() / 2) return false;
  const size_t packed = (digits + 1) / 2;
  std::string bitmap((uint64_t{n} + 7) / 8, '\0');
  std::string nibbles;
  nibbles.reserve(uint64_t{n} * packed);
  std::string_view min, max;
  bool have = false;
  for (uint32_t i = 0; i < n; i++) {
    if (column.IsNull(i)) continue;
    std::string_view value = column.Get(i);
    if (value.size() != shape.size()) return false;
    size_t d = 0;
    uint8_t pending = 0;
    for (size_t p = 0; p < value.size(); p++) {
      if (shape[p] != '\0') {
        if (value[p] != shape[p]) return false;
        continue;
      }
      int nibble = HexValue(static_cast<unsigned char>(value[p]), &lower, &upper);
      if (nibble < 0) return false;
      if (d % 2 == 0) {
        pending = static_cast<uint8_t>(nibble << 4);
      } else {
        nibbles.push_back(static_cast<char>(pending | nibble));
      }
      d++;
    }
    if (d % 2 == 1) nibbles.push_back(static_cast<char>(pending));
    if (lower && upper) return false;
    bitmap[i / 8] = static_cast<char>(static_cast<unsigned char>(bitmap[i / 8]) | (1u << (i % 8)));
    if (!have || value < min) min = value;
    if (!have || value > max) max = value;
    have = true;
  }
  chunk->encoding = ChunkEncoding::kHex;
  SetZoneBounds(min, max, &chunk->zone);
  chunk->payload.clear();
  chunk->payload.append(bitmap);
  PutU8(&chunk->payload, static_cast<uint8_t>(shape.size()));
  PutU8(&chunk->payload, upper ? 1 : 0);
  chunk->payload.append(shape);
  chunk->payload.append(nibbles);
  return true;
}

EncodedChunk Encode(const StringColumnData& column, uint32_t n, bool low_cardinality) {
  EncodedChunk chunk;
  uint32_t nulls = 0;
  for (uint32_t i = 0; i < n; i++) nulls += column.IsNull(i) ? 1 : 0;
  chunk.zone.null_count = nulls;
  const uint32_t non_null = n - nulls;
  if (non_null == 0) return chunk;  // all NULL, including 0-row groups

  // Count distinct values, giving up once a dictionary would not pay.
  const uint32_t limit = std::max<uint32_t>(1, non_null / (low_cardinality ? 2 : 4));
  absl::flat_hash_map<std::string_view, uint32_t> codes;
  bool dictionary = true;
  for (uint32_t i = 0; i < n && dictionary; i++) {
    if (column.IsNull(i)) continue;
    codes.try_emplace(column.Get(i), 0);
    if (codes.size() > limit && codes.size() > 1) dictionary = false;
  }

  if (dictionary) {
    // Sorted entries: the zone map falls out, and codes keep value order.
    chunk.distinct.reserve(codes.size());
    for (const auto& [value, unused] : codes) chunk.distinct.push_back(value);
    std::sort(chunk.distinct.begin(), chunk.distinct.end());
    SetZoneBounds(chunk.distinct.front(), chunk.distinct.back(), &chunk.zone);
    if (chunk.distinct.size() == 1 && nulls == 0) {
      chunk.encoding = ChunkEncoding::kConstant;
      chunk.payload = std::string(chunk.distinct.front());
      return chunk;
    }
    chunk.encoding = ChunkEncoding::kDictionary;
    for (uint32_t k = 0; k < chunk.distinct.size(); k++) codes[chunk.distinct[k]] = k + 1;
    const uint32_t count = static_cast<uint32_t>(chunk.distinct.size());
    PutU32(&chunk.payload, count);
    for (std::string_view entry : chunk.distinct) PutU32(&chunk.payload, entry.size());
    for (std::string_view entry : chunk.distinct) chunk.payload.append(entry);
    const int width = count + 1 <= 256 ? 1 : count + 1 <= 65536 ? 2 : 4;
    for (uint32_t i = 0; i < n; i++) {
      const uint32_t code = column.IsNull(i) ? 0 : codes.find(column.Get(i))->second;
      for (int b = 0; b < width; b++) chunk.payload.push_back(static_cast<char>(code >> (8 * b)));
    }
    return chunk;
  }

  if (EncodeHex(column, n, &chunk)) return chunk;
  chunk.encoding = ChunkEncoding::kPlain;
  std::string_view min, max;
  bool first = true;
  std::string bitmap((uint64_t{n} + 7) / 8, '\0');
  std::string lengths;
  lengths.reserve(uint64_t{n} * 4);
  for (uint32_t i = 0; i < n; i++) {
    if (column.IsNull(i)) {
      PutU32(&lengths, 0);
      continue;
    }
    bitmap[i / 8] = static_cast<char>(static_cast<unsigned char>(bitmap[i / 8]) | (1u << (i % 8)));
    std::string_view value = column.Get(i);
    PutU32(&lengths, static_cast<uint32_t>(value.size()));
    if (first || value < min) min = value;
    if (first || value > max) max = value;
    first = false;
  }
  SetZoneBounds(min, max, &chunk.zone);
  chunk.payload.reserve(bitmap.size() + lengths.size() + column.bytes.size());
  chunk.payload.append(bitmap);
  chunk.payload.append(lengths);
  for (uint32_t i = 0; i < n; i++) chunk.payload.append(column.Get(i));
  return chunk;
}

}  // namespace

SegmentWriter::SegmentWriter(SegmentWriterOptions options)
    : options_(options), deflate_(nullptr, libdeflate_free_compressor) {
  if (options_.deflate_level > 0) {
    deflate_.reset(libdeflate_alloc_compressor(std::min(options_.deflate_level, 12)));
  }
  file_.append(kSegmentMagic);
  PutU32(&file_, kSegmentVersion);
  PutU32(&file_, Crc32c(file_));
}

absl::Status SegmentWriter::Add(const RowGroup& group) {
  const uint32_t n = group.row_count;
  for (int c = 0; c < kStoredColumnCount; c++) {
    const StringColumnData& column = group.columns[c];
    if (column.size() != n || column.offsets.size() != uint64_t{n} + 1 ||
        column.offsets.back() != column.bytes.size()) {
      return absl::InvalidArgumentError(
          StrCat("row group column ", StoredColumnName(c), " does not have ", n, " rows"));
    }
  }
  std::string entry;
  PutU32(&entry, n);
  std::string blooms;
  uint8_t bloom_count = 0;
  for (int c = 0; c < kStoredColumnCount; c++) {
    const StringColumnData& column = group.columns[c];
    const bool low_cardinality = StoredColumnIsLowCardinality(c);
    const bool json_text = c < kCloudTrailColumnCount && CloudTrailColumns()[c].json_text;
    EncodedChunk chunk = Encode(column, n, low_cardinality);
    if (chunk.payload.size() > LZ4_MAX_INPUT_SIZE) {
      return absl::InvalidArgumentError(
          StrCat("column ", StoredColumnName(c), " is too big for one chunk"));
    }

    // The chunk: encoding and codec, raw size, compressed block, CRC-32C.
    const uint64_t offset = file_.size();
    // JSON text is what queries read back most (to print it, or to
    // json_extract_scalar from it) after their filters pass a few rows:
    // LZ4 HC decodes it about ten times faster than DEFLATE, for about a
    // quarter more bytes (docs/decisions.md, 16). Other big chunks are DEFLATE.
    const bool deflate = deflate_ != nullptr && chunk.payload.size() >= kDeflateMinBytes &&
                         !(json_text && chunk.encoding == ChunkEncoding::kPlain &&
                           options_.lz4_hc_level > 0);
    const ChunkCodec codec = deflate ? ChunkCodec::kDeflate : ChunkCodec::kLz4;
    PutU8(&file_, static_cast<uint8_t>(static_cast<uint8_t>(chunk.encoding) |
                                       static_cast<uint8_t>(codec) << 4));
    PutU32(&file_, static_cast<uint32_t>(chunk.payload.size()));
    const int raw = static_cast<int>(chunk.payload.size());
    const size_t bound = deflate ? libdeflate_deflate_compress_bound(deflate_.get(), raw)
                                 : static_cast<size_t>(LZ4_compressBound(raw));
    const size_t start = file_.size();
    file_.resize(start + bound);
    int compressed = 0;
    if (deflate) {
      compressed = static_cast<int>(libdeflate_deflate_compress(
          deflate_.get(), chunk.payload.data(), raw, file_.data() + start, bound));
    } else if (options_.lz4_hc_level > 0) {
      compressed = LZ4_compress_HC(chunk.payload.data(), file_.data() + start, raw,
                                   static_cast<int>(bound), options_.lz4_hc_level);
    } else {
      compressed = LZ4_compress_default(chunk.payload.data(), file_.data() + start, raw,
                                        static_cast<int>(bound));
    }
    if (compressed <= 0 && raw > 0) {
      return absl::InternalError(StrCat("compression failed on column ", StoredColumnName(c)));
    }
    file_.resize(start + compressed);
    PutU32(&file_, Crc32c(std::string_view(file_).substr(offset)));
    const uint64_t size = file_.size() - offset;
    stats_.chunks_by_encoding[static_cast<int>(chunk.encoding)]++;
    stats_.raw_bytes += chunk.payload.size();
    stats_.compressed_bytes += compressed;
    stats_.column_chunk_bytes[c] += size;

    PutU64(&entry, offset);
    PutU32(&entry, static_cast<uint32_t>(size));
    PutU32(&entry, chunk.zone.null_count);
    PutU8(&entry, (chunk.zone.has_min_max ? 1 : 0) | (chunk.zone.min_truncated ? 2 : 0) |
                      (chunk.zone.max_truncated ? 4 : 0));
    if (chunk.zone.has_min_max) {
      PutStr(&entry, chunk.zone.min);
      PutStr(&entry, chunk.zone.max);
    }

    if (json_text) {
      TokenBloomBuilder builder;
      if (chunk.encoding == ChunkEncoding::kPlain) {
        for (uint32_t i = 0; i < n; i++) {
          if (!column.IsNull(i)) builder.Add(column.Get(i));
        }
      } else {
        for (std::string_view value : chunk.distinct) builder.Add(value);
      }
      const auto max_bits = static_cast<uint64_t>(options_.bloom_max_fraction * 8.0 *
                                                   static_cast<double>(size));
      TokenBloom bloom = builder.Build(options_.bloom_bits_per_key, max_bits);
      // The bits are a block of their own (bits, CRC-32C), out of the footer:
      // a query reads them only when a LIKE needs them, so opening a big
      // cache does not read every bloom.
      const uint64_t bloom_offset = file_.size();
      file_.append(bloom.bits());
      PutU32(&file_, Crc32c(bloom.bits()));
      PutU8(&blooms, static_cast<uint8_t>(c));
      PutU32(&blooms, bloom.num_bits());
      PutU8(&blooms, static_cast<uint8_t>(bloom.num_hashes()));
      PutU64(&blooms, bloom_offset);
      stats_.bloom_bytes += bloom.bits().size();
      stats_.column_bloom_bytes[c] += bloom.bits().size();
      bloom_count++;
    }
  }
  PutU8(&entry, bloom_count);
  entry.append(blooms);
  footer_.append(entry);
  group_count_++;
  return absl::OkStatus();
}

std::string SegmentWriter::Finish() {
  const uint64_t footer_offset = file_.size();
  std::string footer;
  PutU32(&footer, group_count_);
  PutU32(&footer, kStoredColumnCount);
  footer.append(footer_);
  footer_hash_ = Hash64(footer);
  file_.append(footer);
  PutU64(&file_, footer_offset);
  PutU32(&file_, static_cast<uint32_t>(footer.size()));
  PutU32(&file_, Crc32c(footer));
  file_.append(kSegmentMagic);
  return std::move(file_);
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  return WriteFileAtomically(Env::Default(), path, bytes, RandomHex(8));
}

absl::Status WriteSegment(const std::string& path,
                          const std::vector<std::shared_ptr<const RowGroup>>& groups,
                          const SegmentWriterOptions& options) {
  SegmentWriter writer(options);
  for (const auto& group : groups) CTQ_RETURN_IF_ERROR(writer.Add(*group));
  return WriteFileAtomically(path, writer.Finish());
}

}  // namespace ctq
