// core layer: file identities by stat(2); a file that does not exist yet by its folder.
#include "io/file_identity.hpp"

#include <filesystem>

#include <sys/stat.h>
#include <unistd.h>

namespace puzle::io {
namespace fs = std::filesystem;

namespace {

bool stat_identity(const char* path, FileIdentity& out) {
  struct stat st {};
  if (::stat(path, &st) != 0) return false;
  out = FileIdentity{static_cast<std::uint64_t>(st.st_dev),
                     static_cast<std::uint64_t>(st.st_ino),
                     {},
                     !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)};
  return true;
}

}  // namespace

bool identify(const std::string& path, FileIdentity& out) {
  if (stat_identity(path.c_str(), out)) return true;  // follows links: a link is its target
  // Not there yet: its folder and its name. A dangling link is named by where it points.
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(fs::path(path), ec);
  const fs::path p = ec ? fs::path(path) : real;
  const fs::path folder = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!stat_identity(folder.c_str(), out)) return false;
  out.special = false;
  out.name = p.filename().string();
  return true;
}

bool identify_stdout(FileIdentity& out) {
  struct stat st {};
  if (::fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  out = FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino), {}, false};
  return true;
}

void PathGuard::add_input(const std::string& path, const std::string& what) {
  FileIdentity id;
  if (path != "-" && identify(path, id)) inputs_.push_back({id, path, what});
}

std::string PathGuard::claim_output(const std::string& path, const std::string& option) {
  FileIdentity id;
  if (!identify(path, id)) return {};  // no such folder: opening it will say so
  for (const auto& in : inputs_)
    if (in.id.same_file(id))
      return option + " '" + path + "' is " + in.what + " '" + in.path +
             "': writing it would destroy it; choose another file";
  // Two outputs may share a device (-o /dev/null --summary /dev/null): nothing there to lose.
  for (const auto& out : outputs_)
    if (out.id.same_file(id) && !id.special)
      return option + " '" + path + "' is also the file of " + out.what + " '" + out.path +
             "'; give each output its own file";
  outputs_.push_back({id, path, option});
  return {};
}

std::string PathGuard::check_stdout() const {
  FileIdentity id;
  if (!identify_stdout(id)) return {};
  for (const auto& in : inputs_)
    if (in.id.same_file(id))
      return "standard output is " + in.what + " '" + in.path +
             "' (the shell emptied it before puzle started); write to another file";
  return {};
}

}  // namespace puzle::io
