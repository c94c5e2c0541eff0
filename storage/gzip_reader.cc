#include "storage/gzip_reader.h"

#include <libdeflate.h>

#include <algorithm>

#include "ctq/internal/strings.h"

namespace ctq {
namespace {

// A gzip member is at least a 10-byte header, an empty deflate block and an
// 8-byte trailer.
constexpr size_t kMinMemberBytes = 18;
// DEFLATE cannot expand data by more than about 1032:1, so a larger size
// claimed by a gzip trailer is corrupt and must not drive an allocation.
constexpr uint64_t kMaxDeflateRatio = 1032;

uint32_t ReadLittleEndian32(const char* bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes);
  return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
}

// A first guess at the decompressed size of the member that starts `rest`.
// For the last (usually only) member the trailer's ISIZE field is the exact
// size modulo 2^32; otherwise assume typical JSON compression (about 8:1).
uint64_t GuessMemberSize(std::string_view rest) {
  uint64_t upper_bound = rest.size() * kMaxDeflateRatio + 1024;
  uint64_t guess = rest.size() * 8;
  if (rest.size() >= kMinMemberBytes) {
    uint32_t trailer_size = ReadLittleEndian32(rest.data() + rest.size() - 4);
    if (trailer_size > 0 && trailer_size <= upper_bound) guess = trailer_size;
  }
  return std::clamp<uint64_t>(guess, 4096, std::min(upper_bound, kMaxJsonBytes));
}

absl::Status InflatesPast(uint64_t max_bytes) {
  return absl::OutOfRangeError(StrCat("gzip data inflates past ", max_bytes, " bytes"));
}

bool AllZero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

}  // namespace

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

GzipDecompressor::GzipDecompressor() : decompressor_(libdeflate_alloc_decompressor()) {}

GzipDecompressor::~GzipDecompressor() {
  if (decompressor_ != nullptr) libdeflate_free_decompressor(decompressor_);
}

absl::Status GzipDecompressor::Decompress(std::string_view input, uint64_t max_bytes,
                                          PaddedBuffer* output) {
  max_bytes = std::min(max_bytes, kMaxJsonBytes);
  if (decompressor_ == nullptr) {
    return absl::ResourceExhaustedError("Cannot allocate a gzip decompressor");
  }
  output->Resize(0);
  uint64_t out_size = 0;
  size_t in_pos = 0;
  while (in_pos < input.size()) {
    std::string_view rest = input.substr(in_pos);
    if (!IsGzip(rest)) {
      if (AllZero(rest)) break;
      return absl::InvalidArgumentError(
          StrCat("unexpected bytes after gzip data at byte ", in_pos));
    }
    if (rest.size() < kMinMemberBytes) {
      return absl::InvalidArgumentError(StrCat("gzip data is truncated at byte ", in_pos));
    }
    uint64_t avail = GuessMemberSize(rest);
    while (true) {
      // One byte over the limit tells "inflates past it" from "fits exactly".
      avail = std::min(avail, max_bytes + 1 - out_size);
      output->Resize(out_size + avail);
      size_t in_used = 0;
      size_t out_used = 0;
      libdeflate_result result =
          libdeflate_gzip_decompress_ex(decompressor_, rest.data(), rest.size(),
                                        output->data() + out_size, avail, &in_used, &out_used);
      if (result == LIBDEFLATE_SUCCESS) {
        out_size += out_used;
        in_pos += in_used;
        if (out_size > max_bytes) {
          output->Resize(0);
          return InflatesPast(max_bytes);
        }
        break;
      }
      if (result == LIBDEFLATE_INSUFFICIENT_SPACE) {
        if (out_size + avail > max_bytes) {
          output->Resize(0);
          return InflatesPast(max_bytes);
        }
        avail *= 2;
        continue;
      }
      // libdeflate reports a truncated stream and a bad one alike (including
      // a CRC mismatch), so the message names both.
      return absl::InvalidArgumentError(
          StrCat("gzip data is corrupt or truncated (member at byte ", in_pos, ")"));
    }
  }
  output->Resize(out_size);
  return absl::OkStatus();
}

}  // namespace ctq
