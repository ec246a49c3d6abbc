// engine layer (evaluation): what explanations show, recorded as each rule is decided, with the
// evaluator's own state (its binding, the segments it has computed): the facts a condition read
// and the `because` as it reads for this municipality. Used only when EvalOptions::explain asks.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "eval/expr_eval.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/source.hpp"

namespace puzle::eval {

class FactRecorder {
 public:
  FactRecorder(const ir::Program& p, const SourceSet& sources, const Profile& profile, ExprEval& eval)
      : p_(p), sources_(sources), profile_(profile), eval_(eval) {}

  // Appends to `out` the facts `cond` reads for the binding the evaluator has, each once
  // (those already in `seen` are left out).
  void facts(ir::ExprId cond, std::vector<RecordedFact>& out, std::set<std::string>& seen);
  // The rule's `because` with its holes filled for the binding the evaluator has.
  std::string because(const ir::Rule& r);

 private:
  std::string show(ir::ExprId id);
  const ir::Program& p_;
  const SourceSet& sources_;
  const Profile& profile_;
  ExprEval& eval_;
};

// Records one outcome's explanation into `out` (see EvalOptions::explain): for a rule that
// fired, the facts of its `where` and `when` and its `because`; for one that did not, the facts
// of the condition that decided. The evaluator is bound to `binding` first.
void record_outcome(FactRecorder& recorder, ExprEval& eval, const ir::Rule& rule, const RuleOutcome& outcome,
                    EvalResult& out);

}  // namespace puzle::eval
