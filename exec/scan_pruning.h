// Row-group pruning for scans over the columnar cache: decides from a
// segment's per-row-group metadata alone (zone maps and token bloom filters,
// storage/segment_reader.h) whether a row group can hold a row for which the
// scan's WHERE is TRUE, so that groups which cannot are never decoded.
//
// The filter is turned into a tree of predicates the metadata can refute.
// A node "refutes" a row group when it is TRUE for none of its rows (FALSE or
// NULL is the same to WHERE, Trino's three-valued logic):
//   - a AND b AND ... is refuted when any operand is; the operands metadata
//     cannot judge (functions, casts, column-to-column comparisons, ...) are
//     left out, as if they were TRUE;
//   - a OR b OR ... is refuted only when every operand is; an OR with an
//     operand that metadata cannot judge is left out as a whole;
// A chain of any length is one node with a child per operand.
//   - NOT is pushed down to the leaves with identities that hold in three-
//     valued logic (De Morgan, NOT (x < c) is x >= c, NOT (x IS NULL) is
//     x IS NOT NULL, ...), never by inverting a decision: "no row is TRUE"
//     says nothing about whether a row is FALSE.
// Leaves compare one plain column with constants: =, <>, <, <=, >, >=, IN,
// [NOT] LIKE with a constant pattern, NOT IN, IS [NOT] NULL; and
// from_iso8601_timestamp(column) with a constant instant (eventtime as a
// timestamp: `from_iso8601_timestamp(eventtime) > now() - interval '7' day`,
// once the binder has folded the right side into a constant). All but IS NULL
// are never TRUE for a NULL value, so every such leaf refutes an all-NULL
// chunk. The zone map refutes ranges; a token bloom (the JSON text columns)
// refutes LIKE patterns, = and IN whose literal text no value contains.
//
// Thread-safety: immutable after Build(); Check() may be called concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exec/expression.h"
#include "storage/segment_reader.h"

namespace ctq {

class ScanPruner {
 public:
  // `filter` is the plan's WHERE over the scan chunk (null: nothing to
  // prune); scan chunk column i is stored column scan_columns[i].
  static ScanPruner Build(const BoundExpr* filter, const std::vector<int>& scan_columns);

  // False when no part of the filter can use metadata (Check always reads).
  bool can_prune() const { return root_ >= 0; }

  enum class Decision {
    kRead,           // the group may hold a row that passes the filter
    kSkipZoneMap,    // refuted by zone maps (or by the filter alone: `= NULL`)
    kSkipSkipIndex,  // refuted, and a token bloom was needed for it
  };
  // REQUIRES: group < segment.row_group_count().
  Decision Check(const SegmentReader& segment, uint32_t group) const;

  // One line for EXPLAIN, e.g. "eventtime > '2017-02-15T00:00:00Z' (zone
  // map), requestparameters LIKE '%sg-5887f224%' (skip index)"; the top-level
  // conjuncts are separated by commas. "" when !can_prune().
  std::string Describe() const;

 private:
  // What a leaf asks of the zone map; each is refuted when no row can be TRUE.
  enum class ZoneTest : uint8_t {
    kNever,      // never TRUE whatever the data (a comparison with NULL, FALSE)
    kIsNull,     // needs a NULL
    kNonNull,    // needs a non-NULL value (and nothing the metadata can check)
    kLess,       // needs a value < value
    kLessEqual,  // ... <= value
    kGreater,    // ... > value
    kGreaterEqual,
    kNotEqual,   // needs a non-NULL value other than `values`[0]
    kIn,         // needs a value equal to one of `values` (= is IN of one)
    kNotIn,      // needs a non-NULL value equal to none of `values`
    kPrefix,     // needs a value that starts with `values`[0]
    // from_iso8601_timestamp(column) compared with a constant instant: needs
    // a value at or after (kIsoAfter) / before (kIsoBefore) `values`[0], the
    // instant moved a day outward (any zone offset fits in it) and written
    // as ISO text. Judged only where the zone map's min and max share their
    // "YYYY-" prefix, so that every value between them is ISO text of that
    // year, whose order as bytes is its order in time.
    kIsoAfter,
    kIsoBefore,
  };
  struct Node {
    enum class Kind : uint8_t { kAnd, kOr, kLeaf } kind = Kind::kLeaf;
    std::vector<int> children;  // kAnd/kOr (2 or more): indexes into nodes_
    // kLeaf:
    int column = -1;  // stored column
    ZoneTest zone = ZoneTest::kNonNull;
    std::vector<std::string> values;
    // Token bloom keys. kIn: values[i] needs bloom_keys[i] (a value equal to
    // values[i] contains it); otherwise every key is needed (each is a
    // literal run of a LIKE pattern, a substring of every match). Only keys
    // that a bloom can ever reject are kept; empty: no skip index use.
    std::vector<std::string> bloom_keys;
    std::string text;  // for Describe()
  };
  class Builder;

  Decision CheckNode(int node, const SegmentReader& segment, uint32_t group) const;
  Decision CheckLeaf(const Node& leaf, const SegmentReader& segment, uint32_t group) const;
  std::string DescribeNode(int node, bool top_level) const;

  std::vector<Node> nodes_;  // children before parents
  int root_ = -1;
};

}  // namespace ctq
