#include "engine/binder.h"

#include "engine/constant_folding.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "ctq/internal/strings.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "engine/catalog_names.h"
#include "engine/expression_binder.h"
#include "engine/star_expansion.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

std::unique_ptr<BoundExpr> ColumnOf(int index, Type type, SourceRange range) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = BoundKind::kColumn;
  node->type = type;
  node->range = range;
  node->column_index = index;
  return node;
}

// Trino's result column name: the alias, else a field reference's last name,
// else _col<N>.
std::string OutputName(const SelectItem& item, size_t position) {
  if (!item.alias.empty()) return item.alias_spelling;
  if (item.expr->kind == ExprKind::kColumnRef) return item.expr->last_name_spelling;
  return StrCat("_col", position);
}

// A positional reference (`GROUP BY 2`, `ORDER BY 1`): the 0-based select
// index, or nullopt when `expr` is not an integer literal.
absl::StatusOr<std::optional<size_t>> Position(const ParsedExpr& expr, size_t select_size,
                                               std::string_view clause) {
  if (expr.kind != ExprKind::kLiteral || expr.literal_kind != LiteralKind::kInteger) {
    return std::optional<size_t>();
  }
  int64_t position = 0;
  for (char c : expr.text) {
    position = position * 10 + (c - '0');
    if (position > 1'000'000) break;
  }
  if (position < 1 || static_cast<size_t>(position) > select_size) {
    return SqlInvalid(expr.range, StrCat(clause, " position ", expr.text,
                                               " is not in select list"));
  }
  return std::optional<size_t>(static_cast<size_t>(position - 1));
}

// Rewrites a scan-scope expression of an aggregate query into the scope of
// the aggregate's output: GROUP BY keys and aggregate calls become column
// references; any other column is an error.
class AggregateRewriter {
 public:
  AggregateRewriter(const std::vector<std::unique_ptr<BoundExpr>>& keys,
                    std::vector<AggregateSpec>* aggregates)
      : aggregates_(aggregates) {
    for (size_t k = 0; k < keys.size(); k++) {
      key_index_.try_emplace(keys[k]->ToString(), k);
      key_types_.push_back(keys[k]->type);
    }
  }

  absl::StatusOr<std::unique_ptr<BoundExpr>> Rewrite(std::unique_ptr<BoundExpr> expr,
                                                     std::string_view sql) {
    auto key = key_index_.find(expr->ToString());
    if (key != key_index_.end()) {
      return ColumnOf(static_cast<int>(key->second), key_types_[key->second], expr->range);
    }
    switch (expr->kind) {
      case BoundKind::kAggregate: {
        std::string text = expr->ToString();
        auto found = aggregate_index_.find(text);
        size_t index;
        if (found != aggregate_index_.end()) {
          index = found->second;
        } else {
          index = aggregates_->size();
          aggregate_index_.emplace(text, index);
          AggregateSpec spec;
          spec.kind = expr->aggregate;
          spec.result_type = expr->type;
          spec.options = expr->aggregate_options;
          if (!expr->children.empty()) spec.argument = std::move(expr->children[0]);
          if (expr->children.size() > 1) spec.second_argument = std::move(expr->children[1]);
          aggregates_->push_back(std::move(spec));
        }
        return ColumnOf(static_cast<int>(key_types_.size() + index), expr->type, expr->range);
      }
      case BoundKind::kColumn:
      case BoundKind::kStruct: {
        std::string_view text = sql.substr(expr->range.offset, expr->range.length);
        return SqlInvalid(expr->range, StrCat("'", text,
                                                    "' must be an aggregate expression or appear "
                                                    "in GROUP BY clause"));
      }
      default:
        for (auto& child : expr->children) {
          CTQ_ASSIGN_OR_RETURN(child, Rewrite(std::move(child), sql));
        }
        return expr;
    }
  }

 private:
  std::vector<AggregateSpec>* aggregates_;
  absl::flat_hash_map<std::string, size_t> key_index_;
  std::vector<Type> key_types_;
  absl::flat_hash_map<std::string, size_t> aggregate_index_;
};

}  // namespace

absl::StatusOr<BoundQuery> Bind(const SelectStatement& select, std::string_view sql,
                                int64_t now_utc_millis) {
  BoundQuery query;
  PhysicalPlan& plan = query.plan;
  // What qualified names may start with: the alias, else the table's name as
  // written (column_resolution.h).
  std::vector<std::string> relation_name;
  if (select.from.has_value()) {
    CTQ_RETURN_IF_ERROR(CheckTableName(select.from->name_parts, select.from->range));
    relation_name = select.from->alias.empty() ? select.from->name_parts
                                               : std::vector<std::string>{select.from->alias};
  } else {
    query.has_table = false;
  }
  ExpressionBinder binder(query.has_table, relation_name, now_utc_millis);

  // Select list, with `*`, `t.*` and `t.row.*` expanded to their columns.
  struct Item {
    std::unique_ptr<BoundExpr> expr;
    std::string name;
    bool named = true;  // false for _col<N>: no name ORDER BY can refer to
  };
  std::vector<Item> items;
  for (const SelectItem& item : select.select_list) {
    if (item.star) {
      CTQ_ASSIGN_OR_RETURN(std::vector<StarColumn> columns,
                           ExpandStar(item, relation_name, query.has_table));
      for (StarColumn& column : columns) {
        ParsedExpr ref;
        ref.kind = ExprKind::kColumnRef;
        ref.range = item.range;
        ref.name_parts = std::move(column.name_parts);
        CTQ_ASSIGN_OR_RETURN(auto bound, binder.Bind(ref, true, "SELECT"));
        items.push_back({std::move(bound), std::move(column.name)});
      }
      continue;
    }
    CTQ_ASSIGN_OR_RETURN(auto bound, binder.Bind(*item.expr, true, "SELECT"));
    const bool named = !item.alias.empty() || item.expr->kind == ExprKind::kColumnRef;
    items.push_back({std::move(bound), OutputName(item, items.size()), named});
  }

  if (select.where != nullptr) {
    CTQ_ASSIGN_OR_RETURN(plan.filter, binder.Bind(*select.where, false, "WHERE clause"));
    if (plan.filter->type != TypeId::kBoolean && plan.filter->type != TypeId::kUnknown) {
      return SqlInvalid(select.where->range,
                        StrCat("WHERE clause must evaluate to a boolean: actual type ",
                                     TypeName(plan.filter->type)));
    }
    plan.filter = ExpressionBinder::CastTo(std::move(plan.filter), TypeId::kBoolean);
    FoldConstants(&plan.filter);
  }

  // HAVING, in the scan scope (it does not see aliases).
  std::unique_ptr<BoundExpr> having;
  if (select.having != nullptr) {
    CTQ_ASSIGN_OR_RETURN(having, binder.Bind(*select.having, true, "HAVING clause"));
    if (having->type != TypeId::kBoolean && having->type != TypeId::kUnknown) {
      return SqlInvalid(select.having->range,
                        StrCat("HAVING clause must evaluate to a boolean: actual type ",
                                     TypeName(having->type)));
    }
    having = ExpressionBinder::CastTo(std::move(having), TypeId::kBoolean);
  }

  // Resolve each ORDER BY item to a select position or an expression, in which
  // names refer to the select list's columns first (order_by_scope.cc).
  struct OrderTarget {
    std::optional<size_t> position;
    std::unique_ptr<BoundExpr> expr;
  };
  std::vector<ExpressionBinder::OutputColumn> output_columns;
  for (const Item& item : items) {
    if (item.named) output_columns.push_back({absl::AsciiStrToLower(item.name), item.expr.get()});
  }
  std::vector<OrderTarget> order_targets;
  for (const OrderItem& item : select.order_by) {
    OrderTarget target;
    CTQ_ASSIGN_OR_RETURN(target.position, Position(*item.expr, items.size(), "ORDER BY"));
    if (!target.position.has_value()) {
      binder.set_output_columns(&output_columns);
      absl::StatusOr<std::unique_ptr<BoundExpr>> bound = binder.Bind(*item.expr, true, "ORDER BY");
      binder.set_output_columns(nullptr);
      CTQ_ASSIGN_OR_RETURN(target.expr, std::move(bound));
    }
    order_targets.push_back(std::move(target));
  }

  bool aggregate = !select.group_by.empty() || having != nullptr;
  for (const Item& item : items) aggregate |= ContainsAggregate(*item.expr);
  for (const OrderTarget& target : order_targets) {
    aggregate |= target.expr != nullptr && ContainsAggregate(*target.expr);
  }

  if (aggregate) {
    plan.aggregate = true;
    for (const auto& key : select.group_by) {
      CTQ_ASSIGN_OR_RETURN(std::optional<size_t> position, Position(*key, items.size(), "GROUP BY"));
      std::unique_ptr<BoundExpr> bound;
      if (position.has_value()) {
        if (ContainsAggregate(*items[*position].expr)) {
          return SqlInvalid(key->range, StrCat("GROUP BY position ", key->text,
                                                     " is an aggregate"));
        }
        bound = items[*position].expr->Clone();
      } else {
        CTQ_ASSIGN_OR_RETURN(bound, binder.Bind(*key, false, "GROUP BY clause"));
      }
      plan.group_keys.push_back(std::move(bound));
    }
    AggregateRewriter rewriter(plan.group_keys, &plan.aggregates);
    for (Item& item : items) {
      CTQ_ASSIGN_OR_RETURN(item.expr, rewriter.Rewrite(std::move(item.expr), sql));
    }
    if (having != nullptr) {
      CTQ_ASSIGN_OR_RETURN(plan.having, rewriter.Rewrite(std::move(having), sql));
    }
    for (OrderTarget& target : order_targets) {
      if (target.expr != nullptr) {
        CTQ_ASSIGN_OR_RETURN(target.expr, rewriter.Rewrite(std::move(target.expr), sql));
      }
    }
  }

  // Projections: visible columns, then hidden ORDER BY columns.
  for (Item& item : items) {
    query.columns.push_back({item.name, item.expr->type});
    plan.projections.push_back(std::move(item.expr));
  }
  plan.visible_columns = plan.projections.size();
  plan.distinct = select.distinct;
  for (size_t i = 0; i < order_targets.size(); i++) {
    OrderTarget& target = order_targets[i];
    const OrderItem& item = select.order_by[i];
    SortKey key;
    key.descending = item.descending;
    key.nulls_first = item.nulls == NullOrder::kFirst;
    if (target.position.has_value()) {
      key.column = *target.position;
    } else {
      std::string text = target.expr->ToString();
      std::optional<size_t> same;
      for (size_t p = 0; p < plan.projections.size() && !same.has_value(); p++) {
        if (plan.projections[p]->ToString() == text) same = p;
      }
      if (!same.has_value()) {
        if (select.distinct) {
          return SqlInvalid(item.expr->range,
                            "For SELECT DISTINCT, ORDER BY expressions must appear in select list");
        }
        same = plan.projections.size();
        plan.projections.push_back(std::move(target.expr));
      }
      key.column = *same;
    }
    plan.order_by.push_back(key);
  }
  plan.limit = select.limit;
  plan.scan_columns = binder.scan_columns();
  return query;
}

}  // namespace ctq
