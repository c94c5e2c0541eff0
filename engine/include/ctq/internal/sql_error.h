// Errors that point into the SQL text: a Status carrying a SourceRange payload.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "ctq/internal/source_range.h"

namespace ctq {

// Returns a Status with `code` and `message`, and `range` attached as a payload
// so that FormatError can draw a caret under the offending SQL.
absl::Status SqlError(absl::StatusCode code, SourceRange range, std::string_view message);

// Shorthands for the two codes the parser and binder use most.
inline absl::Status SqlInvalid(SourceRange range, std::string_view message) {
  return SqlError(absl::StatusCode::kInvalidArgument, range, message);
}
// Valid Trino SQL outside ctq's dialect: "not supported: <what>".
absl::Status SqlNotSupported(SourceRange range, std::string_view what);

// The range attached by SqlError, if any.
std::optional<SourceRange> GetSourceRange(const absl::Status& status);

}  // namespace ctq
