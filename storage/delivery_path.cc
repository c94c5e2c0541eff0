#include "storage/delivery_path.h"

#include <string>
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

}  // namespace

RowGroupPartition ParseDeliveryPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  // The last "CloudTrail" component followed by region/YYYY/MM/DD/file; the
  // account is the component before it (the org-id, if any, comes earlier).
  for (size_t i = parts.size(); i-- > 1;) {
    if (parts[i] != "CloudTrail" || i + 5 >= parts.size()) continue;
    std::string_view year = parts[i + 2], month = parts[i + 3], day = parts[i + 4];
    if (!AllDigits(year, 4) || !AllDigits(month, 2) || !AllDigits(day, 2)) continue;
    RowGroupPartition partition;
    partition.account = std::string(parts[i - 1]);
    partition.region = std::string(parts[i + 1]);
    partition.date = std::string(year) + "/" + std::string(month) + "/" + std::string(day);
    return partition;
  }
  return {};
}

void MergePartition(const RowGroupPartition& other, RowGroupPartition* into) {
  if (into->account != other.account) into->account.clear();
  if (into->region != other.region) into->region.clear();
  if (into->date != other.date) into->date.clear();
}

}  // namespace ctq
