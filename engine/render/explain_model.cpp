// engine layer (rendering): builds the explanation data from the recorded trace.
#include "render/explain_model.hpp"

#include <algorithm>
#include <set>

#include "eval/expr_eval.hpp"
#include "rulebase/plan.hpp"

namespace puzle::explain {
namespace {

// Reads display values without running any rule: fields from the profile, segments from the
// values the evaluator recorded.
class Facts {
 public:
  Facts(const RenderInput& in, ir::ElementId binding)
      : in_(in), p_(in.rulebase.program()), segments_(in.result.segments), eval_(p_, in.profile, segments_) {
    eval_.bind(binding);
  }

  std::vector<Fact> of(ir::ExprId root) {
    std::vector<Fact> out;
    std::set<std::string> seen;
    walk(root, out, seen);
    return out;
  }

  std::string show(ir::ExprId id) {
    const ir::Expr& x = p_.exprs[id];
    try {
      if (x.type.kind == ir::TypeKind::Bool) return eval_.truth(id) ? "true" : "false";
      if (x.type.numeric()) return eval_.number(id).to_string();
      auto s = eval_.scalar(id);
      switch (x.type.kind) {
        case ir::TypeKind::Text: return s.text ? *s.text : "";
        case ir::TypeKind::Enum: return p_.fields[x.type.field].enum_values.at(s.index);
        case ir::TypeKind::Element: return s.index < p_.elements.size() ? label(p_, p_.elements[s.index].node) : "?";
        case ir::TypeKind::Area: return s.index < p_.areas.size() ? label(p_, p_.areas[s.index]) : "?";
        case ir::TypeKind::Node: return s.index < p_.nodes.size() ? label(p_, s.index) : "?";
        default: return "?";
      }
    } catch (const eval::ArithmeticError& e) {
      return "(" + e.what + ")";
    }
  }

 private:
  void add(std::vector<Fact>& out, std::set<std::string>& seen, std::string name, std::string value) {
    if (seen.insert(name).second) out.push_back({std::move(name), std::move(value)});
  }

  void walk(ir::ExprId id, std::vector<Fact>& out, std::set<std::string>& seen) {
    if (id == ir::kNone) return;
    const ir::Expr& x = p_.exprs[id];
    switch (x.op) {
      case ir::Op::Field:
        if (x.type.kind == ir::TypeKind::Set) {
          add(out, seen, "count(" + p_.fields[x.a].name + ")", std::to_string(in_.profile.values[x.a].elements.size()));
        } else {
          add(out, seen, p_.fields[x.a].name, value_text(in_, in_.profile.values[x.a], p_.fields[x.a]));
        }
        return;
      case ir::Op::FieldAt: {
        const auto area = eval_.scalar(x.lhs).index;
        const std::string area_id = area < p_.areas.size() ? p_.nodes[p_.areas[area]].id : "?";
        add(out, seen, p_.fields[x.a].name + "[" + area_id + "]",
            area < p_.areas.size() ? in_.profile.values[x.a].levels[area].to_string() : "?");
        return;
      }
      case ir::Op::Segment:
        add(out, seen, "segment " + p_.segments[x.a].id,
            segments_[x.a] < 0 ? "not evaluated"
            : segments_[x.a]   ? "true"
                               : "false");
        walk(p_.segments[x.a].condition, out, seen);
        return;
      case ir::Op::InSet:
      case ir::Op::NotInSet:
        add(out, seen, source_text(in_, p_.exprs[x.lhs].span) + " in " + source_text(in_, p_.exprs[x.rhs].span),
            eval_.member(eval_.scalar(x.lhs).index, x.rhs) ? "yes" : "no");
        return;
      default:
        walk(x.lhs, out, seen);
        walk(x.rhs, out, seen);
        return;
    }
  }

  const RenderInput& in_;
  const ir::Program& p_;
  std::vector<std::int8_t> segments_;
  eval::ExprEval eval_;
};

std::string because_text(const RenderInput& in, const ir::Rule& r, ir::ElementId binding) {
  Facts f(in, binding);
  std::string out;
  for (const auto& part : r.because) out += part.expr == ir::kNone ? part.text : f.show(part.expr);
  return out;
}

}  // namespace

const char* effect_word(ir::EffectKind k) {
  switch (k) {
    case ir::EffectKind::Suggest: return "suggest";
    case ir::EffectKind::Require: return "require";
    case ir::EffectKind::Exclude: return "exclude";
    case ir::EffectKind::Boost: return "boost";
    case ir::EffectKind::Penalize: return "penalize";
  }
  return "?";
}

std::string signed_weight(const ir::Effect& e) {
  if (e.kind == ir::EffectKind::Require || e.kind == ir::EffectKind::Exclude) return "";
  return (e.weight.is_negative() ? "" : "+") + e.weight.to_string();
}

std::string label(const ir::Program& p, ir::NodeId node) {
  const auto& n = p.nodes[node];
  for (const auto& l : n.labels)
    if (l.lang == "ca") return l.text;
  return n.labels.empty() ? n.id : n.labels.front().text;
}

std::string value_text(const RenderInput& in, const ir::Value& v, const ir::Field& f) {
  const ir::Program& p = in.rulebase.program();
  switch (f.type.kind) {
    case ir::TypeKind::Bool: return v.boolean ? "true" : "false";
    case ir::TypeKind::Text: return v.text;
    case ir::TypeKind::Enum: return v.index < f.enum_values.size() ? f.enum_values[v.index] : "?";
    case ir::TypeKind::Set: {
      std::string s;
      for (auto e : v.elements) s += (s.empty() ? "" : ", ") + p.element_node(e).id;
      return "[" + s + "]";
    }
    case ir::TypeKind::PerAreaLevel: {
      std::string s;
      for (std::size_t a = 0; a < v.levels.size() && a < p.areas.size(); ++a)
        s += (s.empty() ? "" : ", ") + p.nodes[p.areas[a]].id + ": " + v.levels[a].to_string();
      return "{" + s + "}";
    }
    case ir::TypeKind::Money: return v.number.to_string(2);
    default: return v.number.to_string();
  }
}

Where where(const RenderInput& in, Span s) {
  const auto& src = in.rulebase.sources();
  if (s.file >= src.size()) return {};
  const auto lc = src.file(s.file).line_col(s.begin);
  return {src.file(s.file).path(), lc.line, lc.column};
}

std::string source_text(const RenderInput& in, Span s) {
  const auto& src = in.rulebase.sources();
  if (s.file >= src.size()) return "";
  std::string t = src.file(s.file).text().substr(s.begin, s.end - s.begin);
  std::string out;
  bool space = false;
  for (char c : t) {  // one line, single spaces
    const bool ws = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<RuleAct> acts(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  std::vector<RuleAct> out;
  for (auto ci : in.result.contributions_of(e)) {
    const Contribution& c = in.result.contributions[ci];
    const RuleOutcome& o = in.result.outcomes[c.outcome];
    const ir::Rule& r = p.rules[o.rule];
    const ir::Effect& eff = r.effects[c.effect];
    RuleAct a;
    a.rule = r.id;
    a.at = where(in, r.span);
    a.effect = effect_word(eff.kind);
    a.weight = signed_weight(eff);
    if (o.binding != ir::kNone) a.binding = p.element_node(o.binding).id;
    Facts facts(in, o.binding);
    std::string cond;
    if (r.for_set != ir::kNone) cond = "for " + r.for_var + " in " + source_text(in, p.exprs[r.for_set].span);
    if (r.where != ir::kNone) cond += " where " + source_text(in, p.exprs[r.where].span);
    if (r.when != ir::kNone) cond += (cond.empty() ? "when " : ", when ") + source_text(in, p.exprs[r.when].span);
    a.condition = cond;
    a.facts = facts.of(r.where);
    for (auto& f : facts.of(r.when)) a.facts.push_back(std::move(f));
    a.because = because_text(in, r, o.binding);
    a.sources = r.sources;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<RuleMiss> misses(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  const auto& ix = plan_of(in.rulebase);
  std::vector<RuleMiss> out;
  auto report = [&](const RuleOutcome& o, const ir::Rule& r, const ir::Effect& eff) {
    RuleMiss m;
    m.rule = r.id;
    m.at = where(in, r.span);
    m.effect = effect_word(eff.kind);
    Facts facts(in, o.binding);
    switch (o.kind) {
      case RuleOutcome::Kind::NotInForce:
        m.reason = "not in force on " + in.result.date.to_string() + " (valid" +
                   (r.valid_from ? " from " + r.valid_from->to_string() : "") +
                   (r.valid_until ? " until " + r.valid_until->to_string() : "") + ")";
        break;
      case RuleOutcome::Kind::Error: m.reason = "could not be evaluated: " + std::string(o.error()); break;
      default:
        m.reason = source_text(in, p.exprs[o.decided_by].span) + " is false";
        m.facts = facts.of(o.decided_by);
        break;
    }
    out.push_back(std::move(m));
  };
  std::vector<bool> done(p.rules.size(), false);
  // Outcomes are in rule order; a rule without `for` has one, a rule with `for` one per binding.
  // bound[r]: rule r has an outcome for the binding e.
  std::vector<bool> bound(p.rules.size(), false);
  for_each_outcome(in.rulebase, in.result, [&](const RuleOutcome& o) {
    if (o.binding == e) bound[o.rule] = true;
    if (o.kind == RuleOutcome::Kind::Fired) return;
    const ir::Rule& r = p.rules[o.rule];
    for (const auto& eff : r.effects) {
      const bool positive = eff.kind == ir::EffectKind::Suggest || eff.kind == ir::EffectKind::Boost ||
                            eff.kind == ir::EffectKind::Require;
      const bool names_it = eff.target == e || (eff.target == ir::kNone && (o.binding == e || o.binding == ir::kNone));
      if (!positive || !names_it || done[o.rule]) continue;
      done[o.rule] = true;
      report(o, r, eff);
      break;
    }
  });
  // Rules whose `for` never bound this element.
  for (ir::RuleId rid : ix.rules_with_for) {
    if (done[rid] || bound[rid]) continue;
    const ir::Rule& r = p.rules[rid];
    for (const auto& eff : r.effects) {
      if (eff.target != ir::kNone) continue;
      if (eff.kind != ir::EffectKind::Suggest && eff.kind != ir::EffectKind::Boost &&
          eff.kind != ir::EffectKind::Require)
        continue;
      RuleMiss m;
      m.rule = r.id;
      m.at = where(in, r.span);
      m.effect = effect_word(eff.kind);
      m.reason = p.element_node(e).id + " is not in " + source_text(in, p.exprs[r.for_set].span);
      out.push_back(std::move(m));
      break;
    }
  }
  std::sort(out.begin(), out.end(), [](const RuleMiss& a, const RuleMiss& b) { return a.rule < b.rule; });
  return out;
}

std::string placement_reason(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  for (const auto& pl : in.result.roadmap.placements) {
    if (pl.element != e) continue;
    const std::string phase = "phase " + std::to_string(pl.phase + 1) + " (" + p.phases[pl.phase].id + ")";
    switch (pl.reason) {
      case Placement::Reason::Rank: return phase + ": rank " + std::to_string(pl.rank) + " by priority";
      case Placement::Reason::Prerequisite:
        return phase + ": rank " + std::to_string(pl.rank) + ", waited for its prerequisite " +
               p.element_node(pl.waited_for).id + ", placed before it in this phase";
      case Placement::Reason::PhaseFull:
        return phase + ": rank " + std::to_string(pl.rank) + ", earlier phases were full (" + limit_name(pl.limit) +
               ")";
    }
  }
  for (auto u : in.result.roadmap.unscheduled)
    if (u == e) return "not scheduled: no phase had room for it";
  return "not on the roadmap";
}

}  // namespace puzle::explain
