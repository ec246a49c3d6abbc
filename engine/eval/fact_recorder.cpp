// engine layer (evaluation): recording the facts of explanations as rules are decided.
#include "eval/fact_recorder.hpp"

#include "eval/shown.hpp"

namespace puzle::eval {

std::string FactRecorder::show(ir::ExprId id) {
  const ir::Expr& x = p_.exprs[id];
  try {
    if (x.type.kind == ir::TypeKind::Bool) return eval_.truth(id) ? "true" : "false";
    if (x.type.numeric()) return eval_.number(id).to_string();
    const auto s = eval_.scalar(id);
    switch (x.type.kind) {
      case ir::TypeKind::Text: return s.text ? *s.text : "";
      case ir::TypeKind::Enum: return p_.fields[x.type.field].enum_values.at(s.index);
      case ir::TypeKind::Element:
        return s.index < p_.elements.size() ? explain::label(p_, p_.elements[s.index].node) : "?";
      case ir::TypeKind::Area: return s.index < p_.areas.size() ? explain::label(p_, p_.areas[s.index]) : "?";
      case ir::TypeKind::Node: return s.index < p_.nodes.size() ? explain::label(p_, s.index) : "?";
      default: return "?";
    }
  } catch (const ArithmeticError& e) {
    return "(" + e.what + ")";
  }
}

void FactRecorder::facts(ir::ExprId id, std::vector<RecordedFact>& out, std::set<std::string>& seen) {
  if (id == ir::kNone) return;
  auto add = [&](std::string name, std::string value) {
    if (seen.insert(name).second) out.push_back({std::move(name), std::move(value)});
  };
  const ir::Expr& x = p_.exprs[id];
  switch (x.op) {
    case ir::Op::Field:
      if (x.type.kind == ir::TypeKind::Set) {
        add("count(" + p_.fields[x.a].name + ")", std::to_string(profile_.values[x.a].elements.size()));
      } else {
        add(p_.fields[x.a].name, explain::value_text(p_, profile_.values[x.a], p_.fields[x.a]));
      }
      return;
    case ir::Op::FieldAt: {
      const auto area = eval_.scalar(x.lhs).index;
      const std::string area_id = area < p_.areas.size() ? p_.nodes[p_.areas[area]].id : "?";
      add(p_.fields[x.a].name + "[" + area_id + "]",
          area < p_.areas.size() ? profile_.values[x.a].levels[area].to_string() : "?");
      return;
    }
    case ir::Op::Segment: {
      // The segment's value (computed now if no rule needed it yet: it is the same value).
      std::string value;
      try {
        value = eval_.segment(x.a) ? "true" : "false";
      } catch (const ArithmeticError& e) {
        value = "(" + e.what + ")";
      }
      add("segment " + p_.segments[x.a].id, std::move(value));
      facts(p_.segments[x.a].condition, out, seen);
      return;
    }
    case ir::Op::InSet:
    case ir::Op::NotInSet:
      add(explain::source_text(sources_, p_.exprs[x.lhs].span) + " in " +
              explain::source_text(sources_, p_.exprs[x.rhs].span),
          eval_.member(eval_.scalar(x.lhs).index, x.rhs) ? "yes" : "no");
      return;
    default:
      facts(x.lhs, out, seen);
      facts(x.rhs, out, seen);
      return;
  }
}

std::string FactRecorder::because(const ir::Rule& r) {
  std::string out;
  for (const auto& part : r.because) out += part.expr == ir::kNone ? part.text : show(part.expr);
  return out;
}

void record_outcome(FactRecorder& recorder, ExprEval& eval, const ir::Rule& rule, const RuleOutcome& o,
                    EvalResult& out) {
  OutcomeRecord rec;
  rec.rule = o.rule;
  rec.binding = o.binding;
  rec.facts_first = static_cast<std::uint32_t>(out.facts.size());
  eval.bind(o.binding);
  if (o.kind == RuleOutcome::Kind::Fired) {
    std::set<std::string> where_seen, when_seen;  // each condition lists its own facts
    recorder.facts(rule.where, out.facts, where_seen);
    recorder.facts(rule.when, out.facts, when_seen);
    rec.because = recorder.because(rule);
  } else if (o.kind == RuleOutcome::Kind::NotFired) {
    std::set<std::string> seen;
    recorder.facts(o.decided_by, out.facts, seen);
  }
  rec.facts_count = static_cast<std::uint32_t>(out.facts.size()) - rec.facts_first;
  out.records.push_back(std::move(rec));
}

}  // namespace puzle::eval
