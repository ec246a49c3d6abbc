// The embedding API's contract (include/puzle/): what evaluate() refuses, and dates checked
// once when they are made.
#include <stdexcept>

#include <gtest/gtest.h>

#include "eval_helper.hpp"
#include "puzle/date.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/explain.hpp"

namespace puzle::api_contract_test {
namespace {

using testing_helpers::make_profile;
using testing_helpers::make_rulebase;

const char* const kContractRules = R"(profile {
  population: int
}
area a "A" {
  domain d "D" {
    block b "B" {
      element e "E"
    }
  }
}
rule r
  valid until 2020-12-31
  suggest e
)";

TEST(ApiContract, AProfileIsEvaluatedOnlyWithTheRulebaseThatValidatedIt) {
  const Rulebase one = make_rulebase({{"r.pzl", kContractRules}});
  const Rulebase same = make_rulebase({{"other/name.pzl", kContractRules}});  // the same content: the same digest
  const Rulebase other = make_rulebase({{"r.pzl", std::string(kContractRules) + "rule s\n  suggest e\n"}});
  const Profile p = make_profile(one, R"({"population": 10})");
  EvalOptions o;
  o.date = *Date::parse("2020-01-01");
  EXPECT_NO_THROW(evaluate(one, p, o));
  EXPECT_NO_THROW(evaluate(same, p, o));
  try {
    evaluate(other, p, o);
    ADD_FAILURE() << "a profile of another rulebase was evaluated";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(
        e.what(),
        "puzle::evaluate: the profile 'profile.json' was validated by another rulebase; load it again with this one");
  }
}

TEST(ApiContract, AnEvaluationNeedsADate) {
  const Rulebase rb = make_rulebase({{"r.pzl", kContractRules}});
  const Profile p = make_profile(rb, R"({"population": 10})");
  EXPECT_THROW(evaluate(rb, p, EvalOptions{}), std::invalid_argument);  // no date: no silent "always in force"
  EvalOptions o;
  o.date = *Date::parse("2021-01-01");
  EXPECT_EQ(evaluate(rb, p, o).verdicts[0].status, Status::NotApplicable);  // the rule is out of force
  o.date = *Date::parse("2020-12-31");
  EXPECT_EQ(evaluate(rb, p, o).verdicts[0].status, Status::Suggested);
}

TEST(ApiContract, DatesAreCheckedOnceAndOrderedAsTheCalendar) {
  EXPECT_FALSE(Date::parse(""));
  EXPECT_FALSE(Date::parse("2026-02-29"));
  EXPECT_FALSE(Date::parse("2026-1-01"));
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_EQ(Date::parse("0001-01-01")->to_string(), "0001-01-01");
  EXPECT_LT(*Date::parse("2025-12-31"), *Date::parse("2026-01-01"));
  EXPECT_TRUE(Date().empty());
  EXPECT_EQ(Date().to_string(), "");
}

TEST(ApiContract, TheExplanationModelIsDataNotText) {
  const Rulebase rb = make_rulebase({{"r.pzl", std::string(kContractRules) + R"(rule big
  when population > 5
  boost e weight 5
  because "{population} habitants"
)"}});
  const Profile p = make_profile(rb, R"({"population": 10})");
  EvalOptions o;
  o.date = *Date::parse("2021-06-01");
  o.explain = EvalOptions::Explain::All;
  const EvalResult r = evaluate(rb, p, o);
  const RenderInput in{rb, p, r};
  // Without it, an explanation is refused rather than made up afterwards.
  o.explain = EvalOptions::Explain::None;
  const EvalResult bare = evaluate(rb, p, o);
  EXPECT_THROW(explain::acts(RenderInput{rb, p, bare}, rb.find_element("e")), std::logic_error);
  const ir::ElementId e = rb.find_element("e");
  const auto acts = explain::acts(in, e);
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].rule, "big");
  EXPECT_EQ(acts[0].effect, "boost");
  EXPECT_EQ(acts[0].weight, "+5");
  EXPECT_EQ(acts[0].because, "10 habitants");
  ASSERT_EQ(acts[0].facts.size(), 1u);
  EXPECT_EQ(acts[0].facts[0].name, "population");
  EXPECT_EQ(acts[0].facts[0].value, "10");
  EXPECT_EQ(acts[0].at.file, "r.pzl");
  const auto misses = explain::misses(in, e);
  ASSERT_EQ(misses.size(), 1u);
  EXPECT_EQ(misses[0].rule, "r");
  EXPECT_EQ(misses[0].reason, "not in force on 2021-06-01 (valid until 2020-12-31)");
}

}  // namespace
}  // namespace puzle::api_contract_test
