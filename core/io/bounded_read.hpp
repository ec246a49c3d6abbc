// core layer: reading files, streams and lines with the size limit enforced while reading, so
// that a huge or endless input (/dev/zero, a file without newlines) costs at most the limit.
#pragma once

#include <atomic>
#include <cstddef>
#include <istream>
#include <string>

namespace puzle::io {

enum class ReadFailure { None, Missing, Folder, NotRegular, TooLarge, Failed };

struct ReadResult {
  ReadFailure failure = ReadFailure::None;
  std::string reason;  // for messages: "no such file or folder", "it is larger than 8388608 bytes"
  explicit operator bool() const { return failure == ReadFailure::None; }
};

// Reads the file at `path` whole into `out`, refusing one larger than `limit` bytes (the read
// stops at limit + 1). With `regular_only`, anything but a regular file (a pipe, a device,
// which could block or never end) is refused before a byte is read.
ReadResult read_file(const std::string& path, std::size_t limit, bool regular_only, std::string& out);

// The same for a descriptor already open (standard input: 0). A read that a signal interrupts
// fails when `stop` is raised (Ctrl-C), and is retried otherwise.
ReadResult read_fd(int fd, std::size_t limit, std::string& out, const std::atomic<bool>* stop = nullptr);

// The next line of `in`, without its '\n': false at the end of the input. A line longer than
// `limit` bytes is cut: `out` keeps its first `limit` bytes, `cut` is set, and the rest of the
// line is read past without being kept.
bool read_line(std::istream& in, std::size_t limit, std::string& out, bool& cut);

}  // namespace puzle::io
