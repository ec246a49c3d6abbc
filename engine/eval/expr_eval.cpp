// engine layer (evaluation): the expression interpreter (a switch over ir::Op).
#include "eval/expr_eval.hpp"

#include <algorithm>

namespace puzle::eval {

using TK = ir::TypeKind;

bool ExprEval::segment(ir::SegmentId s) {
  if (segments_[s] < 0) segments_[s] = truth(p_.segments[s].condition) ? 1 : 0;
  return segments_[s] == 1;
}

bool ExprEval::member(ir::ElementId e, ir::ExprId set) {
  const ir::Expr& x = p_.exprs[set];
  switch (x.op) {
    case ir::Op::Field: {
      const auto& v = values_[x.a].elements;
      return std::binary_search(v.begin(), v.end(), e);
    }
    case ir::Op::AllElements: return e < p_.elements.size();
    case ir::Op::ElementList:
      for (ir::Id i = 0; i < x.b; ++i)
        if (p_.constants[p_.exprs[p_.list_items[x.a + i]].a].index == e) return true;
      return false;
    case ir::Op::Const:
    case ir::Op::FieldAt:
    case ir::Op::Segment:
    case ir::Op::Var:
    case ir::Op::ElementArea:
    case ir::Op::ElementDomain:
    case ir::Op::ElementBlock:
    case ir::Op::ElementEffort:
    case ir::Op::ElementCost:
    case ir::Op::ElementCityScale:
    case ir::Op::InSet:
    case ir::Op::NotInSet:
    case ir::Op::InList:
    case ir::Op::NotInList:
    case ir::Op::Count:
    case ir::Op::Not:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::Neg:
    case ir::Op::Min:
    case ir::Op::Max:
    case ir::Op::If:
    case ir::Op::Branches: break;  // not sets: the checker never puts them here
  }
  return false;
}

std::vector<ir::ElementId> ExprEval::elements(ir::ExprId set) {
  const ir::Expr& x = p_.exprs[set];
  std::vector<ir::ElementId> out;
  switch (x.op) {
    case ir::Op::Field: return values_[x.a].elements;
    case ir::Op::AllElements:
      out.resize(p_.elements.size());
      for (ir::ElementId e = 0; e < out.size(); ++e) out[e] = e;
      return out;
    case ir::Op::ElementList:
      for (ir::Id i = 0; i < x.b; ++i) out.push_back(p_.constants[p_.exprs[p_.list_items[x.a + i]].a].index);
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    case ir::Op::Const:
    case ir::Op::FieldAt:
    case ir::Op::Segment:
    case ir::Op::Var:
    case ir::Op::ElementArea:
    case ir::Op::ElementDomain:
    case ir::Op::ElementBlock:
    case ir::Op::ElementEffort:
    case ir::Op::ElementCost:
    case ir::Op::ElementCityScale:
    case ir::Op::InSet:
    case ir::Op::NotInSet:
    case ir::Op::InList:
    case ir::Op::NotInList:
    case ir::Op::Count:
    case ir::Op::Not:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::Neg:
    case ir::Op::Min:
    case ir::Op::Max:
    case ir::Op::If:
    case ir::Op::Branches: break;  // not sets: the checker never puts them here
  }
  return out;
}

Decimal ExprEval::number(ir::ExprId id) {
  const ir::Expr& x = p_.exprs[id];
  auto checked = [&](std::optional<Decimal> r, EvalFault fault) {
    if (!r) throw ArithmeticError{id, fault, fault_text(fault)};
    return *r;
  };
  switch (x.op) {
    case ir::Op::Const: return p_.constants[x.a].number;
    case ir::Op::Field: return values_[x.a].number;
    case ir::Op::FieldAt: return values_[x.a].levels[scalar(x.lhs).index];
    case ir::Op::ElementEffort: {
      const auto& e = p_.elements[scalar(x.lhs).index];
      return e.effort ? *e.effort : Decimal();
    }
    case ir::Op::ElementCost: {
      const auto& e = p_.elements[scalar(x.lhs).index];
      return e.cost ? *e.cost : Decimal();
    }
    case ir::Op::ElementCityScale:  // a condition, read by truth()
    case ir::Op::Count: {
      const ir::Expr& s = p_.exprs[x.lhs];
      if (s.op == ir::Op::Field) return Decimal::from_int(static_cast<long long>(values_[s.a].elements.size()));
      return Decimal::from_int(static_cast<long long>(elements(x.lhs).size()));
    }
    case ir::Op::Add: return checked(number(x.lhs).plus(number(x.rhs)), EvalFault::OverflowAdd);
    case ir::Op::Sub: return checked(number(x.lhs).minus(number(x.rhs)), EvalFault::OverflowSub);
    case ir::Op::Mul: return checked(number(x.lhs).times(number(x.rhs)), EvalFault::OverflowMul);
    case ir::Op::Div: return checked(number(x.lhs).divided_by(number(x.rhs)), EvalFault::DivisionFailed);
    case ir::Op::Neg: return number(x.lhs).negated();
    case ir::Op::Min: {
      const Decimal l = number(x.lhs), r = number(x.rhs);
      return r < l ? r : l;
    }
    case ir::Op::Max: {
      const Decimal l = number(x.lhs), r = number(x.rhs);
      return l < r ? r : l;
    }
    case ir::Op::If: {  // only the chosen branch is computed: if(n > 0, x / n, 0) cannot fail
      const ir::Expr& branches = p_.exprs[x.rhs];
      return number(truth(x.lhs) ? branches.lhs : branches.rhs);
    }
    case ir::Op::Branches:  // read through its If
    case ir::Op::Segment:
    case ir::Op::Var:
    case ir::Op::ElementArea:
    case ir::Op::ElementDomain:
    case ir::Op::ElementBlock:
    case ir::Op::AllElements:
    case ir::Op::ElementList:
    case ir::Op::InSet:
    case ir::Op::NotInSet:
    case ir::Op::InList:
    case ir::Op::NotInList:
    case ir::Op::Not:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge: break;  // not numbers: the checker never puts them here
  }
  return Decimal();
}

ExprEval::Scalar ExprEval::scalar(ir::ExprId id) {
  const ir::Expr& x = p_.exprs[id];
  Scalar s;
  s.kind = x.type.kind;
  switch (x.op) {
    case ir::Op::Const: {
      const ir::Value& v = p_.constants[x.a];
      s.index = v.index;
      s.boolean = v.boolean;
      s.text = &v.text;
      return s;
    }
    case ir::Op::Field: {
      const ir::Value& v = values_[x.a];
      s.index = v.index;
      s.boolean = v.boolean;
      s.text = &v.text;
      return s;
    }
    case ir::Op::Var: s.index = var_; return s;
    case ir::Op::ElementArea: s.index = p_.elements[scalar(x.lhs).index].area; return s;
    case ir::Op::ElementDomain: s.index = p_.elements[scalar(x.lhs).index].domain; return s;
    case ir::Op::ElementBlock: s.index = p_.elements[scalar(x.lhs).index].block; return s;
    case ir::Op::Segment:
    case ir::Op::InSet:
    case ir::Op::NotInSet:
    case ir::Op::InList:
    case ir::Op::NotInList:
    case ir::Op::Not:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge:
    case ir::Op::ElementCityScale:
      s.boolean = truth(id);  // a condition used as a value
      return s;
    case ir::Op::FieldAt:
    case ir::Op::ElementEffort:
    case ir::Op::ElementCost:
    case ir::Op::AllElements:
    case ir::Op::ElementList:
    case ir::Op::Count:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::Neg:
    case ir::Op::Min:
    case ir::Op::Max:
    case ir::Op::If:
    case ir::Op::Branches: return s;  // numbers and sets are not scalars: number() and elements() read them
  }
  return s;
}

const Decimal* ExprEval::stored(ir::ExprId id) const {
  const ir::Expr& x = p_.exprs[id];
  if (x.op == ir::Op::Const) return &p_.constants[x.a].number;
  if (x.op == ir::Op::Field) return &values_[x.a].number;
  return nullptr;
}

int ExprEval::compare(ir::ExprId a, ir::ExprId b) {
  const Decimal* x = stored(a);
  const Decimal* y = stored(b);
  if (x && y) return *x < *y ? -1 : *y < *x ? 1 : 0;
  const Decimal l = x ? *x : number(a);
  const Decimal r = y ? *y : number(b);
  return l < r ? -1 : r < l ? 1 : 0;
}

bool ExprEval::equal(ir::ExprId a, ir::ExprId b) {
  const ir::Type& t = p_.exprs[a].type;
  if (t.numeric()) return compare(a, b) == 0;
  const Scalar x = scalar(a), y = scalar(b);
  switch (t.kind) {
    case TK::Bool: return x.boolean == y.boolean;
    case TK::Text: return x.text && y.text && *x.text == *y.text;
    default: return x.index == y.index;
  }
}

bool ExprEval::truth(ir::ExprId id, ir::ExprId& decided_by) {
  const ir::Expr& x = p_.exprs[id];
  decided_by = id;
  switch (x.op) {
    case ir::Op::Const: return p_.constants[x.a].boolean;
    case ir::Op::Field: return values_[x.a].boolean;
    case ir::Op::Segment: return segment(x.a);
    case ir::Op::ElementCityScale: return p_.elements[scalar(x.lhs).index].city_scale;
    case ir::Op::Not: return !truth(x.lhs);
    case ir::Op::And: return truth(x.lhs, decided_by) && truth(x.rhs, decided_by);
    case ir::Op::Or:
      if (truth(x.lhs) || truth(x.rhs)) return true;
      decided_by = id;  // both sides false: the whole alternative failed
      return false;
    case ir::Op::Eq: return equal(x.lhs, x.rhs);
    case ir::Op::Ne: return !equal(x.lhs, x.rhs);
    case ir::Op::Lt: return compare(x.lhs, x.rhs) < 0;
    case ir::Op::Le: return compare(x.lhs, x.rhs) <= 0;
    case ir::Op::Gt: return compare(x.lhs, x.rhs) > 0;
    case ir::Op::Ge: return compare(x.lhs, x.rhs) >= 0;
    case ir::Op::InSet: return member(scalar(x.lhs).index, x.rhs);
    case ir::Op::NotInSet: return !member(scalar(x.lhs).index, x.rhs);
    case ir::Op::InList:
    case ir::Op::NotInList: {
      bool found = false;
      for (ir::Id i = 0; i < x.b && !found; ++i) found = equal(x.lhs, p_.list_items[x.a + i]);
      return found == (x.op == ir::Op::InList);
    }
    case ir::Op::FieldAt:
    case ir::Op::Var:
    case ir::Op::ElementArea:
    case ir::Op::ElementDomain:
    case ir::Op::ElementBlock:
    case ir::Op::ElementEffort:
    case ir::Op::ElementCost:
    case ir::Op::AllElements:
    case ir::Op::ElementList:
    case ir::Op::Count:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::Neg:
    case ir::Op::Min:
    case ir::Op::Max:
    case ir::Op::If:
    case ir::Op::Branches: break;  // not conditions: the checker never puts them here
  }
  return false;
}

}  // namespace puzle::eval
