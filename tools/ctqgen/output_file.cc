#include "tools/ctqgen/output_file.h"

#include <libdeflate.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ctq/internal/strings.h"

namespace ctq::gen {

void OutputFileWriter::CompressorDeleter::operator()(libdeflate_compressor* compressor) const {
  libdeflate_free_compressor(compressor);
}

OutputFileWriter::OutputFileWriter(bool gzip, int level)
    : gzip_(gzip), compressor_(gzip ? libdeflate_alloc_compressor(level) : nullptr) {}

OutputFileWriter::~OutputFileWriter() = default;

absl::StatusOr<int64_t> OutputFileWriter::Write(const std::string& path,
                                                std::string_view contents) {
  const char* data = contents.data();
  size_t size = contents.size();
  if (gzip_) {
    if (compressor_ == nullptr) return absl::InternalError("libdeflate_alloc_compressor failed");
    const size_t bound = libdeflate_gzip_compress_bound(compressor_.get(), contents.size());
    if (buffer_.size() < bound) buffer_.resize(bound);
    size = libdeflate_gzip_compress(compressor_.get(), contents.data(), contents.size(),
                                    buffer_.data(), buffer_.size());
    if (size == 0) return absl::InternalError(StrCat("gzip compression failed: ", path));
    data = buffer_.data();
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return absl::UnavailableError(StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  const size_t written = std::fwrite(data, 1, size, file);
  const bool closed = std::fclose(file) == 0;
  if (written != size || !closed) {
    return absl::UnavailableError(StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return static_cast<int64_t>(size);
}

}  // namespace ctq::gen
