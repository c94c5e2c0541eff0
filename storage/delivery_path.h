// The partition a log file's path tells: CloudTrail delivers to
//   .../AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<file>
// and organization trails to
//   .../AWSLogs/<org-id>/<account>/CloudTrail/<region>/YYYY/MM/DD/<file>
// (the CloudTrail user guide, "Finding your CloudTrail log files"). Every
// event of the file gets these values as its partition columns
// (storage/cloudtrail_schema.h), and `ctq info` counts events by them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"

namespace ctq {

struct DeliveryPath {
  std::string account;  // 12 digits
  std::string region;   // "us-east-1"
  std::string year;     // "2017"
  std::string month;    // "02"
  std::string day;      // "17"
  std::string date;     // "2017/02/17"

  std::string_view value(PartitionField field) const;
  bool operator==(const DeliveryPath&) const = default;
};

// The partition of `path`, or nullopt when the path does not have the
// delivery shape (a file copied elsewhere, a test fixture). The shape is
// checked strictly (AWSLogs, a 12-digit account, an `o-` organization id,
// a real month and day), so that no folder name of a copy passes for an
// account or a date.
std::optional<DeliveryPath> ParseDeliveryPath(std::string_view path);

// Sets every row's partition columns of `rows` to the values of `path`, or to
// NULL when it has none. Reuses the columns' buffers.
void SetPartitionColumns(const std::optional<DeliveryPath>& path, RowGroup* rows);

}  // namespace ctq
