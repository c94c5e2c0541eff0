// Tokens: what the lexer (lexer.h) hands to the parser. A token knows its kind,
// its exact bytes in the SQL text, and for words, numbers and strings the value
// the parser needs.
#pragma once

#include <cstdint>
#include <string>

#include "ctq/internal/source_range.h"

namespace ctq {

enum class TokenKind : uint8_t {
  kEnd,               // end of input; its range is empty and sits at the end of the text
  kError,             // a lexical error; the lexer's Status says what (see lexer.h)
  kIdentifier,        // unquoted word, lowercased; `keyword` says if it is reserved
  kQuotedIdentifier,  // "..." with "" undone, lowercased (Trino folds these too)
  kString,            // '...' with '' undone
  kInteger,           // digits as written
  kDecimal,           // 1.5, .5, 1., 1e3, 1.5E-2 as written
  kEqual,             // =
  kNotEqual,          // <> or !=
  kLess,              // <
  kLessEqual,         // <=
  kGreater,           // >
  kGreaterEqual,      // >=
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,  // ||
  kLeftParen,
  kRightParen,
  kLeftBracket,   // [ : only lexed so that subscripts get a "not supported" error
  kRightBracket,  // ]
  kComma,
  kDot,
  kSemicolon,
  kArrow,  // -> : only lexed so that lambdas get a "not supported" error
};

// The reserved words: an unquoted word spelled like one of these is a keyword
// and never an identifier ("select" must be double-quoted to name a column).
// The list is deliberately short so that CloudTrail fields such as `type`,
// `date` or `timestamp` stay usable as plain names; words that only matter in
// one spot (ROLLUP, INTERVAL, TRY_CAST, ...) are matched by their text there.
enum class Keyword : uint8_t {
  kNone,  // not a reserved word
  kAll,
  kAnalyze,
  kAnd,
  kAs,
  kAsc,
  kBetween,
  kBy,
  kCase,
  kCast,
  kCross,
  kDesc,
  kDistinct,
  kElse,
  kEnd,
  kEscape,
  kExcept,
  kExists,
  kExplain,
  kFalse,
  kFirst,
  kFrom,
  kFull,
  kGroup,
  kHaving,
  kIn,
  kInner,
  kIntersect,
  kIs,
  kJoin,
  kLast,
  kLeft,
  kLike,
  kLimit,
  kNot,
  kNull,
  kNulls,
  kOffset,
  kOn,
  kOr,
  kOrder,
  kOuter,
  kOver,
  kRight,
  kSelect,
  kThen,
  kTrue,
  kUnion,
  kUsing,
  kWhen,
  kWhere,
  kWith,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  // Set only for unquoted kIdentifier tokens that spell a reserved word.
  Keyword keyword = Keyword::kNone;
  // The exact bytes of the token, quotes included.
  SourceRange range;
  // The value: lowercased name, unescaped string, or number as written. Empty
  // for operators and punctuation.
  std::string text;
  // Identifiers only: the name as the user spelled it (case kept, quotes and
  // "" undone). Trino names result columns with this spelling.
  std::string spelling;
};

}  // namespace ctq
