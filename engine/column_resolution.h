// Which column a dotted name in an expression refers to, by Trino's scoping
// rules for a query over one table.
//
// Trino qualifies the table's fields with the relation's name: the alias if
// the FROM clause gives one, else the table name as written
// (StatementAnalyzer.visitTable: Field.newQualified(table.getName(), ...);
// an alias replaces it, RelationType.withAlias). A qualifier matches when it
// is a suffix of that name (Field.matchesPrefix: relationAlias.hasSuffix), so
// `FROM default.cloudtrail_logs` accepts `cloudtrail_logs.x` and
// `default.cloudtrail_logs.x`, `FROM cloudtrail_logs` accepts only the
// former, and `FROM cloudtrail_logs t` only `t.x`. A name `a.b.c` is first
// tried as a qualified column, the longest qualifier first; failing that, its
// prefix is resolved the same way and the rest are ROW field dereferences
// (ExpressionAnalyzer.visitDereferenceExpression with Scope.tryResolveField
// and Scope.isColumnReference). So `useridentity.arn` is the field arn of the
// column useridentity, and a table alias named like a column still lets
// `useridentity.arn` reach the field.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/internal/source_range.h"

namespace ctq {

// The schema path (`useridentity.arn`, as storage/cloudtrail_schema.h names
// columns) that `parts` refer to: its first part is a top-level column and the
// rest are ROW fields, not yet checked against the schema. `relation_name` is
// the alias or the table name as written; empty for a query without FROM.
// Errors (InvalidArgument at `range`): "Unknown column: eventnme (did you
// mean eventname?)" when no column of that name exists (under a valid
// qualifier, if any); Trino's "Column 'x.eventname' cannot be resolved" when
// the qualifier names neither the table nor a column.
absl::StatusOr<std::string> ResolveColumnPath(const std::vector<std::string>& parts,
                                              const std::vector<std::string>& relation_name,
                                              SourceRange range);

// Whether parts [0, length) of a name are a suffix of the relation's name, as
// Trino's QualifiedName.hasSuffix decides (so they may qualify its columns).
bool QualifierMatchesRelation(const std::vector<std::string>& parts, size_t length,
                              const std::vector<std::string>& relation_name);

// "Unknown column: <name>", with a suggestion of a column spelt like
// `unqualified` (the name without its table qualifier; empty: the name).
absl::Status UnknownColumnError(const std::string& name, SourceRange range,
                                std::string_view unqualified = {});

}  // namespace ctq
