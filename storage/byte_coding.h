// Little-endian integers and length-prefixed strings, the vocabulary of the
// cache's binary files (segments and the manifest, storage/FORMAT.md).
// ByteCursor reads untrusted bytes: every read is bounds-checked, and after
// the first one that does not fit, ok() is false and reads return zeros.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ctq {

inline void PutU8(std::string* out, uint8_t v) { out->push_back(static_cast<char>(v)); }
inline void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; i++) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline void PutU64(std::string* out, uint64_t v) {
  PutU32(out, static_cast<uint32_t>(v));
  PutU32(out, static_cast<uint32_t>(v >> 32));
}
// REQUIRES: s.size() < 4 GiB.
inline void PutStr(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

inline uint32_t LoadU32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16 | uint32_t{u[3]} << 24;
}
inline uint64_t LoadU64(const char* p) {
  return uint64_t{LoadU32(p)} | uint64_t{LoadU32(p + 4)} << 32;
}

class ByteCursor {
 public:
  explicit ByteCursor(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  size_t remaining() const { return bytes_.size() - pos_; }
  bool Has(size_t n) {
    if (ok_ && n <= remaining()) return true;
    ok_ = false;
    return false;
  }
  uint8_t U8() { return Has(1) ? static_cast<uint8_t>(bytes_[pos_++]) : 0; }
  uint32_t U32() {
    if (!Has(4)) return 0;
    pos_ += 4;
    return LoadU32(bytes_.data() + pos_ - 4);
  }
  uint64_t U64() {
    if (!Has(8)) return 0;
    pos_ += 8;
    return LoadU64(bytes_.data() + pos_ - 8);
  }
  std::string_view Bytes(size_t n) {
    if (!Has(n)) return {};
    pos_ += n;
    return bytes_.substr(pos_ - n, n);
  }
  std::string_view Str() { return Bytes(U32()); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace ctq
