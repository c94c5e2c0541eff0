// ARRAY values as bytes. An array is held like a string (PhysicalType::
// kString): its elements one after another, each a tag byte (kValueTag or
// kNullTag) and, for a value, an encoding whose byte order is the element
// type's order. So byte comparison of two arrays of one type is Trino's
// lexicographic array order, equality and grouping need no decoding, and
// every operator that moves strings moves arrays too (decision 23). An empty
// array is the empty string. A ROW is encoded as the array of its fields, so
// byte order is Trino's field-by-field ROW order; a nested ARRAY or ROW is an
// element held as bytes.
//
//   int64 slots (integer, bigint, dates, times)  8 bytes big-endian, sign bit flipped
//   decimal                                      16 bytes, likewise
//   double                                       8 bytes, IEEE order (NaN last, one NaN, -0 = 0)
//   boolean                                      1 byte
//   bytes (varchar, json, ipaddress)             the bytes, 0x00 as 00 FF, then 00 01
//
// Thread-safety: plain functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/value.h"

namespace ctq {

// Appends `element` (NULL or a value of the array's element type) to the
// encoded array `out`.
void AppendArrayElement(const Value& element, std::string* out);
// The same for an element held as bytes (varchar, json, ipaddress, array,
// row), or NULL when `bytes` is nullopt, without making a Value.
void AppendBytesElement(std::optional<std::string_view> bytes, std::string* out);

// The elements of an encoded array of type `array_type`. InvalidArgument when
// `bytes` is not such an encoding (never for values ctq wrote).
absl::StatusOr<std::vector<Value>> DecodeArray(Type array_type, std::string_view bytes);

// The fields of an encoded ROW of type `row_type`, one per field;
// InvalidArgument when `bytes` is not such an encoding.
absl::StatusOr<std::vector<Value>> DecodeRow(Type row_type, std::string_view bytes);
// Field `field` (0-based, < row_type.field_count()) of an encoded ROW.
absl::StatusOr<Value> DecodeRowField(Type row_type, std::string_view bytes, int field);

// The encoding of `elements` (each NULL or of the element type), or of a
// ROW's fields in order.
std::string EncodeArray(const std::vector<Value>& elements);

// Trino's text for an array, as its CLI prints it: "[a, NULL, 3]".
std::string FormatArray(Type array_type, std::string_view bytes);
// Trino's text for a ROW, as its CLI prints it: "{arn=a, accountid=NULL}".
std::string FormatRow(Type row_type, std::string_view bytes);

}  // namespace ctq
