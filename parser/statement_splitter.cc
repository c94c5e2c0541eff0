#include "parser/statement_splitter.h"

namespace ctq {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

// A small scanner rather than the lexer: it must cope with half-typed text
// (an open string, a stray character) that the lexer would reject, and it
// only needs to know where quotes and comments begin and end.
ScriptSplit SplitStatements(std::string_view script) {
  ScriptSplit split;
  const size_t size = script.size();
  size_t start = 0;          // where the current statement begins
  bool has_content = false;  // anything but whitespace and complete comments
  size_t i = 0;
  while (i < size) {
    const char c = script[i];
    const char next = i + 1 < size ? script[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // A quote doubled inside stands for itself; an unclosed one runs to the
      // end, so the REPL keeps reading lines.
      has_content = true;
      size_t close = i + 1;
      for (;;) {
        close = script.find(c, close);
        if (close == std::string_view::npos) {
          i = size;
          break;
        }
        if (close + 1 < size && script[close + 1] == c) {
          close += 2;
          continue;
        }
        i = close + 1;
        break;
      }
    } else if (c == '-' && next == '-') {
      const size_t newline = script.find('\n', i);
      i = newline == std::string_view::npos ? size : newline + 1;
    } else if (c == '/' && next == '*') {
      const size_t close = script.find("*/", i + 2);
      if (close == std::string_view::npos) {
        // An open comment is unfinished input, not an empty statement.
        has_content = true;
        i = size;
      } else {
        i = close + 2;
      }
    } else if (c == ';') {
      if (has_content) {
        split.statements.push_back(Trim(script.substr(start, i - start)));
      }
      start = i + 1;
      has_content = false;
      ++i;
    } else {
      if (!IsSpace(c)) has_content = true;
      ++i;
    }
  }
  if (has_content) split.remainder = Trim(script.substr(start));
  return split;
}

}  // namespace ctq
