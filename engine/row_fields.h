// The direct fields of a ROW column of the CloudTrail schema. Storage keeps
// only the leaves, with dotted names (storage/cloudtrail_schema.h); a ROW's
// fields are the distinct next names under its path, in schema order.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "storage/cloudtrail_schema.h"

namespace ctq {

// For `useridentity`: type, principalid, arn, accountid, invokedby,
// accesskeyid, username, sessioncontext.
std::vector<std::string> RowFieldNames(const StructSpec& row);

}  // namespace ctq
