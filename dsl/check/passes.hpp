// dsl layer (checker): the passes, in the order check.cpp runs them. Each reads the AST and
// the context, writes the Program, and reports problems through the context's diagnostics.
#pragma once

#include "check/context.hpp"

namespace puzle::check {

void declare(CheckContext& cx);           // names, duplicates, canonical ids
void schema(CheckContext& cx);            // profile field types (defaults come later, in values)
void metamodel(CheckContext& cx);         // nodes, levels, element ids, prerequisites, cycles
void solutions(CheckContext& cx);         // providers' solutions and what they cover
void conditions(CheckContext& cx);        // segments, eligibility, rules: typed expressions
void values(CheckContext& cx);            // profile defaults and test profiles
void roadmap(CheckContext& cx);           // phases and their limits
void tests(CheckContext& cx);             // test expectations
void acknowledgements(CheckContext& cx);  // `acknowledge` clauses: warning codes, reasons
void lint(CheckContext& cx);              // warnings: contradictions, empty segments, unused names
void acknowledge(CheckContext& cx);       // marks acknowledged warnings; stale acknowledgements

std::vector<ir::Label> localized_labels(CheckContext& cx, const std::optional<ast::Text>& main,
                                        const std::vector<ast::Localized>& extra, const char* what);

}  // namespace puzle::check
