#include "ctq/internal/sql_error.h"

#include <cstring>
#include <string>

#include "absl/strings/cord.h"
#include "ctq/internal/strings.h"

namespace ctq {
namespace {

// The payload key under which a SourceRange travels inside an absl::Status.
constexpr char kSourceRangeUrl[] = "ctq/source_range";

}  // namespace

absl::Status SqlError(absl::StatusCode code, SourceRange range, std::string_view message) {
  absl::Status status(code, std::string(message));
  char bytes[sizeof(uint32_t) * 2];
  std::memcpy(bytes, &range.offset, sizeof(uint32_t));
  std::memcpy(bytes + sizeof(uint32_t), &range.length, sizeof(uint32_t));
  status.SetPayload(kSourceRangeUrl, absl::Cord(absl::string_view(bytes, sizeof(bytes))));
  return status;
}

absl::Status SqlNotSupported(SourceRange range, std::string_view what) {
  return SqlError(absl::StatusCode::kUnimplemented, range, StrCat("not supported: ", what));
}

std::optional<SourceRange> GetSourceRange(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kSourceRangeUrl);
  if (!payload.has_value()) return std::nullopt;
  std::string bytes(*payload);
  if (bytes.size() != sizeof(uint32_t) * 2) return std::nullopt;
  SourceRange range;
  std::memcpy(&range.offset, bytes.data(), sizeof(uint32_t));
  std::memcpy(&range.length, bytes.data() + sizeof(uint32_t), sizeof(uint32_t));
  return range;
}

}  // namespace ctq
