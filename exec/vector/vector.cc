#include "exec/vector/vector.h"

#include <utility>

namespace ctq {

void Vector::Resize(uint32_t size) {
  size_ = size;
  has_dictionary_ = false;
  valid_.assign(size, 1);
  switch (PhysicalTypeOf(type_)) {
    case PhysicalType::kString:
      strings_.resize(size);
      break;
    case PhysicalType::kInt64:
      ints_.resize(size);
      break;
    case PhysicalType::kInt128:
      decimals_.resize(size);
      break;
    case PhysicalType::kDouble:
      doubles_.resize(size);
      break;
    case PhysicalType::kBool:
      bools_.resize(size);
      break;
    case PhysicalType::kNone:
      valid_.assign(size, 0);  // an unknown-typed value can only be NULL
      break;
  }
}

StringHeap& Vector::heap() {
  if (heap_ == nullptr) {
    heap_ = std::make_shared<StringHeap>();
    keep_alive_.push_back(heap_);
  }
  return *heap_;
}

void Vector::KeepAlive(std::shared_ptr<const void> owner) {
  for (const auto& held : keep_alive_) {
    if (held == owner) return;
  }
  keep_alive_.push_back(std::move(owner));
}

void Vector::ShareOwnership(const Vector& other) {
  for (const auto& owner : other.keep_alive_) KeepAlive(owner);
}

void Vector::Gather(const Vector& source, const uint32_t* selection, uint32_t count,
                    bool keep_dictionary) {
  type_ = source.type_;
  Resize(count);
  for (uint32_t i = 0; i < count; i++) valid_[i] = source.valid_[selection[i]];
  switch (PhysicalTypeOf(type_)) {
    case PhysicalType::kString:
      for (uint32_t i = 0; i < count; i++) strings_[i] = source.strings_[selection[i]];
      ShareOwnership(source);
      if (source.has_dictionary_ && keep_dictionary) {
        uint32_t* codes = SetDictionary(source.dictionary_);
        for (uint32_t i = 0; i < count; i++) codes[i] = source.codes_[selection[i]];
      }
      break;
    case PhysicalType::kInt64:
      for (uint32_t i = 0; i < count; i++) ints_[i] = source.ints_[selection[i]];
      break;
    case PhysicalType::kInt128:
      for (uint32_t i = 0; i < count; i++) decimals_[i] = source.decimals_[selection[i]];
      break;
    case PhysicalType::kDouble:
      for (uint32_t i = 0; i < count; i++) doubles_[i] = source.doubles_[selection[i]];
      break;
    case PhysicalType::kBool:
      for (uint32_t i = 0; i < count; i++) bools_[i] = source.bools_[selection[i]];
      break;
    case PhysicalType::kNone:
      break;
  }
}

void Vector::CopyRow(uint32_t row, const Vector& from, uint32_t from_row) {
  const bool is_null = from.IsNull(from_row) || from.type_ == TypeId::kUnknown;
  valid_[row] = is_null ? 0 : 1;
  if (is_null) return;
  switch (PhysicalTypeOf(type_)) {
    case PhysicalType::kString:
      strings_[row] = from.strings_[from_row];
      break;
    case PhysicalType::kInt64:
      ints_[row] = from.ints_[from_row];
      break;
    case PhysicalType::kInt128:
      decimals_[row] = from.decimals_[from_row];
      break;
    case PhysicalType::kDouble:
      doubles_[row] = from.doubles_[from_row];
      break;
    case PhysicalType::kBool:
      bools_[row] = from.bools_[from_row];
      break;
    case PhysicalType::kNone:
      valid_[row] = 0;
      break;
  }
}

uint32_t* Vector::SetDictionary(const Dictionary& dictionary) {
  has_dictionary_ = true;
  dictionary_ = dictionary;
  codes_.resize(size_);
  return codes_.data();
}

void Chunk::Slice(const uint32_t* selection, uint32_t count) {
  for (Vector& column : columns) {
    Vector sliced;
    sliced.Gather(column, selection, count);
    column = std::move(sliced);
  }
  size = count;
}

}  // namespace ctq
