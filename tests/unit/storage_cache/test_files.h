// Whole-file reads and writes for the cache tests, which damage cache files
// byte by byte and compare them.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace ctq::testing {

// The file's bytes ("" when it cannot be read).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Replaces the file's contents with `bytes` (not atomically: tests only).
inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace ctq::testing
