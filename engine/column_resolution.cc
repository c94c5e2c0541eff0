#include "engine/column_resolution.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/strings.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

// Levenshtein distance, to suggest a column for a misspelt name.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) row[j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); j++) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string Suggestion(std::string_view name) {
  std::string best;
  size_t best_distance = 3;
  auto consider = [&](std::string_view candidate) {
    size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
    // Also match a misspelt last part of a nested name (`username` for
    // `useridentity.username`).
    size_t dot = candidate.rfind('.');
    if (dot != std::string_view::npos && EditDistance(name, candidate.substr(dot + 1)) == 0) {
      best_distance = 0;
      best = std::string(candidate);
    }
  };
  for (const ColumnSpec& column : CloudTrailColumns()) consider(column.sql_name);
  for (std::string_view top : CloudTrailTopLevelColumns()) consider(top);
  for (const PartitionColumnSpec& partition : PartitionColumns()) consider(partition.sql_name);
  return best.empty() ? "" : StrCat(" (did you mean ", best, "?)");
}

bool IsTopLevelColumn(std::string_view name) {
  for (std::string_view column : CloudTrailTopLevelColumns()) {
    if (column == name) return true;
  }
  // Partition columns are hidden from SELECT * but are the table's columns.
  return FindPartitionColumn(name).has_value();
}

}  // namespace

bool QualifierMatchesRelation(const std::vector<std::string>& parts, size_t length,
                              const std::vector<std::string>& relation_name) {
  if (length > relation_name.size()) return false;
  return std::equal(parts.begin(), parts.begin() + length, relation_name.end() - length);
}

absl::Status UnknownColumnError(const std::string& name, SourceRange range,
                                std::string_view unqualified) {
  return SqlInvalid(range, StrCat("Unknown column: ", name,
                                  Suggestion(unqualified.empty() ? name : unqualified)));
}

absl::StatusOr<std::string> ResolveColumnPath(const std::vector<std::string>& parts,
                                              const std::vector<std::string>& relation_name,
                                              SourceRange range) {
  // The longest qualifier that names the relation and is followed by a column.
  for (size_t qualifier = parts.size(); qualifier-- > 0;) {
    if (QualifierMatchesRelation(parts, qualifier, relation_name) && IsTopLevelColumn(parts[qualifier])) {
      return absl::StrJoin(parts.begin() + qualifier, parts.end(), ".");
    }
  }
  const std::string full = absl::StrJoin(parts, ".");
  if (parts.size() == 1) return UnknownColumnError(full, range);
  // A qualifier that names the relation, followed by no column of that name.
  for (size_t qualifier = parts.size() - 1; qualifier > 0; qualifier--) {
    if (QualifierMatchesRelation(parts, qualifier, relation_name)) {
      return UnknownColumnError(full, range,
                                absl::StrJoin(parts.begin() + qualifier, parts.end(), "."));
    }
  }
  // Trino's text (SemanticExceptions.missingAttributeException).
  return SqlInvalid(range, StrCat("Column '", full, "' cannot be resolved"));
}

}  // namespace ctq
