// What experts run before shipping a rule change: coverage (which rules fire, which never do)
// and diff (which municipalities gain, lose or move which elements), and their exit codes.
#include <array>
#include <cstdio>
#include <sstream>

#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "puzle/batch.hpp"
#include "puzle/diff.hpp"

namespace puzle::analysis_test {
namespace {

using testing_helpers::make_rulebase;

const char* kModel = R"(
profile {
  name: text = ""
  population: int
  province: enum { barcelona, girona, lleida, tarragona }
}
area ajuntament "Ajuntament" {
  domain admin "Administració" {
    block relacio "Relació" {
      element seu "Seu electrònica"
      element notificacions "Notificacions" { requires seu }
      element app "App mòbil" { requires seu }
      element wifi "Wi-Fi"
    }
  }
}
roadmap {
  phase curt "Curt" size 1..1
  phase llarg "Llarg"
}
)";

Rulebase with_rules(const std::string& rules) { return make_rulebase({{"model.pzl", kModel}, {"rules.pzl", rules}}); }

const char* kRules = R"(
segment gran = population > 50000
segment enorme = population > 10000000
rule notificacions_obligatories
  require notificacions
  because "Llei 39/2015"
rule app_gran
  when gran
  suggest app weight 20
  because "{population} habitants"
rule mai
  when enorme
  suggest wifi
  because "mai"
)";

const char* kProfiles = "name,population,province\nGósol,228,lleida\nGirona,104038,girona\nVic,48235,barcelona\n";

BatchSummary summarise(const Rulebase& rb, const std::string& csv) {
  std::istringstream in(csv);
  std::string err;
  auto reader = csv_reader(in, rb, err);
  EXPECT_TRUE(reader) << err;
  BatchOptions o;
  o.lines = false;
  o.date = *Date::parse("2026-01-01");
  return run_batch(rb, *reader, o, {});
}

TEST(Coverage, NamesTheRulesThatNeverFireTheElementsNoOneGetsAndTheEmptySegments) {
  const auto rb = with_rules(kRules);
  const BatchSummary s = summarise(rb, kProfiles);
  const Coverage c = coverage_of(rb, s);
  ASSERT_EQ(c.unfired.size(), 1u);
  EXPECT_EQ(rb.program().rules[c.unfired[0]].id, "mai");
  ASSERT_EQ(c.never_in_puzzle.size(), 1u);
  EXPECT_EQ(rb.program().element_node(c.never_in_puzzle[0]).id, "wifi");
  ASSERT_EQ(c.empty_segments.size(), 1u);
  EXPECT_EQ(rb.program().segments[c.empty_segments[0]].id, "enorme");
  const std::string text = render_coverage_text(rb, s, c);
  EXPECT_NE(text.find("Coverage of 3 rules over 3 profiles (3 evaluated, 0 failed)"), std::string::npos) << text;
  EXPECT_NE(text.find("Rules that never fired (1)\n  mai                         rules.pzl:11\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Elements in no municipality's puzzle (1)\n  ajuntament.admin.relacio.wifi\n"),
            std::string::npos);
  EXPECT_NE(
      text.find("         3  100 %  notificacions_obligatories\n         1  33 %   app_gran\n         0  0 %    mai\n"),
      std::string::npos)
      << text;
  const auto j = nlohmann::json::parse(render_coverage_json(rb, s, c));
  EXPECT_EQ(j["unfired_rules"], nlohmann::json::array({"mai"}));
  EXPECT_EQ(j["rules"][1]["id"], "app_gran");
  EXPECT_EQ(j["rules"][1]["fired"], 1);
  EXPECT_EQ(j["rules"][1]["at"]["line"], 7);
}

TEST(Diff, ListsWhoGainsLosesMovesAndIsRescored) {
  const auto before = with_rules(kRules);
  // The change: the app goes to towns over 40,000, notifications get a weight, Wi-Fi is
  // suggested to small towns, and the segment `enorme` is gone with its rule.
  const auto after = with_rules(R"(
segment gran = population > 40000
rule notificacions_obligatories
  require notificacions
  boost notificacions weight 5
  because "Llei 39/2015"
rule app_gran
  when gran
  suggest app weight 20
  because "{population} habitants"
rule wifi_petit
  when population < 1000
  suggest wifi weight 50
  because "Wi-Fi per a {population} habitants"
)");
  std::istringstream in(kProfiles);
  std::string err;
  auto reader = csv_reader(in, before, err);
  BatchOptions o;
  o.date = *Date::parse("2026-01-01");
  o.jobs = 2;
  o.input_name = "m.csv";
  std::vector<MunicipalityDiff> details;
  std::string lines;
  const DiffSummary d = run_diff(before, after, *reader, o, {}, [&](const MunicipalityDiff& m) {
    details.push_back(m);
    lines += render_diff_municipality_text(m);
  });
  EXPECT_EQ(d.profiles, 3u);
  EXPECT_EQ(d.changed, 3u);
  ASSERT_EQ(details.size(), 3u);
  // Gósol gains Wi-Fi; the law (notificacions, and the seu it needs) keeps the first phase.
  const auto& gosol = details[0];
  EXPECT_EQ(gosol.name, "Gósol");
  ASSERT_EQ(gosol.gained.size(), 1u);
  EXPECT_EQ(gosol.gained[0].element, "ajuntament.admin.relacio.wifi");
  EXPECT_EQ(gosol.gained[0].after, "llarg");
  // Vic (48,235) gains the app with the new threshold.
  const auto& vic = details[2];
  EXPECT_EQ(vic.name, "Vic");
  ASSERT_EQ(vic.gained.size(), 1u);
  EXPECT_EQ(vic.gained[0].element, "ajuntament.admin.relacio.app");
  ASSERT_FALSE(vic.rescored.empty());
  EXPECT_EQ(vic.rescored[0].element, "ajuntament.admin.relacio.notificacions");
  EXPECT_EQ(vic.rescored[0].before, "0");
  EXPECT_EQ(vic.rescored[0].after, "5");
  const std::string text = render_diff_text(d);
  EXPECT_NE(text.find("Rule change over 3 profiles: 3 municipalities change (3 evaluated, 0 failed)"),
            std::string::npos);
  EXPECT_NE(lines.find("  Vic (line 4)\n    + ajuntament.admin.relacio.app (phase llarg)\n"), std::string::npos)
      << lines;
  const auto vic_line = nlohmann::json::parse(render_diff_municipality_json(vic));
  EXPECT_EQ(vic_line["line"], 4);
  EXPECT_EQ(vic_line["gained"][0]["element"], "ajuntament.admin.relacio.app");
  const auto j = nlohmann::json::parse(render_diff_json(d));
  std::map<std::string, nlohmann::json> counts;
  for (const auto& e : j["elements"]) counts[e["element"]] = e;
  EXPECT_EQ(counts["ajuntament.admin.relacio.notificacions"]["rescored"], 3);
  EXPECT_EQ(counts["ajuntament.admin.relacio.wifi"]["gained"], 1);
  EXPECT_EQ(counts["ajuntament.admin.relacio.app"]["gained"], 1);
}

TEST(Diff, TheSameRulesChangeNothing) {
  const auto rb = with_rules(kRules);
  std::istringstream in(kProfiles);
  std::string err;
  auto reader = csv_reader(in, rb, err);
  BatchOptions o;
  o.date = *Date::parse("2026-01-01");
  const DiffSummary d = run_diff(rb, rb, *reader, o, {});
  EXPECT_EQ(d.changed, 0u);
  EXPECT_NE(render_diff_text(d).find("No municipality's puzzle, roadmap or scores change."), std::string::npos);
}

int exit_status(const std::string& args) {
  const std::string cmd = "cd '" PUZLE_SOURCE_DIR "' && '" PUZLE_CLI_PATH "' " + args + " >/dev/null 2>&1";
  return WEXITSTATUS(std::system(cmd.c_str()));
}

TEST(AnalysisCli, ExitCodesMakeThemUsableAsGates) {
  const std::string csv = "examples/municipis_catalunya.csv --date 2026-01-01 --no-progress";
  EXPECT_EQ(exit_status("coverage --rules rules " + csv), 0);
  EXPECT_EQ(exit_status("coverage --fail-on-unfired --rules rules " + csv), 1)
      << "the CSV has no maturity or needs, so rules that read them never fire";
  EXPECT_EQ(exit_status("batch --rules rules no/such/file.csv"), 2);
  EXPECT_EQ(exit_status("diff --before rules --after rules " + csv), 0);
  EXPECT_EQ(exit_status("batch --rules rules --input-format csv - < examples/minimal/gosol.json"), 1)
      << "a JSON file read as CSV has a bad header";
}

}  // namespace
}  // namespace puzle::analysis_test
