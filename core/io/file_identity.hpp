// core layer: which paths name the same file, so that an output is never written over an input
// or over another output. Files are compared, not strings: "x", "./x", "dir/../x", a hard link
// and a symbolic link to x are all x.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace puzle::io {

// A file as the system knows it: its device and inode; for a file that does not exist yet, its
// folder's device and inode and its name in that folder.
struct FileIdentity {
  std::uint64_t device = 0, inode = 0;
  std::string name;      // empty for a file that exists
  bool special = false;  // exists and is not a regular file (/dev/null, a pipe)
  bool same_file(const FileIdentity& o) const { return device == o.device && inode == o.inode && name == o.name; }
};

// False when neither the file nor its folder exists (nothing can be written there anyway).
bool identify(const std::string& path, FileIdentity& out);
// The identity of what standard output writes to, when it is a regular file.
bool identify_stdout(FileIdentity& out);

// The files a command reads and writes. Inputs are added first; each output is then claimed,
// and refused (with a message) when it is an input or an output already claimed.
class PathGuard {
 public:
  // `path` is read; `what` says how in messages ("the input", "a rule file").
  void add_input(const std::string& path, const std::string& what);
  // Empty when `path` may be written; otherwise why not, naming the option (`-o`, `--summary`).
  std::string claim_output(const std::string& path, const std::string& option);
  // Empty unless standard output is a file that is also an input (the shell has already emptied
  // it: reading it would give nothing and writing would lose it).
  std::string check_stdout() const;

 private:
  struct Entry {
    FileIdentity id;
    std::string path, what;
  };
  std::vector<Entry> inputs_, outputs_;
};

}  // namespace puzle::io
