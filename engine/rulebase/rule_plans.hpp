// engine layer (rulebase index): per-rule plans, computed once at load time (see RulePlan).
#pragma once

#include <vector>

#include "puzle/ir.hpp"
#include "rulebase/cond_code.hpp"
#include "rulebase/plan.hpp"

namespace puzle {

// Also compiles each rule's `where` and `when` into `code`.
void plan_rules(const ir::Program& p, CondCompiler& code, CompiledRules& rules, SkipIndex& skip);

}  // namespace puzle
