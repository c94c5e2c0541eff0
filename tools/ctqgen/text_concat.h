#pragma once

// String concatenation for std::string_view and integer pieces.
//
// Debian's Abseil is built with its own absl::string_view (ABSL_OPTION_USE_STD_STRING_VIEW is
// 0), so absl::StrCat does not accept std::string_view. ctqgen uses std::string_view
// throughout and concatenates with these helpers instead.

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

namespace ctq::gen {

namespace concat_internal {

template <typename T>
void AppendPiece(std::string* out, const T& piece) {
  if constexpr (std::is_integral_v<T>) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), piece);
    out->append(buffer, result.ptr);
  } else {
    out->append(std::string_view(piece));
  }
}

}  // namespace concat_internal

// Appends every piece to *out. Pieces are strings (anything convertible to std::string_view)
// or integers, which are written in decimal.
template <typename... Pieces>
void AppendPieces(std::string* out, const Pieces&... pieces) {
  (concat_internal::AppendPiece(out, pieces), ...);
}

template <typename... Pieces>
std::string Concat(const Pieces&... pieces) {
  std::string out;
  AppendPieces(&out, pieces...);
  return out;
}

}  // namespace ctq::gen
