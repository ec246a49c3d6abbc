// The rulebase's `warning` declarations: checked, evaluated against a profile, rendered in text,
// JSON and batch lines, and expected by rule tests.
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../dsl/checker_helper.hpp"
#include "../dsl/parse_helper.hpp"
#include "eval_helper.hpp"
#include "puzle/batch.hpp"
#include "puzle/format.hpp"
#include "puzle/testing.hpp"

namespace puzle::warnings_test {
namespace {

using testing_helpers::make_profile;
using testing_helpers::make_rulebase;
using testing_helpers::run;

const char* const kSchema = R"(profile {
  population: int
  budget_eur: money = 0
  divisor: int = 1
  in_place: set<element> = []
  objectives: set<element> = []
}
area a "A" {
  domain d "D" {
    block b "B" {
      element x "X"
      element y "Y"
    }
  }
}
rule r
  when population > 0
  suggest x, y weight 10
)";

const char* const kWarnings = R"(warning objectiu_fet "Un objectiu ja funciona"
  for e in objectives where in_place(e)
  because "{e} ja funciona"

warning sense_pressupost "Sense pressupost"
  when budget_eur == 0 and population > 5000
  because "{population} habitants i cap pressupost"

warning futur "Encara no"
  valid from 2030-01-01
  when population > 0
  because "no es comprova abans del 2030"

warning divisio "Divideix"
  when population / divisor > 1
  because "sempre"
)";

Rulebase rulebase() { return make_rulebase({{"s.pzl", kSchema}, {"w.pzl", kWarnings}}); }

TEST(Warnings, HoldForTheProfileWithTheirFactsAndNeverChangeTheVerdicts) {
  const Rulebase rb = rulebase();
  const Profile profile = make_profile(rb, R"({"population": 9000, "in_place": ["x"], "objectives": ["x", "y"]})");
  const EvalResult r = run(rb, profile);
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.warnings.size(), 3u);  // divisio, objectiu_fet for x, sense_pressupost; not futur
  const ir::Program& p = rb.program();
  EXPECT_EQ(p.warnings[r.warnings[0].warning].id, "divisio");
  EXPECT_EQ(p.warnings[r.warnings[1].warning].id, "objectiu_fet");
  EXPECT_EQ(p.element_node(r.warnings[1].binding).id, "x");
  EXPECT_EQ(r.warnings[1].text, "X ja funciona");
  EXPECT_EQ(p.warnings[r.warnings[2].warning].id, "sense_pressupost");
  EXPECT_EQ(r.warnings[2].binding, ir::kNone);
  EXPECT_EQ(r.warnings[2].text, "9000 habitants i cap pressupost");
  ASSERT_EQ(r.warnings[2].facts.size(), 2u);
  EXPECT_EQ(r.warnings[2].facts[0].name, "budget_eur");
  EXPECT_EQ(r.warnings[2].facts[0].value, "0.00");
  EXPECT_EQ(r.warnings[2].facts[1].name, "population");
  // The same profile without warnings in the rulebase decides the same.
  const Rulebase plain = make_rulebase({{"s.pzl", kSchema}});
  const EvalResult q =
      run(plain, make_profile(plain, R"({"population": 9000, "in_place": ["x"], "objectives": ["x", "y"]})"));
  ASSERT_EQ(q.verdicts.size(), r.verdicts.size());
  for (std::size_t e = 0; e < q.verdicts.size(); ++e) {
    EXPECT_EQ(q.verdicts[e].status, r.verdicts[e].status);
    EXPECT_EQ(q.verdicts[e].score, r.verdicts[e].score);
  }
  // In force from its date.
  const EvalResult later = run(rb, profile, "2030-01-01");
  EXPECT_EQ(later.warnings.size(), 4u);
}

TEST(Warnings, ACheckThatCannotBeComputedIsAnErrorNamingTheWarning) {
  const Rulebase rb = rulebase();
  const EvalResult r = run(rb, make_profile(rb, R"({"population": 10, "divisor": 0})"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, EvalError::Kind::WarningFault);
  EXPECT_EQ(error_text(rb.program(), r.errors[0]), "warning 'divisio': division by zero or overflow in '/'");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Warnings, TextJsonAndBatchLinesShowThem) {
  const Rulebase rb = rulebase();
  const Profile profile = make_profile(rb, R"({"population": 9000, "in_place": ["x"], "objectives": ["x"]})");
  const EvalResult r = run(rb, profile);
  const std::string text = render_puzzle_text({rb, profile, r});
  EXPECT_NE(text.find("warning[objectiu_fet] Un objectiu ja funciona: X ja funciona (e in in_place = yes)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("warning[sense_pressupost] Sense pressupost: 9000 habitants i cap pressupost (budget_eur = "
                      "0.00, population = 9000)\n"),
            std::string::npos)
      << text;
  const auto j = nlohmann::json::parse(render_json({rb, profile, r}, JsonView::Roadmap));
  ASSERT_EQ(j["warnings"].size(), 3u);
  EXPECT_EQ(j["warnings"][1]["code"], "objectiu_fet");
  EXPECT_EQ(j["warnings"][1]["element"], "x");
  EXPECT_EQ(j["warnings"][2]["element"], nullptr);
  EXPECT_EQ(j["warnings"][2]["facts"][0]["name"], "budget_eur");

  std::istringstream in(R"({"population": 9000, "in_place": ["x"], "objectives": ["x"]})"
                        "\n"
                        R"({"population": 10, "budget_eur": 5})"
                        "\n");
  auto reader = jsonl_reader(in);
  BatchOptions o;
  o.input_name = "in.jsonl";
  o.date = *Date::parse("2026-01-01");
  std::string lines;
  BatchSink sink;
  sink.line = [&](const std::string& l) { lines += l; };
  sink.error = [&](std::uint64_t, const std::string& m) { ADD_FAILURE() << m; };
  run_batch(rb, *reader, o, sink);
  std::istringstream ls(lines);
  std::string first, second;
  std::getline(ls, first);
  std::getline(ls, second);
  EXPECT_EQ(nlohmann::json::parse(first)["warnings"],
            nlohmann::json::parse(R"([{"code":"divisio","element":null},{"code":"objectiu_fet","element":"x"},)"
                                  R"({"code":"sense_pressupost","element":null}])"));
  EXPECT_EQ(nlohmann::json::parse(second)["warnings"], nlohmann::json::parse(R"([{"code":"divisio","element":null}])"));
}

TEST(Warnings, TheCheckerRefusesEffectsAndAWarningWithoutWhy) {
  using namespace checker_tests;
  auto rb = check({{"s.pzl", kSchema},
                   {"w.pzl",
                    "warning a \"A\"\n  when population > 1\n  suggest x\n  because \"b\"\n\n"
                    "warning c \"C\"\n  when population > 1\n\n"
                    "warning a \"A again\"\n  because \"d\"\n"}});
  EXPECT_EQ(brief(rb),
            "w.pzl:3:3: E405 warning 'a' cannot have an effect\n"
            "w.pzl:6:9: E404 warning 'c' does not say why\n"
            "w.pzl:9:9: E201 warning 'a' is declared twice\n");
}

TEST(Warnings, FormatKeepsThemAndRuleTestsExpectThem) {
  const std::string src = std::string(kSchema) + "\n" + kWarnings +
                          "\ntest \"t\" {\n  given { population: 9000 }\n  expect warning sense_pressupost\n"
                          "  expect not warning objectiu_fet\n}\n";
  const test_support::Parsed parsed = test_support::parse_text(src, "w.pzl");
  ASSERT_EQ(parsed.text(), "");
  const std::string formatted = format_module(parsed.module, parsed.sources.file(0));
  EXPECT_NE(formatted.find("warning sense_pressupost \"Sense pressupost\"\n  when budget_eur == 0"), std::string::npos)
      << formatted;
  EXPECT_NE(formatted.find("  expect warning sense_pressupost\n  expect not warning objectiu_fet\n"),
            std::string::npos);
  const Rulebase rb = make_rulebase({{"w.pzl", formatted}});
  const auto results = run_tests(rb, EvalOptions{.date = *Date::parse("2026-01-01")});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].passed());
  const Rulebase failing = make_rulebase({{"w.pzl", std::string(kSchema) + kWarnings +
                                                        "\ntest \"t\" {\n  given { population: 10 }\n"
                                                        "  expect warning sense_pressupost\n}\n"}});
  const auto bad = run_tests(failing, EvalOptions{.date = *Date::parse("2026-01-01")});
  ASSERT_FALSE(bad[0].passed());
  EXPECT_EQ(bad[0].expectations[0].actual, "the warnings that hold are: divisio");
}

}  // namespace
}  // namespace puzle::warnings_test
