// Public API: rendering an evaluation for people (text) and programs (JSON). Rendering reads
// the result and the trace the evaluator recorded; it never re-runs a rule. Same inputs, same
// bytes.
#pragma once

#include <string>

#include "puzle/evaluate.hpp"

namespace puzle {

struct RenderInput {
  const Rulebase& rulebase;
  const Profile& profile;
  const EvalResult& result;
};

std::string render_puzzle_text(const RenderInput& in);
std::string render_roadmap_text(const RenderInput& in);
std::string render_explain_text(const RenderInput& in, ir::ElementId element);
std::string render_why_not_text(const RenderInput& in, ir::ElementId element);

enum class JsonView { Puzzle, Roadmap, Explain, WhyNot };
// One JSON document (see docs/json.md); `element` is used by Explain and WhyNot.
std::string render_json(const RenderInput& in, JsonView view, ir::ElementId element = ir::kNone);
// The roadmap view with the explanation of every element of the roadmap, on one line (for
// `puzle batch --full`).
std::string render_json_line(const RenderInput& in);

}  // namespace puzle
