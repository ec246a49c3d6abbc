// engine layer (evaluation): reading the trace back in rule order, with the outcomes a `where`
// decided at load time put back in their place (see ForPlan).
#include "puzle/evaluate.hpp"
#include "rulebase/plan.hpp"

namespace puzle {

void for_each_outcome(const Rulebase& rb, const EvalResult& result,
                      const std::function<void(const RuleOutcome&)>& visit) {
  const auto& outs = result.outcomes;
  const RulebasePlan& plan = plan_of(rb);
  // An explained trace recorded every binding itself (nothing was decided at load time).
  const bool full = result.trace == EvalOptions::Trace::Full && result.explained == EvalOptions::Explain::None;
  std::size_t i = 0;
  for (ir::RuleId rule = 0; rule < plan.rule_plans.size(); ++rule) {
    std::size_t end = i;
    while (end < outs.size() && outs[end].rule == rule) ++end;
    const RulePlan& rp = plan.rule_plans[rule];
    if (!full || !rp.where_fixed || (end > i && outs[i].kind == RuleOutcome::Kind::NotInForce)) {
      for (; i < end; ++i) visit(outs[i]);
      continue;
    }
    for (const RuleOutcome& fixed : plan.for_plans[rp.for_plan].outcomes) {
      if (fixed.kind != RuleOutcome::Kind::Fired)
        visit(fixed);  // `where` is false for this binding
      else if (i < end)
        visit(outs[i++]);  // recorded, in binding order
    }
    i = end;
  }
}

}  // namespace puzle
