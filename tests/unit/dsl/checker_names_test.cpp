// Checker, names (passes declare and metamodel): references across files, short ids, paths and
// suffixes, ambiguity, suggestions, and nodes declared apart from their parents (`in PATH`).
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

namespace puzle::checker_names_test {
namespace {

using namespace checker_tests;
using test_files::slurp;

// ---- names across files and element references ----------------------------------------------

TEST(CheckerNames, ElementDeclaredInOneFileIsUsedInAnother) {
  auto rb = check({{"rules.pzl", "rule avisos\n  when in_place(seu) and population > 100\n  suggest notificacions\n"},
                   {"profile.pzl", kProfile},
                   {"metamodel.pzl", kCheckerMetamodel}});
  EXPECT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  const auto& r = rule(*rb.program, "avisos");
  ASSERT_EQ(r.effects.size(), 1u);
  EXPECT_EQ(r.effects[0].target, element(*rb.program, "ajuntament.admin.relacio.notificacions"));
}

TEST(CheckerNames, SegmentsProvidersAndSolutionsResolveAcrossFiles) {
  auto rb = check({{"a.pzl", "segment petit = population < 1000\nsolution aoc.seu_e \"SEU-e\" { covers seu }\n"},
                   {"b.pzl", "rule seu_petit\n  when petit\n  suggest seu\nprovider aoc \"Consorci AOC\"\n"},
                   {"c.pzl", std::string(kProfile) + kCheckerMetamodel}});
  EXPECT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  ASSERT_EQ(rb.program->solutions.size(), 1u);
  EXPECT_EQ(rb.program->solutions[0].provider, 0u);
  EXPECT_EQ(rb.program->solutions[0].covers,
            std::vector<ir::ElementId>{element(*rb.program, "ajuntament.admin.relacio.seu")});
}

TEST(CheckerNames, ShortIdFullPathAndUniqueSuffixNameTheSameElement) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"r.pzl",
                    "rule a suggest seu\n"
                    "rule b suggest relacio.seu\n"
                    "rule c suggest admin.relacio.seu\n"
                    "rule d suggest ajuntament.admin.relacio.seu\n"
                    "rule e suggest entrada.registre\n"
                    "rule f suggest energia.enllumenat.registre\n"
                    "rule g suggest viure.energia.enllumenat.registre\n"}});
  EXPECT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  const auto& p = *rb.program;
  const auto seu = element(p, "ajuntament.admin.relacio.seu");
  for (const char* id : {"a", "b", "c", "d"}) EXPECT_EQ(rule(p, id).effects.at(0).target, seu) << id;
  EXPECT_EQ(rule(p, "e").effects.at(0).target, element(p, "ajuntament.admin.entrada.registre"));
  EXPECT_EQ(rule(p, "f").effects.at(0).target, element(p, "viure.energia.enllumenat.registre"));
  EXPECT_EQ(rule(p, "g").effects.at(0).target, element(p, "viure.energia.enllumenat.registre"));
}

TEST(CheckerNames, AmbiguousIdListsEveryCandidate) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"sortida.pzl",
                    "block sortida \"Sortida\" in ajuntament.admin {\n  element registre \"Registre de sortida\"\n}\n"},
                   {"r.pzl", std::string(kProfile) + "rule r\n"
                                                     "  require registre\n"
                                                     "rule s\n"
                                                     "  when in_place(registre)\n"
                                                     "  suggest admin.registre\n"}});
  EXPECT_EQ(full(rb),
            "r.pzl:13:11: error[E202]: element id 'registre' is ambiguous: it names ajuntament.admin.entrada.registre, "
            "ajuntament.admin.sortida.registre, viure.energia.enllumenat.registre\n"
            " 13 |   require registre\n"
            "    |           ^^^^^^^^\n"
            "  hint: write the full path, e.g. ajuntament.admin.entrada.registre\n"
            "r.pzl:15:17: error[E202]: 'registre' is ambiguous: it names ajuntament.admin.entrada.registre, "
            "ajuntament.admin.sortida.registre, viure.energia.enllumenat.registre\n"
            " 15 |   when in_place(registre)\n"
            "    |                 ^^^^^^^^\n"
            "  hint: write the full path, e.g. ajuntament.admin.entrada.registre\n"
            "r.pzl:16:11: error[E200]: unknown element 'admin.registre'\n"
            " 16 |   suggest admin.registre\n"
            "    |           ^^^^^^^^^^^^^^\n"
            "  hint: no element has this path; the elements named 'registre' are: ajuntament.admin.entrada.registre, "
            "ajuntament.admin.sortida.registre, viure.energia.enllumenat.registre\n");
  EXPECT_EQ(rb.program, nullptr);
}

TEST(CheckerNames, UnknownElementsGetTheClosestName) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"r.pzl",
                    "rule a suggest seus\n"
                    "rule b suggest relacio.sue\n"
                    "rule c suggest dmin.relacio.seu\n"
                    "rule d suggest totalment_desconegut\n"}});
  EXPECT_EQ(full(rb),
            "r.pzl:1:16: error[E200]: unknown element 'seus'\n"
            " 1 | rule a suggest seus\n"
            "   |                ^^^^\n"
            "  hint: did you mean 'seu'?\n"
            "r.pzl:2:16: error[E200]: unknown element 'relacio.sue'\n"
            " 2 | rule b suggest relacio.sue\n"
            "   |                ^^^^^^^^^^^\n"
            "  hint: did you mean 'seu'?\n"
            "r.pzl:3:16: error[E200]: unknown element 'dmin.relacio.seu'\n"
            " 3 | rule c suggest dmin.relacio.seu\n"
            "   |                ^^^^^^^^^^^^^^^^\n"
            "  hint: no element has this path; the elements named 'seu' are: ajuntament.admin.relacio.seu\n"
            "r.pzl:4:16: error[E200]: unknown element 'totalment_desconegut'\n"
            " 4 | rule d suggest totalment_desconegut\n"
            "   |                ^^^^^^^^^^^^^^^^^^^^\n");
}

TEST(CheckerNames, NodeThatIsNotAnElementShowsTheElementsItHolds) {
  auto rb = check({{"m.pzl", kCheckerMetamodel},
                   {"r.pzl",
                    "rule a suggest relacio\n"
                    "element x \"X\" in ajuntament.admin.relacio { requires ajuntament }\n"
                    "area buida \"Buida\"\n"
                    "rule b exclude buida\n"}});
  EXPECT_EQ(full(rb),
            "r.pzl:1:16: error[E203]: 'relacio' is a block, not an element\n"
            " 1 | rule a suggest relacio\n"
            "   |                ^^^^^^^\n"
            "  hint: only elements (the fourth level) can be named here; block 'relacio' holds: notificacions, seu, x\n"
            "r.pzl:2:54: error[E203]: 'ajuntament' is an area, not an element\n"
            " 2 | element x \"X\" in ajuntament.admin.relacio { requires ajuntament }\n"
            "   |                                                      ^^^^^^^^^^\n"
            "  hint: only elements (the fourth level) can be named here; area 'ajuntament' holds: registre, "
            "notificacions, seu, x\n"
            "r.pzl:4:16: error[E203]: 'buida' is an area, not an element\n"
            " 4 | rule b exclude buida\n"
            "   |                ^^^^^\n"
            "  hint: only elements (the fourth level) can be named here\n");
}

TEST(CheckerNames, ExpressionsPreferTheElementOrTheAreaTheyNeed) {
  // `enllumenat` is a block and an element; `viure` is an area and an element.
  auto rb = check({{"p.pzl", kProfile},
                   {"m.pzl",
                    "area viure \"Viure\" {\n"
                    "  domain energia \"Energia\" {\n"
                    "    block enllumenat \"Enllumenat\" {\n"
                    "      element enllumenat \"Enllumenat intel·ligent\"\n"
                    "      element viure \"Viure millor\"\n"
                    "    }\n"
                    "  }\n"
                    "}\n"},
                   {"r.pzl",
                    "rule r\n  when in_place(enllumenat) and maturity[viure] >= 2 and not in_place(viure)\n"
                    "  suggest enllumenat, viure\n"}});
  EXPECT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  const auto& r = rule(*rb.program, "r");
  ASSERT_EQ(r.effects.size(), 2u);
  EXPECT_EQ(r.effects[0].target, element(*rb.program, "viure.energia.enllumenat.enllumenat"));
  EXPECT_EQ(r.effects[1].target, element(*rb.program, "viure.energia.enllumenat.viure"));
}

// ---- `in PATH` -----------------------------------------------------------------------------

TEST(CheckerInPath, NodesDeclaredApartFromTheirParentInAnyFileOrder) {
  auto rb = check({{"a.pzl",
                    "block enllumenat \"Enllumenat\" in viure.energia {\n"
                    "  element punts_llum \"Punts de llum\"\n"
                    "}\n"
                    "element comptadors \"Comptadors\" in viure.energia.enllumenat\n"},
                   {"b.pzl", "domain energia \"Energia\" in viure\narea viure \"Viure\"\n"},
                   {"c.pzl", "rule r suggest punts_llum, enllumenat.comptadors\n"}});
  EXPECT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  const auto& p = *rb.program;
  std::vector<std::string> paths;
  for (const auto& n : p.nodes) paths.push_back(n.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"viure", "viure.energia", "viure.energia.enllumenat",
                                      "viure.energia.enllumenat.comptadors", "viure.energia.enllumenat.punts_llum"}));
  EXPECT_EQ(p.nodes[0].children, std::vector<ir::NodeId>{1});
  EXPECT_EQ(p.nodes[2].children, (std::vector<ir::NodeId>{3, 4}));
  EXPECT_EQ(p.nodes[3].parent, 2u);
  EXPECT_EQ(p.elements[0].domain, 1u);
  EXPECT_EQ(p.elements[0].block, 2u);
}

TEST(CheckerInPath, UnknownParents) {
  auto rb = check({{"m.pzl",
                    "area viure \"Viure\" {\n"
                    "  domain energia \"Energia\"\n"
                    "}\n"
                    "block b1 \"B1\" in energia\n"
                    "block b2 \"B2\" in viure.energi\n"
                    "block b3 \"B3\" in enlloc\n"
                    "element e3 \"E3\" in enlloc.b3\n"}});
  // e3 is in b3, which is already reported: no second error for it.
  EXPECT_EQ(full(rb),
            "m.pzl:4:18: error[E200]: unknown parent 'energia'\n"
            " 4 | block b1 \"B1\" in energia\n"
            "   |                  ^^^^^^^\n"
            "  hint: 'in' takes the full path of the parent: viure.energia\n"
            "m.pzl:5:18: error[E200]: unknown parent 'viure.energi'\n"
            " 5 | block b2 \"B2\" in viure.energi\n"
            "   |                  ^^^^^^^^^^^^\n"
            "  hint: did you mean 'viure.energia'?\n"
            "m.pzl:6:18: error[E200]: unknown parent 'enlloc'\n"
            " 6 | block b3 \"B3\" in enlloc\n"
            "   |                  ^^^^^^\n"
            "  hint: 'in' takes the full path of the parent, from its area, e.g. 'block NAME in AREA.DOMAIN'\n");
}

TEST(CheckerInPath, WrongLevels) {
  auto rb = check({{"m.pzl",
                    "area viure \"Viure\" {\n"
                    "  domain energia \"Energia\"\n"
                    "}\n"
                    "element e4 \"E4\" in viure.energia\n"
                    "area a5 \"A5\" in viure\n"
                    "block b6 \"B6\" in viure.energia {\n"
                    "  element e6 \"E6\" in viure.energia.b6\n"
                    "}\n"
                    "block b7 \"B7\"\n"}});
  EXPECT_EQ(brief(rb),
            "m.pzl:4:9: E400 element 'e4' is inside domain 'energia'; it belongs in a block\n"
            "m.pzl:5:6: E400 area 'a5' is inside area 'viure'; an area is top-level\n"
            "m.pzl:7:22: E400 element 'e6' is nested and also says 'in viure.energia.b6'\n"
            "m.pzl:9:7: E400 block 'b7' is not inside a domain\n");
}

}  // namespace
}  // namespace puzle::checker_names_test
