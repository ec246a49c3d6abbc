// Public API: a deterministic, location-free text dump of a checked Program. Two rulebases
// that mean the same (e.g. before and after `puzle fmt`, or with files in another order) dump
// to the same text. Used by tests and by `puzle check --dump-ir`.
#pragma once

#include <string>

#include "puzle/ir.hpp"

namespace puzle {

std::string dump_program(const ir::Program& program);
std::string dump_ir_expr(const ir::Program& program, ir::ExprId id);

}  // namespace puzle
