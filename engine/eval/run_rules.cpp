// engine layer (evaluation): runs the rules in id order and records one outcome per rule and
// binding. What depends on the rulebase alone (a `for` set and `where` that read no profile
// fact) comes precomputed in the rule's RulePlan; a `when` that does not read the variable is
// evaluated once per rule, at the first binding that needs it (so a segment that no binding
// needs stays unevaluated, as if it were evaluated per binding).
#include "eval/run_rules.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <span>
#include <string>

#include "eval/cond_eval.hpp"
#include "eval/fact_recorder.hpp"
#include "rulebase/plan.hpp"

namespace puzle::eval {
namespace {

bool in_force(const ir::Rule& r, const Date& date) {
  if (r.valid_from && date < *r.valid_from) return false;
  if (r.valid_until && date > *r.valid_until) return false;
  return true;
}

// A condition's value for one binding: false with the condition that decided, or a fault.
struct Check {
  bool holds = true;
  ir::ExprId decided_by = ir::kNone;
  EvalFault fault = EvalFault::None;
};

class RuleRunner {
 public:
  RuleRunner(const Rulebase& rb, const Profile& profile, const EvalOptions& options, CondEval& eval, EvalResult& out)
      : p_(rb.program()),
        ix_(plan_of(rb)),
        plans_(ix_.rule_plans),
        profile_(profile),
        options_(options),
        out_(out),
        eval_(eval),
        recorder_(p_, rb.sources(), profile, eval.expr()) {}

  void run() {
    full_ = options_.trace == EvalOptions::Trace::Full;
    record_misses_ = full_;
    explain_ = options_.explain;
    if (full_) out_.outcomes.reserve(outcome_bound());
    out_.contributions.reserve(p_.rules.size());
    if (full_) {
      for (ir::RuleId r = 0; r < p_.rules.size(); ++r) run_rule(r);
    } else {
      for (const ir::RuleId r : options_.record_rules) {  // in range: evaluate() checked
        if (watched_.empty()) watched_.resize((p_.rules.size() + 63) / 64);
        watched_[r / 64] |= std::uint64_t{1} << (r % 64);
      }
      run_unskipped();
    }
    index_contributions();
  }

 private:
  std::span<const ir::ElementId> bindings(const ForPlan& plan) const {
    if (plan.set_field != ir::kNone) return profile_.values[plan.set_field].elements;
    return plan.bindings;
  }

  std::size_t outcome_bound() const {
    std::size_t n = ix_.outcomes_bound;
    for (ir::RuleId r : ix_.set_field_rules) n += bindings(ix_.for_plans[plans_[r].for_plan]).size();
    return n;
  }

  // A rule's guard is false (see RulePlan::guard_slot). A fault is left to the rule's own run,
  // which reports it.
  bool guard_fails(const RulePlan& plan) {
    if (plan.guard_slot == ir::kNone) return false;
    try {
      return !eval_.memo(plan.guard_slot);
    } catch (const ArithmeticError&) {
      return false;
    }
  }

  Check check(std::uint32_t cond) {  // a compiled condition
    Check c;
    if (cond == ir::kNone) return c;
    try {
      c.holds = eval_.truth(cond, c.decided_by);
      if (c.holds) c.decided_by = ir::kNone;
    } catch (const ArithmeticError& e) {
      c = {false, e.expr, e.fault};
    }
    return c;
  }

  // Only what fires is recorded: the rules that a false memo slot keeps from firing (see
  // SkipIndex) are marked, a slot at a time, and only the others are run.
  // Marking costs a few instructions per rule, and no unpredictable branch per rule.
  void run_unskipped() {
    std::vector<std::uint64_t> skipped((p_.rules.size() + 63) / 64, 0);
    for (std::size_t i = 0; i < ix_.skip_slots.size(); ++i) {
      bool value = true;
      try {
        value = eval_.memo(ix_.skip_slots[i]);
      } catch (const ArithmeticError&) {  // not expected (the slots cannot fail): the rules run
      }
      if (value) continue;
      for (std::uint32_t k = ix_.skip_rules_first[i]; k < ix_.skip_rules_first[i + 1]; ++k)
        skipped[ix_.skip_rules[k] / 64] |= std::uint64_t{1} << (ix_.skip_rules[k] % 64);
    }
    // The rules to record whole (EvalOptions::record_rules) run even where a slot would skip them.
    for (std::size_t w = 0; w < watched_.size(); ++w) skipped[w] &= ~watched_[w];
    for (std::size_t w = 0; w < skipped.size(); ++w) {
      std::uint64_t run = ~skipped[w];
      if (w + 1 == skipped.size() && p_.rules.size() % 64) run &= (std::uint64_t{1} << (p_.rules.size() % 64)) - 1;
      for (; run; run &= run - 1) {
        const auto id = static_cast<ir::RuleId>(w * 64 + static_cast<unsigned>(std::countr_zero(run)));
        if (!watched_.empty()) record_misses_ = (watched_[w] >> (id % 64)) & 1;
        run_rule(id);
      }
    }
  }

  // Inlined in both loops of run(): a call per rule costs more than the rule often does.
  [[gnu::always_inline]] void run_rule(ir::RuleId id) {
    const RulePlan& plan = plans_[id];  // what the loop reads of a rule, to keep it in cache
    if (guard_fails(plan)) {
      if (record_misses_) {
        out_.outcomes.push_back({id, ir::kNone, plan.guard_expr, RuleOutcome::Kind::NotFired, EvalFault::None});
        explained(id);
      }
      return;
    }
    if (plan.dated && !in_force(p_.rules[id], options_.date)) {
      if (record_misses_)
        out_.outcomes.push_back({id, ir::kNone, ir::kNone, RuleOutcome::Kind::NotInForce, EvalFault::None});
      return;
    }
    if (plan.for_plan == ir::kNone) {
      eval_.bind(ir::kNone);
      record(id, ir::kNone, check(plan.when_code));
      return;
    }
    const ForPlan& fp = ix_.for_plans[plan.for_plan];
    // An explained trace records every binding with its facts, and a rule recorded whole in a
    // Fired trace every binding, so `where` is checked again.
    if (plan.where_fixed && explain_ == EvalOptions::Explain::None && (full_ || !record_misses_)) {
      run_fixed(id, plan, fp);
      return;
    }
    std::optional<Check> when;  // when it does not read the variable
    for (const ir::ElementId e : bindings(fp)) {
      eval_.bind(e);
      if (const Check where = check(plan.where_code); !where.holds) {
        record(id, e, where);
        continue;
      }
      if (plan.when_reads_var) {
        record(id, e, check(plan.when_code));
      } else {
        if (!when) when = check(plan.when_code);
        record(id, e, *when);
      }
    }
  }

  // `where` was decided at load time (e.g. `for e in elements where e.domain == x`): settle
  // `when` where `where` holds; the misses stay in the plan (see for_each_outcome).
  void run_fixed(ir::RuleId id, const RulePlan& plan, const ForPlan& fp) {
    if (fp.where_holds.empty()) return;
    std::optional<Check> when;  // when it does not read the variable
    if (!plan.when_reads_var) {
      eval_.bind(fp.bindings[fp.where_holds.front()]);
      when = check(plan.when_code);
      if (!when->holds && when->fault == EvalFault::None) {  // one miss for every binding
        if (!record_misses_) return;
        for (const std::uint32_t i : fp.where_holds)
          out_.outcomes.push_back({id, fp.bindings[i], when->decided_by, RuleOutcome::Kind::NotFired, EvalFault::None});
        return;
      }
    }
    for (const std::uint32_t i : fp.where_holds) {
      const ir::ElementId e = fp.bindings[i];
      if (plan.when_reads_var || !when) {
        eval_.bind(e);
        when = check(plan.when_code);
      }
      record(id, e, *when);
    }
  }

  // Records a condition check's outcome (a miss only in a full trace, or for a rule recorded
  // whole); a fault is also listed in the result's errors; a rule that fired acts.
  void record(ir::RuleId id, ir::ElementId binding, const Check& c) {
    if (c.holds) {
      fire(id, binding);
    } else if (c.fault != EvalFault::None) {
      out_.errors.push_back({EvalError::Kind::RuleFault, id, ir::kNone, ir::kNone, c.fault});
      out_.outcomes.push_back({id, binding, c.decided_by, RuleOutcome::Kind::Error, c.fault});
    } else if (record_misses_) {
      out_.outcomes.push_back({id, binding, c.decided_by, RuleOutcome::Kind::NotFired, EvalFault::None});
      explained(id);
    }
  }

  // The explanation of the outcome just recorded, when EvalOptions::explain asks for it.
  void explained(ir::RuleId id) {
    if (explain_ == EvalOptions::Explain::None) return;
    const RuleOutcome& o = out_.outcomes.back();
    if (o.kind == RuleOutcome::Kind::NotFired && explain_ != EvalOptions::Explain::All) return;
    record_outcome(recorder_, eval_.expr(), p_.rules[id], o, out_);
    eval_.bind(o.binding);  // as it was: the rule's loop goes on from here
  }

  // The rule's effects act on their targets: contributions, flags and scores.
  void fire(ir::RuleId id, ir::ElementId binding) {
    const auto index = static_cast<std::uint32_t>(out_.outcomes.size());
    out_.outcomes.push_back({id, binding, ir::kNone, RuleOutcome::Kind::Fired, EvalFault::None});
    const RulePlan& plan = plans_[id];
    const EffectPlan* effects = ix_.effects.data() + plan.effects_first;
    for (std::uint32_t k = 0; k < plan.effects_count; ++k) {
      const EffectPlan& eff = effects[k];
      const ir::ElementId target = eff.target == ir::kNone ? binding : eff.target;
      if (target == ir::kNone) continue;
      Verdict& v = out_.verdicts[target];
      out_.contributions.push_back({index, eff.kind, k, target});
      switch (eff.kind) {
        case ir::EffectKind::Require:
          v.required = true;
          if (!eff.due.empty() && (v.due.empty() || eff.due < v.due)) v.due = eff.due;  // the earliest
          break;
        case ir::EffectKind::Exclude: v.excluded = true; break;
        case ir::EffectKind::Suggest:
        case ir::EffectKind::Boost: v.proposed = true; [[fallthrough]];
        case ir::EffectKind::Penalize: add_weight(v, target, eff.weight, id); break;
      }
    }
    explained(id);
  }

  // Groups the contribution indexes by element (a counting sort, so each group keeps the order
  // the contributions were made in) and gives each verdict its range.
  void index_contributions() {
    auto& vs = out_.verdicts;
    const auto& cs = out_.contributions;
    for (const Contribution& c : cs) ++vs[c.element].contributions_count;
    std::uint32_t first = 0;
    for (Verdict& v : vs) {
      v.contributions_first = first;
      first += v.contributions_count;
    }
    auto& order = out_.contribution_order;
    order.resize(cs.size());
    std::vector<std::uint32_t> next(vs.size());
    for (ir::ElementId e = 0; e < vs.size(); ++e) next[e] = vs[e].contributions_first;
    for (std::uint32_t i = 0; i < cs.size(); ++i) order[next[cs[i].element]++] = i;
  }

  // The first weight that takes a score out of range makes it unknown: the later ones are not
  // added (a sum that came back into range would still be a wrong number).
  void add_weight(Verdict& v, ir::ElementId e, const Decimal& w, ir::RuleId rule) {
    if (v.score_overflow) return;
    if (auto sum = v.score.plus(w)) {
      v.score = *sum;
    } else {
      v.score_overflow = true;
      v.score = Decimal();
      out_.errors.push_back({EvalError::Kind::ScoreOverflow, rule, ir::kNone, e, EvalFault::None});
    }
  }

  const ir::Program& p_;
  const RulebasePlan& ix_;
  const std::vector<RulePlan>& plans_;
  const Profile& profile_;
  const EvalOptions& options_;
  EvalResult& out_;
  CondEval& eval_;
  FactRecorder recorder_;
  bool full_ = true;
  bool record_misses_ = true;           // the rule being run records its misses (see record())
  std::vector<std::uint64_t> watched_;  // EvalOptions::record_rules, as bits (Fired trace)
  EvalOptions::Explain explain_ = EvalOptions::Explain::None;
};

}  // namespace

void run_rules(const Rulebase& rb, const Profile& profile, const EvalOptions& options, CondEval& eval,
               EvalResult& out) {
  RuleRunner(rb, profile, options, eval, out).run();
}

}  // namespace puzle::eval
