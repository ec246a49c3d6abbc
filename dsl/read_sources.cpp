// dsl layer: reading rule files from disk. The only file-system access of the front end.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "puzle/frontend.hpp"

namespace puzle {
namespace fs = std::filesystem;

namespace {

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  out = std::move(ss).str();
  return true;
}

// A path-less diagnostic is attached to a pseudo file named after the path, so that the
// renderer still prints "PATH:1:1: error[E106]: ...".
void unreadable(const std::string& path, const std::string& why, SourceSet& sources, Diagnostics& diags) {
  FileId id = sources.add(path, "");
  diags.add(Code::E106, Span{id, 0, 0}, "cannot read '" + path + "': " + why,
            "give a .pzl file or a folder that contains .pzl files");
}

}  // namespace

void read_sources(const std::vector<std::string>& paths, SourceSet& sources, Diagnostics& diags) {
  for (const auto& path : paths) {
    std::error_code ec;
    fs::path p(path);
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      unreadable(path, "no such file or folder", sources, diags);
      continue;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(st)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".pzl") files.push_back(it->path());
      }
      if (ec) {
        unreadable(path, ec.message(), sources, diags);
        continue;
      }
      if (files.empty()) {
        unreadable(path, "the folder holds no .pzl file", sources, diags);
        continue;
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(p);
    }
    for (const auto& f : files) {
      std::string text;
      if (fs::file_size(f, ec) > kMaxFileBytes && !ec) {
        FileId id = sources.add(f.generic_string(), "");
        diags.add(Code::E102, Span{id, 0, 0},
                  "file is larger than " + std::to_string(kMaxFileBytes) + " bytes",
                  "split the rulebase into several files");
        continue;
      }
      if (!read_file(f, text)) {
        unreadable(f.generic_string(), "cannot open the file", sources, diags);
        continue;
      }
      sources.add(f.generic_string(), std::move(text));
    }
  }
}

}  // namespace puzle
