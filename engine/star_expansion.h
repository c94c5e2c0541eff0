// What `*`, `t.*` and `t.useridentity.*` in a select list stand for: one
// column reference per selected column, with its output name.
//
// Trino's rules (Scope.resolveAsteriskedIdentifierChainBasis, StatementAnalyzer
// .analyzeSelectAllColumns): a prefix of at most three names that is a suffix
// of the relation's name (its alias, else the table name as written) selects
// every column of the table; a prefix of two or more names whose first names
// the relation and whose second is a ROW column selects that ROW's fields,
// named by the field names. Both at once is "Reference 'x' is ambiguous";
// neither is "Unable to resolve reference x".
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "parser/ast.h"

namespace ctq {

struct StarColumn {
  std::string name;                     // the output column's name
  std::vector<std::string> name_parts;  // a reference the expression binder resolves
};

// REQUIRES: item.star. `relation_name` as for ExpressionBinder; `has_table`
// false for a query without FROM (where `*` is an error, as in Trino).
absl::StatusOr<std::vector<StarColumn>> ExpandStar(const SelectItem& item,
                                                   const std::vector<std::string>& relation_name,
                                                   bool has_table);

}  // namespace ctq
