// Checker, structure (passes declare and metamodel): duplicates with the first declaration noted,
// and cycles of segments and of prerequisites.
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
#include "puzle/ir_dump.hpp"
#include "test_files.hpp"

namespace puzle::checker_structure_test {
namespace {

using namespace checker_tests;
using test_files::slurp;

// ---- duplicates ----------------------------------------------------------------------------

TEST(CheckerDuplicates, TheNotePointsAtTheFirstDeclarationInItsFile) {
  const Files files = {
      {"m.pzl", kCheckerMetamodel},
      {"a.pzl", "profile {\n  population: int\n}\nsegment petit = population < 1000\nrule r when petit suggest seu\n"},
      {"b.pzl",
       "// again\nsegment petit = population < 500\nrule r when petit suggest seu\nprofile {\n  population: "
       "decimal\n}\n"
       "area ajuntament \"Un altre\"\n"}};
  auto rb = check(files);
  EXPECT_EQ(full(rb),
            "b.pzl:2:9: error[E201]: segment 'petit' is declared twice\n"
            " 2 | segment petit = population < 500\n"
            "   |         ^^^^^\n"
            "  hint: rename one of them or remove the duplicate\n"
            "  note: a.pzl:4:9: first declared here\n"
            "b.pzl:3:6: error[E201]: rule 'r' is declared twice\n"
            " 3 | rule r when petit suggest seu\n"
            "   |      ^\n"
            "  hint: rename one of them or remove the duplicate\n"
            "  note: a.pzl:5:6: first declared here\n"
            "b.pzl:5:3: error[E201]: profile field 'population' is declared twice\n"
            " 5 |   population: decimal\n"
            "   |   ^^^^^^^^^^\n"
            "  hint: rename one of them or remove the duplicate\n"
            "  note: a.pzl:2:3: first declared here\n"
            "b.pzl:7:6: error[E201]: area 'ajuntament' is declared twice\n"
            " 7 | area ajuntament \"Un altre\"\n"
            "   |      ^^^^^^^^^^\n"
            "  hint: to add members to a node declared elsewhere, declare its children with 'in ajuntament'\n"
            "  note: m.pzl:1:6: first declared here\n");

  // "First" is in the order the files are given (load_rulebase sorts the files of a folder).
  auto reversed = check({files[2], files[1], files[0]});
  EXPECT_EQ(brief(reversed),
            "a.pzl:2:3: E201 profile field 'population' is declared twice\n"
            "a.pzl:4:9: E201 segment 'petit' is declared twice\n"
            "a.pzl:5:6: E201 rule 'r' is declared twice\n"
            "m.pzl:1:6: E201 area 'ajuntament' is declared twice\n");
}

TEST(CheckerDuplicates, WithinOneFileAndAcrossKinds) {
  auto rb = check({{"a.pzl",
                    "profile {\n  population: int\n  agenda: bool = false\n}\n"
                    "segment population = agenda\n"
                    "provider aoc \"AOC\"\nprovider aoc \"AOC bis\"\n"
                    "solution aoc.x \"X\"\nsolution aoc.x \"X bis\"\n"
                    "test \"t\" { given { population: 1 } }\ntest \"t\" { given { population: 2 } }\n"
                    "roadmap { phase curt \"Curt\" phase curt \"Curt bis\" }\n"}});
  EXPECT_EQ(full(rb),
            "a.pzl:5:9: error[E201]: segment 'population' has the name of a profile field\n"
            " 5 | segment population = agenda\n"
            "   |         ^^^^^^^^^^\n"
            "  hint: give the segment another name\n"
            "  note: a.pzl:2:3: the field is declared here\n"
            "a.pzl:7:10: error[E201]: provider 'aoc' is declared twice\n"
            " 7 | provider aoc \"AOC bis\"\n"
            "   |          ^^^\n"
            "  hint: rename one of them or remove the duplicate\n"
            "  note: a.pzl:6:10: first declared here\n"
            "a.pzl:9:10: error[E201]: solution 'aoc.x' is declared twice\n"
            " 9 | solution aoc.x \"X bis\"\n"
            "   |          ^^^^^\n"
            "  hint: rename one of them or remove the duplicate\n"
            "  note: a.pzl:8:10: first declared here\n"
            "a.pzl:11:6: error[E201]: test 't' is declared twice\n"
            " 11 | test \"t\" { given { population: 2 } }\n"
            "    |      ^^^\n"
            "  hint: rename one of them or remove the duplicate\n"
            "  note: a.pzl:10:6: first declared here\n"
            "a.pzl:12:35: error[E205]: phase 'curt' is declared twice\n"
            " 12 | roadmap { phase curt \"Curt\" phase curt \"Curt bis\" }\n"
            "    |                                   ^^^^\n"
            "  note: a.pzl:12:17: first declared here\n");
}

// ---- the key field -------------------------------------------------------------------------

// The name of the field marked key, or "-".
std::string key_name(const CheckedRulebase& rb) {
  const auto& p = rb.program ? *rb.program : *rb.partial;
  return p.key_field == ir::kNone ? "-" : p.fields.at(p.key_field).name;
}

TEST(CheckerKey, OneFieldMarkedKeyIdentifiesTheProfile) {
  auto rb = check({{"p.pzl", "profile {\n  population: int\n  key ine_code: text = \"\"\n}\n"},
                   {"q.pzl", "profile {\n  comarca: text = \"\"\n}\n"}});
  ASSERT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  EXPECT_EQ(key_name(rb), "ine_code");
  EXPECT_EQ(rb.program->key_field, 1u);  // comarca, ine_code, population
  EXPECT_NE(dump_program(*rb.program).find("field ine_code kind=4 key = \"\"\n"), std::string::npos);

  auto none = check({{"p.pzl", "profile {\n  population: int\n  ine_code: text = \"\"\n}\n"}});
  ASSERT_NE(none.program, nullptr);
  EXPECT_EQ(none.program->key_field, ir::kNone);
  EXPECT_EQ(dump_program(*none.program).find(" key"), std::string::npos);
}

TEST(CheckerKey, AKeyIsATextAnIntOrAnEnum) {
  auto rb = check({{"p.pzl",
                    "profile {\n  key a: text\n}\n"
                    "profile {\n  key b: int\n}\n"
                    "profile {\n  key c: enum { x, y }\n}\n"}});
  EXPECT_EQ(brief(rb),
            "p.pzl:5:3: E405 'key' is given twice in the profile: on 'a' and on 'b'\n"
            "p.pzl:8:3: E405 'key' is given twice in the profile: on 'a' and on 'c'\n");
  for (const char* type : {"decimal", "money", "bool", "level 0..5", "level[area] 0..5", "set<element>"}) {
    auto bad = check({{"p.pzl", std::string("profile {\n  key f: ") + type + "\n}\n"}});
    EXPECT_EQ(bad.diagnostics.error_count(), 1u) << type;
    EXPECT_EQ(key_name(bad), "-") << type;
  }
  EXPECT_EQ(full(check({{"p.pzl", "profile {\n  key in_place: set<element> = []\n}\n"}})),
            "p.pzl:2:3: error[E405]: the key field 'in_place' is of type set<element>\n"
            " 2 |   key in_place: set<element> = []\n"
            "   |   ^^^\n"
            "  hint: a key identifies a profile: mark a field of type text, int or enum\n");
  EXPECT_EQ(brief(check({{"p.pzl", "profile {\n  key maturity: level[area] 0..5 = 0\n}\n"}})),
            "p.pzl:2:3: E405 the key field 'maturity' is of type level[area]\n");
  for (const char* type : {"text", "int", "enum { x, y }"}) {
    auto ok = check({{"p.pzl", std::string("profile {\n  key f: ") + type + "\n}\n"}});
    EXPECT_EQ(full(ok), "") << type;
    EXPECT_EQ(key_name(ok), "f") << type;
  }
}

TEST(CheckerKey, ASecondKeyNamesBothWithANoteAtTheFirstInFileOrder) {
  const Files files = {{"a.pzl", "profile {\n  population: int\n  key ine_code: text = \"\"\n}\n"},
                       {"b.pzl", "profile {\n  key idescat_code: text = \"\"\n}\n"}};
  auto rb = check(files);
  EXPECT_EQ(full(rb),
            "b.pzl:2:3: error[E405]: 'key' is given twice in the profile: on 'ine_code' and on 'idescat_code'\n"
            " 2 |   key idescat_code: text = \"\"\n"
            "   |   ^^^\n"
            "  hint: one field identifies a profile; remove 'key' from the other\n"
            "  note: a.pzl:3:3: 'ine_code' is marked key here\n");
  EXPECT_EQ(key_name(rb), "ine_code");
  // "First" is in the order the files are given, not by name.
  auto reversed = check({files[1], files[0]});
  EXPECT_EQ(brief(reversed),
            "a.pzl:3:3: E405 'key' is given twice in the profile: on 'idescat_code' and on 'ine_code'\n");
  EXPECT_EQ(key_name(reversed), "idescat_code");
  // A second key of a wrong type is reported for both reasons.
  EXPECT_EQ(brief(check({{"a.pzl", "profile {\n  key a: text\n  key b: bool\n}\n"}})),
            "a.pzl:3:3: E405 'key' is given twice in the profile: on 'a' and on 'b'\n"
            "a.pzl:3:3: E405 the key field 'b' is of type bool\n");
}

TEST(CheckerKey, AFieldNamedKeyIsAnOrdinaryField) {
  auto rb = check({{"p.pzl",
                    "profile {\n  key: text = \"\"\n  population: int\n}\n"
                    "segment s = key == \"25100\" and population < 1000\n"
                    "rule r when s suggest seu\n"},
                   {"m.pzl", kCheckerMetamodel}});
  ASSERT_EQ(full(rb), "");
  EXPECT_EQ(key_name(rb), "-");
  auto keyed = check({{"p.pzl", "profile {\n  key key: int\n}\n"}});
  ASSERT_EQ(full(keyed), "");
  EXPECT_EQ(key_name(keyed), "key");
}

// ---- cycles --------------------------------------------------------------------------------

TEST(CheckerCycles, SegmentCyclesAreListedInOrder) {
  auto rb = check({{"s.pzl",
                    "profile { population: int }\n"
                    "segment a = b and population > 1\n"
                    "segment b = c or population < 0\n"
                    "segment c = not a\n"
                    "segment d = d\n"
                    "segment e = a\n"}});
  EXPECT_EQ(full(rb),
            "s.pzl:2:9: error[E408]: segment cycle: a → b → c → a\n"
            " 2 | segment a = b and population > 1\n"
            "   |         ^\n"
            "  hint: a segment cannot be defined in terms of itself\n"
            "s.pzl:5:9: error[E408]: segment cycle: d → d\n"
            " 5 | segment d = d\n"
            "   |         ^\n"
            "  hint: a segment cannot be defined in terms of itself\n");
}

TEST(CheckerCycles, PrerequisiteCyclesAreListedInOrderFromTheFirstElement) {
  auto rb = check({{"m.pzl",
                    "area x \"X\" {\n"
                    "  domain d \"D\" {\n"
                    "    block b \"B\" {\n"
                    "      element a0 \"A0\" { requires c2 }\n"
                    "      element c1 \"C1\" { requires c2 }\n"
                    "      element c2 \"C2\" { requires c3 }\n"
                    "      element sol \"Sol\" { requires a0, sol }\n"
                    "    }\n"
                    "  }\n"
                    "}\n"},
                   {"n.pzl", "element c3 \"C3\" in x.d.b {\n  requires c1\n}\n"}});
  EXPECT_EQ(full(rb),
            "m.pzl:5:34: error[E401]: prerequisite cycle: c1 → c2 → c3 → c1\n"
            " 5 |       element c1 \"C1\" { requires c2 }\n"
            "   |                                  ^^\n"
            "  hint: an element cannot need itself, directly or through others; remove one 'requires'\n"
            "m.pzl:7:40: error[E401]: prerequisite cycle: sol → sol\n"
            " 7 |       element sol \"Sol\" { requires a0, sol }\n"
            "   |                                        ^^^\n"
            "  hint: an element cannot need itself, directly or through others; remove one 'requires'\n");
}

TEST(CheckerCycles, ElementsWithoutCyclesKeepSortedPrerequisites) {
  auto rb = check({{"m.pzl",
                    "area x \"X\" { domain d \"D\" { block b \"B\" {\n"
                    "  element c \"C\" { requires b, a }\n"
                    "  element b \"B\" { requires a }\n"
                    "  element a \"A\"\n"
                    "} } }\n"}});
  EXPECT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  EXPECT_EQ(rb.program->elements[2].requires_, (std::vector<ir::ElementId>{0, 1}));
  EXPECT_EQ(rb.program->elements[1].requires_, std::vector<ir::ElementId>{0});
}

}  // namespace
}  // namespace puzle::checker_structure_test
