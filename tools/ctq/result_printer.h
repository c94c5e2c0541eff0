// Writes a QueryResult in one of the CLI's output formats: an aligned table
// for people, CSV and JSON lines for other programs.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "ctq/query_result.h"

namespace ctq {

enum class OutputFormat {
  kTable,  // Trino's aligned table with a "(N rows)" footer, terminal-safe (table_printer.h)
  kCsv,    // RFC 4180 with a header row; NULL is an empty field, "" an empty string
  kJson,   // one JSON object per row and line: {"column":value,...}
};

// "table", "csv" or "json" (exactly; lower case); nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

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
