// engine layer (rendering): the plain data behind explanations, shared by the text and JSON
// renderers: which rules acted on an element, with the facts they read, and why others did not.
#pragma once

#include <string>
#include <vector>

#include "puzle/render.hpp"

namespace puzle::explain {

struct Fact {
  std::string name;   // "population", "maturity[viure]", "segment gran"
  std::string value;  // "228", "2", "true"
};

struct Where {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct RuleAct {  // a fired rule's effect on the element
  std::string rule;
  Where at;
  std::string effect;  // suggest, require, exclude, boost, penalize
  std::string weight;  // signed, empty for require/exclude
  std::string binding; // the `for` variable's element, if any
  std::string condition;  // the rule's condition as written ("" when it has none)
  std::vector<Fact> facts;
  std::string because;
  std::vector<std::string> sources;
};

struct RuleMiss {  // a rule that could have acted on the element but did not
  std::string rule;
  Where at;
  std::string effect;
  std::string reason;  // "not in force on DATE", "population >= 20000 is false", ...
  std::vector<Fact> facts;
};

std::string label(const ir::Program& p, ir::NodeId node);
// "suggest", "require", ...; and an effect's weight with its sign ("+15", "-5"; "" for require/exclude).
const char* effect_word(ir::EffectKind k);
std::string signed_weight(const ir::Effect& e);
std::string value_text(const RenderInput& in, const ir::Value& v, const ir::Field& f);
Where where(const RenderInput& in, Span s);
std::string source_text(const RenderInput& in, Span s);

std::vector<RuleAct> acts(const RenderInput& in, ir::ElementId e);
std::vector<RuleMiss> misses(const RenderInput& in, ir::ElementId e);
// Why the roadmap put the element where it is, in words.
std::string placement_reason(const RenderInput& in, ir::ElementId e);

}  // namespace puzle::explain
