// dsl layer: the state that grammar actions fill while parsing one file. Actions call these
// methods and nothing else; expressions are built bottom-up on a stack, declarations in scratch
// members that are moved into the Module when their rule succeeds (so a failed declaration
// leaves nothing behind). No checking happens here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "puzle/ast.hpp"

namespace puzle::dsl {

// Thrown by the builder when an expression tree grows deeper than kMaxExprDepth (long chains
// like `a and b and c ...` nest without nesting in the grammar); parse.cpp reports it as E103.
struct ExpressionTooDeep {
  Span span;
};
inline constexpr std::size_t kMaxExprDepth = 256;

class AstBuilder {
 public:
  // `text` is the whole file: tokens are located by their offset from its first byte.
  AstBuilder(ast::Module& module, std::string_view text) : mod_(module), text_(text.data()) {}

  std::size_t depth = 0;  // nesting counter used by the grammar's control

  // Called before each top-level declaration, and after a syntax error.
  void reset();

  Span span(std::uint32_t begin, std::uint32_t end) const { return Span{mod_.file, begin, end}; }
  std::uint32_t offset(const char* at) const { return static_cast<std::uint32_t>(at - text_); }
  // End of the last token (the start of the separator that followed it).
  std::uint32_t token_end() const { return sep_begin_; }
  void separator_at(std::uint32_t offset) { sep_begin_ = offset; }
  void comment(std::string text, Span s);

  // ---- expressions ----
  ast::ExprId push(ast::ExprKind kind, Span s);
  ast::ExprId pop();
  const ast::Expr& top() const { return mod_.exprs.at(stack_.back()); }
  void widen_top(Span s) { mod_.exprs.at(stack_.back()).span = s; }
  void mark() { marks_.push_back(stack_.size()); }
  std::vector<ast::ExprId> pop_to_mark();
  void key_mark() { key_marks_.push_back(keys_.size()); }
  void key(ast::Ident k) { keys_.push_back(std::move(k)); }
  std::vector<ast::Ident> pop_keys_to_mark();
  void op(ast::BinaryOp o) { ops_.push_back(o); }
  ast::BinaryOp pop_op();
  void binary();  // pops rhs, lhs and an operator; pushes the binary expression
  const ast::Expr& expr(ast::ExprId id) const { return mod_.exprs.at(id); }

  // ---- scratch shared by several declarations ----
  ast::Range range;
  ast::Template tpl;
  std::optional<ast::Ident> lang;
  ast::Acknowledgement ack;

  // ---- declarations under construction ----
  ast::ProfileDecl profile;
  ast::ProfileField field;
  std::vector<ast::NodeDecl> nodes;  // the open area/domain/block/element chain
  ast::ProviderDecl provider;
  ast::SolutionDecl solution;
  ast::SegmentDecl segment;
  ast::RuleDecl rule;
  ast::ForClause for_clause;
  ast::Effect effect;
  ast::RoadmapDecl roadmap;
  ast::Phase phase;
  ast::PriorityDecl priority;
  ast::PriorityTerm priority_term;
  ast::TestDecl test;
  ast::Expectation expectation;

  enum class Labelled { None, Node, Provider, Solution };
  Labelled labelled = Labelled::None;
  void add_label(ast::Localized l);
  void add_description(ast::Localized l);
  void set_url(ast::Text t);

  // Moves a finished declaration into the module, built in place in its variant (one move).
  template <typename D>
  void finish(D&& d) {
    mod_.decls.emplace_back(std::forward<D>(d));
  }
  void finish_node(Span s);

 private:
  ast::Module& mod_;
  const char* text_;
  std::uint32_t sep_begin_ = 0;
  std::vector<ast::ExprId> stack_;
  std::vector<std::uint16_t> expr_depth_;  // tree depth of each expression, parallel to exprs
  std::vector<std::size_t> marks_;
  std::vector<ast::Ident> keys_;
  std::vector<std::size_t> key_marks_;
  std::vector<ast::BinaryOp> ops_;
};

// Lexical helpers (pure functions over token text).
std::string decode_string(std::string_view quoted);  // strips quotes, resolves escapes
std::string decode_chunk(std::string_view raw);      // resolves escapes in a template chunk
ast::Path split_path(std::string_view text, FileId file, std::uint32_t begin);

}  // namespace puzle::dsl
