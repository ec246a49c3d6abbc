// dsl layer: the AST printer. One line per declaration member, expressions as s-expressions.
#include "puzle/ast_dump.hpp"

#include <variant>

#include "overloaded.hpp"

namespace puzle {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

struct Dumper {
  const ast::Module& m;
  std::string out;

  std::string expr(ast::ExprId id) const {
    const auto& e = m.expr(id);
    return std::visit(overloaded{
                          [](const ast::NumberLit& n) { return n.text; },
                          [](const ast::StringLit& s) { return quote(s.value); },
                          [](const ast::BoolLit& b) { return std::string(b.value ? "true" : "false"); },
                          [](const ast::Name& n) { return n.path.joined(); },
                          [&](const ast::Unary& u) {
                            return std::string("(") + (u.op == ast::UnaryOp::Not ? "not " : "neg ") + expr(u.operand) +
                                   ")";
                          },
                          [&](const ast::Binary& b) {
                            return std::string("(") + ast::op_text(b.op) + " " + expr(b.lhs) + " " + expr(b.rhs) + ")";
                          },
                          [&](const ast::Call& c) {
                            std::string s = "(call " + c.callee.joined();
                            for (auto a : c.args) s += " " + expr(a);
                            return s + ")";
                          },
                          [&](const ast::Index& i) { return "(index " + expr(i.base) + " " + expr(i.index) + ")"; },
                          [&](const ast::List& l) {
                            std::string s = "[";
                            for (std::size_t i = 0; i < l.items.size(); ++i) s += (i ? " " : "") + expr(l.items[i]);
                            return s + "]";
                          },
                          [&](const ast::Object& o) {
                            std::string s = "{";
                            for (std::size_t i = 0; i < o.entries.size(); ++i)
                              s += (i ? " " : "") + o.entries[i].first.text + ": " + expr(o.entries[i].second);
                            return s + "}";
                          },
                      },
                      e.kind);
  }

  void line(int indent, const std::string& s) {
    out += std::string(static_cast<std::size_t>(indent) * 2, ' ') + s + "\n";
  }

  static std::string range(const ast::Range& r) { return (r.lo ? r.lo->text : "") + ".." + (r.hi ? r.hi->text : ""); }
  std::string limit_range(const ast::Range& r) const {
    return r.hi_expr ? (r.lo ? r.lo->text : "") + ".." + expr(*r.hi_expr) : range(r);
  }

  void localized(int indent, const char* what, const std::vector<ast::Localized>& ls) {
    for (const auto& l : ls)
      line(indent, std::string(what) + " " + (l.lang ? l.lang->text + " " : "") + quote(l.text.value));
  }

  void node(int indent, const ast::NodeDecl& n) {
    static const char* kinds[] = {"area", "domain", "block", "element"};
    std::string head = std::string(kinds[static_cast<int>(n.kind)]) + " " + n.name.text;
    if (n.label) head += " " + quote(n.label->value);
    if (n.parent) head += " in " + n.parent->joined();
    line(indent, head);
    localized(indent + 1, "label", n.labels);
    localized(indent + 1, "description", n.descriptions);
    if (n.effort) line(indent + 1, "effort " + n.effort->text);
    if (n.cost) line(indent + 1, "cost " + n.cost->text);
    if (n.maturity)
      line(indent + 1, "maturity " + (n.maturity_area ? n.maturity_area->text + " " : "") + n.maturity->text);
    if (n.city_scale) line(indent + 1, "city_scale");
    for (const auto& r : n.requires_) line(indent + 1, "requires " + r.joined());
    for (const auto& s : n.solutions) line(indent + 1, "solution " + s.joined());
    for (const auto& c : n.children) node(indent + 1, c);
  }

  void acknowledgements(int indent, const std::vector<ast::Acknowledgement>& acks) {
    for (const auto& a : acks) line(indent, "acknowledge " + a.code.text + " " + quote(a.reason.value));
  }

  std::string tmpl(const ast::Template& t) const {
    std::string s = "(template";
    for (const auto& p : t.parts) s += " " + (p.expr ? "{" + expr(*p.expr) + "}" : quote(p.text));
    return s + ")";
  }

  void decl(const ast::Decl& d) {
    std::visit(
        overloaded{
            [&](const ast::ProfileDecl& p) {
              line(0, "profile");
              for (const auto& f : p.fields) {
                static const char* kinds[] = {"int", "decimal", "money", "bool", "text", "enum", "level", "set"};
                std::string t = kinds[static_cast<int>(f.type.kind)];
                if (f.type.kind == ast::TypeExpr::Kind::Enum) {
                  t += " {";
                  for (std::size_t i = 0; i < f.type.enum_values.size(); ++i)
                    t += (i ? ", " : "") + f.type.enum_values[i].text;
                  t += "}";
                }
                if (f.type.kind == ast::TypeExpr::Kind::Level) {
                  if (f.type.index) t += "[" + f.type.index->text + "]";
                  t += " " + range(f.type.range);
                }
                if (f.type.kind == ast::TypeExpr::Kind::Set)
                  t += "<" + (f.type.element ? f.type.element->text : "") + ">";
                line(1, (f.key ? "key " : "") + f.name.text + ": " + t +
                            (f.default_value ? " = " + expr(*f.default_value) : ""));
              }
            },
            [&](const ast::NodeDecl& n) { node(0, n); },
            [&](const ast::ProviderDecl& p) {
              line(0, "provider " + p.name.text + " " + quote(p.label.value));
              localized(1, "label", p.labels);
              localized(1, "description", p.descriptions);
              if (p.url) line(1, "url " + quote(p.url->value));
              if (p.serves) line(1, "serves when " + expr(*p.serves));
              acknowledgements(1, p.acknowledgements);
            },
            [&](const ast::SolutionDecl& s) {
              line(0, "solution " + s.name.joined() + " " + quote(s.label.value));
              localized(1, "label", s.labels);
              localized(1, "description", s.descriptions);
              if (s.url) line(1, "url " + quote(s.url->value));
              for (const auto& c : s.covers) line(1, "covers " + c.joined());
              if (s.eligible) line(1, "eligible when " + expr(*s.eligible));
              if (s.cost) line(1, "cost " + s.cost->text);
              acknowledgements(1, s.acknowledgements);
            },
            [&](const ast::SegmentDecl& s) {
              line(0,
                   "segment " + s.name.text + (s.label ? " " + quote(s.label->value) : "") + " = " + expr(s.condition));
              acknowledgements(1, s.acknowledgements);
            },
            [&](const ast::RuleDecl& r) {
              line(0, (r.warning ? "warning " : "rule ") + r.name.text + (r.title ? " " + quote(r.title->value) : ""));
              for (const auto& s : r.sources) line(1, "source " + quote(s.value));
              for (const auto& d : r.valid_from) line(1, "valid from " + d.text);
              for (const auto& d : r.valid_until) line(1, "valid until " + d.text);
              acknowledgements(1, r.acknowledgements);
              for (const auto& f : r.fors)
                line(1, "for " + f.var.text + " in " + expr(f.set) + (f.where ? " where " + expr(*f.where) : ""));
              for (auto w : r.whens) line(1, "when " + expr(w));
              for (const auto& e : r.effects) {
                static const char* kinds[] = {"suggest", "require", "exclude", "boost", "penalize"};
                std::string s = kinds[static_cast<int>(e.kind)];
                for (std::size_t i = 0; i < e.targets.size(); ++i) s += (i ? ", " : " ") + e.targets[i].joined();
                if (e.weight) s += " weight " + e.weight->text;
                if (e.due) s += " due " + e.due->text;
                line(1, s);
              }
              for (const auto& b : r.becauses) line(1, "because " + tmpl(b));
            },
            [&](const ast::RoadmapDecl& r) {
              line(0, "roadmap");
              for (const auto& pr : r.priorities) {
                line(1, "priority");
                for (const auto& t : pr.terms)
                  line(2, t.name.text + " " + t.weight.text + (t.effort_max ? " effort .." + t.effort_max->text : ""));
              }
              for (const auto& p : r.phases) {
                std::string s = "phase " + p.name.text + (p.label ? " " + quote(p.label->value) : "");
                if (p.size) s += " size " + limit_range(*p.size);
                if (p.effort) s += " effort " + limit_range(*p.effort);
                if (p.budget) s += " budget " + limit_range(*p.budget);
                line(1, s);
              }
            },
            [&](const ast::TestDecl& t) {
              line(0, "test " + quote(t.name.value));
              if (t.given) line(1, "given " + expr(*t.given));
              for (const auto& e : t.expectations) {
                static const char* kinds[] = {"suggested", "required", "excluded", "blocked",
                                              "phase",     "score",    "warning"};
                std::string s = std::string("expect ") + (e.negated ? "not " : "") + kinds[static_cast<int>(e.kind)];
                if (e.phase) s += " " + e.phase->text + " contains";
                s += " " + e.element.joined();
                if (e.kind == ast::Expectation::Kind::Score)
                  s += std::string(" ") + ast::op_text(e.cmp) + " " + (e.value ? e.value->text : "");
                line(1, s);
              }
            },
        },
        d);
  }
};

}  // namespace

std::string dump_expr(const ast::Module& module, ast::ExprId id) { return Dumper{module, {}}.expr(id); }

std::string dump_ast(const ast::Module& module) {
  Dumper d{module, {}};
  for (const auto& decl : module.decls) d.decl(decl);
  return d.out;
}

}  // namespace puzle
