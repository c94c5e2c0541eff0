// Vector: one column of up to kVectorSize values of one type, with validity.
// Chunk: a batch of vectors with the same row count. These are the unit of
// work of every operator and kernel (ARCHITECTURE.md section 2).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "exec/vector/string_heap.h"
#include "exec/vector/type.h"
#include "exec/vector/vector_size.h"

namespace ctq {

// A flat vector. Only the payload array that matches type() is used. Strings
// are views into memory that the vector keeps alive: its own heap, or buffers
// shared with storage (`keep_alive`). Move-only, like DuckDB's Vector.
class Vector {
 public:
  Vector() = default;
  explicit Vector(Type type) : type_(type) {}
  Vector(Vector&&) = default;
  Vector& operator=(Vector&&) = default;
  Vector(const Vector&) = delete;
  Vector& operator=(const Vector&) = delete;

  Type type() const { return type_; }
  uint32_t size() const { return size_; }

  // Sizes the vector to `size` rows, all valid, payload unspecified.
  void Resize(uint32_t size);

  bool IsNull(uint32_t row) const { return valid_[row] == 0; }
  void SetNull(uint32_t row, bool is_null) { valid_[row] = is_null ? 0 : 1; }
  const uint8_t* validity() const { return valid_.data(); }
  uint8_t* mutable_validity() { return valid_.data(); }

  std::string_view* strings() { return strings_.data(); }
  const std::string_view* strings() const { return strings_.data(); }
  int64_t* ints() { return ints_.data(); }
  const int64_t* ints() const { return ints_.data(); }
  double* doubles() { return doubles_.data(); }
  const double* doubles() const { return doubles_.data(); }
  uint8_t* bools() { return bools_.data(); }
  const uint8_t* bools() const { return bools_.data(); }
  // DECIMAL values, unscaled (the scale is the type's).
  __int128* decimals() { return decimals_.data(); }
  const __int128* decimals() const { return decimals_.data(); }

  // The heap for strings this vector computes; created on first use.
  StringHeap& heap();
  // Keeps `owner` alive as long as this vector (strings point into it).
  void KeepAlive(std::shared_ptr<const void> owner);
  // Makes this vector keep alive everything `other` keeps alive, including
  // its heap, so views copied from `other` stay valid.
  void ShareOwnership(const Vector& other);

  // Gathers rows `selection[0..count)` of `source` into this vector (which
  // takes `source`'s type). Strings are not copied: ownership is shared.
  // A dictionary comes along (its codes gathered) unless `keep_dictionary`
  // is false: then the rows are plain strings, so that a kernel sees only
  // the values these rows hold, not every entry of the dictionary (CASE's
  // branches, which must not evaluate what only other rows hold).
  void Gather(const Vector& source, const uint32_t* selection, uint32_t count,
              bool keep_dictionary = true);

  // Row `row` becomes row `from_row` of `from` (value and NULL), which has
  // this vector's type (or is kUnknown: NULL). Strings are views: the caller
  // shares `from`'s ownership (ShareOwnership) once it has copied its rows.
  void CopyRow(uint32_t row, const Vector& from, uint32_t from_row);

  // The dictionary of a VARCHAR vector read from a dictionary-encoded cache
  // column: row i is entry codes()[i] (0 where the row is NULL), so a kernel
  // can work once per entry and apply the result by code. The strings are
  // filled as well; kernels that know nothing of dictionaries read those.
  struct Dictionary {
    const char* bytes = nullptr;
    const uint32_t* offsets = nullptr;  // entry k >= 1 is bytes[offsets[k-1], offsets[k])
    uint32_t size = 0;
    uint64_t id = 0;  // unique per decoded dictionary (storage/row_group.h)
    std::string_view entry(uint32_t k) const {
      return std::string_view(bytes + offsets[k - 1], offsets[k] - offsets[k - 1]);
    }
  };
  // Null unless the vector has one. Resize() drops it: a vector refilled by a
  // kernel no longer holds dictionary entries.
  const Dictionary* dictionary() const { return has_dictionary_ ? &dictionary_ : nullptr; }
  const uint32_t* codes() const { return codes_.data(); }
  // Marks this VARCHAR vector (already sized) as holding entries of
  // `dictionary`; returns its codes, which the caller fills.
  uint32_t* SetDictionary(const Dictionary& dictionary);

 private:
  Type type_ = TypeId::kUnknown;
  uint32_t size_ = 0;
  std::vector<uint8_t> valid_;
  std::vector<std::string_view> strings_;
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<uint8_t> bools_;
  std::vector<__int128> decimals_;
  bool has_dictionary_ = false;
  Dictionary dictionary_;
  std::vector<uint32_t> codes_;
  std::shared_ptr<StringHeap> heap_;
  std::vector<std::shared_ptr<const void>> keep_alive_;
};

// A batch of rows: one Vector per column, all of size().
struct Chunk {
  std::vector<Vector> columns;
  uint32_t size = 0;

  // Keeps only rows selection[0..count) of every column.
  void Slice(const uint32_t* selection, uint32_t count);
};

// Whether row `row` is NULL in any of `vectors`: a function of these
// arguments is NULL there (most functions are "NULL in, NULL out").
inline bool AnyNullAt(const std::vector<Vector>& vectors, uint32_t row) {
  for (const Vector& vector : vectors) {
    if (vector.IsNull(row)) return true;
  }
  return false;
}

}  // namespace ctq
