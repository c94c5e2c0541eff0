#include "storage/column_scan.h"

namespace ctq {

void ScanColumn(const std::shared_ptr<const RowGroup>& group, int column, uint32_t offset,
                uint32_t count, Vector* out) {
  *out = Vector(TypeId::kVarchar);
  out->Resize(count);
  const StringColumnData& data = group->columns[column];
  std::string_view* strings = out->strings();
  uint8_t* validity = out->mutable_validity();
  const char* base = data.bytes.data();
  for (uint32_t i = 0; i < count; i++) {
    uint32_t row = offset + i;
    validity[i] = data.valid[row];
    strings[i] = std::string_view(base + data.offsets[row], data.offsets[row + 1] - data.offsets[row]);
  }
  out->KeepAlive(group);
}

}  // namespace ctq
