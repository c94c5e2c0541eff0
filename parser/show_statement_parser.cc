// The schema statements: DESCRIBE, SHOW COLUMNS, SHOW TABLES, SHOW FUNCTIONS.
// Their grammar is Trino's (core/trino-grammar/.../SqlBase.g4, the rules
// showColumns, showTables and showFunctions):
//
//   SHOW COLUMNS (FROM | IN) qualifiedName [LIKE string [ESCAPE string]]
//   (DESCRIBE | DESC) qualifiedName
//   SHOW TABLES [(FROM | IN) qualifiedName] [LIKE string [ESCAPE string]]
//   SHOW FUNCTIONS [(FROM | IN) qualifiedName] [LIKE string [ESCAPE string]]
//
// Other SHOW statements Trino has (SHOW SCHEMAS, SHOW CREATE TABLE, ...) and
// DESCRIBE INPUT/OUTPUT of prepared statements are "not supported".
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "parser/parser_impl.h"

namespace ctq {

bool Parser::AtShowStatement() const {
  return AtWord("show") || AtWord("describe") || AtKeyword(Keyword::kDesc);
}

absl::Status Parser::ParseShow(ShowStatement* show) {
  const Token& first = Advance();  // SHOW, DESCRIBE or DESC
  if (first.text != "show") {
    // `DESCRIBE INPUT name` describes a prepared statement, while a lone
    // `DESCRIBE input` is a table called input (Trino's grammar has both).
    if ((AtWord("input") || AtWord("output")) && AtIdentifier(1)) {
      return NotSupported(Peek(), absl::StrCat("DESCRIBE ", absl::AsciiStrToUpper(Peek().text)));
    }
    show->kind = ShowKind::kColumns;
    return ParseQualifiedName(&show->name_parts, &show->name_range, "a table name");
  }
  const Token& what = Peek();
  if (AtWord("columns")) {
    Advance();
    if (!ConsumeKeyword(Keyword::kFrom) && !ConsumeKeyword(Keyword::kIn)) {
      return Unexpected(Peek(), "FROM or IN after SHOW COLUMNS");
    }
    show->kind = ShowKind::kColumns;
    CTQ_RETURN_IF_ERROR(ParseQualifiedName(&show->name_parts, &show->name_range, "a table name"));
    return ParseLikeClause(show);
  }
  if (AtWord("tables") || AtWord("functions")) {
    show->kind = what.text == "tables" ? ShowKind::kTables : ShowKind::kFunctions;
    Advance();
    if (ConsumeKeyword(Keyword::kFrom) || ConsumeKeyword(Keyword::kIn)) {
      CTQ_RETURN_IF_ERROR(
          ParseQualifiedName(&show->name_parts, &show->name_range, "a schema name"));
    }
    return ParseLikeClause(show);
  }
  if (what.kind == TokenKind::kIdentifier) {
    return NotSupported(what, absl::StrCat("SHOW ", absl::AsciiStrToUpper(what.text)));
  }
  return Unexpected(what, "COLUMNS, TABLES or FUNCTIONS after SHOW");
}

// [LIKE string [ESCAPE string]]: literals only, as in Trino's grammar.
absl::Status Parser::ParseLikeClause(ShowStatement* show) {
  if (!ConsumeKeyword(Keyword::kLike)) return absl::OkStatus();
  if (!AtKind(TokenKind::kString)) return Unexpected(Peek(), "a string after LIKE");
  const Token& pattern = Advance();
  show->like_pattern = pattern.text;
  show->like_range = pattern.range;
  if (!ConsumeKeyword(Keyword::kEscape)) return absl::OkStatus();
  if (!AtKind(TokenKind::kString)) return Unexpected(Peek(), "a string after ESCAPE");
  const Token& escape = Advance();
  show->like_escape = escape.text;
  show->escape_range = escape.range;
  return absl::OkStatus();
}

}  // namespace ctq
