// DumpStatement and DumpExpr: the canonical text form of an AST that the
// parser tests compare against (the format is documented in parser.h).
#include <algorithm>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "parser/parser.h"

namespace ctq {
namespace {

bool IsPlainName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// Names that would not read back as one plain word are double-quoted, so that
// a name containing '.' cannot pass for two parts.
void AppendName(std::string_view name, std::string* out) {
  if (IsPlainName(name)) {
    out->append(name);
    return;
  }
  out->push_back('"');
  for (char c : name) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendNameParts(const std::vector<std::string>& parts, std::string* out) {
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out->push_back('.');
    AppendName(parts[i], out);
  }
}

void AppendExpr(const ParsedExpr& expr, std::string* out);

void AppendStringLiteral(std::string_view text, std::string* out) {
  out->push_back('\'');
  for (char c : text) {
    if (c == '\'') out->push_back('\'');
    out->push_back(c);
  }
  out->push_back('\'');
}

// show columns|tables|functions [from=<name>] [like=<pattern>] [escape=<c>]
std::string DumpShow(const ShowStatement& show) {
  std::string out = "show ";
  switch (show.kind) {
    case ShowKind::kColumns:
      out.append("columns");
      break;
    case ShowKind::kTables:
      out.append("tables");
      break;
    case ShowKind::kFunctions:
      out.append("functions");
      break;
  }
  if (!show.name_parts.empty()) {
    out.append(" from=");
    AppendNameParts(show.name_parts, &out);
  }
  if (show.like_pattern.has_value()) {
    out.append(" like=");
    AppendStringLiteral(*show.like_pattern, &out);
  }
  if (show.like_escape.has_value()) {
    out.append(" escape=");
    AppendStringLiteral(*show.like_escape, &out);
  }
  return out;
}

// Tolerates malformed trees (a missing child prints as "?") because tests may
// dump hand-built ASTs.
void AppendChild(const ParsedExpr& expr, size_t index, std::string* out) {
  if (index < expr.children.size() && expr.children[index] != nullptr) {
    AppendExpr(*expr.children[index], out);
  } else {
    out->push_back('?');
  }
}

void AppendChildren(const ParsedExpr& expr, size_t from, std::string* out) {
  for (size_t i = from; i < expr.children.size(); ++i) {
    if (i > from) out->append(", ");
    AppendChild(expr, i, out);
  }
}

const char* BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kEqual:
      return "=";
    case BinaryOp::kNotEqual:
      return "<>";
    case BinaryOp::kLess:
      return "<";
    case BinaryOp::kLessEqual:
      return "<=";
    case BinaryOp::kGreater:
      return ">";
    case BinaryOp::kGreaterEqual:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kConcat:
      return "||";
  }
  return "?";
}

void AppendLiteral(const ParsedExpr& expr, std::string* out) {
  switch (expr.literal_kind) {
    case LiteralKind::kNull:
      out->append("null");
      return;
    case LiteralKind::kBoolean:
    case LiteralKind::kInteger:
    case LiteralKind::kDecimal:
      out->append(expr.text);
      return;
    case LiteralKind::kInterval:
      out->append(expr.negated ? "interval -'" : "interval '");
      out->append(expr.text);  // interval texts hold digits and separators only
      out->append("' ");
      out->append(expr.type_name);
      return;
    case LiteralKind::kString:
      AppendStringLiteral(expr.text, out);
      return;
  }
}

void AppendExpr(const ParsedExpr& expr, std::string* out) {
  switch (expr.kind) {
    case ExprKind::kColumnRef:
      out->append("col(");
      AppendNameParts(expr.name_parts, out);
      out->push_back(')');
      return;
    case ExprKind::kLiteral:
      AppendLiteral(expr, out);
      return;
    case ExprKind::kUnary:
      out->append(expr.unary_op == UnaryOp::kNot      ? "not("
                  : expr.unary_op == UnaryOp::kNegate ? "neg("
                                                      : "pos(");
      AppendChild(expr, 0, out);
      out->push_back(')');
      return;
    case ExprKind::kBinary:
      // A chain prints flat, `(a + b - c)`: one node however long.
      out->push_back('(');
      AppendChild(expr, 0, out);
      for (size_t i = 1; i < std::max<size_t>(expr.children.size(), 2); ++i) {
        // OpBefore, tolerant of a hand-built chain_ops of the wrong size.
        const BinaryOp op = i - 1 < expr.chain_ops.size() ? expr.chain_ops[i - 1] : expr.binary_op;
        absl::StrAppend(out, " ", BinaryOpText(op), " ");
        AppendChild(expr, i, out);
      }
      out->push_back(')');
      return;
    case ExprKind::kLike:
      out->append(expr.negated ? "notlike(" : "like(");
      AppendChild(expr, 0, out);
      out->append(", ");
      AppendChild(expr, 1, out);
      if (expr.children.size() > 2) {
        out->append(", escape=");
        AppendChild(expr, 2, out);
      }
      out->push_back(')');
      return;
    case ExprKind::kBetween:
      out->append(expr.negated ? "notbetween(" : "between(");
      AppendChildren(expr, 0, out);
      out->push_back(')');
      return;
    case ExprKind::kIn:
      out->append(expr.negated ? "notin(" : "in(");
      AppendChild(expr, 0, out);
      out->append("; ");
      AppendChildren(expr, 1, out);
      out->push_back(')');
      return;
    case ExprKind::kIsNull:
      out->append(expr.negated ? "isnotnull(" : "isnull(");
      AppendChild(expr, 0, out);
      out->push_back(')');
      return;
    case ExprKind::kFunctionCall:
      out->append("fn ");
      AppendName(expr.function_name, out);
      out->push_back('(');
      if (expr.distinct) out->append("distinct ");
      if (expr.star) {
        out->push_back('*');
      } else {
        AppendChildren(expr, 0, out);
      }
      for (size_t i = 0; i < expr.order_by.size(); i++) {
        out->append(i == 0 ? " order by " : ", ");
        AppendExpr(*expr.order_by[i].expr, out);
        if (expr.order_by[i].descending) out->append(" desc");
        if (expr.order_by[i].nulls == NullOrder::kFirst) out->append(" nulls first");
        if (expr.order_by[i].nulls == NullOrder::kLast) out->append(" nulls last");
      }
      out->push_back(')');
      return;
    case ExprKind::kIsDistinctFrom:
      out->append(expr.negated ? "isnotdistinct(" : "isdistinct(");
      AppendChildren(expr, 0, out);
      out->push_back(')');
      return;
    case ExprKind::kCast:
      out->append(expr.try_cast ? "try_cast(" : "cast(");
      AppendChild(expr, 0, out);
      absl::StrAppend(out, " as ", expr.type_name, ")");
      return;
    case ExprKind::kCase: {
      out->append("case(");
      size_t c = 0;
      if (expr.case_operand) {
        AppendChild(expr, c++, out);
        out->append(";");
      }
      const size_t pairs_end = expr.children.size() - (expr.case_else ? 1 : 0);
      for (; c < pairs_end; c += 2) {
        out->append(" when ");
        AppendChild(expr, c, out);
        out->append(" then ");
        AppendChild(expr, c + 1, out);
      }
      if (expr.case_else) {
        out->append(" else ");
        AppendChild(expr, c, out);
      }
      out->push_back(')');
      return;
    }
  }
  out->push_back('?');
}

}  // namespace

std::string DumpExpr(const ParsedExpr& expr) {
  std::string out;
  AppendExpr(expr, &out);
  return out;
}

std::string DumpStatement(const Statement& statement) {
  if (statement.kind == StatementKind::kShow) return DumpShow(statement.show);
  std::string out;
  if (statement.kind == StatementKind::kExplain) out.append("explain ");
  if (statement.kind == StatementKind::kExplainAnalyze) out.append("explain analyze ");
  const SelectStatement& select = statement.select;
  out.append(select.distinct ? "select distinct cols=[" : "select cols=[");
  for (size_t i = 0; i < select.select_list.size(); ++i) {
    const SelectItem& item = select.select_list[i];
    if (i > 0) out.append(", ");
    if (item.star || item.expr == nullptr) {
      AppendNameParts(item.star_qualifier, &out);
      if (!item.star_qualifier.empty()) out.push_back('.');
      out.push_back('*');
    } else {
      AppendExpr(*item.expr, &out);
    }
    if (!item.alias.empty()) {
      out.append(" as ");
      AppendName(item.alias, &out);
    }
  }
  out.push_back(']');
  if (select.from.has_value()) {
    out.append(" from=");
    AppendNameParts(select.from->name_parts, &out);
    if (!select.from->alias.empty()) {
      out.append(" as ");
      AppendName(select.from->alias, &out);
    }
  }
  if (select.where != nullptr) {
    out.append(" where=");
    AppendExpr(*select.where, &out);
  }
  if (!select.group_by.empty()) {
    out.append(" group_by=[");
    for (size_t i = 0; i < select.group_by.size(); ++i) {
      if (i > 0) out.append(", ");
      if (select.group_by[i] != nullptr) AppendExpr(*select.group_by[i], &out);
    }
    out.push_back(']');
  }
  if (select.having != nullptr) {
    out.append(" having=");
    AppendExpr(*select.having, &out);
  }
  if (!select.order_by.empty()) {
    out.append(" order_by=[");
    for (size_t i = 0; i < select.order_by.size(); ++i) {
      const OrderItem& item = select.order_by[i];
      if (i > 0) out.append(", ");
      if (item.expr != nullptr) AppendExpr(*item.expr, &out);
      out.append(item.descending ? " desc" : " asc");
      if (item.nulls == NullOrder::kFirst) out.append(" nulls_first");
      if (item.nulls == NullOrder::kLast) out.append(" nulls_last");
    }
    out.push_back(']');
  }
  if (select.limit.has_value()) absl::StrAppend(&out, " limit=", *select.limit);
  return out;
}

}  // namespace ctq
