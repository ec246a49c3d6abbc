// engine layer (evaluation): runs every rule for one profile (run_rules.cpp records the trace:
// outcomes and score contributions), then settles each element's status, closes the puzzle
// over prerequisites, finds the open public solutions and plans the roadmap.
#include <algorithm>
#include <span>
#include <stdexcept>

#include "eval/cond_eval.hpp"
#include "eval/run_rules.hpp"
#include "eval/warnings.hpp"
#include "plan/roadmap.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/version.hpp"
#include "rulebase/plan.hpp"

namespace puzle {

const OutcomeRecord* EvalResult::record_of(ir::RuleId rule, ir::ElementId binding) const {
  // Recorded in rule order, then binding order (kNone, the largest id, only without `for`).
  const auto it = std::lower_bound(records.begin(), records.end(), std::pair{rule, binding},
                                   [](const OutcomeRecord& r, const std::pair<ir::RuleId, ir::ElementId>& k) {
                                     return std::pair{r.rule, r.binding} < k;
                                   });
  return it != records.end() && it->rule == rule && it->binding == binding ? &*it : nullptr;
}

const char* limit_name(PhaseLimit l) {
  switch (l) {
    case PhaseLimit::None: return "";
    case PhaseLimit::Size: return "size";
    case PhaseLimit::Effort: return "effort";
    case PhaseLimit::Budget: return "budget";
  }
  return "?";
}

std::string error_text(const ir::Program& p, const EvalError& e) {
  switch (e.kind) {
    case EvalError::Kind::RuleFault: return "rule '" + p.rules[e.rule].id + "': " + fault_text(e.fault);
    case EvalError::Kind::SolutionFault: return "solution '" + p.solutions[e.solution].id + "': " + fault_text(e.fault);
    case EvalError::Kind::ScoreOverflow:
      return "rule '" + p.rules[e.rule].id + "': the score of " + p.element_node(e.element).id +
             " overflows (beyond the largest number, about 3.4e32)";
    case EvalError::Kind::PriorityOverflow:
      return "the priority of " + p.element_node(e.element).id +
             " (its score plus its ranking weights) is beyond the largest number, about 3.4e32";
    case EvalError::Kind::WarningFault: return "warning '" + p.warnings[e.rule].id + "': " + fault_text(e.fault);
    case EvalError::Kind::ProviderFault:
      return "provider '" + p.providers[e.provider].id + "': its 'serves when' " + fault_text(e.fault);
    case EvalError::Kind::LimitFault:
      return "phase '" + p.phases[e.phase].id + "': its " + limit_name(e.limit) + " limit cannot be computed, " +
             fault_text(e.fault);
  }
  return "?";
}

const char* status_name(Status s) {
  switch (s) {
    case Status::NotApplicable: return "not_applicable";
    case Status::InPlace: return "in_place";
    case Status::Required: return "required";
    case Status::Suggested: return "suggested";
    case Status::Needed: return "needed";
    case Status::Excluded: return "excluded";
    case Status::Blocked: return "blocked";
    case Status::Refused: return "refused";
  }
  return "?";
}

const char* reason_name(Placement::Reason r) {
  switch (r) {
    case Placement::Reason::Rank: return "rank";
    case Placement::Reason::Prerequisite: return "prerequisite";
    case Placement::Reason::PhaseFull: return "phase_full";
    case Placement::Reason::InProgress: return "in_progress";
    case Placement::Reason::Objective: return "objective";
    case Placement::Reason::PulledBy: return "pulled_by";
    case Placement::Reason::OverCapacity: return "over_capacity";
    case Placement::Reason::Maturity: return "maturity";
  }
  return "?";
}

const char* note_name(RoadmapNote::Kind k) {
  switch (k) {
    case RoadmapNote::Kind::ObjectiveNotInPuzzle: return "objective_not_in_puzzle";
    case RoadmapNote::Kind::InProgressNotInPuzzle: return "in_progress_not_in_puzzle";
    case RoadmapNote::Kind::RefusedDuty: return "refused_duty";
    case RoadmapNote::Kind::VetoedNeed: return "vetoed_need";
    case RoadmapNote::Kind::MaturityWithoutInPlace: return "maturity_without_in_place";
    case RoadmapNote::Kind::NothingInPlace: return "nothing_in_place";
  }
  return "?";
}

const char* fault_text(EvalFault f) {
  switch (f) {
    case EvalFault::None: return "";
    case EvalFault::OverflowAdd: return "overflow in '+'";
    case EvalFault::OverflowSub: return "overflow in '-'";
    case EvalFault::OverflowMul: return "overflow in '*'";
    case EvalFault::DivisionFailed: return "division by zero or overflow in '/'";
  }
  return "?";
}

namespace {

// The levels of maturity the profile lacks for element `e` to be started (Verdict::maturity_gap).
std::uint32_t maturity_gap(const ir::Program& p, const Profile& profile, ir::FieldId maturity, ir::ElementId e) {
  const ir::Element& el = p.elements[e];
  if (!el.maturity || maturity == ir::kNone) return 0;
  const Decimal gap =
      Decimal::from_int(*el.maturity).minus(profile.values[maturity].levels[el.maturity_area]).value_or(Decimal());
  return gap > Decimal() ? static_cast<std::uint32_t>(gap.whole_magnitude().value_or(0)) : 0;
}

class Evaluator {
 public:
  Evaluator(const Rulebase& rb, const Profile& profile, const EvalOptions& options, EvalResult& out)
      : rb_(rb),
        p_(rb.program()),
        ix_(plan_of(rb)),
        profile_(profile),
        options_(options),
        out_(out),
        eval_(p_, profile, out.segments),
        cond_(p_, profile, ix_.conditions, eval_) {}

  // False when there can be no roadmap: a phase limit could not be computed, or a priority
  // overflowed (an error says which).
  bool run(std::vector<PhaseCapacity>& capacity) {
    eval::run_rules(rb_, profile_, options_, cond_, out_);
    eval::check_warnings(rb_, profile_, options_.date, eval_, out_);
    settle();
    close_over_prerequisites();
    open_solutions();
    const bool limits = compute_capacity(capacity);
    return prioritise() && limits;
  }

 private:
  bool in_place(ir::ElementId e) const {
    if (ix_.in_place == ir::kNone) return false;
    const auto& v = profile_.values[ix_.in_place].elements;
    return std::binary_search(v.begin(), v.end(), e);
  }

  // require wins over exclude; exclude vetoes a suggestion; a suggestion needs a positive score.
  // What the town hall refused it cannot have, unless the law requires it.
  void settle() {
    mark(ix_.needs, &Verdict::declared_need);
    mark(ix_.objectives, &Verdict::objective);
    mark(ix_.in_progress, &Verdict::in_progress);
    mark(ix_.refused, &Verdict::refused);
    for (ir::ElementId e : ix_.with_maturity)
      out_.verdicts[e].maturity_gap = maturity_gap(p_, profile_, ix_.maturity, e);
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (in_place(e)) {
        v.status = Status::InPlace;
      } else if (v.required) {
        v.status = Status::Required;
        v.overdue = !v.due.empty() && v.due < options_.date;  // still to do, and past its date
      } else if (v.refused) {
        v.status = Status::Refused;
      } else if (v.excluded) {
        v.status = Status::Excluded;
      } else if (v.proposed && !v.score_overflow && v.score > Decimal()) {
        v.status = Status::Suggested;
      }
    }
  }

  // Sets `flag` on the elements of set field `f` (none without the field).
  void mark(ir::FieldId f, bool Verdict::*flag) {
    if (f == ir::kNone) return;
    for (ir::ElementId e : profile_.values[f].elements) out_.verdicts[e].*flag = true;
  }

  // An element lacking an excluded (or refused) prerequisite, directly or through others, cannot be done:
  // a suggestion with such a chain is Blocked. A required element is never blocked (the law
  // wins): it pulls in its prerequisites, excluded or not, and so do the elements it pulls;
  // those will be done, so they block nothing.
  void close_over_prerequisites() {
    auto& vs = out_.verdicts;
    std::vector<bool> forced(vs.size(), false);  // pulled in, directly or not, by a required element
    for (auto it = ix_.prerequisites_first.rbegin(); it != ix_.prerequisites_first.rend(); ++it) {
      const ir::ElementId e = *it;  // dependents before their prerequisites
      if (vs[e].status == Status::InPlace || (vs[e].status != Status::Required && !forced[e])) continue;
      for (ir::ElementId r : ix_.requires_of(e))
        if (vs[r].status != Status::InPlace) forced[r] = true;
    }
    // The chain from an element to the nearest excluded prerequisite, as links: link[e] is the
    // chain's first element (kNone: no chain), which is excluded or has a chain of its own.
    std::vector<ir::ElementId> link(vs.size(), ir::kNone);
    for (ir::ElementId e : ix_.prerequisites_first) {  // prerequisites are settled first
      if (vs[e].status == Status::InPlace) continue;
      for (ir::ElementId r : ix_.requires_of(e)) {
        if (vs[r].status == Status::InPlace || forced[r]) continue;
        if (vs[r].status == Status::Excluded || vs[r].status == Status::Refused || link[r] != ir::kNone) {
          link[e] = r;
          break;
        }
      }
      if (vs[e].status == Status::Suggested && link[e] != ir::kNone) {
        vs[e].status = Status::Blocked;
        for (ir::ElementId r = link[e];; r = link[r]) {  // no status here turns to or from Excluded
          vs[e].blocked_by.push_back(r);
          if (vs[r].status == Status::Excluded || vs[r].status == Status::Refused) break;
        }
      }
    }
    // Dependents come before their prerequisites, so a status is final when it is read here.
    std::vector<std::uint32_t> needers(vs.size(), 0);
    for (auto it = ix_.prerequisites_first.rbegin(); it != ix_.prerequisites_first.rend(); ++it) {
      const ir::ElementId e = *it;
      if (!in_puzzle(vs[e].status)) continue;
      for (ir::ElementId r : ix_.requires_of(e)) {
        Verdict& pre = vs[r];
        if (pre.status == Status::InPlace) continue;
        ++needers[r];
        if (pre.status == Status::NotApplicable || pre.status == Status::Excluded || pre.status == Status::Blocked ||
            pre.status == Status::Refused) {
          pre.status = Status::Needed;
          pre.blocked_by.clear();
        }
      }
    }
    // needed_by sorted by id: filled in id order, each list allocated once.
    for (ir::ElementId r = 0; r < vs.size(); ++r)
      if (needers[r]) vs[r].needed_by.reserve(needers[r]);
    for (ir::ElementId e = 0; e < vs.size(); ++e) {
      if (!in_puzzle(vs[e].status)) continue;
      for (ir::ElementId r : ix_.requires_of(e))
        if (vs[r].status != Status::InPlace) vs[r].needed_by.push_back(e);
    }
  }

  // Which providers are this municipality's own (`serves when`), for the order of solutions.
  void own_providers() {
    out_.own_providers.assign(p_.providers.size(), 0);
    for (ir::ProviderId pr = 0; pr < p_.providers.size(); ++pr) {
      if (p_.providers[pr].serves == ir::kNone) continue;
      try {
        eval_.bind(ir::kNone);
        out_.own_providers[pr] = eval_.truth(p_.providers[pr].serves) ? 1 : 0;
      } catch (const eval::ArithmeticError& err) {
        EvalError error;
        error.kind = EvalError::Kind::ProviderFault;
        error.provider = pr;
        error.fault = err.fault;
        out_.errors.push_back(error);
      }
    }
  }

  // The order in which solutions are offered: own provider first, then free (cost 0), unpriced
  // and paid ones (cheapest first), then by id.
  bool offered_before(ir::SolutionId a, ir::SolutionId b) const {
    const ir::Solution& x = p_.solutions[a];
    const ir::Solution& y = p_.solutions[b];
    const auto own = [&](const ir::Solution& s) { return s.provider != ir::kNone && out_.own_providers[s.provider]; };
    if (own(x) != own(y)) return own(x);
    const auto price_class = [](const ir::Solution& s) { return !s.cost ? 1 : s.cost->is_zero() ? 0 : 2; };
    if (price_class(x) != price_class(y)) return price_class(x) < price_class(y);
    if (x.cost && y.cost && *x.cost != *y.cost) return *x.cost < *y.cost;
    return a < b;
  }

  void open_solutions() {
    own_providers();
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (v.status != Status::Required && v.status != Status::Suggested && v.status != Status::Needed) continue;
      for (ir::SolutionId s : ix_.solutions_of(e)) {
        const std::uint32_t cond = ix_.solution_code[s];
        bool open = true;
        if (cond != ir::kNone) {
          try {
            cond_.bind(ir::kNone);
            ir::ExprId ignored;
            open = cond_.truth(cond, ignored);
          } catch (const eval::ArithmeticError& err) {
            out_.errors.push_back({EvalError::Kind::SolutionFault, ir::kNone, s, ir::kNone, err.fault});
            open = false;
          }
        }
        if (open) v.solutions.push_back(s);
      }
      std::sort(v.solutions.begin(), v.solutions.end(),
                [this](ir::SolutionId a, ir::SolutionId b) { return offered_before(a, b); });
      const ir::Solution* first = v.solutions.empty() ? nullptr : &p_.solutions[v.solutions.front()];
      v.cost = first && first->cost ? *first->cost : p_.elements[e].cost.value_or(Decimal());
    }
  }

  // With a roadmap `priority`: each candidate's own priority, its score plus the weight of every
  // term that holds for it; a needed element has none (it ranks with what needs it).
  bool prioritise() {
    const ir::Priority& pr = p_.priority;
    if (!pr.declared) return true;
    const auto& required = pr.of(ir::RankTerm::Required);
    const auto& need = pr.of(ir::RankTerm::Need);
    const auto& quick = pr.of(ir::RankTerm::QuickWin);
    const auto& overdue = pr.of(ir::RankTerm::Overdue);
    bool ok = true;
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (!in_puzzle(v.status) || v.status == Status::Needed) continue;
      const ir::Element& el = p_.elements[e];
      // A free public solution open to it (the one offered first costs 0) and little own effort.
      v.quick_win =
          quick && !v.solutions.empty() && v.cost.is_zero() && el.effort.value_or(Decimal()) <= pr.quick_win_effort;
      std::optional<Decimal> total = v.score;
      if (required && v.status == Status::Required) total = total->plus(*required);
      if (total && need && v.declared_need) total = total->plus(*need);
      if (total && v.quick_win) total = total->plus(*quick);
      if (total && overdue && v.overdue) total = total->plus(*overdue);
      if (!total) {
        EvalError err{EvalError::Kind::PriorityOverflow, ir::kNone, ir::kNone, e, EvalFault::None};
        out_.errors.push_back(err);
        ok = false;
        continue;
      }
      v.priority = *total;
    }
    return ok;
  }

  // Each phase's maxima for this profile: the constants, and the limits computed from it.
  bool compute_capacity(std::vector<PhaseCapacity>& capacity) {
    capacity.assign(p_.phases.size(), PhaseCapacity{});
    bool ok = true;
    eval_.bind(ir::kNone);
    for (ir::PhaseId ph = 0; ph < p_.phases.size(); ++ph) {
      const ir::Phase& phase = p_.phases[ph];
      auto limit = [&](const std::optional<Decimal>& fixed, ir::ExprId computed, PhaseLimit which) {
        if (computed == ir::kNone) return fixed;
        try {
          return std::optional<Decimal>(computed_limit(eval_.number(computed), which));
        } catch (const eval::ArithmeticError& err) {
          EvalError e{EvalError::Kind::LimitFault, ir::kNone, ir::kNone, ir::kNone, err.fault};
          e.phase = ph;
          e.limit = which;
          out_.errors.push_back(e);
          ok = false;
          return std::optional<Decimal>();
        }
      };
      capacity[ph].size = limit(phase.size_max, phase.size_expr, PhaseLimit::Size);
      capacity[ph].effort = limit(phase.effort_max, phase.effort_expr, PhaseLimit::Effort);
      capacity[ph].budget = limit(phase.budget_max, phase.budget_expr, PhaseLimit::Budget);
    }
    return ok;
  }

  const Rulebase& rb_;
  const ir::Program& p_;
  const RulebasePlan& ix_;
  const Profile& profile_;
  const EvalOptions& options_;
  EvalResult& out_;
  eval::ExprEval eval_;
  eval::CondEval cond_;
};

// Every field as a fresh EvalResult has it; lists are cleared, not freed.
void reset(EvalResult& out, std::size_t elements) {
  const std::size_t kept = out.verdicts.size();
  out.verdicts.resize(elements);  // new ones are fresh; the ones kept are reset
  for (Verdict& v : std::span(out.verdicts).first(std::min(kept, elements))) {
    v.status = Status::NotApplicable;
    v.score = Decimal();
    v.required = v.excluded = v.proposed = v.score_overflow = false;
    v.declared_need = v.quick_win = v.objective = v.in_progress = v.refused = false;
    v.maturity_gap = 0;
    v.due = Date();
    v.overdue = false;
    v.priority = Decimal();
    v.contributions_first = v.contributions_count = 0;
    v.needed_by.clear();
    v.blocked_by.clear();
    v.solutions.clear();
  }
  out.outcomes.clear();
  out.contributions.clear();
  out.contribution_order.clear();
  out.errors.clear();
  out.records.clear();
  out.facts.clear();
}

// What looks unlikely in the profile, as the roadmap reads it: an area whose maturity is 3 or
// more with nothing of it in place (by area), and nothing in place at all.
void add_profile_notes(const ir::Program& p, const PrerequisiteGraph& ix, const Profile& profile,
                       const std::vector<Verdict>& vs, std::vector<RoadmapNote>& notes) {
  std::vector<bool> has(p.areas.size(), false);
  bool any = false;
  for (ir::ElementId e = 0; e < vs.size(); ++e)
    if (vs[e].status == Status::InPlace) any = has[p.elements[e].area] = true;
  if (ix.maturity != ir::kNone)
    for (ir::AreaId a = 0; a < p.areas.size(); ++a)
      if (!has[a] && profile.values[ix.maturity].levels[a] >= Decimal::from_int(3))
        notes.push_back({RoadmapNote::Kind::MaturityWithoutInPlace, ir::kNone, a});
  if (!any) notes.push_back({RoadmapNote::Kind::NothingInPlace, ir::kNone, ir::kNone});
}

// The elements the profile names in its needs and in what the town hall decided, by id, each
// once: the only ones a roadmap note can be about.
std::vector<ir::ElementId> named_by_town_hall(const PrerequisiteGraph& ix, const Profile& profile) {
  std::vector<ir::ElementId> out;
  for (const ir::FieldId f : {ix.needs, ix.objectives, ix.in_progress, ix.refused})
    if (f != ir::kNone) out.insert(out.end(), profile.values[f].elements.begin(), profile.values[f].elements.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

void evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options, EvalResult& out) {
  // Misuse by the program that embeds the engine, never user input: said loudly.
  if (options.date.empty())
    throw std::invalid_argument("puzle::evaluate: EvalOptions::date is not set (validity dates would not be judged)");
  if (options.explain != EvalOptions::Explain::None && options.trace != EvalOptions::Trace::Full)
    throw std::invalid_argument("puzle::evaluate: EvalOptions::explain needs a full trace");
  for (const ir::RuleId r : options.record_rules)
    if (r >= rulebase.program().rules.size())
      throw std::invalid_argument("puzle::evaluate: EvalOptions::record_rules names rule " + std::to_string(r) +
                                  ", and the rulebase has " + std::to_string(rulebase.program().rules.size()));
  if (profile.rulebase_digest != rulebase.digest())
    throw std::invalid_argument("puzle::evaluate: the profile '" + profile.source +
                                "' was validated by another rulebase; load it again with this one");
  reset(out, rulebase.program().elements.size());
  out.engine_version = kVersion;
  out.rulebase_digest = rulebase.digest();
  out.profile_digest = profile.digest;
  out.date = options.date;
  out.trace = options.trace;
  out.explained = options.explain;
  out.segments.assign(rulebase.program().segments.size(), -1);
  std::vector<PhaseCapacity> capacity;
  const bool limits_known = Evaluator(rulebase, profile, options, out).run(capacity);
  // A score that overflowed is unknown, so no order of the elements can be trusted; without
  // its limits, no phase can be filled.
  const bool overflow =
      std::any_of(out.verdicts.begin(), out.verdicts.end(), [](const Verdict& v) { return v.score_overflow; });
  if (overflow || !limits_known) {
    out.roadmap = Roadmap{};
  } else {
    const std::vector<ir::ElementId> named = named_by_town_hall(plan_of(rulebase), profile);
    out.roadmap = plan_roadmap(rulebase, out, std::move(capacity), &named);
    add_profile_notes(rulebase.program(), plan_of(rulebase), profile, out.verdicts, out.roadmap.notes);
  }
}

EvalResult evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options) {
  EvalResult out;
  evaluate(rulebase, profile, options, out);
  return out;
}

}  // namespace puzle
