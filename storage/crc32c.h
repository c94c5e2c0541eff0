// CRC-32C (Castagnoli), the checksum of the segment file format (FORMAT.md).
// Debian's Abseil 20220623 has no absl/crc, so ctq carries its own: SSE4.2's
// crc32 instruction where the CPU has it (checked once at run time), else a
// table-driven slicing-by-8 loop. Both give the same values (RFC 3720 B.4).
// Thread-safety: all functions are pure and safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ctq {

// Extends `crc` (the CRC-32C of some earlier bytes, 0 for none) over
// data[0, size). Crc32cExtend(Crc32cExtend(0, a), b) == Crc32c(a + b).
uint32_t Crc32cExtend(uint32_t crc, const void* data, size_t size);

inline uint32_t Crc32c(std::string_view data) {
  return Crc32cExtend(0, data.data(), data.size());
}

// The portable path alone, so tests can compare it with the hardware path.
uint32_t Crc32cExtendPortable(uint32_t crc, const void* data, size_t size);

// True when Crc32cExtend uses the SSE4.2 instruction.
bool Crc32cHardwareAccelerated();

}  // namespace ctq
