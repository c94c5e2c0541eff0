#include "storage/column_scan.h"

namespace ctq {
namespace {

// Row `i` of the output is row offset + RowAt(i) of the column: the identity
// for a range, a selection for ScanColumnRows. One loop body for both keeps
// the two scans identical in what they produce.
struct Range {
  uint32_t operator()(uint32_t i) const { return i; }
};
struct Selected {
  const uint32_t* selection;
  uint32_t operator()(uint32_t i) const { return selection[i]; }
};

template <typename RowAt>
void Fill(const std::shared_ptr<const RowGroup>& group, int column, uint32_t offset,
          uint32_t count, RowAt row_at, Vector* out) {
  *out = Vector(TypeId::kVarchar);
  out->Resize(count);
  const StringColumnData& data = group->columns[column];
  std::string_view* strings = out->strings();
  uint8_t* validity = out->mutable_validity();
  const char* base = data.bytes.data();
  if (data.is_dictionary) {
    Vector::Dictionary dictionary;
    dictionary.bytes = base;
    dictionary.offsets = data.dictionary_offsets.data();
    dictionary.size = data.dictionary_size();
    dictionary.id = data.dictionary_id;
    uint32_t* codes = out->SetDictionary(dictionary);
    for (uint32_t i = 0; i < count; i++) {
      const uint32_t code = data.codes[offset + row_at(i)];
      codes[i] = code;
      validity[i] = code != 0 ? 1 : 0;
      strings[i] = code != 0 ? dictionary.entry(code) : std::string_view();
    }
  } else if (data.is_hex) {
    // Only these rows' digits become text, in the vector's own heap.
    const HexShape& shape = *data.hex_shape;
    const size_t width = shape.width();
    const size_t packed = shape.packed_bytes();
    const unsigned char* digits =
        reinterpret_cast<const unsigned char*>(base) + data.hex_digits_offset;
    char* text = out->heap().Allocate(count * width + HexShape::kSlack);
    for (uint32_t i = 0; i < count; i++) {
      const uint32_t code = data.codes[offset + row_at(i)];
      validity[i] = code != 0 ? 1 : 0;
      if (code == 0) {
        strings[i] = std::string_view();
        continue;
      }
      shape.Expand(digits + size_t{code - 1} * packed, text);
      strings[i] = std::string_view(text, width);
      text += width;
    }
  } else {
    for (uint32_t i = 0; i < count; i++) {
      const uint32_t row = offset + row_at(i);
      validity[i] = data.valid[row];
      strings[i] =
          std::string_view(base + data.offsets[row], data.offsets[row + 1] - data.offsets[row]);
    }
  }
  out->KeepAlive(group);
}

}  // namespace

void ScanColumn(const std::shared_ptr<const RowGroup>& group, int column, uint32_t offset,
                uint32_t count, Vector* out) {
  Fill(group, column, offset, count, Range{}, out);
}

void ScanColumnRows(const std::shared_ptr<const RowGroup>& group, int column, uint32_t offset,
                    const uint32_t* selection, uint32_t count, Vector* out) {
  Fill(group, column, offset, count, Selected{selection}, out);
}

}  // namespace ctq
