// engine layer: how values and nodes are shown to people (labels, profile values), shared by the
// facts the evaluator records for explanations and by the renderers.
#pragma once

#include <string>

#include "puzle/ir.hpp"
#include "puzle/source.hpp"

namespace puzle::explain {

// A node's Catalan label, or its first label, or its id.
std::string label(const ir::Program& p, ir::NodeId node);
// A profile value of field `f` as shown: "228", "girona", "[seu, registre]", "{ajuntament: 2}".
std::string value_text(const ir::Program& p, const ir::Value& v, const ir::Field& f);
// The text of span `s` of the rules as written, on one line with single spaces.
std::string source_text(const SourceSet& sources, Span s);

}  // namespace puzle::explain
