// ctq::FormatError: turns a Status into text for a person, pointing into the
// SQL with "LINE n:c:" and a caret line when the Status carries a SourceRange.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "ctq/database.h"
#include "ctq/internal/source_range.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/strings.h"
#include "exec/utf8.h"

namespace ctq {
namespace {

// How much of a long line is shown around an error.
constexpr size_t kContextBefore = 50;
constexpr size_t kMaxShown = 120;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string FormatError(std::string_view sql, const absl::Status& status) {
  std::string out(ToStd(status.message()));
  if (out.empty()) out = absl::StatusCodeToString(status.code());

  std::optional<SourceRange> range = GetSourceRange(status);
  if (!range.has_value() || range->offset > sql.size()) return out;

  size_t begin = range->offset;
  size_t end = std::min<size_t>(sql.size(), static_cast<size_t>(range->offset) + range->length);
  // An error at the end of the input ("expected an expression") points just
  // past the last token, not at a blank line after a trailing newline.
  if (sql.find_first_not_of(" \t\n\r\f", begin) == std::string_view::npos) {
    while (begin > 0 && IsSpace(sql[begin - 1])) --begin;
    end = begin;
  }

  size_t line_start = 0;
  if (begin > 0) {
    size_t newline = sql.rfind('\n', begin - 1);
    if (newline != std::string_view::npos) line_start = newline + 1;
  }
  size_t line_end = sql.find('\n', begin);
  if (line_end == std::string_view::npos) line_end = sql.size();
  std::string_view line = sql.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  size_t line_number = 1;
  for (size_t i = 0; i < line_start; ++i) {
    if (sql[i] == '\n') ++line_number;
  }
  std::string_view line_before = line.substr(0, std::min(begin - line_start, line.size()));
  size_t column = static_cast<size_t>(CodePointCount(line_before)) + 1;

  // A generated query can put thousands of characters on one line: show a
  // window around the error instead, marked with "..." where it is cut.
  size_t show_from = line_start;
  size_t show_to = line_start + line.size();
  std::string lead, tail;
  if (begin - line_start > kContextBefore + 10) {
    show_from = begin - kContextBefore;
    while (show_from < begin && (static_cast<unsigned char>(sql[show_from]) & 0xC0) == 0x80) {
      ++show_from;
    }
    lead = "...";
  }
  if (show_to - show_from > kMaxShown) {
    show_to = show_from + kMaxShown;
    while (show_to > begin && (static_cast<unsigned char>(sql[show_to]) & 0xC0) == 0x80) {
      --show_to;
    }
    tail = "...";
  }
  std::string_view shown = sql.substr(show_from, show_to - show_from);
  std::string_view before = sql.substr(show_from, begin - show_from);

  std::string prefix = StrCat("LINE ", line_number, ":", column, ": ");
  StrAppend(&out, "\n", prefix, lead, shown, tail, "\n");
  out.append(prefix.size() + lead.size(), ' ');
  // Keep the tabs of the line itself so that the caret stays under its
  // character whatever the terminal's tab stops are.
  for (char c : before) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    out.push_back(c == '\t' ? '\t' : ' ');
  }
  size_t caret_end = std::min(end, show_to);
  size_t carets =
      caret_end > begin ? static_cast<size_t>(CodePointCount(sql.substr(begin, caret_end - begin))) : 0;
  out.append(std::max<size_t>(carets, 1), '^');
  return out;
}

}  // namespace ctq
