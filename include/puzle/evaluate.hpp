// Public API: evaluating a rulebase for one profile. The result holds the verdict on every
// element (the puzzle), the roadmap, and the trace the evaluator recorded as it went (rule
// outcomes and score contributions), from which explanations are rendered. Evaluation reads
// only the immutable Rulebase and the Profile: many threads may evaluate at once.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "puzle/date.hpp"
#include "puzle/decimal.hpp"
#include "puzle/ir.hpp"
#include "puzle/outcome.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"

namespace puzle {

struct EvalOptions {
  // The day on which the rules' `valid from/until` dates are judged. It is part of the input:
  // the same rulebase, profile and date always give the same result. It must be given:
  // evaluate() refuses an empty one (std::invalid_argument).
  Date date;
  // What the trace keeps. Full: every rule's outcome for every binding, fired or not, which
  // explanations and why-not need (a `where` decided at load time is not re-recorded: see
  // for_each_outcome). Fired: only the outcomes that fired (or failed), enough for
  // the puzzle, the roadmap, scores and counts; batch runs use it when they render no
  // explanation. The verdicts and the roadmap are the same either way.
  enum class Trace : std::uint8_t { Full, Fired };
  Trace trace = Trace::Full;
  // What explanations will show, recorded as each rule is decided (so that an explanation shows
  // what the evaluation saw, never a value computed again at render time): for the rules that
  // fired (Acts: what `explain` and `batch --full` show), or for every rule's outcome (All: what
  // `why-not` shows too). It needs a Full trace. None costs nothing.
  enum class Explain : std::uint8_t { None, Acts, All };
  Explain explain = Explain::None;
  // With a Fired trace: rules whose every outcome is recorded all the same, as a Full trace
  // records it (fired or not, for every binding), so that the reason each did not fire can be
  // read (CompactExplainer::record_rules gives those a compact why-not reads). An id out of
  // range is std::invalid_argument; a Full trace records every rule anyway.
  std::span<const ir::RuleId> record_rules{};
};

enum class Status : std::uint8_t {
  NotApplicable,  // no rule asked for it
  InPlace,        // the municipality already has it
  Required,       // a `require` fired (the law); wins over `exclude`
  Suggested,      // suggested with a positive score
  Needed,         // pulled in as a prerequisite of an element of the puzzle
  Excluded,       // vetoed by an `exclude`
  Blocked,        // suggested, but a prerequisite is excluded or refused
  Refused,        // the town hall refused it (the profile's `refused`); a duty cannot be refused
};
inline constexpr std::size_t kStatusCount = static_cast<std::size_t>(Status::Refused) + 1;
const char* status_name(Status s);
// In the puzzle the service proposes: required by law, suggested, or needed by one of those.
constexpr bool in_puzzle(Status s) { return s == Status::Required || s == Status::Suggested || s == Status::Needed; }

// One effect of a fired rule on one element. Its weight is the effect's:
// rules[outcomes[outcome].rule].effects[effect].weight.
struct Contribution {
  std::uint32_t outcome = 0;  // index into EvalResult::outcomes
  ir::EffectKind kind = ir::EffectKind::Suggest;
  std::uint32_t effect = 0;           // index into the rule's effects
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
  std::vector<ir::ElementId> needed_by;   // puzzle elements that need it, sorted
  std::vector<ir::ElementId> blocked_by;  // chain to the excluded prerequisite (Blocked)
  // Public solutions that cover it and are open to this municipality, best first: those of a
  // provider that serves it (own_providers), then free, unpriced and paid ones, cheapest first,
  // then by id (docs/semantics.md §9).
  std::vector<ir::SolutionId> solutions;
  // What it costs this municipality, as the roadmap's budget counts it: the cost of the solution
  // offered first when the rulebase states it (a free public service costs 0), else the
  // element's own cost (0 when undeclared).
  Decimal cost;
  bool declared_need = false;  // in the profile's `needs`
  // What the town hall decided at a visit (the profile's `objectives`, `in_progress`, `refused`).
  // A refused duty stays required, with `refused` set.
  bool objective = false, in_progress = false, refused = false;
  // How many levels of maturity its area lacks for it to be started (ir::Element::maturity):
  // 0 when it needs none or has enough. Each phase of the roadmap counts one level more.
  std::uint32_t maturity_gap = 0;
  // The earliest date by which a `require ... due` that fired for it required it (empty: none);
  // `overdue` when it is still required (not in place) and that date is before the evaluation's.
  Date due;
  bool overdue = false;
  // With a roadmap `priority` (ir::Priority): whether it is a quick win, and its own priority, its
  // score plus the weights of the terms that hold (an element in the puzzle but needed has none).
  bool quick_win = false;
  Decimal priority;
};

// What filled the phases an element could not enter (Placement::Reason::PhaseFull).
enum class PhaseLimit : std::uint8_t { None, Size, Effort, Budget };
const char* limit_name(PhaseLimit l);  // "size", "effort", "budget"; "" for None

struct Placement {
  enum class Reason : std::uint8_t {
    Rank,          // placed in the first phase it could be, by its rank
    Prerequisite,  // waited for a prerequisite that no earlier phase took (placed before it in this one)
    PhaseFull,     // earlier phases had no room left (size, effort or budget)
    InProgress,    // under way: first in phase 1, whatever its limits
    Objective,     // agreed with the town hall: first in phase 1, or in the first phase with room (`limit`)
    PulledBy,      // a prerequisite placed with `pulled_by`, an objective or an element under way
    // A duty no bounded phase had room for, or was ready for: in the last bounded one, beyond its
    // `limit` (None: before its area is mature enough).
    OverCapacity,
    Maturity,  // waited for the maturity it needs (Verdict::maturity_gap)
  };
  ir::ElementId element = ir::kNone;
  ir::PhaseId phase = ir::kNone;
  std::uint32_t rank = 0;  // 1-based position in priority order
  Reason reason = Reason::Rank;
  ir::ElementId waited_for = ir::kNone;  // Prerequisite: the prerequisite it waited for
  // PhaseFull, Objective: the limit of the last phase that refused it (None: phase 1 took it);
  // OverCapacity: the limit it exceeds in its phase.
  PhaseLimit limit = PhaseLimit::None;
  // PulledBy, and OverCapacity for a prerequisite of a duty: the element it was placed with.
  ir::ElementId pulled_by = ir::kNone;
  // The element whose priority it ranks with, when that is above its own: an element that needs
  // it (directly or not); kNone when it ranks with its own.
  ir::ElementId priority_from = ir::kNone;
};
const char* reason_name(Placement::Reason r);  // "rank", "prerequisite", "phase_full", ...

// A phase's limits as computed for this profile, and how much of each its placements use.
// A maximum the rulebase computes from the profile (`effort ..(it_staff * 3)`) is clamped to 0
// when negative, and a size is rounded down; an unset maximum is no limit (its use is not
// totalled: only `placed` is counted).
struct PhaseCapacity {
  std::optional<Decimal> size, effort, budget;  // the maxima; std::nullopt: unlimited
  // What the phase's size counts: the elements placed in it, but for the prerequisites pulled in
  // with an objective or work under way (Placement::Reason::PulledBy), which are part of it.
  std::size_t placed = 0;
  Decimal effort_used, budget_used;  // totals, where effort or budget is limited
  friend bool operator==(const PhaseCapacity&, const PhaseCapacity&) = default;
};

// What the roadmap says beside its phases: what the town hall decided that it cannot follow,
// and what the rules vetoed that the town hall asked for. Never a silent drop.
struct RoadmapNote {
  enum class Kind : std::uint8_t {
    ObjectiveNotInPuzzle,   // an agreed objective that is not in the puzzle (see its status)
    InProgressNotInPuzzle,  // an element under way that is not in the puzzle
    RefusedDuty,            // refused by the town hall, but required: it stays in the roadmap
    VetoedNeed,             // a declared need that an `exclude` vetoed
    // The profile, as the roadmap reads it, looks unlikely: check it before a visit.
    MaturityWithoutInPlace,  // `area` has a maturity of 3 or more, and nothing of it is in place
    NothingInPlace,          // the profile says nothing is in place at all
  };
  Kind kind = Kind::ObjectiveNotInPuzzle;
  ir::ElementId element = ir::kNone;  // kNone for the profile's notes
  ir::AreaId area = ir::kNone;        // MaturityWithoutInPlace
  friend bool operator==(const RoadmapNote&, const RoadmapNote&) = default;
};
const char* note_name(RoadmapNote::Kind k);  // "objective_not_in_puzzle", ...

struct Roadmap {
  std::vector<PhaseCapacity> capacity;     // by phase
  std::vector<Placement> placements;       // phase by phase, in placement order
  std::vector<ir::ElementId> unscheduled;  // did not fit any phase
  std::vector<RoadmapNote> notes;          // by kind, then element
  // By element: the index of its placement in `placements` (kNone when it has none).
  std::vector<std::uint32_t> placement_index;
  const Placement* placement_of(ir::ElementId e) const {
    return e < placement_index.size() && placement_index[e] != ir::kNone ? &placements[placement_index[e]] : nullptr;
  }
  // Whether phase `ph` is aspirational: after the last phase with a limit, it holds what the
  // town hall cannot yet plan for (none is when no phase has a limit, or there is no roadmap).
  bool aspirational(ir::PhaseId ph) const;
};

// A fact a rule's condition read, as the evaluation read it: "population" = "228",
// "maturity[viure]" = "2", "segment gran" = "true", "e in needs" = "yes".
struct RecordedFact {
  std::string name;
  std::string value;
};

// What the explanation of one outcome shows, recorded as the rule was decided (see
// EvalOptions::explain): the facts its condition read (`where` and `when` when it fired; the
// condition that failed when it did not) and its `because` as shown (when it fired).
struct OutcomeRecord {
  ir::RuleId rule = ir::kNone;
  ir::ElementId binding = ir::kNone;
  std::uint32_t facts_first = 0, facts_count = 0;  // in EvalResult::facts
  std::string because;
};

// An evaluation error: what failed and where, as data; error_text() says it in words.
struct EvalError {
  enum class Kind : std::uint8_t {
    RuleFault,         // a rule's condition could not be evaluated (`fault`)
    SolutionFault,     // a solution's `eligible when` could not be evaluated (`fault`)
    ScoreOverflow,     // `rule`'s weight took `element`'s score out of range
    LimitFault,        // the `limit` of `phase`, computed from the profile, could not be (`fault`)
    PriorityOverflow,  // `element`'s priority (score plus ranking weights) is out of range
    WarningFault,      // warning `rule`'s condition could not be evaluated (`fault`)
    ProviderFault,     // `provider`'s `serves when` could not be evaluated (`fault`)
  };
  Kind kind = Kind::RuleFault;
  ir::RuleId rule = ir::kNone;          // RuleFault, ScoreOverflow; WarningFault: the warning
  ir::SolutionId solution = ir::kNone;  // SolutionFault
  ir::ElementId element = ir::kNone;    // ScoreOverflow, PriorityOverflow
  EvalFault fault = EvalFault::None;    // RuleFault, SolutionFault, LimitFault
  ir::PhaseId phase = ir::kNone;        // LimitFault
  PhaseLimit limit = PhaseLimit::None;  // LimitFault
  ir::ProviderId provider = ir::kNone;  // ProviderFault
  friend bool operator==(const EvalError&, const EvalError&) = default;
};
// "rule 'x': overflow in '*'", "solution 'p.s': ...", "rule 'x': the score of e overflows ...".
std::string error_text(const ir::Program& program, const EvalError& error);

// A `warning` of the rulebase that holds for the profile (Program::warnings[warning]), for one
// element of its `for` (kNone without one): its `because` as it reads for this profile, and the
// facts its conditions read, so the agent sees which fields to check and their values.
struct ProfileWarning {
  ir::Id warning = ir::kNone;
  ir::ElementId binding = ir::kNone;
  std::string text;
  std::vector<RecordedFact> facts;
  friend bool operator==(const ProfileWarning& a, const ProfileWarning& b) {
    return a.warning == b.warning && a.binding == b.binding && a.text == b.text;
  }
};

struct EvalResult {
  std::string engine_version;
  std::string rulebase_digest;
  std::string profile_digest;
  Date date;
  std::vector<Verdict> verdicts;  // one per element
  EvalOptions::Trace trace = EvalOptions::Trace::Full;
  std::vector<RuleOutcome> outcomes;  // as recorded, in rule order; read them with for_each_outcome
  std::vector<Contribution> contributions;
  std::vector<std::uint32_t> contribution_order;  // indexes into contributions, grouped by element
  // -1 not evaluated, 0 false, 1 true. Which ones are evaluated depends on the rules reached,
  // and a Fired trace may evaluate more of them.
  std::vector<std::int8_t> segments;
  Roadmap roadmap;
  std::vector<EvalError> errors;         // what could not be evaluated, in rule order then solutions
  std::vector<ProfileWarning> warnings;  // in warning order, then binding order; always computed
  // Per provider: 1 when its `serves when` holds for the profile (its own provider), else 0.
  std::vector<std::uint8_t> own_providers;
  // Recorded for explanations (EvalOptions::explain), in rule order then binding order.
  EvalOptions::Explain explained = EvalOptions::Explain::None;
  std::vector<OutcomeRecord> records;
  std::vector<RecordedFact> facts;
  // The record of rule `rule` for `binding` (kNone without `for`), or null when not recorded.
  const OutcomeRecord* record_of(ir::RuleId rule, ir::ElementId binding) const;
  std::span<const RecordedFact> facts_of(const OutcomeRecord& r) const {
    return std::span<const RecordedFact>(facts).subspan(r.facts_first, r.facts_count);
  }

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

// Visits the trace in rule order, then binding order. A rule whose `where` reads no profile fact
// had it decided at load time, and evaluation recorded only the bindings it admits; in a Full
// trace the others are visited too, in their place, so the visit is every rule's outcome for
// every binding. A Fired trace is visited as recorded.
void for_each_outcome(const Rulebase& rb, const EvalResult& result,
                      const std::function<void(const RuleOutcome&)>& visit);

}  // namespace puzle
