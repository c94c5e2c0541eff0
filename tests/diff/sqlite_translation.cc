// The SQLite side of hand-written queries (the blog's): TranslateToSqlite and
// BlogQueries, declared in query_variants.h.
#include <cctype>

#include "storage/cloudtrail_schema.h"
#include "tests/diff/blog_queries.h"
#include "tests/diff/query_variants.h"

namespace ctq::difftest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A token of the blog queries' SQL: only what the translator must tell apart.
struct Token {
  enum class Kind { kWord, kString, kQuoted, kNumber, kSymbol, kSpace } kind;
  std::string text;
};

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    size_t start = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) i++;
      tokens.push_back({Token::Kind::kSpace, std::string(sql.substr(start, i - start))});
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') i++;
      tokens.push_back({Token::Kind::kSpace, " "});
    } else if (c == '\'' || c == '"') {
      i++;
      while (i < sql.size()) {
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      tokens.push_back({c == '\'' ? Token::Kind::kString : Token::Kind::kQuoted,
                        std::string(sql.substr(start, i - start))});
    } else if (IsIdentStart(c)) {
      // A dotted name is one word: useridentity.username, default.cloudtrail_logs.
      while (i < sql.size() &&
             (IsIdentChar(sql[i]) ||
              (sql[i] == '.' && i + 1 < sql.size() && IsIdentStart(sql[i + 1])))) {
        i++;
      }
      tokens.push_back({Token::Kind::kWord, std::string(sql.substr(start, i - start))});
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) i++;
      tokens.push_back({Token::Kind::kNumber, std::string(sql.substr(start, i - start))});
    } else {
      i++;
      tokens.push_back({Token::Kind::kSymbol, std::string(1, c)});
    }
  }
  return tokens;
}

bool IsWord(const Token& t, std::string_view lower) {
  return t.kind == Token::Kind::kWord && Lower(t.text) == lower;
}

}  // namespace

std::string TranslateToSqlite(std::string_view ctq_sql, bool drop_limit, int64_t* limit) {
  std::vector<Token> tokens = Tokenize(ctq_sql);
  // Drop a trailing ';' and, if asked, a trailing LIMIT n.
  auto trim = [&] {
    while (!tokens.empty() && tokens.back().kind == Token::Kind::kSpace) tokens.pop_back();
  };
  trim();
  if (!tokens.empty() && tokens.back().text == ";") tokens.pop_back();
  trim();
  if (drop_limit && tokens.size() >= 3 && tokens.back().kind == Token::Kind::kNumber &&
      IsWord(tokens[tokens.size() - 3], "limit")) {
    if (limit != nullptr) *limit = std::stoll(tokens.back().text);
    tokens.resize(tokens.size() - 3);
    trim();
  }

  std::string out;
  bool in_order_by = false;
  bool item_has_nulls = false;
  int depth = 0;
  auto end_order_item = [&] {
    if (in_order_by && !item_has_nulls) out += " NULLS LAST";
    item_has_nulls = false;
  };
  for (size_t i = 0; i < tokens.size(); i++) {
    const Token& t = tokens[i];
    if (t.kind == Token::Kind::kSymbol) {
      if (t.text == "(") depth++;
      if (t.text == ")") depth--;
      if (t.text == "," && depth == 0 && in_order_by) end_order_item();
      out += t.text;
      continue;
    }
    if (t.kind != Token::Kind::kWord) {
      out += t.text;
      continue;
    }
    std::string word = Lower(t.text);
    if (word == "order") {
      size_t j = i + 1;
      while (j < tokens.size() && tokens[j].kind == Token::Kind::kSpace) j++;
      if (j < tokens.size() && IsWord(tokens[j], "by")) {
        out += t.text;
        for (i = i + 1; i <= j; i++) out += tokens[i].text;
        i = j;
        in_order_by = true;
        item_has_nulls = false;
        continue;
      }
    }
    if (in_order_by && depth == 0 && word == "limit") {
      end_order_item();
      in_order_by = false;
      out += " ";
    }
    if (word == "nulls") item_has_nulls = true;
    if (word == "default.cloudtrail_logs") {
      out += "cloudtrail_logs";
    } else if (word.find('.') != std::string::npos && FindColumn(word).has_value()) {
      out += "\"" + word + "\"";
    } else {
      out += t.text;
    }
  }
  end_order_item();
  return out;
}

std::vector<QuerySpec> BlogQueries() {
  const std::vector<std::string> kQueries = BlogQuerySql();
  const std::vector<std::vector<int>> kOrderKeys = {{3}, {}, {}, {0}, {0}, {0}};
  std::vector<QuerySpec> out;
  for (int i = 0; i < 6; i++) {
    QuerySpec q;
    q.name = "blog q" + std::to_string(i + 1);
    q.ctq_sql = kQueries[i];
    q.sqlite_sql = TranslateToSqlite(q.ctq_sql, /*drop_limit=*/true, &q.limit);
    q.order_keys = kOrderKeys[i];
    out.push_back(std::move(q));
  }
  // Column names as Trino names them: aliases as written, a field's last name.
  out[0].column_names = {"eventname", "username", "sourceipaddress", "eventtime",
                         "requestparameters"};
  out[1].column_names = {"username", "sourceipaddress", "eventtime", "additionaleventdata"};
  out[2].column_names = {"username", "sourceipaddress", "MobileVersion", "eventtime",
                         "additionaleventdata"};
  out[3].column_names = {"TotalEvents", "eventname", "errorcode", "errormessage"};
  out[4].column_names = {"TotalEvents", "username", "eventname"};
  out[5].column_names = {"TotalEvents", "eventname", "invokedby"};
  return out;
}

}  // namespace ctq::difftest
