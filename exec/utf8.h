// UTF-8 helpers for kernels whose positions count characters (code points),
// as Trino's do: LIKE's `_`, length(), substr(), strpos().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ctq {

// Length of the UTF-8 sequence that starts with `lead`. An invalid lead byte
// counts as a one-byte character, so that scanning always makes progress.
inline size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// The byte offset of the character after the one at `pos` (clamped to the end).
inline size_t NextCharacter(std::string_view text, size_t pos) {
  size_t next = pos + Utf8SequenceLength(static_cast<unsigned char>(text[pos]));
  return next > text.size() ? text.size() : next;
}

// Number of characters: bytes that do not continue a sequence.
inline int64_t CodePointCount(std::string_view text) {
  int64_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace ctq
