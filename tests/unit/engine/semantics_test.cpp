// The meaning of evaluation (docs/semantics.md): scores, vetoes, statuses, closure over
// prerequisites, `for` bindings, validity dates, segments, solutions, errors and determinism.
#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "puzle/render.hpp"

namespace puzle::semantics_test {
namespace {

using namespace testing_helpers;

// A profile schema and a small metamodel: a <- b <- c <- d (each requires the one before) in
// ajuntament, and v1, v2, v3 (v3 requires v1) in viure.
const char* const kSemanticsSchema = R"(profile {
  name: text = ""
  population: int = 1000
  province: enum { barcelona, girona, lleida, tarragona } = barcelona
  maturity: level[area] 0..5 = 0
  budget_eur: money = 0
  in_place: set<element> = []
  needs: set<element> = []
}
)";

const char* const kSemanticsMetamodel = R"(area ajuntament "Ajuntament" {
  domain admin "Administració" {
    block relacio "Relació" {
      element a "A" { effort 1 cost 100 }
      element b "B" { effort 1 requires a }
      element c "C" { requires b }
      element d "D" { requires c }
    }
  }
}

area viure "Viure" {
  domain energia "Energia" {
    block llum "Llum" {
      element v1 "V1"
      element v2 "V2"
      element v3 "V3" { requires v1 }
    }
  }
}
)";

Rulebase with_rules(const std::string& rules) {
  return make_rulebase(
      {{"schema.pzl", kSemanticsSchema}, {"metamodel.pzl", kSemanticsMetamodel}, {"rules.pzl", rules}});
}

struct Eval {
  Rulebase rb;
  Profile profile;
  EvalResult result;
  const Verdict& v(const std::string& e) const { return result.verdicts.at(el(rb, e)); }
  Status status(const std::string& e) const { return v(e).status; }
  std::string score(const std::string& e) const { return v(e).score.to_string(); }
  std::vector<std::string> error_texts() const {
    std::vector<std::string> out;
    for (const auto& e : result.errors) out.push_back(error_text(rb.program(), e));
    return out;
  }
  // The outcomes of one rule, in binding order (the full trace).
  std::vector<RuleOutcome> outcomes(const std::string& rule) const {
    std::vector<RuleOutcome> out;
    for_each_outcome(rb, result, [&](const RuleOutcome& o) {
      if (o.rule == rule_id(rb, rule)) out.push_back(o);
    });
    return out;
  }
  std::vector<ir::EffectKind> kinds(const std::string& e) const {
    std::vector<ir::EffectKind> out;
    for (auto c : result.contributions_of(el(rb, e))) out.push_back(result.contributions.at(c).kind);
    return out;
  }
};

Eval eval(const std::string& rules, const std::string& profile = "{}", const std::string& date = "2026-01-01") {
  Rulebase rb = with_rules(rules);
  Profile p = make_profile(rb, profile);
  EvalResult r = run(rb, p, date);
  return Eval{rb, p, std::move(r)};
}

Decimal dec(const char* s) { return *Decimal::parse(s); }

// ---- scores -----------------------------------------------------------------------------------

TEST(Semantics, WeightsOfSuggestBoostAndPenalizeAddUpExactly) {
  const auto e = eval(R"(
rule s1
  suggest v1 weight 0.1
rule s2
  boost v1 weight 0.2
rule p1
  penalize v1 weight 0.05
rule defaults
  suggest v2
  boost v2
  penalize v2
rule more
  boost v2 weight 2.5
)");
  EXPECT_EQ(e.v("v1").score, dec("0.25"));
  EXPECT_EQ(e.score("v1"), "0.25");
  EXPECT_EQ(e.status("v1"), Status::Suggested);
  // Default weights are 10; penalize subtracts its weight.
  EXPECT_EQ(e.score("v2"), "12.5");
  EXPECT_EQ(e.status("v2"), Status::Suggested);
  const std::vector<ir::EffectKind> v1_kinds{ir::EffectKind::Penalize, ir::EffectKind::Suggest, ir::EffectKind::Boost};
  EXPECT_EQ(e.kinds("v1"), v1_kinds);  // contributions in rule order: p1, s1, s2
  std::vector<std::string> weights;
  for (auto c : e.result.contributions_of(el(e.rb, "v1"))) {
    const Contribution& con = e.result.contributions[c];
    const ir::Rule& rule = e.rb.program().rules[e.result.outcomes[con.outcome].rule];
    weights.push_back(rule.effects[con.effect].weight.to_string());
  }
  EXPECT_EQ(weights, (std::vector<std::string>{"-0.05", "0.1", "0.2"}));
  EXPECT_TRUE(e.result.errors.empty());
}

TEST(Semantics, PointOneAndPointTwoMakePointThree) {
  const auto e = eval("rule x\n  suggest v1 weight 0.1\nrule y\n  boost v1 weight 0.2\n");
  EXPECT_EQ(e.v("v1").score, dec("0.3"));
  EXPECT_EQ(e.score("v1"), "0.3");
}

TEST(Semantics, ASuggestionNeedsAPositiveScore) {
  const auto e = eval(R"(
rule zero
  suggest v1 weight 5
  penalize v1 weight 5
rule negative
  suggest v2 weight -1
rule only_boost
  boost a weight 0.000001
rule only_penalty
  penalize v3 weight 3
)");
  EXPECT_EQ(e.status("v1"), Status::NotApplicable);
  EXPECT_EQ(e.score("v1"), "0");
  EXPECT_TRUE(e.v("v1").proposed);
  EXPECT_EQ(e.status("v2"), Status::NotApplicable);
  EXPECT_EQ(e.score("v2"), "-1");
  EXPECT_EQ(e.status("a"), Status::Suggested);  // a boost alone proposes the element
  EXPECT_EQ(e.score("a"), "0.000001");
  EXPECT_EQ(e.status("v3"), Status::NotApplicable);  // a penalty alone does not
  EXPECT_FALSE(e.v("v3").proposed);
  EXPECT_EQ(e.score("v3"), "-3");
}

// ---- statuses -----------------------------------------------------------------------------------

TEST(Semantics, ExcludeVetoesASuggestion) {
  const auto e = eval("rule s\n  suggest v2 weight 50\nrule x\n  exclude v2\n");
  EXPECT_EQ(e.status("v2"), Status::Excluded);
  EXPECT_EQ(e.score("v2"), "50");  // the score is kept, for the explanation
  EXPECT_TRUE(e.v("v2").excluded);
  EXPECT_EQ(e.kinds("v2"), (std::vector<ir::EffectKind>{ir::EffectKind::Suggest, ir::EffectKind::Exclude}));
}

TEST(Semantics, RequireWinsOverExcludeAndBothStayRecorded) {
  const auto e = eval("rule law\n  require v2\nrule veto\n  exclude v2\n");
  EXPECT_EQ(e.status("v2"), Status::Required);
  EXPECT_TRUE(e.v("v2").required);
  EXPECT_TRUE(e.v("v2").excluded);
  EXPECT_EQ(e.kinds("v2"), (std::vector<ir::EffectKind>{ir::EffectKind::Require, ir::EffectKind::Exclude}));
  // The explanation shows both rules.
  const auto j = nlohmann::json::parse(render_json({e.rb, e.profile, e.result}, JsonView::Explain, el(e.rb, "v2")));
  ASSERT_EQ(j["explain"]["acts"].size(), 2u);
  EXPECT_EQ(j["explain"]["acts"][0]["rule"], "law");
  EXPECT_EQ(j["explain"]["acts"][0]["effect"], "require");
  EXPECT_EQ(j["explain"]["acts"][1]["rule"], "veto");
  EXPECT_EQ(j["explain"]["acts"][1]["effect"], "exclude");
  EXPECT_EQ(j["explain"]["status"], "required");
}

TEST(Semantics, InPlaceWinsWhateverTheRulesSay) {
  const auto e = eval("rule law\n  require v2, v1\nrule veto\n  exclude v1\nrule s\n  suggest v3 weight 4\n",
                      R"({"in_place": ["v2", "v1", "v3"]})");
  EXPECT_EQ(e.status("v1"), Status::InPlace);
  EXPECT_EQ(e.status("v2"), Status::InPlace);
  EXPECT_EQ(e.status("v3"), Status::InPlace);
  EXPECT_EQ(e.score("v3"), "4");
  EXPECT_EQ(e.result.contributions_of(el(e.rb, "v1")).size(), 2u);  // the rules still acted, and are recorded
}

TEST(Semantics, NoRuleMeansNotApplicable) {
  const auto e = eval("rule s\n  suggest v2\n");
  for (const char* x : {"a", "b", "c", "d", "v1", "v3"}) {
    EXPECT_EQ(e.status(x), Status::NotApplicable) << x;
    EXPECT_TRUE(e.result.contributions_of(el(e.rb, x)).empty()) << x;
  }
}

// ---- closure over prerequisites -----------------------------------------------------------------

TEST(Semantics, ASuggestionPullsItsPrerequisitesTransitively) {
  const auto e = eval("rule s\n  suggest d weight 7\n");
  EXPECT_EQ(e.status("d"), Status::Suggested);
  EXPECT_EQ(e.status("c"), Status::Needed);
  EXPECT_EQ(e.status("b"), Status::Needed);
  EXPECT_EQ(e.status("a"), Status::Needed);
  EXPECT_EQ(ids(e.rb, e.v("c").needed_by), (std::vector<std::string>{"d"}));
  EXPECT_EQ(ids(e.rb, e.v("b").needed_by), (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids(e.rb, e.v("a").needed_by), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(e.v("d").needed_by.empty());
  EXPECT_EQ(e.score("a"), "0");  // needed elements have no score of their own
}

TEST(Semantics, PrerequisitesInPlaceAreNotPulledNorWhatTheyNeed) {
  const auto e = eval("rule s\n  suggest d\n", R"({"in_place": ["b"]})");
  EXPECT_EQ(e.status("d"), Status::Suggested);
  EXPECT_EQ(e.status("c"), Status::Needed);
  EXPECT_EQ(e.status("b"), Status::InPlace);
  EXPECT_TRUE(e.v("b").needed_by.empty());
  EXPECT_EQ(e.status("a"), Status::NotApplicable);
}

TEST(Semantics, NeededBySortedAndASuggestedPrerequisiteKeepsItsStatus) {
  const auto e = eval("rule s\n  suggest d, b, v3\n");
  EXPECT_EQ(e.status("b"), Status::Suggested);
  EXPECT_EQ(ids(e.rb, e.v("b").needed_by), (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids(e.rb, e.v("a").needed_by), (std::vector<std::string>{"b"}));
  EXPECT_EQ(e.status("v1"), Status::Needed);
  EXPECT_EQ(ids(e.rb, e.v("v1").needed_by), (std::vector<std::string>{"v3"}));
}

TEST(Semantics, ASuggestionLackingAnExcludedPrerequisiteIsBlocked) {
  const auto e = eval("rule s\n  suggest d, b weight 5\nrule x\n  exclude a\n");
  EXPECT_EQ(e.status("b"), Status::Blocked);
  EXPECT_EQ(ids(e.rb, e.v("b").blocked_by), (std::vector<std::string>{"a"}));
  EXPECT_EQ(e.status("d"), Status::Blocked);
  EXPECT_EQ(ids(e.rb, e.v("d").blocked_by), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(e.score("d"), "5");
  // Nothing is pulled by a blocked element.
  EXPECT_EQ(e.status("c"), Status::NotApplicable);
  EXPECT_TRUE(e.v("c").needed_by.empty());
  EXPECT_EQ(e.status("a"), Status::Excluded);
  EXPECT_TRUE(e.v("a").needed_by.empty());
}

TEST(Semantics, TheBlockingChainEndsAtTheNearestExcludedPrerequisite) {
  const auto e = eval("rule s\n  suggest d\nrule x\n  exclude a, b\n");
  EXPECT_EQ(e.status("d"), Status::Blocked);
  EXPECT_EQ(ids(e.rb, e.v("d").blocked_by), (std::vector<std::string>{"c", "b"}));
}

TEST(Semantics, ARequiredElementIsNeverBlockedAndPullsAnExcludedPrerequisite) {
  const auto e = eval("rule law\n  require d\nrule veto\n  exclude a\n");
  EXPECT_EQ(e.status("d"), Status::Required);
  EXPECT_TRUE(e.v("d").blocked_by.empty());
  EXPECT_EQ(e.status("c"), Status::Needed);
  EXPECT_EQ(e.status("b"), Status::Needed);
  EXPECT_EQ(e.status("a"), Status::Needed);  // the law wins over the veto
  EXPECT_TRUE(e.v("a").excluded);
  EXPECT_EQ(ids(e.rb, e.v("a").needed_by), (std::vector<std::string>{"b"}));
  EXPECT_EQ(e.kinds("a"), (std::vector<ir::EffectKind>{ir::EffectKind::Exclude}));
}

TEST(Semantics, APrerequisitePulledByTheLawDoesNotBlockOthers) {
  // b is required, so a (excluded) will be done anyway: d, which needs b, is not blocked.
  const auto e = eval("rule law\n  require b\nrule veto\n  exclude a\nrule s\n  suggest d\n");
  EXPECT_EQ(e.status("b"), Status::Required);
  EXPECT_EQ(e.status("a"), Status::Needed);
  EXPECT_EQ(e.status("d"), Status::Suggested);
  EXPECT_TRUE(e.v("d").blocked_by.empty());
  EXPECT_EQ(e.status("c"), Status::Needed);
  EXPECT_EQ(ids(e.rb, e.v("b").needed_by), (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids(e.rb, e.v("a").needed_by), (std::vector<std::string>{"b"}));
}

TEST(Semantics, ASuggestionBelowARequiredElementKeepsItsStatus) {
  // c is required: b and a (excluded) are pulled by the law, so b's suggestion is not blocked.
  const auto e = eval("rule law\n  require c\nrule s\n  suggest b\nrule veto\n  exclude a\n");
  EXPECT_EQ(e.status("c"), Status::Required);
  EXPECT_EQ(e.status("b"), Status::Suggested);
  EXPECT_TRUE(e.v("b").blocked_by.empty());
  EXPECT_EQ(e.score("b"), "10");
  EXPECT_EQ(ids(e.rb, e.v("b").needed_by), (std::vector<std::string>{"c"}));
  EXPECT_EQ(e.status("a"), Status::Needed);
  EXPECT_EQ(ids(e.rb, e.v("a").needed_by), (std::vector<std::string>{"b"}));
}

// ---- for bindings ---------------------------------------------------------------------------------

TEST(Semantics, ForOverNeedsBindsEachElementAndRecordsOneOutcomePerBinding) {
  const auto e = eval(R"(
rule necessitats
  for e in needs where not in_place(e)
  boost e weight 15
  because "Necessitat: {e}"
)",
                      R"({"needs": ["v2", "a", "v1"], "in_place": ["v1"]})");
  const auto os = e.outcomes("necessitats");
  ASSERT_EQ(os.size(), 3u);
  EXPECT_EQ(os[0].binding, el(e.rb, "a"));
  EXPECT_EQ(os[0].kind, RuleOutcome::Kind::Fired);
  EXPECT_EQ(os[1].binding, el(e.rb, "v1"));
  EXPECT_EQ(os[1].kind, RuleOutcome::Kind::NotFired);
  EXPECT_EQ(text_of(e.rb, os[1].decided_by), "not in_place(e)");
  EXPECT_EQ(os[2].binding, el(e.rb, "v2"));
  EXPECT_EQ(os[2].kind, RuleOutcome::Kind::Fired);
  EXPECT_EQ(e.status("a"), Status::Suggested);
  EXPECT_EQ(e.score("a"), "15");
  EXPECT_EQ(e.status("v2"), Status::Suggested);
  EXPECT_EQ(e.status("v1"), Status::InPlace);
  EXPECT_EQ(e.score("v1"), "0");
  const auto j = nlohmann::json::parse(render_json({e.rb, e.profile, e.result}, JsonView::Explain, el(e.rb, "v2")));
  EXPECT_EQ(j["explain"]["acts"][0]["binding"], "v2");
  EXPECT_EQ(j["explain"]["acts"][0]["because"], "Necessitat: V2");
}

TEST(Semantics, ForOverAllElementsFilteredByArea) {
  const auto e = eval("rule viure\n  for e in elements where e.area == viure\n  suggest e weight 2\n");
  const auto os = e.outcomes("viure");
  ASSERT_EQ(os.size(), 7u);  // one per element
  for (const char* x : {"a", "b", "c", "d"}) {
    EXPECT_EQ(os[el(e.rb, x)].kind, RuleOutcome::Kind::NotFired) << x;
    EXPECT_EQ(e.status(x), Status::NotApplicable) << x;
  }
  for (const char* x : {"v1", "v2", "v3"}) {
    EXPECT_EQ(os[el(e.rb, x)].kind, RuleOutcome::Kind::Fired) << x;
    EXPECT_EQ(os[el(e.rb, x)].binding, el(e.rb, x));
    EXPECT_EQ(e.status(x), Status::Suggested) << x;
    EXPECT_EQ(e.score(x), "2") << x;
  }
}

TEST(Semantics, ForOverAListWithWhenOnTheProfile) {
  const auto e = eval("rule llista\n  for e in [v2, a] where e.effort <= 1\n  when population < 500\n  suggest e\n",
                      R"({"population": 190})");
  const auto os = e.outcomes("llista");
  ASSERT_EQ(os.size(), 2u);
  EXPECT_EQ(os[0].binding, el(e.rb, "a"));
  EXPECT_EQ(os[1].binding, el(e.rb, "v2"));
  EXPECT_EQ(e.status("a"), Status::Suggested);
  EXPECT_EQ(e.status("v2"), Status::Suggested);  // no effort declared counts as 0
  const auto big =
      eval("rule llista\n  for e in [v2, a]\n  when population < 500\n  suggest e\n", R"({"population": 900})");
  const auto bo = big.outcomes("llista");
  ASSERT_EQ(bo.size(), 2u);
  EXPECT_EQ(bo[0].kind, RuleOutcome::Kind::NotFired);
  EXPECT_EQ(text_of(big.rb, bo[0].decided_by), "population < 500");
}

TEST(Semantics, ANotFiredOutcomeNamesTheConditionThatFailed) {
  const auto e =
      eval("rule r\n  when population > 10 and maturity[viure] >= 3\n  suggest v1\n", R"({"population": 50})");
  const auto os = e.outcomes("r");
  ASSERT_EQ(os.size(), 1u);
  EXPECT_EQ(os[0].kind, RuleOutcome::Kind::NotFired);
  EXPECT_EQ(os[0].binding, ir::kNone);
  EXPECT_EQ(text_of(e.rb, os[0].decided_by), "maturity[viure] >= 3");
}

// ---- validity --------------------------------------------------------------------------------------

TEST(Semantics, RulesNotInForceDoNotActAndAreRecorded) {
  const std::string rules = R"(
rule future
  valid from 2027-01-01
  suggest v1
rule past
  valid until 2025-12-31
  suggest v2
rule one_day
  valid from 2026-01-01 until 2026-01-01
  suggest v3
rule for_rule
  valid from 2030-01-01
  for e in elements
  boost e
)";
  const auto e = eval(rules, "{}", "2026-01-01");
  EXPECT_EQ(e.outcomes("future").at(0).kind, RuleOutcome::Kind::NotInForce);
  EXPECT_EQ(e.outcomes("past").at(0).kind, RuleOutcome::Kind::NotInForce);
  EXPECT_EQ(e.outcomes("one_day").at(0).kind, RuleOutcome::Kind::Fired);  // both bounds included
  const auto fo = e.outcomes("for_rule");
  ASSERT_EQ(fo.size(), 1u);  // one outcome, no binding
  EXPECT_EQ(fo[0].kind, RuleOutcome::Kind::NotInForce);
  EXPECT_EQ(fo[0].binding, ir::kNone);
  EXPECT_EQ(e.status("v1"), Status::Needed);  // only as v3's prerequisite
  EXPECT_TRUE(e.result.contributions_of(el(e.rb, "v1")).empty());
  EXPECT_EQ(e.status("v2"), Status::NotApplicable);
  EXPECT_EQ(e.status("v3"), Status::Suggested);
  EXPECT_EQ(e.status("a"), Status::NotApplicable);

  const auto later = eval(rules, "{}", "2026-01-02");
  EXPECT_EQ(later.outcomes("one_day").at(0).kind, RuleOutcome::Kind::NotInForce);
  const auto j =
      nlohmann::json::parse(render_json({later.rb, later.profile, later.result}, JsonView::WhyNot, el(later.rb, "v3")));
  ASSERT_EQ(j["why_not"]["not_fired"].size(), 2u);
  EXPECT_EQ(j["why_not"]["not_fired"][0]["rule"], "for_rule");
  EXPECT_EQ(j["why_not"]["not_fired"][0]["reason"], "not in force on 2026-01-02 (valid from 2030-01-01)");
  EXPECT_EQ(j["why_not"]["not_fired"][1]["rule"], "one_day");
  EXPECT_EQ(j["why_not"]["not_fired"][1]["reason"],
            "not in force on 2026-01-02 (valid from 2026-01-01 until 2026-01-01)");

  const auto far = eval(rules, "{}", "2031-06-30");
  EXPECT_EQ(far.status("a"), Status::Suggested);  // the for rule's boost proposes every element
  EXPECT_EQ(far.outcomes("for_rule").size(), 7u);
  EXPECT_EQ(far.outcomes("future").at(0).kind, RuleOutcome::Kind::Fired);
}

// ---- segments ----------------------------------------------------------------------------------------

TEST(Semantics, SegmentsAreEvaluatedOnceAndRecorded) {
  const auto e = eval(R"(
segment micro = population < 1000
segment gran = population >= 20000
segment rural = micro or population < 2000
segment unused = population > 5
rule r1
  when micro
  suggest v1
rule r2
  when rural and not gran
  boost v1
rule r3
  when gran
  suggest v2
)",
                      R"({"population": 190})");
  const auto& segs = e.rb.program().segments;
  ASSERT_EQ(segs.size(), 4u);
  std::vector<std::string> names;
  for (const auto& s : segs) names.push_back(s.id);
  EXPECT_EQ(names, (std::vector<std::string>{"gran", "micro", "rural", "unused"}));
  EXPECT_EQ(e.result.segments, (std::vector<std::int8_t>{0, 1, 1, -1}));  // unused: never evaluated
  EXPECT_EQ(e.score("v1"), "20");
  EXPECT_EQ(e.status("v2"), Status::NotApplicable);
  EXPECT_EQ(text_of(e.rb, e.outcomes("r3").at(0).decided_by), "gran");
  // The explanation reads the recorded values.
  const auto j = nlohmann::json::parse(render_json({e.rb, e.profile, e.result}, JsonView::Explain, el(e.rb, "v1")));
  const auto& facts = j["explain"]["acts"][1]["facts"];
  ASSERT_EQ(facts.size(), 4u);
  EXPECT_EQ(facts[0]["name"], "segment rural");
  EXPECT_EQ(facts[0]["value"], "true");
  EXPECT_EQ(facts[1]["name"], "segment micro");
  EXPECT_EQ(facts[2]["name"], "population");
  EXPECT_EQ(facts[2]["value"], "190");
  EXPECT_EQ(facts[3]["name"], "segment gran");
  EXPECT_EQ(facts[3]["value"], "false");
}

// ---- public solutions ----------------------------------------------------------------------------------

TEST(Semantics, OnlyEligibleSolutionsAreListed) {
  const std::string rules = R"(
provider aoc "Consorci AOC"
solution aoc.petits "Per a petits" {
  covers v1, v2
  eligible when population < 20000
}
solution aoc.tots "Per a tots" {
  covers v1
}
rule law
  require v1
)";
  const auto small = eval(rules, R"({"population": 19999})");
  ASSERT_EQ(small.v("v1").solutions.size(), 2u);
  EXPECT_EQ(small.rb.program().solutions[small.v("v1").solutions[0]].id, "aoc.petits");
  EXPECT_EQ(small.rb.program().solutions[small.v("v1").solutions[1]].id, "aoc.tots");
  EXPECT_TRUE(small.v("v2").solutions.empty());  // not in the puzzle: no solution is listed

  const auto big = eval(rules, R"({"population": 20000})");
  ASSERT_EQ(big.v("v1").solutions.size(), 1u);
  EXPECT_EQ(big.rb.program().solutions[big.v("v1").solutions[0]].id, "aoc.tots");
}

// ---- errors ---------------------------------------------------------------------------------------------

TEST(Semantics, AScoreThatOverflowsIsAnErrorNeverAWrongNumber) {
  // Weights of about 1e30 (the largest literal): the 341st takes v1's score beyond the largest
  // Decimal (about 3.4e32).
  std::string rules;
  for (int i = 0; i < 400; ++i) {
    const std::string n = std::to_string(1000 + i).substr(1);  // big000 .. big399, run in this order
    rules += "rule big" + n + "\n  suggest v1 weight 999999999999999999999999999999\n";
  }
  rules += "rule small\n  suggest v2 weight 10\nroadmap {\n  phase curt \"Curt\"\n}\n";
  const auto e = eval(rules);
  EXPECT_EQ(
      e.error_texts(),
      (std::vector<std::string>{"rule 'big340': the score of v1 overflows (beyond the largest number, about 3.4e32)"}));
  EXPECT_TRUE(e.v("v1").score_overflow);
  EXPECT_EQ(e.status("v1"), Status::NotApplicable);  // an unknown score proposes nothing
  EXPECT_EQ(e.status("v2"), Status::Suggested);
  EXPECT_TRUE(e.result.roadmap.placements.empty());  // no order can be trusted
  const RenderInput in{e.rb, e.profile, e.result};
  const std::string explain = render_explain_text(in, el(e.rb, "v1"));
  EXPECT_NE(explain.find("  status: not_applicable, score overflows\n"), std::string::npos) << explain;
  EXPECT_NE(explain.find("error: rule 'big340': the score of v1 overflows"), std::string::npos) << explain;
  EXPECT_EQ(explain.find("score 2"), std::string::npos) << explain;  // no partial sum shown as the score
  const std::string roadmap = render_roadmap_text(in);
  EXPECT_NE(roadmap.find("\nerror: rule 'big340': the score of v1 overflows"), std::string::npos) << roadmap;
  EXPECT_NE(roadmap.find("\nNo roadmap: a score overflowed, so no order of the elements can be trusted.\n"),
            std::string::npos);
  const auto j = nlohmann::json::parse(render_json(in, JsonView::Explain, el(e.rb, "v1")));
  EXPECT_TRUE(j["explain"]["score"].is_null()) << j.dump();
  EXPECT_EQ(j["errors"].size(), 1u);
}

TEST(Semantics, ArithmeticOverflowIsAnErrorOutcomeNotACrash) {
  const auto e = eval(R"(
rule overflow
  when population * population * population > 1
  suggest v1
rule by_zero
  when 10 / (population - population) > 1
  suggest v2
rule fine
  suggest a
)",
                      R"({"population": 100000000000000})");
  const auto o1 = e.outcomes("overflow");
  ASSERT_EQ(o1.size(), 1u);
  EXPECT_EQ(o1[0].kind, RuleOutcome::Kind::Error);
  EXPECT_EQ(o1[0].error(), "overflow in '*'");
  const auto o2 = e.outcomes("by_zero");
  EXPECT_EQ(o2.at(0).kind, RuleOutcome::Kind::Error);
  EXPECT_EQ(o2.at(0).error(), "division by zero or overflow in '/'");
  EXPECT_EQ(e.error_texts(), (std::vector<std::string>{"rule 'by_zero': division by zero or overflow in '/'",
                                                       "rule 'overflow': overflow in '*'"}));
  EXPECT_EQ(e.status("v1"), Status::NotApplicable);
  EXPECT_EQ(e.status("v2"), Status::NotApplicable);
  EXPECT_EQ(e.status("a"), Status::Suggested);  // the other rules still run
  const auto j = nlohmann::json::parse(render_json({e.rb, e.profile, e.result}, JsonView::WhyNot, el(e.rb, "v1")));
  EXPECT_EQ(j["errors"].size(), 2u);
  EXPECT_EQ(j["why_not"]["not_fired"][0]["reason"], "could not be evaluated: overflow in '*'");
}

TEST(Semantics, AnIneligibilityThatCannotBeComputedIsAnError) {
  const auto e = eval(R"(
provider aoc "Consorci AOC"
solution aoc.s "S" {
  covers v1
  eligible when 1 / (population - 7) > 0
}
rule law
  require v1
)",
                      R"({"population": 7})");
  EXPECT_EQ(e.status("v1"), Status::Required);
  EXPECT_TRUE(e.v("v1").solutions.empty());
  EXPECT_EQ(e.error_texts(), (std::vector<std::string>{"solution 'aoc.s': division by zero or overflow in '/'"}));
}

// ---- determinism --------------------------------------------------------------------------------------

// The declarations of a rulebase, each standalone (nodes declared apart with `in`).
std::vector<std::string> declarations() {
  return {
      kSemanticsSchema,
      "area ajuntament \"Ajuntament\"\n",
      "domain admin \"Administració\" in ajuntament\n",
      "block relacio \"Relació\" in ajuntament.admin\n",
      "element a \"A\" in ajuntament.admin.relacio {\n  effort 1\n  cost 100\n}\n",
      "element b \"B\" in ajuntament.admin.relacio {\n  effort 2\n  requires a\n  solution aoc.tots\n}\n",
      "element c \"C\" in ajuntament.admin.relacio {\n  effort 3\n  requires b\n}\n",
      "element d \"D\" in ajuntament.admin.relacio {\n  requires c, a\n}\n",
      "area viure \"Viure\"\n",
      "domain energia \"Energia\" in viure\n",
      "block llum \"Llum\" in viure.energia\n",
      "element v1 \"V1\" in viure.energia.llum {\n  cost 5000\n}\n",
      "element v2 \"V2\" in viure.energia.llum\n",
      "element v3 \"V3\" in viure.energia.llum {\n  requires v1\n}\n",
      "element v4 \"V4\" in viure.energia.llum {\n  requires v2\n}\n",
      "provider aoc \"Consorci AOC\"\n",
      "solution aoc.petits \"Per a petits\" {\n  covers v1, a\n  eligible when population < 20000\n}\n",
      "solution aoc.tots \"Per a tots\"\n",
      "segment micro = population < 1000\n",
      "segment gran = population >= 20000\n",
      "roadmap {\n  phase curt \"Curt\" size 1..2\n  phase mitja \"Mitjà\" effort ..3\n  phase llarg \"Llarg\"\n}\n",
      "rule law\n  source \"Llei 1/2000\"\n  when not in_place(d)\n  require d\n  because \"{population} habitants\"\n",
      "rule s_v1\n  when micro\n  suggest v1 weight 12.5\n",
      "rule s_v3\n  suggest v3 weight 12.5\n",
      "rule s_v4\n  suggest v4 weight 3\n",
      "rule veto\n  when micro\n  exclude v2\n",
      "rule pen\n  penalize v3 weight 0.5\n",
      "rule necessitats\n  for e in needs where not in_place(e)\n  boost e weight 15\n",
      "rule viure_boost\n  for e in elements where e.area == viure\n  when maturity[viure] >= 2\n  boost e weight 1\n",
      "rule gran_only\n  when gran\n  suggest v2\n",
      "rule old\n  valid until 2020-01-01\n  suggest a\n",
  };
}

// "" when equal, else the first differing line of each, with its number.
std::string difference(const std::string& a, const std::string& b) {
  if (a == b) return "";
  std::istringstream x(a), y(b);
  std::string lx, ly;
  for (int line = 1;; ++line) {
    const bool gx = static_cast<bool>(std::getline(x, lx)), gy = static_cast<bool>(std::getline(y, ly));
    if (!gx && !gy) return "equal lines, different bytes";
    if (!gx || !gy || lx != ly)
      return "line " + std::to_string(line) + ":\n  " + (gx ? lx : "(end)") + "\n  " + (gy ? ly : "(end)");
  }
}

// Every view of every element, one string.
std::string all_views(const Files& files, const std::string& profile_json) {
  const Rulebase rb = make_rulebase(files);
  const Profile profile = make_profile(rb, profile_json);
  const EvalResult r = run(rb, profile, "2026-03-01");
  const RenderInput in{rb, profile, r};
  std::string out = render_json(in, JsonView::Puzzle) + render_json(in, JsonView::Roadmap);
  for (ir::ElementId e = 0; e < rb.program().elements.size(); ++e)
    out += render_json(in, JsonView::Explain, e) + render_json(in, JsonView::WhyNot, e);
  return out;
}

const char* const kProfiles[] = {
    R"({"population": 190, "maturity": {"viure": 3}, "needs": ["v2", "c"], "in_place": ["a"]})",
    R"({"population": 45000, "needs": ["v4"]})",
    R"({"population": 999, "in_place": ["v1", "d"]})",
};

TEST(Semantics, OneDeclarationPerFileInAnyFileOrderGivesTheSameBytes) {
  const auto decls = declarations();
  Files files;
  for (std::size_t i = 0; i < decls.size(); ++i)
    files.push_back({"decl_" + std::to_string(100 + i) + ".pzl", decls[i]});
  std::mt19937 rng(20260122);
  for (const char* profile : kProfiles) {
    const std::string expected = all_views(files, profile);
    const std::string digest = make_rulebase(files).digest();
    for (int round = 0; round < 5; ++round) {
      Files shuffled = files;
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
      ASSERT_NE(shuffled, files);
      EXPECT_EQ(make_rulebase(shuffled).digest(), digest);
      EXPECT_EQ(difference(all_views(shuffled, profile), expected), "") << profile;
    }
  }
}

// Removes what legitimately depends on where a declaration is written: its file and line, and
// the digest of the files' content.
void strip_positions(nlohmann::json& j) {
  if (j.is_object()) {
    j.erase("at");
    if (j.contains("rulebase") && j["rulebase"].is_object()) j["rulebase"].erase("digest");
    for (auto& [k, v] : j.items()) strip_positions(v);
  } else if (j.is_array()) {
    for (auto& v : j) strip_positions(v);
  }
}

TEST(Semantics, DeclarationsShuffledWithinAndAcrossFilesChangeOnlyPositions) {
  const auto decls = declarations();
  auto split = [](std::vector<std::string> ds, std::mt19937& rng) {
    std::shuffle(ds.begin(), ds.end(), rng);
    Files files(3);
    for (std::size_t i = 0; i < ds.size(); ++i) {
      files[i % 3].first = "part" + std::to_string(i % 3) + ".pzl";
      files[i % 3].second += ds[i] + "\n";
    }
    std::shuffle(files.begin(), files.end(), rng);
    return files;
  };
  std::mt19937 rng(7);
  for (const char* profile : kProfiles) {
    auto reference = [&](const Files& files) {
      const Rulebase rb = make_rulebase(files);
      const Profile p = make_profile(rb, profile);
      const EvalResult r = run(rb, p, "2026-03-01");
      const RenderInput in{rb, p, r};
      std::vector<nlohmann::json> views{nlohmann::json::parse(render_json(in, JsonView::Puzzle)),
                                        nlohmann::json::parse(render_json(in, JsonView::Roadmap))};
      for (ir::ElementId e = 0; e < rb.program().elements.size(); ++e) {
        views.push_back(nlohmann::json::parse(render_json(in, JsonView::Explain, e)));
        views.push_back(nlohmann::json::parse(render_json(in, JsonView::WhyNot, e)));
      }
      for (auto& v : views) strip_positions(v);
      return nlohmann::json(views).dump(1);
    };
    const std::string expected = reference(split(decls, rng));
    for (int round = 0; round < 5; ++round)
      EXPECT_EQ(difference(reference(split(decls, rng)), expected), "") << profile;
  }
}

TEST(Semantics, TheDeterminismRulebaseIsNotTrivial) {
  Files files;
  const auto decls = declarations();
  for (std::size_t i = 0; i < decls.size(); ++i)
    files.push_back({"decl_" + std::to_string(100 + i) + ".pzl", decls[i]});
  const Rulebase rb = make_rulebase(files);
  const Profile p = make_profile(rb, kProfiles[0]);
  const EvalResult r = run(rb, p, "2026-03-01");
  std::vector<std::string> statuses;
  for (const auto& v : r.verdicts) statuses.push_back(status_name(v.status));
  // a b c d v1 v2 v3 v4
  EXPECT_EQ(statuses, (std::vector<std::string>{"in_place", "needed", "suggested", "required", "suggested", "excluded",
                                                "suggested", "blocked"}));
  EXPECT_EQ(r.roadmap.placements.size(), 5u);
}

}  // namespace
}  // namespace puzle::semantics_test
