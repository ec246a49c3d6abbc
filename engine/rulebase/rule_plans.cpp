// engine layer (rulebase index): what each rule's evaluation can know before any profile.
// A `for` set and a `where` that read no profile fact give the same bindings and the same
// `where` results for every profile, so they are evaluated here, once.
#include "rulebase/rule_plans.hpp"

#include <algorithm>

#include "eval/expr_eval.hpp"

namespace puzle {
namespace {

struct Reads {
  bool profile = false;  // a field or a segment
  bool var = false;      // the `for` variable
};

void scan(const ir::Program& p, ir::ExprId id, Reads& r) {
  if (id == ir::kNone) return;
  const ir::Expr& x = p.exprs[id];
  const ir::OpInfo& op = ir::op_info(x.op);
  r.profile = r.profile || op.reads == ir::Reads::Profile;
  r.var = r.var || op.reads == ir::Reads::Var;
  if (op.list)
    for (ir::Id i = 0; i < x.b; ++i) scan(p, p.list_items[x.a + i], r);
  scan(p, x.lhs, r);
  scan(p, x.rhs, r);
}

Reads reads(const ir::Program& p, ir::ExprId id) {
  Reads r;
  scan(p, id, r);
  return r;
}

// Evaluates `where` for every binding; false when some binding cannot be evaluated (an
// arithmetic fault): that rule then evaluates `where` per profile, which reports the fault.
bool fix_where(eval::ExprEval& eval, ir::RuleId id, const ir::Rule& rule, ForPlan& plan) {
  plan.outcomes.reserve(plan.bindings.size());
  for (ir::ElementId e : plan.bindings) {
    eval.bind(e);
    ir::ExprId decided = ir::kNone;
    try {
      if (rule.where == ir::kNone || eval.truth(rule.where, decided)) {
        plan.where_holds.push_back(static_cast<std::uint32_t>(plan.outcomes.size()));
        plan.outcomes.push_back({id, e, ir::kNone, RuleOutcome::Kind::Fired, EvalFault::None});
      } else {
        plan.outcomes.push_back({id, e, decided, RuleOutcome::Kind::NotFired, EvalFault::None});
      }
    } catch (const eval::ArithmeticError&) {
      plan.outcomes.clear();
      plan.where_holds.clear();
      return false;
    }
  }
  return true;
}

// The first operand of `when`'s chain of `and`s decides the rule when it is false.
void set_guard(const CondCode& code, RulePlan& plan) {
  std::uint32_t n = plan.when_code;
  if (n == ir::kNone) return;
  if (code.nodes[n].op == CondNode::Op::All) ++n;  // its first operand is the next node
  if (code.nodes[n].op != CondNode::Op::Memo) return;
  plan.guard_slot = code.nodes[n].arg;
  plan.guard_expr = code.nodes[n].expr;
}

// Whether evaluating `id` may raise an arithmetic fault: it does arithmetic, or reads a segment
// whose condition does. Faults are reported per rule, so a rule is skipped only where none can
// happen (see SkipIndex).
class FaultScan {
 public:
  explicit FaultScan(const ir::Program& p) : p_(p), segments_(p.segments.size(), -1) {}

  bool may_fail(ir::ExprId id) {
    if (id == ir::kNone) return false;
    const ir::Expr& x = p_.exprs[id];
    const ir::OpInfo& op = ir::op_info(x.op);
    if (op.may_fail) return true;
    if (x.op == ir::Op::Segment) {  // fails where its condition does
      if (segments_[x.a] < 0) segments_[x.a] = may_fail(p_.segments[x.a].condition) ? 1 : 0;
      return segments_[x.a] == 1;
    }
    if (op.list)
      for (ir::Id i = 0; i < x.b; ++i)
        if (may_fail(p_.list_items[x.a + i])) return true;
    return may_fail(x.lhs) || may_fail(x.rhs);
  }

 private:
  const ir::Program& p_;
  std::vector<std::int8_t> segments_;  // -1 not scanned yet (the checker rejects cycles)
};

// The memo slots among `when`'s `and` operands, up to the first operand that may fail: while
// one is false, no binding fires and none fails.
void add_skips(const CondCode& code, ir::RuleId id, const ir::Rule& rule, const RulePlan& plan, FaultScan& faults,
               std::vector<std::pair<std::uint32_t, ir::RuleId>>& skips) {
  const std::uint32_t n = plan.when_code;
  if (n == ir::kNone || faults.may_fail(rule.where)) return;
  const bool chain = code.nodes[n].op == CondNode::Op::All;
  const std::uint32_t end = code.nodes[n].next;
  for (std::uint32_t k = chain ? n + 1 : n; k < end; k = code.nodes[k].next) {
    const CondNode& operand = code.nodes[k];
    if (faults.may_fail(operand.expr)) break;
    if (operand.op == CondNode::Op::Memo) skips.emplace_back(operand.arg, id);
  }
}

// (slot, rule) pairs, in rule order, into SkipIndex's lists of rules by slot.
void index_skips(std::vector<std::pair<std::uint32_t, ir::RuleId>> skips, SkipIndex& ix) {
  std::stable_sort(skips.begin(), skips.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < skips.size(); ++i) {
    if (i == 0 || skips[i].first != skips[i - 1].first) {
      ix.skip_slots.push_back(skips[i].first);
      ix.skip_rules_first.push_back(static_cast<std::uint32_t>(i));
    }
    ix.skip_rules.push_back(skips[i].second);
  }
  ix.skip_rules_first.push_back(static_cast<std::uint32_t>(skips.size()));
}

}  // namespace

void plan_rules(const ir::Program& p, CondCompiler& code, CompiledRules& ix, SkipIndex& skip) {
  ix.rule_plans.assign(p.rules.size(), RulePlan{});
  const Profile none;  // what is evaluated here reads no profile fact
  std::vector<std::int8_t> no_segments;
  eval::ExprEval eval(p, none, no_segments);
  FaultScan faults(p);
  std::vector<std::pair<std::uint32_t, ir::RuleId>> skips;
  for (ir::RuleId r = 0; r < p.rules.size(); ++r) {
    const ir::Rule& rule = p.rules[r];
    RulePlan& plan = ix.rule_plans[r];
    plan.when_reads_var = reads(p, rule.when).var;
    plan.dated = rule.valid_from || rule.valid_until;
    plan.where_code = code.compile(rule.where);
    plan.when_code = code.compile(rule.when);
    add_skips(code.code(), r, rule, plan, faults, skips);
    plan.effects_first = static_cast<std::uint32_t>(ix.effects.size());
    plan.effects_count = static_cast<std::uint32_t>(rule.effects.size());
    for (const ir::Effect& e : rule.effects) ix.effects.push_back({e.weight, e.target, e.kind, e.due});
    if (rule.for_set == ir::kNone) {
      if (!plan.dated) set_guard(code.code(), plan);
      ++ix.outcomes_bound;
      continue;
    }
    plan.for_plan = static_cast<std::uint32_t>(ix.for_plans.size());
    ForPlan& fp = ix.for_plans.emplace_back();
    const ir::Expr& set = p.exprs[rule.for_set];
    if (set.op == ir::Op::Field) {
      fp.set_field = set.a;
      ix.set_field_rules.push_back(r);
      ++ix.outcomes_bound;  // when not in force
      continue;
    }
    fp.bindings = eval.elements(rule.for_set);  // `elements` or a list: no profile fact
    if (!reads(p, rule.where).profile) plan.where_fixed = fix_where(eval, r, rule, fp);
    ix.outcomes_bound += std::max<std::size_t>(1, plan.where_fixed ? fp.where_holds.size() : fp.bindings.size());
  }
  index_skips(std::move(skips), skip);
}

}  // namespace puzle
