// engine layer (reference): the plain evaluator. Each step is the sentence of the semantics it
// implements; nothing is precomputed, cached across rules, or skipped.
#include "reference/reference_eval.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <tuple>

#include "eval/expr_eval.hpp"
#include "eval/fact_recorder.hpp"
#include "plan/roadmap.hpp"
#include "puzle/version.hpp"

namespace puzle::reference {
namespace {

// A condition's value: it holds, or it does not (and which condition decided), or it failed.
struct Value {
  bool holds = true;
  ir::ExprId decided_by = ir::kNone;
  EvalFault fault = EvalFault::None;
};

class Reference {
 public:
  Reference(const Rulebase& rb, const Profile& profile, const EvalOptions& options, EvalResult& out)
      : p_(rb.program()),
        profile_(profile),
        options_(options),
        out_(out),
        segments_(p_.segments.size(), -1),
        eval_(p_, profile, segments_),
        recorder_(p_, rb.sources(), profile, eval_) {}

  // False when a phase limit could not be computed.
  bool run(std::vector<PhaseCapacity>& capacity) {
    out_.verdicts.assign(p_.elements.size(), Verdict{});
    for (ir::RuleId r = 0; r < p_.rules.size(); ++r) run_rule(r);
    group_contributions();
    settle();
    block();
    pull_prerequisites();
    open_solutions();
    const bool limits = phase_limits(capacity);
    return priorities() && limits;
  }

 private:
  // §4: a rule is in force on the evaluation day when it is within its `valid from/until`.
  bool in_force(const ir::Rule& r) const {
    return !(r.valid_from && options_.date < *r.valid_from) && !(r.valid_until && options_.date > *r.valid_until);
  }

  Value value(ir::ExprId cond) {
    Value v;
    if (cond == ir::kNone) return v;  // no condition: true
    try {
      v.holds = eval_.truth(cond, v.decided_by);
      if (v.holds) v.decided_by = ir::kNone;
    } catch (const eval::ArithmeticError& e) {
      v = {false, e.expr, e.fault};
    }
    return v;
  }

  // §3: the rule's `for` set (sorted, without repeats), and for each binding its `where`, then
  // its `when`; one outcome per binding; a rule without `for` has one outcome.
  void run_rule(ir::RuleId id) {
    const ir::Rule& r = p_.rules[id];
    if (!in_force(r)) {
      out_.outcomes.push_back({id, ir::kNone, ir::kNone, RuleOutcome::Kind::NotInForce, EvalFault::None});
      return;
    }
    if (r.for_set == ir::kNone) {
      eval_.bind(ir::kNone);
      record(id, ir::kNone, value(r.when));
      return;
    }
    eval_.bind(ir::kNone);
    for (const ir::ElementId e : eval_.elements(r.for_set)) {
      eval_.bind(e);
      const Value where = value(r.where);
      record(id, e, where.holds ? value(r.when) : where);
    }
  }

  void record(ir::RuleId id, ir::ElementId binding, const Value& v) {
    const auto index = static_cast<std::uint32_t>(out_.outcomes.size());
    if (v.fault != EvalFault::None) {
      out_.outcomes.push_back({id, binding, v.decided_by, RuleOutcome::Kind::Error, v.fault});
      out_.errors.push_back({EvalError::Kind::RuleFault, id, ir::kNone, ir::kNone, v.fault});
      return;
    }
    if (!v.holds) {
      out_.outcomes.push_back({id, binding, v.decided_by, RuleOutcome::Kind::NotFired, EvalFault::None});
      if (options_.explain == EvalOptions::Explain::All)
        eval::record_outcome(recorder_, eval_, p_.rules[id], out_.outcomes.back(), out_);
      return;
    }
    out_.outcomes.push_back({id, binding, ir::kNone, RuleOutcome::Kind::Fired, EvalFault::None});
    if (options_.explain != EvalOptions::Explain::None)
      eval::record_outcome(recorder_, eval_, p_.rules[id], out_.outcomes.back(), out_);
    // §5: each effect, in order, on its element (or the binding).
    const auto& effects = p_.rules[id].effects;
    for (std::uint32_t k = 0; k < effects.size(); ++k) {
      const ir::Effect& eff = effects[k];
      const ir::ElementId target = eff.target == ir::kNone ? binding : eff.target;
      if (target == ir::kNone) continue;
      Verdict& v = out_.verdicts[target];
      out_.contributions.push_back({index, eff.kind, k, target});
      switch (eff.kind) {
        case ir::EffectKind::Require: v.required = true; break;
        case ir::EffectKind::Exclude: v.excluded = true; break;
        case ir::EffectKind::Suggest:
        case ir::EffectKind::Boost:
          v.proposed = true;
          add(v, target, eff.weight, id);
          break;
        case ir::EffectKind::Penalize: add(v, target, eff.weight, id); break;
      }
    }
  }

  // The score is the exact sum of the weights; once out of range it is unknown for good.
  void add(Verdict& v, ir::ElementId e, const Decimal& w, ir::RuleId rule) {
    if (v.score_overflow) return;
    if (auto sum = v.score.plus(w)) {
      v.score = *sum;
      return;
    }
    v.score_overflow = true;
    v.score = Decimal();
    out_.errors.push_back({EvalError::Kind::ScoreOverflow, rule, ir::kNone, e, EvalFault::None});
  }

  void group_contributions() {
    auto& order = out_.contribution_order;
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      out_.verdicts[e].contributions_first = static_cast<std::uint32_t>(order.size());
      for (std::uint32_t i = 0; i < out_.contributions.size(); ++i)
        if (out_.contributions[i].element == e) order.push_back(i);
      out_.verdicts[e].contributions_count =
          static_cast<std::uint32_t>(order.size()) - out_.verdicts[e].contributions_first;
    }
  }

  // Whether e is in the profile's set field `name` (false without such a field).
  bool in_set(const char* name, ir::ElementId e) const {
    for (ir::FieldId f = 0; f < p_.fields.size(); ++f)
      if (p_.fields[f].name == name && p_.fields[f].type.kind == ir::TypeKind::Set) {
        const auto& set = profile_.values[f].elements;
        return std::find(set.begin(), set.end(), e) != set.end();
      }
    return false;
  }
  bool in_place(ir::ElementId e) const { return in_set("in_place", e); }

  // The levels its area's maturity (the `maturity: level[area]` field) lacks for the level the
  // element needs; 0 when it has enough or needs none.
  std::uint32_t maturity_gap(ir::ElementId e) const {
    const ir::Element& el = p_.elements[e];
    if (!el.maturity) return 0;
    for (ir::FieldId f = 0; f < p_.fields.size(); ++f)
      if (p_.fields[f].name == "maturity" && p_.fields[f].type.kind == ir::TypeKind::PerAreaLevel) {
        const Decimal has = profile_.values[f].levels[el.maturity_area];
        for (std::uint32_t gap = 0;; ++gap)
          if (!(has.plus(Decimal::from_int(gap)).value_or(has) < Decimal::from_int(*el.maturity))) return gap;
      }
    return 0;
  }

  // §6: in place, else required (the law wins over exclude), else excluded, else suggested
  // when proposed with a score above zero.
  void settle() {
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      v.declared_need = in_set("needs", e);
      v.objective = in_set("objectives", e);
      v.in_progress = in_set("in_progress", e);
      v.refused = in_set("refused", e);
      v.maturity_gap = maturity_gap(e);
      v.due = due(e);
      if (in_place(e))
        v.status = Status::InPlace;
      else if (v.required)
        v.status = Status::Required;
      else if (v.refused)
        v.status = Status::Refused;
      else if (v.excluded)
        v.status = Status::Excluded;
      else if (v.proposed && !v.score_overflow && v.score > Decimal())
        v.status = Status::Suggested;
      v.overdue = v.status == Status::Required && !v.due.empty() && options_.date > v.due;
    }
  }

  // The earliest `due` of the require effects that acted on e; no date without one.
  Date due(ir::ElementId e) const {
    Date earliest;
    for (const std::uint32_t ci : out_.contributions_of(e)) {
      const Contribution& c = out_.contributions[ci];
      if (c.kind != ir::EffectKind::Require) continue;
      const Date d = p_.rules[out_.outcomes[c.outcome].rule].effects[c.effect].due;
      if (!d.empty() && (earliest.empty() || d < earliest)) earliest = d;
    }
    return earliest;
  }

  // §10: with a `priority`, an element of the puzzle that is not needed has a priority: its score
  // plus the weight of each term that holds (required; a declared need; a quick win: an open
  // public solution and an effort, 0 if undeclared, at most the quick win's); beyond the largest
  // number it is an error, and there is no roadmap.
  bool priorities() {
    const ir::Priority& pr = p_.priority;
    if (!pr.declared) return true;
    bool ok = true;
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (v.status != Status::Required && v.status != Status::Suggested) continue;
      const Decimal effort = p_.elements[e].effort ? *p_.elements[e].effort : Decimal();
      v.quick_win = pr.of(ir::RankTerm::QuickWin) && !v.solutions.empty() && v.cost == Decimal() &&
                    !(effort > pr.quick_win_effort);
      const bool holds[] = {v.status == Status::Required, v.declared_need, v.quick_win, v.overdue};
      static_assert(std::size(holds) == ir::kRankTermNames.size());
      std::optional<Decimal> total = v.score;
      for (std::size_t t = 0; t < pr.weight.size(); ++t)
        if (total && holds[t] && pr.weight[t]) total = total->plus(*pr.weight[t]);
      if (total) {
        v.priority = *total;
      } else {
        out_.errors.push_back({EvalError::Kind::PriorityOverflow, ir::kNone, ir::kNone, e, EvalFault::None});
        ok = false;
      }
    }
    return ok;
  }

  // §7: a required element pulls in its prerequisites (not in place), and so do those, excluded
  // or not: they will be done, so they block nothing.
  std::vector<bool> forced() const {
    std::vector<bool> out(p_.elements.size(), false);
    std::function<void(ir::ElementId)> pull = [&](ir::ElementId e) {
      for (ir::ElementId r : p_.elements[e].requires_) {
        if (out_.verdicts[r].status == Status::InPlace || out[r]) continue;
        out[r] = true;
        pull(r);
      }
    };
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e)
      if (out_.verdicts[e].status == Status::Required) pull(e);
    return out;
  }

  // The chain from `e` to its nearest excluded or refused prerequisite, trying prerequisites in
  // order; empty when there is none. In-place and forced prerequisites block nothing.
  std::vector<ir::ElementId> chain(ir::ElementId e, const std::vector<bool>& forced) const {
    for (ir::ElementId r : p_.elements[e].requires_) {
      if (out_.verdicts[r].status == Status::InPlace || forced[r]) continue;
      if (out_.verdicts[r].status == Status::Excluded || out_.verdicts[r].status == Status::Refused) return {r};
      auto rest = chain(r, forced);
      if (!rest.empty()) {
        rest.insert(rest.begin(), r);
        return rest;
      }
    }
    return {};
  }

  // A suggestion that lacks an excluded prerequisite, directly or through others, is blocked.
  void block() {
    const std::vector<bool> f = forced();
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (v.status != Status::Suggested) continue;
      auto c = chain(e, f);
      if (c.empty()) continue;
      v.status = Status::Blocked;
      v.blocked_by = std::move(c);
    }
  }

  // Every prerequisite (not in place) of an element of the puzzle is needed, and so on down;
  // one that was not applicable, excluded or blocked becomes Needed. needed_by lists, by id,
  // the puzzle elements that need it.
  void pull_prerequisites() {
    std::function<void(ir::ElementId)> need = [&](ir::ElementId e) {
      for (ir::ElementId r : p_.elements[e].requires_) {
        Verdict& pre = out_.verdicts[r];
        if (pre.status == Status::InPlace || in_puzzle(pre.status)) continue;
        pre.status = Status::Needed;
        pre.blocked_by.clear();
        need(r);
      }
    };
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e)
      if (in_puzzle(out_.verdicts[e].status)) need(e);
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      if (!in_puzzle(out_.verdicts[e].status)) continue;
      for (ir::ElementId r : p_.elements[e].requires_)
        if (out_.verdicts[r].status != Status::InPlace) out_.verdicts[r].needed_by.push_back(e);
    }
  }

  // §9: the public solutions that cover an element of the puzzle and whose `eligible when`
  // holds for this municipality, offered in the documented order: the municipality's own
  // providers' (`serves when` holds) first, then free, unpriced, and paid ones by price, then id.
  void open_solutions() {
    std::vector<bool> own(p_.providers.size(), false);
    for (ir::ProviderId pr = 0; pr < p_.providers.size(); ++pr) {
      if (p_.providers[pr].serves == ir::kNone) continue;
      eval_.bind(ir::kNone);
      const Value serves = value(p_.providers[pr].serves);
      if (serves.fault != EvalFault::None) {
        EvalError error;
        error.kind = EvalError::Kind::ProviderFault;
        error.provider = pr;
        error.fault = serves.fault;
        out_.errors.push_back(error);
      }
      own[pr] = serves.holds;
    }
    out_.own_providers.assign(own.begin(), own.end());
    const auto key = [&](ir::SolutionId s) {
      const ir::Solution& sol = p_.solutions[s];
      const int price = !sol.cost ? 1 : sol.cost->is_zero() ? 0 : 2;
      return std::tuple{!(sol.provider != ir::kNone && own[sol.provider]), price, sol.cost.value_or(Decimal()), s};
    };
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (!in_puzzle(v.status)) continue;
      for (ir::SolutionId s : p_.elements[e].solutions) {
        eval_.bind(ir::kNone);
        const Value eligible = value(p_.solutions[s].eligible);
        if (eligible.fault != EvalFault::None)
          out_.errors.push_back({EvalError::Kind::SolutionFault, ir::kNone, s, ir::kNone, eligible.fault});
        if (eligible.holds) v.solutions.push_back(s);
      }
      std::sort(v.solutions.begin(), v.solutions.end(),
                [&](ir::SolutionId a, ir::SolutionId b) { return key(a) < key(b); });
      // §10: the budget counts the first solution's stated cost, else the element's.
      v.cost = p_.elements[e].cost.value_or(Decimal());
      if (!v.solutions.empty() && p_.solutions[v.solutions.front()].cost)
        v.cost = *p_.solutions[v.solutions.front()].cost;
    }
  }

  // §10: a phase's maximum is its constant, or the number its expression gives for this
  // profile, 0 if that is negative, rounded down for a size; an expression that fails is an
  // error and leaves the evaluation without a roadmap.
  bool phase_limits(std::vector<PhaseCapacity>& capacity) {
    bool ok = true;
    for (ir::PhaseId ph = 0; ph < p_.phases.size(); ++ph) {
      const ir::Phase& phase = p_.phases[ph];
      auto maximum = [&](std::optional<Decimal> constant, ir::ExprId e, PhaseLimit which) -> std::optional<Decimal> {
        if (e == ir::kNone) return constant;
        eval_.bind(ir::kNone);
        try {
          Decimal v = eval_.number(e);
          if (v < Decimal()) v = Decimal();
          return which == PhaseLimit::Size ? v.floor() : v;
        } catch (const eval::ArithmeticError& err) {
          EvalError error{EvalError::Kind::LimitFault, ir::kNone, ir::kNone, ir::kNone, err.fault};
          error.phase = ph;
          error.limit = which;
          out_.errors.push_back(error);
          ok = false;
          return std::nullopt;
        }
      };
      PhaseCapacity c;
      c.size = maximum(phase.size_max, phase.size_expr, PhaseLimit::Size);
      c.effort = maximum(phase.effort_max, phase.effort_expr, PhaseLimit::Effort);
      c.budget = maximum(phase.budget_max, phase.budget_expr, PhaseLimit::Budget);
      capacity.push_back(c);
    }
    return ok;
  }

  const ir::Program& p_;
  const Profile& profile_;
  const EvalOptions& options_;
  EvalResult& out_;
  std::vector<std::int8_t> segments_;
  eval::ExprEval eval_;
  eval::FactRecorder recorder_;
};

}  // namespace

EvalResult evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options) {
  if (options.date.empty()) throw std::invalid_argument("puzle::reference::evaluate: no date");
  EvalResult out;
  out.engine_version = kVersion;
  out.rulebase_digest = rulebase.digest();
  out.profile_digest = profile.digest;
  out.date = options.date;
  out.trace = EvalOptions::Trace::Full;
  out.explained = options.explain;
  std::vector<PhaseCapacity> capacity;
  const bool limits_known = Reference(rulebase, profile, options, out).run(capacity);
  const bool overflow =
      std::any_of(out.verdicts.begin(), out.verdicts.end(), [](const Verdict& v) { return v.score_overflow; });
  if (!overflow && limits_known) {
    out.roadmap = plan_roadmap(rulebase, out, std::move(capacity));
    // §10 notes on the profile: each area at maturity 3 or more with nothing of it in place, by
    // area; then nothing in place at all.
    const ir::Program& p = rulebase.program();
    bool any = false;
    for (const Verdict& v : out.verdicts) any = any || v.status == Status::InPlace;
    for (ir::FieldId f = 0; f < p.fields.size(); ++f) {
      if (p.fields[f].name != "maturity" || p.fields[f].type.kind != ir::TypeKind::PerAreaLevel) continue;
      for (ir::AreaId a = 0; a < p.areas.size(); ++a) {
        bool in_place = false;
        for (ir::ElementId e = 0; e < p.elements.size(); ++e)
          in_place = in_place || (p.elements[e].area == a && out.verdicts[e].status == Status::InPlace);
        if (!in_place && !(profile.values[f].levels[a] < Decimal::from_int(3)))
          out.roadmap.notes.push_back({RoadmapNote::Kind::MaturityWithoutInPlace, ir::kNone, a});
      }
    }
    if (!any) out.roadmap.notes.push_back({RoadmapNote::Kind::NothingInPlace, ir::kNone, ir::kNone});
  }
  return out;
}

}  // namespace puzle::reference
