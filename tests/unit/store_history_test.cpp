// The town halls' memory over time: decisions stored with their visit and computed again from
// the rulebase kept by digest; the schema brought forward from every earlier version; and the
// history's attribution of each change to the town hall, the rules or the calendar, on a case
// built so that each element has one known cause.
#include <filesystem>
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "cli_run.hpp"
#include "migrations.hpp"
#include "puzle/archive.hpp"
#include "puzle/decision.hpp"
#include "puzle/history.hpp"

namespace store_history_test {
namespace {

using namespace puzle;
using namespace puzle::store;
namespace fs = std::filesystem;

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("puzle-history-" + std::to_string(getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string db() const { return (dir / "puzle.db").string(); }
};

const char* kMetamodel = R"(area a "A" {
  domain d "D" {
    block b "B" {
      element web "Web"
      element seu "Seu"
      element portal "Portal"
      element app "App"
      element dades "Dades"
      element cal "Calendari"
    }
  }
}
)";

// The older rules: web and dades for towns of 1,000 or more; cal until the end of June 2026.
const char* kOlderRules = R"(profile {
  key code: text = ""
  population: int
  maturity: level[area] 0..5 = 0
  in_place: set<element> = []
  objectives: set<element> = []
}
rule web_town when population >= 1000 suggest web weight 10
rule dades_town when population >= 1000 suggest dades weight 10
rule cal_until valid until 2026-06-30 suggest cal weight 10
)";

// The newer rules: a new fact (staff), portal for all, app for towns, dades for all.
const char* kNewerRules = R"(profile {
  key code: text = ""
  population: int
  staff: int = 0
  maturity: level[area] 0..5 = 0
  in_place: set<element> = []
  objectives: set<element> = []
}
rule web_town when population >= 1000 suggest web weight 10
rule dades_all suggest dades weight 10
rule cal_until valid until 2026-06-30 suggest cal weight 10
rule portal_all suggest portal weight 10
rule app_town when population >= 1000 suggest app weight 10
)";

Rulebase rules(const std::string& name, const char* profile_and_rules) {
  auto load = Rulebase::from_text({{name + "/metamodel.pzl", kMetamodel}, {name + "/rules.pzl", profile_and_rules}});
  EXPECT_TRUE(load.rulebase) << name;
  return *load.rulebase;
}

Visit visit(const std::string& date, const std::string& profile, const Rulebase& rb) {
  Visit v;
  v.municipality = "17001";
  v.date = date;
  v.agent = "anna";
  v.profile = profile;
  v.profile_digest = load_profile(rb, "p", profile).profile->digest;
  v.rulebase_digest = rb.digest();
  return v;
}

// Records a visit with its decision, as `puzle visit add` does.
std::int64_t record(Store& s, const RulebaseArchive& archive, const Rulebase& rb, Visit v) {
  archive.keep(rb);
  return s.add_visit(v, [&](std::int64_t id) {
    v.id = id;
    return decide(rb, v);
  });
}

const History::Change* change_of(const History::Step& st, const std::string& id) {
  for (const auto& c : st.changes)
    if (c.element == "a.d.b." + id) return &c;
  return nullptr;
}

using Causes = std::vector<std::vector<Factor>>;
constexpr Factor kTown = Factor::TownHall, kRules = Factor::Rules, kCal = Factor::Calendar;

TEST(History, PutsEachChangeDownToTheTownHallTheRulesOrTheCalendar) {
  const Scratch sc;
  Store s = Store::open(sc.db(), true);
  s.add_municipalities({{"17001", "Agullana", "Alt Empordà", "girona", 900}});
  const RulebaseArchive archive = RulebaseArchive::beside(sc.db());
  const Rulebase older = rules("older", kOlderRules), newer = rules("newer", kNewerRules);
  // Between the visits the town grew past 1,000, put seu in place (its objective), its maturity
  // rose; the rules changed; and the end of June 2026 passed.
  record(s, archive, older,
         visit("2026-03-01", R"({"code": "17001", "population": 900, "objectives": ["seu"], "maturity": {"a": 1}})",
               older));
  record(
      s, archive, newer,
      visit("2026-09-01",
            R"({"code": "17001", "population": 1200, "in_place": ["seu"], "staff": 2, "maturity": {"a": 2}})", newer));
  const History h = town_history(s, archive, "17001");
  ASSERT_EQ(h.visits.size(), 2u);
  EXPECT_EQ(h.visits[0].problem, "");
  EXPECT_EQ(h.visits[0].maturity, (std::vector<std::pair<std::string, std::string>>{{"a", "1"}}));
  EXPECT_EQ(h.visits[1].maturity, (std::vector<std::pair<std::string, std::string>>{{"a", "2"}}));
  ASSERT_EQ(h.steps.size(), 1u);
  const History::Step& st = h.steps[0];
  EXPECT_EQ(st.changed, (std::vector<Factor>{kTown, kRules, kCal}));
  EXPECT_EQ(st.into_place, std::vector<std::string>{"a.d.b.seu"});
  EXPECT_EQ(st.objectives_met, std::vector<std::string>{"a.d.b.seu"});
  EXPECT_TRUE(st.objectives_dropped.empty());
  // Each fact one schema has and the other lacks is said, both ways.
  EXPECT_EQ(st.problems,
            (std::vector<std::string>{
                "visit 2: `staff` is a fact the older rules do not have: not read with them",
                "visit 1 does not record `staff`, which the newer rules read: taken as its default with them",
            }));
  struct Expected {
    const char* element;
    const char* before;
    const char* after;
    Causes causes;
  };
  const std::vector<Expected> expected{
      {"web", "not_applicable", "suggested", {{kTown}}},              // the town grew: the same rule fires
      {"seu", "not_applicable", "in_place", {{kTown}}},               // the town hall put it in place
      {"cal", "suggested", "not_applicable", {{kCal}}},               // its rule's time ran out
      {"portal", "not_applicable", "suggested", {{kRules}}},          // a new rule for every town
      {"app", "not_applicable", "suggested", {{kTown, kRules}}},      // a new rule, for towns it just became
      {"dades", "not_applicable", "suggested", {{kTown}, {kRules}}},  // either would have done
  };
  EXPECT_EQ(st.changes.size(), expected.size());
  for (const auto& e : expected) {
    const History::Change* c = change_of(st, e.element);
    ASSERT_NE(c, nullptr) << e.element;
    EXPECT_EQ(c->before.status, e.before) << e.element;
    EXPECT_EQ(c->after.status, e.after) << e.element;
    EXPECT_EQ(c->causes, e.causes) << e.element;
    EXPECT_FALSE(c->undetermined) << e.element;
  }
  const std::string text = render_history_text(h);
  EXPECT_NE(text.find("dades   not applicable → suggested (unscheduled)  town hall | rules"), std::string::npos)
      << text;
  EXPECT_NE(text.find("app     not applicable → suggested (unscheduled)  town hall + rules"), std::string::npos)
      << text;
  const auto j = nlohmann::json::parse(render_history_json(h));
  EXPECT_EQ(j["steps"][0]["changes"].size(), expected.size());
  EXPECT_EQ(j["visits"][1]["maturity"]["a"], 2);
}

TEST(History, SaysWhatCannotBeToldWhenAProfileDoesNotFitTheOtherRules) {
  const Scratch sc;
  Store s = Store::open(sc.db(), true);
  s.add_municipalities({{"17001", "Agullana", "Alt Empordà", "girona", 900}});
  const RulebaseArchive archive = RulebaseArchive::beside(sc.db());
  // The newest rules need a fact the earlier visit did not record, and have no default for it.
  std::string strict = kNewerRules;
  strict.replace(strict.find("staff: int = 0"), 14, "budget: int");
  strict.erase(strict.find("rule portal_all"), std::string("rule portal_all suggest portal weight 10\n").size());
  const Rulebase newer = rules("newer", kNewerRules), newest = rules("newest", strict.c_str());
  record(s, archive, newer, visit("2026-09-01", R"({"code": "17001", "population": 1200})", newer));
  record(s, archive, newest, visit("2026-09-01", R"({"code": "17001", "population": 1200, "budget": 5000})", newest));
  const History h = town_history(s, archive, "17001");
  ASSERT_EQ(h.steps.size(), 1u);
  const History::Step& st = h.steps[0];
  EXPECT_EQ(st.changed, (std::vector<Factor>{kTown, kRules}));
  ASSERT_EQ(st.problems.size(), 3u);
  EXPECT_EQ(st.problems[2],
            "visit 1 cannot be read with the newer rules: E601 missing field \"budget\": it expects a whole number and "
            "has no default")
      << st.problems[0] << "\n"
      << st.problems[1];
  const History::Change* portal = change_of(st, "portal");
  ASSERT_NE(portal, nullptr);
  EXPECT_EQ(portal->after.status, "not_applicable");
  // The rules alone would tell, but the old profile cannot be read with them: said, not guessed.
  EXPECT_TRUE(portal->undetermined);
  EXPECT_EQ(portal->causes, (Causes{{kTown, kRules}}));
}

TEST(History, AVisitWhoseRulebaseIsNotKeptIsSaidAndSkipped) {
  const Scratch sc;
  Store s = Store::open(sc.db(), true);
  s.add_municipalities({{"17001", "Agullana", "Alt Empordà", "girona", 900}});
  const RulebaseArchive archive = RulebaseArchive::beside(sc.db());
  const Rulebase older = rules("older", kOlderRules);
  s.add_visit(visit("2026-03-01", R"({"code": "17001", "population": 900})", older));  // not kept
  record(s, archive, older, visit("2026-04-01", R"({"code": "17001", "population": 950})", older));
  fs::remove_all(archive.folder_of(older.digest()));
  const History h = town_history(s, archive, "17001");
  ASSERT_EQ(h.visits.size(), 2u);
  EXPECT_NE(h.visits[0].problem.find("is not kept"), std::string::npos) << h.visits[0].problem;
  EXPECT_TRUE(h.steps.empty());
  EXPECT_THROW(town_history(s, archive, "99999"), StoreError);
}

TEST(Decision, IsStoredWithItsVisitAndComputedAgainToTheSameBytes) {
  const Scratch sc;
  Store s = Store::open(sc.db(), true);
  s.add_municipalities({{"17001", "Agullana", "Alt Empordà", "girona", 900}});
  const RulebaseArchive archive = RulebaseArchive::beside(sc.db());
  const Rulebase older = rules("older", kOlderRules);
  const Visit v = visit("2026-03-01", R"({"code": "17001", "population": 900})", older);
  const std::int64_t id = record(s, archive, older, v);
  const auto stored = s.decisions_of(id);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].visit, id);
  EXPECT_EQ(stored[0].rulebase_digest, older.digest());
  EXPECT_EQ(stored[0].date, "2026-03-01");
  EXPECT_EQ(stored[0].profile_digest, v.profile_digest);
  EXPECT_NE(stored[0].result.find("\"source\": \"visit " + std::to_string(id) + "\""), std::string::npos);
  EXPECT_EQ(s.rulebases(), std::vector<std::string>{older.digest()});
  // The kept folder is a rulebase any puzle command reads, with the same digest.
  EXPECT_TRUE(fs::exists(fs::path(archive.folder_of(older.digest())) / "rules.pzl"));
  const Recomputed again = recompute(archive, *s.visit(id), stored[0]);
  EXPECT_TRUE(again.same);
  EXPECT_EQ(again.again.result_digest, stored[0].result_digest);
  // A kept rulebase edited by hand no longer has its digest: refused, not used.
  { std::ofstream(fs::path(archive.folder_of(older.digest())) / "rules.pzl", std::ios::app) << "\n// edited\n"; }
  try {
    recompute(archive, *s.visit(id), stored[0]);
    ADD_FAILURE() << "an edited rulebase was used";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Corrupt);
    EXPECT_NE(std::string(e.what()).find("has changed"), std::string::npos) << e.what();
  }
  EXPECT_THROW(archive.folder_of("../../etc"), StoreError) << "a digest names a folder: it must be one";
}

TEST(Decision, AFailedDecisionLeavesNoVisit) {
  const Scratch sc;
  Store s = Store::open(sc.db(), true);
  s.add_municipalities({{"17001", "Agullana", "Alt Empordà", "girona", 900}});
  const Rulebase older = rules("older", kOlderRules);
  Visit v = visit("2026-03-01", R"({"code": "17001", "population": 900})", older);
  EXPECT_THROW(s.add_visit(v, [](std::int64_t) -> Decision { throw StoreError(StoreError::Kind::Io, "disk"); }),
               StoreError);
  EXPECT_TRUE(s.visits_of("17001").empty());
}

// A file as each earlier version of puzle left it, with a visit in it, is brought forward and
// keeps what it held.
TEST(StoreMigrations, BringEveryEarlierSchemaForward) {
  ASSERT_EQ(latest_schema(), Store::kSchemaVersion);
  for (int version = 1; version < Store::kSchemaVersion; ++version) {
    const Scratch sc;
    {
      SQLite::Database db(sc.db(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      migrate(db, 0, 0x70757a6c, version);
      ASSERT_EQ(db.execAndGet("PRAGMA user_version").getInt(), version);
      db.exec("INSERT INTO municipality VALUES ('17001', 'Agullana', 'Alt Empordà', 'girona', 900)");
      db.exec(
          "INSERT INTO visit (municipality, date, agent, notes, profile, profile_digest, rulebase_digest) VALUES "
          "('17001', '2026-03-01', 'anna', '', '{\"population\": 900}', 'p', 'r')");
    }
    Store s = Store::open(sc.db(), false);
    EXPECT_EQ(s.schema_version(), Store::kSchemaVersion) << "from " << version;
    ASSERT_EQ(s.visits_of("17001").size(), 1u) << "from " << version;
    EXPECT_EQ(s.visits_of("17001")[0].agent, "anna");
    // What the later schema adds works on the file brought forward.
    const RulebaseArchive archive = RulebaseArchive::beside(sc.db());
    const Rulebase older = rules("older", kOlderRules);
    record(s, archive, older, visit("2026-04-01", R"({"code": "17001", "population": 900})", older));
    EXPECT_EQ(s.rulebases().size(), 1u) << "from " << version;
  }
}

// The command line, end to end: a visit recorded with its decision, verified, and a history.
TEST(StoreCli, VisitAddKeepsTheDecisionThatVisitVerifyReproduces) {
  using testing_cli::shell;
  const Scratch sc;
  const std::string db = "--db '" + sc.db() + "'";
  ASSERT_EQ(shell(PUZLE_CLI_PATH " db init " + db).status, 0);
  const auto add =
      shell(PUZLE_CLI_PATH " visit add 25100 examples/profiles/gosol.json --date 2026-03-01 --format json " + db);
  ASSERT_EQ(add.status, 0) << add.err;
  const auto added = nlohmann::json::parse(add.out);
  EXPECT_EQ(added["decision"]["date"], "2026-03-01");
  const auto verify = shell(PUZLE_CLI_PATH " visit verify " + std::to_string(added["id"].get<int>()) + " " + db);
  EXPECT_EQ(verify.status, 0) << verify.err;
  EXPECT_NE(verify.out.find("the same bytes"), std::string::npos) << verify.out;
  // The stored result is the roadmap as `puzle roadmap` renders the stored profile with the kept
  // rulebase on the visit's date: the same bytes but for the name the profile is read under.
  const std::string folder = RulebaseArchive::beside(sc.db()).folder_of(added["decision"]["rulebase_digest"]);
  const std::string id = std::to_string(added["id"].get<int>());
  const auto stored = shell(PUZLE_CLI_PATH " visit show " + id + " --result " + db);
  const auto by_hand =
      shell(PUZLE_CLI_PATH " visit show " + id + " --profile " + db + " | " PUZLE_CLI_PATH " roadmap --rules '" +
            folder + "' --date 2026-03-01 --format json -");
  ASSERT_EQ(by_hand.status, 0) << by_hand.err;
  auto renamed = by_hand.out;
  renamed.replace(renamed.find("\"source\": \"-\""), 13, "\"source\": \"visit " + id + "\"");
  EXPECT_EQ(renamed, stored.out);
  const auto history = shell(PUZLE_CLI_PATH " town history 25100 --format json " + db);
  ASSERT_EQ(history.status, 0) << history.err;
  const auto h = nlohmann::json::parse(history.out);
  EXPECT_EQ(h["visits"].size(), 1u);
  EXPECT_EQ(h["visits"][0]["in_place"].size(), 4u);
  // A second visit, half a year on, with one more element in place: one step between the two.
  ASSERT_EQ(shell("sed 's/\"eacat\",/\"eacat\", \"notificacions\",/' examples/profiles/gosol.json > '" +
                  (sc.dir / "gosol2.json").string() + "' && " PUZLE_CLI_PATH " visit add 25100 '" +
                  (sc.dir / "gosol2.json").string() + "' --date 2026-09-01 " + db)
                .status,
            0);
  const auto between = shell(PUZLE_CLI_PATH " town history 25100 --between 2 1 --format json " + db);
  ASSERT_EQ(between.status, 0) << between.err;
  const auto step = nlohmann::json::parse(between.out)["steps"];
  ASSERT_EQ(step.size(), 1u);
  EXPECT_EQ(step[0]["from"], 2);
  EXPECT_EQ(step[0]["out_of_place"], nlohmann::json::array({"ajuntament.admin_electronica.relacio.notificacions"}))
      << step.dump();
  EXPECT_EQ(shell(PUZLE_CLI_PATH " town history 25100 --between 1 99 " + db).status, 1);
  const auto missing = shell(PUZLE_CLI_PATH " visit verify 99 " + db);
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("no visit #99"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace store_history_test
