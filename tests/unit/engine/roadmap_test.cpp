// The roadmap scheduler (engine/plan/roadmap.cpp): ranking, tie-breaks, phase limits, placement
// reasons, unscheduled elements, and a property test over random rulebases and profiles.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "plan/roadmap.hpp"
#include "puzle/render.hpp"
#include "rulebase/plan.hpp"

namespace puzle::roadmap_test {
namespace {

using namespace testing_helpers;

const char* const kRoadmapSchema = R"(profile {
  population: int = 1000
  maturity: level[area] 0..5 = 0
  in_place: set<element> = []
  needs: set<element> = []
}
)";

// One area, one block, the given element declarations (each "id { members }" or "id").
std::string metamodel(const std::vector<std::string>& elements) {
  std::string s = "area ar \"Ar\" {\n  domain dm \"Dm\" {\n    block bl \"Bl\" {\n";
  for (const auto& e : elements) s += "      element " + e + "\n";
  return s + "    }\n  }\n}\n";
}

struct Plan {
  Rulebase rb;
  Profile profile;
  EvalResult result;

  std::vector<std::string> phase(const std::string& id) const {
    std::vector<std::string> out;
    for (const auto& pl : result.roadmap.placements)
      if (rb.program().phases[pl.phase].id == id) out.push_back(rb.program().element_node(pl.element).id);
    return out;
  }
  const Placement& at(const std::string& e) const {
    for (const auto& pl : result.roadmap.placements)
      if (pl.element == el(rb, e)) return pl;
    throw std::runtime_error(e + " is not placed");
  }
  std::vector<std::string> unscheduled() const { return ids(rb, result.roadmap.unscheduled); }
  nlohmann::json json() const { return nlohmann::json::parse(render_json({rb, profile, result}, JsonView::Roadmap)); }
};

Plan plan(const std::vector<std::string>& elements, const std::string& roadmap, const std::string& rules,
          const std::string& profile = "{}") {
  Rulebase rb = make_rulebase({{"schema.pzl", kRoadmapSchema},
                               {"metamodel.pzl", metamodel(elements)},
                               {"roadmap.pzl", roadmap},
                               {"rules.pzl", rules}});
  Profile p = make_profile(rb, profile);
  EvalResult r = run(rb, p);
  return Plan{rb, p, std::move(r)};
}

std::string two(int i) { return (i < 10 ? "0" : "") + std::to_string(i); }

TEST(Roadmap, PhaseSizesHold) {
  std::vector<std::string> elements;
  std::string rules;
  for (int i = 1; i <= 15; ++i) {
    elements.push_back("x" + two(i));
    rules += "rule s" + two(i) + "\n  suggest x" + two(i) + " weight " + std::to_string(100 - i) + "\n";
  }
  const auto p =
      plan(elements,
           "roadmap {\n  phase curt \"Curt\" size 3..4\n  phase mitja \"Mitjà\" size ..8\n  phase llarg \"Llarg\"\n}\n",
           rules);
  EXPECT_EQ(p.phase("curt"), (std::vector<std::string>{"x01", "x02", "x03", "x04"}));
  EXPECT_EQ(p.phase("mitja"), (std::vector<std::string>{"x05", "x06", "x07", "x08", "x09", "x10", "x11", "x12"}));
  EXPECT_EQ(p.phase("llarg"), (std::vector<std::string>{"x13", "x14", "x15"}));
  EXPECT_TRUE(p.unscheduled().empty());
  for (int i = 1; i <= 15; ++i) {
    const Placement& pl = p.at("x" + two(i));
    EXPECT_EQ(pl.rank, static_cast<std::uint32_t>(i));
    EXPECT_EQ(pl.waited_for, ir::kNone);
    if (i <= 4) {
      EXPECT_EQ(pl.reason, Placement::Reason::Rank);
      EXPECT_EQ(pl.limit, PhaseLimit::None);
    } else {
      EXPECT_EQ(pl.reason, Placement::Reason::PhaseFull);
      EXPECT_EQ(pl.limit, PhaseLimit::Size);
    }
  }
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["phases"][1]["elements"][0]["reason"]["text"],
            "phase 2 (mitja): rank 5, earlier phases were full (size)");
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][0]["reason"]["text"], "phase 1 (curt): rank 1 by priority");
}

// ---- the ranking the rulebase declares ------------------------------------------------------

TEST(RoadmapPriority, WithoutItRequiredElementsComeFirst) {
  const auto p = plan({"law", "wish"}, "roadmap {\n  phase p1 \"P1\" size ..1\n  phase p2 \"P2\"\n}\n",
                      "rule r\n  require law\nrule s\n  suggest wish weight 90\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"law"}));
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"wish"}));
}

TEST(RoadmapPriority, AStrongDeclaredNeedCanGoBeforeADuty) {
  const std::string roadmap =
      "roadmap {\n  priority {\n    required 40\n    need 30\n  }\n  phase p1 \"P1\" size ..1\n  phase p2 \"P2\"\n}\n";
  const std::string rules = "rule r\n  require law\nrule s\n  suggest wish weight 20\n";
  // wish: 20 + need 30 = 50 > law: 0 + required 40.
  const auto needed = plan({"law", "wish"}, roadmap, rules, R"({"needs": ["wish"]})");
  EXPECT_EQ(needed.phase("p1"), (std::vector<std::string>{"wish"}));
  EXPECT_EQ(needed.result.verdicts[el(needed.rb, "wish")].priority, Decimal::from_int(50));
  EXPECT_EQ(needed.result.verdicts[el(needed.rb, "law")].priority, Decimal::from_int(40));
  EXPECT_EQ(needed.result.verdicts[el(needed.rb, "law")].status, Status::Required);  // a duty stays a duty
  // Not declared: 20 < 40.
  const auto not_needed = plan({"law", "wish"}, roadmap, rules);
  EXPECT_EQ(not_needed.phase("p1"), (std::vector<std::string>{"law"}));
}

TEST(RoadmapPriority, AQuickWinIsLittleEffortWithAnOpenSolution) {
  const std::string roadmap =
      "roadmap {\n  priority {\n    quick_win 25 effort ..0.5\n  }\n  phase p1 \"P1\" size ..2\n  phase p2 \"P2\"\n}\n";
  const std::string rules =
      "provider pr \"Pr\"\n"
      "solution pr.oberta \"Oberta\" {\n  covers small, none, big\n}\n"
      "solution pr.petits \"Petits\" {\n  covers closed\n  eligible when population < 500\n}\n"
      "rule s\n  suggest small weight 10\n  suggest none weight 10\n  suggest big weight 30\n"
      "  suggest closed weight 11\n  suggest alone weight 12\n";
  const auto p =
      plan({"small { effort 0.5 }", "none", "big { effort 2 }", "closed { effort 0.1 }", "alone { effort 0 }"}, roadmap,
           rules);
  const auto quick = [&](const char* e) { return p.result.verdicts[el(p.rb, e)].quick_win; };
  EXPECT_TRUE(quick("small"));    // effort 0.5, an open solution
  EXPECT_TRUE(quick("none"));     // no effort declared counts 0
  EXPECT_FALSE(quick("big"));     // too much effort
  EXPECT_FALSE(quick("closed"));  // its solution is not open to 1000 inhabitants
  EXPECT_FALSE(quick("alone"));   // no public solution
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"none", "small"}));  // 35 each; then big 30
  EXPECT_EQ(p.result.verdicts[el(p.rb, "small")].priority, Decimal::from_int(35));
}

TEST(RoadmapPriority, APrerequisiteRanksWithWhatNeedsIt) {
  const auto p =
      plan({"base", "top { requires base }", "other"},
           "roadmap {\n  priority {\n    required 100\n  }\n  phase p1 \"P1\" size ..1\n  phase p2 \"P2\"\n}\n",
           "rule r\n  require top\nrule s\n  suggest other weight 50\n  suggest base weight 1\n");
  // base: own priority 1, takes top's 100; other: 50.
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"base"}));
  EXPECT_EQ(p.at("base").priority_from, el(p.rb, "top"));
  EXPECT_EQ(p.at("top").priority_from, ir::kNone);
  EXPECT_EQ(p.at("top").rank, 2u);
  EXPECT_EQ(p.at("other").rank, 3u);
}

TEST(RoadmapPriority, APriorityBeyondTheLargestNumberLeavesNoRoadmap) {
  // a's score is 340 times about 1e30, just below the largest number (about 3.4028e32).
  const std::string huge = "999999999999999999999999999999";
  std::string rules = "rule s\n  suggest a\n  suggest b\n";
  for (int i = 0; i < 340; ++i) rules += "rule big" + std::to_string(1000 + i) + "\n  boost a weight " + huge + "\n";
  const auto p = plan({"a", "b"}, "roadmap {\n  priority {\n    need " + huge + "\n  }\n  phase p1 \"P1\"\n}\n", rules,
                      R"({"needs": ["a"]})");
  ASSERT_FALSE(p.result.verdicts[el(p.rb, "a")].score_overflow);
  ASSERT_EQ(p.result.errors.size(), 1u);
  EXPECT_EQ(error_text(p.rb.program(), p.result.errors[0]),
            "the priority of a (its score plus its ranking weights) is beyond the largest number, about 3.4e32");
  EXPECT_TRUE(p.result.roadmap.placements.empty());
  const std::string text = render_roadmap_text({p.rb, p.profile, p.result});
  EXPECT_NE(text.find("\nNo roadmap: a priority overflowed, so no order of the elements can be trusted.\n"),
            std::string::npos)
      << text;
}

// ---- limits computed from the profile ------------------------------------------------------

const char* const kComputedRoadmap =
    "roadmap {\n"
    "  phase p1 \"P1\" size ..(population / 1000) effort ..(maturity[ar] * 2 - 3)\n"
    "  phase p2 \"P2\" budget ..(population * 2)\n"
    "  phase p3 \"P3\"\n"
    "}\n";
const std::vector<std::string> kComputedElements = {"a { effort 1 cost 500 }", "b { effort 2 cost 3000 }",
                                                    "c { cost 2000 }", "d"};
const char* const kComputedRules =
    "rule s\n  suggest a weight 40\n  suggest b weight 30\n  suggest c weight 20\n"
    "  suggest d weight 10\n";

TEST(RoadmapLimits, AreComputedForEachProfile) {
  // 2500 inhabitants: size 2 (rounded down); maturity 3: effort 3; budget 5000.
  const auto big =
      plan(kComputedElements, kComputedRoadmap, kComputedRules, R"({"population": 2500, "maturity": {"ar": 3}})");
  EXPECT_EQ(big.phase("p1"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(big.phase("p2"), (std::vector<std::string>{"c", "d"}));
  const PhaseCapacity& c1 = big.result.roadmap.capacity.at(0);
  EXPECT_EQ(c1.size, Decimal::from_int(2));
  EXPECT_EQ(c1.effort, Decimal::from_int(3));
  EXPECT_FALSE(c1.budget);
  EXPECT_EQ(c1.placed, 2u);
  EXPECT_EQ(c1.effort_used, Decimal::from_int(3));
  EXPECT_EQ(big.result.roadmap.capacity.at(1).budget, Decimal::from_int(5000));
  EXPECT_EQ(big.result.roadmap.capacity.at(1).budget_used, Decimal::from_int(2000));
  // 900 inhabitants: size 0.9 rounds down to 0, and maturity 1 gives -1, counted as 0.
  const auto small =
      plan(kComputedElements, kComputedRoadmap, kComputedRules, R"({"population": 900, "maturity": {"ar": 1}})");
  EXPECT_EQ(small.phase("p1"), (std::vector<std::string>{}));
  EXPECT_EQ(small.result.roadmap.capacity.at(0).size, Decimal());
  EXPECT_EQ(small.result.roadmap.capacity.at(0).effort, Decimal());
  EXPECT_EQ(small.phase("p2"), (std::vector<std::string>{"a", "d"}));  // 500 of 1800; b and c cost more
  EXPECT_EQ(small.phase("p3"), (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(small.result.errors.empty());
}

TEST(RoadmapLimits, ShowTheirValueWhatIsUsedAndTheExpression) {
  const auto p =
      plan(kComputedElements, kComputedRoadmap, kComputedRules, R"({"population": 2500, "maturity": {"ar": 3}})");
  const auto j = p.json();
  const auto first =
      nlohmann::json::parse(R"J({"size": {"max": "2", "used": "2", "computed": "(population / 1000)"},)J"
                            R"J( "effort": {"max": "3", "used": "3", "computed": "(maturity[ar] * 2 - 3)"}})J");
  const auto second =
      nlohmann::json::parse(R"J({"budget": {"max": "5000.00", "used": "2000.00", "computed": "(population * 2)"}})J");
  EXPECT_EQ(j["roadmap"]["phases"][0]["limits"], first);
  EXPECT_EQ(j["roadmap"]["phases"][1]["limits"], second);
  EXPECT_EQ(j["roadmap"]["phases"][2]["limits"], nlohmann::json::object());
  const std::string text = render_roadmap_text({p.rb, p.profile, p.result});
  EXPECT_NE(text.find("\nPhase 1 · P1 (2 of 2 · effort 3 of 3)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nPhase 2 · P2 (2 · budget 2000.00 of 5000.00 €)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nPhase 3 · P3 (0)\n"), std::string::npos) << text;
}

TEST(RoadmapLimits, ALimitThatCannotBeComputedLeavesNoRoadmapAndSaysWhy) {
  const auto p = plan(kComputedElements, "roadmap {\n  phase p1 \"P1\" size ..(10 / (population - 1000))\n}\n",
                      kComputedRules, R"({"population": 1000})");
  ASSERT_EQ(p.result.errors.size(), 1u);
  EXPECT_EQ(p.result.errors[0].kind, EvalError::Kind::LimitFault);
  EXPECT_EQ(error_text(p.rb.program(), p.result.errors[0]),
            "phase 'p1': its size limit cannot be computed, division by zero or overflow in '/'");
  EXPECT_TRUE(p.result.roadmap.placements.empty());
  EXPECT_TRUE(p.result.roadmap.capacity.empty());
  const auto j = p.json();
  EXPECT_TRUE(j["roadmap"]["phases"][0]["limits"].is_null());
  EXPECT_EQ(j["errors"][0], "phase 'p1': its size limit cannot be computed, division by zero or overflow in '/'");
  const std::string text = render_roadmap_text({p.rb, p.profile, p.result});
  EXPECT_NE(text.find("error: phase 'p1': its size limit cannot be computed"), std::string::npos) << text;
  EXPECT_NE(text.find("\nNo roadmap: the phase limits could not be computed for this profile.\n"), std::string::npos)
      << text;
  // Another profile of the same rulebase has its roadmap.
  const auto ok = plan(kComputedElements, "roadmap {\n  phase p1 \"P1\" size ..(10 / (population - 1000))\n}\n",
                       kComputedRules, R"({"population": 1005})");
  EXPECT_TRUE(ok.result.errors.empty());
  EXPECT_EQ(ok.phase("p1"), (std::vector<std::string>{"a", "b"}));
}

TEST(Roadmap, EffortLimitHoldsAndSmallerElementsFillTheGap) {
  const auto p =
      plan({"h { effort 2 }", "m { effort 2 }", "l { effort 1 }", "z"},
           "roadmap {\n  phase p1 \"P1\" effort ..3\n  phase p2 \"P2\" effort ..2\n}\n",
           "rule s\n  suggest h weight 30\n  suggest m weight 20\n  suggest l weight 10\n  suggest z weight 5\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"h", "l", "z"}));  // 2 + 1 + 0 = 3
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"m"}));
  EXPECT_EQ(p.at("m").reason, Placement::Reason::PhaseFull);
  EXPECT_EQ(p.at("m").limit, PhaseLimit::Effort);
  EXPECT_EQ(p.at("m").rank, 2u);
  EXPECT_EQ(p.at("z").reason, Placement::Reason::Rank);
}

TEST(Roadmap, BudgetLimitHoldsInclusively) {
  const auto p =
      plan({"a { cost 600 }", "b { cost 500 }", "c { cost 400.00 }"},
           "roadmap {\n  phase p1 \"P1\" budget ..1000\n  phase p2 \"P2\" budget ..499.99\n  phase p3 \"P3\"\n}\n",
           "rule s\n  suggest a weight 30\n  suggest b weight 20\n  suggest c weight 10\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a", "c"}));  // exactly 1000
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{}));
  EXPECT_EQ(p.phase("p3"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(p.at("b").reason, Placement::Reason::PhaseFull);
  EXPECT_EQ(p.at("b").limit, PhaseLimit::Budget);  // the limit of the last phase that refused it
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][1]["cost"], "400.00");
  EXPECT_EQ(j["roadmap"]["phases"][2]["elements"][0]["reason"]["limit"], "budget");
}

TEST(Roadmap, SizeIsCheckedBeforeEffortAndBudget) {
  const auto p = plan({"a { effort 1 }", "b { effort 5 cost 10 }"},
                      "roadmap {\n  phase p1 \"P1\" size ..1 effort ..1 budget ..0\n  phase p2 \"P2\"\n}\n",
                      "rule s\n  suggest a weight 20\n  suggest b weight 10\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(p.at("b").limit, PhaseLimit::Size);
}

TEST(Roadmap, RequiredBeforeSuggestedThenHigherScoreFirst) {
  const auto p = plan({"r", "r2", "s", "t"}, "roadmap {\n  phase p1 \"P1\"\n}\n",
                      "rule law\n  require r, r2\nrule b\n  boost r2 weight 5\nrule s\n  suggest s weight 100\n  "
                      "suggest t weight 100.5\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"r2", "r", "t", "s"}));
  EXPECT_EQ(p.at("r2").rank, 1u);
  EXPECT_EQ(p.at("r").rank, 2u);
  EXPECT_EQ(p.at("t").rank, 3u);
  EXPECT_EQ(p.at("s").rank, 4u);
}

TEST(Roadmap, TiesGoToPrerequisiteOrderThenElementId) {
  // Ids follow paths: a < m < n < z. a requires z. Prerequisite order (Kahn's algorithm taking
  // the smallest ready id first): m, n, z, a.
  const auto p = plan({"a { requires z }", "m", "n", "z"}, "roadmap {\n  phase p1 \"P1\"\n}\n",
                      "rule s\n  suggest a, m, n, z weight 10\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"m", "n", "z", "a"}));
  EXPECT_EQ(p.at("m").rank, 1u);
  EXPECT_EQ(p.at("a").rank, 4u);
}

TEST(Roadmap, ANeededPrerequisiteInheritsThePriorityOfWhatNeedsIt) {
  const auto p = plan({"k { requires n }", "n", "q"}, "roadmap {\n  phase p1 \"P1\" size ..2\n  phase p2 \"P2\"\n}\n",
                      "rule s\n  suggest k weight 50\n  suggest q weight 40\n");
  EXPECT_EQ(p.result.verdicts[el(p.rb, "n")].status, Status::Needed);
  EXPECT_EQ(p.at("n").rank, 1u);
  EXPECT_EQ(p.at("k").rank, 2u);
  EXPECT_EQ(p.at("q").rank, 3u);
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"n", "k"}));
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"q"}));
}

TEST(Roadmap, EveryPlacementHasItsReason) {
  // x (required) takes the only place of p1; a, pulled in by b, finds p1 full; b waits for a.
  const auto p = plan({"a", "b { requires a }", "x"}, "roadmap {\n  phase p1 \"P1\" size ..1\n  phase p2 \"P2\"\n}\n",
                      "rule law\n  require x\nrule s\n  suggest b weight 5\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"x"}));
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p.at("x").reason, Placement::Reason::Rank);
  EXPECT_EQ(p.at("x").rank, 1u);
  EXPECT_EQ(p.at("a").reason, Placement::Reason::PhaseFull);
  EXPECT_EQ(p.at("a").limit, PhaseLimit::Size);
  EXPECT_EQ(p.at("a").rank, 2u);
  EXPECT_EQ(p.at("b").reason, Placement::Reason::Prerequisite);
  EXPECT_EQ(p.at("b").waited_for, el(p.rb, "a"));
  EXPECT_EQ(p.at("b").limit, PhaseLimit::None);
  EXPECT_EQ(p.at("b").rank, 3u);
  const auto j = p.json();
  const auto& b = j["roadmap"]["phases"][1]["elements"][1];
  EXPECT_EQ(b["id"], "b");
  EXPECT_EQ(b["reason"]["kind"], "prerequisite");
  EXPECT_EQ(b["reason"]["waited_for"], "a");
  EXPECT_EQ(b["reason"]["text"], "phase 2 (p2): rank 3, waited for its prerequisite a, placed before it in this phase");
  const std::string text = render_explain_text({p.rb, p.profile, p.result}, el(p.rb, "b"));
  EXPECT_NE(
      text.find("  roadmap: phase 2 (p2): rank 3, waited for its prerequisite a, placed before it in this phase\n"),
      std::string::npos)
      << text;
}

TEST(Roadmap, ElementsThatFitNowhereAreUnscheduled) {
  const auto p = plan({"big { effort 5 }", "dep { requires big }", "small { effort 1 }"},
                      "roadmap {\n  phase p1 \"P1\" effort ..2\n  phase p2 \"P2\" effort ..4.999999\n}\n",
                      "rule s\n  suggest big weight 30\n  suggest dep weight 40\n  suggest small weight 1\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"small"}));
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{}));
  EXPECT_EQ(p.unscheduled(), (std::vector<std::string>{"big", "dep"}));  // in rank order
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["unscheduled"], nlohmann::json::parse(R"(["big", "dep"])"));
  const std::string text = render_explain_text({p.rb, p.profile, p.result}, el(p.rb, "dep"));
  EXPECT_NE(text.find("  roadmap: not scheduled: no phase had room for it\n"), std::string::npos) << text;
}

TEST(Roadmap, SizeOverflowLeavesTheRestUnscheduled) {
  const auto p = plan({"a", "b", "c"}, "roadmap {\n  phase p1 \"P1\" size ..1\n}\n",
                      "rule s\n  suggest a weight 3\n  suggest b weight 2\n  suggest c weight 1\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(p.unscheduled(), (std::vector<std::string>{"b", "c"}));
}

TEST(Roadmap, WithoutARoadmapEveryCandidateIsUnscheduled) {
  const auto p = plan({"a", "b { requires a }", "c"}, "", "rule s\n  suggest b weight 3\n");
  EXPECT_TRUE(p.result.roadmap.placements.empty());
  EXPECT_EQ(p.unscheduled(), (std::vector<std::string>{"a", "b"}));
}

TEST(Roadmap, PrerequisitesInPlaceHoldNothingBack) {
  const auto p = plan({"a", "b { requires a }"}, "roadmap {\n  phase p1 \"P1\" size ..1\n}\n", "rule s\n  suggest b\n",
                      R"({"in_place": ["a"]})");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(p.at("b").reason, Placement::Reason::Rank);
}

TEST(Roadmap, HugeUnlimitedTotalsDoNotOverflow) {
  // 400 elements of effort and cost near the largest number a rulebase may write: their sum
  // exceeds what a Decimal holds, which matters only where a phase limits it.
  const std::string big = "999999999999999999999999999999";
  std::vector<std::string> elements;
  for (int i = 0; i < 400; ++i)
    elements.push_back("e" + std::to_string(1000 + i) + " { effort " + big + " cost " + big + " }");
  const auto p = plan(elements, "roadmap {\n  phase p1 \"P1\" effort .." + big + "\n  phase p2 \"P2\"\n}\n",
                      "rule all\n  for e in elements\n  suggest e\n");
  std::optional<Decimal> total = Decimal();
  for (int i = 0; i < 400 && total; ++i) total = total->plus(*Decimal::parse(big));
  EXPECT_FALSE(total.has_value());  // the unlimited phase's total effort would overflow
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"e1000"}));
  EXPECT_EQ(p.phase("p2").size(), 399u);
  EXPECT_TRUE(p.unscheduled().empty());
  EXPECT_TRUE(p.result.errors.empty());
}

// ---- property test ---------------------------------------------------------------------------------

// A portable PRNG stream: std::mt19937 is fully specified; the distributions are not, so
// ranges are taken by modulo.
struct Random {
  std::mt19937 rng;
  explicit Random(std::uint32_t seed) : rng(seed) {}
  int between(int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint32_t>(hi - lo + 1)); }
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))];
  }
};

struct Generated {
  Files files;
  std::vector<std::string> elements;  // short ids
};

std::string element_name(int i) { return "e" + two(i); }

std::string condition(Random& r, const std::vector<std::string>& elements) {
  auto atom = [&]() -> std::string {
    switch (r.between(0, 5)) {
      case 0: return "population < " + std::to_string(r.pick(std::vector<int>{500, 1000, 5000, 20000, 100000}));
      case 1: return "population >= " + std::to_string(r.pick(std::vector<int>{500, 1000, 5000, 20000, 100000}));
      case 2:
        return "maturity[" + r.pick(std::vector<std::string>{"ajuntament", "viure"}) +
               "] >= " + std::to_string(r.between(0, 5));
      case 3:
        return "maturity[" + r.pick(std::vector<std::string>{"ajuntament", "viure"}) +
               "] <= " + std::to_string(r.between(0, 5));
      case 4: return (r.chance(50) ? "not in_place(" : "in_place(") + r.pick(elements) + ")";
      default: return r.pick(elements) + " in needs";
    }
  };
  std::string c = atom();
  for (int n = r.between(0, 2); n > 0; --n) c += (r.chance(60) ? " and " : " or ") + atom();
  return c;
}

std::string targets(Random& r, const std::vector<std::string>& elements) {
  std::set<std::string> chosen;
  for (int n = r.between(1, 3); n > 0; --n) chosen.insert(r.pick(elements));
  std::string s;
  for (const auto& t : chosen) s += (s.empty() ? "" : ", ") + t;
  return s;
}

std::string effect(Random& r, const std::string& target) {
  switch (r.between(0, 4)) {
    case 0: return "require " + target;
    case 1: return "exclude " + target;
    case 2:
      return "suggest " + target +
             (r.chance(30) ? "" : " weight " + r.pick(std::vector<std::string>{"1", "5", "12.5", "30", "-3", "0.1"}));
    case 3: return "boost " + target + (r.chance(30) ? "" : " weight " + std::to_string(r.between(1, 20)));
    default: return "penalize " + target + (r.chance(30) ? "" : " weight " + std::to_string(r.between(1, 15)));
  }
}

std::string range(Random& r, int max_hi, bool allow_lo) {
  const int hi = r.between(0, max_hi);
  if (allow_lo && r.chance(30)) return std::to_string(r.between(0, hi)) + ".." + std::to_string(hi);
  if (allow_lo && r.chance(10)) return std::to_string(r.between(0, hi)) + "..";
  return ".." + std::to_string(hi);
}

Generated generate(Random& r) {
  Generated g;
  const int n = r.between(5, 60);
  std::vector<std::vector<std::string>> by_area(2);
  for (int i = 0; i < n; ++i) {
    const std::string id = element_name(i);
    g.elements.push_back(id);
    std::string decl = id + " \"" + id + "\" {\n";
    if (r.chance(70)) decl += "        effort " + std::to_string(r.between(0, 5)) + (r.chance(20) ? ".5" : "") + "\n";
    if (r.chance(60)) decl += "        cost " + std::to_string(r.between(0, 5000)) + (r.chance(20) ? ".25" : "") + "\n";
    std::set<int> requires_;
    if (i > 0)
      for (int k = r.between(0, 3); k > 0; --k)
        if (r.chance(60)) requires_.insert(r.between(0, i - 1));  // only earlier elements: no cycle
    std::string req;
    for (int q : requires_) req += (req.empty() ? "" : ", ") + element_name(q);
    if (!req.empty()) decl += "        requires " + req + "\n";
    decl += "      }";
    by_area[static_cast<std::size_t>(r.between(0, 1))].push_back(decl);
  }
  std::string meta;
  const char* const areas[] = {"ajuntament", "viure"};
  for (std::size_t a = 0; a < 2; ++a) {
    if (by_area[a].empty()) {
      meta += std::string("area ") + areas[a] + " \"" + areas[a] + "\"\n";
      continue;
    }
    meta += std::string("area ") + areas[a] + " \"" + areas[a] + "\" {\n  domain d" + std::to_string(a) +
            " \"D\" {\n    block b" + std::to_string(a) + " \"B\" {\n";
    for (const auto& d : by_area[a]) meta += "      element " + d + "\n";
    meta += "    }\n  }\n}\n";
  }
  std::string rules;
  for (int k = r.between(1, 40); k > 0; --k) {
    rules += "rule r" + std::to_string(k) + "\n";
    const int shape = r.between(0, 9);
    if (shape == 0) {
      rules += "  for e in needs where not in_place(e)\n  boost e weight " + std::to_string(r.between(1, 20)) + "\n";
      continue;
    }
    if (shape == 1) {
      rules += "  for e in elements where e.area == viure\n";
      if (r.chance(50)) rules += "  when " + condition(r, g.elements) + "\n";
      rules += "  " + effect(r, "e") + "\n";
      continue;
    }
    if (r.chance(75)) rules += "  when " + condition(r, g.elements) + "\n";
    for (int c = r.between(1, 2); c > 0; --c) rules += "  " + effect(r, targets(r, g.elements)) + "\n";
  }
  // Public solutions, some open to every municipality, some to small ones: quick wins need them.
  meta += "provider pr \"Pr\"\n";
  for (int s = r.between(0, 4); s > 0; --s) {
    std::set<std::string> covered;
    for (int k = r.between(1, 4); k > 0; --k) covered.insert(r.pick(g.elements));
    std::string list;
    for (const auto& c : covered) list += (list.empty() ? "" : ", ") + c;
    meta += "solution pr.s" + std::to_string(s) + " \"S\" {\n  covers " + list;
    if (r.chance(40)) meta += "\n  eligible when population < 5000";
    meta += "\n}\n";
  }
  std::string roadmap = "roadmap {\n";
  if (r.chance(60)) {  // a ranking of the rulebase's own, some terms negative
    roadmap += "  priority {\n";
    auto weight = [&] { return std::to_string(r.between(-20, 80)) + (r.chance(20) ? ".5" : ""); };
    if (r.chance(70)) roadmap += "    required " + weight() + "\n";
    if (r.chance(60)) roadmap += "    need " + weight() + "\n";
    if (r.chance(60)) roadmap += "    quick_win " + weight() + " effort .." + std::to_string(r.between(0, 3)) + "\n";
    roadmap += "  }\n";
  }
  for (int ph = r.between(1, 4), i = 0; i < ph; ++i) {
    roadmap += "  phase p" + std::to_string(i) + " \"P" + std::to_string(i) + "\"";
    if (r.chance(60))
      roadmap += " size " + (r.chance(25) ? "..(population / 4000 + maturity[viure] - 1)" : range(r, 8, true));
    if (r.chance(40))
      roadmap += " effort " + (r.chance(25) ? "..(maturity[ajuntament] * 1.5 - 1)" : range(r, 10, false));
    if (r.chance(40)) roadmap += " budget " + (r.chance(25) ? "..(population / 10)" : range(r, 10000, false));
    roadmap += "\n";
  }
  roadmap += "}\n";
  g.files = {{"schema.pzl", kRoadmapSchema}, {"metamodel.pzl", meta}, {"rules.pzl", rules}, {"roadmap.pzl", roadmap}};
  return g;
}

std::string random_profile(Random& r, const std::vector<std::string>& elements) {
  std::ostringstream s;
  s << "{\"population\": " << r.pick(std::vector<int>{30, 190, 999, 1000, 4999, 19999, 20000, 45000, 1600000});
  if (r.chance(30)) {
    s << ", \"maturity\": " << r.between(0, 5);
  } else {
    s << ", \"maturity\": {\"ajuntament\": " << r.between(0, 5) << ", \"viure\": " << r.between(0, 5) << "}";
  }
  for (const char* field : {"in_place", "needs"}) {
    s << ", \"" << field << "\": [";
    bool first = true;
    for (const auto& e : elements)
      if (r.chance(15)) {
        s << (first ? "" : ", ") << "\"" << e << "\"";
        first = false;
      }
    s << "]";
  }
  s << "}";
  return s.str();
}

bool candidate(Status s) { return s == Status::Required || s == Status::Suggested || s == Status::Needed; }

// Every invariant of a roadmap; "" when they all hold, else the first that fails.
std::string violation(const Rulebase& rb, const EvalResult& r) {
  const ir::Program& p = rb.program();
  const auto name = [&](ir::ElementId e) { return p.element_node(e).id; };
  std::vector<std::size_t> order(p.elements.size(), SIZE_MAX);
  std::vector<ir::PhaseId> phase_of(p.elements.size(), ir::kNone);
  std::vector<std::size_t> count(p.phases.size(), 0);
  std::vector<Decimal> effort(p.phases.size()), budget(p.phases.size());
  std::set<std::uint32_t> ranks;
  ir::PhaseId last_phase = 0;
  std::size_t candidates = 0;
  for (const auto& v : r.verdicts) candidates += candidate(v.status) ? 1 : 0;
  for (std::size_t i = 0; i < r.roadmap.placements.size(); ++i) {
    const Placement& pl = r.roadmap.placements[i];
    const ir::ElementId e = pl.element;
    if (!candidate(r.verdicts[e].status)) return name(e) + " is placed but is " + status_name(r.verdicts[e].status);
    if (order[e] != SIZE_MAX) return name(e) + " is placed twice";
    if (pl.phase >= p.phases.size() || pl.phase < last_phase) return name(e) + " is placed out of phase order";
    if (pl.rank < 1 || pl.rank > candidates || !ranks.insert(pl.rank).second) return name(e) + " has a bad rank";
    last_phase = pl.phase;
    order[e] = i;
    phase_of[e] = pl.phase;
    ++count[pl.phase];
    effort[pl.phase] = *effort[pl.phase].plus(p.elements[e].effort.value_or(Decimal()));
    budget[pl.phase] = *budget[pl.phase].plus(p.elements[e].cost.value_or(Decimal()));
    // Prerequisites: every one not in place is placed, before it.
    for (ir::ElementId q : p.elements[e].requires_) {
      if (r.verdicts[q].status == Status::InPlace) continue;
      if (order[q] == SIZE_MAX) return name(e) + " is placed before (or without) its prerequisite " + name(q);
      if (phase_of[q] > pl.phase) return name(e) + " is in an earlier phase than its prerequisite " + name(q);
    }
    switch (pl.reason) {
      case Placement::Reason::Rank:
        if (pl.phase != 0) return name(e) + ": reason rank outside the first phase";
        break;
      case Placement::Reason::Prerequisite: {
        const auto& req = p.elements[e].requires_;
        if (pl.phase == 0 || std::find(req.begin(), req.end(), pl.waited_for) == req.end())
          return name(e) + ": waited for something that is not its prerequisite";
        if (phase_of[pl.waited_for] != pl.phase) return name(e) + ": waited for a prerequisite of another phase";
        break;
      }
      case Placement::Reason::PhaseFull:
        if (pl.phase == 0 || pl.limit == PhaseLimit::None) return name(e) + ": bad phase_full reason";
        break;
    }
  }
  if (r.roadmap.capacity.size() != p.phases.size()) return "the capacity is not given for every phase";
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    const ir::Phase& phase = p.phases[ph];
    const PhaseCapacity& c = r.roadmap.capacity[ph];
    if (c.size && Decimal::from_int(static_cast<long long>(count[ph])) > *c.size)
      return "phase " + phase.id + " is over size";
    if (c.effort && effort[ph] > *c.effort) return "phase " + phase.id + " is over effort";
    if (c.budget && budget[ph] > *c.budget) return "phase " + phase.id + " is over budget";
    if (c.placed != count[ph]) return "phase " + phase.id + " says it holds another number of elements";
    if ((c.effort && c.effort_used != effort[ph]) || (c.budget && c.budget_used != budget[ph]))
      return "phase " + phase.id + " says it uses another effort or budget";
  }
  std::set<ir::ElementId> unscheduled;
  for (ir::ElementId e : r.roadmap.unscheduled) {
    if (!unscheduled.insert(e).second) return name(e) + " is unscheduled twice";
    if (order[e] != SIZE_MAX) return name(e) + " is both placed and unscheduled";
    if (!candidate(r.verdicts[e].status))
      return name(e) + " is unscheduled but is " + status_name(r.verdicts[e].status);
  }
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (candidate(r.verdicts[e].status) && order[e] == SIZE_MAX && !unscheduled.count(e))
      return name(e) + " is a candidate but neither placed nor unscheduled";
  return "";
}

TEST(RoadmapProperty, RandomRulebasesAndProfilesKeepEveryInvariant) {
  Random r(0x5eed2026u);
  std::size_t placed = 0, unscheduled = 0, waited = 0, full = 0;
  std::map<Status, std::size_t> statuses;
  for (int case_no = 0; case_no < 200; ++case_no) {
    const Generated g = generate(r);
    auto load = Rulebase::from_text(g.files);
    ASSERT_TRUE(load.rulebase) << render_text(load.diagnostics, *load.sources) << g.files[2].second
                               << g.files[3].second;
    const Rulebase& rb = *load.rulebase;
    for (int k = 0; k < 20; ++k) {
      const std::string json = random_profile(r, g.elements);
      const Profile profile = make_profile(rb, json);
      const EvalResult result = run(rb, profile);
      const std::string why = violation(rb, result);
      ASSERT_EQ(why, "") << "case " << case_no << ", profile " << json << "\n"
                         << g.files[1].second << g.files[2].second << g.files[3].second;
      placed += result.roadmap.placements.size();
      unscheduled += result.roadmap.unscheduled.size();
      for (const auto& pl : result.roadmap.placements) {
        waited += pl.reason == Placement::Reason::Prerequisite;
        full += pl.reason == Placement::Reason::PhaseFull;
      }
      for (const auto& v : result.verdicts) ++statuses[v.status];
    }
  }
  // The generator reaches every case the invariants are about.
  EXPECT_GT(placed, 1000u);
  EXPECT_GT(unscheduled, 100u);
  EXPECT_GT(waited, 10u);
  EXPECT_GT(full, 100u);
  for (Status s :
       {Status::InPlace, Status::Required, Status::Suggested, Status::Needed, Status::Excluded, Status::Blocked})
    EXPECT_GT(statuses[s], 10u) << status_name(s);
}

// ---- the scheduler against a direct transcription of its rules ---------------------------------

// The ranking and the passes exactly as the header of engine/plan/roadmap.cpp states them, with
// no shortcut: plan_roadmap must give the same roadmap, field by field, for every input.
Roadmap reference_roadmap(const Rulebase& rb, const EvalResult& result) {
  struct Key {
    bool required = false;
    Decimal score;
    bool operator<(const Key& o) const { return std::tie(required, score) < std::tie(o.required, o.score); }
  };
  const ir::Program& p = rb.program();
  const auto& order = plan_of(rb).prerequisites_first;
  const auto& vs = result.verdicts;
  Roadmap out;
  std::vector<std::size_t> position(p.elements.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  // An element's own key: with a `priority`, its priority; else (required, score); none (the
  // lowest, 0) for a needed element. It ranks with the highest key of itself and of what needs it.
  std::vector<Key> key(p.elements.size());
  std::vector<ir::ElementId> from(p.elements.size(), ir::kNone);
  std::vector<std::optional<Key>> known(p.elements.size());
  std::function<Key(ir::ElementId)> ranked_key = [&](ir::ElementId e) {
    if (known[e]) return *known[e];
    Key own;
    if (vs[e].status != Status::Needed)
      own = p.priority.declared ? Key{false, vs[e].priority} : Key{vs[e].status == Status::Required, vs[e].score};
    Key best = own;
    ir::ElementId taken = ir::kNone;  // the first (by id) of what needs it that ranks higher
    for (ir::ElementId d : vs[e].needed_by)
      if (best < ranked_key(d)) {
        best = ranked_key(d);
        taken = d;
      }
    from[e] = taken == ir::kNone ? ir::kNone : from[taken] != ir::kNone ? from[taken] : taken;
    known[e] = best;
    return best;
  };
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (candidate(vs[e].status)) key[e] = ranked_key(e);
  std::vector<ir::ElementId> ranked;
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (candidate(vs[e].status)) ranked.push_back(e);
  std::sort(ranked.begin(), ranked.end(), [&](ir::ElementId a, ir::ElementId b) {
    if (key[b] < key[a]) return true;
    if (key[a] < key[b]) return false;
    return position[a] < position[b];
  });
  std::vector<std::uint32_t> rank(p.elements.size(), 0);
  for (std::size_t i = 0; i < ranked.size(); ++i) rank[ranked[i]] = static_cast<std::uint32_t>(i + 1);
  std::vector<bool> placed(p.elements.size(), false);
  std::vector<ir::ElementId> waited(p.elements.size(), ir::kNone);
  std::vector<const char*> full(p.elements.size(), nullptr);
  out.capacity = result.roadmap.capacity;  // the maxima computed for the profile
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    PhaseCapacity& phase = out.capacity[ph];
    std::size_t size = 0;
    Decimal effort, budget;
    for (bool progress = true; progress;) {
      progress = false;
      for (ir::ElementId e : ranked) {
        if (placed[e]) continue;
        ir::ElementId missing = ir::kNone;
        for (ir::ElementId r : p.elements[e].requires_)
          if (candidate(vs[r].status) && !placed[r]) {
            missing = r;
            break;
          }
        if (missing != ir::kNone) {
          waited[e] = missing;
          full[e] = nullptr;
          continue;
        }
        std::optional<Decimal> new_effort, new_budget;
        if (phase.effort) new_effort = effort.plus(p.elements[e].effort.value_or(Decimal()));
        if (phase.budget) new_budget = budget.plus(p.elements[e].cost.value_or(Decimal()));
        const char* limit = nullptr;
        if (phase.size && Decimal::from_int(static_cast<long long>(size + 1)) > *phase.size)
          limit = "size";
        else if (phase.effort && (!new_effort || *new_effort > *phase.effort))
          limit = "effort";
        else if (phase.budget && (!new_budget || *new_budget > *phase.budget))
          limit = "budget";
        if (limit) {
          full[e] = limit;
          waited[e] = ir::kNone;
          continue;
        }
        Placement pl;
        pl.element = e;
        pl.phase = ph;
        pl.rank = rank[e];
        pl.priority_from = from[e];
        if (ph > 0 && waited[e] != ir::kNone) {
          pl.reason = Placement::Reason::Prerequisite;
          pl.waited_for = waited[e];
        } else if (ph > 0 && full[e]) {
          pl.reason = Placement::Reason::PhaseFull;
          pl.limit = std::string(full[e]) == "size"     ? PhaseLimit::Size
                     : std::string(full[e]) == "effort" ? PhaseLimit::Effort
                                                        : PhaseLimit::Budget;
        }
        out.placements.push_back(std::move(pl));
        placed[e] = true;
        ++size;
        if (phase.effort) effort = *new_effort;
        if (phase.budget) budget = *new_budget;
        progress = true;
      }
    }
    phase.placed = size;
    phase.effort_used = phase.effort ? effort : Decimal();
    phase.budget_used = phase.budget ? budget : Decimal();
  }
  for (ir::ElementId e : ranked)
    if (!placed[e]) out.unscheduled.push_back(e);
  return out;
}

// "" when the roadmaps are the same, else the first difference.
std::string difference(const Roadmap& got, const Roadmap& want) {
  const auto placement = [](const Placement& pl) {
    return "element " + std::to_string(pl.element) + " phase " + std::to_string(pl.phase) + " rank " +
           std::to_string(pl.rank) + " reason " + std::to_string(static_cast<int>(pl.reason)) + " waited_for " +
           std::to_string(pl.waited_for) + " limit '" + limit_name(pl.limit) + "' priority from " +
           std::to_string(pl.priority_from);
  };
  for (std::size_t i = 0; i < std::max(got.placements.size(), want.placements.size()); ++i) {
    const std::string g = i < got.placements.size() ? placement(got.placements[i]) : "none";
    const std::string w = i < want.placements.size() ? placement(want.placements[i]) : "none";
    if (g != w) return "placement " + std::to_string(i) + ": " + g + ", want " + w;
  }
  if (got.capacity != want.capacity) return "the phases' capacity or use differ";
  if (got.unscheduled != want.unscheduled) {
    std::string g, w;
    for (auto e : got.unscheduled) g += " " + std::to_string(e);
    for (auto e : want.unscheduled) w += " " + std::to_string(e);
    return "the unscheduled elements differ:" + g + ", want" + w;
  }
  return "";
}

// A score that is small, negative, or near a power of two (as kept: millionths), up to the
// largest a rulebase may write, so that every way of comparing priorities is exercised.
Decimal random_score(Random& r) {
  const std::string sign = r.chance(30) ? "-" : "";
  switch (r.between(0, 9)) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return *Decimal::parse(sign + r.pick(std::vector<std::string>{"0", "1", "5", "12.5", "30", "0.1", "100.5"}));
    case 5:
      return *Decimal::parse(sign + "999999999999999999999999999999." + std::to_string(r.between(100000, 999999)));
    case 6: return *Decimal::parse(sign + std::to_string(r.between(0, 9)) + "00000000000000000000000000000");
    default: {
      const std::uint64_t raw =
          (std::uint64_t{1} << r.between(40, 63)) + static_cast<std::uint64_t>(r.between(0, 2)) - 1;
      std::string frac = std::to_string(raw % 1000000);
      frac.insert(0, 6 - frac.size(), '0');
      return *Decimal::parse(sign + std::to_string(raw / 1000000) + "." + frac);
    }
  }
}

TEST(RoadmapProperty, TheSchedulerAgreesWithADirectTranscriptionOfItsRules) {
  Random r(0x0ade2026u);
  std::size_t compared = 0, waited = 0, full = 0, ranked_by_priority = 0, quick_wins = 0, inherited = 0;
  for (int case_no = 0; case_no < 120; ++case_no) {
    const Generated g = generate(r);
    const Rulebase rb = make_rulebase(g.files);
    for (int k = 0; k < 10; ++k) {
      const std::string json = random_profile(r, g.elements);
      EvalResult result = run(rb, make_profile(rb, json));
      ASSERT_EQ(difference(result.roadmap, reference_roadmap(rb, result)), "")
          << "case " << case_no << ", profile " << json << "\n"
          << g.files[1].second << g.files[2].second << g.files[3].second;
      ranked_by_priority += rb.program().priority.declared;
      for (const Verdict& v : result.verdicts) quick_wins += v.quick_win;
      // The same verdicts with other scores, often huge or negative, and more of them required.
      for (Verdict& v : result.verdicts) {
        v.score = random_score(r);
        v.priority = random_score(r);
        if (v.status == Status::Suggested && r.chance(20)) v.status = Status::Required;
      }
      const Roadmap got = plan_roadmap(rb, result, result.roadmap.capacity);
      ASSERT_EQ(difference(got, reference_roadmap(rb, result)), "") << "case " << case_no << " with other scores";
      ++compared;
      for (const auto& pl : got.placements) {
        inherited += pl.priority_from != ir::kNone;
        waited += pl.reason == Placement::Reason::Prerequisite;
        full += pl.reason == Placement::Reason::PhaseFull;
      }
    }
  }
  EXPECT_EQ(compared, 1200u);
  EXPECT_GT(ranked_by_priority, 300u);
  EXPECT_GT(quick_wins, 50u);
  EXPECT_GT(inherited, 50u);
  EXPECT_GT(waited, 10u);
  EXPECT_GT(full, 100u);
}

TEST(Roadmap, HugeAndNegativeScoresRankExactly) {
  // Scores beyond what the scheduler sorts as one integer are compared in full.
  const std::string huge = "999999999999999999999999999999";
  const auto p = plan({"a", "b", "c", "d", "e", "f"}, "roadmap {\n  phase p1 \"P1\"\n}\n",
                      "rule law\n  require c, d, f\nrule s\n  suggest a weight " + huge + "\n  suggest b weight " +
                          huge + ".5\n  suggest e weight 2\nrule p\n  penalize c weight " + huge +
                          "\n  penalize d weight 3\n  penalize f weight " + huge + ".5\n");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"d", "c", "f", "b", "a", "e"}));
  EXPECT_EQ(p.result.verdicts[el(p.rb, "f")].score.to_string(), "-" + huge + ".5");
}

}  // namespace
}  // namespace puzle::roadmap_test
