// dsl layer: the formatter's intermediate document: a tree of printable items that remember
// where they came from in the source, so that comments can be attached to them. The passes are
// layout (AST -> items), attach (comments -> items) and render (items -> text).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "puzle/ast.hpp"
#include "puzle/source.hpp"

namespace puzle::format_impl {

// A byte range of the source that belongs to an item; comments attach to anchors.
struct Anchor {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

using CommentList = std::vector<const ast::Comment*>;

struct Item {
  enum class Shape {
    Line,      // one line: a member, clause, field, phase, expectation, given entry, segment
    Braced,    // `head {`, the children indented, `}`
    Indented,  // `head`, the children indented, no braces (a rule and its clauses)
  };
  Shape shape = Shape::Line;
  std::string text;             // the line, or the header without ` {`
  std::vector<Anchor> anchors;  // Line: its parts (several when merged); otherwise the whole span
  std::uint32_t head_end = 0;   // Braced/Indented: end of the header in the source (after `{`)
  bool empty_braces = false;    // Braced and empty: print ` {}` (true) or no braces (false)
  std::vector<Item> children;   // in canonical order

  // Filled by attach_comments(), in source order.
  CommentList leading;        // own lines before the item
  CommentList trailing;       // after the item's last line
  CommentList head_trailing;  // after the header line (`head {  // ...`)
  CommentList before_close;   // own lines before the closing brace
};

// Printing of expressions and literals (expr.cpp).
std::string quote(const std::string& value);
std::string print_template(const ast::Module& m, const ast::Template& t);
std::string print_expr(const ast::Module& m, ast::ExprId id);

// The canonical layout of every declaration, without comments (layout.cpp).
std::vector<Item> layout(const ast::Module& m, const SourceFile& file);

// What attach_comments() leaves outside the items.
struct TopLevel {
  CommentList end_of_file;  // after the last declaration
  // Top-level comments followed by a blank line in the source (not the last of the file):
  // the blank line is kept, so that a file header or a section title stays apart.
  std::unordered_set<const ast::Comment*> blank_line_after;
};

// Distributes every comment of the module over the items (attach.cpp).
TopLevel attach_comments(std::vector<Item>& decls, const std::vector<ast::Comment>& comments, const SourceFile& file);

// The final text (render.cpp).
std::string render(const std::vector<Item>& decls, const TopLevel& top);

}  // namespace puzle::format_impl
