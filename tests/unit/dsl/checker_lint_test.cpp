// Checker, warnings (pass lint): contradictions (W500, W501) and unused declarations (W502).
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

namespace puzle::checker_lint_test {
namespace {

using namespace checker_tests;
using test_files::slurp;

// ---- contradictions (W500, W501) -----------------------------------------------------------

struct Contradiction {
  const char* name;
  const char* when;
  bool never_fires;
};

void PrintTo(const Contradiction& c, std::ostream* os) { *os << c.when; }

const Contradiction kContradictions[] = {
    // int fields: strict and non-strict bounds, rounded to whole numbers
    {"int_disjoint", "population < 1000 and population > 5000", true},
    {"int_no_whole_number_between", "population > 5 and population < 6", true},
    {"int_one_whole_number_between", "population > 5 and population < 7", false},
    {"int_closed_point", "population >= 5 and population <= 5", false},
    {"int_strict_lower_at_point", "population > 5 and population <= 5", true},
    {"int_strict_upper_at_point", "population >= 5 and population < 5", true},
    {"int_fractional_bound", "population > 5.5 and population < 6", true},
    {"int_equals_fraction", "population == 5.5", true},
    {"int_eq_then_ne", "population == 5 and population != 5", true},
    {"int_ne_then_eq", "population != 5 and population == 5", true},
    {"int_ne_at_both_ends", "population >= 5 and population <= 6 and population != 5 and population != 6", true},
    {"int_ne_leaves_one", "population >= 5 and population <= 7 and population != 5 and population != 7", false},
    {"int_constant_on_the_left", "1000 > population and 5000 < population", true},
    {"int_or_is_not_contradictory", "population < 1000 or population > 5000", false},
    {"int_negative_is_possible", "population < 0", false},
    // decimal and money fields: no rounding
    {"decimal_strict_point", "ratio > 5 and ratio < 5", true},
    {"decimal_between", "ratio > 5 and ratio < 5.5", false},
    {"decimal_closed_point", "ratio >= 5 and ratio <= 5", false},
    {"decimal_point_excluded", "ratio >= 5 and ratio <= 5 and ratio != 5", true},
    {"money_between", "budget > 100 and budget < 100.5", false},
    // levels: the declared range bounds them
    {"level_above_its_range", "tier > 3", true},
    {"level_at_its_top", "tier >= 3", false},
    {"level_below_its_range", "tier < 1", true},
    {"per_area_level_above_its_range", "maturity[viure] > 5", true},
    {"per_area_levels_of_two_areas", "maturity[viure] >= 2 and maturity[ajuntament] < 2", false},
    {"per_area_level_of_one_area", "maturity[viure] >= 2 and maturity[viure] < 2", true},
    // enums
    {"enum_two_values", "province == girona and province == lleida", true},
    {"enum_eq_ne", "province == girona and province != girona", true},
    {"enum_ne_eq", "province != girona and province == girona", true},
    {"enum_value_on_the_left", "girona == province and lleida == province", true},
    {"enum_in_then_eq", "province in [girona, lleida] and province == barcelona", true},
    {"enum_not_in_then_in", "province not in [girona, lleida] and province in [lleida]", true},
    {"enum_every_value_excluded", "province not in [barcelona, girona] and province not in [lleida, tarragona]", true},
    {"enum_ne_then_in", "province != girona and province != lleida and province in [girona, lleida]", true},
    {"enum_some_values_excluded", "province != barcelona and province != girona", false},
    {"enum_overlapping_lists", "province in [girona, lleida] and province in [lleida, tarragona]", false},
    {"enum_not_in_every_value", "not province in [barcelona, girona, lleida, tarragona]", true},
    // bools
    {"bool_and_not", "agenda and not agenda", true},
    {"bool_compared", "agenda == true and agenda == false", true},
    {"bool_ne", "agenda != false and not agenda", true},
    {"bool_or_not", "agenda or not agenda", false},
    {"const_false", "false", true},
    {"const_true", "true", false},
    // through segments: petit = population < 1000, gran = population >= 20000,
    // extrems = population < 10 or population > 100
    {"segments_disjoint", "petit and gran", true},
    {"segment_and_compatible_bound", "petit and population > 500", false},
    {"segment_and_incompatible_bound", "petit and population >= 1000", true},
    {"not_segment", "not petit and population < 10", true},
    {"or_in_segment_every_case_fails", "extrems and population == 50", true},
    {"or_in_segment_one_case_holds", "extrems and population == 5", false},
    {"not_or_in_segment", "not extrems and population > 100", true},
    {"not_not", "not not gran and petit", true},
};

class CheckerContradiction : public ::testing::TestWithParam<Contradiction> {};

TEST_P(CheckerContradiction, RuleWarnsOnlyWhenItCanNeverFire) {
  const Contradiction& c = GetParam();
  auto rb = check({{"rule.pzl", std::string("rule r\n  when ") + c.when + "\n  suggest seu\n"},
                   {"base.pzl", std::string(kProfile) + kCheckerMetamodel +
                                    "segment petit = population < 1000\n"
                                    "segment gran = population >= 20000\n"
                                    "segment extrems = population < 10 or population > 100\n"
                                    "rule segments when petit or gran or extrems suggest seu\n"}});
  EXPECT_EQ(brief(rb),
            c.never_fires ? std::string("rule.pzl:1:6: W500 rule 'r' never fires: '") + c.when + "' can never be true\n"
                          : std::string());
  EXPECT_NE(rb.program, nullptr);
}

INSTANTIATE_TEST_SUITE_P(Checker, CheckerContradiction, ::testing::ValuesIn(kContradictions),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CheckerContradictions, WarningsCarryTheirHints) {
  auto rb = check({{"a.pzl", std::string(kProfile) + kCheckerMetamodel +
                                 "segment mitja = population > 20000 and population < 5000\n"
                                 "segment mitja_gironi = mitja and province == girona\n"
                                 "rule r\n  when mitja_gironi or agenda\n  suggest seu\n"}});
  EXPECT_EQ(full(rb),
            "a.pzl:30:9: warning[W501]: segment 'mitja' is empty: no profile satisfies "
            "'population > 20000 and population < 5000'\n"
            " 30 | segment mitja = population > 20000 and population < 5000\n"
            "    |         ^^^^^\n"
            "  hint: check the bounds of its comparisons\n"
            "a.pzl:31:9: warning[W501]: segment 'mitja_gironi' is empty: no profile satisfies "
            "'mitja and province == girona'\n"
            " 31 | segment mitja_gironi = mitja and province == girona\n"
            "    |         ^^^^^^^^^^^^\n"
            "  hint: check the bounds of its comparisons\n");
  EXPECT_NE(rb.program, nullptr);
}

TEST(CheckerContradictions, ForWhereAndWhenAreAnalysedTogether) {
  auto rb =
      check({{"a.pzl", std::string(kProfile) + kCheckerMetamodel +
                           "rule only_where\n  for e in needs where population < 0 and population > 0\n  suggest e\n"
                           "rule only_when\n  for e in needs where in_place(e)\n  when province == girona and "
                           "province == lleida\n  suggest e\n"
                           "rule together\n  for e in needs where population < 10\n  when population > 100\n"
                           "  suggest e\n"
                           "rule fine\n  for e in needs where population < 10\n  when population > 5\n"
                           "  suggest e\n"}});
  EXPECT_EQ(brief(rb),
            "a.pzl:30:6: W500 rule 'only_where' never fires: 'population < 0 and population > 0' can never be true\n"
            "a.pzl:33:6: W500 rule 'only_when' never fires: 'province == girona and province == lleida' can never "
            "be true\n"
            "a.pzl:37:6: W500 rule 'together' never fires: 'population < 10' and 'population > 100' can never both "
            "be true\n");
}

TEST(CheckerContradictions, NoWarningsWhenThereAreErrors) {
  auto rb = check({{"a.pzl", std::string(kProfile) + kCheckerMetamodel +
                                 "segment buit = population < 0 and population > 0\n"
                                 "rule r when population < 0 and population > 0 suggest ningu\n"}});
  EXPECT_EQ(brief(rb), "a.pzl:31:55: E200 unknown element 'ningu'\n");
}

TEST(CheckerContradictions, LongConditionsAreShortenedInTheMessage) {
  auto rb = check({{"rule.pzl",
                    "rule r\n  when province != barcelona and province != girona and province != lleida and "
                    "province != tarragona\n  suggest seu\n"},
                   {"base.pzl", std::string(kProfile) + kCheckerMetamodel}});
  EXPECT_EQ(brief(rb),
            "rule.pzl:1:6: W500 rule 'r' never fires: 'province != barcelona and province != girona and province != "
            "lleida and provi...' can never be true\n");
}

// Known parser issue: a parenthesised expression's span leaves out its parentheses, so the
// quoted condition loses them ("population < 10 or population > 100) and ..."). Enable once the
// grammar gives parenthesised expressions their full span.
TEST(CheckerContradictions, ParenthesisedConditionsAreQuotedWhole) {
  const std::string when = "(population < 10 or population > 100) and population == 50";
  auto rb = check({{"rule.pzl", "rule r\n  when " + when + "\n  suggest seu\n"},
                   {"base.pzl", std::string(kProfile) + kCheckerMetamodel}});
  EXPECT_EQ(brief(rb), "rule.pzl:1:6: W500 rule 'r' never fires: '" + when + "' can never be true\n");
}

// ---- unused declarations (W502) -----------------------------------------------------------

TEST(CheckerUnused, SegmentsProvidersSolutionsAndForVariables) {
  auto rb = check({{"a.pzl", std::string(kProfile) + kCheckerMetamodel +
                                 "segment petit = population < 1000\n"                 // used by mitja only: fine
                                 "segment mitja = not petit and population < 20000\n"  // never used
                                 "segment gran = population >= 20000\n"                // used by a rule
                                 "provider aoc \"Consorci AOC\"\n"                     // offers seu_e
                                 "provider buit \"Sense solucions\"\n"
                                 "solution aoc.seu_e \"SEU-e\" { covers seu }\n"
                                 "solution aoc.enotum \"e-NOTUM\"\n"         // covered by no element...
                                 "solution aoc.via_oberta \"Via Oberta\"\n"  // ...this one by an element
                                 "element registre_general \"Registre\" in ajuntament.admin.entrada {\n"
                                 "  solution aoc.via_oberta\n}\n"
                                 "rule r1\n  when gran\n  for e in needs\n  suggest seu\n"
                                 "rule r2\n  for e in needs where not in_place(e)\n  suggest seu\n"
                                 "rule r3\n  for e in needs\n  suggest seu\n  because \"{e.cost} EUR\"\n"
                                 "rule r4\n  for e in needs\n  boost e\n"}});
  EXPECT_EQ(full(rb),
            "a.pzl:31:9: warning[W502]: segment 'mitja' is never used\n"
            " 31 | segment mitja = not petit and population < 20000\n"
            "    |         ^^^^^\n"
            "  hint: use it in a rule's condition or remove it\n"
            "a.pzl:34:10: warning[W502]: provider 'buit' offers no solution\n"
            " 34 | provider buit \"Sense solucions\"\n"
            "    |          ^^^^\n"
            "  hint: declare its solutions as 'solution buit.NAME \"Label\"' or remove it\n"
            "a.pzl:36:10: warning[W502]: solution 'aoc.enotum' covers no element\n"
            " 36 | solution aoc.enotum \"e-NOTUM\"\n"
            "    |          ^^^^^^^^^^\n"
            "  hint: add 'covers ELEMENT' to it\n"
            "a.pzl:43:7: warning[W502]: variable 'e' of rule 'r1' is never used\n"
            " 43 |   for e in needs\n"
            "    |       ^\n"
            "  hint: name it as the target of an effect, e.g. suggest e\n");
  EXPECT_NE(rb.program, nullptr);
}

TEST(CheckerUnused, AnUnusedForVariableIsReportedEvenWithErrors) {
  auto rb =
      check({{"a.pzl", std::string(kProfile) + kCheckerMetamodel + "rule r\n  for e in needs\n  suggest ningu\n"}});
  EXPECT_EQ(brief(rb),
            "a.pzl:31:7: W502 variable 'e' of rule 'r' is never used\n"
            "a.pzl:32:11: E200 unknown element 'ningu'\n");
}

}  // namespace
}  // namespace puzle::checker_lint_test
