// Public API: rendering an evaluation for people (text) and programs (JSON). Rendering reads
// the result and the trace the evaluator recorded; it never re-runs a rule. Same inputs, same
// bytes.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

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

// The rulebase's metamodel, for a client to draw it (docs/json.md, "Metamodel"): its digest and
// counts, then areas > domains > blocks > elements in the rulebase's order, each with its
// labels by language; elements with effort, cost, prerequisites and solutions.
std::string render_metamodel_json(const Rulebase& rulebase);

// The compact explanation of an evaluation (docs/json.md, "Compact explanations"): what fired,
// at the speed of the verdicts. Per element that a fired rule acted on, its status, score and
// the rules that acted (id, effect, weight); for each element named in `why_not`, the reason
// each rule that could have proposed it did not (its first failing condition). It reads only
// what a Fired trace records, given EvalOptions::record_rules = record_rules(). Built once per
// rulebase (names are quoted once), then used for any number of profiles, by many threads.
// It is what `puzle batch --explain compact` writes in each line.
class CompactExplainer {
 public:
  explicit CompactExplainer(const Rulebase& rulebase, std::vector<ir::ElementId> why_not = {});
  // The rules whose misses the why-not part reads: those with a suggest, boost or require that
  // can reach an element of `why_not`, by id.
  std::span<const ir::RuleId> record_rules() const;
  // The JSON object, appended to `out` (no line break). The result must come from the same
  // rulebase, with the rules of record_rules() recorded (a Full trace records them all).
  void append_json(const RenderInput& in, std::string& out) const;
  std::string json(const RenderInput& in) const;

 private:
  struct Parts;
  std::shared_ptr<const Parts> parts_;
};

}  // namespace puzle
