#include "exec/like_matcher.h"

#include <cstring>

#include "ctq/internal/strings.h"
#include "exec/utf8.h"

namespace ctq {
namespace {

// The byte length of the UTF-8 character of `text` at `pos`.
size_t CharacterAt(std::string_view text, size_t pos) { return NextCharacter(text, pos) - pos; }

}  // namespace

absl::StatusOr<LikeMatcher> LikeMatcher::Compile(std::string_view pattern,
                                                 std::optional<std::string_view> escape) {
  if (escape.has_value()) {
    if (escape->empty() || CharacterAt(*escape, 0) != escape->size()) {
      return absl::InvalidArgumentError("Escape string must be a single character");
    }
  }
  LikeMatcher matcher;
  // Tokenise, merging adjacent literals and collapsing runs of `%`.
  for (size_t pos = 0; pos < pattern.size();) {
    size_t len = CharacterAt(pattern, pos);
    std::string_view ch = pattern.substr(pos, len);
    if (escape.has_value() && ch == *escape) {
      if (pos + len >= pattern.size()) {
        return absl::InvalidArgumentError(
            StrCat("Escape character must be followed by '%', '_' or the escape character: ",
                         pattern));
      }
      size_t next_len = CharacterAt(pattern, pos + len);
      std::string_view next = pattern.substr(pos + len, next_len);
      if (next != "%" && next != "_" && next != *escape) {
        return absl::InvalidArgumentError(
            StrCat("Escape character must be followed by '%', '_' or the escape character: ",
                         pattern));
      }
      if (matcher.tokens_.empty() || matcher.tokens_.back().kind != Token::Kind::kLiteral) {
        matcher.tokens_.push_back({Token::Kind::kLiteral, ""});
      }
      matcher.tokens_.back().text.append(next);
      pos += len + next_len;
      continue;
    }
    if (ch == "%") {
      if (matcher.tokens_.empty() || matcher.tokens_.back().kind != Token::Kind::kAnyMany) {
        matcher.tokens_.push_back({Token::Kind::kAnyMany, ""});
      }
    } else if (ch == "_") {
      matcher.tokens_.push_back({Token::Kind::kAnyOne, ""});
    } else {
      if (matcher.tokens_.empty() || matcher.tokens_.back().kind != Token::Kind::kLiteral) {
        matcher.tokens_.push_back({Token::Kind::kLiteral, ""});
      }
      matcher.tokens_.back().text.append(ch);
    }
    pos += len;
  }

  // Classify the shapes that need no general matcher.
  const auto& t = matcher.tokens_;
  auto is = [&](size_t i, Token::Kind kind) { return t[i].kind == kind; };
  matcher.shape_ = Shape::kGeneral;
  if (t.empty()) {
    matcher.shape_ = Shape::kExact;
  } else if (t.size() == 1 && is(0, Token::Kind::kLiteral)) {
    matcher.shape_ = Shape::kExact;
    matcher.literal_ = t[0].text;
  } else if (t.size() == 2 && is(0, Token::Kind::kLiteral) && is(1, Token::Kind::kAnyMany)) {
    matcher.shape_ = Shape::kPrefix;
    matcher.literal_ = t[0].text;
  } else if (t.size() == 2 && is(0, Token::Kind::kAnyMany) && is(1, Token::Kind::kLiteral)) {
    matcher.shape_ = Shape::kSuffix;
    matcher.literal_ = t[1].text;
  } else if (t.size() == 3 && is(0, Token::Kind::kAnyMany) && is(1, Token::Kind::kLiteral) &&
             is(2, Token::Kind::kAnyMany)) {
    matcher.shape_ = Shape::kContains;
    matcher.literal_ = t[1].text;
  } else if (t.size() == 1 && is(0, Token::Kind::kAnyMany)) {
    matcher.shape_ = Shape::kContains;  // '%' matches everything: contains ""
  }
  return matcher;
}

LikeMatcher::LiteralRuns LikeMatcher::FindLiteralRuns() const {
  LiteralRuns result;
  for (const Token& token : tokens_) {
    if (token.kind == Token::Kind::kLiteral) result.runs.push_back(token.text);
  }
  result.anchored_start = !tokens_.empty() && tokens_[0].kind == Token::Kind::kLiteral;
  return result;
}

bool LikeMatcher::Matches(std::string_view text) const {
  // An empty value can be a view with a null data(); memcmp and memmem must
  // not see a null pointer even with a length of 0 (UBSan reports it; found
  // by sql_eval_fuzzer). A real address for it keeps every shape below, and
  // MatchGeneral, free of the special case.
  if (text.empty()) text = std::string_view("", 0);
  switch (shape_) {
    case Shape::kExact:
      return text == literal_;
    case Shape::kPrefix:
      return text.size() >= literal_.size() &&
             std::memcmp(text.data(), literal_.data(), literal_.size()) == 0;
    case Shape::kSuffix:
      return text.size() >= literal_.size() &&
             std::memcmp(text.data() + text.size() - literal_.size(), literal_.data(),
                         literal_.size()) == 0;
    case Shape::kContains:
      if (literal_.empty()) return true;
      return memmem(text.data(), text.size(), literal_.data(), literal_.size()) != nullptr;
    case Shape::kGeneral:
      return MatchGeneral(text);
  }
  return false;
}

// Backtracking match over tokens. Only the most recent `%` needs to be
// revisited (the classic wildcard algorithm), so this is O(text * pattern) in
// the worst case and linear for typical patterns.
bool LikeMatcher::MatchGeneral(std::string_view text) const {
  size_t ti = 0, pos = 0;
  size_t star_token = SIZE_MAX, star_pos = 0;
  while (true) {
    if (ti < tokens_.size()) {
      const Token& token = tokens_[ti];
      if (token.kind == Token::Kind::kAnyMany) {
        star_token = ti++;
        star_pos = pos;
        continue;
      }
      if (token.kind == Token::Kind::kAnyOne && pos < text.size()) {
        pos = NextCharacter(text, pos);
        ti++;
        continue;
      }
      if (token.kind == Token::Kind::kLiteral && text.size() - pos >= token.text.size() &&
          std::memcmp(text.data() + pos, token.text.data(), token.text.size()) == 0) {
        pos += token.text.size();
        ti++;
        continue;
      }
    } else if (pos == text.size() || star_token == tokens_.size() - 1) {
      return true;  // all tokens used, and the text too (or a trailing `%` takes the rest)
    }
    // Mismatch: let the last `%` swallow one more character and retry.
    if (star_token == SIZE_MAX || star_pos >= text.size()) return false;
    star_pos = NextCharacter(text, star_pos);
    pos = star_pos;
    ti = star_token + 1;
  }
}

}  // namespace ctq
