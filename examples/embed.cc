// Embedding ctq: load a directory of CloudTrail logs and run one query.
//
//   ctq_embed_example AWSLogs/ ["select ..."]
#include <iostream>
#include <memory>
#include <string>

#include "ctq/database.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " LOG_PATH [SQL]\n";
    return 2;
  }
  std::string sql = argc > 2 ? argv[2]
                             : "select eventname, count(*) as n from cloudtrail_logs "
                               "group by eventname order by n desc limit 5";

  absl::StatusOr<std::unique_ptr<ctq::Database>> db = ctq::Database::Open(ctq::Options{});
  if (!db.ok()) {
    std::cerr << db.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<ctq::IngestReport> report = (*db)->AddLogs({argv[1]});
  if (!report.ok()) {
    std::cerr << report.status().message() << "\n";
    return 1;
  }
  std::cout << "loaded " << report->events << " events\n";

  absl::StatusOr<ctq::QueryResult> result = (*db)->Query(sql);
  if (!result.ok()) {
    // FormatError points at the offending part of the SQL, if it knows it.
    std::cerr << ctq::FormatError(sql, result.status()) << "\n";
    return 1;
  }
  for (size_t col = 0; col < result->column_count(); ++col) {
    std::cout << (col > 0 ? "\t" : "") << result->columns()[col].name;
  }
  std::cout << "\n";
  for (size_t row = 0; row < result->row_count(); ++row) {
    for (size_t col = 0; col < result->column_count(); ++col) {
      std::cout << (col > 0 ? "\t" : "") << result->value(row, col).ToString();
    }
    std::cout << "\n";
  }
  return 0;
}
