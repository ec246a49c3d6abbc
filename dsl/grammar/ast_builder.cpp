// dsl layer: AstBuilder, the target of the grammar actions.
#include "grammar/ast_builder.hpp"

#include <algorithm>
#include <stdexcept>

namespace puzle::dsl {

void AstBuilder::reset() {
  depth = 0;
  stack_.clear();
  marks_.clear();
  keys_.clear();
  key_marks_.clear();
  ops_.clear();
  range = {};
  tpl = {};
  lang.reset();
  ack = {};
  profile = {};
  field = {};
  nodes.clear();
  provider = {};
  solution = {};
  segment = {};
  rule = {};
  for_clause = {};
  effect = {};
  roadmap = {};
  phase = {};
  priority = {};
  priority_term = {};
  test = {};
  expectation = {};
  labelled = Labelled::None;
}

void AstBuilder::comment(std::string text, Span s) {
  // Backtracking may match the same comment twice; keep each once, in source order.
  if (!mod_.comments.empty() && mod_.comments.back().span.begin >= s.begin) return;
  mod_.comments.push_back({std::move(text), s});
}

ast::ExprId AstBuilder::push(ast::ExprKind kind, Span s) {
  std::size_t depth = 0;
  auto child = [&](ast::ExprId c) {
    depth = std::max<std::size_t>(depth, c < expr_depth_.size() ? expr_depth_[c] : 0);
  };
  if (auto* u = std::get_if<ast::Unary>(&kind)) child(u->operand);
  if (auto* b = std::get_if<ast::Binary>(&kind)) child(b->lhs), child(b->rhs);
  if (auto* i = std::get_if<ast::Index>(&kind)) child(i->base), child(i->index);
  if (auto* c = std::get_if<ast::Call>(&kind))
    for (auto a : c->args) child(a);
  if (auto* l = std::get_if<ast::List>(&kind))
    for (auto a : l->items) child(a);
  if (auto* o = std::get_if<ast::Object>(&kind))
    for (const auto& e : o->entries) child(e.second);
  if (++depth > kMaxExprDepth) throw ExpressionTooDeep{s};
  if (expr_depth_.capacity() < mod_.exprs.capacity()) expr_depth_.reserve(mod_.exprs.capacity());
  expr_depth_.push_back(static_cast<std::uint16_t>(depth));
  auto id = static_cast<ast::ExprId>(mod_.exprs.size());
  mod_.exprs.push_back(ast::Expr{std::move(kind), s});
  stack_.push_back(id);
  return id;
}

ast::ExprId AstBuilder::pop() {
  if (stack_.empty()) throw std::logic_error("puzle: expression stack underflow");
  auto id = stack_.back();
  stack_.pop_back();
  return id;
}

std::vector<ast::ExprId> AstBuilder::pop_to_mark() {
  std::size_t m = marks_.back();
  marks_.pop_back();
  std::vector<ast::ExprId> items(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
  stack_.resize(m);
  return items;
}

std::vector<ast::Ident> AstBuilder::pop_keys_to_mark() {
  std::size_t m = key_marks_.back();
  key_marks_.pop_back();
  std::vector<ast::Ident> items(keys_.begin() + static_cast<std::ptrdiff_t>(m), keys_.end());
  keys_.resize(m);
  return items;
}

ast::BinaryOp AstBuilder::pop_op() {
  if (ops_.empty()) throw std::logic_error("puzle: operator stack underflow");
  auto o = ops_.back();
  ops_.pop_back();
  return o;
}

void AstBuilder::binary() {
  auto rhs = pop();
  auto lhs = pop();
  auto o = pop_op();
  push(ast::Binary{o, lhs, rhs}, span(expr(lhs).span.begin, expr(rhs).span.end));
}

void AstBuilder::add_label(ast::Localized l) {
  switch (labelled) {
    case Labelled::Node: nodes.back().labels.push_back(std::move(l)); break;
    case Labelled::Provider: provider.labels.push_back(std::move(l)); break;
    case Labelled::Solution: solution.labels.push_back(std::move(l)); break;
    case Labelled::None: break;
  }
}

void AstBuilder::add_description(ast::Localized l) {
  switch (labelled) {
    case Labelled::Node: nodes.back().descriptions.push_back(std::move(l)); break;
    case Labelled::Provider: provider.descriptions.push_back(std::move(l)); break;
    case Labelled::Solution: solution.descriptions.push_back(std::move(l)); break;
    case Labelled::None: break;
  }
}

void AstBuilder::set_url(ast::Text t) {
  if (labelled == Labelled::Provider)
    provider.url = std::move(t);
  else if (labelled == Labelled::Solution)
    solution.url = std::move(t);
}

void AstBuilder::finish_node(Span s) {
  ast::NodeDecl done = std::move(nodes.back());
  nodes.pop_back();
  done.span = s;
  if (nodes.empty()) {
    labelled = Labelled::None;
    finish(std::move(done));
  } else {
    nodes.back().children.push_back(std::move(done));
  }
}

namespace {
void append_escape(std::string& out, char c) {
  switch (c) {
    case 'n': out += '\n'; break;
    case 't': out += '\t'; break;
    default: out += c; break;  // " \ { } stand for themselves
  }
}
}  // namespace

std::string decode_chunk(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  // Copies the runs between escapes whole: most chunks have no escape at all.
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t slash = std::min(raw.find('\\', i), raw.size());
    out.append(raw, i, slash - i);
    if (slash + 1 >= raw.size()) {  // no escape left (a trailing lone backslash is kept)
      out.append(raw, slash, raw.size() - slash);
      break;
    }
    append_escape(out, raw[slash + 1]);
    i = slash + 2;
  }
  return out;
}

std::string decode_string(std::string_view quoted) {
  if (quoted.size() >= 2) quoted = quoted.substr(1, quoted.size() - 2);
  return decode_chunk(quoted);
}

ast::Path split_path(std::string_view text, FileId file, std::uint32_t begin) {
  ast::Path path;
  path.span = Span{file, begin, begin + static_cast<std::uint32_t>(text.size())};
  path.parts.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '.')) + 1);
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::size_t end = dot == std::string_view::npos ? text.size() : dot;
    auto& part = path.parts.emplace_back();  // built in place: no temporary to move
    part.text.assign(text, start, end - start);
    part.span = Span{file, begin + static_cast<std::uint32_t>(start), begin + static_cast<std::uint32_t>(end)};
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return path;
}

}  // namespace puzle::dsl
