// engine layer (evaluation): runs the rules in id order and records one outcome per rule and
// binding. What depends on the rulebase alone (a `for` set and `where` that read no profile
// fact) comes precomputed in the rule's RulePlan; a `when` that does not read the variable is
// evaluated once per rule, at the first binding that needs it (so a segment that no binding
// needs stays unevaluated, as if it were evaluated per binding).
#include "eval/run_rules.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <string>

#include "eval/cond_eval.hpp"

namespace puzle::eval {
namespace {

bool in_force(const ir::Rule& r, const std::string& date) {
  if (date.empty()) return true;
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
      : p_(rb.program()), plans_(rb.index().rule_plans), profile_(profile), options_(options), out_(out),
        eval_(eval) {}

  void run() {
    full_ = options_.trace == EvalOptions::Trace::Full;
    if (full_) out_.outcomes.reserve(outcome_bound());
    out_.contributions.reserve(p_.rules.size());
    for (ir::RuleId r = 0; r < p_.rules.size(); ++r) run_rule(r);
  }

 private:
  std::span<const ir::ElementId> bindings(const RulePlan& plan) const {
    if (plan.set_field != ir::kNone) return profile_.values[plan.set_field].elements;
    return plan.bindings;
  }

  // At most one outcome per binding (per admitted one, for a `where` decided at load time), one
  // for a rule without `for` or not in force.
  std::size_t outcome_bound() const {
    std::size_t n = 0;
    for (ir::RuleId r = 0; r < p_.rules.size(); ++r)
      n += !plans_[r].has_for ? 1
           : plans_[r].where_fixed        ? std::max<std::size_t>(1, plans_[r].where_holds.size())
                                          : std::max<std::size_t>(1, bindings(plans_[r]).size());
    return n;
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

  void run_rule(ir::RuleId id) {
    const RulePlan& plan = plans_[id];  // what the loop reads of a rule, to keep it in cache
    if (plan.dated && !in_force(p_.rules[id], options_.date)) {
      if (full_) out_.outcomes.push_back({id, ir::kNone, ir::kNone, RuleOutcome::Kind::NotInForce, EvalFault::None});
      return;
    }
    if (!plan.has_for) {
      eval_.bind(ir::kNone);
      record(id, ir::kNone, check(plan.when_code));
      return;
    }
    if (plan.where_fixed) {
      run_fixed(id, plan);
      return;
    }
    std::optional<Check> when;  // when it does not read the variable
    for (const ir::ElementId e : bindings(plan)) {
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
  void run_fixed(ir::RuleId id, const RulePlan& plan) {
    std::optional<Check> when;  // when it does not read the variable
    for (const std::uint32_t i : plan.where_holds) {
      const ir::ElementId e = plan.bindings[i];
      if (plan.when_reads_var || !when) {
        eval_.bind(e);
        when = check(plan.when_code);
      }
      record(id, e, *when);
    }
  }

  // The outcome for a condition check; a fault is also listed in the result's errors.
  RuleOutcome outcome(ir::RuleId id, ir::ElementId binding, const Check& c) {
    if (c.fault != EvalFault::None) {
      out_.errors.push_back("rule '" + p_.rules[id].id + "': " + fault_text(c.fault));
      return {id, binding, c.decided_by, RuleOutcome::Kind::Error, c.fault};
    }
    if (!c.holds) return {id, binding, c.decided_by, RuleOutcome::Kind::NotFired, EvalFault::None};
    return {id, binding, ir::kNone, RuleOutcome::Kind::Fired, EvalFault::None};
  }

  void record(ir::RuleId id, ir::ElementId binding, const Check& c) {
    const RuleOutcome o = outcome(id, binding, c);
    if (!full_ && o.kind == RuleOutcome::Kind::NotFired) return;  // no trace of misses in this mode
    out_.outcomes.push_back(o);
    act(static_cast<std::uint32_t>(out_.outcomes.size() - 1));
  }

  // A fired outcome's effects act on their targets: contributions, flags and scores.
  void act(std::uint32_t index) {
    const RuleOutcome& o = out_.outcomes[index];
    if (o.kind != RuleOutcome::Kind::Fired) return;
    const ir::Rule& rule = p_.rules[o.rule];
    for (std::uint32_t k = 0; k < rule.effects.size(); ++k) {
      const ir::Effect& eff = rule.effects[k];
      const ir::ElementId target = eff.target == ir::kNone ? o.binding : eff.target;
      if (target == ir::kNone) continue;
      Verdict& v = out_.verdicts[target];
      v.contributions.push_back(static_cast<std::uint32_t>(out_.contributions.size()));
      out_.contributions.push_back({index, eff.kind, eff.weight, k});
      switch (eff.kind) {
        case ir::EffectKind::Require: v.required = true; break;
        case ir::EffectKind::Exclude: v.excluded = true; break;
        case ir::EffectKind::Suggest:
        case ir::EffectKind::Boost: v.proposed = true; [[fallthrough]];
        case ir::EffectKind::Penalize: add_weight(v, eff.weight, rule.id); break;
      }
    }
  }

  void add_weight(Verdict& v, const Decimal& w, const std::string& rule) {
    if (auto sum = v.score.plus(w)) {
      v.score = *sum;
    } else {
      out_.errors.push_back("rule '" + rule + "': the score overflows");
    }
  }

  const ir::Program& p_;
  const std::vector<RulePlan>& plans_;
  const Profile& profile_;
  const EvalOptions& options_;
  EvalResult& out_;
  CondEval& eval_;
  bool full_ = true;
};

}  // namespace

void run_rules(const Rulebase& rb, const Profile& profile, const EvalOptions& options, CondEval& eval,
               EvalResult& out) {
  RuleRunner(rb, profile, options, eval, out).run();
}

}  // namespace puzle::eval
