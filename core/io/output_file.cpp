// core layer: OutputFile: temporary file, sync, rename, directory sync.
#include "io/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace puzle::io {
namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> temp_counter{0};

// The file a commit replaces: the target itself, or the file its links lead to.
std::string resolve_links(const std::string& target) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(target, ec))) return target;
  const fs::path real = fs::weakly_canonical(target, ec);
  return ec ? target : real.string();
}

}  // namespace

bool sync_folder(const fs::path& folder) {
  const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return false;
  const bool ok = ::fsync(dir) == 0 || errno == EINVAL;  // some file systems cannot sync folders
  ::close(dir);
  return ok;
}

std::string error_text(int err) { return std::strerror(err); }

bool OutputFile::fail(const std::string& what, int err) {
  error_ = "cannot write '" + target_ + "': " + what + (err ? ": " + error_text(err) : "");
  return false;
}

bool OutputFile::open(const std::string& target) {
  discard();
  target_ = target;
  error_.clear();
  stream_.clear();
  final_ = resolve_links(target);
  struct stat st {};
  const bool exists = ::stat(final_.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return fail("it is a folder", 0);
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a pipe: nothing to replace, and nothing to lose by writing it.
    fd_ = ::open(final_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) return fail("cannot open it", errno);
    buf_.reset(fd_);
    return true;
  }
  const fs::path path(final_);
  const fs::path folder = path.parent_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string name = "." + path.filename().string() + ".puzle-" + std::to_string(::getpid()) + "-" +
                             std::to_string(temp_counter.fetch_add(1)) + ".tmp";
    temp_ = (folder / name).string();
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);  // the umask applies
    if (fd_ >= 0) break;
    if (errno != EEXIST) {
      const int err = errno;
      temp_.clear();
      return fail("cannot create a file in its folder", err);
    }
  }
  if (fd_ < 0) {
    temp_.clear();
    return fail("no free temporary name in its folder", 0);
  }
  // A file that is replaced keeps its permissions (and its owner, when we may give it).
  if (exists) {
    if (::fchmod(fd_, st.st_mode & 07777) != 0) {
      const int err = errno;
      discard();
      return fail("cannot give the new file the old one's permissions", err);
    }
    if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) && ::geteuid() == 0 &&
        ::fchown(fd_, st.st_uid, st.st_gid) != 0) {
      const int err = errno;
      discard();
      return fail("cannot give the new file the old one's owner", err);
    }
  }
  buf_.reset(fd_);
  return true;
}

bool OutputFile::commit() {
  if (fd_ < 0) return error_.empty() ? fail("it was not opened", 0) : false;
  if (!buf_.flush()) {
    const int err = buf_.error();
    discard();
    return fail("a write failed", err);
  }
  if (temp_.empty()) {  // written directly
    const bool closed = ::close(fd_) == 0;
    const int err = errno;
    fd_ = -1;
    return closed ? true : fail("closing it failed", err);
  }
  if (::fsync(fd_) != 0) {
    const int err = errno;
    discard();
    return fail("syncing it to disk failed", err);
  }
  if (::close(fd_) != 0) {
    const int err = errno;
    fd_ = -1;
    discard();
    return fail("closing it failed", err);
  }
  fd_ = -1;
  if (::rename(temp_.c_str(), final_.c_str()) != 0) {
    const int err = errno;
    discard();
    return fail("renaming the temporary file over it failed", err);
  }
  temp_.clear();
  if (!sync_folder(fs::path(final_).parent_path())) return fail("syncing its folder failed", errno);
  return true;
}

void OutputFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
  buf_.reset(-1);
}

}  // namespace puzle::io
