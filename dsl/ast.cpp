// dsl layer: the few helpers of the plain-data AST.
#include "puzle/ast.hpp"

#include <variant>

namespace puzle::ast {

std::string Path::joined() const {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) s += '.';
    s += parts[i].text;
  }
  return s;
}

Span decl_span(const Decl& d) {
  return std::visit([](const auto& x) { return x.span; }, d);
}

const char* op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
  }
  return "?";
}

}  // namespace puzle::ast
