// For tests: a file's bytes, read whole, and a file written whole (test inputs and outputs).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace puzle::test_files {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

}  // namespace puzle::test_files
