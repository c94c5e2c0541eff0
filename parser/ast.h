// The abstract syntax tree the parser produces. It knows nothing of columns,
// types or storage: names are resolved later by the binder (engine/).
//
// Ownership: every node owns its children through std::unique_ptr. Strings are
// owned copies, so an AST outlives the SQL text it was parsed from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctq/internal/source_range.h"

namespace ctq {

enum class ExprKind {
  kColumnRef,     // name_parts: ["useridentity", "username"]
  kLiteral,       // literal_kind + text
  kUnary,         // unary_op, children[0]
  kBinary,        // children[0] op children[1] [op children[2] ...], see ParsedExpr
  kLike,          // children: value, pattern[, escape]; negated for NOT LIKE
  kBetween,       // children: value, low, high; negated for NOT BETWEEN
  kIn,            // children: value, item1, item2, ...; negated for NOT IN
  kIsNull,        // children[0]; negated for IS NOT NULL
  kFunctionCall,  // function_name, children = arguments, distinct, star
  kCast,          // children[0], type_name: CAST(x AS type_name)
  kCase,          // [operand] when1, then1, when2, then2, ... [else]: see case_operand
  kIsDistinctFrom,  // children[0] IS DISTINCT FROM children[1]; negated for IS NOT
};

enum class LiteralKind {
  kNull,
  kBoolean,  // text is "true" or "false"
  kInteger,  // text is the digits as written, e.g. "143"
  kDecimal,  // text as written, e.g. "1.5" or "2e3"
  kString,   // text is the value with '' already turned into '
  kInterval, // INTERVAL [+|-] 'text' unit [TO unit]: text, type_name is the
             // lowercased unit(s) ("day", "year to month"), negated for '-'
};

enum class UnaryOp { kNot, kNegate, kPlus };

enum class BinaryOp : uint8_t {
  kAnd,
  kOr,
  kEqual,
  kNotEqual,  // both <> and !=
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kConcat,  // ||
};

struct ParsedExpr;

enum class NullOrder { kDefault, kFirst, kLast };

struct OrderItem {
  std::unique_ptr<ParsedExpr> expr;
  bool descending = false;
  NullOrder nulls = NullOrder::kDefault;
  SourceRange range;
};

// One expression node. A single struct with a kind keeps tree walks simple;
// only the fields documented for a kind are meaningful.
struct ParsedExpr {
  ExprKind kind = ExprKind::kLiteral;
  // Covers the whole expression, e.g. all of `a LIKE 'x%'`.
  SourceRange range;

  // kColumnRef: identifier parts, lowercased (identifiers are case-insensitive,
  // quoted ones too, as in Trino).
  std::vector<std::string> name_parts;
  // kColumnRef: the last part as the user spelled it (case kept).
  std::string last_name_spelling;

  // kLiteral.
  LiteralKind literal_kind = LiteralKind::kNull;
  std::string text;

  UnaryOp unary_op = UnaryOp::kNot;
  // kBinary: `children[0] op children[1] op children[2] ...`, evaluated left
  // to right: ((c0 op c1) op c2) .... Comparisons have two children; a flat
  // chain of one level's operators (AND, OR, ||, + -, * / %) is one node, so
  // that `a OR b OR ...` of any length is a wide node, not a deep tree. Every
  // operator is binary_op, unless `chain_ops` is non-empty (a chain mixing +
  // and -, or * / %): then the operator before children[i] is
  // chain_ops[i - 1], and binary_op is chain_ops[0]. Use OpBefore().
  BinaryOp binary_op = BinaryOp::kAnd;
  std::vector<BinaryOp> chain_ops;

  // kLike, kBetween, kIn, kIsNull: the NOT form.
  bool negated = false;

  // kFunctionCall: lowercased name; `distinct` for count(DISTINCT x); `star`
  // for count(*) (then children is empty).
  std::string function_name;
  bool distinct = false;
  bool star = false;
  // kFunctionCall: `array_agg(x ORDER BY y)`'s ORDER BY items.
  std::vector<OrderItem> order_by;

  // kCast: the target type as written, lowercased ("varchar", "bigint", ...);
  // try_cast for TRY_CAST (NULL instead of an error); typed_literal for
  // `DATE '2017-02-17'` and its kin (children[0] is the string literal).
  std::string type_name;
  bool try_cast = false;
  bool typed_literal = false;

  // kCase: children[0] is the operand of a simple CASE (`CASE x WHEN 1 ...`)
  // when case_operand; the last child is the ELSE result when case_else.
  bool case_operand = false;
  bool case_else = false;

  std::vector<std::unique_ptr<ParsedExpr>> children;

  // kBinary: the operator between the value of children[0..i) and
  // children[i]. REQUIRES: 1 <= i < children.size().
  BinaryOp OpBefore(size_t i) const { return chain_ops.empty() ? binary_op : chain_ops[i - 1]; }
};

struct SelectItem {
  // Null for `*` (star == true).
  std::unique_ptr<ParsedExpr> expr;
  bool star = false;
  // `t.*`, `t.useridentity.*`: the names before `.*`, lowercased; empty for a
  // bare `*`. The binder decides whether they name the table or a ROW column.
  std::vector<std::string> star_qualifier;
  // The alias as written (lowercased, like all identifiers); empty if none.
  std::string alias;
  // The alias as the user spelled it (case kept): the result column's name.
  std::string alias_spelling;
  SourceRange range;
};

struct TableRef {
  // ["cloudtrail_logs"] or ["default", "cloudtrail_logs"], lowercased.
  std::vector<std::string> name_parts;
  std::string alias;  // empty if none
  SourceRange range;
};

struct SelectStatement {
  bool distinct = false;
  std::vector<SelectItem> select_list;
  std::optional<TableRef> from;  // absent for `SELECT 1`
  std::unique_ptr<ParsedExpr> where;
  std::vector<std::unique_ptr<ParsedExpr>> group_by;
  std::unique_ptr<ParsedExpr> having;
  std::vector<OrderItem> order_by;
  std::optional<int64_t> limit;  // LIMIT n; `LIMIT ALL` leaves it empty
  SourceRange range;
};

// The schema statements: `DESCRIBE t` and `SHOW COLUMNS FROM|IN t` (kColumns),
// `SHOW TABLES [FROM|IN schema]`, `SHOW FUNCTIONS [FROM|IN schema]`, each with
// an optional `LIKE pattern [ESCAPE c]` over the names they list (Trino's
// grammar, SqlBase.g4: showColumns, showTables, showFunctions).
enum class ShowKind { kColumns, kTables, kFunctions };

struct ShowStatement {
  ShowKind kind = ShowKind::kColumns;
  // kColumns: the table; kTables, kFunctions: the schema, empty if none.
  // Lowercased, like all identifiers.
  std::vector<std::string> name_parts;
  SourceRange name_range;
  std::optional<std::string> like_pattern;
  SourceRange like_range;  // the pattern's string literal
  std::optional<std::string> like_escape;
  SourceRange escape_range;  // the escape's string literal
};

// kShow statements keep their parts in `show`; the others in `select`.
enum class StatementKind { kSelect, kExplain, kExplainAnalyze, kShow };

struct Statement {
  StatementKind kind = StatementKind::kSelect;
  SelectStatement select;
  ShowStatement show;
  SourceRange range;
};

}  // namespace ctq
