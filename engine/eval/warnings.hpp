// engine layer (evaluation): the rulebase's `warning` declarations, checked against one profile.
// They are few and read only the profile, so they run apart from the rules' compiled plan: what
// they find never changes a score, a status or the roadmap.
#pragma once

#include "eval/expr_eval.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::eval {

// Appends to out.warnings every warning that holds (for each binding of its `for`), with its
// `because` and the facts its conditions read; a condition that cannot be evaluated is an
// EvalError::WarningFault. Warnings not in force at `date` are not checked.
void check_warnings(const Rulebase& rb, const Profile& profile, const Date& date, ExprEval& eval, EvalResult& out);

}  // namespace puzle::eval
