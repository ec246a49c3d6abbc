// Checker, rules (pass conditions): dates, clauses, conditions and numbers in quotes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checker_helper.hpp"
#include "test_files.hpp"

namespace puzle::checker_rules_test {
namespace {

using namespace checker_tests;
using test_files::slurp;

// ---- rule clauses and test expectations ---------------------------------------------------

TEST(CheckerRules, DatesClausesAndConditions) {
  auto rb =
      check({{"a.pzl",
              "profile {\n  population: int\n  needs: set<element> = []\n}\n"
              "area ajuntament \"Ajuntament\" { domain admin \"A\" { block relacio \"R\" { element seu \"S\" } } }\n"
              "roadmap { phase curt \"Curt\" phase llarg \"Llarg\" }\n"
              "rule r1 valid from 2023-04-31 suggest seu\n"
              "rule r2 valid from 1900-02-29 suggest seu\n"
              "rule r3 valid from 2000-02-29 until 2024-02-29 suggest seu\n"
              "rule r4 valid from 2023-13-01 suggest seu\n"
              "rule r5 valid from 2024-01-01 until 2023-12-31 suggest seu\n"
              "rule r6 valid from 2024-01-01 valid from 2025-01-01 suggest seu\n"
              "rule r7 for e in population suggest seu\n"
              "rule r8 when needs suggest seu\n"
              "rule r9 when [seu] suggest seu\n"
              "test \"t\" {\n  given { population: 1 }\n  expect phase mig contains seu\n}\n"}});
  // r3 is fine (2000 and 2024 are leap years); r7's unused variable is not reported on top of its error.
  EXPECT_EQ(full(rb),
            "a.pzl:7:20: error[E108]: '2023-04-31' is not a calendar date\n"
            " 7 | rule r1 valid from 2023-04-31 suggest seu\n"
            "   |                    ^^^^^^^^^^\n"
            "  hint: month 04 of 2023 has 30 days\n"
            "a.pzl:8:20: error[E108]: '1900-02-29' is not a calendar date\n"
            " 8 | rule r2 valid from 1900-02-29 suggest seu\n"
            "   |                    ^^^^^^^^^^\n"
            "  hint: month 02 of 1900 has 28 days\n"
            "a.pzl:10:20: error[E108]: '2023-13-01' is not a calendar date\n"
            " 10 | rule r4 valid from 2023-13-01 suggest seu\n"
            "    |                    ^^^^^^^^^^\n"
            "  hint: the month is from 01 to 12\n"
            "a.pzl:11:37: error[E403]: the rule is valid until 2023-12-31, before it is valid from 2024-01-01\n"
            " 11 | rule r5 valid from 2024-01-01 until 2023-12-31 suggest seu\n"
            "    |                                     ^^^^^^^^^^\n"
            "a.pzl:12:42: error[E405]: 'valid from' is given twice\n"
            " 12 | rule r6 valid from 2024-01-01 valid from 2025-01-01 suggest seu\n"
            "    |                                          ^^^^^^^^^^\n"
            "a.pzl:13:18: error[E300]: 'for' walks a set of elements, but 'population' is a whole number\n"
            " 13 | rule r7 for e in population suggest seu\n"
            "    |                  ^^^^^^^^^^\n"
            "  hint: e.g. for e in needs, or for e in elements where e.area == viure\n"
            "a.pzl:14:14: error[E301]: 'when' needs a condition, but 'needs' is a set of elements\n"
            " 14 | rule r8 when needs suggest seu\n"
            "    |              ^^^^^\n"
            "  hint: ask whether an element is in it, needs(ELEMENT), or count it, count(needs) > 0\n"
            "a.pzl:15:14: error[E301]: 'when' needs a condition, but '[seu]' is a set of elements\n"
            " 15 | rule r9 when [seu] suggest seu\n"
            "    |              ^^^^^\n"
            "  hint: count it, e.g. count([seu]) > 0\n"
            "a.pzl:18:16: error[E200]: unknown phase 'mig'\n"
            " 18 |   expect phase mig contains seu\n"
            "    |                ^^^\n"
            "  hint: the phases are: curt, llarg\n");
}

TEST(CheckerRules, NumbersInQuotes) {
  auto rb = check(
      {{"a.pzl", "profile {\n  population: int\n}\nsegment s = population == \"1000\" or \"5.5\" < population\n"}});
  EXPECT_EQ(full(rb),
            "a.pzl:4:13: error[E300]: cannot compare 'population' (a whole number) with '\"1000\"' (a text)\n"
            " 4 | segment s = population == \"1000\" or \"5.5\" < population\n"
            "   |             ^^^^^^^^^^^^^^^^^^^^\n"
            "  hint: write the number without quotes: 1000\n"
            "a.pzl:4:37: error[E300]: '<' compares numbers, but '\"5.5\"' is a text\n"
            " 4 | segment s = population == \"1000\" or \"5.5\" < population\n"
            "   |                                     ^^^^^\n"
            "  hint: write the number without quotes: 5.5\n");
}

// ---- roadmap limits computed from the profile ------------------------------------------------

TEST(CheckerRoadmap, AComputedLimitIsANumberOfTheProfile) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"p.pzl", kProfile},
                   {"a.pzl",
                    "segment petit = population < 1000\n"
                    "roadmap {\n"
                    "  phase p1 \"P1\" size 1..(population / 1000) effort ..(maturity[ajuntament] * 2 - 1)\n"
                    "  phase p2 \"P2\" budget ..(budget / 2) size ..(tier)\n"
                    "  phase p3 \"P3\" size ..(petit)\n"
                    "  phase p4 \"P4\" effort ..(staff * 3)\n"
                    "  phase p5 \"P5\" budget ..(e.cost)\n"
                    "}\n"}});
  EXPECT_EQ(brief(rb),
            "a.pzl:5:24: E300 a phase's size is a number, but '(petit)' is a condition\n"
            "a.pzl:6:27: E200 unknown name 'staff'\n"
            "a.pzl:7:26: E200 unknown name 'e.cost'\n");
}

TEST(CheckerRoadmap, IfMinAndMaxChooseBetweenNumbers) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"p.pzl", kProfile},
                   {"a.pzl",
                    "roadmap {\n"
                    "  phase p1 \"P1\" effort ..(if(agenda, 1, 2) + min(tier, 3) * max(ratio, 0.5))\n"
                    "  phase p2 \"P2\" budget ..(if(population > 500, budget, 100))\n"
                    "  phase p3 \"P3\" effort ..(if(population, 1, 2)) size ..(min(agenda, 3))\n"
                    "  phase p4 \"P4\" size ..(max(1)) effort ..(if(agenda, 1))\n"
                    "  phase p5 \"P5\" size ..(maxi(1, 2))\n"
                    "}\n"}});
  EXPECT_EQ(brief(rb),
            "a.pzl:4:30: E301 if() needs a condition, but 'population' is a whole number\n"
            "a.pzl:4:61: E300 'min' chooses between numbers, but 'agenda' is a condition\n"
            "a.pzl:5:24: E303 'max' takes 2 arguments, not 1\n"
            "a.pzl:5:42: E303 'if' takes 3 arguments, not 2\n"
            "a.pzl:6:25: E303 unknown function 'maxi'\n");
  auto good = check({{"m.pzl", kCheckerMetamodel},
                     {"p.pzl", kProfile},
                     {"a.pzl", "roadmap {\n  phase p1 \"P1\" budget ..(if(agenda, budget, max(budget, 100)))\n}\n"}});
  ASSERT_TRUE(good.program) << full(good);
  const ir::Expr& top = good.program->exprs[good.program->phases.at(0).budget_expr];
  EXPECT_EQ(top.op, ir::Op::If);
  EXPECT_EQ(top.type.kind, ir::TypeKind::Money);
  EXPECT_EQ(good.program->exprs[top.rhs].op, ir::Op::Branches);
  EXPECT_EQ(good.program->exprs[good.program->exprs[top.rhs].rhs].op, ir::Op::Max);
}

TEST(CheckerRoadmap, PriorityTermsAreKnownGivenOnceAndWellFormed) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"p.pzl", kProfile},
                   {"a.pzl",
                    "roadmap {\n"
                    "  priority {\n"
                    "    required 40\n"
                    "    requird 10\n"
                    "    required 5\n"
                    "    need -5 effort ..1\n"
                    "    quick_win 20\n"
                    "  }\n"
                    "  priority {\n  }\n"
                    "  phase p1 \"P1\"\n"
                    "}\n"}});
  EXPECT_EQ(brief(rb),
            "a.pzl:4:5: E200 unknown ranking term 'requird'\n"
            "a.pzl:5:5: E405 the ranking term 'required' is given twice\n"
            "a.pzl:6:22: E405 'effort ..' belongs to quick_win only\n"
            "a.pzl:7:5: E305 quick_win needs the largest effort of a quick win\n"
            "a.pzl:9:3: E405 'priority' is given twice in the roadmap\n");
  auto good = check({{"m.pzl", kCheckerMetamodel},
                     {"p.pzl", kProfile},
                     {"a.pzl", "roadmap {\n  priority {\n    need -2.5\n    quick_win 20 effort ..0.5\n  }\n}\n"}});
  ASSERT_TRUE(good.program) << full(good);
  const ir::Priority& pr = good.program->priority;
  EXPECT_TRUE(pr.declared);
  EXPECT_FALSE(pr.of(ir::RankTerm::Required));
  EXPECT_EQ(pr.of(ir::RankTerm::Need), Decimal::parse("-2.5"));
  EXPECT_EQ(pr.of(ir::RankTerm::QuickWin), Decimal::from_int(20));
  EXPECT_EQ(pr.quick_win_effort, Decimal::parse("0.5"));
}

TEST(CheckerRoadmap, ComputedLimitsReachTheIr) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"p.pzl", kProfile},
                   {"a.pzl", "roadmap {\n  phase p1 \"P1\" size 3..(population / 1000) budget ..5000\n}\n"}});
  ASSERT_TRUE(rb.program) << full(rb);
  const ir::Phase& ph = rb.program->phases.at(0);
  EXPECT_EQ(ph.size_min, Decimal::from_int(3));
  EXPECT_FALSE(ph.size_max);  // computed per profile
  ASSERT_NE(ph.size_expr, ir::kNone);
  EXPECT_EQ(rb.program->exprs[ph.size_expr].op, ir::Op::Div);
  EXPECT_EQ(ph.budget_max, Decimal::from_int(5000));
  EXPECT_EQ(ph.budget_expr, ir::kNone);
  EXPECT_TRUE(ph.bounded());
}

TEST(CheckerMetamodel, AnElementNeedsAMaturityOfAnAreaWithinTheLevels) {
  const std::string meta =
      "area ajuntament \"A\" {\n  maturity 2\n  domain d \"D\" {\n    block b \"B\" {\n"
      "      element seu \"S\" {\n        maturity 3\n      }\n"
      "      element app \"App\" {\n        maturity viure 5\n      }\n"
      "      element x \"X\" {\n        maturity 9\n      }\n"
      "      element y \"Y\" {\n        maturity viur 1\n      }\n"
      "    }\n  }\n}\narea viure \"V\"\n";
  auto rb = check({{"p.pzl", kProfile}, {"m.pzl", meta}});
  EXPECT_EQ(brief(rb),
            "m.pzl:2:12: E405 area 'ajuntament' cannot need a maturity; only elements do\n"
            "m.pzl:12:18: E302 maturity 9 is outside the levels of 'maturity' (0..5)\n"
            "m.pzl:15:18: E200 'viur' is not an area\n");
  auto good = check({{"p.pzl", kProfile},
                     {"m.pzl",
                      "area ajuntament \"A\" { domain d \"D\" { block b \"B\" {\n"
                      "  element seu \"S\" { maturity 3 }\n  element app \"App\" { maturity viure 5 }\n"
                      "} } }\narea viure \"V\"\n"}});
  ASSERT_TRUE(good.program) << full(good);
  const ir::Program& p = *good.program;
  ASSERT_EQ(p.element_node(1).id, "seu");  // elements by path: app, seu
  const ir::Element& seu = p.elements[1];
  EXPECT_EQ(seu.maturity, 3u);
  EXPECT_EQ(p.nodes[p.areas[seu.maturity_area]].id, "ajuntament");  // its own area
  EXPECT_EQ(p.elements[0].maturity, 5u);
  EXPECT_EQ(p.nodes[p.areas[p.elements[0].maturity_area]].id, "viure");
  // Without a `maturity: level[area]` field in the profile, no element can need one.
  auto none =
      check({{"p.pzl", "profile {\n  population: int\n  maturity: level 0..5 = 0\n}\n"},
             {"m.pzl", "area a \"A\" { domain d \"D\" { block b \"B\" { element e \"E\" { maturity 1 } } } }\n"}});
  EXPECT_EQ(brief(none),
            "m.pzl:1:68: E203 element 'e' needs a maturity, but the profile's 'maturity' is not a level[area]\n");
}

TEST(CheckerRules, DueBelongsToRequireAndIsACalendarDate) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"p.pzl", kProfile},
                   {"a.pzl",
                    "rule a\n  require seu due 2023-12-01\n  suggest notificacions due 2024-01-01\n"
                    "rule b\n  require notificacions due 2023-02-30\n"}});
  EXPECT_EQ(brief(rb),
            "a.pzl:3:29: E405 'due' belongs to require only\n"
            "a.pzl:5:29: E108 '2023-02-30' is not a calendar date\n");
  auto good = check({{"m.pzl", kCheckerMetamodel},
                     {"p.pzl", kProfile},
                     {"a.pzl", "rule a\n  require seu, notificacions due 2023-12-01\n  require relacio.seu\n"}});
  ASSERT_TRUE(good.program) << full(good);
  const auto& effects = good.program->rules.at(0).effects;
  ASSERT_EQ(effects.size(), 3u);
  EXPECT_EQ(effects[0].due.to_string(), "2023-12-01");
  EXPECT_EQ(effects[1].due.to_string(), "2023-12-01");
  EXPECT_TRUE(effects[2].due.empty());
}

}  // namespace
}  // namespace puzle::checker_rules_test
