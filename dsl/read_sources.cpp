// dsl layer: reading rule files from disk. The only file-system access of the front end.
// Nothing under a rulebase folder is left out silently: a subfolder or file that cannot be
// read, a pipe or device named *.pzl (which could block forever), and a link that leads out of
// the folder are errors. A rule file named on the command line must be a regular file too.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/bounded_read.hpp"
#include "puzle/frontend.hpp"

namespace puzle {
namespace fs = std::filesystem;

namespace {

// A path-less diagnostic is attached to a pseudo file named after the path, so that the
// renderer still prints "PATH:1:1: error[E106]: ...".
void unreadable(const std::string& path, const std::string& why, SourceSet& sources, Diagnostics& diags) {
  FileId id = sources.add(path, "");
  diags.add(Code::E106, Span{id, 0, 0}, "cannot read '" + path + "': " + why,
            "give a .pzl file or a folder that contains .pzl files");
}

bool inside(const fs::path& real, const fs::path& root) {
  auto r = root.begin();
  for (auto p = real.begin(); r != root.end(); ++p, ++r)
    if (p == real.end() || *p != *r) return false;
  return true;
}

// The *.pzl files under `root`, sorted; problems become E106 diagnostics. Links are followed
// only to files inside the folder: a rule file never shows the content of a file elsewhere.
std::vector<fs::path> walk(const fs::path& root, SourceSet& sources, Diagnostics& diags) {
  std::vector<fs::path> files;
  const std::size_t problems = diags.items().size();
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  fs::recursive_directory_iterator it(root, ec), end;
  if (ec) {
    unreadable(root.generic_string(), ec.message(), sources, diags);
    return files;
  }
  fs::path last_folder = root;  // the folder the iterator enters next: what a failed step names
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    const auto link = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_symlink(link)) {
      if (p.extension() != ".pzl") continue;  // a link named otherwise is not a rule file
      const fs::path target = fs::canonical(p, ec);
      if (ec) {
        unreadable(p.generic_string(), "it is a link to nothing readable (" + ec.message() + ")", sources, diags);
        ec.clear();
      } else if (!inside(target, real_root)) {
        unreadable(p.generic_string(), "it is a link to a file outside the rulebase folder", sources, diags);
      } else {
        files.push_back(p);  // read_file says what it is if it is not a regular file
      }
      continue;
    }
    if (fs::is_directory(link)) {  // walked into by the iterator; an unreadable one fails it
      last_folder = p;
      continue;
    }
    if (p.extension() == ".pzl") files.push_back(p);
  }
  if (ec) unreadable(last_folder.generic_string(), ec.message(), sources, diags);
  std::sort(files.begin(), files.end());
  if (files.empty() && diags.items().size() == problems)
    unreadable(root.generic_string(), "the folder holds no .pzl file", sources, diags);
  return files;
}

}  // namespace

void read_sources(const std::vector<std::string>& paths, SourceSet& sources, Diagnostics& diags) {
  for (const auto& path : paths) {
    std::error_code ec;
    const fs::path p(path);
    const auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      unreadable(path, "no such file or folder", sources, diags);
      continue;
    }
    const std::vector<fs::path> files = fs::is_directory(st) ? walk(p, sources, diags) : std::vector<fs::path>{p};
    for (const auto& f : files) {
      std::string text;
      const io::ReadResult read = io::read_file(f.string(), kMaxFileBytes, true, text);
      if (read.failure == io::ReadFailure::TooLarge) {
        FileId id = sources.add(f.generic_string(), "");
        diags.add(Code::E102, Span{id, 0, 0}, "file is larger than " + std::to_string(kMaxFileBytes) + " bytes",
                  "split the rulebase into several files");
      } else if (!read) {
        unreadable(f.generic_string(), read.reason, sources, diags);
      } else {
        sources.add(f.generic_string(), std::move(text));
      }
    }
  }
}

}  // namespace puzle
