// The fixed rulebase that the profile and batch fuzz targets evaluate against: examples/minimal.
// The fuzz binaries carry its files (embedded at build time, PUZLE_FUZZ_EMBEDDED_RULEBASE); the
// unit tests, which replay the corpora, read them from PUZLE_SOURCE_DIR.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "puzle/rulebase.hpp"

#ifndef PUZLE_FUZZ_EMBEDDED_RULEBASE
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#endif

namespace puzle::fuzz {

inline std::vector<std::pair<std::string, std::string>> minimal_rulebase_files() {
#ifdef PUZLE_FUZZ_EMBEDDED_RULEBASE
#include "minimal_rulebase.inc"
  return files;
#else
  namespace fs = std::filesystem;
  const fs::path root(PUZLE_SOURCE_DIR);
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(root / "examples" / "minimal"))
    if (entry.is_regular_file() && entry.path().extension() == ".pzl") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace_back(fs::relative(path, root).generic_string(), std::move(text).str());
  }
  return files;
#endif
}

// Loaded once; a rulebase that does not load is a broken build, not a finding.
inline const Rulebase& minimal_rulebase() {
  static const Rulebase rulebase = [] {
    auto load = Rulebase::from_text(minimal_rulebase_files());
    if (!load.rulebase) std::abort();
    return *load.rulebase;
  }();
  return rulebase;
}

}  // namespace puzle::fuzz
