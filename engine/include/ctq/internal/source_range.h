// SourceRange: a byte range in the SQL text a user wrote. Every token, AST node
// and bound expression carries one so that errors can point into the query.
#pragma once

#include <cstdint>

namespace ctq {

// The half-open byte range [offset, offset + length) of the original SQL text.
struct SourceRange {
  uint32_t offset = 0;
  uint32_t length = 0;

  uint32_t end() const { return offset + length; }

  // The smallest range that covers both `a` and `b`.
  static SourceRange Cover(SourceRange a, SourceRange b) {
    uint32_t begin = a.offset < b.offset ? a.offset : b.offset;
    uint32_t end = a.end() > b.end() ? a.end() : b.end();
    return SourceRange{begin, end - begin};
  }
};

}  // namespace ctq
