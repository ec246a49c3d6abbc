// Public API: a browsable view of a rulebase for experts who would rather not read rule files:
// the metamodel (area > domain > block > element with labels, effort, cost, prerequisites,
// solutions and the rules that name each element), the providers and their solutions, the
// segments, the roadmap policy and an index of the rules. Same rulebase, same bytes.
#pragma once

#include <string>

#include "puzle/rulebase.hpp"

namespace puzle {

enum class DocFormat { Markdown, Html };

std::string render_rulebase_doc(const Rulebase& rulebase, DocFormat format);

}  // namespace puzle
