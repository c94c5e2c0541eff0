#include "exec/aggregate_function.h"

#include <cmath>

#include "ctq/internal/civil_time.h"
#include "ctq/internal/decimal.h"
#include "exec/vector/vector_value.h"

namespace ctq {

int CompareValues(const Value& a, const Value& b) {
  if (a.type() == TypeId::kTimestampTz) {
    const int64_t x = MillisOf(a.bigint()), y = MillisOf(b.bigint());
    return x < y ? -1 : (x == y ? 0 : 1);
  }
  switch (PhysicalTypeOf(a.type())) {
    case PhysicalType::kString: {
      const int c = a.varchar().compare(b.varchar());
      return c < 0 ? -1 : (c == 0 ? 0 : 1);
    }
    case PhysicalType::kInt64:
      return a.bigint() < b.bigint() ? -1 : (a.bigint() == b.bigint() ? 0 : 1);
    case PhysicalType::kInt128:
      return a.unscaled() < b.unscaled() ? -1 : (a.unscaled() == b.unscaled() ? 0 : 1);
    case PhysicalType::kDouble: {
      // NaN sorts after every number (Trino's ORDER BY), and equals itself here.
      const bool a_nan = std::isnan(a.dbl()), b_nan = std::isnan(b.dbl());
      if (a_nan || b_nan) return static_cast<int>(a_nan) - static_cast<int>(b_nan);
      return a.dbl() < b.dbl() ? -1 : (a.dbl() == b.dbl() ? 0 : 1);
    }
    case PhysicalType::kBool:
      return static_cast<int>(a.boolean()) - static_cast<int>(b.boolean());
    case PhysicalType::kNone:
      return 0;
  }
  return 0;
}

namespace {

absl::Status AddDecimal(Int128 value, AggregateState* state) {
  if (__builtin_add_overflow(state->decimal_sum, value, &state->decimal_sum) ||
      !FitsPrecision(state->decimal_sum, Type::kMaxDecimalPrecision)) {
    return absl::InvalidArgumentError("Decimal overflow");
  }
  return absl::OkStatus();
}

absl::Status AddToSum(const AggregateSpec& spec, int64_t i, double d, AggregateState* state) {
  if (spec.result_type == TypeId::kBigint) {
    if (__builtin_add_overflow(state->int_sum, i, &state->int_sum)) {
      return absl::InvalidArgumentError("bigint addition overflow in sum()");
    }
  } else {
    state->double_sum += d;
  }
  return absl::OkStatus();
}

void KeepBest(const AggregateSpec& spec, const Value& candidate, AggregateState* state) {
  if (state->best.is_null()) {
    state->best = candidate;
    return;
  }
  if (spec.kind == AggregateKind::kArbitrary) return;  // the first one stays
  if (candidate.type() == TypeId::kDouble) {
    // min and max skip NaN unless every value is NaN (Trino's docs,
    // "Aggregate functions"; NaN would otherwise win max, as it sorts last).
    if (std::isnan(candidate.dbl())) return;
    if (std::isnan(state->best.dbl())) {
      state->best = candidate;
      return;
    }
  }
  // bool_and is the minimum of booleans (false < true), bool_or the maximum.
  const bool keep_least = spec.kind == AggregateKind::kMin || spec.kind == AggregateKind::kBoolAnd;
  int order = CompareValues(candidate, state->best);
  if (keep_least ? order < 0 : order > 0) state->best = candidate;
}

}  // namespace

absl::Status UpdateAggregate(const AggregateSpec& spec, const Vector* input, uint32_t row,
                             AggregateState* state, uint64_t* grown_bytes) {
  if (spec.kind == AggregateKind::kCountStar) {
    state->count++;
    return absl::OkStatus();
  }
  if (input->IsNull(row)) return absl::OkStatus();
  switch (spec.kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount:
      state->count++;
      break;
    case AggregateKind::kCountDistinct: {
      if (state->distinct == nullptr) {
        state->distinct = std::make_unique<absl::flat_hash_set<std::string>>();
      }
      std::string key;
      AppendKey(*input, row, &key);
      const size_t size = key.size();
      if (state->distinct->insert(std::move(key)).second && grown_bytes != nullptr) {
        *grown_bytes += DistinctEntryBytes(size);
      }
      break;
    }
    case AggregateKind::kCountIf:
      if (input->bools()[row]) state->count++;
      break;
    case AggregateKind::kMin:
    case AggregateKind::kMax:
    case AggregateKind::kBoolAnd:
    case AggregateKind::kBoolOr:
    case AggregateKind::kArbitrary:
      if (spec.kind == AggregateKind::kArbitrary && !state->best.is_null()) break;
      KeepBest(spec, GetValue(*input, row), state);
      break;
    case AggregateKind::kSum:
    case AggregateKind::kAvg: {
      state->count++;
      if (input->type().id() == TypeId::kDecimal) {
        return AddDecimal(input->decimals()[row], state);
      }
      if (IsIntegral(input->type())) {
        int64_t i = input->ints()[row];
        if (spec.kind == AggregateKind::kAvg) {
          state->double_sum += static_cast<double>(i);
        } else {
          return AddToSum(spec, i, static_cast<double>(i), state);
        }
      } else {
        state->double_sum += input->doubles()[row];
      }
      break;
    }
  }
  return absl::OkStatus();
}

absl::Status MergeAggregate(const AggregateSpec& spec, AggregateState* other,
                            AggregateState* state, uint64_t* grown_bytes) {
  switch (spec.kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount:
    case AggregateKind::kCountIf:
      state->count += other->count;
      break;
    case AggregateKind::kCountDistinct:
      if (other->distinct == nullptr) break;
      if (state->distinct == nullptr) {
        state->distinct = std::move(other->distinct);
      } else {
        for (const std::string& key : *other->distinct) {
          if (state->distinct->insert(key).second && grown_bytes != nullptr) {
            *grown_bytes += DistinctEntryBytes(key.size());
          }
        }
      }
      break;
    case AggregateKind::kMin:
    case AggregateKind::kMax:
    case AggregateKind::kBoolAnd:
    case AggregateKind::kBoolOr:
    case AggregateKind::kArbitrary:
      if (!other->best.is_null()) KeepBest(spec, other->best, state);
      break;
    case AggregateKind::kSum:
    case AggregateKind::kAvg:
      state->count += other->count;
      if (spec.result_type.id() == TypeId::kDecimal) return AddDecimal(other->decimal_sum, state);
      if (spec.kind == AggregateKind::kSum && spec.result_type == TypeId::kBigint) {
        return AddToSum(spec, other->int_sum, 0, state);
      }
      state->double_sum += other->double_sum;
      break;
  }
  return absl::OkStatus();
}

Value FinishAggregate(const AggregateSpec& spec, const AggregateState& state) {
  switch (spec.kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount:
    case AggregateKind::kCountIf:
      return Value::Bigint(state.count);
    case AggregateKind::kCountDistinct:
      return Value::Bigint(state.distinct == nullptr ? 0
                                                     : static_cast<int64_t>(state.distinct->size()));
    case AggregateKind::kMin:
    case AggregateKind::kMax:
    case AggregateKind::kBoolAnd:
    case AggregateKind::kBoolOr:
    case AggregateKind::kArbitrary:
      return state.best.is_null() ? Value::Null(spec.result_type) : state.best;
    case AggregateKind::kSum:
      if (state.count == 0) return Value::Null(spec.result_type);
      if (spec.result_type.id() == TypeId::kDecimal) {
        return Value::Decimal(state.decimal_sum, spec.result_type);
      }
      return spec.result_type == TypeId::kBigint ? Value::Bigint(state.int_sum)
                                                 : Value::Double(state.double_sum);
    case AggregateKind::kAvg:
      if (state.count == 0) return Value::Null(spec.result_type);
      if (spec.result_type.id() == TypeId::kDecimal) {
        // The average of decimal(p, s) is decimal(p, s), rounded half up
        // (Trino's DecimalAverageAggregation).
        Int128 average = 0;
        DivideRounded(state.decimal_sum, 0, state.count, &average);
        return Value::Decimal(average, spec.result_type);
      }
      return Value::Double(state.double_sum / static_cast<double>(state.count));
  }
  return Value();
}

}  // namespace ctq
