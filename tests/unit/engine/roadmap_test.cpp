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
#include "puzle/explain.hpp"
#include "puzle/render.hpp"
#include "roadmap_invariants.hpp"
#include "rulebase/plan.hpp"

namespace puzle::roadmap_test {
namespace {

using namespace testing_helpers;

const char* const kRoadmapSchema = R"(profile {
  population: int = 1000
  maturity: level[area] 0..5 = 0
  in_place: set<element> = []
  needs: set<element> = []
  objectives: set<element> = []
  in_progress: set<element> = []
  refused: set<element> = []
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
            "phase 2 (mitja): rank 5, earlier phases were full (size 4 of 4 in phase 1)");
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
      "roadmap {\n  priority {\n    required 40\n    need 30\n  }\n  phase p1 \"P1\" size ..1\n  phase p2 \"P2\" size "
      "..1\n}\n";
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
           "roadmap {\n  priority {\n    required 100\n  }\n  phase p1 \"P1\" size ..1\n  phase p2 \"P2\" size ..1\n"
           "  phase p3 \"P3\"\n}\n",
           "rule r\n  require top\nrule s\n  suggest other weight 50\n  suggest base weight 1\n");
  // base: own priority 1, takes top's 100; other: 50.
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"base"}));
  EXPECT_EQ(p.at("base").priority_from, el(p.rb, "top"));
  EXPECT_EQ(p.at("top").priority_from, ir::kNone);
  EXPECT_EQ(p.at("top").rank, 2u);
  EXPECT_EQ(p.at("other").rank, 3u);
  // The rank explained, so that it can be recomputed.
  const RenderInput in{p.rb, p.profile, p.result};
  EXPECT_EQ(explain::rank_text(explain::rank(in, el(p.rb, "top"))), "2 of 3, priority 100 = score 0 + required 100");
  EXPECT_EQ(explain::rank_text(explain::rank(in, el(p.rb, "base"))),
            "1 of 3, with the priority of top (100), above its own: 1 = score 1");
  const auto base = p.json()["roadmap"]["phases"][0]["elements"][0]["ranked"];
  EXPECT_EQ(base["rank"], 1);
  EXPECT_EQ(base["of"], 3);
  EXPECT_EQ(base["declared"], true);
  EXPECT_EQ(base["own"], "1");
  EXPECT_EQ(base["terms"], nlohmann::json::parse(R"([{"term": "score", "value": "1"}])"));
  EXPECT_EQ(base["ranks_with"], "top");
  EXPECT_EQ(base["ranks_with_value"], "100");
}

TEST(RoadmapPriority, AnOverdueDutyIsMarkedAndCanGoFirst) {
  const std::string rules =
      "rule old\n  require late due 2023-12-01\n  require soon due 2030-01-01\n"
      "rule newer\n  require late due 2024-06-30\n  require today due 2026-01-01\n"
      "rule s\n  suggest late, soon, today weight 1\n  suggest wish weight 30\n";
  const std::string roadmap =
      "roadmap {\n  priority {\n    required 20\n    overdue 15\n  }\n"
      "  phase p1 \"P1\" size ..1\n  phase p2 \"P2\" size ..5\n}\n";
  const auto p = plan({"late", "soon", "today", "wish"}, roadmap, rules);  // evaluated on 2026-01-01
  const Verdict& late = p.result.verdicts[el(p.rb, "late")];
  EXPECT_EQ(late.due.to_string(), "2023-12-01");  // the earliest of its dates
  EXPECT_TRUE(late.overdue);
  EXPECT_FALSE(p.result.verdicts[el(p.rb, "soon")].overdue);
  EXPECT_FALSE(p.result.verdicts[el(p.rb, "today")].overdue);    // due today: not yet overdue
  EXPECT_EQ(late.priority, Decimal::from_int(36));               // 1 + required 20 + overdue 15
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"late"}));  // before wish (30)
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][0]["due"], "2023-12-01");
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][0]["overdue"], true);
  const std::string puzzle = render_puzzle_text({p.rb, p.profile, p.result});
  EXPECT_NE(puzzle.find("required, overdue since 2023-12-01"), std::string::npos) << puzzle;
  EXPECT_NE(puzzle.find("required, due 2030-01-01"), std::string::npos) << puzzle;
  EXPECT_NE(render_roadmap_text({p.rb, p.profile, p.result}).find("required · overdue"), std::string::npos);
  EXPECT_NE(render_explain_text({p.rb, p.profile, p.result}, el(p.rb, "late"))
                .find("rank: 1 of 4, priority 36 = score 1 + required 20 + overdue 15"),
            std::string::npos);
  EXPECT_NE(render_explain_text({p.rb, p.profile, p.result}, el(p.rb, "late"))
                .find("status: required, score 1, overdue since 2023-12-01"),
            std::string::npos);
  // What is in place is not overdue.
  const auto done = plan({"late", "soon", "today", "wish"}, roadmap, rules, R"({"in_place": ["late"]})");
  EXPECT_FALSE(done.result.verdicts[el(done.rb, "late")].overdue);
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

// ---- what the town hall decided -------------------------------------------------------------------

// Five suggestions, a1 the strongest; phase p1 holds 2, p2 holds 2, p3 has no limit.
const char* const kFivePhases =
    "roadmap {\n  phase p1 \"P1\" size ..2\n  phase p2 \"P2\" size ..2\n  phase p3 \"P3\"\n}\n";
const char* const kFiveRules =
    "rule s\n  suggest a1 weight 50\n  suggest a2 weight 40\n  suggest a3 weight 30\n  suggest a4 weight 20\n"
    "  suggest a5 weight 10\n";

TEST(RoadmapTownHall, WorkUnderWayOpensPhaseOneWithItsPrerequisitesWhateverTheLimits) {
  const auto p = plan({"base", "a1", "a2", "a3", "a4 { requires base }", "a5"}, kFivePhases, kFiveRules,
                      R"({"in_progress": ["a5", "a4"]})");
  // a4 (rank 5) before a5 (rank 6), base (rank 4, with a4's priority) with it, as part of a4:
  // p1's size counts a4 and a5, 2 of 2, and holds the three.
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"base", "a4", "a5"}));
  EXPECT_EQ(p.at("a4").reason, Placement::Reason::InProgress);
  EXPECT_EQ(p.at("base").reason, Placement::Reason::PulledBy);
  EXPECT_EQ(p.at("base").pulled_by, el(p.rb, "a4"));
  EXPECT_EQ(p.result.roadmap.capacity[0].placed, 2u);
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"a1", "a2"}));  // p1 had no room left
  EXPECT_EQ(p.at("a1").reason, Placement::Reason::PhaseFull);
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][0]["reason"]["kind"], "pulled_by");
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][0]["reason"]["pulled_by"], "a4");
  EXPECT_EQ(j["roadmap"]["phases"][0]["elements"][1]["reason"]["text"],
            "phase 1 (p1): rank 5, under way: first in phase 1, whatever its limits");
  const std::string text = render_roadmap_text({p.rb, p.profile, p.result});
  EXPECT_NE(text.find("(2 of 2)"), std::string::npos) << text;
  EXPECT_NE(text.find("needed · part of a4"), std::string::npos) << text;
  EXPECT_NE(text.find("score 20 · under way"), std::string::npos) << text;
}

TEST(RoadmapTownHall, AnObjectivesPrerequisitesArePartOfItAndTakeNoPlaceOfTheirOwn) {
  // The project p needs three parts; agreed with a1 and a2, it still leaves room for a3 in a
  // phase of size 3: the parts come with p, and their effort counts.
  const auto p = plan({"part1", "part2", "part3", "proj { requires part1, part2, part3 }", "a1", "a2", "a3"},
                      "roadmap {\n  phase p1 \"P1\" size ..3 effort ..100\n  phase p2 \"P2\"\n}\n",
                      "rule s\n  suggest part1, part2, part3, proj, a1, a2 weight 10\n  suggest a3 weight 5\n",
                      R"({"objectives": ["proj", "a1"]})");
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a1", "part1", "part2", "part3", "proj", "a2"}));
  EXPECT_EQ(p.result.roadmap.capacity[0].placed, 3u);
  EXPECT_EQ(p.at("part2").reason, Placement::Reason::PulledBy);
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"a3"}));
}

TEST(RoadmapTownHall, AnObjectiveGoesFirstInTheFirstPhaseWithRoomForItAndItsPrerequisites) {
  const auto p = plan({"base { effort 2 }", "a1 { effort 1 }", "a2 { effort 1 }", "a3", "a4", "a5 { requires base }"},
                      "roadmap {\n  phase p1 \"P1\" effort ..2\n  phase p2 \"P2\" effort ..3\n  phase p3 \"P3\"\n}\n",
                      kFiveRules, R"({"objectives": ["a5", "a3"]})");
  // The objectives open p1 in rank order: a3 (no effort), then a5 with base (effort 2, just
  // within ..2); a1 then finds no effort left, and a4 (no effort) still fits.
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a3", "base", "a5", "a4"}));
  EXPECT_EQ(p.at("a3").reason, Placement::Reason::Objective);
  EXPECT_EQ(p.at("a5").reason, Placement::Reason::Objective);
  EXPECT_EQ(p.at("base").reason, Placement::Reason::PulledBy);
  EXPECT_EQ(p.at("a4").reason, Placement::Reason::Rank);  // no effort: it still fits
  // With less room, the objective waits, whole, for the phase that can take it.
  const auto q = plan({"base { effort 2 }", "a1 { effort 1 }", "a2 { effort 1 }", "a3", "a4", "a5 { requires base }"},
                      "roadmap {\n  phase p1 \"P1\" effort ..1\n  phase p2 \"P2\" effort ..3\n  phase p3 \"P3\"\n}\n",
                      kFiveRules, R"({"objectives": ["a5"]})");
  EXPECT_EQ(q.phase("p1"), (std::vector<std::string>{"a1", "a3", "a4"}));
  EXPECT_EQ(q.phase("p2"), (std::vector<std::string>{"base", "a5", "a2"}));
  EXPECT_EQ(q.at("a5").reason, Placement::Reason::Objective);
  EXPECT_EQ(q.at("a5").limit, PhaseLimit::Effort);
  EXPECT_EQ(q.json()["roadmap"]["phases"][1]["elements"][1]["reason"]["text"],
            "phase 2 (p2): rank 6, an agreed objective, placed when a phase had room for it with its prerequisites "
            "(effort)");
}

TEST(RoadmapTownHall, WhatTheTownHallRefusedIsNeverPlacedAndBlocksWhatNeedsIt) {
  const auto p =
      plan({"a1", "a2", "a3 { requires a1 }", "a4", "a5"}, kFivePhases, kFiveRules, R"({"refused": ["a1"]})");
  EXPECT_EQ(p.result.verdicts[el(p.rb, "a1")].status, Status::Refused);
  EXPECT_EQ(p.result.verdicts[el(p.rb, "a3")].status, Status::Blocked);
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a2", "a4"}));
  EXPECT_TRUE(roadmap_notes(p.result.roadmap.notes).empty());
  const std::string why = render_why_not_text({p.rb, p.profile, p.result}, el(p.rb, "a1"));
  EXPECT_NE(why.find("refused   the town hall refused it"), std::string::npos) << why;
  const std::string blocked = render_why_not_text({p.rb, p.profile, p.result}, el(p.rb, "a3"));
  EXPECT_NE(blocked.find("it needs a1, which is refused"), std::string::npos) << blocked;
}

TEST(RoadmapTownHall, ARefusedDutyStaysInTheRoadmapWithANote) {
  const auto p = plan({"law", "base", "top { requires base }"}, kFivePhases, "rule r\n  require law, top\n",
                      R"({"refused": ["law", "base"]})");
  EXPECT_EQ(p.result.verdicts[el(p.rb, "law")].status, Status::Required);
  EXPECT_TRUE(p.result.verdicts[el(p.rb, "law")].refused);
  EXPECT_EQ(p.result.verdicts[el(p.rb, "base")].status, Status::Needed);
  ASSERT_EQ(roadmap_notes(p.result.roadmap.notes).size(), 2u);  // by element: base, law
  EXPECT_EQ(p.result.roadmap.notes[1], (RoadmapNote{RoadmapNote::Kind::RefusedDuty, el(p.rb, "law")}));
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["notes"][0]["kind"], "refused_duty");
  EXPECT_EQ(j["roadmap"]["notes"][0]["text"],
            "base was refused by the town hall, but top needs it: it stays in the roadmap");
  EXPECT_EQ(j["roadmap"]["notes"][1]["text"],
            "law was refused by the town hall, but the law requires it: it stays in the roadmap");
  const std::string text = render_roadmap_text({p.rb, p.profile, p.result});
  EXPECT_NE(text.find("\nNotes:\n  base was refused by the town hall"), std::string::npos) << text;
}

TEST(RoadmapTownHall, ADutyNeverGoesPastTheLastLimitedPhase) {
  const auto p = plan({"a1", "a2", "a3", "l1", "base", "l2 { requires base }"},
                      "roadmap {\n  priority {\n    required 100\n  }\n  phase p1 \"P1\" size ..1\n"
                      "  phase p2 \"P2\" size ..1\n  phase p3 \"P3\"\n}\n",
                      "rule law\n  require l1, l2\nrule s\n  suggest a1 weight 200\n  suggest a2 weight 8\n"
                      "  suggest a3 weight 7\n  suggest l1 weight 3\n  suggest l2 weight 1\n");
  // Ranks: a1 200, l1 103, base (with l2) and l2 101, a2, a3.
  EXPECT_EQ(p.phase("p1"), (std::vector<std::string>{"a1"}));
  EXPECT_EQ(p.phase("p2"), (std::vector<std::string>{"l1", "base", "l2"}));  // 3 of 1
  EXPECT_EQ(p.at("l1").reason, Placement::Reason::PhaseFull);
  EXPECT_EQ(p.at("base").reason, Placement::Reason::OverCapacity);
  EXPECT_EQ(p.at("base").pulled_by, el(p.rb, "l2"));
  EXPECT_EQ(p.at("l2").reason, Placement::Reason::OverCapacity);
  EXPECT_EQ(p.at("l2").limit, PhaseLimit::Size);
  EXPECT_EQ(p.at("l2").pulled_by, ir::kNone);
  EXPECT_EQ(p.phase("p3"), (std::vector<std::string>{"a2", "a3"}));
  EXPECT_EQ(p.at("a2").reason, Placement::Reason::PhaseFull);
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["phases"][1]["elements"][1]["reason"]["text"],
            "phase 2 (p2): rank 3, beyond the phase's size limit: a prerequisite of the duty l2 goes no later than "
            "the last limited phase");
  EXPECT_EQ(j["roadmap"]["phases"][1]["elements"][2]["reason"]["text"],
            "phase 2 (p2): rank 4, beyond the phase's size limit: a duty goes no later than the last limited phase");
  const std::string text = render_roadmap_text({p.rb, p.profile, p.result});
  EXPECT_NE(text.find("required · over size"), std::string::npos) << text;
  EXPECT_NE(text.find("(3 of 1)"), std::string::npos) << text;
}

TEST(RoadmapTownHall, WhatTheRoadmapCannotFollowIsNotedNeverDropped) {
  const auto p =
      plan({"a1", "a2", "a3", "a4", "a5", "gone"}, kFivePhases, std::string(kFiveRules) + "rule veto\n  exclude a2\n",
           R"({"objectives": ["gone", "a2"], "in_progress": ["a2"], "needs": ["a2"]})");
  const auto notes = roadmap_notes(p.result.roadmap.notes);
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_EQ(notes[0], (RoadmapNote{RoadmapNote::Kind::ObjectiveNotInPuzzle, el(p.rb, "a2")}));
  EXPECT_EQ(notes[1], (RoadmapNote{RoadmapNote::Kind::ObjectiveNotInPuzzle, el(p.rb, "gone")}));
  EXPECT_EQ(notes[2], (RoadmapNote{RoadmapNote::Kind::InProgressNotInPuzzle, el(p.rb, "a2")}));
  EXPECT_EQ(notes[3], (RoadmapNote{RoadmapNote::Kind::VetoedNeed, el(p.rb, "a2")}));
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["notes"][1]["text"], "gone is an agreed objective but not in the puzzle (not_applicable)");
  EXPECT_EQ(j["roadmap"]["notes"][3]["text"],
            "a2 is a need the town hall declared, but a rule excludes it (puzle why-not a2)");
  const std::string why = render_why_not_text({p.rb, p.profile, p.result}, el(p.rb, "a2"));
  EXPECT_NE(why.find("  vetoed    a need the town hall declared, with score 40, which the exclusion vetoes\n"),
            std::string::npos)
      << why;
  EXPECT_EQ(nlohmann::json::parse(
                render_json({p.rb, p.profile, p.result}, JsonView::WhyNot, el(p.rb, "a2")))["why_not"]["vetoed_need"],
            true);
  const std::string explain = render_explain_text({p.rb, p.profile, p.result}, el(p.rb, "a2"));
  EXPECT_NE(explain.find("town hall: agreed objective, under way, declared need"), std::string::npos) << explain;
}

TEST(RoadmapTownHall, AnUnlikelyProfileIsNoted) {
  // Nothing in place at all, and a maturity of 3 in an area with nothing of it in place.
  const auto p = plan({"a1", "a2"}, kFivePhases, "rule s\n  suggest a1\n", R"({"maturity": 3})");
  const auto& notes = p.result.roadmap.notes;
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].kind, RoadmapNote::Kind::MaturityWithoutInPlace);
  EXPECT_EQ(p.rb.program().nodes[p.rb.program().areas[notes[0].area]].id, "ar");
  EXPECT_EQ(notes[1].kind, RoadmapNote::Kind::NothingInPlace);
  const auto j = p.json();
  EXPECT_EQ(j["roadmap"]["notes"][0]["kind"], "maturity_without_in_place");
  EXPECT_EQ(j["roadmap"]["notes"][0]["area"], "ar");
  EXPECT_EQ(j["roadmap"]["notes"][0]["element"], "");
  EXPECT_EQ(j["roadmap"]["notes"][1]["text"],
            "the profile says nothing is in place: the roadmap starts from zero (check in_place before a visit)");
  // Something in place, at a maturity below 3: nothing to note.
  const auto q = plan({"a1", "a2"}, kFivePhases, "rule s\n  suggest a1\n", R"({"maturity": 2, "in_place": ["a2"]})");
  EXPECT_TRUE(q.result.roadmap.notes.empty());
}

// ---- readiness ----------------------------------------------------------------------------------

TEST(RoadmapReadiness, AnElementWaitsUntilItsAreaIsMatureEnoughOneLevelAPhase) {
  const std::vector<std::string> elements = {"a1 { maturity 2 }", "a2 { maturity 1 }", "a3", "a4 { maturity 5 }",
                                             "law { maturity 5 }"};
  const std::string roadmap =
      "roadmap {\n  phase p1 \"P1\" size ..3\n  phase p2 \"P2\" size ..3\n  phase p3 \"P3\" size ..3\n"
      "  phase p4 \"P4\"\n}\n";
  const std::string rules =
      "rule s\n  suggest a1 weight 50\n  suggest a2 weight 40\n  suggest a3 weight 30\n  suggest a4 weight 20\n";
  const auto low = plan(elements, roadmap, rules, R"({"maturity": 0})");
  EXPECT_EQ(low.phase("p1"), (std::vector<std::string>{"a3"}));
  EXPECT_EQ(low.phase("p2"), (std::vector<std::string>{"a2"}));  // 0 + 1 level
  EXPECT_EQ(low.phase("p3"), (std::vector<std::string>{"a1"}));  // 0 + 2 levels
  EXPECT_EQ(low.phase("p4"), (std::vector<std::string>{"a4"}));  // the last phase takes every element
  EXPECT_EQ(low.at("a1").reason, Placement::Reason::Maturity);
  EXPECT_EQ(low.at("a4").reason, Placement::Reason::Maturity);
  EXPECT_EQ(low.result.verdicts[el(low.rb, "a1")].maturity_gap, 2u);
  EXPECT_EQ(low.json()["roadmap"]["phases"][2]["elements"][0]["reason"]["text"],
            "phase 3 (p3): rank 1, waited for maturity 2 in ar (it has 0, one level more each phase)");
  // Maturity changes the first phases.
  const auto high = plan(elements, roadmap, rules, R"({"maturity": 2})");
  EXPECT_EQ(high.phase("p1"), (std::vector<std::string>{"a1", "a2", "a3"}));
  EXPECT_EQ(high.phase("p4"), (std::vector<std::string>{"a4"}));
  // A duty does not wait past the last limited phase, mature enough or not.
  const auto due = plan(elements, roadmap, rules + "rule l\n  require law\n", R"({"maturity": 2})");
  EXPECT_EQ(due.phase("p3"), (std::vector<std::string>{"law"}));
  EXPECT_EQ(due.at("law").reason, Placement::Reason::OverCapacity);
  EXPECT_EQ(due.at("law").limit, PhaseLimit::None);
  EXPECT_EQ(due.json()["roadmap"]["phases"][2]["elements"][0]["reason"]["text"],
            "phase 3 (p3): rank 1, before its area is mature enough: a duty goes no later than the last limited phase");
  // What is under way or agreed does not wait for maturity.
  const auto agreed = plan(elements, roadmap, rules, R"({"maturity": 0, "objectives": ["a4"], "in_progress": ["a1"]})");
  EXPECT_EQ(agreed.phase("p1"), (std::vector<std::string>{"a1", "a4", "a3"}));
}

// ---- the horizon ----------------------------------------------------------------------------------

TEST(RoadmapHorizon, PhasesAfterTheLastLimitedOneAreAspirationalAndCountedByArea) {
  Rulebase rb =
      make_rulebase({{"schema.pzl", kRoadmapSchema},
                     {"metamodel.pzl",
                      "area ajuntament \"Ajuntament\" { domain d \"D\" { block b \"B\" {\n"
                      "  element a1 \"A1\"\n  element a2 \"A2\"\n  element a3 \"A3\"\n} } }\n"
                      "area viure \"Viure\" { domain d \"D\" { block b \"B\" {\n  element v1 \"V1\"\n} } }\n"},
                     {"roadmap.pzl", "roadmap {\n  phase p1 \"P1\" size ..1\n  phase p2 \"Horitzó\"\n}\n"},
                     {"rules.pzl", "rule s\n  suggest a1, a2, v1 weight 5\n  suggest a3 weight 9\n"}});
  const Profile profile = make_profile(rb, "{}");
  const EvalResult r = run(rb, profile);
  EXPECT_FALSE(r.roadmap.aspirational(0));
  EXPECT_TRUE(r.roadmap.aspirational(1));
  const std::string text = render_roadmap_text({rb, profile, r});
  EXPECT_NE(text.find("\nPhase 2 · Horitzó (aspirational: 3)\n  Ajuntament  2 elements\n  Viure       1 element\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("A1"), std::string::npos) << text;  // not listed one by one
  const auto j = nlohmann::json::parse(render_json({rb, profile, r}, JsonView::Roadmap));
  EXPECT_EQ(j["roadmap"]["phases"][0]["aspirational"], false);
  EXPECT_EQ(j["roadmap"]["phases"][1]["aspirational"], true);
  EXPECT_EQ(j["roadmap"]["phases"][1]["elements"].size(), 3u);  // the JSON lists them all
  // Without any limit, no phase is aspirational: the roadmap is all plan.
  Roadmap unlimited;
  unlimited.capacity.resize(2);
  EXPECT_FALSE(unlimited.aspirational(0));
  EXPECT_FALSE(unlimited.aspirational(1));
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
  EXPECT_NE(text.find("\nPhase 3 · P3 (aspirational: 0)\n"), std::string::npos) << text;
}

TEST(RoadmapLimits, ChooseWithIfMinAndMax) {
  // if() computes only the branch it takes: 10 / (population - 1000) is never divided by zero.
  const std::string roadmap =
      "roadmap {\n  phase p1 \"P1\" size ..(if(population == 1000, 1, 10 / (population - 1000)))"
      " effort ..(min(maturity[ar], 2) + max(population / 1000, 1))\n  phase p2 \"P2\"\n}\n";
  const auto at_1000 = plan(kComputedElements, roadmap, kComputedRules, R"({"population": 1000, "maturity": 4})");
  ASSERT_TRUE(at_1000.result.errors.empty());
  EXPECT_EQ(at_1000.result.roadmap.capacity.at(0).size, Decimal::from_int(1));
  EXPECT_EQ(at_1000.result.roadmap.capacity.at(0).effort, Decimal::from_int(3));  // min(4, 2) + max(1, 1)
  EXPECT_EQ(at_1000.phase("p1"), (std::vector<std::string>{"a"}));
  const auto at_1005 = plan(kComputedElements, roadmap, kComputedRules, R"({"population": 1005, "maturity": 1})");
  ASSERT_TRUE(at_1005.result.errors.empty());
  EXPECT_EQ(at_1005.result.roadmap.capacity.at(0).size, Decimal::from_int(2));        // 10 / 5
  EXPECT_EQ(at_1005.result.roadmap.capacity.at(0).effort, *Decimal::parse("2.005"));  // min(1, 2) + max(1.005, 1)
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
    case 0: return "require " + target + (r.chance(40) ? " due 202" + std::to_string(r.between(0, 9)) + "-06-30" : "");
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
    if (r.chance(25))
      decl += std::string("        maturity ") + (r.chance(30) ? "ajuntament " : "") + std::to_string(r.between(0, 5)) +
              "\n";
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
    if (r.chance(50)) roadmap += "    overdue " + weight() + "\n";
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
  // What is in place and needed, often; what the town hall decided at a visit, now and then.
  for (const auto& [field, percent] :
       {std::pair{"in_place", 15}, {"needs", 15}, {"objectives", 8}, {"in_progress", 3}, {"refused", 5}}) {
    if (percent < 15 && r.chance(40)) continue;
    s << ", \"" << field << "\": [";
    bool first = true;
    for (const auto& e : elements)
      if (r.chance(percent)) {
        s << (first ? "" : ", ") << "\"" << e << "\"";
        first = false;
      }
    s << "]";
  }
  s << "}";
  return s.str();
}

TEST(RoadmapProperty, RandomRulebasesAndProfilesKeepEveryInvariant) {
  Random r(0x5eed2026u);
  std::size_t placed = 0, unscheduled = 0, waited = 0, full = 0;
  std::map<Status, std::size_t> statuses;
  std::map<Placement::Reason, std::size_t> reasons;
  std::map<RoadmapNote::Kind, std::size_t> notes;
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
        ++reasons[pl.reason];
      }
      for (const auto& v : result.verdicts) ++statuses[v.status];
      for (const auto& n : result.roadmap.notes) ++notes[n.kind];
    }
  }
  // The generator reaches every case the invariants are about.
  EXPECT_GT(placed, 1000u);
  EXPECT_GT(unscheduled, 100u);
  EXPECT_GT(waited, 10u);
  EXPECT_GT(full, 100u);
  for (Status s : {Status::InPlace, Status::Required, Status::Suggested, Status::Needed, Status::Excluded,
                   Status::Blocked, Status::Refused})
    EXPECT_GT(statuses[s], 10u) << status_name(s);
  for (auto reason : {Placement::Reason::InProgress, Placement::Reason::Objective, Placement::Reason::PulledBy,
                      Placement::Reason::OverCapacity, Placement::Reason::Maturity})
    EXPECT_GT(reasons[reason], 10u) << reason_name(reason);
  for (auto kind : {RoadmapNote::Kind::ObjectiveNotInPuzzle, RoadmapNote::Kind::InProgressNotInPuzzle,
                    RoadmapNote::Kind::RefusedDuty, RoadmapNote::Kind::VetoedNeed})
    EXPECT_GT(notes[kind], 10u) << note_name(kind);
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
  std::vector<PhaseLimit> objective_limit(p.elements.size(), PhaseLimit::None);
  std::vector<bool> unready(p.elements.size(), false);  // it last waited for maturity
  out.capacity = result.roadmap.capacity;               // the maxima computed for the profile
  ir::PhaseId last_bounded = ir::kNone;
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph)
    if (out.capacity[ph].size || out.capacity[ph].effort || out.capacity[ph].budget) last_bounded = ph;
  const auto to_limit = [](const char* l) {
    return !l                           ? PhaseLimit::None
           : std::string(l) == "size"   ? PhaseLimit::Size
           : std::string(l) == "effort" ? PhaseLimit::Effort
                                        : PhaseLimit::Budget;
  };
  // e and the candidates not placed that it needs, directly or not, in prerequisite order.
  const auto group_of = [&](ir::ElementId e) {
    std::set<ir::ElementId> members{e};
    std::vector<ir::ElementId> todo{e};
    while (!todo.empty()) {
      const ir::ElementId x = todo.back();
      todo.pop_back();
      for (ir::ElementId r : p.elements[x].requires_)
        if (candidate(vs[r].status) && !placed[r] && members.insert(r).second) todo.push_back(r);
    }
    std::vector<ir::ElementId> group(members.begin(), members.end());
    std::sort(group.begin(), group.end(), [&](ir::ElementId a, ir::ElementId b) { return position[a] < position[b]; });
    return group;
  };
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    PhaseCapacity& phase = out.capacity[ph];
    std::size_t size = 0;
    Decimal effort, budget;
    // The first limit the phase would exceed with these elements added; nullptr: none. With the
    // head of an objective's group, the size counts only the members agreed or under way in
    // their own right (and the head): the others are part of it.
    const auto exceeds = [&](const std::vector<ir::ElementId>& add, ir::ElementId head = ir::kNone) -> const char* {
      std::optional<Decimal> new_effort = effort, new_budget = budget;
      std::size_t counted = 0;
      for (ir::ElementId e : add) {
        if (new_effort) new_effort = new_effort->plus(p.elements[e].effort.value_or(Decimal()));
        if (new_budget) new_budget = new_budget->plus(vs[e].cost);
        counted += head == ir::kNone || e == head || vs[e].objective || vs[e].in_progress;
      }
      if (phase.size && Decimal::from_int(static_cast<long long>(size + counted)) > *phase.size) return "size";
      if (phase.effort && (!new_effort || *new_effort > *phase.effort)) return "effort";
      if (phase.budget && (!new_budget || *new_budget > *phase.budget)) return "budget";
      return nullptr;
    };
    const auto put = [&](ir::ElementId e, Placement::Reason reason, PhaseLimit limit, ir::ElementId pulled_by) {
      Placement pl;
      pl.element = e;
      pl.phase = ph;
      pl.rank = rank[e];
      pl.priority_from = from[e];
      pl.reason = reason;
      pl.limit = limit;
      pl.pulled_by = pulled_by;
      if (reason == Placement::Reason::Prerequisite) pl.waited_for = waited[e];
      out.placements.push_back(std::move(pl));
      placed[e] = true;
      if (reason != Placement::Reason::PulledBy) ++size;  // a pulled prerequisite is part of its objective
      // A total past a limit it already exceeded may overflow: it then stays as it was.
      if (phase.effort) effort = effort.plus(p.elements[e].effort.value_or(Decimal())).value_or(effort);
      if (phase.budget) budget = budget.plus(vs[e].cost).value_or(budget);
    };
    // A member of a group placed with `head` for `reason`: in its own right when under way (in
    // phase 1) or agreed, else pulled by the head.
    const auto put_member = [&](ir::ElementId e, ir::ElementId head, Placement::Reason reason) {
      if (e == head)
        put(e, reason, reason == Placement::Reason::Objective ? objective_limit[e] : PhaseLimit::None, ir::kNone);
      else if (vs[e].in_progress && ph == 0)
        put(e, Placement::Reason::InProgress, PhaseLimit::None, ir::kNone);
      else if (vs[e].objective)
        put(e, Placement::Reason::Objective, objective_limit[e], ir::kNone);
      else
        put(e, Placement::Reason::PulledBy, PhaseLimit::None, head);
    };
    if (ph == 0)
      for (ir::ElementId e : ranked)
        if (vs[e].in_progress && !placed[e])
          for (ir::ElementId m : group_of(e)) put_member(m, e, Placement::Reason::InProgress);
    for (ir::ElementId e : ranked) {
      if (!vs[e].objective || placed[e]) continue;
      const auto group = group_of(e);
      if (const char* limit = exceeds(group, e)) {
        objective_limit[e] = to_limit(limit);
        continue;
      }
      for (ir::ElementId m : group) put_member(m, e, Placement::Reason::Objective);
    }
    // Passes, until one places nothing.
    const auto passes = [&] {
      for (bool progress = true; progress;) {
        progress = false;
        for (ir::ElementId e : ranked) {
          if (placed[e] || vs[e].objective) continue;  // an objective left waits for the next phase
          ir::ElementId missing = ir::kNone;
          for (ir::ElementId r : p.elements[e].requires_)
            if (candidate(vs[r].status) && !placed[r]) {
              missing = r;
              break;
            }
          if (missing != ir::kNone) {
            waited[e] = missing;
            full[e] = nullptr;
            unready[e] = false;
            continue;
          }
          if (vs[e].maturity_gap > ph && ph + 1 < p.phases.size()) {  // not mature enough yet
            waited[e] = ir::kNone;
            full[e] = nullptr;
            unready[e] = true;
            continue;
          }
          if (const char* limit = exceeds({e})) {
            full[e] = limit;
            waited[e] = ir::kNone;
            unready[e] = false;
            continue;
          }
          if (ph > 0 && waited[e] != ir::kNone)
            put(e, Placement::Reason::Prerequisite, PhaseLimit::None, ir::kNone);
          else if (ph > 0 && unready[e])
            put(e, Placement::Reason::Maturity, PhaseLimit::None, ir::kNone);
          else if (ph > 0 && full[e])
            put(e, Placement::Reason::PhaseFull, to_limit(full[e]), ir::kNone);
          else
            put(e, Placement::Reason::Rank, PhaseLimit::None, ir::kNone);
          progress = true;
        }
      }
    };
    passes();
    if (ph == last_bounded) {
      bool any = false;
      for (ir::ElementId e : ranked) {
        if (vs[e].status != Status::Required || placed[e]) continue;
        const auto group = group_of(e);
        const PhaseLimit limit = to_limit(exceeds(group));
        for (ir::ElementId m : group) put(m, Placement::Reason::OverCapacity, limit, m == e ? ir::kNone : e);
        any = true;
      }
      if (any) passes();  // for the room that may be left
    }
    phase.placed = size;
    phase.effort_used = phase.effort ? effort : Decimal();
    phase.budget_used = phase.budget ? budget : Decimal();
  }
  for (ir::ElementId e : ranked)
    if (!placed[e]) out.unscheduled.push_back(e);
  // The notes, by kind, then element.
  using K = RoadmapNote::Kind;
  for (const K kind : {K::ObjectiveNotInPuzzle, K::InProgressNotInPuzzle, K::RefusedDuty, K::VetoedNeed})
    for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
      const Verdict& v = vs[e];
      const bool in = candidate(v.status);
      if (kind == K::ObjectiveNotInPuzzle    ? v.objective && !in
          : kind == K::InProgressNotInPuzzle ? v.in_progress && !in
          : kind == K::RefusedDuty           ? v.refused && in
                                             : v.declared_need && v.status == Status::Excluded)
        out.notes.push_back({kind, e});
    }
  return out;
}

// "" when the roadmaps are the same, else the first difference.
std::string difference(const Roadmap& got, const Roadmap& want) {
  const auto placement = [](const Placement& pl) {
    return "element " + std::to_string(pl.element) + " phase " + std::to_string(pl.phase) + " rank " +
           std::to_string(pl.rank) + " reason " + reason_name(pl.reason) + " waited_for " +
           std::to_string(pl.waited_for) + " limit '" + limit_name(pl.limit) + "' pulled by " +
           std::to_string(pl.pulled_by) + " priority from " + std::to_string(pl.priority_from);
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
  if (roadmap_notes(got.notes) != want.notes) return "the notes differ";  // the profile's are not the scheduler's
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
  std::map<Placement::Reason, std::size_t> reasons;
  std::size_t deferred = 0;  // objectives a phase had no room for
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
        if (r.chance(15)) v.maturity_gap = static_cast<std::uint32_t>(r.between(0, 4));
      }
      const Roadmap got = plan_roadmap(rb, result, result.roadmap.capacity);
      ASSERT_EQ(difference(got, reference_roadmap(rb, result)), "") << "case " << case_no << " with other scores";
      ++compared;
      for (const auto& pl : got.placements) {
        inherited += pl.priority_from != ir::kNone;
        waited += pl.reason == Placement::Reason::Prerequisite;
        full += pl.reason == Placement::Reason::PhaseFull;
        ++reasons[pl.reason];
        deferred += pl.reason == Placement::Reason::Objective && pl.limit != PhaseLimit::None;
      }
    }
  }
  EXPECT_EQ(compared, 1200u);
  EXPECT_GT(deferred, 10u);
  EXPECT_GT(ranked_by_priority, 300u);
  EXPECT_GT(quick_wins, 50u);
  EXPECT_GT(inherited, 50u);
  EXPECT_GT(waited, 10u);
  EXPECT_GT(full, 100u);
  for (auto reason : {Placement::Reason::InProgress, Placement::Reason::Objective, Placement::Reason::PulledBy,
                      Placement::Reason::OverCapacity, Placement::Reason::Maturity})
    EXPECT_GT(reasons[reason], 10u) << reason_name(reason);
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
