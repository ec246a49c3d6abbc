// Public API: the canonical formatter. Prints a parsed module in the one canonical layout,
// keeping every comment (docs/formatting.md describes the layout and where comments go).
#pragma once

#include <string>

#include "puzle/ast.hpp"
#include "puzle/source.hpp"

namespace puzle {

// `module` must have been parsed from `file` without syntax errors (declarations that failed
// to parse are not in the module, so their text would be lost). Never throws on user input.
// The result ends with exactly one newline, or is empty for a module with nothing in it.
std::string format_module(const ast::Module& module, const SourceFile& file);

}  // namespace puzle
