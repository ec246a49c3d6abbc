// dsl layer: the IR printer (location-free, so it compares meaning, not layout).
#include "puzle/ir_dump.hpp"

namespace puzle {
namespace {

const char* op_name(ir::Op op) { return ir::op_info(op).dump; }

std::string value(const ir::Program& p, const ir::Value& v) {
  switch (v.kind) {
    case ir::TypeKind::Bool: return v.boolean ? "true" : "false";
    case ir::TypeKind::Text: return "\"" + v.text + "\"";
    case ir::TypeKind::Enum: return "#" + std::to_string(v.index);
    case ir::TypeKind::Element: return v.index < p.elements.size() ? p.element_node(v.index).path : "?";
    case ir::TypeKind::Area: return v.index < p.areas.size() ? p.nodes[p.areas[v.index]].path : "?";
    case ir::TypeKind::Node: return v.index < p.nodes.size() ? p.nodes[v.index].path : "?";
    case ir::TypeKind::Set: {
      std::string s = "[";
      for (std::size_t i = 0; i < v.elements.size(); ++i) s += (i ? " " : "") + p.element_node(v.elements[i]).path;
      return s + "]";
    }
    case ir::TypeKind::PerAreaLevel: {
      std::string s = "{";
      for (std::size_t i = 0; i < v.levels.size(); ++i) s += (i ? " " : "") + v.levels[i].to_string();
      return s + "}";
    }
    default: return v.number.to_string();
  }
}

std::string labels(const std::vector<ir::Label>& ls) {
  std::string s;
  for (const auto& l : ls) s += " " + l.lang + ":\"" + l.text + "\"";
  return s;
}

}  // namespace

std::string dump_ir_expr(const ir::Program& p, ir::ExprId id) {
  if (id == ir::kNone) return "true";
  const ir::Expr& e = p.exprs[id];
  switch (e.op) {
    case ir::Op::Const: return value(p, p.constants[e.a]);
    case ir::Op::Field: return p.fields[e.a].name;
    case ir::Op::FieldAt: return "(" + p.fields[e.a].name + " " + dump_ir_expr(p, e.lhs) + ")";
    case ir::Op::Segment: return "@" + p.segments[e.a].id;
    case ir::Op::Var: return "$";
    case ir::Op::AllElements: return "elements";
    case ir::Op::ElementList:
    case ir::Op::InList:
    case ir::Op::NotInList: {
      std::string s = "(" + std::string(op_name(e.op));
      if (e.lhs != ir::kNone) s += " " + dump_ir_expr(p, e.lhs);
      for (ir::Id i = 0; i < e.b; ++i) s += " " + dump_ir_expr(p, p.list_items[e.a + i]);
      return s + ")";
    }
    default: {
      std::string s = "(" + std::string(op_name(e.op));
      if (e.lhs != ir::kNone) s += " " + dump_ir_expr(p, e.lhs);
      if (e.rhs != ir::kNone) s += " " + dump_ir_expr(p, e.rhs);
      return s + ")";
    }
  }
}

std::string dump_program(const ir::Program& p) {
  std::string out;
  for (ir::FieldId id = 0; id < p.fields.size(); ++id) {
    const auto& f = p.fields[id];
    out += "field " + f.name + " kind=" + std::to_string(static_cast<int>(f.type.kind));
    for (const auto& v : f.enum_values) out += " " + v;
    if (f.type.kind == ir::TypeKind::Level || f.type.kind == ir::TypeKind::PerAreaLevel)
      out += " " + f.lo.to_string() + ".." + f.hi.to_string();
    if (id == p.key_field) out += " key";
    if (f.default_value) out += " = " + value(p, *f.default_value);
    out += "\n";
  }
  for (const auto& n : p.nodes) {
    out += "node " + n.path + labels(n.labels);
    if (!n.descriptions.empty()) out += " desc" + labels(n.descriptions);
    if (n.element != ir::kNone) {
      const auto& e = p.elements[n.element];
      if (e.effort) out += " effort=" + e.effort->to_string();
      if (e.cost) out += " cost=" + e.cost->to_string();
      if (e.maturity) out += " maturity=" + p.nodes[p.areas[e.maturity_area]].id + ":" + std::to_string(*e.maturity);
      if (e.city_scale) out += " city_scale";
      for (auto r : e.requires_) out += " requires=" + p.element_node(r).path;
      for (auto s : e.solutions) out += " solution=" + p.solutions[s].id;
    }
    out += "\n";
  }
  for (const auto& pr : p.providers)
    out += "provider " + pr.id + labels(pr.labels) + " url=" + pr.url + " serves=" + dump_ir_expr(p, pr.serves) + "\n";
  for (const auto& s : p.solutions) {
    out += "solution " + s.id + labels(s.labels) + " eligible=" + dump_ir_expr(p, s.eligible);
    if (s.cost) out += " cost=" + s.cost->to_string();
    for (auto c : s.covers) out += " covers=" + p.element_node(c).path;
    out += "\n";
  }
  for (const auto& s : p.segments)
    out += "segment " + s.id + " \"" + s.label + "\" = " + dump_ir_expr(p, s.condition) + "\n";
  static const char* effects[] = {"suggest", "require", "exclude", "boost", "penalize"};
  for (const auto& r : p.rules) {
    out += "rule " + r.id + " \"" + r.title + "\"";
    for (const auto& s : r.sources) out += " source=\"" + s + "\"";
    if (r.valid_from) out += " from=" + r.valid_from->to_string();
    if (r.valid_until) out += " until=" + r.valid_until->to_string();
    out += "\n";
    if (r.for_set != ir::kNone)
      out += "  for " + dump_ir_expr(p, r.for_set) + " where " + dump_ir_expr(p, r.where) + "\n";
    out += "  when " + dump_ir_expr(p, r.when) + "\n";
    for (const auto& e : r.effects)
      out += std::string("  ") + effects[static_cast<int>(e.kind)] + " " +
             (e.target == ir::kNone ? std::string("$") : p.element_node(e.target).path) + " " + e.weight.to_string() +
             (e.due.empty() ? "" : " due=" + e.due.to_string()) + "\n";
    if (!r.because.empty()) {
      out += "  because";
      for (const auto& part : r.because)
        out += part.expr == ir::kNone ? " \"" + part.text + "\"" : " {" + dump_ir_expr(p, part.expr) + "}";
      out += "\n";
    }
  }
  if (p.priority.declared) {
    out += "priority";
    for (std::size_t t = 0; t < p.priority.weight.size(); ++t)
      if (p.priority.weight[t])
        out += std::string(" ") + ir::kRankTermNames[t] + "=" + p.priority.weight[t]->to_string();
    if (p.priority.of(ir::RankTerm::QuickWin)) out += " quick_win_effort=.." + p.priority.quick_win_effort.to_string();
    out += "\n";
  }
  for (const auto& ph : p.phases) {
    auto bound = [&](const std::optional<Decimal>& d, ir::ExprId computed) {
      return computed != ir::kNone ? dump_ir_expr(p, computed) : d ? d->to_string() : std::string();
    };
    out += "phase " + ph.id + " \"" + ph.label + "\" size=" + bound(ph.size_min, ir::kNone) + ".." +
           bound(ph.size_max, ph.size_expr) + " effort=" + bound(ph.effort_min, ir::kNone) + ".." +
           bound(ph.effort_max, ph.effort_expr) + " budget=" + bound(ph.budget_min, ir::kNone) + ".." +
           bound(ph.budget_max, ph.budget_expr) + "\n";
  }
  static const char* expects[] = {"suggested", "required", "excluded", "blocked", "phase", "score", "warning"};
  for (const auto& t : p.tests) {
    out += "test \"" + t.name + "\"\n  given";
    for (std::size_t f = 0; f < t.given.size(); ++f) out += " " + p.fields[f].name + "=" + value(p, t.given[f]);
    out += "\n";
    for (const auto& x : t.expectations) {
      out += std::string("  expect ") + (x.negated ? "not " : "") + expects[static_cast<int>(x.kind)];
      if (x.phase != ir::kNone) out += " " + p.phases[x.phase].id;
      out +=
          " " + (x.kind == ir::Expectation::Kind::Warning ? p.warnings[x.warning].id : p.element_node(x.element).path);
      if (x.kind == ir::Expectation::Kind::Score) out += std::string(" ") + op_name(x.cmp) + " " + x.value.to_string();
      out += "\n";
    }
  }
  return out;
}

}  // namespace puzle
