// dsl layer: the formatter's output: items and their comments as text, two spaces per level.
#include "format/doc.hpp"

namespace puzle::format_impl {
namespace {

// Nothing can follow a `//` comment or a multi-line `/* */` comment on its line.
bool ends_line(const ast::Comment* c) { return c->text.starts_with("//") || c->text.find('\n') != std::string::npos; }

class Renderer {
 public:
  explicit Renderer(const TopLevel& top) : top_(top) {}
  std::string out;

  void items(const std::vector<Item>& its, int depth) {
    for (const auto& it : its) item(it, depth);
  }

  void item(const Item& it, int depth) {
    switch (it.shape) {
      case Item::Shape::Line: line(depth, it.leading, it.text, it.trailing); break;
      case Item::Shape::Braced:
        if (it.children.empty() && it.before_close.empty()) {
          line(depth, it.leading, it.text + (it.empty_braces ? " {}" : ""), concat(it.head_trailing, it.trailing));
          break;
        }
        line(depth, it.leading, it.text + " {", it.head_trailing);
        items(it.children, depth + 1);
        comment_lines(depth + 1, it.before_close);
        {
          auto [moved, kept] = split(it.trailing);
          comment_lines(depth + 1, moved);
          out += indent(depth) + "}" + suffix(kept) + "\n";
        }
        break;
      case Item::Shape::Indented:
        line(depth, it.leading, it.text,
             it.children.empty() ? concat(it.head_trailing, it.trailing) : it.head_trailing);
        items(it.children, depth + 1);
        comment_lines(depth + 1, it.before_close);
        if (!it.children.empty()) comment_lines(depth + 1, it.trailing);  // attach never leaves any here
        break;
    }
  }

  void comment_lines(int depth, const CommentList& cs) {
    for (const auto* c : cs) {
      out += indent(depth) + c->text + "\n";
      if (top_.blank_line_after.count(c)) out += "\n";
    }
  }

 private:
  const TopLevel& top_;

  static std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

  static CommentList concat(CommentList a, const CommentList& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  // Trailing comments that cannot share the line (one that ends the line, and all before it,
  // unless it is the last) are moved to their own lines; this only happens on merged lines.
  static std::pair<CommentList, CommentList> split(const CommentList& trailing) {
    std::size_t cut = 0;
    for (std::size_t i = 0; i + 1 < trailing.size(); ++i)
      if (ends_line(trailing[i])) cut = i + 1;
    return {CommentList(trailing.begin(), trailing.begin() + static_cast<std::ptrdiff_t>(cut)),
            CommentList(trailing.begin() + static_cast<std::ptrdiff_t>(cut), trailing.end())};
  }

  static std::string suffix(const CommentList& cs) {
    std::string s;
    for (const auto* c : cs) s += "  " + c->text;
    return s;
  }

  void line(int depth, const CommentList& leading, const std::string& text, const CommentList& trailing) {
    auto [moved, kept] = split(trailing);
    comment_lines(depth, leading);
    comment_lines(depth, moved);
    out += indent(depth) + text + suffix(kept) + "\n";
  }
};

}  // namespace

std::string render(const std::vector<Item>& decls, const TopLevel& top) {
  Renderer r(top);
  for (std::size_t i = 0; i < decls.size(); ++i) {
    if (i) r.out += "\n";
    r.item(decls[i], 0);
  }
  if (!decls.empty() && !top.end_of_file.empty()) r.out += "\n";
  r.comment_lines(0, top.end_of_file);
  return r.out;
}

}  // namespace puzle::format_impl
