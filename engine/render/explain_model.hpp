// engine layer (rendering): the helpers behind the explanation model (include/puzle/explain.hpp)
// that the renderers share: labels, values and places as shown.
#pragma once

#include <string>
#include <vector>

#include "eval/shown.hpp"
#include "puzle/explain.hpp"
#include "puzle/render.hpp"

namespace puzle::explain {

// "suggest", "require", ...; and an effect's weight with its sign ("+15", "-5"; "" for require/exclude).
const char* effect_word(ir::EffectKind k);
std::string signed_weight(const ir::Effect& e);
Where where(const RenderInput& in, Span s);
std::string source_text(const RenderInput& in, Span s);
// misses(in, e), with the facts each condition read (which needs EvalOptions::Explain::All) or
// without them (which needs only the outcomes: a Full trace, or the rules that could propose
// `e` recorded whole in a Fired one, EvalOptions::record_rules).
std::vector<RuleMiss> misses_of(const RenderInput& in, ir::ElementId e, bool with_facts);

}  // namespace puzle::explain
