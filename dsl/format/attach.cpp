// dsl layer: the formatter's comment attachment: each comment goes to exactly one item.
#include <algorithm>

#include "format/doc.hpp"

namespace puzle::format_impl {
namespace {

struct Slot {  // one anchor of one sibling item
  Anchor at;
  Item* item;
};

std::uint32_t last_end(const Item& it) {
  std::uint32_t e = 0;
  for (const auto& a : it.anchors) e = std::max(e, a.end);
  return e;
}

// The list that takes a comment found after `it` on the line where `it` ends. A rule has no
// closing line of its own: the comment goes to the clause that ended the rule in the source,
// so that it stays next to it wherever the clause is printed.
CommentList& trailing_of(Item& it) {
  Item* t = &it;
  while (t->shape == Item::Shape::Indented && !t->children.empty()) {
    Item* last = &t->children.front();
    for (auto& c : t->children)
      if (last_end(c) > last_end(*last)) last = &c;
    t = last;
  }
  return t->trailing;
}

// Whether only spaces follow `pos` up to an empty line.
bool blank_line_follows(const std::string& text, std::uint32_t pos) {
  int newlines = 0;
  for (std::size_t i = pos; i < text.size() && newlines < 2; ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++newlines;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f') {
      break;
    }
  }
  return newlines >= 2;
}

class Attacher {
 public:
  explicit Attacher(const SourceFile& file) : file_(file) {}

  // Comments among sibling items. `head_end` (0 at top level) is the end of the enclosing
  // header, whose line takes comments that follow it; comments after the last item go to `tail`.
  void siblings(std::vector<Item>& items, const CommentList& comments, std::uint32_t head_end,
                CommentList* head_trailing, CommentList& tail) {
    std::vector<Slot> slots;
    for (auto& it : items)
      for (const auto& a : it.anchors) slots.push_back({a, &it});
    std::stable_sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.at.begin < b.at.begin; });
    std::vector<std::pair<Item*, CommentList>> inner;  // comments inside nested bodies

    for (const ast::Comment* c : comments) {
      const std::uint32_t pos = c->span.begin;
      // The last slot that starts at or before the comment: it contains it or precedes it.
      auto next = std::upper_bound(slots.begin(), slots.end(), pos,
                                   [](std::uint32_t p, const Slot& s) { return p < s.at.begin; });
      const Slot* prev = next == slots.begin() ? nullptr : &*(next - 1);
      if (prev && pos < prev->at.end) {  // inside an item
        if (prev->item->shape == Item::Shape::Line) {
          prev->item->leading.push_back(c);  // a line cannot hold it where it was: before the line
        } else {
          // Comments are sorted and a body has one anchor, so its comments come one after another.
          if (inner.empty() || inner.back().first != prev->item) inner.push_back({prev->item, {}});
          inner.back().second.push_back(c);
        }
        continue;
      }
      const std::uint32_t prev_end = prev ? prev->at.end : head_end;
      if (prev_end > 0 && line(pos) == line(prev_end - 1)) {
        if (prev) {
          trailing_of(*prev->item).push_back(c);
        } else if (head_trailing) {
          head_trailing->push_back(c);
        } else {
          tail.push_back(c);  // unreachable: only the top level has no header
        }
      } else if (next != slots.end()) {
        next->item->leading.push_back(c);
      } else {
        tail.push_back(c);
      }
    }
    for (auto& [item, list] : inner) nested(*item, list);
  }

 private:
  // Comments inside a Braced or Indented item: those within its header move before it.
  void nested(Item& it, const CommentList& comments) {
    CommentList body;
    for (const ast::Comment* c : comments) (c->span.begin < it.head_end ? it.leading : body).push_back(c);
    siblings(it.children, body, it.head_end, &it.head_trailing, it.before_close);
  }

  std::uint32_t line(std::uint32_t offset) const { return file_.line_col(offset).line; }

  const SourceFile& file_;
};

}  // namespace

TopLevel attach_comments(std::vector<Item>& decls, const std::vector<ast::Comment>& comments, const SourceFile& file) {
  CommentList all;
  for (const auto& c : comments) all.push_back(&c);
  std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) { return a->span.begin < b->span.begin; });
  TopLevel top;
  Attacher(file).siblings(decls, all, 0, nullptr, top.end_of_file);

  CommentList own_lines = top.end_of_file;
  if (!own_lines.empty()) own_lines.pop_back();  // the file ends with one newline, not a blank line
  for (const auto& d : decls) own_lines.insert(own_lines.end(), d.leading.begin(), d.leading.end());
  for (const auto* c : own_lines)
    if (blank_line_follows(file.text(), c->span.end)) top.blank_line_after.insert(c);
  return top;
}

}  // namespace puzle::format_impl
