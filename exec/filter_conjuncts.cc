#include "exec/filter_conjuncts.h"

#include <algorithm>
#include <string_view>

namespace ctq {
namespace {

// The conjuncts of `expr` in order: a chain's operands, and those of ANDs
// nested in it (`(a AND b) AND c`). Recurses only per level of nesting.
void Flatten(const BoundExpr& expr, std::vector<const BoundExpr*>* out) {
  if (expr.kind != BoundKind::kAnd) {
    out->push_back(&expr);
    return;
  }
  for (const auto& child : expr.children) Flatten(*child, out);
}

bool IsVarcharConstant(const BoundExpr& expr) {
  return expr.kind == BoundKind::kConstant && expr.type == TypeId::kVarchar &&
         !expr.constant.is_null();
}

}  // namespace

void CollectColumns(const BoundExpr& expr, std::vector<int>* columns) {
  if (expr.kind == BoundKind::kColumn) columns->push_back(expr.column_index);
  for (const auto& child : expr.children) CollectColumns(*child, columns);
}

void SortDistinct(std::vector<int>* columns) {
  std::sort(columns->begin(), columns->end());
  columns->erase(std::unique(columns->begin(), columns->end()), columns->end());
}

FilterConjuncts FilterConjuncts::Build(const BoundExpr* filter,
                                       const std::vector<int>& scan_columns) {
  FilterConjuncts result;
  if (filter == nullptr) return result;
  std::vector<const BoundExpr*> parts;
  Flatten(*filter, &parts);
  for (const BoundExpr* part : parts) {
    Conjunct conjunct;
    conjunct.expr = part;
    CollectColumns(*part, &conjunct.columns);
    SortDistinct(&conjunct.columns);
    if (part->kind == BoundKind::kIsNull && part->negated &&
        part->children[0]->kind == BoundKind::kColumn) {
      conjunct.stored_column = scan_columns[part->children[0]->column_index];
      conjunct.is_not_null = true;
    } else if (part->kind == BoundKind::kCompare) {
      const BoundExpr& left = *part->children[0];
      const BoundExpr& right = *part->children[1];
      if (left.kind == BoundKind::kColumn && IsVarcharConstant(right)) {
        conjunct.stored_column = scan_columns[left.column_index];
        conjunct.op = part->compare_op;
        conjunct.value = right.constant.varchar();
      } else if (right.kind == BoundKind::kColumn && IsVarcharConstant(left)) {
        conjunct.stored_column = scan_columns[right.column_index];
        conjunct.op = MirrorCompareOp(part->compare_op);
        conjunct.value = left.constant.varchar();
      }
    }
    result.conjuncts_.push_back(std::move(conjunct));
  }
  return result;
}

bool FilterConjuncts::AlwaysTrue(size_t i, const SegmentReader& segment, uint32_t group) const {
  const Conjunct& conjunct = conjuncts_[i];
  if (conjunct.stored_column < 0) return false;
  const ZoneMap& zone = segment.zone_map(group, conjunct.stored_column);
  // A NULL row makes every one of these conjuncts NULL, not TRUE.
  if (zone.null_count != 0 || !zone.has_min_max) return false;
  if (conjunct.is_not_null) return true;
  // Strings compare by bytes, as the zone map's bounds do. A truncated min is
  // a prefix of the true min, so still a lower bound; a truncated max is not
  // an upper bound, so it proves nothing.
  const std::string_view value = conjunct.value;
  const std::string_view min = zone.min;
  const std::string_view max = zone.max;
  switch (conjunct.op) {
    case CompareOp::kGreaterEqual:
      return min >= value;
    case CompareOp::kGreater:
      return min > value;
    case CompareOp::kLessEqual:
      return !zone.max_truncated && max <= value;
    case CompareOp::kLess:
      return !zone.max_truncated && max < value;
    case CompareOp::kEqual:
      return !zone.min_truncated && !zone.max_truncated && min == value && max == value;
    case CompareOp::kNotEqual:
      return min > value || (!zone.max_truncated && max < value);
  }
  return false;
}

}  // namespace ctq
