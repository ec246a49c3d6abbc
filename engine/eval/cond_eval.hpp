// engine layer (evaluation): runs compiled conditions (CondCode, see rulebase.hpp) for one
// profile. Memo slots and segments are filled on first use, so a test no rule reaches is
// never evaluated; `decided_by` names the same IR condition the expression interpreter would.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "eval/expr_eval.hpp"
#include "rulebase/plan.hpp"

namespace puzle::eval {

class CondEval {
 public:
  CondEval(const ir::Program& p, const Profile& profile, const CondCode& code, ExprEval& eval)
      : constants_(p.constants), values_(profile.values), code_(code), eval_(eval), memo_(code.memo_exprs.size(), -1) {}

  ExprEval& expr() { return eval_; }  // the interpreter under the compiled conditions

  void bind(ir::ElementId e) {
    var_ = e;
    eval_.bind(e);
  }

  // The value of memo slot `slot` (see RulePlan::guard_slot).
  bool memo(std::uint32_t slot) {
    std::int8_t& m = memo_[slot];
    if (m < 0) m = fill(slot) ? 1 : 0;
    return m == 1;
  }

  // The value of the condition whose first node is `node`; when false, `decided_by` is the
  // condition that made it so. Throws ArithmeticError as ExprEval does.
  bool truth(std::uint32_t node, ir::ExprId& decided_by) {
    const CondNode& c = code_.nodes[node];
    switch (c.op) {
      case CondNode::Op::Test: decided_by = c.expr; return eval_.truth(c.expr);
      case CondNode::Op::Memo: decided_by = c.expr; return memo(c.arg);
      case CondNode::Op::VarIn:
      case CondNode::Op::VarNotIn: {
        decided_by = c.expr;
        const auto& set = values_[c.arg].elements;
        return std::binary_search(set.begin(), set.end(), var_) == (c.op == CondNode::Op::VarIn);
      }
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
  bool fill(std::uint32_t slot) {
    const MemoTest& t = code_.memo_tests[slot];
    switch (t.kind) {
      case MemoTest::Kind::Expr: break;
      case MemoTest::Kind::Member:
      case MemoTest::Kind::NotMember: {
        const auto& set = values_[t.field].elements;
        return std::binary_search(set.begin(), set.end(), t.element) == (t.kind == MemoTest::Kind::Member);
      }
      case MemoTest::Kind::Compare: {
        const ir::Value& v = values_[t.field];
        const Decimal& l = t.area == ir::kNone ? v.number : v.levels[t.area];
        const Decimal& r = constants_[t.constant].number;
        switch (t.op) {
          case ir::Op::Lt: return l < r;
          case ir::Op::Le: return l <= r;
          case ir::Op::Gt: return l > r;
          case ir::Op::Ge: return l >= r;
          case ir::Op::Eq: return l == r;
          default: return !(l == r);
        }
      }
    }
    return eval_.truth(code_.memo_exprs[slot]);
  }

  // A chain's operand: most are memoized tests, read here without a call.
  bool operand(std::uint32_t node, ir::ExprId& decided_by) {
    const CondNode& c = code_.nodes[node];
    if (c.op != CondNode::Op::Memo) return truth(node, decided_by);
    decided_by = c.expr;
    return memo(c.arg);
  }

  const std::vector<ir::Value>& constants_;
  const std::vector<ir::Value>& values_;
  const CondCode& code_;
  ExprEval& eval_;
  std::vector<std::int8_t> memo_;  // -1 not evaluated, 0 false, 1 true
  ir::ElementId var_ = ir::kNone;
};

}  // namespace puzle::eval
