// HexShape: the fixed shape of the values of a hex-encoded column chunk
// (storage/FORMAT.md, encoding 4): `width` bytes, each either a hex digit
// (its position marked by '\0' in the shape) or a fixed byte, digits of one
// case. Turns one value's packed digits (two per byte, high nibble first)
// back into its text. Shared by the segment reader (whole chunks) and the
// column scan (only the rows a query still needs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ctq {

// Values the hex encoding takes: this long, at most.
inline constexpr size_t kHexMinLength = 8;
inline constexpr size_t kHexMaxLength = 128;

class HexShape {
 public:
  // Expand writes whole blocks of this many bytes: a value's text may be
  // followed by up to kSlack - 1 bytes of scratch, so buffers need that slack.
  static constexpr size_t kSlack = 32;

  // REQUIRES: kHexMinLength <= shape.size() <= kHexMaxLength (the reader
  // checks the chunk's header first).
  HexShape(std::string_view shape, bool upper);

  size_t width() const { return width_; }
  size_t digits() const { return digits_; }
  // Bytes of packed digits per value.
  size_t packed_bytes() const { return (digits_ + 1) / 2; }

  // Writes the value whose digits start at `packed` to out[0, width()), and
  // scratch up to out[width() + kSlack - 1).
  void Expand(const unsigned char* packed, char* out) const {
    // A copy in fixed 32-byte blocks: a memcpy of a run-time width per value
    // compiles to rep movsb, slower than all the digits.
    for (size_t b = 0; b < width_; b += kSlack) __builtin_memcpy(out + b, blocks_ + b, kSlack);
    size_t d = 0;
    for (; d + 1 < digits_; d += 2, packed++) {
      out[positions_[d]] = pairs_[*packed][0];
      out[positions_[d + 1]] = pairs_[*packed][1];
    }
    if (d < digits_) out[positions_[d]] = pairs_[*packed][0];
  }

 private:
  size_t width_ = 0;
  size_t digits_ = 0;
  char blocks_[kHexMaxLength + kSlack] = {};  // the shape, zero-padded
  uint8_t positions_[kHexMaxLength] = {};      // of the digits, in order
  char pairs_[256][2] = {};                    // byte -> its two digits
};

}  // namespace ctq
