// engine layer (evaluation): checking the rulebase's warnings (warnings.hpp).
#include "eval/warnings.hpp"

#include <set>

#include "eval/fact_recorder.hpp"

namespace puzle::eval {

void check_warnings(const Rulebase& rb, const Profile& profile, const Date& date, ExprEval& eval, EvalResult& out) {
  const ir::Program& p = rb.program();
  out.warnings.clear();
  if (p.warnings.empty()) return;
  FactRecorder recorder(p, rb.sources(), profile, eval);
  for (ir::Id w = 0; w < p.warnings.size(); ++w) {
    const ir::Rule& warning = p.warnings[w];
    if ((warning.valid_from && date < *warning.valid_from) || (warning.valid_until && date > *warning.valid_until))
      continue;
    auto report = [&](ir::ElementId binding) {
      ProfileWarning found;
      found.warning = w;
      found.binding = binding;
      std::set<std::string> seen;
      recorder.facts(warning.where, found.facts, seen);
      recorder.facts(warning.when, found.facts, seen);
      found.text = recorder.because(warning);
      out.warnings.push_back(std::move(found));
    };
    try {
      if (warning.for_set == ir::kNone) {
        eval.bind(ir::kNone);
        if (warning.when == ir::kNone || eval.truth(warning.when)) report(ir::kNone);
        continue;
      }
      for (ir::ElementId e : eval.elements(warning.for_set)) {
        eval.bind(e);
        if (warning.where != ir::kNone && !eval.truth(warning.where)) continue;
        if (warning.when == ir::kNone || eval.truth(warning.when)) report(e);
      }
    } catch (const ArithmeticError& e) {
      EvalError error;
      error.kind = EvalError::Kind::WarningFault;
      error.rule = w;
      error.fault = e.fault;
      out.errors.push_back(error);
    }
    eval.bind(ir::kNone);
  }
}

}  // namespace puzle::eval
