#include "engine/constant_folding.h"

#include "exec/expression_evaluator.h"
#include "exec/vector/vector_value.h"

namespace ctq {
namespace {

// Kinds whose value depends only on their children.
bool IsFoldable(BoundKind kind) {
  switch (kind) {
    case BoundKind::kNot:
    case BoundKind::kCompare:
    case BoundKind::kArithmetic:
    case BoundKind::kNegate:
    case BoundKind::kIsNull:
    case BoundKind::kFunction:
    case BoundKind::kCast:
      return true;
    default:
      // Columns and aggregates read rows; AND/OR/CASE/TRY evaluate lazily and
      // are left to run as written.
      return false;
  }
}

}  // namespace

void FoldConstants(std::unique_ptr<BoundExpr>* expr) {
  BoundExpr& node = **expr;
  bool all_constant = !node.children.empty();
  for (auto& child : node.children) {
    FoldConstants(&child);
    all_constant &= child->kind == BoundKind::kConstant;
  }
  if (!all_constant || !IsFoldable(node.kind)) return;
  Chunk one_row;
  one_row.size = 1;
  ExpressionEvaluator evaluator;
  Vector value;
  if (!evaluator.Evaluate(node, one_row, &value).ok()) return;
  auto constant = std::make_unique<BoundExpr>();
  constant->kind = BoundKind::kConstant;
  constant->type = node.type;
  constant->range = node.range;
  constant->constant = GetValue(value, 0);
  *expr = std::move(constant);
}

}  // namespace ctq
