// The direct fields of a ROW column of the CloudTrail schema. Storage keeps
// only the leaves, with dotted names (storage/cloudtrail_schema.h); a ROW's
// fields are the distinct next names under its path, in schema order.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "ctq/type.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {

// For `useridentity`: type, principalid, arn, accountid, invokedby,
// accesskeyid, username, sessioncontext.
std::vector<std::string> RowFieldNames(const StructSpec& row);

// The SQL type of a column or ROW field path of the table ("useridentity",
// "useridentity.sessioncontext", "eventname", "resources"), as Athena's
// CloudTrail DDL declares it: a ROW of its fields, `resources`
// ResourcesType(), every other leaf VARCHAR.
Type CloudTrailColumnType(const std::string& path);

// `resources`: ARRAY(ROW(arn VARCHAR, accountid VARCHAR, type VARCHAR)), the
// Athena DDL's `ARRAY<STRUCT<arn:STRING, accountId:STRING, type:STRING>>`
// (docs.aws.amazon.com/athena/latest/ug/cloudtrail-logs.html). Storage keeps
// the event's `resources` array as compact JSON text; a scan converts it.
Type ResourcesType();

}  // namespace ctq
