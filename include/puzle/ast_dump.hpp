// Public API: a deterministic, location-free text dump of a parsed module, for grammar tests,
// formatter round-trip tests and `puzle parse --dump`.
#pragma once

#include <string>

#include "puzle/ast.hpp"

namespace puzle {

std::string dump_ast(const ast::Module& module);
std::string dump_expr(const ast::Module& module, ast::ExprId id);

}  // namespace puzle
