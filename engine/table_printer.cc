#include "engine/table_printer.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "ctq/type.h"
#include "engine/terminal_text.h"

namespace ctq {
namespace {

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

TablePrinter::TablePrinter(std::vector<ResultColumn> columns, std::ostream& out,
                           PageLimits limits)
    : columns_(std::move(columns)), out_(out), limits_(limits) {
  widths_.reserve(columns_.size());
  for (const ResultColumn& column : columns_) {
    widths_.push_back(std::max<size_t>(1, DisplayWidth(EscapeForTerminal(column.name))));
  }
}

void TablePrinter::AddRow(const std::vector<Value>& row) {
  std::vector<std::string>& cells = page_.emplace_back(columns_.size());
  for (size_t c = 0; c < columns_.size() && c < row.size(); ++c) {
    AppendEscapedForTerminal(row[c].ToString(), TerminalLayout::kLines, &cells[c]);
    page_bytes_ += cells[c].size();
  }
  ++row_count_;
  if (page_.size() >= limits_.rows || page_bytes_ >= limits_.bytes) WritePage();
}

void TablePrinter::Finish() {
  if (!page_.empty() || !header_written_) WritePage();
  std::string footer = "(" + std::to_string(row_count_) + (row_count_ == 1 ? " row)\n" : " rows)\n");
  out_ << footer;
}

void TablePrinter::WriteHeader() {
  std::string out;
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) out.push_back('|');
    std::string name = EscapeForTerminal(columns_[c].name);
    size_t fill = widths_[c] - DisplayWidth(name);
    out.append(fill / 2 + 1, ' ');
    out.append(name);
    out.append(fill - fill / 2 + 1, ' ');
  }
  out.push_back('\n');
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) out.push_back('+');
    out.append(widths_[c] + 2, '-');
  }
  out.push_back('\n');
  out_ << out;
  header_written_ = true;
}

void TablePrinter::WritePage() {
  const size_t column_count = columns_.size();
  for (const std::vector<std::string>& row : page_) {
    for (size_t c = 0; c < column_count; ++c) {
      for (std::string_view line : SplitLines(row[c])) {
        widths_[c] = std::max(widths_[c], DisplayWidth(line));
      }
    }
  }
  if (!header_written_) WriteHeader();

  // One row's lines are built and written at a time.
  std::string out;
  std::vector<std::vector<std::string_view>> lines(column_count);
  for (const std::vector<std::string>& row : page_) {
    out.clear();
    size_t line_count = 1;
    for (size_t c = 0; c < column_count; ++c) {
      lines[c] = SplitLines(row[c]);
      line_count = std::max(line_count, lines[c].size());
    }
    for (size_t line = 0; line < line_count; ++line) {
      for (size_t c = 0; c < column_count; ++c) {
        if (c > 0) out.push_back('|');
        std::string_view text = line < lines[c].size() ? lines[c][line] : std::string_view();
        AppendAligned(text, widths_[c], IsNumeric(columns_[c].type), &out);
        // A '+' in the right padding says the value goes on below.
        if (line + 1 < lines[c].size()) out.back() = '+';
      }
      out.push_back('\n');
    }
    out_ << out;
  }
  page_.clear();
  page_bytes_ = 0;
}

void WriteTable(const QueryResult& result, std::ostream& out, TablePrinter::PageLimits limits) {
  TablePrinter printer(result.columns(), out, limits);
  for (const std::vector<Value>& row : result.rows()) printer.AddRow(row);
  printer.Finish();
}

}  // namespace ctq
