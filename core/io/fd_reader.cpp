// core layer: FdReader: buffered reads, retried when a signal interrupts them unless stopping.
#include "io/fd_reader.hpp"

#include <cerrno>

#include <unistd.h>

namespace puzle::io {

FdReader::int_type FdReader::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (error_ || stopped_ || fd_ < 0) return traits_type::eof();
  for (;;) {
    if (stop_ && stop_->load()) {
      stopped_ = true;
      return traits_type::eof();
    }
    const ssize_t n = ::read(fd_, buf_.data(), buf_.size());
    if (n > 0) {
      consumed_ += static_cast<std::uint64_t>(n);
      setg(buf_.data(), buf_.data(), buf_.data() + n);
      return traits_type::to_int_type(*gptr());
    }
    if (n == 0) return traits_type::eof();
    if (errno == EINTR) continue;
    error_ = errno;
    return traits_type::eof();
  }
}

}  // namespace puzle::io
