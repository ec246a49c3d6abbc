// engine layer (rulebase index): per-rule plans, computed once at load time (see RulePlan).
#pragma once

#include <vector>

#include "puzle/ir.hpp"
#include "puzle/rulebase.hpp"

namespace puzle {

std::vector<RulePlan> plan_rules(const ir::Program& p);

}  // namespace puzle
