#include "parser/lexer.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ctq/internal/sql_error.h"

namespace ctq {
namespace {

struct KeywordEntry {
  std::string_view name;
  Keyword keyword;
};

// Sorted by name so that lookups can binary-search (checked below).
constexpr KeywordEntry kKeywords[] = {
    {"all", Keyword::kAll},
    {"analyze", Keyword::kAnalyze},
    {"and", Keyword::kAnd},
    {"as", Keyword::kAs},
    {"asc", Keyword::kAsc},
    {"between", Keyword::kBetween},
    {"by", Keyword::kBy},
    {"case", Keyword::kCase},
    {"cast", Keyword::kCast},
    {"cross", Keyword::kCross},
    {"desc", Keyword::kDesc},
    {"distinct", Keyword::kDistinct},
    {"else", Keyword::kElse},
    {"end", Keyword::kEnd},
    {"escape", Keyword::kEscape},
    {"except", Keyword::kExcept},
    {"exists", Keyword::kExists},
    {"explain", Keyword::kExplain},
    {"false", Keyword::kFalse},
    {"first", Keyword::kFirst},
    {"from", Keyword::kFrom},
    {"full", Keyword::kFull},
    {"group", Keyword::kGroup},
    {"having", Keyword::kHaving},
    {"in", Keyword::kIn},
    {"inner", Keyword::kInner},
    {"intersect", Keyword::kIntersect},
    {"is", Keyword::kIs},
    {"join", Keyword::kJoin},
    {"last", Keyword::kLast},
    {"left", Keyword::kLeft},
    {"like", Keyword::kLike},
    {"limit", Keyword::kLimit},
    {"not", Keyword::kNot},
    {"null", Keyword::kNull},
    {"nulls", Keyword::kNulls},
    {"offset", Keyword::kOffset},
    {"on", Keyword::kOn},
    {"or", Keyword::kOr},
    {"order", Keyword::kOrder},
    {"outer", Keyword::kOuter},
    {"over", Keyword::kOver},
    {"right", Keyword::kRight},
    {"select", Keyword::kSelect},
    {"then", Keyword::kThen},
    {"true", Keyword::kTrue},
    {"union", Keyword::kUnion},
    {"using", Keyword::kUsing},
    {"when", Keyword::kWhen},
    {"where", Keyword::kWhere},
    {"with", Keyword::kWith},
};

constexpr bool KeywordLess(const KeywordEntry& a, const KeywordEntry& b) { return a.name < b.name; }
static_assert(std::is_sorted(std::begin(kKeywords), std::end(kKeywords), KeywordLess));

// REQUIRES: `lowercase_word` is already lowercased.
Keyword LookupKeyword(std::string_view lowercase_word) {
  const KeywordEntry probe{lowercase_word, Keyword::kNone};
  const KeywordEntry* it =
      std::lower_bound(std::begin(kKeywords), std::end(kKeywords), probe, KeywordLess);
  if (it != std::end(kKeywords) && it->name == lowercase_word) return it->keyword;
  return Keyword::kNone;
}

bool IsWordStart(char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

SourceRange Range(size_t begin, size_t end) {
  return SourceRange{static_cast<uint32_t>(begin), static_cast<uint32_t>(end - begin)};
}

// The length of the valid UTF-8 sequence at sql[pos] and its code point, or 0
// if the bytes there are not valid UTF-8.
size_t DecodeUtf8(std::string_view sql, size_t pos, uint32_t* code_point) {
  const auto lead = static_cast<unsigned char>(sql[pos]);
  size_t length = 0;
  uint32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
  } else {
    return 0;
  }
  if (sql.size() - pos < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(sql[pos + i]);
    if ((next & 0xC0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((length == 3 && value < 0x800) || (length == 4 && value < 0x10000) ||
      (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    return 0;
  }
  *code_point = value;
  return length;
}

// Names the character so that invisible or look-alike input is obvious: a
// curly quote pasted from a blog reads "unexpected character '’' (U+2019)".
absl::Status UnexpectedCharacter(std::string_view sql, size_t pos) {
  const auto c = static_cast<unsigned char>(sql[pos]);
  if (c >= 0x20 && c < 0x7F) {
    return SqlInvalid(Range(pos, pos + 1), absl::StrCat("Syntax error: unexpected character '",
                                                        std::string(1, sql[pos]), "'"));
  }
  if (c < 0x80) {
    return SqlInvalid(Range(pos, pos + 1),
                      absl::StrFormat("Syntax error: unexpected character U+%04X", c));
  }
  uint32_t code_point = 0;
  const size_t length = DecodeUtf8(sql, pos, &code_point);
  if (length == 0) {
    return SqlInvalid(Range(pos, pos + 1),
                      absl::StrFormat("Syntax error: unexpected byte 0x%02X", c));
  }
  return SqlInvalid(Range(pos, pos + length),
                    absl::StrFormat("Syntax error: unexpected character '%s' (U+%04X)",
                                    sql.substr(pos, length), code_point));
}

}  // namespace

Token Lexer::Next() {
  if (finished_) return final_;
  Token token;
  absl::Status status = SkipSpaceAndComments();
  if (status.ok()) {
    if (pos_ == sql_.size()) {
      finished_ = true;
      final_ = Make(TokenKind::kEnd, pos_);
      return final_;
    }
    const char c = Char();
    if (IsWordStart(c)) {
      status = LexWord(&token);
    } else if (IsDigit(c) || (c == '.' && IsDigit(Char(1)))) {
      status = LexNumber(&token);
    } else if (c == '\'' || c == '"') {
      status = LexQuoted(c, &token);
    } else if (c == '`') {
      status =
          SqlInvalid(Range(pos_, pos_ + 1),
                     "Syntax error: backquoted identifiers are not supported; use double quotes");
    } else {
      status = LexOperator(&token);
    }
  }
  if (status.ok()) return token;
  finished_ = true;
  final_ = Token();
  final_.kind = TokenKind::kError;
  final_.range = GetSourceRange(status).value_or(Range(pos_, pos_));
  error_ = std::move(status);
  return final_;
}

Token Lexer::Make(TokenKind kind, size_t begin, std::string text) const {
  Token token;
  token.kind = kind;
  token.range = Range(begin, pos_);
  token.text = std::move(text);
  return token;
}

absl::Status Lexer::SkipSpaceAndComments() {
  while (pos_ < sql_.size()) {
    const char c = Char();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '-' && Char(1) == '-') {
      const size_t newline = sql_.find('\n', pos_);
      pos_ = newline == std::string_view::npos ? sql_.size() : newline + 1;
    } else if (c == '/' && Char(1) == '*') {
      const size_t close = sql_.find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        return SqlInvalid(Range(pos_, pos_ + 2), "Syntax error: unterminated /* comment");
      }
      pos_ = close + 2;
    } else {
      break;
    }
  }
  return absl::OkStatus();
}

absl::Status Lexer::LexWord(Token* token) {
  const size_t begin = pos_;
  while (IsWordChar(Char())) ++pos_;
  std::string text(sql_.substr(begin, pos_ - begin));
  std::string spelling = text;
  absl::AsciiStrToLower(&text);
  const Keyword keyword = LookupKeyword(text);
  *token = Make(TokenKind::kIdentifier, begin, std::move(text));
  token->keyword = keyword;
  token->spelling = std::move(spelling);
  return absl::OkStatus();
}

// '...' strings and "..." identifiers: the quote doubled stands for itself,
// and there are no backslash escapes (Trino). Both may span lines.
absl::Status Lexer::LexQuoted(char quote, Token* token) {
  const size_t begin = pos_;
  std::string value;
  ++pos_;
  for (;;) {
    const size_t close = sql_.find(quote, pos_);
    if (close == std::string_view::npos) {
      return SqlInvalid(Range(begin, begin + 1),
                        quote == '\'' ? "Syntax error: unterminated string literal"
                                      : "Syntax error: unterminated quoted identifier");
    }
    value.append(sql_.substr(pos_, close - pos_));
    pos_ = close + 1;
    if (Char() != quote) break;  // a doubled quote stands for one quote
    value.push_back(quote);
    ++pos_;
  }
  if (quote == '\'') {
    *token = Make(TokenKind::kString, begin, std::move(value));
    return absl::OkStatus();
  }
  if (value.empty()) {
    return SqlInvalid(Range(begin, pos_), "Syntax error: zero-length quoted identifier");
  }
  std::string spelling = value;
  absl::AsciiStrToLower(&value);
  *token = Make(TokenKind::kQuotedIdentifier, begin, std::move(value));
  token->spelling = std::move(spelling);
  return absl::OkStatus();
}

// Integers are digits only; a '.', an exponent or both make a decimal, as in
// Trino's INTEGER_VALUE / DECIMAL_VALUE / DOUBLE_VALUE tokens.
absl::Status Lexer::LexNumber(Token* token) {
  const size_t begin = pos_;
  bool decimal = false;
  while (IsDigit(Char())) ++pos_;
  if (Char() == '.') {
    decimal = true;
    ++pos_;
    while (IsDigit(Char())) ++pos_;
  }
  if (Char() == 'e' || Char() == 'E') {
    size_t digits = 1;
    if (Char(1) == '+' || Char(1) == '-') digits = 2;
    if (IsDigit(Char(digits))) {
      decimal = true;
      pos_ += digits;
      while (IsDigit(Char())) ++pos_;
    }
  }
  // `123abc` or `1e`: Trino rejects words that start with a digit.
  if (IsWordChar(Char())) {
    while (IsWordChar(Char())) ++pos_;
    return SqlInvalid(Range(begin, pos_),
                      absl::StrCat("Syntax error: invalid number '",
                                   std::string(sql_.substr(begin, pos_ - begin)), "'"));
  }
  *token = Make(decimal ? TokenKind::kDecimal : TokenKind::kInteger, begin,
                std::string(sql_.substr(begin, pos_ - begin)));
  return absl::OkStatus();
}

absl::Status Lexer::LexOperator(Token* token) {
  const size_t begin = pos_;
  TokenKind kind;
  size_t length = 1;
  switch (Char()) {
    case '=':
      kind = TokenKind::kEqual;
      break;
    case '+':
      kind = TokenKind::kPlus;
      break;
    case '*':
      kind = TokenKind::kStar;
      break;
    case '/':
      kind = TokenKind::kSlash;
      break;
    case '%':
      kind = TokenKind::kPercent;
      break;
    case '(':
      kind = TokenKind::kLeftParen;
      break;
    case ')':
      kind = TokenKind::kRightParen;
      break;
    case '[':
      kind = TokenKind::kLeftBracket;
      break;
    case ']':
      kind = TokenKind::kRightBracket;
      break;
    case ',':
      kind = TokenKind::kComma;
      break;
    case '.':
      kind = TokenKind::kDot;
      break;
    case ';':
      kind = TokenKind::kSemicolon;
      break;
    case '-':
      kind = Char(1) == '>' ? TokenKind::kArrow : TokenKind::kMinus;
      length = kind == TokenKind::kArrow ? 2 : 1;
      break;
    case '<':
      if (Char(1) == '=') {
        kind = TokenKind::kLessEqual;
        length = 2;
      } else if (Char(1) == '>') {
        kind = TokenKind::kNotEqual;
        length = 2;
      } else {
        kind = TokenKind::kLess;
      }
      break;
    case '>':
      kind = Char(1) == '=' ? TokenKind::kGreaterEqual : TokenKind::kGreater;
      length = kind == TokenKind::kGreaterEqual ? 2 : 1;
      break;
    case '!':
      if (Char(1) != '=') return UnexpectedCharacter(sql_, pos_);
      kind = TokenKind::kNotEqual;
      length = 2;
      break;
    case '|':
      if (Char(1) != '|') return UnexpectedCharacter(sql_, pos_);
      kind = TokenKind::kConcat;
      length = 2;
      break;
    default:
      return UnexpectedCharacter(sql_, pos_);
  }
  pos_ += length;
  *token = Make(kind, begin);
  return absl::OkStatus();
}

LexResult Tokenize(std::string_view sql) {
  LexResult result;
  Lexer lexer(sql);
  for (;;) {
    result.tokens.push_back(lexer.Next());
    const TokenKind kind = result.tokens.back().kind;
    if (kind == TokenKind::kEnd || kind == TokenKind::kError) break;
  }
  result.error = lexer.error();
  return result;
}

std::string DescribeToken(std::string_view sql, const Token& token) {
  if (token.kind == TokenKind::kEnd) return "end of input";
  constexpr size_t kMaxShown = 40;
  std::string_view text = sql.substr(token.range.offset, token.range.length);
  std::string shown;
  if (text.size() <= kMaxShown) {
    shown = std::string(text);
  } else {
    // Cut on a UTF-8 boundary so that the message stays valid UTF-8.
    size_t cut = kMaxShown - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    shown = std::string(text.substr(0, cut)) + "...";
  }
  if (token.kind == TokenKind::kString) return absl::StrCat("string ", shown);
  return absl::StrCat("'", shown, "'");
}

}  // namespace ctq
