// Public API: from text to a checked rulebase. parse() and check() report user mistakes as
// Diagnostics and never throw on any input; a non-null result means no errors (warnings allowed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "puzle/ast.hpp"
#include "puzle/diagnostic.hpp"
#include "puzle/ir.hpp"
#include "puzle/source.hpp"

namespace puzle {

inline constexpr std::size_t kMaxFileBytes = 8u << 20;  // 8 MiB per rule file

// Parses one file of `sources`; recovers at declaration boundaries, so several syntax errors
// can be reported in one run. The module holds every declaration that parsed.
ast::Module parse_module(const SourceSet& sources, FileId file, Diagnostics& diags);

// Reads the *.pzl files under each path (a folder is walked recursively, in sorted order; a
// file is taken as given). Unreadable paths become E106 diagnostics.
void read_sources(const std::vector<std::string>& paths, SourceSet& sources, Diagnostics& diags);

struct CheckedRulebase {
  SourceSet sources;
  std::vector<ast::Module> modules;
  std::shared_ptr<const ir::Program> program;  // null when there are errors
  Diagnostics diagnostics;                     // sorted
  // What the checker resolved, errors or not (over the declarations that parsed, when some did
  // not): for tools that must resolve names in a rulebase being edited. Never evaluate it:
  // what could not be resolved is kNone. The same as `program` when there are no errors.
  std::shared_ptr<const ir::Program> partial;
};

// Type-checks and resolves parsed modules into the evaluator's form (null when there are
// errors). `partial`, when given, receives what was resolved, errors or not.
std::shared_ptr<const ir::Program> check_modules(const SourceSet& sources, const std::vector<ast::Module>& modules,
                                                 Diagnostics& diags,
                                                 std::shared_ptr<const ir::Program>* partial = nullptr);

// read_sources + parse_module for each file + check.
CheckedRulebase load_rulebase(const std::vector<std::string>& paths);
// The same over text already in memory (tests, fuzzing): each pair is {path, text}.
CheckedRulebase load_rulebase_from_text(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace puzle
