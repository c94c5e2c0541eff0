// The operator rules of Parser: precedence climbing over the binary operators
// and predicates, and the prefix operators. Operands come from
// primary_expression_parser.cc.
#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "parser/lexer.h"
#include "parser/parser_impl.h"

namespace ctq {
namespace {

// How tightly an operator binds, weakest first (SQL-DIALECT.md, "Precedence").
// Predicates (comparisons, LIKE, BETWEEN, IN, IS NULL) share one level and do
// not chain, as in Trino's grammar where each takes value expressions.
enum Precedence : int {
  kLowest = 0,
  kOrLevel = 1,
  kAndLevel = 2,
  kNotLevel = 3,
  kPredicateLevel = 4,
  kConcatLevel = 5,
  kAdditiveLevel = 6,
  kMultiplicativeLevel = 7,
  kUnaryLevel = 8,
};

// The precedence of `token` as an infix operator, or -1 if it is none.
int InfixPrecedence(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEqual:
    case TokenKind::kNotEqual:
    case TokenKind::kLess:
    case TokenKind::kLessEqual:
    case TokenKind::kGreater:
    case TokenKind::kGreaterEqual:
      return kPredicateLevel;
    case TokenKind::kConcat:
      return kConcatLevel;
    case TokenKind::kPlus:
    case TokenKind::kMinus:
      return kAdditiveLevel;
    case TokenKind::kStar:
    case TokenKind::kSlash:
    case TokenKind::kPercent:
      return kMultiplicativeLevel;
    case TokenKind::kIdentifier:
      break;
    default:
      return -1;
  }
  switch (token.keyword) {
    case Keyword::kOr:
      return kOrLevel;
    case Keyword::kAnd:
      return kAndLevel;
    case Keyword::kNot:  // infix: NOT LIKE, NOT BETWEEN, NOT IN
    case Keyword::kLike:
    case Keyword::kBetween:
    case Keyword::kIn:
    case Keyword::kIs:
      return kPredicateLevel;
    default:
      return -1;
  }
}

// REQUIRES: token is a comparison, arithmetic, ||, AND or OR operator.
BinaryOp BinaryOpOf(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEqual:
      return BinaryOp::kEqual;
    case TokenKind::kNotEqual:
      return BinaryOp::kNotEqual;
    case TokenKind::kLess:
      return BinaryOp::kLess;
    case TokenKind::kLessEqual:
      return BinaryOp::kLessEqual;
    case TokenKind::kGreater:
      return BinaryOp::kGreater;
    case TokenKind::kGreaterEqual:
      return BinaryOp::kGreaterEqual;
    case TokenKind::kConcat:
      return BinaryOp::kConcat;
    case TokenKind::kPlus:
      return BinaryOp::kAdd;
    case TokenKind::kMinus:
      return BinaryOp::kSubtract;
    case TokenKind::kStar:
      return BinaryOp::kMultiply;
    case TokenKind::kSlash:
      return BinaryOp::kDivide;
    case TokenKind::kPercent:
      return BinaryOp::kModulo;
    default:
      return token.keyword == Keyword::kOr ? BinaryOp::kOr : BinaryOp::kAnd;
  }
}

// The level of a binary operator, as InfixPrecedence gives for its token.
int PrecedenceOf(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return kOrLevel;
    case BinaryOp::kAnd:
      return kAndLevel;
    case BinaryOp::kConcat:
      return kConcatLevel;
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract:
      return kAdditiveLevel;
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo:
      return kMultiplicativeLevel;
    default:
      return kPredicateLevel;
  }
}

// Whether `left op right`, with op of `precedence`, extends `left` instead of
// making a new node: left-associativity makes `(a + b) - c` the same as
// `a + b - c`, so a chain of one level's operators becomes one wide node
// (parentheses around its left part change nothing). Predicates never chain.
bool ExtendsChain(const ParsedExpr& left, int precedence) {
  return left.kind == ExprKind::kBinary && precedence != kPredicateLevel &&
         PrecedenceOf(left.binary_op) == precedence;
}

bool IsComparison(TokenKind kind) {
  return kind == TokenKind::kEqual || kind == TokenKind::kNotEqual || kind == TokenKind::kLess ||
         kind == TokenKind::kLessEqual || kind == TokenKind::kGreater ||
         kind == TokenKind::kGreaterEqual;
}

// Counts ParseExpr frames on the stack for the kMaxParseDepth check.
class DepthGuard {
 public:
  explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
  ~DepthGuard() { --*depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int* depth_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::Seal(ExprPtr node, SourceRange error_range) {
  int height = 1;
  for (const ExprPtr& child : node->children) {
    auto it = heights_.find(child.get());
    if (it == heights_.end()) {
      height = std::max(height, 2);
      continue;
    }
    height = std::max(height, it->second + 1);
    heights_.erase(it);
  }
  if (height > kMaxExpressionHeight) {
    return SqlInvalid(error_range, "Syntax error: expression nested too deeply");
  }
  if (height > 1) heights_[node.get()] = height;
  return node;
}

absl::Status Parser::ExtendChain(ParsedExpr* chain, BinaryOp op, ExprPtr operand,
                                 SourceRange error_range) {
  // Height: the chain's, or one above the new operand's. Done in O(1) per
  // operand, unlike Seal, so that a chain of n operands costs O(n).
  int operand_height = 1;
  if (auto it = heights_.find(operand.get()); it != heights_.end()) {
    operand_height = it->second;
    heights_.erase(it);
  }
  int& height = heights_.try_emplace(chain, 2).first->second;
  height = std::max(height, operand_height + 1);
  if (height > kMaxExpressionHeight) {
    return SqlInvalid(error_range, "Syntax error: expression nested too deeply");
  }
  if (chain->chain_ops.empty() && op != chain->binary_op) {
    // The first mixed operator: from here on each step names its own.
    chain->chain_ops.assign(chain->children.size() - 1, chain->binary_op);
  }
  if (!chain->chain_ops.empty()) chain->chain_ops.push_back(op);
  chain->range = SourceRange::Cover(chain->range, operand->range);
  chain->children.push_back(std::move(operand));
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseExpr(int min_precedence) {
  if (depth_ >= kMaxParseDepth) {
    if (Peek().kind == TokenKind::kError) return lex_error();
    return SqlInvalid(Peek().range, "Syntax error: expression nested too deeply");
  }
  DepthGuard guard(&depth_);
  CTQ_ASSIGN_OR_RETURN(ExprPtr left, ParsePrefix(min_precedence));
  bool after_predicate = false;
  for (;;) {
    const Token& op = Peek();
    if (op.kind == TokenKind::kArrow) return NotSupported(op, "lambda expressions");
    const int precedence = InfixPrecedence(op);
    if (precedence < min_precedence) break;  // also ends at anything that is no operator
    // A predicate's result is boolean and only AND/OR may take it further:
    // `a = b = c` or `x IS NULL + 1` are errors in Trino too.
    if (after_predicate && precedence >= kPredicateLevel) {
      return SqlInvalid(op.range, absl::StrCat("Syntax error: unexpected ", DescribeToken(sql_, op),
                                               " after a comparison; add parentheses"));
    }
    if (precedence == kPredicateLevel) {
      CTQ_ASSIGN_OR_RETURN(left, ParsePredicate(std::move(left)));
      after_predicate = true;
      continue;
    }
    Advance();
    // Left-associative: the right operand only takes tighter operators.
    CTQ_ASSIGN_OR_RETURN(ExprPtr right, ParseExpr(precedence + 1));
    after_predicate = false;
    if (ExtendsChain(*left, precedence)) {
      CTQ_RETURN_IF_ERROR(ExtendChain(left.get(), BinaryOpOf(op), std::move(right), op.range));
      continue;
    }
    auto node = NewExpr(ExprKind::kBinary, SourceRange::Cover(left->range, right->range));
    node->binary_op = BinaryOpOf(op);
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    CTQ_ASSIGN_OR_RETURN(left, Seal(std::move(node), op.range));
  }
  return left;
}

// prefix := NOT expr | ('-' | '+') expr | primary
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParsePrefix(int min_precedence) {
  const Token& token = Peek();
  UnaryOp op;
  int operand_precedence;
  if (token.kind == TokenKind::kIdentifier && token.keyword == Keyword::kNot) {
    // NOT takes a boolean; as the operand of `=` or `+` it is an error.
    if (min_precedence > kNotLevel) return Unexpected(token, "an expression");
    op = UnaryOp::kNot;
    operand_precedence = kNotLevel;
  } else if (token.kind == TokenKind::kMinus || token.kind == TokenKind::kPlus) {
    op = token.kind == TokenKind::kMinus ? UnaryOp::kNegate : UnaryOp::kPlus;
    operand_precedence = kUnaryLevel;
  } else {
    return ParsePrimary();
  }
  Advance();
  CTQ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExpr(operand_precedence));
  auto node = NewExpr(ExprKind::kUnary, SourceRange::Cover(token.range, operand->range));
  node->unary_op = op;
  node->children.push_back(std::move(operand));
  return Seal(std::move(node), token.range);
}

// predicate := comparison_op value | [NOT] LIKE value [ESCAPE value]
//            | [NOT] BETWEEN value AND value | [NOT] IN '(' expr {',' expr} ')'
//            | IS [NOT] NULL
// where value is an expression of kConcatLevel or tighter.
absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParsePredicate(ExprPtr left) {
  const Token& op = Advance();
  if (IsComparison(op.kind)) {
    if ((AtKeyword(Keyword::kAll) || AtWord("any") || AtWord("some")) &&
        AtKind(TokenKind::kLeftParen, 1)) {
      return NotSupported(Peek(), "quantified comparisons");
    }
    CTQ_ASSIGN_OR_RETURN(ExprPtr right, ParseExpr(kConcatLevel));
    auto node = NewExpr(ExprKind::kBinary, SourceRange::Cover(left->range, right->range));
    node->binary_op = BinaryOpOf(op);
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return Seal(std::move(node), op.range);
  }

  bool negated = false;
  const Token* keyword = &op;
  if (op.keyword == Keyword::kNot) {
    if (!AtKeyword(Keyword::kLike) && !AtKeyword(Keyword::kBetween) && !AtKeyword(Keyword::kIn)) {
      return Unexpected(Peek(), "LIKE, BETWEEN or IN after NOT");
    }
    negated = true;
    keyword = &Advance();
  }
  ExprPtr node;
  switch (keyword->keyword) {
    case Keyword::kLike: {
      node = NewExpr(ExprKind::kLike, left->range);
      node->children.push_back(std::move(left));
      CTQ_ASSIGN_OR_RETURN(ExprPtr pattern, ParseExpr(kConcatLevel));
      node->children.push_back(std::move(pattern));
      if (ConsumeKeyword(Keyword::kEscape)) {
        CTQ_ASSIGN_OR_RETURN(ExprPtr escape, ParseExpr(kConcatLevel));
        node->children.push_back(std::move(escape));
      }
      break;
    }
    case Keyword::kBetween: {
      node = NewExpr(ExprKind::kBetween, left->range);
      node->children.push_back(std::move(left));
      CTQ_ASSIGN_OR_RETURN(ExprPtr low, ParseExpr(kConcatLevel));
      node->children.push_back(std::move(low));
      CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kAnd, "AND"));
      CTQ_ASSIGN_OR_RETURN(ExprPtr high, ParseExpr(kConcatLevel));
      node->children.push_back(std::move(high));
      break;
    }
    case Keyword::kIn:
      return ParseInList(std::move(left), negated, *keyword);
    case Keyword::kIs:
      negated = ConsumeKeyword(Keyword::kNot);
      if (ConsumeKeyword(Keyword::kDistinct)) {
        CTQ_RETURN_IF_ERROR(ExpectKeyword(Keyword::kFrom, "FROM after DISTINCT"));
        node = NewExpr(ExprKind::kIsDistinctFrom, left->range);
        node->children.push_back(std::move(left));
        CTQ_ASSIGN_OR_RETURN(ExprPtr right, ParseExpr(kConcatLevel));
        node->children.push_back(std::move(right));
        break;
      }
      CTQ_RETURN_IF_ERROR(ExpectKeyword(
          Keyword::kNull, negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS"));
      node = NewExpr(ExprKind::kIsNull, left->range);
      node->children.push_back(std::move(left));
      break;
    default:
      return Unexpected(*keyword, "a predicate");  // unreachable given InfixPrecedence
  }
  node->negated = negated;
  node->range = SourceRange::Cover(node->range, last_range_);
  return Seal(std::move(node), keyword->range);
}

absl::StatusOr<std::unique_ptr<ParsedExpr>> Parser::ParseInList(ExprPtr value, bool negated,
                                                                const Token& in) {
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kLeftParen, "'(' after IN"));
  if (AtKeyword(Keyword::kSelect) || AtKeyword(Keyword::kWith)) {
    return NotSupported(Peek(), "subqueries");
  }
  auto node = NewExpr(ExprKind::kIn, value->range);
  node->negated = negated;
  node->children.push_back(std::move(value));
  do {
    CTQ_ASSIGN_OR_RETURN(ExprPtr item, ParseExpr());
    node->children.push_back(std::move(item));
  } while (ConsumeKind(TokenKind::kComma));
  CTQ_RETURN_IF_ERROR(ExpectKind(TokenKind::kRightParen, "',' or ')'"));
  node->range = SourceRange::Cover(node->range, last_range_);
  return Seal(std::move(node), in.range);
}

}  // namespace ctq
