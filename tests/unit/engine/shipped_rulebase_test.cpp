// The shipped rulebase (rules/) over the example municipalities (examples/profiles/): each
// roadmap is frozen next to its profile (NAME.roadmap.txt), and properties every roadmap must
// have are checked for all of them. To refresh the snapshots after a reviewed rule change:
//   PUZLE_UPDATE_SNAPSHOTS=1 build/tests/puzle_tests --gtest_filter='ShippedRulebase.*'
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval/expr_eval.hpp"
#include "eval_helper.hpp"
#include "test_files.hpp"

namespace puzle::shipped_rulebase_test {
namespace {

using test_files::slurp;

namespace fs = std::filesystem;
using testing_helpers::make_profile;
using testing_helpers::run;
using testing_helpers::shipped_rulebase;

const fs::path kRoot = PUZLE_SOURCE_DIR;

std::vector<fs::path> example_profiles() {
  std::vector<fs::path> out;
  for (const auto& f : fs::directory_iterator(kRoot / "examples" / "profiles"))
    if (f.path().extension() == ".json") out.push_back(f.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ShippedRulebase, HasTheMetamodelSolutionsRulesAndTestsTheProductPromises) {
  const ir::Program& p = shipped_rulebase().program();
  EXPECT_GE(p.elements.size(), 320u);
  EXPECT_EQ(p.areas.size(), 6u);
  EXPECT_GE(p.rules.size(), 150u);
  EXPECT_GE(p.tests.size(), 60u);
  EXPECT_EQ(p.providers.size(), 8u);
  ASSERT_NE(p.key_field, ir::kNone) << "the profile marks the field that identifies a municipality";
  EXPECT_EQ(p.fields[p.key_field].name, "ine_code");
  std::size_t with_because = 0;
  for (const auto& r : p.rules) with_because += r.because.empty() ? 0 : 1;
  EXPECT_EQ(with_because, p.rules.size()) << "every rule explains itself";
}

TEST(ShippedRulebase, ExampleRoadmapsMatchTheirSnapshots) {
  const auto profiles = example_profiles();
  ASSERT_GE(profiles.size(), 12u);
  const bool update = std::getenv("PUZLE_UPDATE_SNAPSHOTS") != nullptr;
  for (const auto& path : profiles) {
    SCOPED_TRACE(path.filename().string());
    const Profile profile = make_profile(shipped_rulebase(), slurp(path));
    const EvalResult result = run(shipped_rulebase(), profile);
    const std::string text = render_roadmap_text({shipped_rulebase(), profile, result});
    fs::path snapshot = path;
    snapshot.replace_extension(".roadmap.txt");
    if (update) {
      std::ofstream(snapshot, std::ios::binary) << text;
      continue;
    }
    ASSERT_TRUE(fs::exists(snapshot)) << "no snapshot " << snapshot
                                      << "; run with PUZLE_UPDATE_SNAPSHOTS=1 and review it";
    EXPECT_EQ(slurp(snapshot), text);
  }
}

TEST(ShippedRulebase, EveryExampleRoadmapKeepsItsPromises) {
  const ir::Program& p = shipped_rulebase().program();
  for (const auto& path : example_profiles()) {
    SCOPED_TRACE(path.filename().string());
    const Profile profile = make_profile(shipped_rulebase(), slurp(path));
    const EvalResult r = run(shipped_rulebase(), profile);
    ASSERT_TRUE(r.errors.empty());
    std::size_t candidates = 0;
    for (const auto& v : r.verdicts)
      candidates += v.status == Status::Required || v.status == Status::Suggested || v.status == Status::Needed;
    ASSERT_FALSE(p.phases.empty());
    std::vector<std::size_t> phase_of(p.elements.size(), SIZE_MAX);
    std::size_t first = 0;
    for (const auto& pl : r.roadmap.placements) {
      phase_of[pl.element] = pl.phase;
      first += pl.phase == 0;
    }
    // The first phase holds the 3 or 4 short-term objectives.
    if (candidates >= 3) {
      EXPECT_GE(first, 3u);
    }
    EXPECT_LE(first, 4u);
    // Every candidate is placed, and never before one of its prerequisites.
    EXPECT_EQ(r.roadmap.placements.size(), candidates);
    EXPECT_TRUE(r.roadmap.unscheduled.empty());
    for (ir::ElementId e = 0; e < p.elements.size(); ++e)
      if (phase_of[e] != SIZE_MAX)
        for (auto pre : p.elements[e].requires_)
          if (phase_of[pre] != SIZE_MAX) {
            EXPECT_LE(phase_of[pre], phase_of[e]);
          }
  }
}

// What an evaluation decides for each element: status, score and placement, in one string.
std::string decisions(const EvalResult& r) {
  std::ostringstream out;
  for (const auto& v : r.verdicts) out << static_cast<int>(v.status) << ':' << v.score.to_string() << ' ';
  out << '|';
  for (const auto& pl : r.roadmap.placements)
    out << pl.element << '@' << pl.phase << '/' << static_cast<int>(pl.reason) << ' ';
  return out.str();
}

// docs/rulebase.md: every maturity level 0..5 of every area is read by some rule or readiness.
// For each area and each step L -> L+1, some municipality's puzzle or roadmap changes.
TEST(ShippedRulebase, EveryMaturityLevelOfEveryAreaChangesSomething) {
  const ir::Program& p = shipped_rulebase().program();
  std::vector<nlohmann::json> bases;
  for (const char* name : {"gosol", "tarrega", "vic", "barcelona"})
    bases.push_back(nlohmann::json::parse(slurp(kRoot / "examples" / "profiles" / (std::string(name) + ".json"))));
  // A town with its duties met and the free AOC services in place (as rules/tests/maduresa.pzl).
  bases.push_back({{"population", 12821},
                   {"province", "barcelona"},
                   {"it_staff", 2},
                   {"budget_eur", 60000},
                   {"in_place",
                    {"seu_electronica", "registre_electronic", "notificacions", "gestor_documental",
                     "expedient_electronic", "arxiu_electronic", "eacat", "signatura_electronica"}}});
  for (ir::AreaId a = 0; a < p.areas.size(); ++a) {
    const std::string area = p.nodes[p.areas[a]].id;
    for (int level = 0; level < 5; ++level) {
      bool changed = false;
      for (auto base : bases) {
        auto at = [&](int l) {
          base["maturity"] = nlohmann::json::object();
          base["maturity"][area] = l;
          return decisions(run(shipped_rulebase(), make_profile(shipped_rulebase(), base.dump())));
        };
        if (at(level) != at(level + 1)) {
          changed = true;
          break;
        }
      }
      EXPECT_TRUE(changed) << area << ": maturity " << level << " and " << level + 1 << " decide the same";
    }
  }
}

// Every duty whose law set a date is overdue while it is outstanding, and says since when.
TEST(ShippedRulebase, OutstandingDutiesWithALegalDateAreOverdue) {
  const ir::Program& p = shipped_rulebase().program();
  const Profile nothing = make_profile(shipped_rulebase(), R"({"population": 27, "province": "barcelona"})");
  const EvalResult r = run(shipped_rulebase(), nothing, "2026-12-07");
  std::size_t overdue = 0;
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    const Verdict& v = r.verdicts[e];
    if (v.status != Status::Required) continue;
    const std::string id = p.nodes[p.elements[e].node].id;
    // Duties whose law set no single date (docs/rulebase.md): the yearly account, the
    // inventory kept up to date, the councillors' declarations on taking office; and the
    // accessibility unit, whose date is uncertain.
    if (id == "rendicio_compte_general" || id == "inventari_bens" || id == "declaracions_interessos" ||
        id == "unitat_accessibilitat") {
      EXPECT_TRUE(v.due.empty()) << id;
      EXPECT_FALSE(v.overdue) << id;
      continue;
    }
    EXPECT_FALSE(v.due.empty()) << id;
    EXPECT_TRUE(v.overdue) << id;
    overdue += v.overdue;
  }
  EXPECT_GE(overdue, 25u);
}

// docs/rulebase.md opens with what `puzle check rules/` says: its counts stay true.
TEST(ShippedRulebase, TheRulebaseDocCountsAreTrue) {
  const ir::Program& p = shipped_rulebase().program();
  const std::string doc = slurp(kRoot / "docs" / "rulebase.md");
  const std::string counts = std::to_string(p.elements.size()) + " elements, " + std::to_string(p.rules.size()) +
                             " rules, " + std::to_string(p.segments.size()) + " segments, " +
                             std::to_string(p.solutions.size()) + " solutions, " + std::to_string(p.tests.size()) +
                             " tests\n";
  EXPECT_NE(doc.find(counts), std::string::npos) << "docs/rulebase.md should say: " << counts;
}

// docs/rulebase.md lists every duty with its source and date.
TEST(ShippedRulebase, EveryDutyIsInTheDocumentedTable) {
  const ir::Program& p = shipped_rulebase().program();
  const std::string doc = slurp(kRoot / "docs" / "rulebase.md");
  const auto table = doc.find("### Legal duties");
  ASSERT_NE(table, std::string::npos);
  const std::string section = doc.substr(table, doc.find("### Urgency tiers") - table);
  std::size_t duties = 0;
  for (const auto& r : p.rules)
    for (const auto& eff : r.effects)
      if (eff.kind == ir::EffectKind::Require && eff.target != ir::kNone) {
        const std::string id = p.nodes[p.elements[eff.target].node].id;
        const std::string due = eff.due.empty() ? "—" : eff.due.to_string();
        ++duties;
        // Some row names the element and gives its date (a duty may have a row per rule).
        bool found = false;
        std::istringstream rows(section);
        for (std::string row; std::getline(rows, row);)
          found = found ||
                  (row.find("`" + id + "`") != std::string::npos && row.find("| " + due + " |") != std::string::npos);
        EXPECT_TRUE(found) << id << " due " << due << " (rule " << r.id << ") is not in the table";
      }
  EXPECT_GE(duties, 40u);
}

// Batch runs keep only what fired; the puzzle, the scores and the roadmap must not change.
TEST(ShippedRulebase, AFiredOnlyTraceGivesTheSameVerdictsAndRoadmap) {
  for (const auto& path : example_profiles()) {
    SCOPED_TRACE(path.filename().string());
    const Profile profile = make_profile(shipped_rulebase(), slurp(path));
    EvalOptions full, fired;
    full.date = fired.date = *Date::parse("2026-01-01");
    fired.trace = EvalOptions::Trace::Fired;
    const EvalResult a = evaluate(shipped_rulebase(), profile, full), b = evaluate(shipped_rulebase(), profile, fired);
    ASSERT_EQ(a.verdicts.size(), b.verdicts.size());
    for (std::size_t e = 0; e < a.verdicts.size(); ++e) {
      EXPECT_EQ(a.verdicts[e].status, b.verdicts[e].status);
      EXPECT_EQ(a.verdicts[e].score, b.verdicts[e].score);
      EXPECT_EQ(a.verdicts[e].solutions, b.verdicts[e].solutions);
    }
    ASSERT_EQ(a.roadmap.placements.size(), b.roadmap.placements.size());
    for (std::size_t i = 0; i < a.roadmap.placements.size(); ++i) {
      EXPECT_EQ(a.roadmap.placements[i].element, b.roadmap.placements[i].element);
      EXPECT_EQ(a.roadmap.placements[i].phase, b.roadmap.placements[i].phase);
    }
    std::vector<std::pair<ir::RuleId, ir::ElementId>> fired_a, fired_b;
    for (const auto& o : a.outcomes)
      if (o.kind == RuleOutcome::Kind::Fired) fired_a.emplace_back(o.rule, o.binding);
    for (const auto& o : b.outcomes) fired_b.emplace_back(o.rule, o.binding);
    EXPECT_EQ(fired_a, fired_b) << "the fired-only trace is exactly the fired outcomes of the full one";
    EXPECT_LT(b.outcomes.size(), a.outcomes.size());
  }
}

// The rulebase's own tests cover every segment (some test's municipality is in it, and some
// test's municipality is not) and every area (some expectation names an element of it).
TEST(ShippedRulebase, ItsTestsCoverEverySegmentAndEveryArea) {
  const ir::Program& p = shipped_rulebase().program();
  std::vector<bool> in(p.segments.size(), false), out(p.segments.size(), false), area(p.areas.size(), false);
  for (const auto& t : p.tests) {
    std::vector<std::int8_t> segments(p.segments.size(), -1);
    const Profile profile{t.given, "", t.name, shipped_rulebase().digest()};
    eval::ExprEval ev(p, profile, segments);
    for (ir::SegmentId g = 0; g < p.segments.size(); ++g) (ev.segment(g) ? in : out)[g] = true;
    for (const auto& x : t.expectations)
      if (x.element != ir::kNone) area[p.elements[x.element].area] = true;
  }
  for (ir::SegmentId g = 0; g < p.segments.size(); ++g) {
    EXPECT_TRUE(in[g]) << "no test municipality is in segment " << p.segments[g].id;
    EXPECT_TRUE(out[g]) << "every test municipality is in segment " << p.segments[g].id;
  }
  for (ir::AreaId a = 0; a < p.areas.size(); ++a)
    EXPECT_TRUE(area[a]) << "no test expects anything of area " << p.nodes[p.areas[a]].id;
}

}  // namespace
}  // namespace puzle::shipped_rulebase_test
