// EXPLAIN's text names scan columns from the plan's tree: a string literal
// holding '#' (a "#N" column reference in BoundExpr's canonical text) stays
// as written. Found by sql_eval_fuzzer: `like '%sg#%'` threw std::stoul's
// invalid_argument out of EXPLAIN ANALYZE and aborted the process.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "ctq/database.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

std::string Plan(const std::string& sql) {
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(Options{});
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return "";
  EXPECT_TRUE((*db)->AddLogs({CTQ_TEST_DATA_DIR "/sql/basic"}).ok());
  absl::StatusOr<QueryResult> result = (*db)->Query(sql);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
  std::string text;
  if (!result.ok()) return text;
  for (const auto& row : result->rows()) text += row[0].ToString() + "\n";
  return text;
}

TEST(ExplainTest, LiteralsWithHashSignsStayAsWritten) {
  for (const char* prefix : {"explain ", "explain analyze "}) {
    const std::string plan = Plan(std::string(prefix) +
                                  "select count(*) from cloudtrail_logs where requestparameters "
                                  "like '%sg#%' or eventname = '#0' or eventsource = 'x#'");
    EXPECT_TRUE(absl::StrContains(plan, "'%sg#%'")) << plan;
    EXPECT_TRUE(absl::StrContains(plan, "'#0'")) << plan;
    EXPECT_TRUE(absl::StrContains(plan, "'x#'")) << plan;
    EXPECT_TRUE(absl::StrContains(plan, "requestparameters")) << plan;
  }
}

}  // namespace
}  // namespace ctq
