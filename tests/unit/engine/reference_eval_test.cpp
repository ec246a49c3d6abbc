// The real evaluator against the plain one (engine/reference/): the same verdicts, scores,
// contributions, errors, roadmap and full trace, on the shipped rulebase for the 947
// municipalities and the example profiles, and on generated rulebases with generated, varied
// profiles. The real one compiles conditions, shares memo slots, skips rules and precomputes
// `where`; the reference does none of that, so a disagreement is a bug in the clever parts.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "generate_rulebase.hpp"
#include "puzle/batch.hpp"
#include "puzle/version.hpp"
#include "reference/reference_eval.hpp"
#include "roadmap_invariants.hpp"
#include "test_files.hpp"

namespace puzle::reference_eval_test {
namespace {

using namespace testing_helpers;

EvalOptions full_on(const char* date) {
  EvalOptions o;
  o.date = *Date::parse(date);
  o.trace = EvalOptions::Trace::Full;
  o.explain = EvalOptions::Explain::All;
  return o;
}

// A contribution as both evaluators can name it (outcome indexes differ: the real trace omits
// the outcomes decided at load time).
struct Act {
  ir::RuleId rule;
  ir::ElementId binding;
  ir::EffectKind kind;
  std::uint32_t effect;
  friend bool operator==(const Act&, const Act&) = default;
};

std::vector<Act> acts_on(const EvalResult& r, const std::vector<RuleOutcome>& outcomes, ir::ElementId e) {
  std::vector<Act> out;
  for (auto ci : r.contributions_of(e)) {
    const Contribution& c = r.contributions[ci];
    out.push_back({outcomes[c.outcome].rule, outcomes[c.outcome].binding, c.kind, c.effect});
  }
  return out;
}

// Returns "" when they agree, else the first difference (a test prints it once, not 947 times).
std::string difference(const Rulebase& rb, const Profile& profile, const char* date) {
  const EvalResult real = evaluate(rb, profile, full_on(date));
  const EvalResult ref = reference::evaluate(rb, profile, full_on(date));
  if (real.errors != ref.errors) return "errors differ";
  std::vector<RuleOutcome> trace;
  for_each_outcome(rb, real, [&](const RuleOutcome& o) { trace.push_back(o); });
  if (trace.size() != ref.outcomes.size())
    return "trace sizes " + std::to_string(trace.size()) + " vs " + std::to_string(ref.outcomes.size());
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const RuleOutcome &a = trace[i], &b = ref.outcomes[i];
    if (a.rule != b.rule || a.binding != b.binding || a.kind != b.kind || a.fault != b.fault ||
        a.decided_by != b.decided_by)
      return "outcome " + std::to_string(i) + " of rule " + rb.program().rules[b.rule].id;
  }
  const auto& p = rb.program();
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    const Verdict &a = real.verdicts[e], &b = ref.verdicts[e];
    const std::string at = " of " + p.element_node(e).id;
    if (a.status != b.status)
      return std::string("status ") + status_name(a.status) + " vs " + status_name(b.status) + at;
    if (a.score != b.score || a.score_overflow != b.score_overflow) return "score" + at;
    if (a.required != b.required || a.excluded != b.excluded || a.proposed != b.proposed) return "flags" + at;
    if (a.needed_by != b.needed_by) return "needed_by" + at;
    if (a.blocked_by != b.blocked_by) return "blocked_by" + at;
    if (a.solutions != b.solutions) return "solutions" + at;
    if (a.cost != b.cost) return "cost" + at;
    if (a.declared_need != b.declared_need || a.quick_win != b.quick_win || a.priority != b.priority)
      return "priority" + at;
    if (a.objective != b.objective || a.in_progress != b.in_progress || a.refused != b.refused)
      return "the town hall's decisions" + at;
    if (a.maturity_gap != b.maturity_gap || a.due != b.due || a.overdue != b.overdue) return "readiness or due" + at;
    if (acts_on(real, real.outcomes, e) != acts_on(ref, ref.outcomes, e)) return "contributions" + at;
  }
  // What explanations show, recorded by each as it decided.
  if (real.records.size() != ref.records.size()) return "records";
  for (std::size_t i = 0; i < real.records.size(); ++i) {
    const OutcomeRecord &a = real.records[i], &b = ref.records[i];
    const std::string at = " of rule " + p.rules[a.rule].id;
    if (a.rule != b.rule || a.binding != b.binding || a.because != b.because) return "record " + std::to_string(i) + at;
    const auto fa = real.facts_of(a), fb = ref.facts_of(b);
    if (!std::equal(fa.begin(), fa.end(), fb.begin(), fb.end(), [](const RecordedFact& x, const RecordedFact& y) {
          return x.name == y.name && x.value == y.value;
        }))
      return "facts" + at;
  }
  if (real.roadmap.capacity != ref.roadmap.capacity) return "phase capacity";
  if (real.roadmap.unscheduled != ref.roadmap.unscheduled ||
      real.roadmap.placements.size() != ref.roadmap.placements.size())
    return "roadmap";
  for (std::size_t i = 0; i < real.roadmap.placements.size(); ++i) {
    const Placement &a = real.roadmap.placements[i], &b = ref.roadmap.placements[i];
    if (a.element != b.element || a.phase != b.phase || a.rank != b.rank || a.reason != b.reason ||
        a.limit != b.limit || a.priority_from != b.priority_from || a.waited_for != b.waited_for ||
        a.pulled_by != b.pulled_by)
      return "placement " + std::to_string(i);
  }
  if (real.roadmap.notes != ref.roadmap.notes) return "roadmap notes";
  return "";
}

TEST(ReferenceEvaluator, AgreesOnTheShippedRulesForEveryMunicipality) {
  std::ifstream csv(PUZLE_SOURCE_DIR "/examples/municipis_catalunya.csv", std::ios::binary);
  std::string err;
  auto reader = csv_reader(csv, shipped_rulebase(), err);
  ASSERT_TRUE(reader) << err;
  std::size_t n = 0;
  for (BatchRecord rec; reader->next(rec); ++n) {
    const Profile p = make_profile(shipped_rulebase(), rec.json);
    const std::string d = difference(shipped_rulebase(), p, "2026-06-01");
    ASSERT_EQ(d, "") << "line " << rec.line;
  }
  EXPECT_EQ(n, 947u);
}

// Every municipality as an agent may find it at a visit: things in place, needs, and what the
// town hall agreed, started and refused, drawn at random (a fixed seed) from the metamodel.
TEST(ReferenceEvaluator, AgreesOnEveryMunicipalityWithTheTownHallsDecisions) {
  std::ifstream csv(PUZLE_SOURCE_DIR "/examples/municipis_catalunya.csv", std::ios::binary);
  std::string err;
  auto reader = csv_reader(csv, shipped_rulebase(), err);
  ASSERT_TRUE(reader) << err;
  const ir::Program& p = shipped_rulebase().program();
  std::mt19937 rng(0x70775e1u);
  const auto some = [&](unsigned percent_of_1000) {
    nlohmann::json ids = nlohmann::json::array();
    for (ir::ElementId e = 0; e < p.elements.size(); ++e)
      if (rng() % 1000 < percent_of_1000) ids.push_back(p.element_node(e).id);
    return ids;
  };
  std::size_t n = 0, refused = 0, objectives = 0, notes = 0;
  for (BatchRecord rec; reader->next(rec); ++n) {
    nlohmann::json j = nlohmann::json::parse(rec.json);
    j["in_place"] = some(150);
    j["needs"] = some(40);
    j["objectives"] = some(10);
    j["in_progress"] = some(8);
    j["refused"] = some(20);
    nlohmann::json maturity = nlohmann::json::object();  // 0 to 5 in each area
    for (ir::AreaId a = 0; a < p.areas.size(); ++a) maturity[p.nodes[p.areas[a]].id] = rng() % 6;
    j["maturity"] = maturity;
    j["it_staff"] = rng() % 4;
    j["budget_eur"] = rng() % 200 * 1000;
    const Profile profile = make_profile(shipped_rulebase(), j.dump());
    ASSERT_EQ(difference(shipped_rulebase(), profile, "2026-06-01"), "") << "line " << rec.line << ": " << j.dump();
    const EvalResult r = run(shipped_rulebase(), profile, "2026-06-01");
    ASSERT_EQ(testing_helpers::violation(shipped_rulebase(), r), "") << "line " << rec.line << ": " << j.dump();
    for (const Verdict& v : r.verdicts) refused += v.status == Status::Refused, objectives += v.objective;
    notes += r.roadmap.notes.size();
  }
  EXPECT_EQ(n, 947u);
  EXPECT_GT(refused, 1000u);
  EXPECT_GT(objectives, 1000u);
  EXPECT_GT(notes, 1000u);
}

TEST(ReferenceEvaluator, AgreesOnTheExampleProfilesOnSeveralDates) {
  for (const auto& entry : std::filesystem::directory_iterator(PUZLE_SOURCE_DIR "/examples/profiles")) {
    if (entry.path().extension() != ".json") continue;
    const Profile p = make_profile(shipped_rulebase(), test_files::slurp(entry.path()));
    for (const char* date : {"2016-01-01", "2024-06-30", "2026-06-01", "2031-01-01"})
      EXPECT_EQ(difference(shipped_rulebase(), p, date), "") << entry.path().filename() << " on " << date;
  }
}

TEST(ReferenceEvaluator, AgreesOnGeneratedRulebasesAndProfiles) {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    bench::RulebaseShape shape;
    shape.elements = 60;
    shape.rules = 400;
    shape.solutions = 12;
    shape.seed = seed;
    const Rulebase rb = make_rulebase(bench::generate_rulebase(shape));
    std::istringstream lines(bench::generate_profiles(60, seed));
    std::size_t i = 0;
    for (std::string line; std::getline(lines, line); ++i)
      ASSERT_EQ(difference(rb, make_profile(rb, line), "2026-06-01"), "") << "seed " << seed << ", profile " << i;
  }
}

// Faults everywhere a condition can meet one, a score that overflows, `where` decided at load
// time or per profile, and prerequisites that block, force and pull.
TEST(ReferenceEvaluator, AgreesWhereConditionsFailAndChainsBlock) {
  std::string rules = R"(profile {
  population: int = 1000
  province: enum { barcelona, girona, lleida, tarragona } = barcelona
  budget_eur: money = 0
  in_place: set<element> = []
  needs: set<element> = []
}
area viure "Viure" {
  domain energia "Energia" {
    block llum "Llum" {
      element a "A" { cost 100 }
      element b "B" { requires a }
      element c "C" { requires b }
      element d "D" { requires a }
      element e1 "E1" { requires d }
    }
  }
}
provider p "P"
solution p.s "S" {
  covers a, b, c
  eligible when budget_eur / (population - 1000) > 0
}
segment costly = population * 100000000000000000000000000000 > 1
segment small = population < 10
rule fault_first
  when budget_eur * 100000000000000000000000000000 > 1 and population < 10
  suggest a
rule fault_in_segment
  when costly and small
  suggest c
rule fault_in_where
  for e in needs where e.cost * 100000000000000000000000000000 * 100000 > 1
  when small
  suggest e
rule fixed_where
  for e in elements where e.block == llum
  when province == girona
  boost e weight 3
rule exclude_a
  when province == lleida
  exclude a
rule require_c
  when province == tarragona
  require c
rule suggest_e1
  suggest e1 weight 2
)";
  for (int i = 0; i < 345; ++i)
    rules += "rule big" + std::to_string(1000 + i) + "\n  boost d weight 999999999999999999999999999999\n";
  const Rulebase rb = make_rulebase({{"r.pzl", rules}});
  std::size_t rule_faults = 0, solution_faults = 0;
  for (const char* json : {R"({"population": 5, "province": "girona", "needs": ["a", "c"]})",
                           R"({"population": 1000, "budget_eur": 10, "province": "lleida"})",
                           R"({"population": 1000, "budget_eur": 10, "province": "girona"})",
                           R"({"population": 2000, "budget_eur": 10, "province": "tarragona", "in_place": ["b"]})",
                           R"({"population": 7, "budget_eur": 1000000, "needs": ["a"]})"}) {
    const Profile p = make_profile(rb, json);
    EXPECT_EQ(difference(rb, p, "2026-06-01"), "") << json;
    // The case is what it claims: faults and the overflow happen.
    const EvalResult r = evaluate(rb, p, full_on("2026-06-01"));
    EXPECT_TRUE(std::any_of(r.errors.begin(), r.errors.end(),
                            [](const EvalError& e) { return e.kind == EvalError::Kind::ScoreOverflow; }));
    for (const auto& e : r.errors) {
      rule_faults += e.kind == EvalError::Kind::RuleFault;
      solution_faults += e.kind == EvalError::Kind::SolutionFault;
    }
  }
  EXPECT_GT(rule_faults, 0u);
  EXPECT_GT(solution_faults, 0u);
}

// Phase limits computed from the profile: clamped, rounded, failing; with the roadmap they give.
TEST(ReferenceEvaluator, AgreesOnPhaseLimitsComputedFromTheProfile) {
  const Rulebase rb = make_rulebase({{"r.pzl", R"(profile {
  population: int = 1000
  budget_eur: money = 0
  in_place: set<element> = []
}
area viure "Viure" {
  domain energia "Energia" {
    block llum "Llum" {
      element a "A" { cost 100 effort 1 }
      element b "B" { requires a effort 2 }
      element c "C" { cost 5000 }
      element d "D" { effort 0.5 }
    }
  }
}
rule all
  suggest a weight 4
  suggest b weight 3
  suggest c weight 2
  suggest d weight 1
roadmap {
  phase p1 "P1" size ..(population / 1000) effort ..(budget_eur / (population - 1000))
  phase p2 "P2" budget ..(budget_eur - 2000) size 1..(population / 700)
  phase p3 "P3"
}
)"}});
  std::size_t faults = 0, placed = 0;
  for (const char* json : {R"({"population": 1000, "budget_eur": 10})", R"({"population": 1500, "budget_eur": 1000})",
                           R"({"population": 3000, "budget_eur": 7000})", R"({"population": 999, "budget_eur": 0})",
                           R"({"population": 2000, "budget_eur": 3000, "in_place": ["a"]})"}) {
    const Profile p = make_profile(rb, json);
    EXPECT_EQ(difference(rb, p, "2026-06-01"), "") << json;
    const EvalResult r = evaluate(rb, p, full_on("2026-06-01"));
    faults += r.errors.size();
    placed += r.roadmap.placements.size();
  }
  EXPECT_EQ(faults, 1u);  // population 1000: a division by zero
  EXPECT_GT(placed, 10u);
}

}  // namespace
}  // namespace puzle::reference_eval_test
