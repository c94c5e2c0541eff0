#include "storage/segment_reader.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <lz4.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/byte_coding.h"
#include "storage/content_hash.h"
#include "storage/crc32c.h"

namespace ctq {

// Random access to the segment's bytes: a file (pread) or a buffer.
class SegmentReader::Source {
 public:
  virtual ~Source() = default;
  virtual uint64_t size() const = 0;
  // Reads exactly [offset, offset + n). REQUIRES: offset + n <= size().
  virtual absl::Status Read(uint64_t offset, size_t n, std::string* out) const = 0;
};

namespace {

class FileSource final : public SegmentReader::Source {
 public:
  explicit FileSource(std::unique_ptr<RandomAccessFile> file) : file_(std::move(file)) {}
  uint64_t size() const override { return file_->identity().size; }
  absl::Status Read(uint64_t offset, size_t n, std::string* out) const override {
    return file_->Read(offset, n, out);
  }

 private:
  std::unique_ptr<RandomAccessFile> file_;
};

class MemorySource final : public SegmentReader::Source {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  uint64_t size() const override { return bytes_.size(); }
  absl::Status Read(uint64_t offset, size_t n, std::string* out) const override {
    out->assign(bytes_, offset, n);
    return absl::OkStatus();
  }

 private:
  std::string bytes_;
};

// Bit i of a validity bitmap (bit i % 8 of byte i / 8; 1 = non-NULL).
bool ValidBit(std::string_view bitmap, uint32_t i) {
  return (static_cast<unsigned char>(bitmap[i / 8]) >> (i % 8)) & 1;
}

// The unused high bits of a bitmap of n rows must be 0 (FORMAT.md).
bool PaddingBitsClear(std::string_view bitmap, uint32_t n) {
  return n % 8 == 0 || (static_cast<unsigned char>(bitmap.back()) >> (n % 8)) == 0;
}

constexpr uint8_t kZoneHasMinMax = 1;
constexpr uint8_t kZoneMinTruncated = 2;
constexpr uint8_t kZoneMaxTruncated = 4;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Offsets of StringColumnData are uint32_t.
constexpr uint64_t kMaxColumnBytes = uint64_t{0xFFFFFFFF};

// Ids for dictionaries kept in dictionary form; never 0, never reused, so a
// cache keyed by one cannot confuse a refilled buffer with its last contents.
uint64_t NextDictionaryId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

bool ZoneMap::MayContainRange(std::optional<std::string_view> lo,
                              std::optional<std::string_view> hi) const {
  if (!has_min_max) return false;
  // The stored min (exact or a prefix of the true min) is a lower bound.
  if (hi && std::string_view(*hi) < std::string_view(min)) return false;
  if (lo) {
    if (!max_truncated) return !(std::string_view(max) < *lo);
    // The true max starts with `max`; it is below lo exactly when lo is
    // greater than `max` without starting with it.
    if (*lo > std::string_view(max) && !StartsWith(*lo, max)) return false;
  }
  return true;
}

SegmentReader::SegmentReader(std::string path, std::unique_ptr<Source> source)
    : path_(std::move(path)), source_(std::move(source)) {}

SegmentReader::~SegmentReader() = default;

absl::Status SegmentReader::Corrupt(std::string_view what) const {
  return absl::DataLossError(StrCat("segment ", path_, ": ", what));
}

absl::StatusOr<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& path,
                                                                   Env* env) {
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> file = env->OpenForRead(path);
  if (!file.ok()) {
    return absl::Status(file.status().code(),
                        StrCat("segment ", path, ": ", file.status().message()));
  }
  const FileIdentity identity = (*file)->identity();
  std::unique_ptr<SegmentReader> reader(
      new SegmentReader(path, std::make_unique<FileSource>(std::move(*file))));
  reader->device_ = identity.device;
  reader->inode_ = identity.inode;
  CTQ_RETURN_IF_ERROR(reader->Init());
  return reader;
}

absl::StatusOr<std::unique_ptr<SegmentReader>> SegmentReader::OpenBytes(std::string name,
                                                                        std::string bytes) {
  std::unique_ptr<SegmentReader> reader(
      new SegmentReader(std::move(name), std::make_unique<MemorySource>(std::move(bytes))));
  CTQ_RETURN_IF_ERROR(reader->Init());
  return reader;
}

absl::Status SegmentReader::Init() {
  const uint64_t file_size = source_->size();
  if (file_size < kSegmentHeaderSize + kSegmentTrailerSize) {
    return Corrupt(StrCat("file too short (", file_size, " bytes)"));
  }
  std::string header;
  CTQ_RETURN_IF_ERROR(source_->Read(0, kSegmentHeaderSize, &header));
  if (std::string_view(header).substr(0, 8) != kSegmentMagic) return Corrupt("bad header magic");
  if (LoadU32(header.data() + 12) != Crc32c(std::string_view(header).substr(0, 12))) {
    return Corrupt("header checksum mismatch");
  }
  if (uint32_t version = LoadU32(header.data() + 8); version != kSegmentVersion) {
    return Corrupt(StrCat("unsupported version ", version, " (this ctq reads version ",
                          kSegmentVersion, ")"));
  }

  std::string trailer;
  CTQ_RETURN_IF_ERROR(
      source_->Read(file_size - kSegmentTrailerSize, kSegmentTrailerSize, &trailer));
  if (std::string_view(trailer).substr(16, 8) != kSegmentMagic) {
    return Corrupt("bad trailer magic (truncated file?)");
  }
  const uint64_t footer_offset = LoadU64(trailer.data());
  const uint32_t footer_length = LoadU32(trailer.data() + 8);
  const uint32_t footer_crc = LoadU32(trailer.data() + 12);
  if (footer_offset < kSegmentHeaderSize ||
      footer_offset > file_size - kSegmentTrailerSize ||
      footer_length != file_size - kSegmentTrailerSize - footer_offset) {
    return Corrupt(StrCat("bad footer location (offset ", footer_offset, ", length ",
                          footer_length, ", file size ", file_size, ")"));
  }
  footer_offset_ = footer_offset;
  std::string footer;
  CTQ_RETURN_IF_ERROR(source_->Read(footer_offset, footer_length, &footer));
  if (Crc32c(footer) != footer_crc) return Corrupt("footer checksum mismatch");
  footer_hash_ = Hash64(footer);

  ByteCursor in(footer);
  const uint32_t group_count = in.U32();
  const uint32_t column_count = in.U32();
  if (!in.ok()) return Corrupt("bad footer: too short");
  if (column_count != kStoredColumnCount) {
    return Corrupt(StrCat("bad footer: ", column_count, " columns, expected ", kStoredColumnCount));
  }
  // Each row group takes at least this many footer bytes, so a forged count
  // cannot make us reserve much more memory than the footer's size.
  const uint64_t min_group_bytes = 4 + uint64_t{column_count} * 17 + 1;
  if (group_count > in.remaining() / min_group_bytes) {
    return Corrupt(StrCat("bad footer: ", group_count, " row groups do not fit"));
  }
  groups_.resize(group_count);
  for (uint32_t g = 0; g < group_count; g++) {
    GroupMeta& meta = groups_[g];
    meta.row_count = in.U32();
    for (int c = 0; c < kStoredColumnCount; c++) {
      ChunkRef& chunk = meta.chunks[c];
      chunk.offset = in.U64();
      chunk.size = in.U32();
      if (in.ok() && (chunk.size < kChunkOverhead || chunk.offset < kSegmentHeaderSize ||
                      chunk.offset > footer_offset || chunk.size > footer_offset - chunk.offset)) {
        return Corrupt(StrCat("bad footer: chunk of row group ", g, " column ",
                              StoredColumnName(c), " lies outside the data area"));
      }
      ZoneMap& zone = meta.zones[c];
      zone.null_count = in.U32();
      const uint8_t flags = in.U8();
      if (in.ok() && ((flags & ~(kZoneHasMinMax | kZoneMinTruncated | kZoneMaxTruncated)) != 0 ||
                      zone.null_count > meta.row_count)) {
        return Corrupt(StrCat("bad footer: zone map of row group ", g, " column ",
                              StoredColumnName(c)));
      }
      zone.has_min_max = (flags & kZoneHasMinMax) != 0;
      zone.min_truncated = (flags & kZoneMinTruncated) != 0;
      zone.max_truncated = (flags & kZoneMaxTruncated) != 0;
      if (zone.has_min_max) {
        std::string_view min = in.Str();
        std::string_view max = in.Str();
        if (min.size() > kZoneMapMaxBytes || max.size() > kZoneMapMaxBytes) {
          return Corrupt(StrCat("bad footer: zone map of row group ", g, " too long"));
        }
        zone.min = std::string(min);
        zone.max = std::string(max);
      }
    }
    const uint8_t bloom_count = in.U8();
    int previous = -1;
    for (int b = 0; b < bloom_count && in.ok(); b++) {
      const int column = in.U8();
      const uint32_t num_bits = in.U32();
      const int num_hashes = in.U8();
      if (!in.ok()) break;
      if (column <= previous || column >= kStoredColumnCount ||
          !TokenBloom::IsValidShape(num_bits, num_hashes)) {
        return Corrupt(StrCat("bad footer: token bloom of row group ", g));
      }
      previous = column;
      const uint64_t offset = in.U64();
      if (in.ok() && (offset < kSegmentHeaderSize || offset > footer_offset_ ||
                      uint64_t{num_bits} / 8 + 4 > footer_offset_ - offset)) {
        return Corrupt(StrCat("bad footer: token bloom of row group ", g, " out of bounds"));
      }
      meta.blooms[column] =
          BloomRef{.offset = offset, .num_bits = num_bits, .num_hashes = num_hashes};
    }
    if (!in.ok()) return Corrupt(StrCat("bad footer: truncated in row group ", g));
  }
  if (in.remaining() != 0) {
    return Corrupt(StrCat("bad footer: ", in.remaining(), " unexpected trailing bytes"));
  }
  return absl::OkStatus();
}

const ZoneMap& SegmentReader::eventtime_range(uint32_t group) const {
  static const int kEventTime = *FindColumn("eventtime");
  return zone_map(group, kEventTime);
}

bool SegmentReader::MayContain(uint32_t group, int column, std::string_view literal) const {
  if (!groups_[group].blooms[column].has_value()) return true;
  absl::StatusOr<std::shared_ptr<const TokenBloom>> bloom = LoadBloom(group, column);
  return !bloom.ok() || (*bloom)->MayContain(literal);
}

absl::StatusOr<std::shared_ptr<const TokenBloom>> SegmentReader::LoadBloom(uint32_t group,
                                                                           int column) const {
  const uint64_t key = uint64_t{group} * kStoredColumnCount + static_cast<uint64_t>(column);
  std::lock_guard<std::mutex> lock(bloom_mutex_);
  if (auto it = blooms_read_.find(key); it != blooms_read_.end()) return it->second;
  const BloomRef& ref = *groups_[group].blooms[column];
  std::string block;
  CTQ_RETURN_IF_ERROR(source_->Read(ref.offset, ref.num_bits / 8 + 4, &block));
  const size_t bits = ref.num_bits / 8;
  if (Crc32c(std::string_view(block).substr(0, bits)) != LoadU32(block.data() + bits)) {
    return Corrupt(StrCat("checksum mismatch in the token bloom of row group ", group,
                          " column ", StoredColumnName(column)));
  }
  block.resize(bits);
  auto bloom = std::make_shared<const TokenBloom>(ref.num_bits, ref.num_hashes, std::move(block));
  blooms_read_[key] = bloom;
  return std::shared_ptr<const TokenBloom>(std::move(bloom));
}

absl::StatusOr<StringColumnData> SegmentReader::ReadColumn(uint32_t group, int column) const {
  StringColumnData out;
  CTQ_RETURN_IF_ERROR(ReadColumnInto(group, column, &out));
  return out;
}

absl::Status SegmentReader::ReadColumnInto(uint32_t group, int column, StringColumnData* out_column,
                                           bool keep_dictionary, bool keep_hex) const {
  const GroupMeta& meta = groups_[group];
  const ChunkRef& ref = meta.chunks[column];
  const uint32_t n = meta.row_count;
  auto bad = [&](std::string_view what) {
    return Corrupt(StrCat(what, " in row group ", group, " column ", StoredColumnName(column)));
  };

  // Scratch buffers, reused by each thread across chunks: fresh ones of
  // megabytes per chunk cost page faults and zeroing on every scan.
  thread_local std::string chunk;
  thread_local std::string scratch;
  StringColumnData& out = *out_column;
  out.offsets.assign(1, 0);
  out.valid.clear();
  out.is_dictionary = false;
  out.is_hex = false;
  out.hex_shape.reset();
  out.codes.clear();
  out.dictionary_offsets.clear();
  CTQ_RETURN_IF_ERROR(source_->Read(ref.offset, ref.size, &chunk));
  const size_t body = chunk.size() - 4;
  if (Crc32c(std::string_view(chunk).substr(0, body)) != LoadU32(chunk.data() + body)) {
    return bad("checksum mismatch");
  }
  const uint8_t encoding = static_cast<uint8_t>(chunk[0]) & 0x0F;
  const uint8_t codec = static_cast<uint8_t>(chunk[0]) >> 4;
  const uint32_t raw_size = LoadU32(chunk.data() + 1);
  const size_t compressed_size = body - 5;
  if (encoding > static_cast<uint8_t>(ChunkEncoding::kHex)) {
    return bad(StrCat("unknown encoding ", int{encoding}));
  }
  if (codec > static_cast<uint8_t>(ChunkCodec::kDeflate)) {
    return bad(StrCat("unknown codec ", int{codec}));
  }
  // The largest expansion each codec allows (LZ4: 255x, DEFLATE: 1032x), so a
  // forged size cannot make us allocate gigabytes before decompressing.
  const uint64_t max_ratio = codec == static_cast<uint8_t>(ChunkCodec::kLz4) ? 255 : 1032;
  if (compressed_size > LZ4_MAX_INPUT_SIZE || raw_size > LZ4_MAX_INPUT_SIZE ||
      raw_size > max_ratio * compressed_size + 64) {
    return bad("impossible decompressed size");
  }
  // A plain payload, and a dictionary kept in dictionary form, become the
  // column's bytes as they are (decoded in place); the others are decoded
  // from the scratch buffer.
  const bool in_place =
      encoding == static_cast<uint8_t>(ChunkEncoding::kPlain) ||
      (keep_dictionary && encoding == static_cast<uint8_t>(ChunkEncoding::kDictionary)) ||
      (keep_hex && encoding == static_cast<uint8_t>(ChunkEncoding::kHex));
  std::string& raw = in_place ? out.bytes : scratch;
  raw.resize(raw_size);
  if (codec == static_cast<uint8_t>(ChunkCodec::kLz4)) {
    const int got = LZ4_decompress_safe(chunk.data() + 5, raw.data(),
                                        static_cast<int>(compressed_size),
                                        static_cast<int>(raw_size));
    if (got < 0 || static_cast<uint32_t>(got) != raw_size) return bad("bad lz4 data");
  } else {
    // libdeflate checks every bound; one decompressor per thread, reused.
    thread_local std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)>
        inflater(libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
    size_t got = 0;
    if (inflater == nullptr ||
        libdeflate_deflate_decompress(inflater.get(), chunk.data() + 5, compressed_size,
                                      raw.data(), raw_size, &got) != LIBDEFLATE_SUCCESS ||
        got != raw_size) {
      return bad("bad deflate data");
    }
  }
  if (&raw != &out.bytes) out.bytes.clear();
  out.offsets.reserve(uint64_t{n} + 1);
  out.valid.reserve(n);
  switch (static_cast<ChunkEncoding>(encoding)) {
    case ChunkEncoding::kAllNull:
      if (raw_size != 0) return bad("bad payload (all-NULL chunk with data)");
      out.offsets.assign(uint64_t{n} + 1, 0);
      out.valid.assign(n, 0);
      return absl::OkStatus();
    case ChunkEncoding::kConstant: {
      if (keep_dictionary) {
        // A dictionary of the one value: memory is the value plus a code per
        // row, so a crafted chunk (a 60 KB "constant" over 70,000 rows)
        // cannot make a scan allocate gigabytes; the rows it selects are
        // what it pays for.
        out.bytes.assign(raw);
        out.is_dictionary = true;
        out.dictionary_id = NextDictionaryId();
        out.dictionary_offsets.assign({0, raw_size});
        out.codes.assign(n, 1);
        out.valid.assign(n, 1);
        return absl::OkStatus();
      }
      if (uint64_t{raw_size} * n > kMaxColumnBytes) return bad("bad payload (constant too big)");
      out.bytes.reserve(uint64_t{raw_size} * n);
      for (uint32_t i = 0; i < n; i++) out.Append(raw);
      return absl::OkStatus();
    }
    case ChunkEncoding::kPlain: {
      ByteCursor in(raw);
      std::string_view bitmap = in.Bytes((uint64_t{n} + 7) / 8);
      std::string_view lengths = in.Bytes(uint64_t{n} * 4);
      if (!in.ok()) return bad("bad payload (plain chunk too short)");
      if (!PaddingBitsClear(bitmap, n)) {
        return bad("bad payload (validity padding bits set)");
      }
      uint64_t total = 0;
      for (uint32_t i = 0; i < n; i++) {
        const uint32_t length = LoadU32(lengths.data() + 4 * uint64_t{i});
        const bool valid = ValidBit(bitmap, i);
        if (!valid && length != 0) return bad("bad payload (NULL with a length)");
        total += length;
      }
      if (total != in.remaining()) return bad("bad payload (lengths do not match the data)");
      // The values stay where LZ4 put them: `bytes` becomes the whole payload
      // and the offsets start after the bitmap and lengths (a copy of the
      // column's largest part saved per scan).
      uint32_t offset = static_cast<uint32_t>(raw.size() - total);
      out.offsets.resize(uint64_t{n} + 1);
      out.valid.resize(n);
      uint32_t* offsets = out.offsets.data();
      uint8_t* valid = out.valid.data();
      offsets[0] = offset;
      for (uint32_t i = 0; i < n; i++) {
        offset += LoadU32(lengths.data() + 4 * uint64_t{i});
        offsets[i + 1] = offset;
        valid[i] = ValidBit(bitmap, i) ? 1 : 0;
      }
      return absl::OkStatus();
    }
    case ChunkEncoding::kHex: {
      ByteCursor in(raw);
      std::string_view bitmap = in.Bytes((uint64_t{n} + 7) / 8);
      const uint8_t width = in.U8();
      const uint8_t upper = in.U8();
      std::string_view shape = in.Bytes(width);
      if (!in.ok() || width < kHexMinLength || width > kHexMaxLength || upper > 1) {
        return bad("bad payload (hex header)");
      }
      if (!PaddingBitsClear(bitmap, n)) {
        return bad("bad payload (validity padding bits set)");
      }
      auto hex = std::make_shared<const HexShape>(shape, upper != 0);
      const size_t packed = hex->packed_bytes();
      uint64_t valid_rows = 0;
      for (uint32_t i = 0; i < n; i++) valid_rows += ValidBit(bitmap, i);
      if (in.remaining() != valid_rows * packed) return bad("bad payload (hex digits)");
      if (valid_rows * width > kMaxColumnBytes) return bad("bad payload (column too big)");
      const unsigned char* digit =
          reinterpret_cast<const unsigned char*>(in.Bytes(in.remaining()).data());
      out.valid.resize(n);
      uint8_t* valid = out.valid.data();
      if (keep_hex) {
        // The digits stay where they were decompressed (`raw` is out.bytes).
        out.is_hex = true;
        out.hex_shape = std::move(hex);
        out.hex_digits_offset = static_cast<uint32_t>(digit - reinterpret_cast<const unsigned char*>(raw.data()));
        out.codes.resize(n);
        uint32_t rank = 0;
        for (uint32_t i = 0; i < n; i++) {
          const bool present = ValidBit(bitmap, i);
          valid[i] = present ? 1 : 0;
          rank += present ? 1 : 0;
          out.codes[i] = present ? rank : 0;
        }
        return absl::OkStatus();
      }
      // Written in place through pointers (sizes are known): this loop runs
      // for every eventid of a scan that prints it.
      out.bytes.resize(valid_rows * width + HexShape::kSlack);
      out.offsets.resize(uint64_t{n} + 1);
      char* bytes = out.bytes.data();
      uint32_t* offsets = out.offsets.data();
      uint32_t at = 0;
      offsets[0] = 0;
      for (uint32_t i = 0; i < n; i++) {
        const bool present = ValidBit(bitmap, i);
        valid[i] = present ? 1 : 0;
        if (present) {
          hex->Expand(digit, bytes + at);
          digit += packed;
          at += static_cast<uint32_t>(width);
        }
        offsets[i + 1] = at;
      }
      out.bytes.resize(valid_rows * width);
      return absl::OkStatus();
    }
    case ChunkEncoding::kDictionary: {
      ByteCursor in(raw);
      const uint32_t count = in.U32();
      if (!in.ok() || count > n) return bad("bad payload (dictionary size)");
      std::string_view lengths = in.Bytes(uint64_t{count} * 4);
      if (!in.ok()) return bad("bad payload (dictionary too short)");
      std::vector<std::string_view> entries(count);
      for (uint32_t k = 0; k < count; k++) {
        entries[k] = in.Bytes(LoadU32(lengths.data() + 4 * uint64_t{k}));
      }
      const int width = count + 1 <= 256 ? 1 : count + 1 <= 65536 ? 2 : 4;
      std::string_view codes = in.Bytes(uint64_t{n} * width);
      if (!in.ok() || in.remaining() != 0) return bad("bad payload (dictionary codes)");
      if (keep_dictionary) {
        // Entries stay where they were decompressed (`raw` is out.bytes).
        out.is_dictionary = true;
        out.dictionary_id = NextDictionaryId();
        out.dictionary_offsets.resize(uint64_t{count} + 1);
        out.dictionary_offsets[0] =
            count == 0 ? 0 : static_cast<uint32_t>(entries[0].data() - raw.data());
        for (uint32_t k = 0; k < count; k++) {
          out.dictionary_offsets[k + 1] =
              static_cast<uint32_t>(entries[k].data() - raw.data() + entries[k].size());
        }
        out.codes.resize(n);
        out.valid.resize(n);
        const unsigned char* p = reinterpret_cast<const unsigned char*>(codes.data());
        uint32_t worst = 0;
        for (uint32_t i = 0; i < n; i++, p += width) {
          const uint32_t code = width == 1   ? p[0]
                                : width == 2 ? uint32_t{p[0]} | uint32_t{p[1]} << 8
                                             : LoadU32(reinterpret_cast<const char*>(p));
          worst = std::max(worst, code);
          out.codes[i] = code;
          out.valid[i] = code != 0 ? 1 : 0;
        }
        if (worst > count) return bad("bad payload (dictionary code out of range)");
        return absl::OkStatus();
      }
      uint64_t total = 0;
      std::vector<uint32_t> decoded(n);
      for (uint32_t i = 0; i < n; i++) {
        const unsigned char* p = reinterpret_cast<const unsigned char*>(codes.data()) +
                                 uint64_t{i} * width;
        uint32_t code = width == 1   ? p[0]
                        : width == 2 ? uint32_t{p[0]} | uint32_t{p[1]} << 8
                                     : LoadU32(reinterpret_cast<const char*>(p));
        if (code > count) return bad("bad payload (dictionary code out of range)");
        decoded[i] = code;
        if (code != 0) total += entries[code - 1].size();
      }
      if (total > kMaxColumnBytes) return bad("bad payload (column too big)");
      out.bytes.resize(total);
      out.offsets.resize(uint64_t{n} + 1);
      out.valid.resize(n);
      char* bytes = out.bytes.data();
      uint32_t* offsets = out.offsets.data();
      uint8_t* valid = out.valid.data();
      uint32_t at = 0;
      offsets[0] = 0;
      for (uint32_t i = 0; i < n; i++) {
        const uint32_t code = decoded[i];
        valid[i] = code != 0 ? 1 : 0;
        if (code != 0) {
          const std::string_view entry = entries[code - 1];
          std::memcpy(bytes + at, entry.data(), entry.size());
          at += static_cast<uint32_t>(entry.size());
        }
        offsets[i + 1] = at;
      }
      return absl::OkStatus();
    }
  }
  return bad("unknown encoding");
}

uint64_t SegmentReader::file_size() const { return source_->size(); }

absl::StatusOr<std::shared_ptr<const RowGroup>> SegmentReader::ReadRowGroup(uint32_t group) const {
  auto rows = std::make_shared<RowGroup>();
  rows->row_count = groups_[group].row_count;
  for (int c = 0; c < kStoredColumnCount; c++) {
    CTQ_ASSIGN_OR_RETURN(rows->columns[c], ReadColumn(group, c));
  }
  return std::shared_ptr<const RowGroup>(std::move(rows));
}

}  // namespace ctq
