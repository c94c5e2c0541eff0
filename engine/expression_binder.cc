#include "engine/expression_binder.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/ascii.h"
#include "ctq/internal/strings.h"
#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "engine/function_catalog.h"
#include "re2/re2.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

std::unique_ptr<BoundExpr> MakeNode(BoundKind kind, TypeId type, SourceRange range) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = kind;
  node->type = type;
  node->range = range;
  return node;
}

std::unique_ptr<BoundExpr> MakeConstant(Value value, SourceRange range) {
  auto node = MakeNode(BoundKind::kConstant, value.type(), range);
  node->constant = std::move(value);
  return node;
}

// The common type two operands are cast to, Trino style: equal types, NULL
// (unknown) with anything, bigint with double. nullopt if incompatible.
std::optional<TypeId> CommonType(TypeId a, TypeId b) {
  if (a == b) return a;
  if (a == TypeId::kUnknown) return b;
  if (b == TypeId::kUnknown) return a;
  if (IsNumeric(a) && IsNumeric(b)) return TypeId::kDouble;
  return std::nullopt;
}

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

absl::Status TypeMismatch(SourceRange range, std::string_view op, TypeId a, TypeId b) {
  return SqlInvalid(range, StrCat("Cannot apply operator: ", TypeName(a), " ", op, " ",
                                        TypeName(b)));
}

}  // namespace

std::unique_ptr<BoundExpr> ExpressionBinder::CastTo(std::unique_ptr<BoundExpr> expr, TypeId type) {
  if (expr->type == type) return expr;
  if (expr->kind == BoundKind::kConstant && expr->constant.is_null()) {
    expr->type = type;
    expr->constant = Value::Null(type);
    return expr;
  }
  auto cast = MakeNode(BoundKind::kCast, type, expr->range);
  cast->children.push_back(std::move(expr));
  return cast;
}

bool ContainsAggregate(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kAggregate) return true;
  for (const auto& child : expr.children) {
    if (ContainsAggregate(*child)) return true;
  }
  return false;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindLeaf(int leaf, SourceRange range) {
  auto [it, inserted] = scan_index_.try_emplace(leaf, static_cast<int>(scan_columns_.size()));
  if (inserted) scan_columns_.push_back(leaf);
  auto node = MakeNode(BoundKind::kColumn, TypeId::kVarchar, range);
  node->column_index = it->second;
  return node;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindStructPath(
    const std::string& path, SourceRange range) {
  if (std::optional<int> leaf = FindColumn(path)) return BindLeaf(*leaf, range);
  // Partition columns are hidden from `SELECT *` but named like any column.
  if (std::optional<int> stored = FindPartitionColumn(path)) return BindLeaf(*stored, range);
  std::optional<StructSpec> spec = FindStruct(path);
  if (!spec.has_value()) return absl::NotFoundError(path);
  // A ROW: one child per direct field, in schema order.
  auto node = MakeNode(BoundKind::kStruct, TypeId::kVarchar, range);
  std::string prefix = path + ".";
  for (int leaf = spec->first_leaf; leaf < spec->first_leaf + spec->leaf_count;) {
    std::string_view name = CloudTrailColumns()[leaf].sql_name;
    std::string_view rest = name.substr(prefix.size());
    size_t dot = rest.find('.');
    std::string field(rest.substr(0, dot));
    CTQ_ASSIGN_OR_RETURN(auto child, BindStructPath(prefix + field, range));
    node->field_names.push_back(field);
    if (dot == std::string_view::npos) {
      leaf++;
    } else {
      leaf += FindStruct(prefix + field)->leaf_count;
    }
    node->children.push_back(std::move(child));
  }
  // Last child: the hidden column that says whether the ROW object was there.
  CTQ_ASSIGN_OR_RETURN(auto presence, BindLeaf(spec->presence_column, range));
  node->children.push_back(std::move(presence));
  return node;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindColumn(const ParsedExpr& expr) {
  std::vector<std::string> parts = expr.name_parts;
  std::string full = absl::StrJoin(parts, ".");
  if (!has_table_) {
    return SqlInvalid(expr.range, StrCat("Unknown column: ", full, " (the query has no FROM)"));
  }
  // Try the name as written, then without a table qualifier
  // (cloudtrail_logs.x, default.cloudtrail_logs.x, alias.x).
  std::vector<size_t> skips = {0};
  if (parts.size() > 1 && (parts[0] == kCloudTrailTableName || parts[0] == table_alias_)) {
    skips.push_back(1);
  }
  if (parts.size() > 2 && parts[1] == kCloudTrailTableName) skips.push_back(2);
  for (size_t skip : skips) {
    std::string path = absl::StrJoin(parts.begin() + skip, parts.end(), ".");
    absl::StatusOr<std::unique_ptr<BoundExpr>> bound = BindStructPath(path, expr.range);
    if (bound.ok() || !absl::IsNotFound(bound.status())) return bound;
  }
  return SqlInvalid(expr.range, StrCat("Unknown column: ", full, Suggestion(full)));
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::Bind(const ParsedExpr& expr,
                                                                  bool allow_aggregates,
                                                                  std::string_view clause) {
  switch (expr.kind) {
    case ExprKind::kColumnRef:
      return BindColumn(expr);
    case ExprKind::kLiteral:
      switch (expr.literal_kind) {
        case LiteralKind::kNull:
          return MakeConstant(Value(), expr.range);
        case LiteralKind::kBoolean:
          return MakeConstant(Value::Boolean(expr.text == "true"), expr.range);
        case LiteralKind::kString:
          return MakeConstant(Value::Varchar(expr.text), expr.range);
        case LiteralKind::kInteger: {
          int64_t value = 0;
          auto [end, ec] = std::from_chars(expr.text.data(), expr.text.data() + expr.text.size(), value);
          if (ec != std::errc() || end != expr.text.data() + expr.text.size()) {
            return SqlInvalid(expr.range, StrCat("Invalid numeric literal: ", expr.text));
          }
          return MakeConstant(Value::Bigint(value), expr.range);
        }
        case LiteralKind::kDecimal: {
          double value = 0;
          auto [end, ec] = std::from_chars(expr.text.data(), expr.text.data() + expr.text.size(), value);
          if (ec != std::errc() || end != expr.text.data() + expr.text.size()) {
            return SqlInvalid(expr.range, StrCat("Invalid numeric literal: ", expr.text));
          }
          return MakeConstant(Value::Double(value), expr.range);
        }
      }
      break;
    case ExprKind::kUnary: {
      CTQ_ASSIGN_OR_RETURN(auto operand, BindChild(*expr.children[0], allow_aggregates, clause));
      if (expr.unary_op == UnaryOp::kNot) {
        if (operand->type != TypeId::kBoolean && operand->type != TypeId::kUnknown) {
          return SqlInvalid(expr.range, StrCat("Value of NOT must evaluate to a boolean: actual type ",
                                                     TypeName(operand->type)));
        }
        auto node = MakeNode(BoundKind::kNot, TypeId::kBoolean, expr.range);
        node->children.push_back(CastTo(std::move(operand), TypeId::kBoolean));
        return node;
      }
      if (!IsNumeric(operand->type) && operand->type != TypeId::kUnknown) {
        return SqlInvalid(expr.range, StrCat("Cannot negate ", TypeName(operand->type)));
      }
      if (expr.unary_op == UnaryOp::kPlus) return operand;
      TypeId type = operand->type == TypeId::kUnknown ? TypeId::kBigint : operand->type;
      auto node = MakeNode(BoundKind::kNegate, type, expr.range);
      node->children.push_back(CastTo(std::move(operand), type));
      return node;
    }
    case ExprKind::kBinary:
      return BindBinary(expr, allow_aggregates, clause);
    case ExprKind::kLike:
      return BindLike(expr, allow_aggregates, clause);
    case ExprKind::kBetween: {
      // x BETWEEN a AND b is x >= a AND x <= b, NULL rules included.
      std::vector<std::unique_ptr<BoundExpr>> operands;
      for (const auto& child : expr.children) {
        CTQ_ASSIGN_OR_RETURN(auto bound, BindChild(*child, allow_aggregates, clause));
        operands.push_back(std::move(bound));
      }
      std::optional<TypeId> type = CommonType(operands[0]->type, operands[1]->type);
      if (type.has_value()) type = CommonType(*type, operands[2]->type);
      if (!type.has_value()) {
        return SqlInvalid(expr.range, StrCat("Cannot check if ", TypeName(operands[0]->type),
                                                   " is BETWEEN ", TypeName(operands[1]->type),
                                                   " and ", TypeName(operands[2]->type)));
      }
      auto low = MakeNode(BoundKind::kCompare, TypeId::kBoolean, expr.range);
      low->compare_op = CompareOp::kGreaterEqual;
      low->children.push_back(CastTo(operands[0]->Clone(), *type));
      low->children.push_back(CastTo(std::move(operands[1]), *type));
      auto high = MakeNode(BoundKind::kCompare, TypeId::kBoolean, expr.range);
      high->compare_op = CompareOp::kLessEqual;
      high->children.push_back(CastTo(std::move(operands[0]), *type));
      high->children.push_back(CastTo(std::move(operands[2]), *type));
      auto both = MakeNode(BoundKind::kAnd, TypeId::kBoolean, expr.range);
      both->children.push_back(std::move(low));
      both->children.push_back(std::move(high));
      if (!expr.negated) return both;
      auto negation = MakeNode(BoundKind::kNot, TypeId::kBoolean, expr.range);
      negation->children.push_back(std::move(both));
      return negation;
    }
    case ExprKind::kIn: {
      std::vector<std::unique_ptr<BoundExpr>> operands;
      std::optional<TypeId> type = TypeId::kUnknown;
      for (const auto& child : expr.children) {
        CTQ_ASSIGN_OR_RETURN(auto bound, BindChild(*child, allow_aggregates, clause));
        type = CommonType(*type, bound->type);
        if (!type.has_value()) {
          return SqlInvalid(child->range, StrCat("IN value and list items must be the same type: ",
                                                       TypeName(operands[0]->type), " and ",
                                                       TypeName(bound->type)));
        }
        operands.push_back(std::move(bound));
      }
      auto node = MakeNode(BoundKind::kIn, TypeId::kBoolean, expr.range);
      node->negated = expr.negated;
      for (auto& operand : operands) node->children.push_back(CastTo(std::move(operand), *type));
      return node;
    }
    case ExprKind::kIsNull: {
      CTQ_ASSIGN_OR_RETURN(auto operand, BindChild(*expr.children[0], allow_aggregates, clause));
      auto node = MakeNode(BoundKind::kIsNull, TypeId::kBoolean, expr.range);
      node->negated = expr.negated;
      node->children.push_back(std::move(operand));
      return node;
    }
    case ExprKind::kFunctionCall:
      return BindFunction(expr, allow_aggregates, clause);
    case ExprKind::kCase:
      return BindCase(expr, allow_aggregates, clause);
    case ExprKind::kIsDistinctFrom:
      return BindIsDistinctFrom(expr, allow_aggregates, clause);
    case ExprKind::kCast: {
      CTQ_ASSIGN_OR_RETURN(auto operand, BindChild(*expr.children[0], allow_aggregates, clause));
      CTQ_ASSIGN_OR_RETURN(TypeId target, ParseCastType(expr.type_name, expr.range));
      if (operand->type == target) return operand;
      auto node = MakeNode(BoundKind::kCast, target, expr.range);
      node->children.push_back(std::move(operand));
      if (!expr.try_cast) return node;
      auto attempt = MakeNode(BoundKind::kTry, target, expr.range);
      attempt->children.push_back(std::move(node));
      return attempt;
    }
  }
  return SqlInvalid(expr.range, "Unsupported expression");
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindBinary(const ParsedExpr& expr,
                                                                        bool allow_aggregates,
                                                                        std::string_view clause) {
  // A chain (`a OR b OR ...`, ParsedExpr::OpBefore) binds operand by operand
  // in this loop; only nesting recurses.
  std::vector<std::unique_ptr<BoundExpr>> operands;
  operands.reserve(expr.children.size());
  for (const auto& child : expr.children) {
    CTQ_ASSIGN_OR_RETURN(auto bound, BindChild(*child, allow_aggregates, clause));
    operands.push_back(std::move(bound));
  }
  switch (expr.binary_op) {
    case BinaryOp::kAnd:
    case BinaryOp::kOr: {
      for (const auto& operand : operands) {
        if (operand->type != TypeId::kBoolean && operand->type != TypeId::kUnknown) {
          return SqlInvalid(operand->range,
                            StrCat("Value of logical ", expr.binary_op == BinaryOp::kAnd ? "AND" : "OR",
                                         " must evaluate to a boolean: actual type ",
                                         TypeName(operand->type)));
        }
      }
      auto node = MakeNode(expr.binary_op == BinaryOp::kAnd ? BoundKind::kAnd : BoundKind::kOr,
                           TypeId::kBoolean, expr.range);
      for (auto& operand : operands) {
        node->children.push_back(CastTo(std::move(operand), TypeId::kBoolean));
      }
      return node;
    }
    case BinaryOp::kEqual:
    case BinaryOp::kNotEqual:
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual: {
      static constexpr std::pair<BinaryOp, std::pair<CompareOp, const char*>> kOps[] = {
          {BinaryOp::kEqual, {CompareOp::kEqual, "="}},
          {BinaryOp::kNotEqual, {CompareOp::kNotEqual, "<>"}},
          {BinaryOp::kLess, {CompareOp::kLess, "<"}},
          {BinaryOp::kLessEqual, {CompareOp::kLessEqual, "<="}},
          {BinaryOp::kGreater, {CompareOp::kGreater, ">"}},
          {BinaryOp::kGreaterEqual, {CompareOp::kGreaterEqual, ">="}},
      };
      CompareOp op = CompareOp::kEqual;
      const char* text = "=";
      for (const auto& [binary, compare] : kOps) {
        if (binary == expr.binary_op) std::tie(op, text) = compare;
      }
      auto& left = operands[0];
      auto& right = operands[1];
      std::optional<TypeId> type = CommonType(left->type, right->type);
      if (!type.has_value()) return TypeMismatch(expr.range, text, left->type, right->type);
      auto node = MakeNode(BoundKind::kCompare, TypeId::kBoolean, expr.range);
      node->compare_op = op;
      node->children.push_back(CastTo(std::move(left), *type));
      node->children.push_back(CastTo(std::move(right), *type));
      return node;
    }
    case BinaryOp::kConcat: {
      // `a || b || c` is concat(a, b, c): NULL if any operand is, else the
      // operands in order, exactly as the left-nested form computes it.
      for (size_t i = 1; i < operands.size(); i++) {
        for (const BoundExpr* operand : {operands[i - 1].get(), operands[i].get()}) {
          if (operand->type != TypeId::kVarchar && operand->type != TypeId::kUnknown) {
            return TypeMismatch(expr.range, "||", i == 1 ? operands[0]->type : TypeId::kVarchar,
                                operands[i]->type);
          }
        }
      }
      auto node = MakeNode(BoundKind::kFunction, TypeId::kVarchar, expr.range);
      node->function = ScalarFunction::kConcat;
      for (auto& operand : operands) {
        node->children.push_back(CastTo(std::move(operand), TypeId::kVarchar));
      }
      return node;
    }
    default:
      return BindArithmetic(expr, std::move(operands));
  }
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindArithmetic(
    const ParsedExpr& expr, std::vector<std::unique_ptr<BoundExpr>> operands) {
  static constexpr std::pair<BinaryOp, std::pair<ArithmeticOp, const char*>> kOps[] = {
      {BinaryOp::kAdd, {ArithmeticOp::kAdd, "+"}},
      {BinaryOp::kSubtract, {ArithmeticOp::kSubtract, "-"}},
      {BinaryOp::kMultiply, {ArithmeticOp::kMultiply, "*"}},
      {BinaryOp::kDivide, {ArithmeticOp::kDivide, "/"}},
      {BinaryOp::kModulo, {ArithmeticOp::kModulo, "%"}},
  };
  // Each step `value so far op operand` has Trino's type for that step alone
  // (bigint, or double once either side is double), and is checked for
  // overflow at that type. Types only widen, bigint to double, so the chain
  // becomes one node per type: the bigint steps, then, cast to double, the
  // head of a double node that holds the remaining steps.
  std::unique_ptr<BoundExpr> node;
  std::unique_ptr<BoundExpr> head = std::move(operands[0]);
  for (size_t i = 1; i < operands.size(); i++) {
    const BinaryOp binary = expr.OpBefore(i);
    ArithmeticOp op = ArithmeticOp::kAdd;
    const char* text = "+";
    for (const auto& [candidate, arithmetic] : kOps) {
      if (candidate == binary) std::tie(op, text) = arithmetic;
    }
    const TypeId head_type = node != nullptr ? node->type : head->type;
    std::optional<TypeId> type = CommonType(head_type, operands[i]->type);
    if (!type.has_value() || !(IsNumeric(*type) || *type == TypeId::kUnknown)) {
      return TypeMismatch(expr.range, text, head_type, operands[i]->type);
    }
    if (*type == TypeId::kUnknown) type = TypeId::kBigint;
    if (node != nullptr && node->type != *type) {
      // The type widened: what was computed so far is the new node's head.
      head = std::move(node);
    }
    if (node == nullptr) {
      node = MakeNode(BoundKind::kArithmetic, *type, expr.range);
      node->arithmetic_op = op;
      node->children.push_back(CastTo(std::move(head), *type));
    }
    if (op != node->arithmetic_op && node->arithmetic_ops.empty()) {
      node->arithmetic_ops.assign(node->children.size() - 1, node->arithmetic_op);
    }
    if (!node->arithmetic_ops.empty()) node->arithmetic_ops.push_back(op);
    node->children.push_back(CastTo(std::move(operands[i]), *type));
  }
  return node;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindLike(const ParsedExpr& expr,
                                                                      bool allow_aggregates,
                                                                      std::string_view clause) {
  std::vector<std::unique_ptr<BoundExpr>> operands;
  for (const auto& child : expr.children) {
    CTQ_ASSIGN_OR_RETURN(auto bound, BindChild(*child, allow_aggregates, clause));
    if (bound->type != TypeId::kVarchar && bound->type != TypeId::kUnknown) {
      return SqlInvalid(child->range, StrCat("LIKE operands must be varchar: actual type ",
                                                   TypeName(bound->type)));
    }
    operands.push_back(CastTo(std::move(bound), TypeId::kVarchar));
  }
  bool constant_pattern = true;
  for (size_t i = 1; i < operands.size(); i++) {
    constant_pattern &= operands[i]->kind == BoundKind::kConstant;
  }
  if (constant_pattern) {
    for (size_t i = 1; i < operands.size(); i++) {
      if (operands[i]->constant.is_null()) {
        // LIKE NULL is NULL for every row.
        return MakeConstant(Value::Null(TypeId::kBoolean), expr.range);
      }
    }
    std::optional<std::string_view> escape;
    if (operands.size() > 2) escape = operands[2]->constant.varchar();
    absl::StatusOr<LikeMatcher> matcher =
        LikeMatcher::Compile(operands[1]->constant.varchar(), escape);
    if (!matcher.ok()) {
      SourceRange range = operands.size() > 2 ? expr.children[2]->range : expr.children[1]->range;
      return SqlInvalid(range, ToStd(matcher.status().message()));
    }
    auto node = MakeNode(BoundKind::kLike, TypeId::kBoolean, expr.range);
    node->negated = expr.negated;
    node->like = std::make_shared<const LikeMatcher>(*std::move(matcher));
    node->like_pattern_text = operands[1]->constant.varchar();
    if (escape.has_value()) StrAppend(&node->like_pattern_text, "' ESCAPE '", *escape);
    node->children.push_back(std::move(operands[0]));
    return node;
  }
  auto node = MakeNode(BoundKind::kLikeDynamic, TypeId::kBoolean, expr.range);
  node->negated = expr.negated;
  node->children = std::move(operands);
  return node;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindCase(const ParsedExpr& expr,
                                                                      bool allow_aggregates,
                                                                      std::string_view clause) {
  size_t c = 0;
  std::unique_ptr<BoundExpr> operand;
  if (expr.case_operand) {
    CTQ_ASSIGN_OR_RETURN(operand, BindChild(*expr.children[c++], allow_aggregates, clause));
  }
  const size_t pairs_end = expr.children.size() - (expr.case_else ? 1 : 0);
  std::vector<std::unique_ptr<BoundExpr>> conditions;
  std::vector<std::unique_ptr<BoundExpr>> results;
  for (; c < pairs_end; c += 2) {
    const ParsedExpr& when = *expr.children[c];
    CTQ_ASSIGN_OR_RETURN(auto condition, BindChild(when, allow_aggregates, clause));
    if (operand != nullptr) {
      // CASE x WHEN v: x = v, with the NULL rules of `=` (a NULL never matches).
      std::optional<TypeId> type = CommonType(operand->type, condition->type);
      if (!type.has_value()) {
        return SqlInvalid(when.range, StrCat("CASE operand type does not match WHEN clause type: ",
                                             TypeName(operand->type), " and ",
                                             TypeName(condition->type)));
      }
      auto equal = MakeNode(BoundKind::kCompare, TypeId::kBoolean, when.range);
      equal->compare_op = CompareOp::kEqual;
      equal->children.push_back(CastTo(operand->Clone(), *type));
      equal->children.push_back(CastTo(std::move(condition), *type));
      condition = std::move(equal);
    } else if (condition->type != TypeId::kBoolean && condition->type != TypeId::kUnknown) {
      return SqlInvalid(when.range, StrCat("CASE WHEN clause must evaluate to a boolean: actual type ",
                                           TypeName(condition->type)));
    }
    conditions.push_back(CastTo(std::move(condition), TypeId::kBoolean));
    CTQ_ASSIGN_OR_RETURN(auto result, BindChild(*expr.children[c + 1], allow_aggregates, clause));
    results.push_back(std::move(result));
  }
  std::unique_ptr<BoundExpr> otherwise;
  if (expr.case_else) {
    CTQ_ASSIGN_OR_RETURN(otherwise, BindChild(*expr.children.back(), allow_aggregates, clause));
  }
  return MakeCase(expr.range, std::move(conditions), std::move(results), std::move(otherwise));
}

// a IS DISTINCT FROM b: like a <> b, but NULL is a value equal to itself, so
// the answer is never NULL (Trino's docs, "Comparison functions and
// operators"). Bound as CASE WHEN a IS NULL THEN b IS NOT NULL WHEN b IS NULL
// THEN true ELSE a <> b END; IS NOT DISTINCT FROM is its negation.
absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindIsDistinctFrom(
    const ParsedExpr& expr, bool allow_aggregates, std::string_view clause) {
  CTQ_ASSIGN_OR_RETURN(auto left, BindChild(*expr.children[0], allow_aggregates, clause));
  CTQ_ASSIGN_OR_RETURN(auto right, BindChild(*expr.children[1], allow_aggregates, clause));
  std::optional<TypeId> type = CommonType(left->type, right->type);
  if (!type.has_value()) {
    return SqlInvalid(expr.range, StrCat("Cannot apply operator: ", TypeName(left->type),
                                         " IS DISTINCT FROM ", TypeName(right->type)));
  }
  if (*type == TypeId::kUnknown) type = TypeId::kBoolean;  // NULL IS DISTINCT FROM NULL
  left = CastTo(std::move(left), *type);
  right = CastTo(std::move(right), *type);
  auto is_null = [&](const BoundExpr& operand, bool negated) {
    auto node = MakeNode(BoundKind::kIsNull, TypeId::kBoolean, expr.range);
    node->negated = negated;
    node->children.push_back(operand.Clone());
    return node;
  };
  std::vector<std::unique_ptr<BoundExpr>> conditions;
  std::vector<std::unique_ptr<BoundExpr>> results;
  conditions.push_back(is_null(*left, false));
  results.push_back(is_null(*right, true));
  conditions.push_back(is_null(*right, false));
  results.push_back(MakeConstant(Value::Boolean(true), expr.range));
  auto differ = MakeNode(BoundKind::kCompare, TypeId::kBoolean, expr.range);
  differ->compare_op = CompareOp::kNotEqual;
  differ->children.push_back(std::move(left));
  differ->children.push_back(std::move(right));
  CTQ_ASSIGN_OR_RETURN(auto distinct, MakeCase(expr.range, std::move(conditions),
                                               std::move(results), std::move(differ)));
  if (!expr.negated) return distinct;
  auto negation = MakeNode(BoundKind::kNot, TypeId::kBoolean, expr.range);
  negation->children.push_back(std::move(distinct));
  return negation;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::MakeCase(
    SourceRange range, std::vector<std::unique_ptr<BoundExpr>> conditions,
    std::vector<std::unique_ptr<BoundExpr>> results, std::unique_ptr<BoundExpr> otherwise) {
  if (otherwise == nullptr) otherwise = MakeConstant(Value::Null(TypeId::kUnknown), range);
  std::optional<TypeId> type = otherwise->type;
  for (const auto& result : results) {
    std::optional<TypeId> common = CommonType(*type, result->type);
    if (!common.has_value()) {
      return SqlInvalid(result->range,
                        StrCat("All CASE results must be the same type or coercible to a common "
                               "type: ",
                               TypeName(*type), " and ", TypeName(result->type)));
    }
    type = common;
  }
  auto node = MakeNode(BoundKind::kCase, *type, range);
  for (size_t i = 0; i < conditions.size(); i++) {
    node->children.push_back(std::move(conditions[i]));
    node->children.push_back(CastTo(std::move(results[i]), *type));
  }
  node->children.push_back(CastTo(std::move(otherwise), *type));
  return node;
}

// IF(c, a[, b]) is CASE WHEN c THEN a [ELSE b] END; NULLIF(a, b) is CASE WHEN
// a = b THEN NULL ELSE a END, of a's type (Trino's docs, "Conditional
// expressions").
absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindConditionalFunction(
    const ParsedExpr& expr, std::vector<std::unique_ptr<BoundExpr>> args) {
  const bool is_if = expr.function_name == "if";
  if (is_if ? (args.size() < 2 || args.size() > 3) : args.size() != 2) {
    return SqlInvalid(expr.range, StrCat(expr.function_name, is_if ? "() takes 2 or 3 arguments"
                                                                   : "() takes 2 arguments",
                                         ", not ", args.size()));
  }
  std::vector<std::unique_ptr<BoundExpr>> conditions;
  std::vector<std::unique_ptr<BoundExpr>> results;
  std::unique_ptr<BoundExpr> otherwise;
  if (is_if) {
    if (args[0]->type != TypeId::kBoolean && args[0]->type != TypeId::kUnknown) {
      return SqlInvalid(expr.children[0]->range,
                        StrCat("IF condition must evaluate to a boolean: actual type ",
                               TypeName(args[0]->type)));
    }
    conditions.push_back(CastTo(std::move(args[0]), TypeId::kBoolean));
    results.push_back(std::move(args[1]));
    if (args.size() == 3) otherwise = std::move(args[2]);
    return MakeCase(expr.range, std::move(conditions), std::move(results), std::move(otherwise));
  }
  std::optional<TypeId> type = CommonType(args[0]->type, args[1]->type);
  if (!type.has_value()) {
    return SqlInvalid(expr.range, StrCat("Cannot apply operator: ", TypeName(args[0]->type),
                                         " = ", TypeName(args[1]->type)));
  }
  const TypeId result_type = args[0]->type;
  auto equal = MakeNode(BoundKind::kCompare, TypeId::kBoolean, expr.range);
  equal->compare_op = CompareOp::kEqual;
  equal->children.push_back(CastTo(args[0]->Clone(), *type));
  equal->children.push_back(CastTo(std::move(args[1]), *type));
  conditions.push_back(std::move(equal));
  results.push_back(MakeConstant(Value::Null(result_type), expr.range));
  return MakeCase(expr.range, std::move(conditions), std::move(results), std::move(args[0]));
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindFunction(const ParsedExpr& expr,
                                                                          bool allow_aggregates,
                                                                          std::string_view clause) {
  if (IsAggregateFunction(expr.function_name)) {
    if (!allow_aggregates) {
      return SqlInvalid(expr.range, StrCat(clause, " cannot contain aggregations"));
    }
    return BindAggregate(expr, clause);
  }
  std::vector<std::unique_ptr<BoundExpr>> args;
  for (const auto& child : expr.children) {
    CTQ_ASSIGN_OR_RETURN(auto bound, BindChild(*child, allow_aggregates, clause));
    args.push_back(std::move(bound));
  }
  // As Trino: the arguments first, then the name, then what the call may hold. So
  // array_agg(DISTINCT x) is a function ctq lacks, not a scalar given DISTINCT.
  if (!IsScalarFunction(expr.function_name)) return UnknownFunction(expr);
  if (expr.distinct) {
    return SqlInvalid(expr.range, StrCat("DISTINCT is only allowed in aggregate functions: ",
                                               expr.function_name));
  }
  if (expr.star) {
    return SqlInvalid(expr.range, StrCat("* is only allowed in count(*): ", expr.function_name));
  }
  if (expr.function_name == "if" || expr.function_name == "nullif") {
    return BindConditionalFunction(expr, std::move(args));
  }
  if (expr.function_name == "try") {
    if (args.size() != 1) {
      return SqlInvalid(expr.range, StrCat("try() takes 1 argument, not ", args.size()));
    }
    auto node = MakeNode(BoundKind::kTry, args[0]->type, expr.range);
    node->children.push_back(std::move(args[0]));
    return node;
  }
  CTQ_ASSIGN_OR_RETURN(ScalarSignature signature, ResolveScalarFunction(expr, args));
  auto node = MakeNode(BoundKind::kFunction, signature.result_type, expr.range);
  node->function = signature.function;
  for (size_t i = 0; i < args.size(); i++) {
    node->children.push_back(CastTo(std::move(args[i]), signature.argument_types[i]));
  }
  if (signature.function == ScalarFunction::kJsonExtractScalar) {
    const BoundExpr& path = *node->children[1];
    if (path.kind != BoundKind::kConstant) {
      return SqlNotSupported(expr.children[1]->range, "a JSON path that is not a literal");
    }
    if (path.constant.is_null()) return MakeConstant(Value::Null(TypeId::kVarchar), expr.range);
    absl::StatusOr<JsonPath> parsed = JsonPath::Parse(path.constant.varchar());
    if (!parsed.ok()) return SqlInvalid(expr.children[1]->range, ToStd(parsed.status().message()));
    node->json_path = std::make_shared<const JsonPath>(*std::move(parsed));
  }
  if (signature.function == ScalarFunction::kRegexpLike) {
    const BoundExpr& pattern = *node->children[1];
    if (pattern.kind != BoundKind::kConstant) {
      return SqlNotSupported(expr.children[1]->range, "a regular expression that is not a literal");
    }
    if (pattern.constant.is_null()) return MakeConstant(Value::Null(TypeId::kBoolean), expr.range);
    auto regexp = std::make_shared<const RE2>(pattern.constant.varchar(), RE2::Quiet);
    if (!regexp->ok()) {
      return SqlInvalid(expr.children[1]->range,
                        StrCat("Invalid regular expression: ", regexp->error()));
    }
    node->regexp = std::move(regexp);
  }
  return node;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindAggregate(const ParsedExpr& expr,
                                                                           std::string_view clause) {
  std::vector<std::unique_ptr<BoundExpr>> args;
  for (const auto& child : expr.children) {
    CTQ_ASSIGN_OR_RETURN(auto bound,
                         Bind(*child, /*allow_aggregates=*/false, "Aggregate arguments"));
    args.push_back(std::move(bound));
  }
  CTQ_ASSIGN_OR_RETURN(AggregateSignature signature, ResolveAggregateFunction(expr, args));
  auto node = MakeNode(BoundKind::kAggregate, signature.result_type, expr.range);
  node->aggregate = signature.kind;
  for (auto& arg : args) node->children.push_back(std::move(arg));
  return node;
}

}  // namespace ctq
