// LikeMatcher: a compiled SQL LIKE pattern with Trino semantics. `%` matches
// any run of characters, `_` exactly one character (a UTF-8 code point), the
// match covers the whole string and is case-sensitive; an optional escape
// character makes the next `%`, `_` or escape literal.
//
// Patterns are classified when compiled (exact, prefix, suffix, contains,
// general) so that the common CloudTrail filters (`'%sg-123%'`, `'72.21.%'`)
// run as a single memcmp or memmem.
//
// Thread-safety: immutable after Compile; safe for concurrent use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ctq {

class LikeMatcher {
 public:
  enum class Shape { kExact, kPrefix, kSuffix, kContains, kGeneral };

  // Errors (InvalidArgument): an escape that is not exactly one character, or
  // an escape followed by something other than `%`, `_` or itself.
  static absl::StatusOr<LikeMatcher> Compile(std::string_view pattern,
                                             std::optional<std::string_view> escape);

  bool Matches(std::string_view text) const;
  Shape shape() const { return shape_; }
  // For kExact/kPrefix/kSuffix/kContains: the literal text.
  const std::string& literal() const { return literal_; }

  // The pattern's literal runs (the text between wildcards, escapes resolved),
  // for any shape. Every matching string contains each run as a substring,
  // which is what lets a scan skip data by metadata (exec/scan_pruning.h).
  // `anchored_start`: the first run is also a prefix of every match. The
  // views point into this matcher.
  struct LiteralRuns {
    std::vector<std::string_view> runs;
    bool anchored_start = false;
  };
  LiteralRuns FindLiteralRuns() const;

 private:
  // One element of a general pattern.
  struct Token {
    enum class Kind { kLiteral, kAnyOne, kAnyMany } kind;
    std::string text;  // kLiteral only
  };

  bool MatchGeneral(std::string_view text) const;

  Shape shape_ = Shape::kExact;
  std::string literal_;
  std::vector<Token> tokens_;
};

}  // namespace ctq
