#include "engine/catalog_names.h"

#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/strings.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {

absl::Status CheckTableName(const std::vector<std::string>& parts, SourceRange range) {
  const size_t n = parts.size();
  const bool valid = n >= 1 && n <= 3 && parts[n - 1] == kCloudTrailTableName &&
                     (n < 2 || parts[n - 2] == kSchemaName) && (n < 3 || parts[0] == kCatalogName);
  if (valid) return absl::OkStatus();
  return SqlInvalid(range, StrCat("Table '", absl::StrJoin(parts, "."),
                                  "' does not exist (ctq has one table: ", kCloudTrailTableName,
                                  ")"));
}

absl::Status CheckSchemaName(const std::vector<std::string>& parts, SourceRange range) {
  if (parts.empty()) return SqlInvalid(range, "Schema '' does not exist");
  if (parts.size() > 2) {
    return SqlInvalid(range, StrCat("Too many parts in schema name: ", absl::StrJoin(parts, ".")));
  }
  if (parts.size() == 2 && parts[0] != kCatalogName) {
    return SqlInvalid(range, StrCat("Catalog '", parts[0], "' does not exist"));
  }
  if (parts.back() != kSchemaName) {
    return SqlInvalid(range, StrCat("Schema '", parts.back(), "' does not exist"));
  }
  return absl::OkStatus();
}

std::vector<std::string_view> SchemaTableNames() { return {kCloudTrailTableName}; }

}  // namespace ctq
