// Public API: one entry of an evaluation's trace, what a rule decided for one binding. Apart
// from evaluate.hpp because the compiled plan keeps precomputed outcomes (engine/rulebase/plan.hpp).
#pragma once

#include <cstdint>
#include <string_view>

#include "puzle/ir.hpp"

namespace puzle {

// Why a condition could not be evaluated.
enum class EvalFault : std::uint8_t { None, OverflowAdd, OverflowSub, OverflowMul, DivisionFailed };
const char* fault_text(EvalFault f);  // e.g. "overflow in '*'"; "" for None

// One rule's verdict for one binding of its `for` variable (kNone without `for`). A plain
// 16-byte record: a rule over every element records one per element, so no strings here.
struct RuleOutcome {
  enum class Kind : std::uint8_t { Fired, NotFired, NotInForce, Error };
  ir::RuleId rule = ir::kNone;
  ir::ElementId binding = ir::kNone;
  ir::ExprId decided_by = ir::kNone;  // NotFired: the condition that was false; Error: the failing one
  Kind kind = Kind::NotFired;
  EvalFault fault = EvalFault::None;  // Error: e.g. an arithmetic overflow
  std::string_view error() const { return fault_text(fault); }
};

}  // namespace puzle
