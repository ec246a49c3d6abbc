// core layer: a file written so that nobody ever sees it half written and a failure never harms
// what was there. The bytes go to a temporary file in the target's folder; commit() flushes,
// syncs and renames it over the target. Destroyed without a commit (a failed write, an error,
// an interruption), it removes the temporary and the target is as it was.
//
// A target that exists and is not a regular file (/dev/null, a pipe) cannot be replaced: it is
// written directly. A target that is a symbolic link is replaced at the file the link names,
// so that the link stays.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "io/fd_writer.hpp"

namespace puzle::io {

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile() { discard(); }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Creates the temporary for `target`. False (and error()) if it cannot.
  bool open(const std::string& target);
  std::ostream& stream() { return stream_; }
  // False (and error()) if any write, the sync or the rename failed; the target is then as it
  // was and the temporary removed.
  bool commit();
  // Removes the temporary, if any: the target is as it was.
  void discard();
  const std::string& error() const { return error_; }
  const std::string& target() const { return target_; }

 private:
  bool fail(const std::string& what, int err);
  std::string target_;  // as the user named it, for messages
  std::string final_;   // the file replaced at commit (a link's target)
  std::string temp_;    // empty when writing directly
  std::string error_;
  int fd_ = -1;
  FdWriter buf_;
  std::ostream stream_{&buf_};
};

// Makes a folder's entries durable (after a rename into it); false if the sync failed.
bool sync_folder(const std::filesystem::path& folder);

// The text of errno `err` ("No space left on device").
std::string error_text(int err);

}  // namespace puzle::io
