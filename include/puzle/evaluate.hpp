// Public API: evaluating a rulebase for one profile. The result holds the verdict on every
// element (the puzzle), the roadmap, and the trace the evaluator recorded as it went (rule
// outcomes and score contributions), from which explanations are rendered. Evaluation reads
// only the immutable Rulebase and the Profile: many threads may evaluate at once.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "puzle/decimal.hpp"
#include "puzle/ir.hpp"
#include "puzle/outcome.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"

namespace puzle {

struct EvalOptions {
  // The day on which the rules' `valid from/until` dates are judged (YYYY-MM-DD). It is part
  // of the input: the same rulebase, profile and date always give the same result.
  std::string date;
  // What the trace keeps. Full: every rule's outcome for every binding, fired or not, which
  // explanations and why-not need (a `where` decided at load time is not re-recorded: see
  // for_each_outcome). Fired: only the outcomes that fired (or failed), enough for
  // the puzzle, the roadmap, scores and counts; batch runs use it when they render no
  // explanation. The verdicts and the roadmap are the same either way.
  enum class Trace : std::uint8_t { Full, Fired };
  Trace trace = Trace::Full;
};

enum class Status : std::uint8_t {
  NotApplicable,  // no rule asked for it
  InPlace,        // the municipality already has it
  Required,       // a `require` fired (the law); wins over `exclude`
  Suggested,      // suggested with a positive score
  Needed,         // pulled in as a prerequisite of an element of the puzzle
  Excluded,       // vetoed by an `exclude`
  Blocked,        // suggested, but a prerequisite is excluded
};
const char* status_name(Status s);

// One effect of a fired rule on one element. Its weight is the effect's:
// rules[outcomes[outcome].rule].effects[effect].weight.
struct Contribution {
  std::uint32_t outcome = 0;  // index into EvalResult::outcomes
  ir::EffectKind kind = ir::EffectKind::Suggest;
  std::uint32_t effect = 0;   // index into the rule's effects
  ir::ElementId element = ir::kNone;  // the element it acts on
};

struct Verdict {
  Status status = Status::NotApplicable;
  Decimal score;  // meaningless when score_overflow: renderers show the overflow, not a number
  bool required = false, excluded = false, proposed = false;
  // The sum of the weights left the range of Decimal: the score is unknown, an error names the
  // rule, the element is not suggested and the evaluation has no roadmap.
  bool score_overflow = false;
  // Its contributions, in the order they were made: EvalResult::contributions_of(element).
  std::uint32_t contributions_first = 0, contributions_count = 0;
  std::vector<ir::ElementId> needed_by;      // puzzle elements that need it, sorted
  std::vector<ir::ElementId> blocked_by;     // chain to the excluded prerequisite (Blocked)
  std::vector<ir::SolutionId> solutions;     // public solutions that cover it and are open to this municipality
};

struct Placement {
  enum class Reason : std::uint8_t {
    Rank,          // placed in the first phase it could be, by its rank
    Prerequisite,  // waited for a prerequisite that no earlier phase took (placed before it in this one)
    PhaseFull,     // earlier phases had no room left (size, effort or budget)
  };
  ir::ElementId element = ir::kNone;
  ir::PhaseId phase = ir::kNone;
  std::uint32_t rank = 0;  // 1-based position in priority order
  Reason reason = Reason::Rank;
  ir::ElementId waited_for = ir::kNone;  // Prerequisite: the prerequisite it waited for
  std::string limit;                     // PhaseFull: "size", "effort" or "budget"
};

struct Roadmap {
  std::vector<Placement> placements;         // phase by phase, in placement order
  std::vector<ir::ElementId> unscheduled;    // did not fit any phase
};

struct EvalResult {
  std::string engine_version;
  std::string rulebase_digest;
  std::string profile_digest;
  std::string date;
  std::vector<Verdict> verdicts;  // one per element
  EvalOptions::Trace trace = EvalOptions::Trace::Full;
  std::vector<RuleOutcome> outcomes;  // as recorded, in rule order; read them with for_each_outcome
  std::vector<Contribution> contributions;
  std::vector<std::uint32_t> contribution_order;  // indexes into contributions, grouped by element
  // -1 not evaluated, 0 false, 1 true. Which ones are evaluated depends on the rules reached,
  // and a Fired trace may evaluate more of them (see RulebaseIndex::skip_slots).
  std::vector<std::int8_t> segments;
  Roadmap roadmap;
  std::vector<std::string> errors;  // evaluation errors (e.g. overflow), each naming its rule

  // Indexes into `contributions` of those acting on element `e`, in the order they were made.
  std::span<const std::uint32_t> contributions_of(ir::ElementId e) const {
    const Verdict& v = verdicts[e];
    return std::span<const std::uint32_t>(contribution_order).subspan(v.contributions_first, v.contributions_count);
  }
};

EvalResult evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options);
// The same result, written over `out`: its storage is reused, so a loop over many profiles
// (a batch) does not allocate the verdicts, trace and lists afresh for each one.
void evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options, EvalResult& out);

// Visits the trace in rule order, then binding order. For a rule whose `where` was decided at
// load time (RulePlan::where_fixed), evaluation recorded only the bindings `where` admits; in a
// Full trace the others are visited too, from the rulebase's plan, in their place, so the
// visit is every rule's outcome for every binding. A Fired trace is visited as recorded.
template <typename Visit>
void for_each_outcome(const Rulebase& rb, const EvalResult& result, Visit&& visit) {
  const auto& outs = result.outcomes;
  const auto& plans = rb.index().rule_plans;
  const auto& for_plans = rb.index().for_plans;
  const bool full = result.trace == EvalOptions::Trace::Full;
  std::size_t i = 0;
  for (ir::RuleId rule = 0; rule < plans.size(); ++rule) {
    std::size_t end = i;
    while (end < outs.size() && outs[end].rule == rule) ++end;
    const RulePlan& plan = plans[rule];
    if (!full || !plan.where_fixed || (end > i && outs[i].kind == RuleOutcome::Kind::NotInForce)) {
      for (; i < end; ++i) visit(outs[i]);
      continue;
    }
    for (const RuleOutcome& fixed : for_plans[plan.for_plan].outcomes) {
      if (fixed.kind != RuleOutcome::Kind::Fired) visit(fixed);  // `where` is false for this binding
      else if (i < end) visit(outs[i++]);                       // recorded, in binding order
    }
    i = end;
  }
}

}  // namespace puzle
