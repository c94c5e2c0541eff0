#pragma once

// The IAM user names that ctqgen's accounts share, in popularity order.

#include <string>
#include <string_view>
#include <vector>

namespace ctq::gen {

// The IAM user of the planted incident (blog query 1).
inline constexpr std::string_view kIncidentUserName = "bobodell";

// Returns kUserNameCount distinct names. Index 0 is the busiest user; callers draw indices with
// a Zipf law. The list mixes people and automation, and includes raw UTF-8 names ("José",
// "zoë.müller", "李雷") and one name with a double quote, so that JSON escaping and UTF-8
// handling get exercised.
std::vector<std::string> BuildUserNames();

inline constexpr size_t kUserNameCount = 200;

}  // namespace ctq::gen
