// ResultSink: where Database::Query(sql, sink) sends a result as it is made.
//
// A result can be far larger than the memory a query may hold (SELECT * over
// millions of events), so the streaming Query hands the rows over a batch at
// a time while the query runs instead of building a QueryResult first:
//
//   class CountingSink : public ctq::ResultSink {
//    public:
//     absl::Status Begin(const std::vector<ctq::ResultColumn>& columns) override {
//       return absl::OkStatus();
//     }
//     absl::Status AddRows(std::vector<std::vector<ctq::Value>> rows) override {
//       count += rows.size();
//       return absl::OkStatus();
//     }
//     uint64_t count = 0;
//   };
//
// Thread-safety: Query calls the sink one call at a time, but not always
// from the thread that called Query (the query's workers deliver the rows),
// so a sink must not rely on thread-local state. It needs no locking of its
// own unless something else uses it while the query runs.
#pragma once

#include <vector>

#include "absl/status/status.h"
#include "ctq/query_result.h"
#include "ctq/value.h"

namespace ctq {

class ResultSink {
 public:
  virtual ~ResultSink() = default;

  // The result's columns, once, before any rows (also for a result with no
  // rows). A non-OK status ends the query with that status.
  virtual absl::Status Begin(const std::vector<ResultColumn>& columns) = 0;

  // The next rows of the result, in the result's order, one value per column
  // (a few thousand rows per call; a call may hold any number, never zero).
  // The rows are the sink's: they are freed when it returns unless it keeps
  // them (moves them elsewhere). A non-OK status stops the query: Query
  // returns that status, and the sink is not called again.
  virtual absl::Status AddRows(std::vector<std::vector<Value>> rows) = 0;
};

// Sends a finished result to `sink` as Query(sql, sink) would: Begin, then
// its rows (copied) in batches. Returns the sink's first error.
absl::Status SendResult(const QueryResult& result, ResultSink& sink);

}  // namespace ctq
