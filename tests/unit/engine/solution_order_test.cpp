// The order in which public solutions are offered (docs/semantics.md §9): the municipality's own
// provider first, then free, unpriced and paid ones (cheapest first), then by id.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../dsl/checker_helper.hpp"
#include "eval_helper.hpp"

namespace puzle::solution_order_test {
namespace {

using testing_helpers::make_profile;
using testing_helpers::make_rulebase;
using testing_helpers::run;

const char* const kRulebase = R"(profile {
  population: int
  province: enum { girona, lleida }
}
area a "A" {
  domain d "D" {
    block b "B" {
      element x "X"
    }
  }
}
provider dip "Diputació" {
  serves when province == girona
}
provider other "Other"
solution dip.own "Own" {
  covers x
  cost 500
}
solution other.free "Free" {
  covers x
  cost 0
}
solution other.paid "Paid" {
  covers x
  cost 100
}
solution other.unpriced "Unpriced" {
  covers x
}
rule r
  suggest x weight 10
)";

std::vector<std::string> offered(const Rulebase& rb, const EvalResult& r) {
  std::vector<std::string> out;
  for (auto s : r.verdicts.at(0).solutions) out.push_back(rb.program().solutions[s].id);
  return out;
}

TEST(SolutionOrder, OwnProviderFirstThenFreeUnpricedAndPaidByPrice) {
  const Rulebase rb = make_rulebase({{"r.pzl", kRulebase}});
  const Profile girona = make_profile(rb, R"({"population": 900, "province": "girona"})");
  const EvalResult g = run(rb, girona);
  EXPECT_EQ(offered(rb, g), (std::vector<std::string>{"dip.own", "other.free", "other.unpriced", "other.paid"}));
  const Profile lleida = make_profile(rb, R"({"population": 900, "province": "lleida"})");
  const EvalResult l = run(rb, lleida);
  EXPECT_EQ(offered(rb, l), (std::vector<std::string>{"other.free", "other.unpriced", "other.paid", "dip.own"}));

  const auto j = nlohmann::json::parse(render_json({rb, girona, g}, JsonView::Puzzle));
  const auto& sols = j["puzzle"][0]["elements"][0]["solutions"];
  ASSERT_EQ(sols.size(), 4u);
  EXPECT_EQ(sols[0]["own_provider"], true);
  EXPECT_EQ(sols[0]["cost"], "500");
  EXPECT_EQ(sols[1]["own_provider"], false);
  EXPECT_EQ(sols[1]["cost"], "0");
  EXPECT_EQ(sols[2]["cost"], nullptr);

  const std::string text = render_explain_text({rb, girona, g}, 0);
  EXPECT_NE(text.find("  covered by Diputació · Own (own provider, cost 500.00 €)\n"
                      "  covered by Other · Free (free)\n"
                      "  covered by Other · Unpriced (cost not stated)\n"
                      "  covered by Other · Paid (cost 100.00 €)\n"),
            std::string::npos)
      << text;
}

TEST(SolutionOrder, TheCheckerRefusesANegativeCostAndAServesThatIsNoCondition) {
  using namespace checker_tests;
  const std::string head =
      "profile {\n  population: int\n}\n"
      "area a \"A\" {\n  domain d \"D\" {\n    block b \"B\" {\n      element x \"X\"\n    }\n  }\n}\n";
  EXPECT_EQ(brief(check({{"r.pzl", head + "provider p \"P\" {\n  serves when population\n}\n"
                                          "solution p.s \"S\" {\n  covers x\n  cost 5\n}\n"}})),
            "r.pzl:12:15: E301 'serves when' needs a condition, but 'population' is a whole number\n");
  EXPECT_EQ(brief(check({{"r.pzl", head + "provider p \"P\"\nsolution p.s \"S\" {\n  covers x\n  cost -5\n}\n"}})),
            "r.pzl:14:8: E100 expected what the solution costs, in euros, after 'cost' (0 when free), found '-'\n");
}

}  // namespace
}  // namespace puzle::solution_order_test
