// engine layer (planning): the roadmap is a schedule, not a sort. A pure function of the
// evaluation result and the rulebase's phases; it never re-evaluates rules.
#pragma once

#include "puzle/evaluate.hpp"

namespace puzle {

Roadmap plan_roadmap(const Rulebase& rulebase, const EvalResult& result);

}  // namespace puzle
