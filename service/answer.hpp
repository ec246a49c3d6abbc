// service layer: one evaluation rendered as a view — what the service answers and what a replay
// computes again, by the same code, so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "puzle/evaluate.hpp"
#include "puzle/render.hpp"

namespace puzle::service {

// The views a request may ask for: the CLI's ("roadmap", "puzzle", "explain", "why-not") and
// the compact explanation alone ("compact", docs/json.md); nullopt otherwise.
enum class View : std::uint8_t { Roadmap, Puzzle, Explain, WhyNot, Compact };
std::optional<View> view_named(const std::string& view);

struct Answer {
  EvalResult result;
  std::string body;     // render_json of the view
  std::string explain;  // the compact explanation (for the decision log), when asked
};

// Evaluates `profile` on `date` as the CLI does for that view, and renders it. With `explainer`,
// also the compact explanation (Compact needs it: it is the body).
Answer answer(const Rulebase& rb, const Profile& profile, Date date, View view, ir::ElementId element,
              const CompactExplainer* explainer);

}  // namespace puzle::service
