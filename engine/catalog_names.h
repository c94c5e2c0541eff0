// The names under which ctq's one table is reachable, as Athena's Trino sees
// it: catalog `awsdatacatalog`, schema `default`, table `cloudtrail_logs`
// (storage/cloudtrail_schema.h). FROM, DESCRIBE and SHOW TABLES check names
// here, so that every statement accepts and rejects the same ones.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ctq/internal/source_range.h"

namespace ctq {

inline constexpr std::string_view kCatalogName = "awsdatacatalog";
inline constexpr std::string_view kSchemaName = "default";

// OK if `parts` (lowercased, as the parser leaves names) name the table:
// `cloudtrail_logs`, `default.cloudtrail_logs` or
// `awsdatacatalog.default.cloudtrail_logs`. Otherwise InvalidArgument at
// `range`: "Table '<name>' does not exist (ctq has one table: ...)".
absl::Status CheckTableName(const std::vector<std::string>& parts, SourceRange range);

// OK if `parts` name the schema: `default` or `awsdatacatalog.default`.
// Otherwise Trino's errors (io.trino.metadata.MetadataUtil,
// createCatalogSchemaName; ShowQueriesRewrite.visitShowTables):
// "Catalog 'x' does not exist", "Schema 'x' does not exist", "Too many parts
// in schema name: a.b.c".
absl::Status CheckSchemaName(const std::vector<std::string>& parts, SourceRange range);

// The tables of the schema, sorted by name.
std::vector<std::string_view> SchemaTableNames();

}  // namespace ctq
