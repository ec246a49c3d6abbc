// core layer: source files and their line tables.
#include <algorithm>
#include <cstring>

#include "puzle/source.hpp"
#include "text/utf8.hpp"

namespace puzle {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  // A UTF-8 byte order mark is not part of the first line: columns and excerpts start after it.
  line_starts_.push_back(text_.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  for (const char* p = begin; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!p) break;
    line_starts_.push_back(static_cast<std::uint32_t>(p - begin + 1));
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::clamp<std::uint32_t>(offset, line_starts_.front(), static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  auto col = utf8::count_code_points(std::string_view(text_).substr(start, offset - start)) + 1;
  return {line, static_cast<std::uint32_t>(col)};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  std::string_view v(text_.data() + start, end - start);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

FileId SourceSet::add(std::string path, std::string text) {
  files_.emplace_back(std::move(path), std::move(text));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace puzle
