// core layer: bounded reads of whole files, streams and lines.
#include "io/bounded_read.hpp"

#include <cerrno>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace puzle::io {
namespace {

ReadResult failure(ReadFailure f, std::string reason) { return ReadResult{f, std::move(reason)}; }

ReadResult too_large(std::size_t limit) {
  return failure(ReadFailure::TooLarge, "it is larger than " + std::to_string(limit) + " bytes");
}

}  // namespace

ReadResult read_file(const std::string& path, std::size_t limit, bool regular_only, std::string& out) {
  out.clear();
  // Non-blocking, so that opening a pipe without a writer does not wait; fstat then says what it is.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return failure(ReadFailure::Missing, "no such file or folder");
    return failure(ReadFailure::Failed, std::strerror(err));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return failure(ReadFailure::Failed, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return failure(ReadFailure::Folder, "it is a folder");
  if (!S_ISREG(st.st_mode)) {
    if (regular_only) return failure(ReadFailure::NotRegular, "it is not a regular file (a pipe or a device)");
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // a pipe given on purpose: wait for it
  } else if (static_cast<std::uint64_t>(st.st_size) > limit) {
    return too_large(limit);
  }
  return read_fd(fd, limit, out);
}

ReadResult read_fd(int fd, std::size_t limit, std::string& out, const std::atomic<bool>* stop) {
  out.clear();
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return {};
    if (n < 0) {
      if (errno == EINTR && !(stop && stop->load())) continue;
      return failure(ReadFailure::Failed, std::strerror(errno));
    }
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      out.clear();
      return too_large(limit);
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

bool read_line(std::istream& in, std::size_t limit, std::string& out, bool& cut) {
  out.clear();
  cut = false;
  auto* sb = in.rdbuf();
  using Traits = std::char_traits<char>;
  if (Traits::eq_int_type(sb->sgetc(), Traits::eof())) {
    in.setstate(std::ios::eofbit);
    return false;
  }
  for (;;) {
    const auto c = sb->sbumpc();
    if (Traits::eq_int_type(c, Traits::eof())) {
      in.setstate(std::ios::eofbit);
      return true;
    }
    if (c == '\n') return true;
    if (out.size() < limit) {
      out.push_back(Traits::to_char_type(c));
    } else {
      cut = true;
    }
  }
}

}  // namespace puzle::io
