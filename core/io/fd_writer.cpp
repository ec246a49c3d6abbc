// core layer: FdWriter: buffered writes to a descriptor, retried when interrupted or short.
#include "io/fd_writer.hpp"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace puzle::io {

void FdWriter::reset(int fd) {
  fd_ = fd;
  error_ = 0;
  setp(buf_.data(), buf_.data() + buf_.size());
}

bool FdWriter::write_all(const char* data, std::size_t size) {
  if (error_) return false;  // after a failure nothing more is written: the output is already wrong
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool FdWriter::flush() {
  const auto pending = static_cast<std::size_t>(pptr() - pbase());
  setp(buf_.data(), buf_.data() + buf_.size());
  if (pending) write_all(buf_.data(), pending);
  return error_ == 0;
}

FdWriter::int_type FdWriter::overflow(int_type ch) {
  if (!flush()) return traits_type::eof();
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
    if (line_buffered_ && ch == '\n' && !flush()) return traits_type::eof();
  }
  return traits_type::not_eof(ch);
}

std::streamsize FdWriter::xsputn(const char* s, std::streamsize n) {
  const auto size = static_cast<std::size_t>(n);
  if (line_buffered_ && std::memchr(s, '\n', size)) {
    if (!flush() || !write_all(s, size)) return 0;
    return n;
  }
  const auto room = static_cast<std::size_t>(epptr() - pptr());
  if (size <= room) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  // Larger than what is left: write out the buffer, then the text itself unless it fits.
  if (!flush()) return 0;
  if (size < buf_.size()) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  return write_all(s, size) ? n : 0;
}

}  // namespace puzle::io
