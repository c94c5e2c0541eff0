#include "exec/expression_evaluator.h"

#include "ctq/internal/sql_error.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "ctq/internal/array_encoding.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/filter_conjuncts.h"

namespace ctq {
namespace {

// Fills `out` with `value` repeated `n` times.
void FillConstant(const Value& value, Type type, uint32_t n, Vector* out) {
  *out = Vector(type);
  out->Resize(n);
  if (value.is_null() || type == TypeId::kUnknown) {
    for (uint32_t i = 0; i < n; i++) out->SetNull(i, true);
    return;
  }
  switch (PhysicalTypeOf(type)) {
    case PhysicalType::kString: {
      std::string_view text = out->heap().Add(value.varchar());
      for (uint32_t i = 0; i < n; i++) out->strings()[i] = text;
      break;
    }
    case PhysicalType::kInt64:
      for (uint32_t i = 0; i < n; i++) out->ints()[i] = value.bigint();
      break;
    case PhysicalType::kInt128:
      for (uint32_t i = 0; i < n; i++) out->decimals()[i] = value.unscaled();
      break;
    case PhysicalType::kDouble:
      for (uint32_t i = 0; i < n; i++) out->doubles()[i] = value.dbl();
      break;
    case PhysicalType::kBool:
      for (uint32_t i = 0; i < n; i++) out->bools()[i] = value.boolean() ? 1 : 0;
      break;
    case PhysicalType::kNone:
      break;
  }
}

// Copies a flat vector (sharing string ownership).
void CopyVector(const Vector& input, Vector* out) {
  *out = Vector(input.type());
  out->Resize(input.size());
  std::vector<uint32_t> identity(input.size());
  for (uint32_t i = 0; i < input.size(); i++) identity[i] = i;
  out->Gather(input, identity.data(), input.size());
}

// Three-valued AND / OR over boolean vectors.
void Logical(bool is_and, const Vector& l, const Vector& r, Vector* out) {
  uint32_t n = l.size();
  *out = Vector(TypeId::kBoolean);
  out->Resize(n);
  for (uint32_t i = 0; i < n; i++) {
    bool lv = l.validity()[i], rv = r.validity()[i];
    bool lb = lv && l.bools()[i], rb = rv && r.bools()[i];
    if (is_and) {
      // FALSE wins over NULL; NULL wins over TRUE.
      if ((lv && !lb) || (rv && !rb)) {
        out->bools()[i] = 0;
      } else if (!lv || !rv) {
        out->SetNull(i, true);
      } else {
        out->bools()[i] = 1;
      }
    } else {
      if (lb || rb) {
        out->bools()[i] = 1;
      } else if (!lv || !rv) {
        out->SetNull(i, true);
      } else {
        out->bools()[i] = 0;
      }
    }
  }
}

// `value IN (constants...)` over strings, the common shape (eventname IN
// ('a', 'b')): each row is compared with the constants directly, instead of
// filling a vector per constant and comparing vectors. False (and `out`
// untouched) for any other shape. `out` is a BOOLEAN vector of value's size.
bool InStringConstants(const BoundExpr& expr, const Vector& value, Vector* out) {
  if (value.type() != TypeId::kVarchar) return false;
  bool any_null_item = false;
  for (size_t c = 1; c < expr.children.size(); c++) {
    const BoundExpr& item = *expr.children[c];
    if (item.kind != BoundKind::kConstant) return false;
    if (item.constant.is_null()) {
      any_null_item = true;
    } else if (item.type != TypeId::kVarchar) {
      return false;
    }
  }
  const uint32_t n = value.size();
  for (uint32_t i = 0; i < n; i++) {
    if (value.IsNull(i)) {
      out->SetNull(i, true);
      continue;
    }
    const std::string_view text = value.strings()[i];
    bool found = false;
    for (size_t c = 1; c < expr.children.size() && !found; c++) {
      const Value& item = expr.children[c]->constant;
      found = !item.is_null() && item.varchar() == text;
    }
    if (found) {
      out->bools()[i] = !expr.negated;
    } else if (any_null_item) {
      out->SetNull(i, true);
    } else {
      out->bools()[i] = expr.negated;
    }
  }
  return true;
}

// A kernel's error (a value that does not convert, an overflow) located at
// the expression that failed, as Trino's errors point into the query; an
// error a sub-expression already located keeps its place.
absl::Status AtRange(absl::Status status, const BoundExpr& expr) {
  if (status.ok() || GetSourceRange(status).has_value() ||
      status.code() != absl::StatusCode::kInvalidArgument) {
    return status;
  }
  return SqlInvalid(expr.range, ToStd(status.message()));
}

}  // namespace

absl::Status ExpressionEvaluator::Evaluate(const BoundExpr& expr, const Chunk& input,
                                           Vector* out) {
  uint32_t n = input.size;
  if (expr.kind != BoundKind::kColumn && expr.kind != BoundKind::kConstant) {
    std::vector<int>& columns = entry_columns_scratch_;
    columns.clear();
    CollectColumns(expr, &columns);
    SortDistinct(&columns);
    if (columns.size() == 1) {
      const int column = columns[0];
      const Vector& values = input.columns[column];
      if (const Vector::Dictionary* dictionary = values.dictionary()) {
        const Vector* entries =
            EntryValues(expr, column, input.columns.size(), *dictionary, n);
        if (entries != nullptr) {
          out->Gather(*entries, values.codes(), n);
          return absl::OkStatus();
        }
      }
    }
  }
  switch (expr.kind) {
    case BoundKind::kColumn:
      CopyVector(input.columns[expr.column_index], out);
      return absl::OkStatus();
    case BoundKind::kConstant:
      FillConstant(expr.constant, expr.type, n, out);
      return absl::OkStatus();
    case BoundKind::kAnd:
    case BoundKind::kOr: {
      // A chain folds left to right (three-valued AND and OR are
      // associative); `l` holds the value so far.
      Vector l, r;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &l));
      for (size_t c = 1; c < expr.children.size(); c++) {
        if (c > 1) std::swap(l, *out);
        CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[c], input, &r));
        Logical(expr.kind == BoundKind::kAnd, l, r, out);
      }
      return absl::OkStatus();
    }
    case BoundKind::kNot: {
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, out));
      for (uint32_t i = 0; i < n; i++) out->bools()[i] = !out->bools()[i];
      return absl::OkStatus();
    }
    case BoundKind::kCompare: {
      Vector l, r;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &l));
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[1], input, &r));
      CompareVectors(expr.compare_op, l, r, out);
      return absl::OkStatus();
    }
    case BoundKind::kArithmetic: {
      // Step by step, as `(a + b) - c` would run: each step checks its own
      // overflow and division by zero. `l` holds the value so far.
      Vector l, r;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &l));
      for (size_t c = 1; c < expr.children.size(); c++) {
        if (c > 1) std::swap(l, *out);
        CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[c], input, &r));
        CTQ_RETURN_IF_ERROR(
            AtRange(ArithmeticVectors(expr.ArithmeticOpBefore(c), l, r, expr.type, out), expr));
      }
      return absl::OkStatus();
    }
    case BoundKind::kNegate: {
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, out));
      for (uint32_t i = 0; i < n; i++) {
        if (out->IsNull(i)) continue;
        if (expr.type == TypeId::kDouble) {
          out->doubles()[i] = -out->doubles()[i];
        } else if (expr.type.id() == TypeId::kDecimal) {
          out->decimals()[i] = -out->decimals()[i];
        } else {
          const bool is_integer = expr.type == TypeId::kInteger;
          if (out->ints()[i] == (is_integer ? INT32_MIN : INT64_MIN)) {
            // Trino's IntegerOperators / BigintOperators negate.
            return SqlInvalid(expr.range, StrCat(is_integer ? "integer" : "bigint",
                                                 " negation overflow: ", out->ints()[i]));
          }
          out->ints()[i] = -out->ints()[i];
        }
      }
      return absl::OkStatus();
    }
    case BoundKind::kIsNull: {
      Vector value;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &value));
      *out = Vector(TypeId::kBoolean);
      out->Resize(n);
      for (uint32_t i = 0; i < n; i++) out->bools()[i] = value.IsNull(i) != expr.negated;
      return absl::OkStatus();
    }
    case BoundKind::kLike: {
      Vector value;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &value));
      *out = Vector(TypeId::kBoolean);
      out->Resize(n);
      for (uint32_t i = 0; i < n; i++) {
        if (value.IsNull(i)) {
          out->SetNull(i, true);
        } else {
          out->bools()[i] = expr.like->Matches(value.strings()[i]) != expr.negated;
        }
      }
      return absl::OkStatus();
    }
    case BoundKind::kLikeDynamic: {
      std::vector<Vector> args;
      CTQ_RETURN_IF_ERROR(EvaluateChildren(expr, input, &args));
      *out = Vector(TypeId::kBoolean);
      out->Resize(n);
      for (uint32_t i = 0; i < n; i++) {
        if (AnyNullAt(args, i)) {
          out->SetNull(i, true);
          continue;
        }
        std::optional<std::string_view> escape;
        if (args.size() > 2) escape = args[2].strings()[i];
        absl::StatusOr<LikeMatcher> matcher = LikeMatcher::Compile(args[1].strings()[i], escape);
        if (!matcher.ok()) return AtRange(matcher.status(), expr);
        out->bools()[i] = matcher->Matches(args[0].strings()[i]) != expr.negated;
      }
      return absl::OkStatus();
    }
    case BoundKind::kIn: {
      // x IN (a, b) is x = a OR x = b, with SQL's NULL rules: TRUE if any item
      // matches, else NULL if x or any item is NULL, else FALSE.
      Vector value;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &value));
      *out = Vector(TypeId::kBoolean);
      out->Resize(n);
      if (InStringConstants(expr, value, out)) return absl::OkStatus();
      std::vector<uint8_t> saw_null(n, 0);
      for (uint32_t i = 0; i < n; i++) {
        out->bools()[i] = 0;
        saw_null[i] = value.IsNull(i);
      }
      for (size_t c = 1; c < expr.children.size(); c++) {
        Vector item, equal;
        CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[c], input, &item));
        CompareVectors(CompareOp::kEqual, value, item, &equal);
        for (uint32_t i = 0; i < n; i++) {
          if (equal.IsNull(i)) {
            saw_null[i] = 1;
          } else if (equal.bools()[i]) {
            out->bools()[i] = 1;
          }
        }
      }
      for (uint32_t i = 0; i < n; i++) {
        if (out->bools()[i]) {
          out->bools()[i] = !expr.negated;
        } else if (saw_null[i]) {
          out->SetNull(i, true);
        } else {
          out->bools()[i] = expr.negated;
        }
      }
      return absl::OkStatus();
    }
    case BoundKind::kFunction:
      return AtRange(EvaluateFunction(expr, input, out), expr);
    case BoundKind::kCast: {
      Vector value;
      CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[0], input, &value));
      return AtRange(CastVector(value, expr.type, out), expr);
    }
    case BoundKind::kStruct:
      return EvaluateStruct(expr, input, out);
    case BoundKind::kCase:
      return EvaluateCase(expr, input, out);
    case BoundKind::kTry:
      return EvaluateTry(expr, input, out);
    case BoundKind::kAggregate:
      return absl::InternalError("aggregate evaluated as a scalar expression");
  }
  return absl::InternalError("unknown expression kind");
}

absl::Status ExpressionEvaluator::EvaluateChildren(const BoundExpr& expr, const Chunk& input,
                                                   std::vector<Vector>* out) {
  out->resize(expr.children.size());
  for (size_t c = 0; c < out->size(); c++) {
    CTQ_RETURN_IF_ERROR(Evaluate(*expr.children[c], input, &(*out)[c]));
  }
  return absl::OkStatus();
}

// A selection buffer of at least `size` rows from the evaluator's pool, given
// back when it goes out of scope (also on an early error return).
class ExpressionEvaluator::ScratchSelection {
 public:
  ScratchSelection(ExpressionEvaluator* evaluator, size_t size) : evaluator_(evaluator) {
    auto& pool = evaluator->selection_pool_;
    if (evaluator->selection_depth_ == pool.size()) pool.emplace_back();
    std::vector<uint32_t>& buffer = pool[evaluator->selection_depth_++];
    if (buffer.size() < size) buffer.resize(size);
    data_ = buffer.data();  // stable: growing the pool moves buffers, not their bytes
  }
  ~ScratchSelection() { evaluator_->selection_depth_--; }
  ScratchSelection(const ScratchSelection&) = delete;
  ScratchSelection& operator=(const ScratchSelection&) = delete;
  uint32_t* data() const { return data_; }

 private:
  ExpressionEvaluator* evaluator_;
  uint32_t* data_;
};

absl::StatusOr<uint32_t> ExpressionEvaluator::Select(const BoundExpr& predicate,
                                                     const Chunk& input, uint32_t* selection) {
  ScratchSelection all(this, input.size);
  for (uint32_t i = 0; i < input.size; i++) all.data()[i] = i;
  return SelectRows(predicate, input, all.data(), input.size, selection);
}

const Vector* ExpressionEvaluator::EntryValues(const BoundExpr& expr, int column,
                                               size_t column_count,
                                               const Vector::Dictionary& dictionary,
                                               uint32_t count) {
  for (const Entries& entries : entries_) {
    if (entries.expr == &expr && entries.dictionary_id == dictionary.id) {
      return entries.usable ? &entries.values : nullptr;
    }
  }
  // One vector's worth of entries at most, and not more work than the rows.
  const uint64_t codes = uint64_t{dictionary.size} + 1;
  if (codes > kVectorSize || codes > uint64_t{count} * 4) return nullptr;
  constexpr size_t kKept = 8;
  if (entries_.size() < kKept) entries_.emplace_back();
  Entries& entries = entries_[next_entries_];
  next_entries_ = (next_entries_ + 1) % kKept;
  entries.expr = &expr;
  entries.dictionary_id = dictionary.id;
  entries.usable = false;
  // The strings point into the row group, which the caller's vectors keep
  // alive while these are used (a new decode gets a new dictionary id, so
  // stale ones are never looked up).
  if (!EvaluateEntries(expr, column, column_count, dictionary, 0,
                       static_cast<uint32_t>(codes), &entries.values)
           .ok()) {
    return nullptr;
  }
  entries.usable = true;
  return &entries.values;
}

absl::Status ExpressionEvaluator::EvaluateEntries(const BoundExpr& expr, int column,
                                                  size_t column_count,
                                                  const Vector::Dictionary& dictionary,
                                                  uint32_t begin, uint32_t count, Vector* out) {
  Chunk chunk;
  chunk.columns.resize(column_count);
  chunk.size = count;
  Vector& values = chunk.columns[column];
  values = Vector(TypeId::kVarchar);
  values.Resize(count);
  for (uint32_t i = 0; i < count; i++) {
    const uint32_t code = begin + i;
    if (code == 0) {
      values.SetNull(i, true);
    } else {
      values.strings()[i] = dictionary.entry(code);
    }
  }
  return Evaluate(expr, chunk, out);
}

const std::vector<uint8_t>* ExpressionEvaluator::DictionaryVerdicts(
    const BoundExpr& predicate, int column, size_t column_count,
    const Vector::Dictionary& dictionary, uint32_t count) {
  for (const Verdicts& verdicts : verdicts_) {
    if (verdicts.predicate == &predicate && verdicts.dictionary_id == dictionary.id) {
      return verdicts.usable ? &verdicts.pass : nullptr;
    }
  }
  // Entries are at most a quarter of a row group's rows (the writer's rule),
  // but after a selective conjunct a vector may have only a few rows left:
  // then the rows are cheaper than the dictionary.
  const uint64_t codes = uint64_t{dictionary.size} + 1;
  if (codes > uint64_t{count} * 4) return nullptr;
  constexpr size_t kKept = 8;
  if (verdicts_.size() < kKept) verdicts_.emplace_back();
  Verdicts& verdicts = verdicts_[next_verdicts_];
  next_verdicts_ = (next_verdicts_ + 1) % kKept;
  verdicts.predicate = &predicate;
  verdicts.dictionary_id = dictionary.id;
  verdicts.usable = false;
  verdicts.pass.assign(codes, 0);
  // A vector's worth of codes at a time.
  Vector result;
  for (uint64_t begin = 0; begin < codes; begin += kVectorSize) {
    const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(kVectorSize, codes - begin));
    if (!EvaluateEntries(predicate, column, column_count, dictionary,
                         static_cast<uint32_t>(begin), n, &result)
             .ok()) {
      return nullptr;
    }
    for (uint32_t i = 0; i < n; i++) {
      verdicts.pass[begin + i] = result.validity()[i] & result.bools()[i];
    }
  }
  verdicts.usable = true;
  return &verdicts.pass;
}

absl::StatusOr<uint32_t> ExpressionEvaluator::SelectRows(const BoundExpr& predicate,
                                                         const Chunk& input, const uint32_t* rows,
                                                         uint32_t count, uint32_t* out) {
  if (count == 0) return 0;
  // A predicate over one column with a dictionary, AND and OR included
  // (`eventname = 'a' OR eventname = 'b'`), is decided per entry as a whole.
  // (`columns` is scratch that the recursion below reuses: a leaf reads it
  // before any recursion, AND and OR never after.)
  std::vector<int>& columns = columns_scratch_;
  columns.clear();
  CollectColumns(predicate, &columns);
  SortDistinct(&columns);
  if (columns.size() == 1) {
    const Vector& column = input.columns[columns[0]];
    if (const Vector::Dictionary* dictionary = column.dictionary()) {
      const std::vector<uint8_t>* pass = DictionaryVerdicts(
          predicate, columns[0], input.columns.size(), *dictionary, count);
      if (pass != nullptr) {
        const uint32_t* codes = column.codes();
        const uint8_t* verdict = pass->data();
        uint32_t passed = 0;
        for (uint32_t i = 0; i < count; i++) {
          out[passed] = rows[i];
          passed += verdict[codes[rows[i]]];
        }
        return passed;
      }
    }
  }
  if (predicate.kind == BoundKind::kAnd) {
    // Each conjunct runs over the rows that all before it passed, as nested
    // ANDs would; the selections alternate between two buffers, and the last
    // conjunct writes to `out`.
    const size_t last = predicate.children.size() - 1;
    ScratchSelection even(this, count);
    ScratchSelection odd(this, last > 1 ? count : 0);
    const uint32_t* current = rows;
    uint32_t passed = count;
    for (size_t c = 0; c < last && passed > 0; c++) {
      uint32_t* into = c % 2 == 0 ? even.data() : odd.data();
      CTQ_ASSIGN_OR_RETURN(passed, SelectRows(*predicate.children[c], input, current, passed, into));
      current = into;
    }
    return SelectRows(*predicate.children[last], input, current, passed, out);
  }
  if (predicate.kind == BoundKind::kOr) {
    // Each disjunct decides only the rows that none before it passed (the
    // undecided ones, kept in `rest`, shrinking in place). The rows that pass
    // are then all but those left undecided, already in order.
    ScratchSelection rest(this, count);
    ScratchSelection passed(this, count);
    const uint32_t* undecided = rows;
    uint32_t undecided_count = count;
    for (const auto& child : predicate.children) {
      CTQ_ASSIGN_OR_RETURN(uint32_t also, SelectRows(*child, input, undecided, undecided_count,
                                                     passed.data()));
      uint32_t kept = 0;
      for (uint32_t i = 0, p = 0; i < undecided_count; i++) {
        if (p < also && passed.data()[p] == undecided[i]) {
          p++;
        } else {
          rest.data()[kept++] = undecided[i];  // kept <= i: safe in place
        }
      }
      undecided = rest.data();
      undecided_count = kept;
      if (kept == 0) break;
    }
    uint32_t total = 0;
    for (uint32_t i = 0, u = 0; i < count; i++) {
      if (u < undecided_count && undecided[u] == rows[i]) {
        u++;
      } else {
        out[total++] = rows[i];
      }
    }
    return total;
  }
  // A leaf (or NOT, which cannot short-circuit under three-valued logic),
  // evaluated over just these rows (and just the columns it reads).
  Vector result;
  if (count == input.size) {
    CTQ_RETURN_IF_ERROR(Evaluate(predicate, input, &result));
  } else {
    Chunk subset;
    subset.size = count;
    subset.columns.resize(input.columns.size());
    for (int c : columns) subset.columns[c].Gather(input.columns[c], rows, count);
    CTQ_RETURN_IF_ERROR(Evaluate(predicate, subset, &result));
  }
  uint32_t passed = 0;
  for (uint32_t i = 0; i < count; i++) {
    out[passed] = rows[i];
    passed += (result.validity()[i] & result.bools()[i]) ? 1 : 0;
  }
  return passed;
}

// Encodes a ROW column from its fields (ctq/internal/array_encoding.h). The
// ROW is NULL where its presence column (the last child) is: the event had no
// object for it.
absl::Status ExpressionEvaluator::EvaluateStruct(const BoundExpr& expr, const Chunk& input,
                                                 Vector* out) {
  uint32_t n = input.size;
  std::vector<Vector> fields;
  CTQ_RETURN_IF_ERROR(EvaluateChildren(expr, input, &fields));
  *out = Vector(expr.type);
  out->Resize(n);
  const Vector& presence = fields.back();
  std::string& bytes = string_scratch_;
  for (uint32_t i = 0; i < n; i++) {
    if (presence.IsNull(i)) {
      out->SetNull(i, true);
      continue;
    }
    bytes.clear();
    // Every field is held as bytes: a VARCHAR leaf or a nested ROW.
    for (size_t c = 0; c + 1 < fields.size(); c++) {
      AppendBytesElement(fields[c].IsNull(i) ? std::nullopt
                                             : std::optional<std::string_view>(fields[c].strings()[i]),
                         &bytes);
    }
    out->strings()[i] = out->heap().Add(bytes);
  }
  return absl::OkStatus();
}

}  // namespace ctq
