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

std::vector<RuleMiss> misses(const RenderInput& in, ir::ElementId e) { return misses_of(in, e, true); }

std::vector<RuleMiss> misses_of(const RenderInput& in, ir::ElementId e, bool with_facts) {
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
        if (with_facts) m.facts = facts_of(in, recorded(in, o));
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

namespace {

// "size 4 of 4 in phase 1": what phase `ph` used of its limit `which`, against its maximum.
std::string limit_use(const RenderInput& in, ir::PhaseId ph, PhaseLimit which) {
  const PhaseCapacity& c = in.result.roadmap.capacity.at(ph);
  std::string used, max;
  switch (which) {
    case PhaseLimit::Size:
      used = std::to_string(c.placed);
      max = c.size ? c.size->to_string() : "";
      break;
    case PhaseLimit::Effort:
      used = c.effort_used.to_string();
      max = c.effort ? c.effort->to_string() : "";
      break;
    case PhaseLimit::Budget:
      used = c.budget_used.to_string(2);
      max = c.budget ? c.budget->to_string(2) + " €" : "";
      break;
    case PhaseLimit::None: return "";
  }
  return std::string(limit_name(which)) + " " + used + " of " + max + " in phase " + std::to_string(ph + 1);
}

std::string signed_text(const Decimal& d) { return (d.is_negative() ? "" : "+") + d.to_string(); }

}  // namespace

Rank rank(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  const auto& roadmap = in.result.roadmap;
  const auto& vs = in.result.verdicts;
  Rank r;
  r.of = static_cast<std::uint32_t>(roadmap.placements.size() + roadmap.unscheduled.size());
  r.declared = p.priority.declared;
  const Placement* pl = roadmap.placement_of(e);
  if (!pl) return r;
  r.rank = pl->rank;
  const Verdict& v = vs[e];
  r.required = v.status == Status::Required;
  if (v.status != Status::Needed) {
    r.own = r.declared ? v.priority.to_string() : v.score.to_string();
    if (r.declared) {
      r.terms.push_back({"score", v.score.to_string()});
      const auto term = [&](ir::RankTerm t, bool holds) {
        if (holds && p.priority.of(t))
          r.terms.push_back({ir::kRankTermNames[static_cast<std::size_t>(t)], signed_text(*p.priority.of(t))});
      };
      term(ir::RankTerm::Required, v.status == Status::Required);
      term(ir::RankTerm::Need, v.declared_need);
      term(ir::RankTerm::QuickWin, v.quick_win);
      term(ir::RankTerm::Overdue, v.overdue);
    }
  }
  if (pl->priority_from != ir::kNone) {
    const Verdict& from = vs[pl->priority_from];
    r.ranks_with = p.element_node(pl->priority_from).id;
    r.ranks_with_value = r.declared
                             ? from.priority.to_string()
                             : (from.status == Status::Required ? "a duty, score " : "score ") + from.score.to_string();
  }
  return r;
}

std::string rank_text(const Rank& r) {
  if (r.rank == 0) return "";
  std::string own;
  if (r.declared && !r.own.empty()) {  // "36 = score 1 + required 20 - need 5"
    own = r.own + " = score " + r.terms.front().value;
    for (std::size_t i = 1; i < r.terms.size(); ++i) {
      const std::string& w = r.terms[i].value;  // signed: "+20", "-5"
      own += " " + w.substr(0, 1) + " " + r.terms[i].term + " " + w.substr(1);
    }
  } else if (!r.own.empty()) {
    own = (r.required ? "a duty, score " : "score ") + r.own;
  }
  std::string s = std::to_string(r.rank) + " of " + std::to_string(r.of);
  if (!r.ranks_with.empty())
    return s + ", with the " + (r.declared ? "priority" : "rank") + " of " + r.ranks_with + " (" + r.ranks_with_value +
           ")" + (own.empty() ? ", which needs it" : ", above its own: " + own) +
           (r.declared ? "" : " (duties first, then by score)");
  return s + (r.declared ? ", priority " : ": ") + own + (r.declared ? "" : " (duties first, then by score)");
}

std::string placement_reason(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  if (const Placement* found = in.result.roadmap.placement_of(e)) {
    const Placement& pl = *found;
    const std::string at =
        "phase " + std::to_string(pl.phase + 1) + " (" + p.phases[pl.phase].id + "): rank " + std::to_string(pl.rank);
    const std::string limit = pl.limit == PhaseLimit::None ? "" : limit_name(pl.limit);
    switch (pl.reason) {
      case Placement::Reason::Rank: return at + " by priority";
      case Placement::Reason::Prerequisite:
        return at + ", waited for its prerequisite " + p.element_node(pl.waited_for).id +
               ", placed before it in this phase";
      case Placement::Reason::PhaseFull:
        return at + ", earlier phases were full (" + limit_use(in, pl.phase - 1, pl.limit) + ")";
      case Placement::Reason::InProgress: return at + ", under way: first in phase 1, whatever its limits";
      case Placement::Reason::Objective:
        return at + ", an agreed objective" +
               (limit.empty() ? "" : ", placed when a phase had room for it with its prerequisites (" + limit + ")");
      case Placement::Reason::PulledBy:
        return at + ", a prerequisite of " + p.element_node(pl.pulled_by).id + ", placed with it";
      case Placement::Reason::Maturity: {
        const ir::Element& el = p.elements[e];
        const std::uint32_t needs = el.maturity.value_or(0), gap = in.result.verdicts[e].maturity_gap;
        return at + ", waited for maturity " + std::to_string(needs) + " in " + p.nodes[p.areas[el.maturity_area]].id +
               " (it has " + std::to_string(needs - std::min(needs, gap)) + ", one level more each phase)";
      }
      case Placement::Reason::OverCapacity:
        return at +
               (limit.empty() ? ", before its area is mature enough: " : ", beyond the phase's " + limit + " limit: ") +
               (pl.pulled_by == ir::kNone ? "a duty"
                                          : "a prerequisite of the duty " + p.element_node(pl.pulled_by).id) +
               " goes no later than the last limited phase";
    }
  }
  for (auto u : in.result.roadmap.unscheduled)
    if (u == e) return "not scheduled: no phase had room for it";
  return "not on the roadmap";
}

std::string note_text(const RenderInput& in, const RoadmapNote& note) {
  const ir::Program& p = in.rulebase.program();
  if (note.kind == RoadmapNote::Kind::MaturityWithoutInPlace)
    return "the profile gives " + p.nodes[p.areas[note.area]].id +
           " a maturity of 3 or more, yet nothing of it is in place: check the profile";
  if (note.kind == RoadmapNote::Kind::NothingInPlace)
    return "the profile says nothing is in place: the roadmap starts from zero (check in_place before a visit)";
  const Verdict& v = in.result.verdicts[note.element];
  const std::string id = p.element_node(note.element).id;
  const std::string status = status_name(v.status);
  switch (note.kind) {
    case RoadmapNote::Kind::ObjectiveNotInPuzzle:
      return id + " is an agreed objective but not in the puzzle (" + status + ")";
    case RoadmapNote::Kind::InProgressNotInPuzzle: return id + " is under way but not in the puzzle (" + status + ")";
    case RoadmapNote::Kind::RefusedDuty:
      return id + " was refused by the town hall, but " +
             (v.status == Status::Required || v.needed_by.empty()
                  ? std::string("the law requires it")
                  : p.element_node(v.needed_by.front()).id + " needs it") +
             ": it stays in the roadmap";
    case RoadmapNote::Kind::VetoedNeed:
      return id + " is a need the town hall declared, but a rule excludes it (puzle why-not " + id + ")";
    case RoadmapNote::Kind::MaturityWithoutInPlace:
    case RoadmapNote::Kind::NothingInPlace: break;  // above
  }
  return id;
}

std::vector<std::string> town_hall_decisions(const Verdict& v) {
  std::vector<std::string> out;
  if (v.objective) out.emplace_back("agreed objective");
  if (v.in_progress) out.emplace_back("under way");
  if (v.refused) out.emplace_back("refused");
  if (v.declared_need) out.emplace_back("declared need");
  return out;
}

}  // namespace puzle::explain
