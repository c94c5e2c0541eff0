#include "storage/hex_shape.h"

#include <cstring>

namespace ctq {

HexShape::HexShape(std::string_view shape, bool upper) : width_(shape.size()) {
  std::memcpy(blocks_, shape.data(), width_);
  for (size_t p = 0; p < width_; p++) {
    if (shape[p] == '\0') positions_[digits_++] = static_cast<uint8_t>(p);
  }
  const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  for (int b = 0; b < 256; b++) {
    pairs_[b][0] = alphabet[b >> 4];
    pairs_[b][1] = alphabet[b & 0x0F];
  }
}

}  // namespace ctq
