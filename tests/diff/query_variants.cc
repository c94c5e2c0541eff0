#include "tests/diff/query_variants.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "storage/cloudtrail_schema.h"

namespace ctq::difftest {
namespace {

// ---------------------------------------------------------------------------
// Random variants.

class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x1234567ull) {}
  uint64_t Next() {
    // splitmix64: fixed output for a seed on every platform.
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Uniform(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  bool Chance(int percent) { return Uniform(100) < static_cast<size_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Uniform(v.size())];
  }

 private:
  uint64_t state_;
};

// SQL text for both engines.
struct Sql {
  std::string ctq;
  std::string lite;
};

Sql Both(std::string_view s) { return {std::string(s), std::string(s)}; }
Sql operator+(const Sql& a, const Sql& b) { return {a.ctq + b.ctq, a.lite + b.lite}; }
Sql operator+(const Sql& a, std::string_view b) {
  return {a.ctq + std::string(b), a.lite + std::string(b)};
}
Sql operator+(std::string_view a, const Sql& b) {
  return {std::string(a) + b.ctq, std::string(a) + b.lite};
}

std::string Literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Columns the generator draws from.
const std::vector<std::string> kGroupColumns = {"eventname", "eventsource",
                                                "awsregion", "errorcode",
                                                "useridentity.type", "useridentity.username",
                                                "region", "date_partition"};
const std::vector<std::string> kLowCardinality = {
    "eventname",           "eventsource",
    "awsregion",           "errorcode",
    "useridentity.type",   "useridentity.username",
    "useridentity.invokedby", "eventtype",
    "recipientaccountid",  "useridentity.accountid",
    "readonly",            "eventcategory",
    "managementevent",     "tlsdetails.tlsversion",
    "eventversion",        "useridentity.sessioncontext.attributes.mfaauthenticated",
    "useridentity.sessioncontext.sessionissuer.type", "vpcendpointid",
    "apiversion",          "sessioncredentialfromconsole",
    // Partition columns, from the files' delivery paths.
    "account_partition",   "region_partition",    "date_partition",
    "region",              "year",                "month",
    "day",                 "timestamp"};
const std::vector<std::string> kTextColumns = {
    "sourceipaddress", "useragent",           "useridentity.arn",  "errormessage",
    "requestparameters", "responseelements",  "additionaleventdata", "eventid",
    "serviceeventdetails", "useridentity.principalid", "useridentity.accesskeyid",
    "tlsdetails.clientprovidedhostheader", "eventtime"};

class VariantGenerator {
 public:
  VariantGenerator(SqliteOracle& oracle, uint64_t seed) : oracle_(oracle), rng_(seed) {}

  QuerySpec Next(int index);

 private:
  // Column reference in both dialects: ctq sometimes writes CloudTrail's
  // camelCase spelling (identifiers are case-insensitive).
  Sql Column(const std::string& name) {
    std::string ctq = name;
    if (rng_.Chance(30)) {
      if (std::optional<int> i = FindColumn(name)) {
        ctq = std::string(CloudTrailColumns()[*i].json_path);
      }
    }
    return {ctq, "\"" + name + "\""};
  }
  std::string Keyword(std::string_view lower) {
    if (!upper_keywords_) return std::string(lower);
    std::string out(lower);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  }
  Sql Kw(std::string_view lower) { return Both(" " + Keyword(lower) + " "); }

  // Non-NULL values of `column` that occur, each once, sorted.
  const std::vector<std::string>& Values(const std::string& column) {
    auto it = pools_.find(column);
    if (it != pools_.end()) return it->second;
    std::string expr = column.find('(') != std::string::npos ? column : "\"" + column + "\"";
    OracleResult r = oracle_.Query("SELECT DISTINCT " + expr + " FROM cloudtrail_logs WHERE " +
                                   expr + " IS NOT NULL ORDER BY 1");
    std::vector<std::string> values;
    for (Row& row : r.rows) values.push_back(std::move(row[0]));
    return pools_.emplace(column, std::move(values)).first->second;
  }
  std::string Value(const std::string& column) {
    const std::vector<std::string>& values = Values(column);
    if (values.empty() || rng_.Chance(5)) return "no-such-value";
    return rng_.Pick(values);
  }

  // A position inside `s` that does not split a UTF-8 character.
  size_t Boundary(const std::string& s, size_t pos) {
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) pos++;
    return pos;
  }
  std::string LikePattern(const std::string& column);
  std::string UnderscorePattern(std::string value);

  Sql Atom();
  Sql Predicate(int depth);
  Sql Where() {
    if (rng_.Chance(10)) return Both("");
    return Kw("where") + Predicate(2);
  }

  QuerySpec Projection();
  QuerySpec Aggregate(bool ordered);
  QuerySpec Distinct();
  QuerySpec OrderedProjection();

  SqliteOracle& oracle_;
  Prng rng_;
  bool upper_keywords_ = false;
  // Column (or expression) -> its distinct values; std::map keeps references stable.
  std::map<std::string, std::vector<std::string>> pools_;
};

std::string VariantGenerator::UnderscorePattern(std::string v) {
  // The text with `_` in place of a few characters; `_` is one code point, so
  // a multi-byte character (user names like "renée") becomes one `_`.
  // Non-ASCII characters are preferred when there are some.
  for (int k = 0; k < 3 && !v.empty(); k++) {
    std::vector<size_t> starts, wide;
    for (size_t p = 0; p < v.size(); p++) {
      unsigned char u = static_cast<unsigned char>(v[p]);
      if ((u & 0xC0) == 0x80) continue;
      starts.push_back(p);
      if (u >= 0x80) wide.push_back(p);
    }
    size_t p = !wide.empty() && rng_.Chance(70) ? rng_.Pick(wide) : rng_.Pick(starts);
    v.replace(p, Boundary(v, p + 1) - p, "_");
  }
  return v;
}

std::string VariantGenerator::LikePattern(const std::string& column) {
  std::string v = Value(column);
  if (v.size() > 200) v = v.substr(0, Boundary(v, 200));
  size_t n = v.size();
  size_t a = Boundary(v, rng_.Uniform(n + 1));
  size_t b = Boundary(v, a + rng_.Uniform(n - a + 1));
  switch (rng_.Uniform(7)) {
    case 6: {  // a substring with its letters' case flipped: LIKE is case-sensitive
      std::string flipped = v.substr(a, b - a);
      for (char& c : flipped) {
        if (std::islower(static_cast<unsigned char>(c))) {
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (std::isupper(static_cast<unsigned char>(c))) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
      }
      return "%" + flipped + "%";
    }
    case 0:  // prefix
      return v.substr(0, b) + "%";
    case 1:  // suffix
      return "%" + v.substr(a);
    case 2:  // contains
      return "%" + v.substr(a, b - a) + "%";
    case 3:
      return UnderscorePattern(v);
    case 4:  // both kinds of wildcard
      return v.substr(0, a) + "%" + (b < n ? "_" + v.substr(Boundary(v, b + 1)) : "");
    default:  // the value itself, no wildcards
      return v;
  }
}

Sql VariantGenerator::Atom() {
  int kind = static_cast<int>(rng_.Uniform(21));
  auto low = [&] { return rng_.Pick(kLowCardinality); };
  auto any = [&] { return rng_.Chance(50) ? rng_.Pick(kLowCardinality) : rng_.Pick(kTextColumns); };
  auto in_list = [&](const std::string& column) {
    Sql list = Both("(");
    size_t k = 1 + rng_.Uniform(4);
    for (size_t i = 0; i < k; i++) {
      if (i > 0) list = list + ", ";
      list = list + Literal(Value(column));
    }
    return list + ")";
  };
  switch (kind) {
    case 0:
    case 1: {
      std::string c = low();
      return Column(c) + " = " + Literal(Value(c));
    }
    case 2: {
      std::string c = low();
      return Column(c) + (rng_.Chance(50) ? " <> " : " != ") + Literal(Value(c));
    }
    case 3:
    case 4: {
      std::string c = any();
      return Column(c) + Kw("like") + Literal(LikePattern(c));
    }
    case 5: {
      std::string c = any();
      return Column(c) + Kw("not like") + Literal(LikePattern(c));
    }
    case 6: {
      std::string c = low();
      return Column(c) + Kw("in") + in_list(c);
    }
    case 7: {
      std::string c = low();
      return Column(c) + Kw("not in") + in_list(c);
    }
    case 8: {
      std::string t1 = Value("eventtime"), t2 = Value("eventtime");
      if (t2 < t1) std::swap(t1, t2);
      return Column("eventtime") + Kw("between") + Literal(t1) + Kw("and") + Literal(t2);
    }
    case 9: {
      static const char* kOps[] = {" >= ", " < ", " > ", " <= "};
      return Column("eventtime") + kOps[rng_.Uniform(4)] + Literal(Value("eventtime"));
    }
    case 10: {
      std::string c = rng_.Chance(50) ? low() : rng_.Pick(kTextColumns);
      return Column(c) + (rng_.Chance(50) ? Kw("is null") : Kw("is not null"));
    }
    case 11: {
      Sql f = Both("json_extract_scalar(") + Column("additionaleventdata") + ", '$.MobileVersion')";
      switch (rng_.Uniform(3)) {
        case 0: return f + " = 'Yes'";
        case 1: return f + " = 'No'";
        default: return f + Kw("is null");
      }
    }
    case 12: {
      Sql f = Both("json_extract_scalar(") + Column("requestparameters") + ", '$.bucketName')";
      switch (rng_.Uniform(3)) {
        case 0:
          return f + " = " +
                 Literal(Value("json_extract_scalar(requestparameters, '$.bucketName')"));
        case 1: return f + Kw("is not null");
        default:
          return f + Kw("like") +
                 Literal(LikePattern("json_extract_scalar(requestparameters, '$.bucketName')"));
      }
    }
    case 13: {
      std::string c = rng_.Pick(kGroupColumns);
      return Column(c) + " = " + Literal(Value(c));
    }
    case 14:
      return Both("") + Keyword("not") + " (" + Atom() + ")";
    case 17: {
      // A searched CASE (SQLite's CASE has Trino's semantics: the first
      // true WHEN wins, NULL conditions are not true).
      std::string a = low(), b = rng_.Pick(kTextColumns);
      static const char* kResults[] = {"'x'", "'y'", "'z'"};
      Sql result = Both("(") + Keyword("case") + Kw("when") + Column(a) + " = " +
                   Literal(Value(a)) + Kw("then") + "'x'" + Kw("when") + Column(b) +
                   Kw("is null") + Kw("then") + "'y'" + Kw("else") + "'z'" + Kw("end") + ")";
      return result + " = " + kResults[rng_.Uniform(3)];
    }
    case 18: {
      // A simple CASE and coalesce.
      std::string a = low(), b = low();
      if (rng_.Chance(50)) {
        return Both("(") + Keyword("case") + " " + Column(a) + Kw("when") + Literal(Value(a)) +
               Kw("then") + "1" + Kw("when") + Literal(Value(a)) + Kw("then") + "2" +
               Kw("else") + "0" + Kw("end") + ") = " + std::to_string(rng_.Uniform(3));
      }
      return Both("coalesce(") + Column(a) + ", " + Column(b) + ") = " +
             Literal(rng_.Chance(50) ? Value(a) : Value(b));
    }
    case 19: {
      // Time functions over eventtime; SQLite's date functions read the same
      // ISO 8601 text (ctqgen writes every eventtime so).
      const std::string t = Value("eventtime");
      Sql ts = Both("from_iso8601_timestamp(") + Column("eventtime") + ")";
      switch (rng_.Uniform(4)) {
        case 0:
          return Sql{"year(" + ts.ctq + ")", "CAST(strftime('%Y', \"eventtime\") AS INTEGER)"} +
                 " = " + (t.size() >= 4 ? t.substr(0, 4) : "2017");
        case 1: {
          static const char* kOps[] = {" < ", " >= "};
          return Sql{"hour(" + ts.ctq + ")", "CAST(strftime('%H', \"eventtime\") AS INTEGER)"} +
                 kOps[rng_.Uniform(2)] + std::to_string(rng_.Uniform(24));
        }
        case 2: {
          const std::string day = t.substr(0, std::min<size_t>(t.size(), 10));
          return Sql{"date_trunc('day', " + ts.ctq + ") = from_iso8601_timestamp(" +
                         Literal(day + "T00:00:00Z") + ")",
                     "date(\"eventtime\") = " + Literal(day)};
        }
        default: {
          static const char* kOps[] = {" >= ", " < ", " > ", " <= "};
          const char* op = kOps[rng_.Uniform(4)];
          return Sql{ts.ctq + op + "from_iso8601_timestamp(" + Literal(t) + ")",
                     "julianday(\"eventtime\")" + std::string(op) + "julianday(" + Literal(t) +
                         ")"};
        }
      }
    }
    case 20: {
      // A partition column against a function of another column.
      return Column("day") + " = " + Sql{"lpad(" + Column("month").ctq + ", 2, '0')",
                                         Column("month").lite};
    }
    case 16: {
      // A user name with a non-ASCII character, matched with `_` wildcards.
      std::vector<std::string> wide;
      for (const std::string& v : Values("useridentity.username")) {
        if (std::any_of(v.begin(), v.end(), [](char c) { return (c & 0x80) != 0; })) {
          wide.push_back(v);
        }
      }
      if (!wide.empty()) {
        return Column("useridentity.username") + Kw(rng_.Chance(80) ? "like" : "not like") +
               Literal(UnderscorePattern(rng_.Pick(wide)));
      }
      [[fallthrough]];
    }
    default: {
      std::string c = rng_.Pick(kGroupColumns);
      return Column(c) + Kw("like") + Literal(LikePattern(c));
    }
  }
}

Sql VariantGenerator::Predicate(int depth) {
  if (depth == 0 || rng_.Chance(45)) return Atom();
  Sql left = Predicate(depth - 1);
  Sql right = Predicate(depth - 1);
  Sql combined;
  switch (rng_.Uniform(4)) {
    case 0:
      // No parentheses: AND binds tighter than OR, as in the blog's third query.
      combined = left + Kw(rng_.Chance(50) ? "and" : "or") + right;
      break;
    case 1:
      combined = "(" + left + ")" + Kw("and") + "(" + right + ")";
      break;
    case 2:
      combined = "(" + left + ")" + Kw("or") + "(" + right + ")";
      break;
    default:
      combined = Keyword("not") + " (" + left + Kw(rng_.Chance(50) ? "and" : "or") + right + ")";
  }
  return combined;
}

std::string LastName(const std::string& column) {
  size_t dot = column.rfind('.');
  return dot == std::string::npos ? column : column.substr(dot + 1);
}

std::vector<std::string> AllColumns() {
  std::vector<std::string> out;
  for (const ColumnSpec& c : CloudTrailColumns()) out.emplace_back(c.sql_name);
  return out;
}

QuerySpec VariantGenerator::Projection() {
  QuerySpec q;
  static const std::vector<std::string> all = AllColumns();
  Sql select = Both(Keyword("select") + " ");
  if (rng_.Chance(25)) {
    select = select + "count(*)";
    q.column_names.push_back("_col0");
  } else {
    size_t k = 1 + rng_.Uniform(4);
    for (size_t i = 0; i < k; i++) {
      std::string c = rng_.Pick(all);
      if (i > 0) select = select + ", ";
      select = select + Column(c);
      q.column_names.push_back(LastName(c));
    }
  }
  Sql sql = select + Kw("from") + "cloudtrail_logs" + Where();
  q.ctq_sql = sql.ctq;
  q.sqlite_sql = sql.lite;
  return q;
}

QuerySpec VariantGenerator::Distinct() {
  QuerySpec q;
  Sql select = Both(Keyword("select distinct") + " ");
  size_t k = 1 + rng_.Uniform(3);
  for (size_t i = 0; i < k; i++) {
    std::string c = rng_.Chance(70) ? rng_.Pick(kGroupColumns) : rng_.Pick(kLowCardinality);
    if (i > 0) select = select + ", ";
    select = select + Column(c);
    q.column_names.push_back(LastName(c));
  }
  Sql sql = select + Kw("from") + (rng_.Chance(30) ? "default.cloudtrail_logs" : "cloudtrail_logs");
  sql.lite = select.lite + " FROM cloudtrail_logs";
  sql = sql + Where();
  q.ctq_sql = sql.ctq;
  q.sqlite_sql = sql.lite;
  return q;
}

QuerySpec VariantGenerator::Aggregate(bool ordered) {
  QuerySpec q;
  std::vector<std::string> keys = kGroupColumns;
  for (size_t i = keys.size(); i > 1; i--) std::swap(keys[i - 1], keys[rng_.Uniform(i)]);
  keys.resize(1 + rng_.Uniform(3));

  // Select list: the keys (all of them when ordered, so the order is total),
  // then 1-3 aggregates.
  Sql select = Both(Keyword("select") + " ");
  std::vector<int> key_positions;
  int position = 0;
  auto add = [&](const Sql& item, const std::string& name) {
    if (position > 0) select = select + ", ";
    select = select + item;
    q.column_names.push_back(name);
    position++;
  };
  bool select_keys = ordered || rng_.Chance(85);
  if (select_keys) {
    for (const std::string& k : keys) {
      key_positions.push_back(position);
      add(Column(k), LastName(k));
    }
  }
  size_t aggregates = 1 + rng_.Uniform(3);
  int count_position = -1;
  for (size_t i = 0; i < aggregates; i++) {
    std::string name = "_col" + std::to_string(position);
    bool alias = rng_.Chance(40);
    std::string alias_name = "agg" + std::to_string(i);
    Sql item;
    switch (rng_.Uniform(7)) {
      case 5: {
        std::string c = rng_.Pick(kLowCardinality);
        Sql condition = Column(c) + " = " + Literal(Value(c));
        item = Sql{"count_if(" + condition.ctq + ")",
                   "sum(CASE WHEN " + condition.lite + " THEN 1 ELSE 0 END)"};
        break;
      }
      case 6: {
        std::string c = rng_.Chance(50) ? rng_.Pick(kLowCardinality) : rng_.Pick(kTextColumns);
        item = "max(length(" + Column(c) + "))";
        break;
      }
      case 0:
        item = Both(rng_.Chance(50) ? "count(*)" : "count (*)");
        if (count_position < 0) count_position = position;
        break;
      case 1: {
        std::string c = rng_.Chance(50) ? rng_.Pick(kLowCardinality) : rng_.Pick(kTextColumns);
        item = "count(" + Column(c) + ")";
        break;
      }
      case 2: {
        std::string c = rng_.Chance(50) ? rng_.Pick(kLowCardinality) : rng_.Pick(kTextColumns);
        item = Both("count(") + Keyword("distinct") + " " + Column(c) + ")";
        break;
      }
      case 3:
        item = "min(" + Column("eventtime") + ")";
        break;
      default:
        item = "max(" + Column(rng_.Chance(70) ? "eventtime" : rng_.Pick(kGroupColumns)) + ")";
    }
    if (alias) {
      item = item + Kw("as") + alias_name;
      name = alias_name;
    }
    add(item, name);
  }
  Sql sql = select + Kw("from") + "cloudtrail_logs" + Where() + Kw("group by");
  bool by_position = select_keys && rng_.Chance(25);
  for (size_t i = 0; i < keys.size(); i++) {
    if (i > 0) sql = sql + ", ";
    sql = sql + (by_position ? Both(std::to_string(key_positions[i] + 1)) : Column(keys[i]));
  }
  if (rng_.Chance(15)) {
    sql = sql + Kw("having") + "count(*) > " + std::to_string(rng_.Uniform(20));
  }
  if (ordered) {
    // Order by an aggregate first, then every key: the keys make it total.
    sql = sql + Kw("order by");
    int agg_position = static_cast<int>(keys.size()) + static_cast<int>(rng_.Uniform(aggregates));
    std::vector<int> order = {agg_position};
    for (int p : key_positions) order.push_back(p);
    for (size_t i = 0; i < order.size(); i++) {
      if (i > 0) sql = sql + ", ";
      sql = sql + Both(std::to_string(order[i] + 1));
      bool desc = rng_.Chance(i == 0 ? 70 : 30);
      if (desc) sql = sql + Kw("desc");
      if (rng_.Chance(20)) {
        sql = sql + Kw(rng_.Chance(50) ? "nulls first" : "nulls last");
      } else {
        sql.lite += " NULLS LAST";
      }
      q.order_keys.push_back(order[i]);
    }
    q.limit = 1 + static_cast<int64_t>(rng_.Uniform(15));
  }
  q.ctq_sql = sql.ctq + (ordered ? Kw("limit").ctq + std::to_string(q.limit) : "");
  q.sqlite_sql = sql.lite;
  return q;
}

QuerySpec VariantGenerator::OrderedProjection() {
  QuerySpec q;
  static const std::vector<std::string> all = AllColumns();
  std::vector<std::string> columns;
  size_t k = 1 + rng_.Uniform(3);
  for (size_t i = 0; i < k; i++) {
    columns.push_back(rng_.Chance(60) ? rng_.Pick(kGroupColumns) : rng_.Pick(all));
  }
  Sql select = Both(Keyword("select") + " ");
  for (size_t i = 0; i < k; i++) {
    if (i > 0) select = select + ", ";
    select = select + Column(columns[i]);
    q.column_names.push_back(LastName(columns[i]));
  }
  Sql sql = select + Kw("from") + "cloudtrail_logs" + Where() + Kw("order by");
  // Every selected column, in a shuffled order: a total order of the rows.
  std::vector<int> order;
  for (size_t i = 0; i < k; i++) order.push_back(static_cast<int>(i));
  for (size_t i = order.size(); i > 1; i--) std::swap(order[i - 1], order[rng_.Uniform(i)]);
  for (size_t i = 0; i < order.size(); i++) {
    if (i > 0) sql = sql + ", ";
    // A name selected twice (or two columns with one last name) is ambiguous
    // in ORDER BY, as in Trino: those go by position.
    const bool by_position = rng_.Chance(30);
    const bool unique_name = std::count(q.column_names.begin(), q.column_names.end(),
                                        q.column_names[order[i]]) == 1;
    sql = sql + (by_position || !unique_name ? Both(std::to_string(order[i] + 1))
                                             : Column(columns[order[i]]));
    if (rng_.Chance(40)) sql = sql + Kw(rng_.Chance(50) ? "desc" : "asc");
    if (rng_.Chance(20)) {
      sql = sql + Kw(rng_.Chance(50) ? "nulls first" : "nulls last");
    } else {
      sql.lite += " NULLS LAST";
    }
    q.order_keys.push_back(order[i]);
  }
  q.limit = 1 + static_cast<int64_t>(rng_.Uniform(rng_.Chance(20) ? 500 : 25));
  q.ctq_sql = sql.ctq + Kw("limit").ctq + std::to_string(q.limit);
  q.sqlite_sql = sql.lite;
  return q;
}

QuerySpec VariantGenerator::Next(int index) {
  upper_keywords_ = rng_.Chance(30);
  QuerySpec q;
  switch (index % 5) {
    case 0: q = Projection(); break;
    case 1: q = Aggregate(false); break;
    case 2: q = Distinct(); break;
    case 3: q = OrderedProjection(); break;
    default: q = Aggregate(true); break;
  }
  q.name = "variant " + std::to_string(index);
  return q;
}

}  // namespace

std::vector<QuerySpec> GenerateVariants(SqliteOracle& oracle, uint64_t seed, int count) {
  VariantGenerator generator(oracle, seed);
  std::vector<QuerySpec> out;
  for (int i = 0; i < count; i++) out.push_back(generator.Next(i));
  return out;
}

}  // namespace ctq::difftest
