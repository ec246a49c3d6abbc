// Public API: source files and positions. Knows nothing of the grammar or the checker.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace puzle {

using FileId = std::uint32_t;

// A byte range in one source file: [begin, end).
struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// 1-based line and column; the column counts code points, not bytes.
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol line_col(std::uint32_t offset) const;
  // The text of the 1-based line, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Every file of a rulebase; a Span's FileId indexes into it.
class SourceSet {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return files_.at(id); }
  std::size_t size() const { return files_.size(); }

 private:
  std::vector<SourceFile> files_;
};

}  // namespace puzle
