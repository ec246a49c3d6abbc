// engine layer (private): the compiled plan of a rulebase, worked out once at load time so that
// evaluation does per profile only what depends on the profile. None of it is public API: a
// front end sees Rulebase, EvalResult and the explanation model; the plan may change with
// any optimisation. engine/rulebase/ builds it; eval/, plan/ and render/ read it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "puzle/decimal.hpp"
#include "puzle/ir.hpp"
#include "puzle/outcome.hpp"
#include "puzle/rulebase.hpp"

namespace puzle {

// A condition compiled for evaluation (engine/rulebase/cond_code.cpp): the `and`/`or`/`not`
// structure of an IR condition over small contiguous nodes. A leaf that reads only profile
// facts (`population < 1000`, `province in [girona, lleida]`, a segment) gets a memo slot shared
// by every equal leaf of the rulebase, so each distinct test is evaluated once per profile.
struct CondNode {
  enum class Op : std::uint8_t {
    Test,   // evaluate `expr` (it reads the `for` variable or does arithmetic)
    Memo,   // the per-profile value of slot `arg` (a test, or a segment)
    VarIn,  // the `for` variable is in set field `arg` (`in_place(e)`)
    VarNotIn,
    All,  // a chain of `and`s: its operands, in order, up to `next` (the first false decides)
    Any,  // a chain of `or`s: its operands, in order, up to `next` (false is decided by `expr`)
    Not,  // operand: the next node
  };
  Op op = Op::Test;
  ir::ExprId expr = ir::kNone;  // the IR condition this node stands for (named by `decided_by`)
  std::uint32_t arg = 0;
  std::uint32_t next = 0;  // the node after this one's operands
};

// How a memo slot is filled. Most tests have one of a few shapes, read directly; the others go
// through the expression interpreter.
struct MemoTest {
  enum class Kind : std::uint8_t {
    Expr,       // evaluate the slot's expression
    Member,     // constant element `element` is in set field `field` (`in_place(x)`)
    NotMember,  // ... is not
    Compare,    // number field `field` (at area `area`, for a level per area) `op` constant `constant`
  };
  Kind kind = Kind::Expr;
  ir::Op op = ir::Op::Lt;
  ir::FieldId field = ir::kNone;
  ir::ElementId element = ir::kNone;
  ir::Id area = ir::kNone;
  ir::Id constant = ir::kNone;
};

struct CondCode {
  std::vector<CondNode> nodes;         // every compiled condition; one is named by its first node
  std::vector<ir::ExprId> memo_exprs;  // slot -> the expression whose value fills it
  std::vector<MemoTest> memo_tests;    // slot -> how it is filled
};

// How a rule is run, worked out once at load time (engine/rulebase/rule_plans.cpp), so that
// evaluation does not redo, per profile and per binding, what depends on the rulebase alone.
// The rule loop reads one of these per rule: kept small, so that thousands stay in cache.
struct RulePlan {
  // The compiled `where` and `when` (first nodes in CompiledRules::conditions), kNone: true.
  std::uint32_t where_code = ir::kNone;
  std::uint32_t when_code = ir::kNone;
  // A rule without `for` or dates whose `when` is A or begins `A and ...`, with A a memoized
  // test: while A is false the rule is decided without running it (NotFired, decided by A).
  std::uint32_t guard_slot = ir::kNone;  // A's memo slot
  ir::ExprId guard_expr = ir::kNone;     // A itself
  std::uint32_t for_plan = ir::kNone;    // index into CompiledRules::for_plans; kNone: no `for`
  bool dated = false;                    // has `valid from` or `valid until`
  // A `when` that does not read the variable has one value per evaluation: computed once.
  bool when_reads_var = false;
  // `where` reads no profile fact (e.g. `e.domain == x`): decided here (see ForPlan).
  bool where_fixed = false;
  // The rule's effects, as firing reads them: CompiledRules::effects[effects_first ..
  // effects_first + effects_count), in the rule's order.
  std::uint32_t effects_first = 0;
  std::uint32_t effects_count = 0;
};

// One effect of a rule, laid out for firing (contiguous for all rules, in rule order) so that
// a rule that fires is not looked up in the Program.
struct EffectPlan {
  Decimal weight;                    // signed (penalize is already negative)
  ir::ElementId target = ir::kNone;  // kNone: the rule's `for` variable
  ir::EffectKind kind = ir::EffectKind::Suggest;
  Date due;  // require: the date by which it is due (empty: none)
};

// The bindings of a rule's `for`, and its `where` when decided at load time.
struct ForPlan {
  // The profile's set field `set_field`, or else `bindings` (a set that reads no profile fact,
  // e.g. `elements`), sorted and unique.
  ir::FieldId set_field = ir::kNone;
  std::vector<ir::ElementId> bindings;
  // When RulePlan::where_fixed: `outcomes` holds one per binding (NotFired with the deciding
  // condition, or Fired where `where` holds, as if `when` held) and `where_holds` the positions
  // where it holds. Evaluation runs and records only those positions; the misses stay here, the
  // same for every profile, and for_each_outcome (evaluate.hpp) puts them back in place.
  std::vector<RuleOutcome> outcomes;
  std::vector<std::uint32_t> where_holds;
};

// The metamodel as evaluation walks it (rulebase.cpp).
struct PrerequisiteGraph {
  std::vector<ir::ElementId> prerequisites_first;    // every element after all its prerequisites
  std::vector<std::uint32_t> prerequisite_position;  // by element: its index in prerequisites_first
  // Each element's direct prerequisites and covering solutions (as in the Program), laid out in
  // one array each for the loops of evaluation: requires_of(e), solutions_of(e).
  std::vector<std::uint32_t> requires_first, solutions_first;  // elements + 1 offsets
  std::vector<ir::ElementId> requires_list;
  std::vector<ir::SolutionId> solutions_list;
  std::span<const ir::ElementId> requires_of(ir::ElementId e) const {
    return std::span<const ir::ElementId>(requires_list)
        .subspan(requires_first[e], requires_first[e + 1] - requires_first[e]);
  }
  std::span<const ir::SolutionId> solutions_of(ir::ElementId e) const {
    return std::span<const ir::SolutionId>(solutions_list)
        .subspan(solutions_first[e], solutions_first[e + 1] - solutions_first[e]);
  }
  ir::FieldId in_place = ir::kNone;  // the `in_place: set<element>` field, by convention
  ir::FieldId needs = ir::kNone;     // the `needs: set<element>` field, by convention
  // What the town hall decided at a visit: `objectives`, `in_progress`, `refused` (set<element>).
  ir::FieldId objectives = ir::kNone, in_progress = ir::kNone, refused = ir::kNone;
  // The `maturity: level[area]` field, and the elements that need a maturity to be started.
  ir::FieldId maturity = ir::kNone;
  std::vector<ir::ElementId> with_maturity;
};

// The rules and conditions as the rule loop runs them (rule_plans.cpp, cond_code.cpp).
struct CompiledRules {
  std::vector<std::vector<ir::RuleId>> rules_naming;  // element -> rules with an effect naming it
  std::vector<ir::RuleId> rules_with_for;             // rules whose effects target their variable
  std::vector<RulePlan> rule_plans;                   // one per rule
  std::vector<ForPlan> for_plans;                     // one per rule with `for`
  std::vector<EffectPlan> effects;                    // see RulePlan::effects_first
  // Outcomes a full trace records at most, but for the rules whose `for` ranges over a profile
  // set (set_field_rules), which add at most one per element of the set.
  std::size_t outcomes_bound = 0;
  std::vector<ir::RuleId> set_field_rules;
  CondCode conditions;                       // rules' `where`/`when`, solutions' `eligible when`
  std::vector<std::uint32_t> solution_code;  // solution -> compiled `eligible when`, kNone: open to all
};

// For traces of what fired only: while memo slot skip_slots[i] is false, the rules
// skip_rules[skip_rules_first[i] .. skip_rules_first[i + 1]) fire for no binding and report no
// fault, so they are not run. A rule is listed under the memo slots among its `when`'s `and`
// operands, none after an operand that may fail (arithmetic), if its `where` cannot fail.
struct SkipIndex {
  std::vector<std::uint32_t> skip_slots;
  std::vector<std::uint32_t> skip_rules_first;  // skip_slots.size() + 1 offsets
  std::vector<ir::RuleId> skip_rules;
};

// Everything computed once at load time, so that evaluation does no searching. Its parts are
// built apart (graph, rules, skips) and read as one by the evaluator.
struct RulebasePlan : PrerequisiteGraph, CompiledRules, SkipIndex {};

// The plan of a loaded rulebase (engine code only).
const RulebasePlan& plan_of(const Rulebase& rb);

}  // namespace puzle
