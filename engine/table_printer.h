// TablePrinter: the `table` output format, Trino's CLI aligned table,
// written a page of rows at a time so that memory is bounded by a page, not
// by the result.
//
//    eventname   | totalevents
//   -------------+-------------
//    ConsoleLogin |          12
//   (1 row)
//
// Column names are centred, numeric columns right-aligned, everything else
// left-aligned, with one space of padding on each side of every cell. A
// value with line breaks takes a line of the table per line, with '+' in
// the padding after each line that goes on below. Values and names are shown
// through EscapeForTerminal (terminal_text.h), and widths count the escaped
// text.
//
// Paging follows Trino's CLI, which pads each batch of 10,000 rows to its
// own widths: a page ends after PageLimits::rows rows or once its cells hold
// PageLimits::bytes of text. The header is written with the first page and
// the "(N rows)" footer after the last. Widths never shrink from one page to
// the next, so a page is narrower than the header only where it is wider
// than every page before it. A result that fits in one page is laid out as
// a whole. QueryResult::ToString() and the CLI's table format both draw
// through this class.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "ctq/query_result.h"
#include "ctq/value.h"

namespace ctq {

// Not thread-safe. Holds a reference to `out`, which must outlive it.
class TablePrinter {
 public:
  struct PageLimits {
    size_t rows = 10000;
    size_t bytes = size_t{16} << 20;
  };

  TablePrinter(std::vector<ResultColumn> columns, std::ostream& out)
      : TablePrinter(std::move(columns), out, PageLimits()) {}
  TablePrinter(std::vector<ResultColumn> columns, std::ostream& out, PageLimits limits);

  // Adds a row; may write the page it completes. Values past the columns
  // are ignored, missing ones are shown empty.
  void AddRow(const std::vector<Value>& row);

  // Writes the rows still held (the header too, if no page was written) and
  // the footer.
  // REQUIRES: called once, after the last AddRow.
  void Finish();

 private:
  void WritePage();
  void WriteHeader();

  const std::vector<ResultColumn> columns_;
  std::ostream& out_;
  const PageLimits limits_;
  std::vector<size_t> widths_;  // at least each column name's width
  bool header_written_ = false;
  std::vector<std::vector<std::string>> page_;  // escaped cell text, per row
  size_t page_bytes_ = 0;
  uint64_t row_count_ = 0;
};

// Writes all of `result` through a TablePrinter.
void WriteTable(const QueryResult& result, std::ostream& out,
                TablePrinter::PageLimits limits = TablePrinter::PageLimits());

}  // namespace ctq
