#include "exec/aggregate_function.h"

#include <algorithm>
#include <cmath>

#include "ctq/internal/civil_time.h"
#include "ctq/internal/array_encoding.h"
#include "ctq/internal/decimal.h"
#include "exec/vector/vector_value.h"

namespace ctq {

int CompareValues(const Value& a, const Value& b) {
  switch (PhysicalTypeOf(a.type())) {
    case PhysicalType::kString: {
      const int c = a.varchar().compare(b.varchar());
      return c < 0 ? -1 : (c == 0 ? 0 : 1);
    }
    case PhysicalType::kInt64: {
      int64_t x = a.bigint(), y = b.bigint();
      if (a.type().id() == TypeId::kTimestampTz) {  // by the instant, not its zone
        x = MillisOf(x);
        y = MillisOf(y);
      }
      return x < y ? -1 : (x == y ? 0 : 1);
    }
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

bool IsVariance(AggregateKind kind) {
  return kind == AggregateKind::kVarianceSamp || kind == AggregateKind::kVariancePop ||
         kind == AggregateKind::kStddevSamp || kind == AggregateKind::kStddevPop;
}

// What one collected value holds in memory, about.
uint64_t CollectedBytes(const CollectedValue& item) {
  uint64_t bytes = sizeof(CollectedValue);
  for (const Value* v : {&item.key, &item.value}) {
    if (PhysicalTypeOf(v->type()) == PhysicalType::kString && v->varchar().size() > 15) {
      bytes += v->varchar().size() + 1;
    }
  }
  return bytes;
}

AggregateExtra& Extra(AggregateState* state) {
  if (state->extra == nullptr) state->extra = std::make_unique<AggregateExtra>();
  return *state->extra;
}

// The state's extra part, or an empty one (for reading).
const AggregateExtra& ExtraOf(const AggregateState& state) {
  static const auto* empty = new AggregateExtra;
  return state.extra != nullptr ? *state.extra : *empty;
}

void Collect(CollectedValue item, AggregateState* state, uint64_t* grown_bytes) {
  if (grown_bytes != nullptr) *grown_bytes += CollectedBytes(item);
  Extra(state).collected.push_back(std::move(item));
}

// max_by/min_by: whether `key` beats the state's best key.
bool BeatsBestKey(const AggregateSpec& spec, const Value& key, const AggregateState& state) {
  if (key.type() == TypeId::kDouble && std::isnan(key.dbl())) return false;
  const Value& best_key = ExtraOf(state).best_key;
  if (best_key.is_null()) return true;
  const int order = CompareValues(key, best_key);
  return spec.kind == AggregateKind::kMaxBy ? order > 0 : order < 0;
}

// NULLs first or last as the ORDER BY says; otherwise CompareValues.
int CompareNullable(const Value& a, const Value& b, bool nulls_first) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    return (a.is_null() == nulls_first) ? -1 : 1;
  }
  return CompareValues(a, b);
}

Value FinishArrayAgg(const AggregateSpec& spec, const AggregateState& state) {
  if (ExtraOf(state).collected.empty()) return Value::Null(spec.result_type);
  std::vector<CollectedValue> items = ExtraOf(state).collected;
  const AggregateOptions& o = spec.options;
  if (o.ordered) {
    // Ties in the key are broken by the value, so that the answer does not
    // depend on which thread saw which row (Trino leaves their order open).
    std::stable_sort(items.begin(), items.end(), [&](const CollectedValue& a, const CollectedValue& b) {
      int order = CompareNullable(a.key, b.key, o.nulls_first);
      if (o.descending && !a.key.is_null() && !b.key.is_null()) order = -order;
      if (order != 0) return order < 0;
      return CompareNullable(a.value, b.value, /*nulls_first=*/false) < 0;
    });
  }
  std::vector<Value> elements;
  absl::flat_hash_set<std::string> seen;
  for (CollectedValue& item : items) {
    if (o.distinct) {
      std::string key;
      AppendKey(item.value, &key);
      if (!seen.insert(std::move(key)).second) continue;
    }
    elements.push_back(std::move(item.value));
  }
  return Value::OfString(spec.result_type, EncodeArray(elements));
}

// approx_percentile answered exactly: the nearest-rank percentile, the
// smallest value with at least p of the values at or below it. Trino's is a
// digest's estimate within its error bound, of which this is one answer.
Value FinishPercentile(const AggregateSpec& spec, const AggregateState& state) {
  if (ExtraOf(state).collected.empty()) return Value::Null(spec.result_type);
  std::vector<Value> values;
  for (const CollectedValue& item : ExtraOf(state).collected) values.push_back(item.value);
  const double n = static_cast<double>(values.size());
  size_t rank = static_cast<size_t>(std::ceil(spec.options.fraction * n));
  rank = std::clamp<size_t>(rank, 1, values.size());
  std::nth_element(values.begin(), values.begin() + static_cast<ptrdiff_t>(rank - 1), values.end(),
                   [](const Value& a, const Value& b) { return CompareValues(a, b) < 0; });
  return values[rank - 1];
}

Value FinishVariance(const AggregateSpec& spec, const AggregateState& state) {
  const bool sample =
      spec.kind == AggregateKind::kVarianceSamp || spec.kind == AggregateKind::kStddevSamp;
  if (state.count < (sample ? 2 : 1)) return Value::Null(TypeId::kDouble);
  const double variance = ExtraOf(state).m2 / static_cast<double>(sample ? state.count - 1 : state.count);
  const bool stddev =
      spec.kind == AggregateKind::kStddevSamp || spec.kind == AggregateKind::kStddevPop;
  return Value::Double(stddev ? std::sqrt(variance) : variance);
}

}  // namespace

absl::Status UpdateAggregate(const AggregateSpec& spec, const Vector* input, const Vector* second,
                             uint32_t row, AggregateState* state, uint64_t* grown_bytes) {
  if (spec.kind == AggregateKind::kCountStar) {
    state->count++;
    return absl::OkStatus();
  }
  if (spec.kind == AggregateKind::kArrayAgg) {
    // array_agg keeps NULL inputs as NULL elements (Trino's ArrayAggregationFunction).
    Collect({second != nullptr ? GetValue(*second, row) : Value(), GetValue(*input, row)}, state,
            grown_bytes);
    return absl::OkStatus();
  }
  if (spec.kind == AggregateKind::kMaxBy || spec.kind == AggregateKind::kMinBy) {
    // Rows with a NULL y are skipped; x may be NULL (Trino's MaxByAggregationFunction).
    if (second->IsNull(row)) return absl::OkStatus();
    Value key = GetValue(*second, row);
    if (BeatsBestKey(spec, key, *state)) {
      Extra(state).best_key = std::move(key);
      state->best = GetValue(*input, row);
    }
    return absl::OkStatus();
  }
  if (input->IsNull(row)) return absl::OkStatus();
  if (IsVariance(spec.kind)) {
    // Welford's update: numerically stable in one pass.
    const double x = input->doubles()[row];
    state->count++;
    AggregateExtra& moments = Extra(state);
    const double delta = x - moments.mean;
    moments.mean += delta / static_cast<double>(state->count);
    moments.m2 += delta * (x - moments.mean);
    return absl::OkStatus();
  }
  if (spec.kind == AggregateKind::kApproxPercentile) {
    Collect({Value(), GetValue(*input, row)}, state, grown_bytes);
    return absl::OkStatus();
  }
  switch (spec.kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount:
      state->count++;
      break;
    case AggregateKind::kCountDistinct: {
      std::string key;
      AppendKey(*input, row, &key);
      const size_t size = key.size();
      if (Extra(state).distinct.insert(std::move(key)).second && grown_bytes != nullptr) {
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
    case AggregateKind::kArrayAgg:
    case AggregateKind::kMaxBy:
    case AggregateKind::kMinBy:
    case AggregateKind::kVarianceSamp:
    case AggregateKind::kVariancePop:
    case AggregateKind::kStddevSamp:
    case AggregateKind::kStddevPop:
    case AggregateKind::kApproxPercentile:
      break;  // done above
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
      if (other->extra == nullptr) break;
      if (state->extra == nullptr) {
        state->extra = std::move(other->extra);
      } else {
        for (const std::string& key : other->extra->distinct) {
          if (state->extra->distinct.insert(key).second && grown_bytes != nullptr) {
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
    case AggregateKind::kArrayAgg:
    case AggregateKind::kApproxPercentile:
      if (other->extra == nullptr) break;
      if (state->extra == nullptr) {
        state->extra = std::move(other->extra);
      } else {
        for (CollectedValue& item : other->extra->collected) {
          state->extra->collected.push_back(std::move(item));
        }
      }
      break;
    case AggregateKind::kMaxBy:
    case AggregateKind::kMinBy:
      if (!ExtraOf(*other).best_key.is_null() &&
          BeatsBestKey(spec, ExtraOf(*other).best_key, *state)) {
        Extra(state).best_key = other->extra->best_key;
        state->best = other->best;
      }
      break;
    case AggregateKind::kVarianceSamp:
    case AggregateKind::kVariancePop:
    case AggregateKind::kStddevSamp:
    case AggregateKind::kStddevPop: {
      // Chan et al.'s combination of two partial (count, mean, m2).
      if (other->count == 0) break;
      const double a = static_cast<double>(state->count), b = static_cast<double>(other->count);
      const AggregateExtra& theirs = ExtraOf(*other);
      AggregateExtra& ours = Extra(state);
      const double delta = theirs.mean - ours.mean;
      ours.mean += delta * b / (a + b);
      ours.m2 += theirs.m2 + delta * delta * a * b / (a + b);
      state->count += other->count;
      break;
    }
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
      return Value::Bigint(static_cast<int64_t>(ExtraOf(state).distinct.size()));
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
    case AggregateKind::kArrayAgg:
      return FinishArrayAgg(spec, state);
    case AggregateKind::kMaxBy:
    case AggregateKind::kMinBy:
      return ExtraOf(state).best_key.is_null() ? Value::Null(spec.result_type) : state.best;
    case AggregateKind::kVarianceSamp:
    case AggregateKind::kVariancePop:
    case AggregateKind::kStddevSamp:
    case AggregateKind::kStddevPop:
      return FinishVariance(spec, state);
    case AggregateKind::kApproxPercentile:
      return FinishPercentile(spec, state);
  }
  return Value();
}

}  // namespace ctq
