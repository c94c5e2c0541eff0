#include "storage/delivery_path.h"

#include <vector>

namespace ctq {
namespace {

bool AllDigits(std::string_view text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Two digits from `low` to `high`.
bool InRange(std::string_view two_digits, int low, int high) {
  if (!AllDigits(two_digits, 2)) return false;
  const int value = (two_digits[0] - '0') * 10 + (two_digits[1] - '0');
  return value >= low && value <= high;
}

// Region names are lowercase words, digits and dashes ("us-gov-west-1").
bool IsRegionName(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// An AWS Organizations id: "o-" and 10 to 32 lowercase letters or digits.
bool IsOrganizationId(std::string_view text) {
  if (text.size() < 12 || text.size() > 34 || text.substr(0, 2) != "o-") return false;
  for (char c : text.substr(2)) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

std::string_view DeliveryPath::value(PartitionField field) const {
  switch (field) {
    case PartitionField::kAccount:
      return account;
    case PartitionField::kRegion:
      return region;
    case PartitionField::kDate:
      return date;
    case PartitionField::kYear:
      return year;
    case PartitionField::kMonth:
      return month;
    case PartitionField::kDay:
      return day;
  }
  return {};
}

std::optional<DeliveryPath> ParseDeliveryPath(std::string_view path) {
  const std::vector<std::string_view> parts = SplitPath(path);
  // The last "CloudTrail" component followed by region/YYYY/MM/DD/file, with
  // the account before it and AWSLogs (and an org id) before that.
  for (size_t i = parts.size(); i-- > 2;) {
    if (parts[i] != "CloudTrail" || i + 5 >= parts.size()) continue;
    const std::string_view account = parts[i - 1];
    const bool under_awslogs =
        parts[i - 2] == "AWSLogs" ||
        (i >= 3 && parts[i - 3] == "AWSLogs" && IsOrganizationId(parts[i - 2]));
    const std::string_view region = parts[i + 1];
    const std::string_view year = parts[i + 2], month = parts[i + 3], day = parts[i + 4];
    if (!under_awslogs || !AllDigits(account, 12) || !IsRegionName(region) ||
        !AllDigits(year, 4) || !InRange(month, 1, 12) || !InRange(day, 1, 31)) {
      continue;
    }
    DeliveryPath delivery;
    delivery.account = std::string(account);
    delivery.region = std::string(region);
    delivery.year = std::string(year);
    delivery.month = std::string(month);
    delivery.day = std::string(day);
    delivery.date = delivery.year + "/" + delivery.month + "/" + delivery.day;
    return delivery;
  }
  return std::nullopt;
}

void SetPartitionColumns(const std::optional<DeliveryPath>& path, RowGroup* rows) {
  const uint32_t n = rows->row_count;
  for (int f = 0; f < kPartitionFieldCount; f++) {
    const auto field = static_cast<PartitionField>(f);
    StringColumnData& column = rows->columns[PartitionStoredColumn(field)];
    column.bytes.clear();
    column.offsets.assign(1, 0);
    column.valid.clear();
    const std::string_view value = path.has_value() ? path->value(field) : std::string_view();
    column.bytes.reserve(value.size() * n);
    column.offsets.reserve(n + 1);
    column.valid.reserve(n);
    for (uint32_t row = 0; row < n; row++) {
      if (path.has_value()) {
        column.Append(value);
      } else {
        column.AppendNull();
      }
    }
  }
}

}  // namespace ctq
