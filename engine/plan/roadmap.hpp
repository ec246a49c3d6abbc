// engine layer (planning): the roadmap is a schedule, not a sort. A pure function of the
// evaluation result and the rulebase's phases; it never re-evaluates rules.
#pragma once

#include "puzle/evaluate.hpp"

namespace puzle {

// `capacity` has each phase's maxima for this profile; the roadmap returned has them with
// what its placements use. `named`, when given, lists by id (each once) every element the
// profile names in its `needs`, `objectives`, `in_progress` and `refused`: the notes look at
// those only, rather than at every element.
Roadmap plan_roadmap(const Rulebase& rulebase, const EvalResult& result, std::vector<PhaseCapacity> capacity,
                     const std::vector<ir::ElementId>* named = nullptr);

// A maximum computed from the profile as the schedule uses it: 0 when negative; a size is a
// whole number, rounded down.
Decimal computed_limit(const Decimal& value, PhaseLimit which);

}  // namespace puzle
