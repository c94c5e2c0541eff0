// Decompressing gzip files (RFC 1952) with libdeflate, including files made of
// several concatenated gzip members, as `cat a.gz b.gz` and some log shippers
// produce.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "storage/padded_buffer.h"

struct libdeflate_decompressor;

namespace ctq {

// The largest decompressed file ingest accepts. simdjson addresses a document
// with 32-bit offsets, and a bound keeps a "zip bomb" from exhausting memory.
inline constexpr uint64_t kMaxJsonBytes = (uint64_t{1} << 32) - (uint64_t{1} << 16);

// True if `bytes` starts with the gzip magic number 1f 8b. Ingest decides by
// content, never by file name.
bool IsGzip(std::string_view bytes);

// Owns a libdeflate decompressor. Not thread-safe: one per worker thread.
class GzipDecompressor {
 public:
  GzipDecompressor();
  ~GzipDecompressor();
  GzipDecompressor(const GzipDecompressor&) = delete;
  GzipDecompressor& operator=(const GzipDecompressor&) = delete;

  // Decompresses every gzip member of `input` into `output` (replacing its
  // contents). Zero bytes after the last member are ignored, as gzip(1) does;
  // any other trailing bytes are an error. Corrupt or truncated data is
  // InvalidArgument with a message that names the problem and the byte
  // offset of the member. Output that would pass `max_bytes` (at most
  // kMaxJsonBytes) is OutOfRange, and `output` never holds more than
  // `max_bytes`: the caller words the reason, since only it knows which of
  // its limits `max_bytes` is.
  // REQUIRES: IsGzip(input).
  absl::Status Decompress(std::string_view input, uint64_t max_bytes, PaddedBuffer* output);
  absl::Status Decompress(std::string_view input, PaddedBuffer* output) {
    return Decompress(input, kMaxJsonBytes, output);
  }

 private:
  libdeflate_decompressor* decompressor_;
};

}  // namespace ctq
