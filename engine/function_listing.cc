#include "engine/function_listing.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "absl/strings/str_join.h"
#include "engine/function_catalog.h"
#include "engine/generic_signatures.h"

namespace ctq {
namespace {

// Every type a value can have in ctq; a new value type belongs here so that
// SHOW FUNCTIONS lists what it is accepted by.
// (Arrays are generic_signatures.cc's own listings.)
constexpr TypeId kValueTypes[] = {TypeId::kBoolean, TypeId::kBigint, TypeId::kDouble,
                                  TypeId::kVarchar, TypeId::kJson, TypeId::kIpaddress};

// More arguments than any fixed signature of the catalog takes; a function
// that accepts this many takes any number.
constexpr size_t kMaxProbeArguments = 4;

// One accepted call: its argument types (what the catalog casts each
// argument to, for scalars) and its result.
struct Signature {
  std::vector<Type> arguments;
  Type result;
  // Ordered by the types' names (Type has no order of its own).
  std::vector<std::string> Key() const {
    std::vector<std::string> key;
    for (Type type : arguments) key.push_back(TypeName(type));
    key.push_back(TypeName(result));
    return key;
  }
  bool operator<(const Signature& other) const { return Key() < other.Key(); }
};

// Calls `accept` for each list of `arity` types of kValueTypes.
template <typename Accept>
void ForEachArgumentList(size_t arity, std::vector<TypeId>* types, const Accept& accept) {
  if (types->size() == arity) {
    accept(*types);
    return;
  }
  for (TypeId type : kValueTypes) {
    types->push_back(type);
    ForEachArgumentList(arity, types, accept);
    types->pop_back();
  }
}

// What the catalog says to `name(types...)`: the signature, or nullopt when
// it refuses the call. `star` probes `name(*)`.
std::optional<Signature> Resolve(std::string_view name, bool aggregate,
                                 const std::vector<TypeId>& types, bool star) {
  ParsedExpr call;
  call.kind = ExprKind::kFunctionCall;
  call.function_name = std::string(name);
  call.star = star;
  std::vector<std::unique_ptr<BoundExpr>> args;
  for (TypeId type : types) {
    auto arg = std::make_unique<BoundExpr>();
    arg->type = type;
    args.push_back(std::move(arg));
  }
  if (aggregate) {
    absl::StatusOr<AggregateSignature> resolved = ResolveAggregateFunction(call, args);
    if (!resolved.ok()) return std::nullopt;
    return Signature{std::vector<Type>(types.begin(), types.end()), resolved->result_type};
  }
  absl::StatusOr<ScalarSignature> resolved = ResolveScalarFunction(call, args);
  if (!resolved.ok()) return std::nullopt;
  return Signature{resolved->argument_types, resolved->result_type};
}

std::string TypeText(Type type) { return std::string(TypeName(type)); }

// The accepted signatures of one function, as rows: collapsed to a type
// variable where every value type is accepted alike, and to one argument
// where any number is.
std::vector<FunctionListing> Listings(std::string_view name, bool aggregate) {
  std::map<size_t, std::set<Signature>> by_arity;
  if (aggregate) {
    // count(*) is Trino's count(): a signature without arguments.
    if (std::optional<Signature> star = Resolve(name, aggregate, {}, /*star=*/true)) {
      by_arity[0].insert(*star);
    }
  }
  for (size_t arity = 0; arity <= kMaxProbeArguments; arity++) {
    std::vector<TypeId> types;
    ForEachArgumentList(arity, &types, [&](const std::vector<TypeId>& list) {
      if (std::optional<Signature> signature = Resolve(name, aggregate, list, false)) {
        by_arity[arity].insert(*signature);
      }
    });
  }
  std::vector<std::pair<std::string, std::string>> rows;  // argument types, return type
  for (auto& [arity, signatures] : by_arity) {
    if (arity == kMaxProbeArguments) break;  // the variadic case, listed at its shortest
    const bool generic = arity == 1 && signatures.size() == std::size(kValueTypes);
    if (generic) {
      const bool same_result = std::all_of(signatures.begin(), signatures.end(),
                                           [](const Signature& s) { return s.result == s.arguments[0]; });
      // The first result by value: clang 14 cannot capture a structured binding.
      const Type first_result = signatures.begin()->result;
      const bool one_result =
          std::all_of(signatures.begin(), signatures.end(),
                      [first_result](const Signature& s) { return s.result == first_result; });
      if (same_result || one_result) {
        rows.push_back({"T", same_result ? "T" : TypeText(signatures.begin()->result)});
        continue;
      }
    }
    const bool variadic = by_arity.count(kMaxProbeArguments) > 0;
    for (const Signature& signature : signatures) {
      std::vector<std::string> arguments;
      for (Type type : signature.arguments) arguments.push_back(TypeText(type));
      if (variadic) arguments.resize(std::min<size_t>(arguments.size(), 1));
      rows.push_back({absl::StrJoin(arguments, ", "), TypeText(signature.result)});
    }
    if (variadic) break;
  }
  std::vector<FunctionListing> listings;
  for (auto& [arguments, result] : rows) {
    FunctionListing listing;
    listing.name = std::string(name);
    listing.return_type = result;
    listing.argument_types = arguments;
    listing.function_type = aggregate ? "aggregate" : "scalar";
    // Every function ctq has gives the same result for the same arguments.
    listing.deterministic = true;
    listings.push_back(std::move(listing));
  }
  return listings;
}

std::vector<FunctionListing> ProbeCatalog() {
  std::vector<FunctionListing> listings;
  for (bool aggregate : {false, true}) {
    for (std::string_view name : aggregate ? AggregateFunctionNames() : ScalarFunctionNames()) {
      const auto& generic = GenericFunctionListings();
      if (std::any_of(generic.begin(), generic.end(), [&](const GenericListing& listing) {
            return listing.name == name && listing.aggregate == aggregate;
          })) {
        continue;  // listed below
      }
      for (FunctionListing& listing : Listings(name, aggregate)) {
        listings.push_back(std::move(listing));
      }
    }
  }
  std::vector<GenericListing> fixed = GenericFunctionListings();
  for (const GenericListing& time : TimeFunctionListings()) fixed.push_back(time);
  for (const GenericListing& generic : fixed) {
    FunctionListing listing;
    listing.name = std::string(generic.name);
    listing.return_type = std::string(generic.return_type);
    listing.argument_types = std::string(generic.argument_types);
    listing.function_type = generic.aggregate ? "aggregate" : "scalar";
    listing.deterministic = true;
    listings.push_back(std::move(listing));
  }
  // Names are lower case already, so lower(name) is name.
  std::sort(listings.begin(), listings.end(), [](const FunctionListing& a, const FunctionListing& b) {
    return std::tie(a.name, a.return_type, a.argument_types, a.function_type) <
           std::tie(b.name, b.return_type, b.argument_types, b.function_type);
  });
  listings.erase(std::unique(listings.begin(), listings.end(),
                             [](const FunctionListing& a, const FunctionListing& b) {
                               return a.name == b.name && a.return_type == b.return_type &&
                                      a.argument_types == b.argument_types &&
                                      a.function_type == b.function_type;
                             }),
                 listings.end());
  return listings;
}

}  // namespace

std::vector<FunctionListing> ListFunctions() {
  // The catalog never changes while ctq runs; probe it once.
  static const auto* const kListings = new std::vector<FunctionListing>(ProbeCatalog());
  return *kListings;
}

}  // namespace ctq
