// dsl layer: the formatter's canonical layout: declarations to items, in the fixed order.
#include <algorithm>
#include <variant>

#include "overloaded.hpp"

#include "format/doc.hpp"

namespace puzle::format_impl {
namespace {

Anchor anchor(Span s) { return {s.begin, s.end}; }

std::string join(const std::vector<ast::Path>& paths) {
  std::string s;
  for (std::size_t i = 0; i < paths.size(); ++i) s += (i ? ", " : "") + paths[i].joined();
  return s;
}

std::string range(const ast::Range& r) { return (r.lo ? r.lo->text : "") + ".." + (r.hi ? r.hi->text : ""); }

std::string type_text(const ast::TypeExpr& t) {
  using K = ast::TypeExpr::Kind;
  switch (t.kind) {
    case K::Int: return "int";
    case K::Decimal: return "decimal";
    case K::Money: return "money";
    case K::Bool: return "bool";
    case K::Text: return "text";
    case K::Enum: {
      std::string s = "enum { ";
      for (std::size_t i = 0; i < t.enum_values.size(); ++i) s += (i ? ", " : "") + t.enum_values[i].text;
      return s + " }";
    }
    case K::Level: return "level" + (t.index ? "[" + t.index->text + "]" : std::string()) + " " + range(t.range);
    case K::Set: return "set<" + (t.element ? t.element->text : std::string()) + ">";
  }
  return "int";
}

const char* node_word(ast::NodeDecl::Kind k) {
  switch (k) {
    case ast::NodeDecl::Kind::Area: return "area";
    case ast::NodeDecl::Kind::Domain: return "domain";
    case ast::NodeDecl::Kind::Block: return "block";
    case ast::NodeDecl::Kind::Element: return "element";
  }
  return "element";
}

const char* effect_word(ast::EffectKind k) {
  switch (k) {
    case ast::EffectKind::Suggest: return "suggest";
    case ast::EffectKind::Require: return "require";
    case ast::EffectKind::Exclude: return "exclude";
    case ast::EffectKind::Boost: return "boost";
    case ast::EffectKind::Penalize: return "penalize";
  }
  return "suggest";
}

const char* cmp_text(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Ne: return "!=";
    case ast::BinaryOp::Lt: return "<";
    case ast::BinaryOp::Le: return "<=";
    case ast::BinaryOp::Gt: return ">";
    case ast::BinaryOp::Ge: return ">=";
    default: return "==";
  }
}

std::string expectation_text(const ast::Expectation& e) {
  using K = ast::Expectation::Kind;
  std::string s = std::string("expect ") + (e.negated ? "not " : "");
  const std::string path = e.element.joined();
  switch (e.kind) {
    case K::Suggested: return s + "suggested " + path;
    case K::Required: return s + "required " + path;
    case K::Excluded: return s + "excluded " + path;
    case K::Blocked: return s + "blocked " + path;
    case K::PhaseContains: return s + "phase " + (e.phase ? e.phase->text : "") + " contains " + path;
    case K::Score: return s + "score " + path + " " + cmp_text(e.cmp) + " " + (e.value ? e.value->text : "0");
    case K::Warning: return s + "warning " + path;
  }
  return s + "suggested " + path;
}

// A word that, at the start of the next given entry, would continue the previous value.
bool continues_expression(const std::string& key) { return key == "in" || key == "and" || key == "or"; }

struct Layout {
  const ast::Module& m;
  const std::string& text;

  // The next token at or after `pos`: skips spaces and comments, as the grammar's `sep` does.
  std::uint32_t skip_trivia(std::uint32_t pos) const {
    const std::size_t n = text.size();
    while (pos < n) {
      const char c = text[pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        ++pos;
      } else if (text.compare(pos, 2, "//") == 0) {
        const auto nl = text.find('\n', pos);
        pos = static_cast<std::uint32_t>(nl == std::string::npos ? n : nl);
      } else if (text.compare(pos, 2, "/*") == 0) {
        const auto close = text.find("*/", pos + 2);
        pos = static_cast<std::uint32_t>(close == std::string::npos ? n : close + 2);
      } else {
        break;
      }
    }
    return pos;
  }

  Span expr_span(ast::ExprId id) const { return id < m.exprs.size() ? m.exprs[id].span : Span{}; }

  // Just after the `{` that follows `after`, or `after` itself if no brace follows.
  std::uint32_t after_open_brace(std::uint32_t after) const {
    const auto p = skip_trivia(after);
    return p < text.size() && text[p] == '{' ? p + 1 : after;
  }

  static Item line(std::string s, std::vector<Anchor> anchors) {
    Item it;
    it.text = std::move(s);
    it.anchors = std::move(anchors);
    return it;
  }

  static Item braced(std::string head, Span whole, std::uint32_t head_end, bool empty_braces) {
    Item it;
    it.shape = Item::Shape::Braced;
    it.text = std::move(head);
    it.anchors = {anchor(whole)};
    it.head_end = head_end;
    it.empty_braces = empty_braces;
    return it;
  }

  static void localized(Item& parent, const char* keyword, const std::vector<ast::Localized>& ls) {
    for (const auto& l : ls)
      parent.children.push_back(line(
          std::string(keyword) + " " + (l.lang ? l.lang->text + " " : "") + quote(l.text.value), {anchor(l.span)}));
  }

  // All `requires` (or `solution`, `covers`) clauses merge into one line.
  static void paths(Item& parent, const char* keyword, const std::vector<ast::Path>& ps) {
    if (ps.empty()) return;
    std::vector<Anchor> anchors;
    for (const auto& p : ps) anchors.push_back(anchor(p.span));
    parent.children.push_back(line(std::string(keyword) + " " + join(ps), std::move(anchors)));
  }

  // `acknowledge CODE "reason"`, one per line, in source order.
  static void acknowledgements(Item& parent, const std::vector<ast::Acknowledgement>& acks) {
    for (const auto& a : acks)
      parent.children.push_back(line("acknowledge " + a.code.text + " " + quote(a.reason.value), {anchor(a.span)}));
  }

  // Header end: the end of the declaration when it has no body, else just after its `{`.
  std::uint32_t head_end(std::uint32_t header_end, Span whole) const {
    return whole.end > header_end ? after_open_brace(header_end) : whole.end;
  }

  // Members: labels, descriptions, effort, cost, maturity, requires, solution, then nested declarations.
  Item node(const ast::NodeDecl& n) const {
    std::string head = std::string(node_word(n.kind)) + " " + n.name.text;
    std::uint32_t header_end = n.name.span.end;
    if (n.label) {
      head += " " + quote(n.label->value);
      header_end = std::max(header_end, n.label->span.end);
    }
    if (n.parent) {
      head += " in " + n.parent->joined();
      header_end = std::max(header_end, n.parent->span.end);
    }
    Item it = braced(std::move(head), n.span, head_end(header_end, n.span), false);
    localized(it, "label", n.labels);
    localized(it, "description", n.descriptions);
    if (n.effort) it.children.push_back(line("effort " + n.effort->text, {anchor(n.effort->span)}));
    if (n.cost) it.children.push_back(line("cost " + n.cost->text, {anchor(n.cost->span)}));
    if (n.maturity)
      it.children.push_back(line("maturity " + (n.maturity_area ? n.maturity_area->text + " " : "") + n.maturity->text,
                                 {anchor(n.maturity_area ? n.maturity_area->span : n.maturity->span)}));
    if (n.city_scale) it.children.push_back(line("city_scale", {anchor(*n.city_scale)}));
    paths(it, "requires", n.requires_);
    paths(it, "solution", n.solutions);
    for (const auto& c : n.children) it.children.push_back(node(c));
    return it;
  }

  Item profile(const ast::ProfileDecl& p) const {
    Item it = braced("profile", p.span, after_open_brace(p.span.begin + 7), true);
    for (const auto& f : p.fields) {
      std::string s = (f.key ? "key " : "") + f.name.text + ": " + type_text(f.type);
      if (f.default_value) s += " = " + print_expr(m, *f.default_value);
      it.children.push_back(line(std::move(s), {anchor(f.span)}));
    }
    return it;
  }

  // Members: labels, descriptions, url, serves when, acknowledge.
  Item provider(const ast::ProviderDecl& p) const {
    Item it = braced("provider " + p.name.text + " " + quote(p.label.value), p.span,
                     head_end(std::max(p.name.span.end, p.label.span.end), p.span), false);
    localized(it, "label", p.labels);
    localized(it, "description", p.descriptions);
    if (p.url) it.children.push_back(line("url " + quote(p.url->value), {anchor(p.url->span)}));
    if (p.serves)
      it.children.push_back(line("serves when " + print_expr(m, *p.serves), {anchor(expr_span(*p.serves))}));
    acknowledgements(it, p.acknowledgements);
    return it;
  }

  // Members: labels, descriptions, url, covers, eligible when, cost, acknowledge.
  Item solution(const ast::SolutionDecl& s) const {
    Item it = braced("solution " + s.name.joined() + " " + quote(s.label.value), s.span,
                     head_end(std::max(s.name.span.end, s.label.span.end), s.span), false);
    localized(it, "label", s.labels);
    localized(it, "description", s.descriptions);
    if (s.url) it.children.push_back(line("url " + quote(s.url->value), {anchor(s.url->span)}));
    paths(it, "covers", s.covers);
    if (s.eligible)
      it.children.push_back(line("eligible when " + print_expr(m, *s.eligible), {anchor(expr_span(*s.eligible))}));
    if (s.cost) it.children.push_back(line("cost " + s.cost->text, {anchor(s.cost->span)}));
    acknowledgements(it, s.acknowledgements);
    return it;
  }

  // One line; with acknowledgements, they follow it indented, as a rule's clauses.
  Item segment(const ast::SegmentDecl& s) const {
    std::string t =
        "segment " + s.name.text + (s.label ? " " + quote(s.label->value) : "") + " = " + print_expr(m, s.condition);
    if (s.acknowledgements.empty()) return line(std::move(t), {anchor(s.span)});
    Item it;
    it.shape = Item::Shape::Indented;
    it.text = std::move(t);
    it.anchors = {anchor(s.span)};
    it.head_end = expr_span(s.condition).end;
    acknowledgements(it, s.acknowledgements);
    return it;
  }

  // Clauses: source, valid, acknowledge, for, when, effects, because. One `from` and one `until` share a
  // line; with more (an error the checker reports) each date gets its own clause.
  Item rule(const ast::RuleDecl& r) const {
    Item it;
    it.shape = Item::Shape::Indented;
    it.text = (r.warning ? "warning " : "rule ") + r.name.text + (r.title ? " " + quote(r.title->value) : "");
    it.anchors = {anchor(r.span)};
    it.head_end = r.title ? std::max(r.name.span.end, r.title->span.end) : r.name.span.end;
    for (const auto& s : r.sources) it.children.push_back(line("source " + quote(s.value), {anchor(s.span)}));
    if (r.valid_from.size() == 1 && r.valid_until.size() == 1) {
      it.children.push_back(line("valid from " + r.valid_from[0].text + " until " + r.valid_until[0].text,
                                 {anchor(r.valid_from[0].span), anchor(r.valid_until[0].span)}));
    } else {
      for (const auto& d : r.valid_from) it.children.push_back(line("valid from " + d.text, {anchor(d.span)}));
      for (const auto& d : r.valid_until) it.children.push_back(line("valid until " + d.text, {anchor(d.span)}));
    }
    acknowledgements(it, r.acknowledgements);
    for (const auto& f : r.fors) {
      std::string s = "for " + f.var.text + " in " + print_expr(m, f.set);
      if (f.where) s += " where " + print_expr(m, *f.where);
      it.children.push_back(line(std::move(s), {anchor(f.span)}));
    }
    for (auto w : r.whens) it.children.push_back(line("when " + print_expr(m, w), {anchor(expr_span(w))}));
    for (const auto& e : r.effects) {
      std::string s = std::string(effect_word(e.kind)) + " " + join(e.targets);
      if (e.weight) s += " weight " + e.weight->text;
      if (e.due) s += " due " + e.due->text;
      it.children.push_back(line(std::move(s), {anchor(e.span)}));
    }
    for (const auto& b : r.becauses) it.children.push_back(line("because " + print_template(m, b), {anchor(b.span)}));
    return it;
  }

  std::string limit_range(const ast::Range& r) const {
    return r.hi_expr ? (r.lo ? r.lo->text : "") + "..(" + print_expr(m, *r.hi_expr) + ")" : range(r);
  }

  // Phase limits in the order size, effort, budget, separated by single spaces.
  Item roadmap(const ast::RoadmapDecl& r) const {
    Item it = braced("roadmap", r.span, after_open_brace(r.span.begin + 7), true);
    for (const auto& pr : r.priorities) {  // the ranking first, then the phases
      Item block = braced("priority", pr.span, after_open_brace(pr.span.begin + 8), true);
      for (const auto& t : pr.terms)
        block.children.push_back(
            line(t.name.text + " " + t.weight.text + (t.effort_max ? " effort .." + t.effort_max->text : ""),
                 {anchor(t.span)}));
      it.children.push_back(std::move(block));
    }
    for (const auto& p : r.phases) {
      std::string s = "phase " + p.name.text + (p.label ? " " + quote(p.label->value) : "");
      if (p.size) s += " size " + limit_range(*p.size);
      if (p.effort) s += " effort " + limit_range(*p.effort);
      if (p.budget) s += " budget " + limit_range(*p.budget);
      it.children.push_back(line(std::move(s), {anchor(p.span)}));
    }
    return it;
  }

  // `given {` with one entry per line, no commas (except where the next key is an operator
  // word that would continue the value), then the `expect` lines.
  Item test(const ast::TestDecl& t) const {
    const std::uint32_t open_end = after_open_brace(t.name.span.end);
    Item it = braced("test " + quote(t.name.value), t.span, open_end, true);
    if (t.given) {
      const Span g = expr_span(*t.given);
      const auto* obj = *t.given < m.exprs.size() ? std::get_if<ast::Object>(&m.exprs[*t.given].kind) : nullptr;
      std::uint32_t begin = skip_trivia(open_end);  // the `given` keyword
      if (begin > g.begin) begin = g.begin;
      if (!obj) {
        it.children.push_back(line("given " + print_expr(m, *t.given), {{begin, g.end}}));
      } else {
        Item given = braced("given", Span{g.file, begin, g.end}, g.begin + 1, true);
        for (std::size_t i = 0; i < obj->entries.size(); ++i) {
          const auto& [key, value] = obj->entries[i];
          std::string s = key.text + ": " + print_expr(m, value);
          if (i + 1 < obj->entries.size() && continues_expression(obj->entries[i + 1].first.text)) s += ",";
          given.children.push_back(line(std::move(s), {{key.span.begin, expr_span(value).end}}));
        }
        it.children.push_back(std::move(given));
      }
    }
    for (const auto& e : t.expectations) it.children.push_back(line(expectation_text(e), {anchor(e.span)}));
    return it;
  }
};

}  // namespace

std::vector<Item> layout(const ast::Module& m, const SourceFile& file) {
  Layout l{m, file.text()};
  std::vector<Item> items;
  for (const auto& d : m.decls) {
    items.push_back(std::visit(overloaded{
                                   [&](const ast::ProfileDecl& p) { return l.profile(p); },
                                   [&](const ast::NodeDecl& n) { return l.node(n); },
                                   [&](const ast::ProviderDecl& p) { return l.provider(p); },
                                   [&](const ast::SolutionDecl& s) { return l.solution(s); },
                                   [&](const ast::SegmentDecl& s) { return l.segment(s); },
                                   [&](const ast::RuleDecl& r) { return l.rule(r); },
                                   [&](const ast::RoadmapDecl& r) { return l.roadmap(r); },
                                   [&](const ast::TestDecl& t) { return l.test(t); },
                               },
                               d));
  }
  return items;
}

}  // namespace puzle::format_impl
