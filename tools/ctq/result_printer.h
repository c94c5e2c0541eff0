// Writes a result in one of the CLI's output formats, an aligned table for
// people, CSV and JSON lines for other programs: as it streams from
// Database::Query(sql, sink) (ResultWriter), or a whole QueryResult.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ctq/query_result.h"
#include "ctq/result_sink.h"

namespace ctq {

enum class OutputFormat {
  kTable,  // Trino's aligned table with a "(N rows)" footer, terminal-safe (table_printer.h)
  kCsv,    // RFC 4180 with a header row; NULL is an empty field, "" an empty string
  kJson,   // one JSON object per row and line: {"column":value,...}
};

// "table", "csv" or "json" (exactly; lower case); nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

class TablePrinter;  // table_printer.h

// A ResultSink that writes a result to `out` in `format` as its rows come
// (Database::Query(sql, sink)): csv and json a line per row, the table a page
// at a time (TablePrinter). Not thread-safe (a sink is called one call at a
// time); holds a reference to `out`, which must outlive it.
class ResultWriter : public ResultSink {
 public:
  ResultWriter(OutputFormat format, std::ostream& out);
  ~ResultWriter() override;

  absl::Status Begin(const std::vector<ResultColumn>& columns) override;
  absl::Status AddRows(std::vector<std::vector<Value>> rows) override;

  // Ends the result: the table's last page and its "(N rows)" footer.
  // REQUIRES: Begin was called; once, after the query succeeded. After a
  // failed query the rows written so far stay as they are, without footer.
  void Finish();

  // The time spent writing (in Begin, AddRows and Finish), which --timer
  // leaves out of a statement's run time.
  std::chrono::steady_clock::duration writing_time() const { return writing_; }

 private:
  const OutputFormat format_;
  std::ostream& out_;
  std::vector<ResultColumn> columns_;
  std::unique_ptr<TablePrinter> table_;  // kTable only
  std::chrono::steady_clock::duration writing_{};
};

// Writes `result` to `out` in `format`, a row (or, for kTable, a page of
// rows) at a time. Every line, the last included, ends with '\n'.
void WriteResult(const QueryResult& result, OutputFormat format, std::ostream& out);

// The CSV form: a header row with the column names, then one line per row.
// A field is quoted (with '"' doubled) when it holds ',', '"', CR or LF, and
// an empty string is written as "" so that it differs from NULL, which is an
// empty field. Lines end with LF, not RFC 4180's CRLF, as Unix tools expect.
void WriteCsv(const QueryResult& result, std::ostream& out);

// The JSON lines form: one object per row, keys in column order. NULL is
// null, bigint and finite double values are numbers (doubles in Java's text
// form, e.g. 1.0E7, which is valid JSON), NaN and the infinities are the
// strings "NaN", "Infinity" and "-Infinity", booleans are true/false.
// Strings pass valid UTF-8 through, escape '"', '\' and control characters,
// and replace bytes that are not valid UTF-8 with U+FFFD, so the output is
// always valid JSON. An empty result writes nothing.
void WriteJsonLines(const QueryResult& result, std::ostream& out);

}  // namespace ctq
