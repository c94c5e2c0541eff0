#include "exec/scan_pruning.h"

#include "ctq/internal/civil_time.h"

#include <string_view>
#include <utility>

#include "ctq/internal/strings.h"
#include "storage/cloudtrail_schema.h"
#include "storage/token_bloom.h"

namespace ctq {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Whether a token bloom can ever reject `literal`: the empty filter holds no
// key, so it rejects exactly the literals for which the lookup rule needs a
// key (token_bloom.h). Keys that every filter accepts are not worth keeping.
bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

bool BloomCanReject(std::string_view literal) { return !TokenBloom().MayContain(literal); }

bool ColumnHasTokenBloom(int stored_column) {
  return stored_column < kCloudTrailColumnCount && CloudTrailColumns()[stored_column].json_text;
}

// SQL text of a string constant, for Describe().
std::string Quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  out.push_back('\'');
  return out;
}


// NOT (x op c) as x op' c. Exact in three-valued logic: both sides are NULL
// when x or c is NULL, and otherwise two-valued.
CompareOp Negate(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual:
      return CompareOp::kNotEqual;
    case CompareOp::kNotEqual:
      return CompareOp::kEqual;
    case CompareOp::kLess:
      return CompareOp::kGreaterEqual;
    case CompareOp::kLessEqual:
      return CompareOp::kGreater;
    case CompareOp::kGreater:
      return CompareOp::kLessEqual;
    case CompareOp::kGreaterEqual:
      return CompareOp::kLess;
  }
  return op;
}

bool IsVarcharConstant(const BoundExpr& expr) {
  return expr.kind == BoundKind::kConstant &&
         (expr.constant.is_null() || expr.constant.type() == TypeId::kVarchar);
}

}  // namespace

// Turns a BoundExpr into nodes_. Every Add* returns the index of the new node
// or -1 when metadata cannot refute the expression.
class ScanPruner::Builder {
 public:
  Builder(const std::vector<int>& scan_columns, std::vector<Node>* nodes)
      : scan_columns_(scan_columns), nodes_(nodes) {}

  // The node for `expr`, or for NOT `expr` when `negated`.
  int Add(const BoundExpr& expr, bool negated) {
    switch (expr.kind) {
      case BoundKind::kAnd:
      case BoundKind::kOr:
        // De Morgan's laws hold in three-valued logic.
        return AddConnective((expr.kind == BoundKind::kAnd) != negated, expr, negated);
      case BoundKind::kNot:
        if (expr.children.size() != 1) return -1;
        return Add(*expr.children[0], !negated);
      case BoundKind::kConstant:
        return AddConstant(expr, negated);
      case BoundKind::kCompare:
        return AddCompare(expr, negated);
      case BoundKind::kIsNull:
        return AddIsNull(expr, negated);
      case BoundKind::kIn:
        return AddIn(expr, negated);
      case BoundKind::kLike:
        return AddLike(expr, negated);
      default:
        // Functions, casts, arithmetic, dynamic LIKE patterns: the metadata
        // says nothing about their values.
        return -1;
    }
  }

 private:
  int Push(Node node) {
    nodes_->push_back(std::move(node));
    return static_cast<int>(nodes_->size()) - 1;
  }

  Node Leaf(int column, ZoneTest zone, std::string text) {
    Node node;
    node.kind = Node::Kind::kLeaf;
    node.column = column;
    node.zone = zone;
    node.text = std::move(text);
    return node;
  }

  // The stored column that `expr` reads, if it is a plain VARCHAR column.
  std::optional<int> StoredColumn(const BoundExpr& expr) const {
    if (expr.kind != BoundKind::kColumn || expr.type != TypeId::kVarchar) return std::nullopt;
    if (expr.column_index < 0 || static_cast<size_t>(expr.column_index) >= scan_columns_.size()) {
      return std::nullopt;
    }
    int stored = scan_columns_[expr.column_index];
    if (stored < 0 || stored >= kStoredColumnCount) return std::nullopt;
    return stored;
  }

  // The operands of `expr` (an AND or OR chain) joined by AND when `is_and`,
  // else by OR, each negated when `negated`.
  int AddConnective(bool is_and, const BoundExpr& expr, bool negated) {
    const size_t mark = nodes_->size();
    Node node;
    node.kind = is_and ? Node::Kind::kAnd : Node::Kind::kOr;
    for (const auto& child : expr.children) {
      const int index = Add(*child, negated);
      if (index >= 0) {
        node.children.push_back(index);
      } else if (!is_and) {
        nodes_->resize(mark);  // drop the operands that were built
        return -1;
      }
      // A conjunct metadata cannot judge may be TRUE; the others still refute.
    }
    if (node.children.empty()) return -1;
    if (node.children.size() == 1) return node.children[0];
    return Push(std::move(node));
  }

  int AddConstant(const BoundExpr& expr, bool negated) {
    // NOT NULL is NULL; NOT FALSE is TRUE, which refutes nothing.
    if (expr.constant.is_null()) return Push(Leaf(-1, ZoneTest::kNever, "NULL"));
    if (expr.constant.type() != TypeId::kBoolean) return -1;
    if (expr.constant.boolean() != negated) return -1;
    return Push(Leaf(-1, ZoneTest::kNever, "FALSE"));
  }

  // from_iso8601_timestamp(column) op instant.
  int AddIsoCompare(const BoundExpr& call, CompareOp op, const BoundExpr& constant) {
    if (call.children.size() != 1 || constant.kind != BoundKind::kConstant ||
        constant.type != TypeId::kTimestampTz) {
      return -1;
    }
    std::optional<int> stored = StoredColumn(*call.children[0]);
    if (!stored.has_value()) return -1;
    std::string name = StrCat("from_iso8601_timestamp(", StoredColumnName(*stored), ")");
    if (constant.constant.is_null()) {
      return Push(Leaf(*stored, ZoneTest::kNever, StrCat(name, " ", CompareOpText(op), " NULL")));
    }
    const int64_t instant = MillisOf(constant.constant.bigint());
    std::string text = StrCat(name, " ", CompareOpText(op), " TIMESTAMP '",
                              FormatTimestampTz(constant.constant.bigint()), "'");
    ZoneTest zone;
    int64_t bound;
    switch (op) {
      case CompareOp::kGreater:
      case CompareOp::kGreaterEqual:
        zone = ZoneTest::kIsoAfter;
        bound = instant - kMillisPerDay;
        break;
      case CompareOp::kLess:
      case CompareOp::kLessEqual:
        zone = ZoneTest::kIsoBefore;
        bound = instant + kMillisPerDay;
        break;
      case CompareOp::kEqual: {
        // Both sides of the day around it; two leaves under an AND.
        Node both;
        both.kind = Node::Kind::kAnd;
        Node after = Leaf(*stored, ZoneTest::kIsoAfter, text);
        after.values.push_back(FormatIso8601(PackTimestampTz(instant - kMillisPerDay, 0)).substr(0, 19));
        Node before = Leaf(*stored, ZoneTest::kIsoBefore, text);
        before.values.push_back(FormatIso8601(PackTimestampTz(instant + kMillisPerDay, 0)).substr(0, 19));
        both.children.push_back(Push(std::move(after)));
        both.children.push_back(Push(std::move(before)));
        return Push(std::move(both));
      }
      default:
        return -1;
    }
    // "YYYY-MM-DDTHH:MM:SS" of the bound (years 0..9999 only).
    const std::string iso = FormatIso8601(PackTimestampTz(bound, 0));
    if (iso.size() < 19 || iso[4] != '-') return -1;
    Node node = Leaf(*stored, zone, std::move(text));
    node.values.push_back(iso.substr(0, 19));
    return Push(std::move(node));
  }

  // date_trunc(unit, from_iso8601_timestamp(column)) op instant c. As
  // trunc(t) <= t < trunc(t) + one unit, `trunc(t) >= c` needs t >= c (and
  // `>` t > c), `trunc(t) <= c` or `< c` needs t < c + one unit, and
  // `= c` both: bounds on the timestamp that AddIsoCompare prunes by.
  int AddTruncatedIsoCompare(const BoundExpr& trunc, CompareOp op, const BoundExpr& constant) {
    if (trunc.children.size() != 1 || constant.kind != BoundKind::kConstant ||
        constant.type != TypeId::kTimestampTz || constant.constant.is_null()) {
      return -1;
    }
    const BoundExpr& call = *trunc.children[0];
    if (call.kind != BoundKind::kFunction || call.function != ScalarFunction::kFromIso8601Timestamp) {
      return -1;
    }
    int64_t unit = 0;  // the longest a unit can be
    switch (trunc.time_unit) {
      case TimeUnit::kMillisecond: unit = 1; break;
      case TimeUnit::kSecond: unit = kMillisPerSecond; break;
      case TimeUnit::kMinute: unit = kMillisPerMinute; break;
      case TimeUnit::kHour: unit = kMillisPerHour; break;
      case TimeUnit::kDay: unit = kMillisPerDay; break;
      case TimeUnit::kWeek: unit = 7 * kMillisPerDay; break;
      case TimeUnit::kMonth: unit = 31 * kMillisPerDay; break;
      case TimeUnit::kQuarter: unit = 92 * kMillisPerDay; break;
      case TimeUnit::kYear: unit = 366 * kMillisPerDay; break;
      default: return -1;
    }
    BoundExpr end;
    end.kind = BoundKind::kConstant;
    end.type = TypeId::kTimestampTz;
    end.constant = Value::OfInt64(TypeId::kTimestampTz,
                                  PackTimestampTz(MillisOf(constant.constant.bigint()) + unit, 0));
    switch (op) {
      case CompareOp::kGreater:
      case CompareOp::kGreaterEqual:
        return AddIsoCompare(call, op, constant);
      case CompareOp::kLess:
      case CompareOp::kLessEqual:
        return AddIsoCompare(call, CompareOp::kLess, end);
      case CompareOp::kEqual: {
        Node both;
        both.kind = Node::Kind::kAnd;
        const int after = AddIsoCompare(call, CompareOp::kGreaterEqual, constant);
        const int before = AddIsoCompare(call, CompareOp::kLess, end);
        if (after < 0 || before < 0) return -1;
        both.children.push_back(after);
        both.children.push_back(before);
        return Push(std::move(both));
      }
      default:
        return -1;
    }
  }

  int AddCompare(const BoundExpr& expr, bool negated) {
    if (expr.children.size() != 2) return -1;
    CompareOp op = expr.compare_op;
    const BoundExpr* column = expr.children[0].get();
    const BoundExpr* constant = expr.children[1].get();
    if (column->kind == BoundKind::kConstant) {
      std::swap(column, constant);
      op = MirrorCompareOp(op);
    }
    if (column->kind == BoundKind::kFunction &&
        column->function == ScalarFunction::kFromIso8601Timestamp) {
      return AddIsoCompare(*column, negated ? Negate(op) : op, *constant);
    }
    if (column->kind == BoundKind::kFunction && column->function == ScalarFunction::kDateTrunc) {
      return AddTruncatedIsoCompare(*column, negated ? Negate(op) : op, *constant);
    }
    std::optional<int> stored = StoredColumn(*column);
    if (!stored.has_value() || !IsVarcharConstant(*constant)) return -1;
    if (negated) op = Negate(op);
    std::string name = StoredColumnName(*stored);
    if (constant->constant.is_null()) {
      return Push(Leaf(*stored, ZoneTest::kNever, StrCat(name, " ", CompareOpText(op), " NULL")));
    }
    const std::string& value = constant->constant.varchar();
    std::string text = StrCat(name, " ", CompareOpText(op), " ", Quote(value));
    ZoneTest zone = ZoneTest::kIn;
    switch (op) {
      case CompareOp::kEqual:
        zone = ZoneTest::kIn;
        break;
      case CompareOp::kNotEqual:
        zone = ZoneTest::kNotEqual;
        break;
      case CompareOp::kLess:
        zone = ZoneTest::kLess;
        break;
      case CompareOp::kLessEqual:
        zone = ZoneTest::kLessEqual;
        break;
      case CompareOp::kGreater:
        zone = ZoneTest::kGreater;
        break;
      case CompareOp::kGreaterEqual:
        zone = ZoneTest::kGreaterEqual;
        break;
    }
    Node node = Leaf(*stored, zone, std::move(text));
    node.values.push_back(value);
    if (zone == ZoneTest::kIn) SetInBloomKeys(&node);
    return Push(std::move(node));
  }

  int AddIsNull(const BoundExpr& expr, bool negated) {
    if (expr.children.size() != 1) return -1;
    std::optional<int> stored = StoredColumn(*expr.children[0]);
    if (!stored.has_value()) return -1;
    // IS NULL is never NULL, so NOT (x IS NULL) is x IS NOT NULL.
    const bool is_null = expr.negated == negated;
    return Push(Leaf(*stored, is_null ? ZoneTest::kIsNull : ZoneTest::kNonNull,
                     StrCat(StoredColumnName(*stored), is_null ? " IS NULL" : " IS NOT NULL")));
  }

  int AddIn(const BoundExpr& expr, bool negated) {
    if (expr.children.size() < 2) return -1;
    std::optional<int> stored = StoredColumn(*expr.children[0]);
    if (!stored.has_value()) return -1;
    std::vector<std::string> values;
    bool has_null = false;
    std::string list;
    for (size_t i = 1; i < expr.children.size(); i++) {
      const BoundExpr& item = *expr.children[i];
      if (!IsVarcharConstant(item)) return -1;
      if (i > 1) list += ", ";
      if (item.constant.is_null()) {
        has_null = true;
        list += "NULL";
      } else {
        values.push_back(item.constant.varchar());
        list += Quote(item.constant.varchar());
      }
    }
    // NOT (x IN l) is x NOT IN l, both NULL where either is NULL.
    const bool not_in = expr.negated != negated;
    std::string text = StrCat(StoredColumnName(*stored), not_in ? " NOT IN (" : " IN (", list, ")");
    // An item that is NULL never makes IN TRUE, and keeps NOT IN from being
    // TRUE for any row (it is FALSE or NULL).
    if (values.empty() || (not_in && has_null)) {
      return Push(Leaf(*stored, ZoneTest::kNever, std::move(text)));
    }
    Node node = Leaf(*stored, not_in ? ZoneTest::kNotIn : ZoneTest::kIn, std::move(text));
    node.values = std::move(values);
    if (!not_in) SetInBloomKeys(&node);
    return Push(std::move(node));
  }

  int AddLike(const BoundExpr& expr, bool negated) {
    if (expr.children.size() != 1 || expr.like == nullptr) return -1;
    std::optional<int> stored = StoredColumn(*expr.children[0]);
    if (!stored.has_value()) return -1;
    const LikeMatcher& like = *expr.like;
    const bool not_like = expr.negated != negated;
    std::string text = StrCat(StoredColumnName(*stored), not_like ? " NOT LIKE '" : " LIKE '",
                              expr.like_pattern_text, "'");
    const bool exact = like.shape() == LikeMatcher::Shape::kExact;
    if (not_like) {
      // x NOT LIKE 'lit' is x <> 'lit'; any other NOT LIKE is at least never
      // TRUE for NULL.
      Node node = Leaf(*stored, exact ? ZoneTest::kNotEqual : ZoneTest::kNonNull, std::move(text));
      if (exact) node.values.push_back(like.literal());
      return Push(std::move(node));
    }
    if (exact) {
      Node node = Leaf(*stored, ZoneTest::kIn, std::move(text));
      node.values.push_back(like.literal());
      SetInBloomKeys(&node);
      return Push(std::move(node));
    }
    LikeMatcher::LiteralRuns runs = like.FindLiteralRuns();
    Node node = Leaf(*stored, ZoneTest::kNonNull, std::move(text));
    if (runs.anchored_start && !runs.runs.empty() && !runs.runs[0].empty()) {
      node.zone = ZoneTest::kPrefix;
      node.values.emplace_back(runs.runs[0]);
    }
    if (ColumnHasTokenBloom(*stored)) {
      for (std::string_view run : runs.runs) {
        if (BloomCanReject(run)) node.bloom_keys.emplace_back(run);
      }
    }
    return Push(std::move(node));
  }

  // For an IN leaf: a row equal to values[i] contains values[i], so a token
  // bloom that rejects it rules that item out.
  void SetInBloomKeys(Node* node) const {
    if (!ColumnHasTokenBloom(node->column)) return;
    bool any = false;
    for (const std::string& value : node->values) {
      const bool usable = BloomCanReject(value);
      node->bloom_keys.push_back(usable ? value : std::string());
      any |= usable;
    }
    if (!any) node->bloom_keys.clear();
  }

  const std::vector<int>& scan_columns_;
  std::vector<Node>* nodes_;
};

ScanPruner ScanPruner::Build(const BoundExpr* filter, const std::vector<int>& scan_columns) {
  ScanPruner pruner;
  if (filter == nullptr) return pruner;
  Builder builder(scan_columns, &pruner.nodes_);
  pruner.root_ = builder.Add(*filter, /*negated=*/false);
  return pruner;
}

ScanPruner::Decision ScanPruner::Check(const SegmentReader& segment, uint32_t group) const {
  if (root_ < 0) return Decision::kRead;
  return CheckNode(root_, segment, group);
}

ScanPruner::Decision ScanPruner::CheckNode(int index, const SegmentReader& segment,
                                           uint32_t group) const {
  const Node& node = nodes_[index];
  switch (node.kind) {
    case Node::Kind::kLeaf:
      return CheckLeaf(node, segment, group);
    case Node::Kind::kAnd:
      // The first operand that refutes decides.
      for (int child : node.children) {
        const Decision decision = CheckNode(child, segment, group);
        if (decision != Decision::kRead) return decision;
      }
      return Decision::kRead;
    case Node::Kind::kOr: {
      // Refuted only if every operand is; by zone maps alone only if each is.
      Decision result = Decision::kSkipZoneMap;
      for (int child : node.children) {
        const Decision decision = CheckNode(child, segment, group);
        if (decision == Decision::kRead) return Decision::kRead;
        if (decision == Decision::kSkipSkipIndex) result = Decision::kSkipSkipIndex;
      }
      return result;
    }
  }
  return Decision::kRead;
}

ScanPruner::Decision ScanPruner::CheckLeaf(const Node& leaf, const SegmentReader& segment,
                                           uint32_t group) const {
  constexpr Decision kZone = Decision::kSkipZoneMap;
  if (leaf.zone == ZoneTest::kNever) return kZone;
  const ZoneMap& zone = segment.zone_map(group, leaf.column);
  if (leaf.zone == ZoneTest::kIsNull) return zone.null_count == 0 ? kZone : Decision::kRead;
  // Every other leaf needs a non-NULL value.
  if (!zone.has_min_max) return kZone;
  const bool exact = !zone.min_truncated && !zone.max_truncated;
  const std::string_view min = zone.min;
  const std::string_view max = zone.max;
  const bool bloom = !leaf.bloom_keys.empty() && segment.has_token_bloom(group, leaf.column);
  switch (leaf.zone) {
    case ZoneTest::kNever:
    case ZoneTest::kIsNull:
    case ZoneTest::kNonNull:
      break;
    case ZoneTest::kLess:
      // The stored min, truncated or not, is a lower bound of the values.
      if (!(min < leaf.values[0])) return kZone;
      break;
    case ZoneTest::kLessEqual:
      if (!zone.MayContainRange(std::nullopt, leaf.values[0])) return kZone;
      break;
    case ZoneTest::kGreater:
      // A truncated max stands for a longer true max, which is above it, so
      // only an exact max equal to the constant turns >= into "refuted".
      if (!zone.MayContainRange(leaf.values[0], std::nullopt)) return kZone;
      if (!zone.max_truncated && max == leaf.values[0]) return kZone;
      break;
    case ZoneTest::kGreaterEqual:
      if (!zone.MayContainRange(leaf.values[0], std::nullopt)) return kZone;
      break;
    case ZoneTest::kNotEqual:
      // Every non-NULL value is the constant.
      if (exact && min == max && min == leaf.values[0]) return kZone;
      break;
    case ZoneTest::kNotIn:
      if (exact && min == max) {
        for (const std::string& value : leaf.values) {
          if (min == value) return kZone;
        }
      }
      break;
    case ZoneTest::kPrefix: {
      const std::string_view prefix = leaf.values[0];
      if (!zone.MayContainRange(prefix, std::nullopt)) return kZone;
      // A min (or its stored prefix) above the prefix that does not start
      // with it is above every string that does.
      if (!StartsWith(min, prefix) && min > prefix) return kZone;
      break;
    }
    case ZoneTest::kIsoAfter:
    case ZoneTest::kIsoBefore: {
      // Exact min and max of one year ("YYYY-" alike): see ZoneTest.
      const bool one_year = exact && min.size() >= 5 && max.size() >= 5 &&
                            min.substr(0, 5) == max.substr(0, 5) && min[4] == '-' &&
                            IsDigits(min.substr(0, 4));
      if (!one_year) break;
      if (leaf.zone == ZoneTest::kIsoAfter ? max < leaf.values[0] : min >= leaf.values[0]) {
        return kZone;
      }
      break;
    }
    case ZoneTest::kIn: {
      bool used_bloom = false;
      for (size_t i = 0; i < leaf.values.size(); i++) {
        const std::string& value = leaf.values[i];
        if (!zone.MayContainRange(value, value)) continue;
        if (bloom && !leaf.bloom_keys[i].empty() &&
            !segment.MayContain(group, leaf.column, leaf.bloom_keys[i])) {
          used_bloom = true;
          continue;
        }
        return Decision::kRead;
      }
      return used_bloom ? Decision::kSkipSkipIndex : kZone;
    }
  }
  if (bloom) {
    for (const std::string& key : leaf.bloom_keys) {
      if (!segment.MayContain(group, leaf.column, key)) return Decision::kSkipSkipIndex;
    }
  }
  return Decision::kRead;
}

std::string ScanPruner::Describe() const {
  if (root_ < 0) return "";
  return DescribeNode(root_, /*top_level=*/true);
}

std::string ScanPruner::DescribeNode(int index, bool top_level) const {
  const Node& node = nodes_[index];
  switch (node.kind) {
    case Node::Kind::kAnd:
    case Node::Kind::kOr: {
      // Top-level conjuncts are listed with commas.
      const bool list = top_level && node.kind == Node::Kind::kAnd;
      std::string text = list ? "" : "(";
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i > 0) text += list ? ", " : node.kind == Node::Kind::kAnd ? " AND " : " OR ";
        text += DescribeNode(node.children[i], list);
      }
      if (!list) text += ")";
      return text;
    }
    case Node::Kind::kLeaf:
      break;
  }
  std::string_view how = "zone map";
  if (node.zone == ZoneTest::kNever) {
    how = "never true";
  } else if (!node.bloom_keys.empty()) {
    // A bare non-NULL requirement is a zone map test too, but not the one
    // that matters for `LIKE '%id%'`.
    how = node.zone == ZoneTest::kNonNull ? "skip index" : "zone map, skip index";
  }
  return StrCat(node.text, " (", how, ")");
}

}  // namespace ctq
