// The six queries of the AWS blog post on querying CloudTrail with Athena
// (shared/peers/blog-queries.sql), verbatim: the workload ctq must answer.
//
// Thread-safety: a plain function.
#pragma once

#include <string>
#include <vector>

namespace ctq::difftest {

// q1..q6 in order, each with its trailing ';'.
std::vector<std::string> BlogQuerySql();

}  // namespace ctq::difftest
