// The lexer: splits SQL text into tokens (token.h). Every token keeps its
// exact byte range, so errors can point back at the text.
//
// Thread-compatibility: a Lexer is used by one thread; Tokenize and
// DescribeToken are pure functions, safe to call concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "parser/token.h"

namespace ctq {

// Hands out tokens one at a time, so that the parser stops lexing at its first
// error: a megabyte of '(' fails after 257 of them, not after lexing them all.
class Lexer {
 public:
  // `sql` must outlive the Lexer. REQUIRES: sql.size() fits in uint32_t
  // (SourceRange offsets); ParseStatement rejects longer text.
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  // The next token. The last one is kEnd, or kError at the first lexical error
  // (an unterminated string, a stray character, ...); after it, Next keeps
  // returning that same final token.
  Token Next();

  // OK, or the error behind a kError token: InvalidArgument with a
  // "Syntax error: ..." message and a SourceRange payload.
  const absl::Status& error() const { return error_; }

 private:
  char Char(size_t ahead = 0) const {
    return pos_ + ahead < sql_.size() ? sql_[pos_ + ahead] : '\0';
  }
  Token Make(TokenKind kind, size_t begin, std::string text = {}) const;
  absl::Status SkipSpaceAndComments();
  // Each lexes one token starting at pos_ into *token.
  absl::Status LexWord(Token* token);
  absl::Status LexQuoted(char quote, Token* token);
  absl::Status LexNumber(Token* token);
  absl::Status LexOperator(Token* token);

  std::string_view sql_;
  size_t pos_ = 0;
  bool finished_ = false;  // final_ has been returned
  Token final_;            // the kEnd or kError token, once reached
  absl::Status error_;
};

struct LexResult {
  // All tokens, ending with kEnd or kError.
  std::vector<Token> tokens;
  // Lexer::error() after the last token.
  absl::Status error;
};

// Lexes all of `sql` at once (for tests and tools; the parser pulls tokens
// from a Lexer as it goes).
LexResult Tokenize(std::string_view sql);

// A short, quoted rendering of a token for error messages, e.g. 'FROM',
// string 'abc', or end of input. Long tokens are cut with "...".
std::string DescribeToken(std::string_view sql, const Token& token);

}  // namespace ctq
