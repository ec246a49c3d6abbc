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

}  // namespace puzle::ast
