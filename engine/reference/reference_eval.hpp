// engine layer (reference): a deliberately plain evaluator, written from docs/semantics.md
// over the IR alone: no compiled conditions, no memo slots, no skips, no rule plans, no
// index. It is slow and meant to stay obvious, so that the real evaluator, which is fast and
// clever, can be checked against it (tests/unit/engine/reference_eval_test.cpp) and so that
// analyses that must be right before they are fast can use it.
#pragma once

#include "puzle/evaluate.hpp"

namespace puzle::reference {

// The same result as puzle::evaluate with a full trace: every rule's outcome for every binding,
// in rule order then binding order (as for_each_outcome visits a real result), the
// contributions, the verdicts, the errors and the roadmap. `segments` is not filled.
EvalResult evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options);

}  // namespace puzle::reference
