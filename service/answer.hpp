// service layer: one evaluation rendered as a view — what the service answers and what a replay
// computes again, by the same code, so the two cannot drift apart.
#pragma once

#include <optional>
#include <string>

#include "puzle/evaluate.hpp"
#include "puzle/render.hpp"

namespace puzle::service {

// The views a request may ask for: "roadmap", "puzzle", "explain", "why-not"; nullopt otherwise.
std::optional<JsonView> view_named(const std::string& view);

struct Answer {
  EvalResult result;
  std::string body;     // render_json of the view
  std::string explain;  // the compact explanation (for the decision log), when asked
};

// Evaluates `profile` on `date` as the CLI does for that view, and renders it. With `explainer`,
// also the compact explanation.
Answer answer(const Rulebase& rb, const Profile& profile, Date date, JsonView view, ir::ElementId element,
              const CompactExplainer* explainer);

}  // namespace puzle::service
