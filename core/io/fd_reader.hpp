// core layer: a stream buffer reading a file descriptor that remembers why a read failed.
// std::ifstream turns a failed read (EIO, EISDIR) into a quiet end of file; a batch would then
// look complete. This buffer keeps the errno, and stops at a raised stop flag (Ctrl-C) instead
// of retrying a read the signal interrupted.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <streambuf>

namespace puzle::io {

class FdReader final : public std::streambuf {
 public:
  explicit FdReader(int fd = -1, const std::atomic<bool>* stop = nullptr) : fd_(fd), stop_(stop) {}
  FdReader(const FdReader&) = delete;
  FdReader& operator=(const FdReader&) = delete;

  int error() const { return error_; }       // the errno of a failed read, 0 if none
  bool stopped() const { return stopped_; }  // the stop flag ended the input
  // Bytes read from the descriptor so far (for progress).
  std::uint64_t consumed() const { return consumed_; }

 protected:
  int_type underflow() override;

 private:
  int fd_;
  const std::atomic<bool>* stop_;
  int error_ = 0;
  bool stopped_ = false;
  std::uint64_t consumed_ = 0;
  std::array<char, 1 << 16> buf_{};
};

}  // namespace puzle::io
