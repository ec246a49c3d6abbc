// dsl layer: grammar actions. Each one only reads its token and calls the AstBuilder.
#pragma once

#include <tao/pegtl.hpp>

#include "grammar/ast_builder.hpp"
#include "grammar/grammar.hpp"

namespace puzle::dsl::actions {

namespace g = grammar;
namespace pg = tao::pegtl;

// The input tracks no lines or columns (parse.cpp): a token's offset is its distance from the
// start of the file.
template <typename In>
std::uint32_t begin_of(const In& in, const AstBuilder& b) {
  return b.offset(in.begin());
}
template <typename In>
std::uint32_t end_of(const In& in, const AstBuilder& b) {
  return b.offset(in.end());
}
template <typename In>
Span exact(const In& in, const AstBuilder& b) {
  return b.span(begin_of(in, b), end_of(in, b));
}
// The span of a rule that ends with separators: up to the end of its last token.
template <typename In>
Span trimmed(const In& in, const AstBuilder& b) {
  auto end = std::max(begin_of(in, b), std::min(b.token_end(), end_of(in, b)));
  return b.span(begin_of(in, b), end);
}
template <typename In>
ast::Ident ident(const In& in, const AstBuilder& b) {
  return {in.string(), exact(in, b)};
}
template <typename In>
ast::Text text(const In& in, const AstBuilder& b) {
  return {decode_string(in.string_view()), exact(in, b)};
}
template <typename In>
ast::Number number(const In& in, const AstBuilder& b) {
  return {in.string(), exact(in, b)};
}
template <typename In>
ast::Path path(const In& in, const AstBuilder& b) {
  return split_path(in.string_view(), b.span(0, 0).file, begin_of(in, b));
}

template <typename Rule>
struct action : pg::nothing<Rule> {};

#define PUZLE_ACTION(Rule) \
  template <>              \
  struct action<g::Rule> { \
    template <typename In> \
    static void apply([[maybe_unused]] const In& in, AstBuilder& b)
#define PUZLE_END \
  }               \
  ;

// clang-format off
PUZLE_ACTION(sep) { b.separator_at(begin_of(in, b)); } PUZLE_END
PUZLE_ACTION(line_comment) {
  std::string t = in.string();
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  b.comment(t, b.span(begin_of(in, b), begin_of(in, b) + static_cast<std::uint32_t>(t.size())));
} PUZLE_END
PUZLE_ACTION(block_comment) { b.comment(in.string(), exact(in, b)); } PUZLE_END

// ---- expressions
PUZLE_ACTION(number_lit) { b.push(ast::NumberLit{in.string()}, exact(in, b)); } PUZLE_END
PUZLE_ACTION(neg_number) { b.push(ast::NumberLit{in.string()}, exact(in, b)); } PUZLE_END
PUZLE_ACTION(string_value) { b.push(ast::StringLit{decode_string(in.string_view())}, exact(in, b)); } PUZLE_END
PUZLE_ACTION(true_lit) { b.push(ast::BoolLit{true}, exact(in, b)); } PUZLE_END
PUZLE_ACTION(false_lit) { b.push(ast::BoolLit{false}, exact(in, b)); } PUZLE_END
PUZLE_ACTION(expr_path) { b.push(ast::Name{path(in, b)}, exact(in, b)); } PUZLE_END
// A parenthesised expression spans its parentheses, so messages quote it whole.
PUZLE_ACTION(paren_expr) { b.widen_top(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(list_open) { b.mark(); } PUZLE_END
PUZLE_ACTION(list_lit) { b.push(ast::List{b.pop_to_mark()}, trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(object_open) { b.mark(); b.key_mark(); } PUZLE_END
PUZLE_ACTION(entry_key) { b.key(ident(in, b)); } PUZLE_END
PUZLE_ACTION(object_lit) {
  auto values = b.pop_to_mark();
  auto keys = b.pop_keys_to_mark();
  ast::Object o;
  for (std::size_t i = 0; i < values.size() && i < keys.size(); ++i) o.entries.emplace_back(keys[i], values[i]);
  b.push(std::move(o), trimmed(in, b));
} PUZLE_END
PUZLE_ACTION(call_open) { b.mark(); } PUZLE_END
PUZLE_ACTION(call_args) {
  auto args = b.pop_to_mark();
  auto callee = b.pop();
  const auto& name = std::get<ast::Name>(b.expr(callee).kind);
  auto s = b.span(b.expr(callee).span.begin, b.token_end());
  b.push(ast::Call{name.path, std::move(args)}, s);
} PUZLE_END
PUZLE_ACTION(index_tail) {
  auto index = b.pop();
  auto base = b.pop();
  b.push(ast::Index{base, index}, b.span(b.expr(base).span.begin, b.token_end()));
} PUZLE_END
PUZLE_ACTION(neg_app) { auto e = b.pop(); b.push(ast::Unary{ast::UnaryOp::Neg, e}, trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(not_app) { auto e = b.pop(); b.push(ast::Unary{ast::UnaryOp::Not, e}, trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(mul_op) { b.op(ast::BinaryOp::Mul); } PUZLE_END
PUZLE_ACTION(div_op) { b.op(ast::BinaryOp::Div); } PUZLE_END
PUZLE_ACTION(add_op) { b.op(ast::BinaryOp::Add); } PUZLE_END
PUZLE_ACTION(sub_op) { b.op(ast::BinaryOp::Sub); } PUZLE_END
PUZLE_ACTION(le_op) { b.op(ast::BinaryOp::Le); } PUZLE_END
PUZLE_ACTION(ge_op) { b.op(ast::BinaryOp::Ge); } PUZLE_END
PUZLE_ACTION(ne_op) { b.op(ast::BinaryOp::Ne); } PUZLE_END
PUZLE_ACTION(eqeq_op) { b.op(ast::BinaryOp::Eq); } PUZLE_END
PUZLE_ACTION(lt_op) { b.op(ast::BinaryOp::Lt); } PUZLE_END
PUZLE_ACTION(gt_op) { b.op(ast::BinaryOp::Gt); } PUZLE_END
PUZLE_ACTION(in_op) { b.op(ast::BinaryOp::In); } PUZLE_END
PUZLE_ACTION(not_in_op) { b.op(ast::BinaryOp::NotIn); } PUZLE_END
PUZLE_ACTION(prod_tail) { b.binary(); } PUZLE_END
PUZLE_ACTION(sum_tail) { b.binary(); } PUZLE_END
PUZLE_ACTION(cmp_tail) { b.binary(); } PUZLE_END
PUZLE_ACTION(kw_and) { b.op(ast::BinaryOp::And); } PUZLE_END
PUZLE_ACTION(kw_or) { b.op(ast::BinaryOp::Or); } PUZLE_END
PUZLE_ACTION(and_tail) { b.binary(); } PUZLE_END
PUZLE_ACTION(or_tail) { b.binary(); } PUZLE_END

// ---- templates
PUZLE_ACTION(kw_because) { b.tpl = {}; b.tpl.parts.reserve(4); } PUZLE_END
PUZLE_ACTION(tpl_text) { b.tpl.parts.push_back({decode_chunk(in.string_view()), std::nullopt, exact(in, b)}); } PUZLE_END
PUZLE_ACTION(tpl_hole) { b.tpl.parts.push_back({{}, b.pop(), exact(in, b)}); } PUZLE_END

// ---- shared clauses
PUZLE_ACTION(range_lo) { b.range.lo = number(in, b); } PUZLE_END
PUZLE_ACTION(range_hi) { b.range.hi = number(in, b); } PUZLE_END
PUZLE_ACTION(range) { b.range.span = trimmed(in, b); } PUZLE_END
PUZLE_ACTION(limit_hi_expr) { b.range.hi_expr = b.pop(); } PUZLE_END
PUZLE_ACTION(limit_range) { b.range.span = trimmed(in, b); } PUZLE_END
PUZLE_ACTION(label_lang) { b.lang = ident(in, b); } PUZLE_END
PUZLE_ACTION(label_text) { b.add_label({b.lang, text(in, b), exact(in, b)}); b.lang.reset(); } PUZLE_END
PUZLE_ACTION(desc_lang) { b.lang = ident(in, b); } PUZLE_END
PUZLE_ACTION(desc_text) { b.add_description({b.lang, text(in, b), exact(in, b)}); b.lang.reset(); } PUZLE_END
PUZLE_ACTION(url_text) { b.set_url(text(in, b)); } PUZLE_END
// The declaration's own rule (rule_ack, segment_ack, ...) moves the clause into it.
PUZLE_ACTION(ack_code) { b.ack = {}; b.ack.code = ident(in, b); } PUZLE_END
PUZLE_ACTION(ack_reason) { b.ack.reason = text(in, b); } PUZLE_END

// ---- profile
PUZLE_ACTION(profile_open) { b.profile = {}; b.field = {}; } PUZLE_END
// `key` comes before the name; the field is cleared after each field (and by reset()).
PUZLE_ACTION(field_key) { b.field.key = exact(in, b); } PUZLE_END
PUZLE_ACTION(field_name) { b.field.name = ident(in, b); } PUZLE_END
PUZLE_ACTION(simple_type) {
  auto t = in.string();
  using K = ast::TypeExpr::Kind;
  b.field.type.kind = t == "int" ? K::Int : t == "decimal" ? K::Decimal : t == "money" ? K::Money
                    : t == "bool" ? K::Bool : K::Text;
} PUZLE_END
PUZLE_ACTION(kw_enum) { b.field.type.kind = ast::TypeExpr::Kind::Enum; } PUZLE_END
PUZLE_ACTION(enum_value) { b.field.type.enum_values.push_back(ident(in, b)); } PUZLE_END
PUZLE_ACTION(kw_level) { b.field.type.kind = ast::TypeExpr::Kind::Level; b.range = {}; } PUZLE_END
PUZLE_ACTION(level_index_name) { b.field.type.index = ident(in, b); } PUZLE_END
PUZLE_ACTION(level_range) { b.field.type.range = b.range; b.range = {}; } PUZLE_END
PUZLE_ACTION(kw_set) { b.field.type.kind = ast::TypeExpr::Kind::Set; } PUZLE_END
PUZLE_ACTION(set_item_type) { b.field.type.element = ident(in, b); } PUZLE_END
PUZLE_ACTION(field_type) { b.field.type.span = trimmed(in, b); } PUZLE_END
PUZLE_ACTION(field_default_value) { b.field.default_value = b.pop(); } PUZLE_END
PUZLE_ACTION(profile_field) { b.field.span = trimmed(in, b); b.profile.fields.push_back(std::move(b.field)); b.field = {}; } PUZLE_END
PUZLE_ACTION(profile_decl) { b.profile.span = trimmed(in, b); b.finish(std::move(b.profile)); b.profile = {}; } PUZLE_END

// ---- metamodel
PUZLE_ACTION(node_kind) {
  auto t = in.string();
  using K = ast::NodeDecl::Kind;
  ast::NodeDecl n;
  n.kind = t == "area" ? K::Area : t == "domain" ? K::Domain : t == "block" ? K::Block : K::Element;
  b.nodes.push_back(std::move(n));
  b.labelled = AstBuilder::Labelled::Node;
} PUZLE_END
PUZLE_ACTION(node_name) { b.nodes.back().name = ident(in, b); b.nodes.back().name_span = exact(in, b); } PUZLE_END
PUZLE_ACTION(node_label) { b.nodes.back().label = text(in, b); } PUZLE_END
PUZLE_ACTION(node_parent) { b.nodes.back().parent = path(in, b); } PUZLE_END
PUZLE_ACTION(effort_value) { b.nodes.back().effort = number(in, b); } PUZLE_END
PUZLE_ACTION(cost_value) { b.nodes.back().cost = number(in, b); } PUZLE_END
PUZLE_ACTION(maturity_area) { b.nodes.back().maturity_area = ident(in, b); } PUZLE_END
PUZLE_ACTION(maturity_level) { b.nodes.back().maturity = number(in, b); } PUZLE_END
PUZLE_ACTION(city_scale_word) { b.nodes.back().city_scale = exact(in, b); } PUZLE_END
PUZLE_ACTION(requires_item) { b.nodes.back().requires_.push_back(path(in, b)); } PUZLE_END
PUZLE_ACTION(solution_item) { b.nodes.back().solutions.push_back(path(in, b)); } PUZLE_END
PUZLE_ACTION(node_decl) { b.finish_node(trimmed(in, b)); if (!b.nodes.empty()) b.labelled = AstBuilder::Labelled::Node; } PUZLE_END

// ---- providers and solutions
PUZLE_ACTION(provider_name) { b.provider = {}; b.provider.name = ident(in, b); b.labelled = AstBuilder::Labelled::Provider; } PUZLE_END
PUZLE_ACTION(provider_label) { b.provider.label = text(in, b); } PUZLE_END
PUZLE_ACTION(provider_decl) { b.provider.span = trimmed(in, b); b.finish(std::move(b.provider)); b.provider = {}; } PUZLE_END
PUZLE_ACTION(solution_name) { b.solution = {}; b.solution.name = path(in, b); b.labelled = AstBuilder::Labelled::Solution; } PUZLE_END
PUZLE_ACTION(solution_label) { b.solution.label = text(in, b); } PUZLE_END
PUZLE_ACTION(covers_item) { b.solution.covers.push_back(path(in, b)); } PUZLE_END
PUZLE_ACTION(eligible_cond) { b.solution.eligible = b.pop(); } PUZLE_END
PUZLE_ACTION(solution_cost_value) { b.solution.cost = number(in, b); } PUZLE_END
PUZLE_ACTION(serves_cond) { b.provider.serves = b.pop(); } PUZLE_END
PUZLE_ACTION(provider_ack) { b.ack.span = trimmed(in, b); b.provider.acknowledgements.push_back(std::move(b.ack)); b.ack = {}; } PUZLE_END
PUZLE_ACTION(solution_ack) { b.ack.span = trimmed(in, b); b.solution.acknowledgements.push_back(std::move(b.ack)); b.ack = {}; } PUZLE_END
PUZLE_ACTION(solution_decl) { b.solution.span = trimmed(in, b); b.finish(std::move(b.solution)); b.solution = {}; } PUZLE_END

// ---- segments
PUZLE_ACTION(segment_name) { b.segment = {}; b.segment.name = ident(in, b); } PUZLE_END
PUZLE_ACTION(segment_label) { b.segment.label = text(in, b); } PUZLE_END
PUZLE_ACTION(segment_cond) { b.segment.condition = b.pop(); } PUZLE_END
PUZLE_ACTION(segment_ack) { b.ack.span = trimmed(in, b); b.segment.acknowledgements.push_back(std::move(b.ack)); b.ack = {}; } PUZLE_END
PUZLE_ACTION(segment_decl) { b.segment.span = trimmed(in, b); b.finish(std::move(b.segment)); b.segment = {}; } PUZLE_END

// ---- rules
// The reserve() calls below (and for an effect's targets, a text's parts) make room for a typical
// rule up front: fewer reallocations on large rulebases.
PUZLE_ACTION(rule_name) { b.rule = {}; b.rule.name = ident(in, b); b.rule.clause_spans.reserve(8); } PUZLE_END
PUZLE_ACTION(warning_name) { b.rule = {}; b.rule.name = ident(in, b); b.rule.warning = true; } PUZLE_END
PUZLE_ACTION(rule_title) { b.rule.title = text(in, b); } PUZLE_END
PUZLE_ACTION(source_text) { b.rule.sources.push_back(text(in, b)); } PUZLE_END
PUZLE_ACTION(valid_from_date) { b.rule.valid_from.push_back({in.string(), exact(in, b)}); } PUZLE_END
PUZLE_ACTION(valid_until_date) { b.rule.valid_until.push_back({in.string(), exact(in, b)}); } PUZLE_END
PUZLE_ACTION(for_var) { b.for_clause = {}; b.for_clause.var = ident(in, b); } PUZLE_END
PUZLE_ACTION(for_set) { b.for_clause.set = b.pop(); } PUZLE_END
PUZLE_ACTION(where_cond) { b.for_clause.where = b.pop(); } PUZLE_END
PUZLE_ACTION(for_clause) { b.for_clause.span = trimmed(in, b); b.rule.fors.push_back(std::move(b.for_clause)); b.for_clause = {}; b.rule.clause_spans.push_back(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(when_cond) { b.rule.whens.push_back(b.pop()); } PUZLE_END
PUZLE_ACTION(effect_kw) {
  auto t = in.string();
  using K = ast::EffectKind;
  b.effect = {};
  b.effect.targets.reserve(4);
  b.effect.kind = t == "suggest" ? K::Suggest : t == "require" ? K::Require : t == "exclude" ? K::Exclude
                : t == "boost" ? K::Boost : K::Penalize;
} PUZLE_END
PUZLE_ACTION(effect_target) { b.effect.targets.push_back(path(in, b)); } PUZLE_END
PUZLE_ACTION(weight_value) { b.effect.weight = number(in, b); } PUZLE_END
PUZLE_ACTION(due_date) { b.effect.due = ast::Date{in.string(), exact(in, b)}; } PUZLE_END
PUZLE_ACTION(effect_clause) { b.effect.span = trimmed(in, b); b.rule.effects.push_back(std::move(b.effect)); b.effect = {}; b.rule.clause_spans.push_back(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(because_text) { b.tpl.span = exact(in, b); b.rule.becauses.push_back(std::move(b.tpl)); b.tpl = {}; } PUZLE_END
PUZLE_ACTION(source_clause) { b.rule.clause_spans.push_back(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(valid_clause) { b.rule.clause_spans.push_back(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(when_clause) { b.rule.clause_spans.push_back(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(because_clause) { b.rule.clause_spans.push_back(trimmed(in, b)); } PUZLE_END
PUZLE_ACTION(rule_ack) {
  b.ack.span = trimmed(in, b);
  b.rule.acknowledgements.push_back(std::move(b.ack));
  b.ack = {};
  b.rule.clause_spans.push_back(trimmed(in, b));
} PUZLE_END
PUZLE_ACTION(rule_decl) { b.rule.span = trimmed(in, b); b.finish(std::move(b.rule)); b.rule = {}; } PUZLE_END
PUZLE_ACTION(warning_decl) { b.rule.span = trimmed(in, b); b.finish(std::move(b.rule)); b.rule = {}; } PUZLE_END

// ---- roadmap
PUZLE_ACTION(roadmap_open) { b.roadmap = {}; } PUZLE_END
PUZLE_ACTION(phase_name) { b.phase = {}; b.phase.name = ident(in, b); } PUZLE_END
PUZLE_ACTION(phase_label) { b.phase.label = text(in, b); } PUZLE_END
PUZLE_ACTION(size_range) { b.phase.size = b.range; b.range = {}; } PUZLE_END
PUZLE_ACTION(effort_range) { b.phase.effort = b.range; b.range = {}; } PUZLE_END
PUZLE_ACTION(budget_range) { b.phase.budget = b.range; b.range = {}; } PUZLE_END
PUZLE_ACTION(priority_open) { b.priority = {}; } PUZLE_END
PUZLE_ACTION(priority_term_name) { b.priority_term = {}; b.priority_term.name = ident(in, b); } PUZLE_END
PUZLE_ACTION(priority_weight) { b.priority_term.weight = number(in, b); } PUZLE_END
PUZLE_ACTION(priority_effort_max) { b.priority_term.effort_max = number(in, b); } PUZLE_END
PUZLE_ACTION(priority_term) { b.priority_term.span = trimmed(in, b); b.priority.terms.push_back(std::move(b.priority_term)); b.priority_term = {}; } PUZLE_END
PUZLE_ACTION(priority_decl) { b.priority.span = trimmed(in, b); b.roadmap.priorities.push_back(std::move(b.priority)); b.priority = {}; } PUZLE_END
PUZLE_ACTION(phase_decl) { b.phase.span = trimmed(in, b); b.roadmap.phases.push_back(std::move(b.phase)); b.phase = {}; } PUZLE_END
PUZLE_ACTION(roadmap_decl) { b.roadmap.span = trimmed(in, b); b.finish(std::move(b.roadmap)); b.roadmap = {}; } PUZLE_END

// ---- tests
PUZLE_ACTION(test_name) { b.test = {}; b.test.name = text(in, b); } PUZLE_END
PUZLE_ACTION(given_value) { b.test.given = b.pop(); } PUZLE_END
PUZLE_ACTION(expect_not) { b.expectation.negated = true; } PUZLE_END
PUZLE_ACTION(expect_status) {
  auto t = in.string();
  using K = ast::Expectation::Kind;
  b.expectation.kind = t == "suggested" ? K::Suggested : t == "required" ? K::Required
                     : t == "excluded" ? K::Excluded : K::Blocked;
} PUZLE_END
PUZLE_ACTION(expect_element) { b.expectation.element = path(in, b); } PUZLE_END
PUZLE_ACTION(expect_phase) { b.expectation.phase = ident(in, b); } PUZLE_END
PUZLE_ACTION(phase_expect) { b.expectation.kind = ast::Expectation::Kind::PhaseContains; } PUZLE_END
PUZLE_ACTION(score_cmp) { b.expectation.cmp = b.pop_op(); } PUZLE_END
PUZLE_ACTION(score_value) { b.expectation.value = number(in, b); } PUZLE_END
PUZLE_ACTION(score_expect) { b.expectation.kind = ast::Expectation::Kind::Score; } PUZLE_END
PUZLE_ACTION(expect_warning) { b.expectation.kind = ast::Expectation::Kind::Warning; } PUZLE_END
PUZLE_ACTION(expect_clause) { b.expectation.span = trimmed(in, b); b.test.expectations.push_back(std::move(b.expectation)); b.expectation = {}; } PUZLE_END
PUZLE_ACTION(test_decl) { b.test.span = trimmed(in, b); b.finish(std::move(b.test)); b.test = {}; } PUZLE_END
// clang-format on

#undef PUZLE_ACTION
#undef PUZLE_END

}  // namespace puzle::dsl::actions
