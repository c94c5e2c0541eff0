// Queries for the differential tests, each written twice: in ctq's dialect
// (Trino) and as the equivalent SQLite query over the oracle's flat table.
//
// The SQLite side quotes dotted column names ("useridentity.username"), maps
// default.cloudtrail_logs to cloudtrail_logs, and spells out NULLS LAST on
// every ORDER BY key, which is Trino's default and not SQLite's. LIKE and
// json_extract_scalar need no rewriting: the oracle makes LIKE
// case-sensitive and registers a Trino-compatible json_extract_scalar.
//
// Thread-safety: plain functions and values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/diff/sqlite_oracle.h"

namespace ctq::difftest {

struct QuerySpec {
  std::string name;        // "blog q4", "variant 17"
  std::string ctq_sql;
  std::string sqlite_sql;  // the same query for the oracle, without LIMIT
  // ORDER BY keys as result column indexes, in order; empty when unordered.
  // The sequence of key tuples is fully determined even when keys tie.
  std::vector<int> order_keys;
  int64_t limit = -1;  // LIMIT of the ctq query, -1 when none
  // Expected result column names (Trino's naming); empty: not checked.
  std::vector<std::string> column_names;
};

// Rewrites a ctq query (the blog's) for SQLite; see the file comment. When
// `drop_limit` is set, a trailing LIMIT n is removed and *limit receives n.
std::string TranslateToSqlite(std::string_view ctq_sql, bool drop_limit, int64_t* limit);

// The six blog queries (shared/peers/blog-queries.sql), verbatim.
std::vector<QuerySpec> BlogQueries();

// `count` random queries (deterministic for `seed`) over values that occur in
// the oracle's table.
std::vector<QuerySpec> GenerateVariants(SqliteOracle& oracle, uint64_t seed, int count);

}  // namespace ctq::difftest
