// engine layer (evaluation): runs every rule for one profile and records the trace (outcomes,
// contributions, errors) and each element's score and flags in `out`.
#pragma once

#include "eval/cond_eval.hpp"
#include "puzle/evaluate.hpp"

namespace puzle::eval {

void run_rules(const Rulebase& rb, const Profile& profile, const EvalOptions& options, CondEval& eval, EvalResult& out);

}  // namespace puzle::eval
