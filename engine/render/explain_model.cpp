// engine layer (rendering): builds the explanation data from the recorded trace.
#include "render/explain_model.hpp"

#include <algorithm>
#include <stdexcept>

#include "rulebase/plan.hpp"

namespace puzle::explain {
namespace {

// The explanation the evaluation recorded for an outcome (EvalOptions::explain): explanations
// show what the evaluation saw, never a value computed again here.
const OutcomeRecord& recorded(const RenderInput& in, const RuleOutcome& o) {
  if (const OutcomeRecord* r = in.result.record_of(o.rule, o.binding)) return *r;
  throw std::logic_error(
      "an explanation needs a result evaluated with EvalOptions::explain (" +
      std::string(in.result.explained == EvalOptions::Explain::None ? "none was asked" : "Acts has no misses") + ")");
}

std::vector<Fact> facts_of(const RenderInput& in, const OutcomeRecord& r) {
  const auto facts = in.result.facts_of(r);
  return {facts.begin(), facts.end()};
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

Where where(const RenderInput& in, Span s) {
  const auto& src = in.rulebase.sources();
  if (s.file >= src.size()) return {};
  const auto lc = src.file(s.file).line_col(s.begin);
  return {src.file(s.file).path(), lc.line, lc.column};
}

std::string source_text(const RenderInput& in, Span s) { return source_text(in.rulebase.sources(), s); }

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
    const OutcomeRecord& rec = recorded(in, o);
    std::string cond;
    if (r.for_set != ir::kNone) cond = "for " + r.for_var + " in " + source_text(in, p.exprs[r.for_set].span);
    if (r.where != ir::kNone) cond += " where " + source_text(in, p.exprs[r.where].span);
    if (r.when != ir::kNone) cond += (cond.empty() ? "when " : ", when ") + source_text(in, p.exprs[r.when].span);
    a.condition = cond;
    a.facts = facts_of(in, rec);
    a.because = rec.because;
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
    switch (o.kind) {
      case RuleOutcome::Kind::NotInForce:
        m.reason = "not in force on " + in.result.date.to_string() + " (valid" +
                   (r.valid_from ? " from " + r.valid_from->to_string() : "") +
                   (r.valid_until ? " until " + r.valid_until->to_string() : "") + ")";
        break;
      case RuleOutcome::Kind::Error: m.reason = "could not be evaluated: " + std::string(o.error()); break;
      default:
        m.reason = source_text(in, p.exprs[o.decided_by].span) + " is false";
        m.facts = facts_of(in, recorded(in, o));
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
