// The compact explanation (CompactExplainer): what it says is what the full explanation says,
// in fewer words. Its acts are the full explanation's acts (rule, effect, weight, binding), and
// its why-not, read from a Fired trace with the needed rules recorded whole, gives the same
// reasons as the why-not of a full trace; recording them changes no verdict and no roadmap.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "generate_rulebase.hpp"
#include "puzle/explain.hpp"
#include "puzle/render.hpp"

namespace puzle::compact_explain_test {
namespace {

using namespace testing_helpers;
using J = nlohmann::json;

EvalOptions options(EvalOptions::Trace trace, EvalOptions::Explain explain = EvalOptions::Explain::None) {
  EvalOptions o;
  o.date = *Date::parse("2026-01-01");
  o.trace = trace;
  o.explain = explain;
  return o;
}

// The acts of the full explanation of `e`, as the compact form lists them.
J full_acts(const RenderInput& in, ir::ElementId e) {
  J out = J::array();
  for (const auto& a : explain::acts(in, e)) {
    J act{{"rule", a.rule}, {"effect", a.effect}};
    if (!a.weight.empty()) act["weight"] = a.weight;
    if (!a.binding.empty() && a.binding != in.rulebase.program().element_node(e).id) act["binding"] = a.binding;
    out.push_back(act);
  }
  return out;
}

// The reasons of the full why-not of `e`, as the compact form lists them.
J full_misses(const RenderInput& in, ir::ElementId e) {
  J out = J::array();
  for (const auto& m : explain::misses(in, e))
    out.push_back(J{{"rule", m.rule}, {"effect", m.effect}, {"reason", m.reason}});
  return out;
}

// Compares the compact explanation of a Fired evaluation (with why-not for `why_not`) with the
// full explanation of the same profile; returns how many acts it listed.
std::size_t expect_compact_is_full(const Rulebase& rb, const Profile& profile,
                                   const std::vector<ir::ElementId>& why_not) {
  const CompactExplainer compact(rb, why_not);
  EvalOptions fired_options = options(EvalOptions::Trace::Fired);
  fired_options.record_rules = compact.record_rules();
  const EvalResult fired = evaluate(rb, profile, fired_options);
  const EvalResult plain = evaluate(rb, profile, options(EvalOptions::Trace::Fired));
  const EvalResult full = evaluate(rb, profile, options(EvalOptions::Trace::Full, EvalOptions::Explain::All));
  const RenderInput fired_in{rb, profile, fired}, full_in{rb, profile, full};
  // Recording more of the trace changes nothing of the answer.
  EXPECT_EQ(render_json({rb, profile, plain}, JsonView::Roadmap), render_json(fired_in, JsonView::Roadmap));

  const J j = J::parse(compact.json(fired_in));
  const ir::Program& p = rb.program();
  std::size_t acts = 0, listed = 0;
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    const J expected = full_acts(full_in, e);
    if (expected.empty()) continue;
    SCOPED_TRACE(p.element_node(e).id);
    if (listed >= j["elements"].size()) {
      ADD_FAILURE() << "not listed";
      break;
    }
    const J& entry = j["elements"][listed++];
    EXPECT_EQ(entry["id"], p.element_node(e).id);
    EXPECT_EQ(entry["status"], status_name(fired.verdicts[e].status));
    EXPECT_EQ(entry["acts"], expected);
    acts += expected.size();
  }
  EXPECT_EQ(listed, j["elements"].size()) << "an element no rule acted on is not listed";
  EXPECT_EQ(j["why_not"].size(), why_not.size());
  for (std::size_t i = 0; i < why_not.size() && i < j["why_not"].size(); ++i) {
    SCOPED_TRACE("why not " + p.element_node(why_not[i]).id);
    EXPECT_EQ(j["why_not"][i]["id"], p.element_node(why_not[i]).id);
    EXPECT_EQ(j["why_not"][i]["not_fired"], full_misses(full_in, why_not[i]));
  }
  return acts;
}

TEST(CompactExplanation, SaysWhatTheFullOneSaysOnTheShippedRulebase) {
  const Rulebase& rb = shipped_rulebase();
  const ir::Program& p = rb.program();
  // Every element asked about at once, over every example profile.
  std::vector<ir::ElementId> all(p.elements.size());
  for (ir::ElementId e = 0; e < all.size(); ++e) all[e] = e;
  std::size_t acts = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PUZLE_SOURCE_DIR) + "/examples/profiles")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    std::ifstream in(entry.path());
    const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Profile profile = make_profile(rb, json);
    acts += expect_compact_is_full(rb, profile, all);
  }
  EXPECT_GT(acts, 100u) << "the examples make rules act";
}

TEST(CompactExplanation, SaysWhatTheFullOneSaysOnAGeneratedRulebase) {
  bench::RulebaseShape shape;
  shape.elements = 80;
  shape.rules = 400;
  shape.rules_per_file = 200;
  const Rulebase rb = make_rulebase(bench::generate_rulebase(shape));
  std::istringstream lines(bench::generate_profiles(12));
  // A few elements only: the rules not asked about stay unrecorded.
  const std::vector<ir::ElementId> why_not{3, 17, 42};
  std::size_t acts = 0;
  for (std::string line; std::getline(lines, line);) {
    line.insert(line.rfind('}'), R"(, "needs": [")" + rb.program().element_node(17).id + "\"]");
    SCOPED_TRACE(line);
    acts += expect_compact_is_full(rb, make_profile(rb, line), why_not);
  }
  EXPECT_GT(acts, 12u);
}

TEST(CompactExplanation, RecordsOnlyTheRulesThatCouldProposeTheElementsAsked) {
  const Rulebase rb = make_rulebase({{"r.pzl", R"(profile { population: int = 0  needs: set<element> = [] }
area a "A" { domain d "D" { block b "B" {
  element x "X"
  element y "Y"
} } }
rule sx when population > 10 suggest x
rule sy when population > 10 suggest y
rule ex when population > 10 exclude x
rule py when population > 10 penalize x
rule fe for e in needs when population > 10 boost e
)"}});
  const CompactExplainer none(rb);
  EXPECT_TRUE(none.record_rules().empty());
  const CompactExplainer x(rb, {el(rb, "x")});
  std::vector<ir::RuleId> expected{rule_id(rb, "sx"), rule_id(rb, "fe")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(std::vector<ir::RuleId>(x.record_rules().begin(), x.record_rules().end()), expected);
  const Profile profile = make_profile(rb, R"({"population": 5, "needs": ["y"]})");
  EvalOptions o = options(EvalOptions::Trace::Fired);
  o.record_rules = x.record_rules();
  const J j = J::parse(x.json({rb, profile, evaluate(rb, profile, o)}));
  EXPECT_EQ(j["elements"], J::array());
  EXPECT_EQ(j["why_not"][0]["not_fired"], J::parse(R"([{"rule":"fe","effect":"boost","reason":"x is not in needs"},
                         {"rule":"sx","effect":"suggest","reason":"population > 10 is false"}])"));
  const std::vector<ir::RuleId> bad{99};
  o.record_rules = bad;
  EXPECT_THROW(evaluate(rb, profile, o), std::invalid_argument);
  EXPECT_THROW(CompactExplainer(rb, {77}), std::invalid_argument);
}

}  // namespace
}  // namespace puzle::compact_explain_test
