#include "engine/expression_binder.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/ascii.h"
#include "ctq/internal/strings.h"
#include "absl/strings/str_join.h"
#include "ctq/internal/decimal.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "engine/column_resolution.h"
#include "engine/constant_folding.h"
#include "engine/function_catalog.h"
#include "engine/row_fields.h"
#include "re2/re2.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

std::unique_ptr<BoundExpr> MakeNode(BoundKind kind, Type type, SourceRange range) {
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

// The type of `head op operand` for numbers (Trino's arithmetic operators):
// integer op integer is integer, bigint wins over integer, double over all;
// a decimal step has DecimalOperators' result type.
std::optional<Type> ArithmeticType(ArithmeticOp op, Type a, Type b) {
  std::optional<Type> common = CommonType(a, b);
  if (!common.has_value() || !(IsNumeric(*common) || *common == TypeId::kUnknown)) {
    return std::nullopt;
  }
  if (*common == TypeId::kUnknown) return Type(TypeId::kInteger);
  if (common->id() != TypeId::kDecimal) return common;
  a = a == TypeId::kUnknown ? *common : DecimalTypeOf(a);
  b = b == TypeId::kUnknown ? *common : DecimalTypeOf(b);
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract:
      return DecimalAddType(a, b);
    case ArithmeticOp::kMultiply:
      return DecimalMultiplyType(a, b);
    case ArithmeticOp::kDivide:
      return DecimalDivideType(a, b);
    case ArithmeticOp::kModulo:
      return DecimalModuloType(a, b);
  }
  return std::nullopt;
}

absl::Status TypeMismatch(SourceRange range, std::string_view op, Type a, Type b) {
  return SqlInvalid(range, StrCat("Cannot apply operator: ", TypeName(a), " ", op, " ",
                                        TypeName(b)));
}

}  // namespace

std::unique_ptr<BoundExpr> ExpressionBinder::CastTo(std::unique_ptr<BoundExpr> expr, Type type) {
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
  if (path == "resources") {
    // Stored as the event's JSON text; read as Athena's ARRAY(ROW(...)) by
    // Trino's JSON-to-ROW cast (keys matched case-insensitively, so "ARN" and
    // "accountId" fill arn and accountid). A value that is not such an array
    // (a damaged log) reads as NULL, as a lenient JSON SerDe gives it.
    CTQ_ASSIGN_OR_RETURN(auto text, BindLeaf(*FindColumn(path), range));
    auto json = MakeNode(BoundKind::kFunction, TypeId::kJson, range);
    json->function = ScalarFunction::kJsonParse;
    json->children.push_back(std::move(text));
    auto lenient = MakeNode(BoundKind::kTry, ResourcesType(), range);
    lenient->children.push_back(CastTo(std::move(json), ResourcesType()));
    return lenient;
  }
  if (std::optional<int> leaf = FindColumn(path)) return BindLeaf(*leaf, range);
  // Partition columns are hidden from `SELECT *` but named like any column.
  if (std::optional<int> stored = FindPartitionColumn(path)) return BindLeaf(*stored, range);
  std::optional<StructSpec> spec = FindStruct(path);
  if (!spec.has_value()) return absl::NotFoundError(path);
  // A ROW: one child per direct field, in schema order.
  auto node = MakeNode(BoundKind::kStruct, TypeId::kUnknown, range);
  std::string prefix = path + ".";
  std::vector<std::pair<std::string, Type>> fields;
  for (int leaf = spec->first_leaf; leaf < spec->first_leaf + spec->leaf_count;) {
    std::string_view name = CloudTrailColumns()[leaf].sql_name;
    std::string_view rest = name.substr(prefix.size());
    size_t dot = rest.find('.');
    std::string field(rest.substr(0, dot));
    CTQ_ASSIGN_OR_RETURN(auto child, BindStructPath(prefix + field, range));
    fields.emplace_back(field, child->type);
    node->field_names.push_back(field);
    if (dot == std::string_view::npos) {
      leaf++;
    } else {
      leaf += FindStruct(prefix + field)->leaf_count;
    }
    node->children.push_back(std::move(child));
  }
  node->type = Type::Row(fields);
  // Last child: the hidden column that says whether the ROW object was there.
  CTQ_ASSIGN_OR_RETURN(auto presence, BindLeaf(spec->presence_column, range));
  node->children.push_back(std::move(presence));
  return node;
}

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindColumn(const ParsedExpr& expr) {
  if (output_columns_ != nullptr) {
    CTQ_ASSIGN_OR_RETURN(std::unique_ptr<BoundExpr> output, BindOutputColumn(expr));
    if (output != nullptr) return output;
  }
  std::string full = absl::StrJoin(expr.name_parts, ".");
  if (!has_table_) {
    return SqlInvalid(expr.range, StrCat("Unknown column: ", full, " (the query has no FROM)"));
  }
  CTQ_ASSIGN_OR_RETURN(std::string path,
                       ResolveColumnPath(expr.name_parts, relation_name_, expr.range));
  absl::StatusOr<std::unique_ptr<BoundExpr>> bound = BindStructPath(path, expr.range);
  if (bound.ok() || !absl::IsNotFound(bound.status())) return bound;
  return UnknownColumnError(full, expr.range, path);
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
        case LiteralKind::kInterval:
          return BindInterval(expr);
        case LiteralKind::kInteger: {
          int64_t value = 0;
          auto [end, ec] = std::from_chars(expr.text.data(), expr.text.data() + expr.text.size(), value);
          if (ec != std::errc() || end != expr.text.data() + expr.text.size()) {
            return SqlInvalid(expr.range, StrCat("Invalid numeric literal: ", expr.text));
          }
          // A literal that fits 32 bits is an INTEGER, as in Trino.
          if (value >= INT32_MIN && value <= INT32_MAX) {
            return MakeConstant(Value::Integer(static_cast<int32_t>(value)), expr.range);
          }
          return MakeConstant(Value::Bigint(value), expr.range);
        }
        case LiteralKind::kDecimal: {
          // `1.5` is DECIMAL(2,1), `1e3` and `1.5E-2` DOUBLE (Trino's
          // parse_decimal_literals_as_double is off by default).
          if (expr.text.find_first_of("eE") == std::string::npos) {
            std::optional<ParsedDecimal> parsed = ParseDecimal(expr.text, /*allow_exponent=*/false);
            if (!parsed.has_value()) {
              return SqlInvalid(expr.range, StrCat("Invalid numeric literal: ", expr.text,
                                                   " (a DECIMAL has at most 38 digits)"));
            }
            return MakeConstant(
                Value::Decimal(parsed->unscaled, Type::Decimal(parsed->precision, parsed->scale)),
                expr.range);
          }
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
      Type type = operand->type == TypeId::kUnknown ? Type(TypeId::kInteger) : operand->type;
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
      std::optional<Type> type = CommonType(operands[0]->type, operands[1]->type);
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
      std::optional<Type> type = Type(TypeId::kUnknown);
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
      if (expr.typed_literal) return BindTypedLiteral(expr);
      CTQ_ASSIGN_OR_RETURN(auto operand, BindChild(*expr.children[0], allow_aggregates, clause));
      CTQ_ASSIGN_OR_RETURN(Type target, ParseCastType(expr.type_name, expr.range));
      if (operand->type == target) return operand;
      if (!CanCast(operand->type, target)) {
        return SqlInvalid(expr.range, StrCat("Cannot cast ", TypeName(operand->type), " to ",
                                             TypeName(target)));
      }
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
      std::optional<Type> type = CommonType(left->type, right->type);
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
  // (ArithmeticType) and is checked for overflow at that type. A run of
  // integer, bigint or double steps of one type is one node (a flat chain of
  // 1,000 terms stays flat); the type changes only by widening (integer to
  // bigint to double), and the node computed so far then heads a new node.
  // Decimal operands keep their own scales, which the kernel needs: a decimal
  // step is a node of its own until the result type stops growing (at
  // precision 38), then further steps of the same operator join it.
  std::unique_ptr<BoundExpr> node;
  std::unique_ptr<BoundExpr> head = std::move(operands[0]);
  for (size_t i = 1; i < operands.size(); i++) {
    const BinaryOp binary = expr.OpBefore(i);
    ArithmeticOp op = ArithmeticOp::kAdd;
    const char* text = "+";
    for (const auto& [candidate, arithmetic] : kOps) {
      if (candidate == binary) std::tie(op, text) = arithmetic;
    }
    const Type head_type = node != nullptr ? node->type : head->type;
    const Type operand_type = operands[i]->type;
    if (IsDateTime(head_type) || IsInterval(head_type) || IsDateTime(operand_type) ||
        IsInterval(operand_type)) {
      // Dates, times and intervals: one node per step.
      if (node != nullptr) head = std::move(node);
      auto timed = BindDateTimeArithmetic(expr, op, &head, &operands[i]);
      CTQ_ASSIGN_OR_RETURN(node, std::move(*timed));
      continue;
    }
    std::optional<Type> type = ArithmeticType(op, head_type, operands[i]->type);
    if (!type.has_value()) return TypeMismatch(expr.range, text, head_type, operands[i]->type);
    const bool is_decimal = type->id() == TypeId::kDecimal;
    if (is_decimal) {
      if (type->scale() > type->precision()) {
        return SqlInvalid(expr.range, StrCat("DECIMAL scale must be in range [0, precision]: ",
                                             TypeName(head_type), " ", text, " ",
                                             TypeName(operands[i]->type)));
      }
      std::optional<Type> common = CommonType(head_type, operands[i]->type);
      Type left = head_type == TypeId::kUnknown ? *common : DecimalTypeOf(head_type);
      Type right = operands[i]->type == TypeId::kUnknown ? *common : DecimalTypeOf(operands[i]->type);
      auto additive = [](ArithmeticOp o) {
        return o == ArithmeticOp::kAdd || o == ArithmeticOp::kSubtract;
      };
      bool joins = node != nullptr && node->type == *type;
      for (size_t c = 1; joins && c < node->children.size(); c++) {
        const ArithmeticOp before = node->ArithmeticOpBefore(c);
        joins = before == op || (additive(before) && additive(op));
      }
      if (joins) {
        // The type stopped growing (precision 38): the chain stays flat.
        if (op != node->arithmetic_op && node->arithmetic_ops.empty()) {
          node->arithmetic_ops.assign(node->children.size() - 1, node->arithmetic_op);
        }
        if (!node->arithmetic_ops.empty()) node->arithmetic_ops.push_back(op);
        node->children.push_back(CastTo(std::move(operands[i]), right));
        continue;
      }
      if (node != nullptr) head = std::move(node);
      node = MakeNode(BoundKind::kArithmetic, *type, expr.range);
      node->arithmetic_op = op;
      node->children.push_back(CastTo(std::move(head), left));
      node->children.push_back(CastTo(std::move(operands[i]), right));
      continue;
    }
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
      std::optional<Type> type = CommonType(operand->type, condition->type);
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
  std::optional<Type> type = CommonType(left->type, right->type);
  if (!type.has_value()) {
    return SqlInvalid(expr.range, StrCat("Cannot apply operator: ", TypeName(left->type),
                                         " IS DISTINCT FROM ", TypeName(right->type)));
  }
  if (*type == TypeId::kUnknown) type = Type(TypeId::kBoolean);  // NULL IS DISTINCT FROM NULL
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
  std::optional<Type> type = otherwise->type;
  for (const auto& result : results) {
    std::optional<Type> common = CommonType(*type, result->type);
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
  std::optional<Type> type = CommonType(args[0]->type, args[1]->type);
  if (!type.has_value()) {
    return SqlInvalid(expr.range, StrCat("Cannot apply operator: ", TypeName(args[0]->type),
                                         " = ", TypeName(args[1]->type)));
  }
  const Type result_type = args[0]->type;
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
  if (!expr.order_by.empty()) {
    return SqlInvalid(expr.order_by[0].range,
                      StrCat("ORDER BY specified, but ", expr.function_name,
                             " is not an aggregate function"));
  }
  if (expr.function_name == "if" || expr.function_name == "nullif") {
    return BindConditionalFunction(expr, std::move(args));
  }
  if (IsTimeFunctionName(expr.function_name)) return BindTimeFunction(expr, std::move(args));
  if (expr.function_name == "$field") {
    // row.field (Trino's DereferenceExpression): the field's index is known
    // when binding.
    const BoundExpr& row = *args[0];
    const std::string& name = expr.children[1]->text;
    if (row.type.id() != TypeId::kRow) {
      return SqlInvalid(expr.range, StrCat("Expression of type ", TypeName(row.type),
                                           " is not of type ROW (dereference of '", name, "')"));
    }
    std::optional<int> field = row.type.FindField(name);
    if (!field.has_value()) {
      return SqlInvalid(expr.children[1]->range, StrCat("Column '", name, "' cannot be resolved"));
    }
    auto node = MakeNode(BoundKind::kFunction, row.type.field_type(*field), expr.range);
    node->function = ScalarFunction::kRowField;
    node->children.push_back(std::move(args[0]));
    node->children.push_back(MakeConstant(Value::Bigint(*field), expr.range));
    return node;
  }
  if (expr.function_name == "typeof") {
    // Trino's typeof: the argument's type name, known when binding.
    if (args.size() != 1) {
      return SqlInvalid(expr.range, StrCat("typeof() takes 1 argument, not ", args.size()));
    }
    auto name = MakeConstant(Value::Varchar(TypeName(args[0]->type)), expr.range);
    if (!ContainsAggregate(*args[0])) return name;
    // typeof(count(*)) is still an aggregate query (one row, not one per
    // input row): keep the aggregate in a branch that never runs.
    std::vector<std::unique_ptr<BoundExpr>> conditions;
    std::vector<std::unique_ptr<BoundExpr>> results;
    conditions.push_back(MakeConstant(Value::Boolean(true), expr.range));
    results.push_back(std::move(name));
    return MakeCase(expr.range, std::move(conditions), std::move(results),
                    CastTo(std::move(args[0]), TypeId::kVarchar));
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
  if (signature.function == ScalarFunction::kJsonExtractScalar ||
      signature.function == ScalarFunction::kJsonExtract ||
      signature.function == ScalarFunction::kJsonSize) {
    const BoundExpr& path = *node->children[1];
    if (path.kind != BoundKind::kConstant) {
      return SqlNotSupported(expr.children[1]->range, "a JSON path that is not a literal");
    }
    if (path.constant.is_null()) return MakeConstant(Value::Null(node->type), expr.range);
    absl::StatusOr<JsonPath> parsed = JsonPath::Parse(path.constant.varchar());
    if (!parsed.ok()) return SqlInvalid(expr.children[1]->range, ToStd(parsed.status().message()));
    node->json_path = std::make_shared<const JsonPath>(*std::move(parsed));
  }
  if (signature.function == ScalarFunction::kRegexpLike ||
      signature.function == ScalarFunction::kRegexpExtract ||
      signature.function == ScalarFunction::kRegexpExtractAll ||
      signature.function == ScalarFunction::kRegexpReplace) {
    const BoundExpr& pattern = *node->children[1];
    if (pattern.kind != BoundKind::kConstant) {
      return SqlNotSupported(expr.children[1]->range, "a regular expression that is not a literal");
    }
    if (pattern.constant.is_null()) return MakeConstant(Value::Null(node->type), expr.range);
    auto regexp = std::make_shared<const RE2>(pattern.constant.varchar(), RE2::Quiet);
    if (!regexp->ok()) {
      return SqlInvalid(expr.children[1]->range,
                        StrCat("Invalid regular expression: ", regexp->error()));
    }
    if (signature.function == ScalarFunction::kRegexpReplace && node->children.size() > 2) {
      const BoundExpr& replacement = *node->children[2];
      if (replacement.kind != BoundKind::kConstant) {
        return SqlNotSupported(expr.children[2]->range, "a replacement that is not a literal");
      }
      if (replacement.constant.is_null()) return MakeConstant(Value::Null(node->type), expr.range);
      // Java's replacement syntax ($1, \$ for a dollar) in RE2's (\1, \\).
      const std::string& text = replacement.constant.varchar();
      std::string rewrite;
      for (size_t i = 0; i < text.size(); i++) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          if (text[i + 1] == '\\') rewrite += "\\\\";
          else rewrite += text[i + 1];
          i++;
        } else if (text[i] == '$') {
          size_t digits = i + 1;
          while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') digits++;
          if (digits == i + 1) {
            return SqlNotSupported(expr.children[2]->range,
                                   "a replacement with named groups or a lone '$'");
          }
          const int group = std::stoi(text.substr(i + 1, std::min<size_t>(digits - i - 1, 3)));
          if (group > regexp->NumberOfCapturingGroups()) {
            return SqlInvalid(expr.children[2]->range, StrCat("Illegal group reference: group ", group,
                                                              " does not exist"));
          }
          rewrite += "\\" + std::to_string(group);
          i = digits - 1;
        } else if (text[i] == '\\') {
          rewrite += "\\\\";
        } else {
          rewrite += text[i];
        }
      }
      node->format = std::move(rewrite);
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
  AggregateOptions& options = node->aggregate_options;
  options.distinct = expr.distinct && signature.kind == AggregateKind::kArrayAgg;
  switch (signature.kind) {
    case AggregateKind::kVarianceSamp:
    case AggregateKind::kVariancePop:
    case AggregateKind::kStddevSamp:
    case AggregateKind::kStddevPop:
      args[0] = CastTo(std::move(args[0]), TypeId::kDouble);
      break;
    case AggregateKind::kApproxPercentile: {
      // The percentage is one constant in [0, 1] (Trino checks each row's;
      // ctq wants it known when binding).
      auto percentage = CastTo(std::move(args[1]), TypeId::kDouble);
      FoldConstants(&percentage);
      if (percentage->kind != BoundKind::kConstant || percentage->constant.is_null()) {
        return SqlNotSupported(expr.children[1]->range, "a percentage that is not a constant");
      }
      const double p = percentage->constant.dbl();
      if (!(p >= 0 && p <= 1)) {
        return SqlInvalid(expr.children[1]->range, "Percentile must be between 0 and 1");
      }
      options.fraction = p;
      args.pop_back();
      args[0] = CastTo(std::move(args[0]), signature.result_type);
      break;
    }
    default:
      break;
  }
  if (!expr.order_by.empty()) {
    // Only array_agg's answer depends on the order of its input.
    if (signature.kind != AggregateKind::kArrayAgg) {
      return SqlNotSupported(expr.order_by[0].range, StrCat("ORDER BY in ", expr.function_name, "()"));
    }
    if (expr.order_by.size() > 1) {
      return SqlNotSupported(expr.order_by[1].range, "ORDER BY with several keys in array_agg()");
    }
    const OrderItem& item = expr.order_by[0];
    CTQ_ASSIGN_OR_RETURN(auto key, Bind(*item.expr, /*allow_aggregates=*/false, "Aggregate arguments"));
    if (key->type == TypeId::kJson) {
      return SqlInvalid(item.range, StrCat("Type json is not orderable"));
    }
    if (expr.distinct && key->ToString() != args[0]->ToString()) {
      // Trino's message (io.trino.sql.analyzer.ExpressionAnalyzer).
      return SqlInvalid(item.range, "For aggregate function with DISTINCT, ORDER BY expressions "
                                    "must appear in arguments");
    }
    options.ordered = true;
    options.descending = item.descending;
    options.nulls_first = item.nulls == NullOrder::kFirst;
    args.push_back(std::move(key));
  }
  for (auto& arg : args) node->children.push_back(std::move(arg));
  return node;
}

}  // namespace ctq
