// engine layer (evaluation): runs compiled conditions (CondCode, see rulebase.hpp) for one
// profile. Memo slots and segments are filled on first use, so a test no rule reaches is
// never evaluated; `decided_by` names the same IR condition the expression interpreter would.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/expr_eval.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::eval {

class CondEval {
 public:
  CondEval(const CondCode& code, ExprEval& eval) : code_(code), eval_(eval), memo_(code.memo_exprs.size(), -1) {}

  void bind(ir::ElementId e) { eval_.bind(e); }

  // The value of memo slot `slot` (see RulePlan::guard_slot).
  bool memo(std::uint32_t slot) {
    std::int8_t& m = memo_[slot];
    if (m < 0) m = eval_.truth(code_.memo_exprs[slot]) ? 1 : 0;
    return m == 1;
  }

  // The value of the condition whose first node is `node`; when false, `decided_by` is the
  // condition that made it so. Throws ArithmeticError as ExprEval does.
  bool truth(std::uint32_t node, ir::ExprId& decided_by) {
    const CondNode& c = code_.nodes[node];
    switch (c.op) {
      case CondNode::Op::Test: decided_by = c.expr; return eval_.truth(c.expr);
      case CondNode::Op::Memo: decided_by = c.expr; return memo(c.arg);
      case CondNode::Op::All:
        for (std::uint32_t k = node + 1; k < c.next; k = code_.nodes[k].next)
          if (!operand(k, decided_by)) return false;
        return true;
      case CondNode::Op::Any: {
        ir::ExprId ignored;
        for (std::uint32_t k = node + 1; k < c.next; k = code_.nodes[k].next)
          if (operand(k, ignored)) return true;
        decided_by = c.expr;  // every alternative failed
        return false;
      }
      case CondNode::Op::Not: {
        decided_by = c.expr;
        ir::ExprId ignored;
        return !truth(node + 1, ignored);
      }
    }
    return false;
  }

 private:
  // A chain's operand: most are memoized tests, read here without a call.
  bool operand(std::uint32_t node, ir::ExprId& decided_by) {
    const CondNode& c = code_.nodes[node];
    if (c.op != CondNode::Op::Memo) return truth(node, decided_by);
    decided_by = c.expr;
    return memo(c.arg);
  }

  const CondCode& code_;
  ExprEval& eval_;
  std::vector<std::int8_t> memo_;  // -1 not evaluated, 0 false, 1 true
};

}  // namespace puzle::eval
