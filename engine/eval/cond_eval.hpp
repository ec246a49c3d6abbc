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

  // The value of the condition whose first node is `node`; when false, `decided_by` is the
  // condition that made it so. Throws ArithmeticError as ExprEval does.
  bool truth(std::uint32_t node, ir::ExprId& decided_by) {
    const CondNode& c = code_.nodes[node];
    switch (c.op) {
      case CondNode::Op::Test: decided_by = c.expr; return eval_.truth(c.expr);
      case CondNode::Op::Memo: {
        decided_by = c.expr;
        std::int8_t& m = memo_[c.arg];
        if (m < 0) m = eval_.truth(code_.memo_exprs[c.arg]) ? 1 : 0;
        return m == 1;
      }
      case CondNode::Op::Segment: decided_by = c.expr; return eval_.segment(c.arg);
      case CondNode::Op::And: return truth(node + 1, decided_by) && truth(c.arg, decided_by);
      case CondNode::Op::Or: {
        ir::ExprId ignored;
        if (truth(node + 1, ignored) || truth(c.arg, ignored)) return true;
        decided_by = c.expr;  // both sides false: the whole alternative failed
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
  const CondCode& code_;
  ExprEval& eval_;
  std::vector<std::int8_t> memo_;  // -1 not evaluated, 0 false, 1 true
};

}  // namespace puzle::eval
