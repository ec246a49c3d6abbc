// core layer: a stream buffer over a file descriptor that remembers why a write failed.
// std::ofstream and std::cout drop the reason (errno) and keep going silently; this buffer keeps
// the first failure, so that the caller can report "No space left on device" and exit non-zero.
#pragma once

#include <array>
#include <streambuf>
#include <string>

namespace puzle::io {

class FdWriter final : public std::streambuf {
 public:
  explicit FdWriter(int fd = -1) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  FdWriter(const FdWriter&) = delete;
  FdWriter& operator=(const FdWriter&) = delete;

  void reset(int fd);
  // Writes out each complete line at once (for a terminal, where a person reads as it goes).
  void set_line_buffered(bool on) { line_buffered_ = on; }
  // Writes out what is buffered; false if this or any earlier write failed.
  bool flush();
  bool failed() const { return error_ != 0; }
  int error() const { return error_; }  // the errno of the first failure, 0 if none

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override { return flush() ? 0 : -1; }

 private:
  bool write_all(const char* data, std::size_t size);
  int fd_;
  int error_ = 0;
  bool line_buffered_ = false;
  std::array<char, 1 << 16> buf_{};
};

}  // namespace puzle::io
