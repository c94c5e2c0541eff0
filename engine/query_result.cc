// QueryResult::ToString: the aligned table that Trino's CLI prints.
//
//    eventname   | totalevents
//   -------------+-------------
//    ConsoleLogin |          12
//   (1 row)
//
// Column names are centred, numeric columns are right-aligned, everything
// else is left-aligned; every cell has one space of padding on each side,
// so lines keep Trino's trailing space.
#include "ctq/query_result.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace ctq {
namespace {

// Terminal width of `text`, taken as its number of UTF-8 code points: every
// byte that is not a continuation byte (10xxxxxx) starts a character. Wide
// East Asian characters are counted as one, which is close enough for
// CloudTrail's mostly ASCII values.
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

// A multi-line value takes several lines of the table, one per '\n'.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
}

// Appends `text` padded with spaces to `width` (plus one space of padding on
// each side), aligned to the right or the left.
void AppendAligned(std::string_view text, size_t width, bool right, std::string* out) {
  size_t fill = width - std::min(width, DisplayWidth(text));
  out->push_back(' ');
  if (right) out->append(fill, ' ');
  out->append(text);
  if (!right) out->append(fill, ' ');
  out->push_back(' ');
}

}  // namespace

std::string QueryResult::ToString() const {
  const size_t column_count = columns_.size();

  // Render every cell first: the column widths depend on all of them.
  std::vector<std::vector<std::string>> cells(rows_.size());
  std::vector<size_t> widths(column_count);
  for (size_t c = 0; c < column_count; ++c) {
    widths[c] = std::max<size_t>(1, DisplayWidth(columns_[c].name));
  }
  for (size_t r = 0; r < rows_.size(); ++r) {
    cells[r].resize(column_count);
    for (size_t c = 0; c < column_count && c < rows_[r].size(); ++c) {
      cells[r][c] = rows_[r][c].ToString();
      for (std::string_view line : SplitLines(cells[r][c])) {
        widths[c] = std::max(widths[c], DisplayWidth(line));
      }
    }
  }

  std::string out;
  for (size_t c = 0; c < column_count; ++c) {
    if (c > 0) out.push_back('|');
    const std::string& name = columns_[c].name;
    size_t fill = widths[c] - DisplayWidth(name);
    out.append(fill / 2 + 1, ' ');
    out.append(name);
    out.append(fill - fill / 2 + 1, ' ');
  }
  out.push_back('\n');
  for (size_t c = 0; c < column_count; ++c) {
    if (c > 0) out.push_back('+');
    out.append(widths[c] + 2, '-');
  }
  out.push_back('\n');

  for (const std::vector<std::string>& row : cells) {
    std::vector<std::vector<std::string_view>> lines(column_count);
    size_t line_count = 1;
    for (size_t c = 0; c < column_count; ++c) {
      lines[c] = SplitLines(row[c]);
      line_count = std::max(line_count, lines[c].size());
    }
    for (size_t line = 0; line < line_count; ++line) {
      for (size_t c = 0; c < column_count; ++c) {
        if (c > 0) out.push_back('|');
        std::string_view text = line < lines[c].size() ? lines[c][line] : std::string_view();
        AppendAligned(text, widths[c], IsNumeric(columns_[c].type), &out);
        // A '+' in the right padding says the value goes on below.
        if (line + 1 < lines[c].size()) out.back() = '+';
      }
      out.push_back('\n');
    }
  }

  out += '(';
  out += std::to_string(rows_.size());
  out += rows_.size() == 1 ? " row)\n" : " rows)\n";
  return out;
}

}  // namespace ctq
