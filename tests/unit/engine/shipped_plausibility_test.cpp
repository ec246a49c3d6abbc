// Plausibility of the shipped rulebase's answers over the 947 municipalities of
// examples/municipis_catalunya.csv, as the CSV gives them and with the facts an agent records
// (maturity, staff, budget, what is in place, needs, what was agreed) drawn at random with a
// fixed seed: what an expert of the service would refuse to sign must never appear.
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "puzle/batch.hpp"

namespace puzle::shipped_plausibility_test {
namespace {

using testing_helpers::make_profile;
using testing_helpers::run;
using testing_helpers::shipped_rulebase;

// Each municipality of the CSV, as JSON, and with random facts of a visit.
template <typename Check>
void for_every_municipality(Check check) {
  const ir::Program& p = shipped_rulebase().program();
  std::ifstream csv(PUZLE_SOURCE_DIR "/examples/municipis_catalunya.csv", std::ios::binary);
  std::string err;
  auto reader = csv_reader(csv, shipped_rulebase(), err);
  ASSERT_TRUE(reader) << err;
  std::mt19937 rng(0x5eed14u);
  const auto some = [&](unsigned per_1000) {
    nlohmann::json ids = nlohmann::json::array();
    for (ir::ElementId e = 0; e < p.elements.size(); ++e)
      if (rng() % 1000 < per_1000) ids.push_back(p.element_node(e).id);
    return ids;
  };
  std::size_t n = 0;
  for (BatchRecord rec; reader->next(rec); ++n) {
    const nlohmann::json as_is = nlohmann::json::parse(rec.json);
    nlohmann::json visited = as_is;
    visited["in_place"] = some(150);
    visited["needs"] = some(40);
    visited["objectives"] = some(10);
    nlohmann::json maturity = nlohmann::json::object();
    for (ir::AreaId a = 0; a < p.areas.size(); ++a) maturity[p.nodes[p.areas[a]].id] = rng() % 6;
    visited["maturity"] = maturity;
    visited["it_staff"] = rng() % 6;
    visited["budget_eur"] = rng() % 300 * 1000;
    visited["shared_secretary"] = as_is["population"].get<long long>() < 1000 && rng() % 2;
    for (const nlohmann::json* j : {&as_is, static_cast<const nlohmann::json*>(&visited)}) {
      const Profile profile = make_profile(shipped_rulebase(), j->dump());
      check(*j, run(shipped_rulebase(), profile, "2026-12-07"));
    }
  }
  EXPECT_EQ(n, 947u);
}

TEST(ShippedPlausibility, NoVillageGetsACityScaleElementInAnyPhase) {
  const ir::Program& p = shipped_rulebase().program();
  std::size_t city_scale = 0, villages = 0;
  for (const auto& e : p.elements) city_scale += e.city_scale;
  EXPECT_GE(city_scale, 25u);
  for_every_municipality([&](const nlohmann::json& j, const EvalResult& r) {
    if (j["population"].get<long long>() >= 1000) return;
    ++villages;
    for (const Placement& pl : r.roadmap.placements)
      EXPECT_FALSE(p.elements[pl.element].city_scale)
          << j["name"] << " (" << j["population"] << ") gets " << p.element_node(pl.element).id << ": " << j.dump();
  });
  EXPECT_EQ(villages, 2u * 478u);  // 328 up to 500 and 150 of 501 to 1,000, as is and visited
}

// Every duty that binds every municipality (a `require` with no condition, in force) is required
// or in place for each of them; the conditional ones follow their thresholds.
TEST(ShippedPlausibility, EveryDutyOfEveryMunicipalityIsRequiredOrInPlace) {
  const ir::Program& p = shipped_rulebase().program();
  const Date today = *Date::parse("2026-12-07");
  std::set<ir::ElementId> everywhere;
  for (const auto& rule : p.rules) {
    if (rule.when != ir::kNone || rule.for_set != ir::kNone) continue;
    if (rule.valid_from && today < *rule.valid_from) continue;
    for (const auto& eff : rule.effects)
      if (eff.kind == ir::EffectKind::Require) everywhere.insert(eff.target);
  }
  EXPECT_GE(everywhere.size(), 35u);
  const auto element = [&](const char* id) {
    for (ir::ElementId e = 0; e < p.elements.size(); ++e)
      if (p.element_node(e).id == id) return e;
    return ir::kNone;
  };
  const ir::ElementId zbe = element("zona_baixes_emissions"), plan = element("pla_emergencies_municipal");
  std::size_t cities = 0;
  for_every_municipality([&](const nlohmann::json& j, const EvalResult& r) {
    for (ir::ElementId e : everywhere) {
      const Status s = r.verdicts[e].status;
      EXPECT_TRUE(s == Status::Required || s == Status::InPlace)
          << j["name"] << ": " << p.element_node(e).id << " is " << status_name(s);
    }
    const long long population = j["population"].get<long long>();
    if (population > 50000) {
      ++cities;
      const Status s = r.verdicts[zbe].status;
      EXPECT_TRUE(s == Status::Required || s == Status::InPlace) << j["name"] << ": the ZBE is " << status_name(s);
    }
    if (population > 20000) {
      const Status s = r.verdicts[plan].status;
      EXPECT_TRUE(s == Status::Required || s == Status::InPlace)
          << j["name"] << ": the emergency plan is " << status_name(s);
    }
  });
  EXPECT_EQ(cities, 2u * 23u);
}

// The roadmap's shape follows the town hall's capacity: more ICT people, a larger first phases'
// effort; and over the 947 the limits take many values, not one shape for all.
TEST(ShippedPlausibility, PhaseShapesFollowCapacity) {
  std::set<std::string> effort_limits;
  for_every_municipality([&](const nlohmann::json&, const EvalResult& r) {
    ASSERT_GE(r.roadmap.capacity.size(), 3u);
    ASSERT_TRUE(r.roadmap.capacity[1].effort);
    effort_limits.insert(r.roadmap.capacity[1].effort->to_string());
  });
  EXPECT_GE(effort_limits.size(), 10u);

  Decimal previous;
  std::size_t placed_before = 0;
  for (int staff = 1; staff <= 6; ++staff) {  // 0 is "not recorded": the stand-in for the size is 1
    const Profile profile = make_profile(
        shipped_rulebase(), R"({"population": 12821, "province": "barcelona", "budget_eur": 500000, "it_staff": )" +
                                std::to_string(staff) + "}");
    const EvalResult r = run(shipped_rulebase(), profile, "2026-12-07");
    const Decimal effort = *r.roadmap.capacity[1].effort;
    std::size_t placed = 0;  // in the three bounded phases, within their limits
    for (const Placement& pl : r.roadmap.placements)
      placed += pl.phase < 3 && pl.reason != Placement::Reason::OverCapacity;
    if (staff > 1) {
      EXPECT_LT(previous, effort) << "it_staff " << staff << ": " << previous.to_string() << " then "
                                  << effort.to_string();
      EXPECT_GE(placed, placed_before) << "it_staff " << staff;
    }
    previous = effort;
    placed_before = placed;
  }
}

// `puzle coverage --fail-on-unfired` over the 947 municipalities and the example profiles: every
// rule of the rulebase fires for some municipality (docs/rulebase.md).
TEST(ShippedPlausibility, EveryRuleFiresOverTheMunicipalitiesAndTheExamples) {
  const Rulebase& rb = shipped_rulebase();
  BatchOptions o;
  o.date = *Date::parse("2026-12-07");
  BatchSink sink;
  sink.line = [](const std::string&) {};
  sink.error = [](std::uint64_t line, const std::string& m) { ADD_FAILURE() << line << ": " << m; };
  std::ifstream csv(PUZLE_SOURCE_DIR "/examples/municipis_catalunya.csv", std::ios::binary);
  std::string err;
  auto csv_records = csv_reader(csv, rb, err);
  ASSERT_TRUE(csv_records) << err;
  o.input_name = "municipis_catalunya.csv";
  BatchSummary all = run_batch(rb, *csv_records, o, sink);
  std::string lines;  // the example profiles, one JSON object per line
  for (const auto& f : std::filesystem::directory_iterator(PUZLE_SOURCE_DIR "/examples/profiles"))
    if (f.path().extension() == ".json") {
      std::ifstream in(f.path());
      lines += nlohmann::json::parse(in).dump() + "\n";
    }
  std::istringstream jsonl(lines);
  auto examples = jsonl_reader(jsonl);
  o.input_name = "examples";
  all.merge(run_batch(rb, *examples, o, sink));
  EXPECT_EQ(all.evaluated, 947u + 14u);
  const Coverage c = coverage_of(rb, all);
  std::string unfired;
  for (auto r : c.unfired) unfired += rb.program().rules[r].id + " ";
  EXPECT_EQ(unfired, "");
}

}  // namespace
}  // namespace puzle::shipped_plausibility_test
