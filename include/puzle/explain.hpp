// Public API: the explanation model, the data that `explain` and `why-not` show: the rules that
// acted on an element (with the facts they read and their `because`), the rules that could have
// proposed it and did not (with the condition that failed), and why the roadmap put it where it
// is. The text and JSON renderers read it, and so does every other front end: none parses
// another's output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "puzle/render.hpp"

namespace puzle::explain {

// A fact a rule read ("population" = "228", "segment gran" = "true"), as the evaluation read it.
using Fact = RecordedFact;

// A place in the rulebase's files (1-based line and column).
struct Where {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct RuleAct {  // a fired rule's effect on the element
  std::string rule;
  Where at;
  std::string effect;     // suggest, require, exclude, boost, penalize
  std::string weight;     // signed, empty for require/exclude
  std::string binding;    // the `for` variable's element, if any
  std::string condition;  // the rule's condition as written ("" when it has none)
  std::vector<Fact> facts;
  std::string because;
  std::vector<std::string> sources;
};

struct RuleMiss {  // a rule that could have proposed the element but did not
  std::string rule;
  Where at;
  std::string effect;
  std::string reason;  // "not in force on DATE", "population >= 20000 is false", ...
  std::vector<Fact> facts;
};

// Every effect that acted on `e`, in the order the rules acted. The result must have been
// evaluated with EvalOptions::explain (Acts or All); std::logic_error otherwise.
std::vector<RuleAct> acts(const RenderInput& in, ir::ElementId e);
// The rules that could have suggested, boosted or required `e` and did not, by rule name. The
// result must have been evaluated with EvalOptions::explain = All.
std::vector<RuleMiss> misses(const RenderInput& in, ir::ElementId e);
// How an element of the roadmap got its rank, so that an auditor can recompute it: the terms of
// its own priority, and the element whose priority it ranks with when that is higher.
struct RankTerm {
  std::string term;   // "score", then the roadmap's `priority` terms that hold: "required", ...
  std::string value;  // signed: "15", "+20", "-5"
};
struct Rank {
  std::uint32_t rank = 0, of = 0;  // its 1-based position among the `of` candidates
  bool declared = false;           // by the rulebase's `priority`; else required first, then score
  bool required = false;           // without `priority`: whether it goes with the duties
  std::string own;                 // its own priority (declared) or score; "" for a needed element
  std::vector<RankTerm> terms;     // what `own` adds up (declared)
  std::string ranks_with;          // the element whose priority it takes (Placement::priority_from)
  std::string ranks_with_value;    // that priority (declared) or score
};
// The rank of `e`, when the roadmap placed it or left it unscheduled; rank 0 otherwise.
Rank rank(const RenderInput& in, ir::ElementId e);
// The rank in words: "3 of 33, priority 36 = score 1 + required 20 + overdue 15".
std::string rank_text(const Rank& r);

// Why the roadmap put `e` where it is, in words ("phase 1 (curt): rank 3 by priority").
std::string placement_reason(const RenderInput& in, ir::ElementId e);
// A roadmap note in words ("e-x was refused by the town hall, but the law requires it").
std::string note_text(const RenderInput& in, const RoadmapNote& note);
// What the town hall decided about `e` at a visit: "agreed objective", "under way", "refused".
std::vector<std::string> town_hall_decisions(const Verdict& v);

}  // namespace puzle::explain
