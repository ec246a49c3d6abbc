// The body of the profile fuzz target, shared with the corpus replay test: any bytes as a JSON
// profile of examples/minimal; when it loads, its evaluation and every rendering. It must never
// crash, hang or throw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fuzz_rulebase.hpp"
#include "puzle/diagnostic.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/profile.hpp"
#include "puzle/render.hpp"

namespace puzle::fuzz {

// Returns the size of everything rendered, so that the work cannot be optimised away.
inline std::size_t run_profile(std::string_view bytes) {
  const Rulebase& rb = minimal_rulebase();
  ProfileLoad load = load_profile(rb, "f.json", std::string(bytes));
  // The loader's contract: a profile exactly when there are no errors, one value per field.
  if (load.profile.has_value() == load.diagnostics.has_errors()) __builtin_trap();
  if (load.sources == nullptr) __builtin_trap();
  std::size_t n = render_text(load.diagnostics, *load.sources).size();
  n += render_json(load.diagnostics, *load.sources).size();
  if (!load.profile) return n;
  const Profile& profile = *load.profile;
  if (profile.values.size() != rb.program().fields.size()) __builtin_trap();

  EvalOptions options;
  options.date = *Date::parse("2025-01-01");    // a fixed day: the same bytes always take the same path
  options.explain = EvalOptions::Explain::All;  // the explanations below read what it records
  const EvalResult result = evaluate(rb, profile, options);
  const RenderInput in{rb, profile, result};
  // One element to explain, chosen by the profile's bytes (its digest) so that all get a turn.
  const std::size_t elements = rb.program().elements.size();
  const auto element = static_cast<ir::ElementId>(std::stoul(profile.digest.substr(0, 8), nullptr, 16) % elements);
  n += render_puzzle_text(in).size();
  n += render_roadmap_text(in).size();
  n += render_explain_text(in, element).size();
  n += render_why_not_text(in, element).size();
  for (JsonView view : {JsonView::Puzzle, JsonView::Roadmap, JsonView::Explain, JsonView::WhyNot})
    n += render_json(in, view, element).size();
  n += render_json_line(in).size();
  return n;
}

}  // namespace puzle::fuzz
