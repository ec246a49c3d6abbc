// Grammar tests: every construct of the .pzl grammar, parsed and printed with dump_ast.
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/grammar.hpp"
#include "puzle/ast_dump.hpp"
#include "unit/dsl/parse_helper.hpp"

namespace puzle::grammar_test {
namespace {

struct Row {
  const char* name;
  const char* input;
  const char* dump;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

using test_support::Parsed;
Parsed parse(const std::string& text) { return test_support::parse_text(text, "grammar.pzl"); }

const Row kRows[] = {
    // ---- profile ----
    {"profile_empty", "profile {}", "profile\n"},
    {"profile_simple_types", "profile { a: int b: decimal c: money d: bool e: text }",
     "profile\n  a: int\n  b: decimal\n  c: money\n  d: bool\n  e: text\n"},
    {"profile_enum", "profile {\n  province: enum { barcelona, girona, lleida, tarragona }\n  one: enum{x}\n}",
     "profile\n  province: enum {barcelona, girona, lleida, tarragona}\n  one: enum {x}\n"},
    {"profile_enum_trailing_comma", "profile { p: enum { a, b, } }", "profile\n  p: enum {a, b}\n"},
    {"profile_level", "profile { m: level 0..5  n: level -2..2  o: level ..3  q: level 1.. }",
     "profile\n  m: level 0..5\n  n: level -2..2\n  o: level ..3\n  q: level 1..\n"},
    {"profile_level_indexed", "profile { maturity: level[area] 0..5 = 0  other: level [ domain ] 1 .. 3 }",
     "profile\n  maturity: level[area] 0..5 = 0\n  other: level[domain] 1..3\n"},
    {"profile_set", "profile { in_place: set<element> = []  needs: set < element > }",
     "profile\n  in_place: set<element> = []\n  needs: set<element>\n"},
    {"profile_defaults",
     "profile {\n  a: int = 5\n  b: decimal = -1.25\n  c: money = 1500.00\n  d: bool = true\n  e: bool = false\n"
     "  f: text = \"Vic\"\n  g: enum { x, y } = y\n  h: set<element> = [seu, aoc.enotum]\n  i: int = 2 * 3\n}",
     "profile\n  a: int = 5\n  b: decimal = -1.25\n  c: money = 1500.00\n  d: bool = true\n  e: bool = false\n"
     "  f: text = \"Vic\"\n  g: enum {x, y} = y\n  h: set<element> = [seu aoc.enotum]\n  i: int = (* 2 3)\n"},
    {"profile_contextual_keywords_as_names",
     "profile { text: text size: int budget: money url: text from: int until: int level: level 0..1 set: int }",
     "profile\n  text: text\n  size: int\n  budget: money\n  url: text\n  from: int\n  until: int\n"
     "  level: level 0..1\n  set: int\n"},
    // `key` marks the field that identifies a profile; before ':' it is a field's name.
    {"profile_key", "profile {\n  key ine_code: text = \"\"  // INE code\n  population: int\n}",
     "profile\n  key ine_code: text = \"\"\n  population: int\n"},
    {"profile_key_as_field_name", "profile { key: text  key key: int  key\n  // c\n  code: enum { a } }",
     "profile\n  key: text\n  key key: int\n  key code: enum {a}\n"},

    // ---- metamodel ----
    {"node_nesting_with_labels",
     "area ajuntament \"Ajuntament\" {\n"
     "  domain admin \"Administració electrònica\" {\n"
     "    block relacio \"Relació amb la ciutadania\" {\n"
     "      element seu \"Seu electrònica\" { effort 2 cost 1500.00 }\n"
     "      element notificacions\n"
     "    }\n"
     "  }\n"
     "  domain viure\n"
     "}",
     "area ajuntament \"Ajuntament\"\n"
     "  domain admin \"Administració electrònica\"\n"
     "    block relacio \"Relació amb la ciutadania\"\n"
     "      element seu \"Seu electrònica\"\n"
     "        effort 2\n"
     "        cost 1500.00\n"
     "      element notificacions\n"
     "  domain viure\n"},
    {"node_members",
     "element notificacions \"Notificacions\" {\n"
     "  label es \"Notificaciones\"\n"
     "  label en \"Notifications\"\n"
     "  description \"Notificacions electròniques\"\n"
     "  description es \"Notificaciones electrónicas\"\n"
     "  effort 3.5\n"
     "  cost 0\n"
     "  requires seu, ajuntament.admin.relacio.registre\n"
     "  requires padro\n"
     "  solution aoc.enotum, aoc.efact\n"
     "}",
     "element notificacions \"Notificacions\"\n"
     "  label es \"Notificaciones\"\n"
     "  label en \"Notifications\"\n"
     "  description \"Notificacions electròniques\"\n"
     "  description es \"Notificaciones electrónicas\"\n"
     "  effort 3.5\n"
     "  cost 0\n"
     "  requires seu\n"
     "  requires ajuntament.admin.relacio.registre\n"
     "  requires padro\n"
     "  solution aoc.enotum\n"
     "  solution aoc.efact\n"},
    {"node_in_parent",
     "element enllumenat \"Enllumenat intel·ligent\" in ajuntament.viure.ciutat { effort 5 }\n"
     "block ciutat in viure\n"
     "domain viure \"Viure\" in ajuntament {}",
     "element enllumenat \"Enllumenat intel·ligent\" in ajuntament.viure.ciutat\n"
     "  effort 5\n"
     "block ciutat in viure\n"
     "domain viure \"Viure\" in ajuntament\n"},
    {"node_label_escapes", "area a \"Seu \\\"nova\\\" \\\\ tab\\tend\"", "area a \"Seu \\\"nova\\\" \\\\ tab\tend\"\n"},
    {"node_empty_body", "area a {}\ndomain b{}", "area a\ndomain b\n"},

    // ---- providers and solutions ----
    {"provider_plain", "provider aoc \"Consorci AOC\"", "provider aoc \"Consorci AOC\"\n"},
    {"provider_body",
     "provider aoc \"Consorci AOC\" {\n"
     "  label es \"Consorcio AOC\"\n"
     "  description \"Administració Oberta de Catalunya\"\n"
     "  description en \"Open Administration of Catalonia\"\n"
     "  url \"https://www.aoc.cat\"\n"
     "}",
     "provider aoc \"Consorci AOC\"\n"
     "  label es \"Consorcio AOC\"\n"
     "  description \"Administració Oberta de Catalunya\"\n"
     "  description en \"Open Administration of Catalonia\"\n"
     "  url \"https://www.aoc.cat\"\n"},
    {"solution_plain", "solution aoc.enotum \"e-NOTUM\"", "solution aoc.enotum \"e-NOTUM\"\n"},
    {"solution_body",
     "solution aoc.enotum \"e-NOTUM\" {\n"
     "  label es \"e-NOTUM\"\n"
     "  description \"Notificacions\"\n"
     "  url \"https://www.aoc.cat/serveis-aoc/e-notum/\"\n"
     "  covers notificacions, ajuntament.admin.seu\n"
     "  covers registre\n"
     "  eligible when population < 1000 and not agenda_digital\n"
     "}",
     "solution aoc.enotum \"e-NOTUM\"\n"
     "  label es \"e-NOTUM\"\n"
     "  description \"Notificacions\"\n"
     "  url \"https://www.aoc.cat/serveis-aoc/e-notum/\"\n"
     "  covers notificacions\n"
     "  covers ajuntament.admin.seu\n"
     "  covers registre\n"
     "  eligible when (and (< population 1000) (not agenda_digital))\n"},
    {"provider_and_solution_acknowledge",
     "provider loc \"Localret\" { acknowledge W502 \"solutions in 2027\" url \"https://x.cat\" }\n"
     "solution loc.xarxa \"Xarxa\" { acknowledge W502 \"covers nothing yet\" cost 0 }",
     "provider loc \"Localret\"\n"
     "  url \"https://x.cat\"\n"
     "  acknowledge W502 \"solutions in 2027\"\n"
     "solution loc.xarxa \"Xarxa\"\n"
     "  cost 0\n"
     "  acknowledge W502 \"covers nothing yet\"\n"},

    // ---- segments ----
    {"segment_without_label", "segment micro = population < 1000", "segment micro = (< population 1000)\n"},
    {"segment_with_label", "segment gran \"Municipis grans\" = population >= 20000",
     "segment gran \"Municipis grans\" = (>= population 20000)\n"},
    // Acknowledgements follow the condition; any word parses as the code (the checker judges it).
    {"segment_acknowledge",
     "segment buit = population > 5 and population < 2\n"
     "  acknowledge W501 \"kept on purpose\"\n  acknowledge rule \"\"",
     "segment buit = (and (> population 5) (< population 2))\n"
     "  acknowledge W501 \"kept on purpose\"\n  acknowledge rule \"\"\n"},

    // ---- rules ----
    {"rule_bare", "rule r", "rule r\n"},
    {"rule_title_source_validity",
     "rule llei_39 \"Notificacions obligatòries\"\n"
     "  source \"Llei 39/2015, art. 41\"\n"
     "  source \"RD 203/2021\"\n"
     "  valid from 2016-10-02\n"
     "  valid until 2030-12-31\n"
     "  valid from 2017-01-01 until 2018-01-01\n"
     "  require notificacions",
     "rule llei_39 \"Notificacions obligatòries\"\n"
     "  source \"Llei 39/2015, art. 41\"\n"
     "  source \"RD 203/2021\"\n"
     "  valid from 2016-10-02\n"
     "  valid from 2017-01-01\n"
     "  valid until 2030-12-31\n"
     "  valid until 2018-01-01\n"
     "  require notificacions\n"},
    {"rule_for_in_where_when",
     "rule necessitats\n"
     "  for e in needs where e.area == viure\n"
     "  for f in all_elements\n"
     "  when not in_place(e)\n"
     "  when province in [girona, lleida]\n"
     "  boost e weight 15",
     "rule necessitats\n"
     "  for e in needs where (== e.area viure)\n"
     "  for f in all_elements\n"
     "  when (not (call in_place e))\n"
     "  when (in province [girona lleida])\n"
     "  boost e weight 15\n"},
    {"rule_acknowledge",
     "rule r \"R\"\n  when a\n  acknowledge W500 \"until the decree of 2027\"\n  suggest x\n  acknowledge W502 "
     "\"\\\"q\\\"\"",
     "rule r \"R\"\n  acknowledge W500 \"until the decree of 2027\"\n  acknowledge W502 \"\\\"q\\\"\"\n  when a\n"
     "  suggest x\n"},
    {"warning_acknowledge", "warning w acknowledge W500 \"x\" because \"y\"",
     "warning w\n  acknowledge W500 \"x\"\n  because (template \"y\")\n"},
    {"rule_every_effect", "rule r\n  suggest a\n  require b\n  exclude c\n  boost d\n  penalize e",
     "rule r\n  suggest a\n  require b\n  exclude c\n  boost d\n  penalize e\n"},
    {"rule_targets_and_weights",
     "rule r\n  suggest a, b.c, d weight 20\n  penalize x weight -5\n  boost y weight 2.5\n  exclude z weight -0.25",
     "rule r\n  suggest a, b.c, d weight 20\n  penalize x weight -5\n  boost y weight 2.5\n  exclude z weight -0.25\n"},
    {"rule_because_template",
     "rule r suggest x because \"{population} habitants i maduresa {maturity[viure]} a Viure\"",
     "rule r\n  suggest x\n  because (template {population} \" habitants i maduresa \" {(index maturity viure)} \" a "
     "Viure\")\n"},
    {"rule_because_escapes", "rule r suggest x because \"\\{literal\\} \\\"q\\\" \\\\ \\n\\t{ a + 1 }\"",
     "rule r\n  suggest x\n  because (template \"{literal} \\\"q\\\" \\\\ \\n\t\" {(+ a 1)})\n"},
    {"rule_because_plain_and_empty", "rule r because \"Necessitat declarada\" because \"\"",
     "rule r\n  because (template \"Necessitat declarada\")\n  because (template)\n"},
    // A hole holds an expression, so a string inside it uses plain quotes.
    {"rule_because_hole_with_string", "rule r because \"{f(\"x\")}\"",
     "rule r\n  because (template {(call f \"x\")})\n"},

    // ---- roadmap ----
    {"roadmap_ranges",
     "roadmap {\n"
     "  phase curt \"Curt termini\" size 3..4\n"
     "  phase mitja \"Mitjà termini\" budget ..20000.50 size ..8 effort 5..\n"
     "  phase llarg\n"
     "}",
     "roadmap\n"
     "  phase curt \"Curt termini\" size 3..4\n"
     "  phase mitja \"Mitjà termini\" size ..8 effort 5.. budget ..20000.50\n"
     "  phase llarg\n"},
    {"roadmap_empty", "roadmap {}", "roadmap\n"},

    // ---- tests ----
    {"test_given_and_status_expectations",
     "test \"micro\" {\n"
     "  given { population: 190, province: lleida, maturity: { ajuntament: 1, viure: 0 } in_place: [a, b.c], "
     "agenda_digital: true, name: \"Vic\", budget_eur: 1500.50 }\n"
     "  expect suggested notificacions\n"
     "  expect not suggested enllumenat\n"
     "  expect required a.b\n"
     "  expect excluded c\n"
     "  expect blocked d\n"
     "  expect not blocked e\n"
     "}",
     "test \"micro\"\n"
     "  given {population: 190 province: lleida maturity: {ajuntament: 1 viure: 0} in_place: [a b.c] "
     "agenda_digital: true name: \"Vic\" budget_eur: 1500.50}\n"
     "  expect suggested notificacions\n"
     "  expect not suggested enllumenat\n"
     "  expect required a.b\n"
     "  expect excluded c\n"
     "  expect blocked d\n"
     "  expect not blocked e\n"},
    {"test_phase_and_score_expectations",
     "test \"roadmap\" {\n"
     "  expect phase curt contains notificacions\n"
     "  expect not phase llarg contains seu\n"
     "  expect score notificacions >= -5.5\n"
     "  expect score a > 1\n"
     "  expect score a < 2\n"
     "  expect score a <= 3\n"
     "  expect score a == 4\n"
     "  expect score a != 0\n"
     "}",
     "test \"roadmap\"\n"
     "  expect phase curt contains notificacions\n"
     "  expect not phase llarg contains seu\n"
     "  expect score notificacions >= -5.5\n"
     "  expect score a > 1\n"
     "  expect score a < 2\n"
     "  expect score a <= 3\n"
     "  expect score a == 4\n"
     "  expect score a != 0\n"},
    {"test_empty_and_keyword_keys", "test \"t\" {}\ntest \"u\" { given {} }\ntest \"v\" { given { area: 1, in: 2 } }",
     "test \"t\"\ntest \"u\"\n  given {}\ntest \"v\"\n  given {area: 1 in: 2}\n"},

    // ---- expressions: precedence and associativity ----
    {"expr_or_left_assoc", "segment s = a or b or c", "segment s = (or (or a b) c)\n"},
    {"expr_and_binds_tighter_than_or", "segment s = a and b or c and d", "segment s = (or (and a b) (and c d))\n"},
    {"expr_and_left_assoc", "segment s = a and b and c", "segment s = (and (and a b) c)\n"},
    {"expr_not_binds_tighter_than_and", "segment s = not a and b", "segment s = (and (not a) b)\n"},
    {"expr_not_looser_than_comparison", "segment s = not a == b", "segment s = (not (== a b))\n"},
    {"expr_not_not", "segment s = not not a", "segment s = (not (not a))\n"},
    {"expr_comparisons",
     "segment a = x == 1\nsegment b = x != 1\nsegment c = x < 1\nsegment d = x <= 1\n"
     "segment e = x > 1\nsegment f = x >= 1\nsegment g = x in y\nsegment h = x not in y",
     "segment a = (== x 1)\nsegment b = (!= x 1)\nsegment c = (< x 1)\nsegment d = (<= x 1)\n"
     "segment e = (> x 1)\nsegment f = (>= x 1)\nsegment g = (in x y)\nsegment h = (not in x y)\n"},
    {"expr_comparisons_without_spaces", "segment a = x<=1 and y>=2 and z!=3 and w==4 and v<5 and u>6",
     "segment a = (and (and (and (and (and (<= x 1) (>= y 2)) (!= z 3)) (== w 4)) (< v 5)) (> u 6))\n"},
    {"expr_comparison_looser_than_sum", "segment s = a + 1 < b * 2", "segment s = (< (+ a 1) (* b 2))\n"},
    {"expr_in_and_not_in_with_lists", "segment s = x in [a, b] and y not in c or not z in d",
     "segment s = (or (and (in x [a b]) (not in y c)) (not (in z d)))\n"},
    {"expr_product_binds_tighter_than_sum", "segment s = a + b * c - d / e", "segment s = (- (+ a (* b c)) (/ d e))\n"},
    {"expr_sum_left_assoc", "segment s = a - b - c + d", "segment s = (+ (- (- a b) c) d)\n"},
    {"expr_product_left_assoc", "segment s = a / b * c / d", "segment s = (/ (* (/ a b) c) d)\n"},
    {"expr_unary_minus", "segment s = -x * 3 + 1 < 2 - -5", "segment s = (< (+ (* (neg x) 3) 1) (- 2 -5))\n"},
    {"expr_unary_minus_forms",
     "segment a = - x\nsegment b = - -x\nsegment c = --5\nsegment d = -(a + b)\nsegment e = a-5",
     "segment a = (neg x)\nsegment b = (neg (neg x))\nsegment c = (neg -5)\nsegment d = (neg (+ a b))\n"
     "segment e = (- a 5)\n"},
    {"expr_parentheses", "segment s = (a + b) * (c or (d))", "segment s = (* (+ a b) (or c d))\n"},
    {"expr_index", "segment s = maturity[viure] >= m[a][b] + f(x)[0]",
     "segment s = (>= (index maturity viure) (+ (index (index m a) b) (index (call f x) 0)))\n"},
    {"expr_calls", "segment s = f() and g(a, b + 1) and h.i(\"t\")",
     "segment s = (and (and (call f) (call g a (+ b 1))) (call h.i \"t\"))\n"},
    {"expr_lists", "segment s = [] == [1, \"two\", true, false, 2.50, [x], [],]",
     "segment s = (== [] [1 \"two\" true false 2.50 [x] []])\n"},
    {"expr_object", "segment s = {a: 1, b: {c: [2]},} == {}", "segment s = (== {a: 1 b: {c: [2]}} {})\n"},
    {"expr_paths_allow_keywords_after_dot", "segment s = e.area == viure and e.in.rule",
     "segment s = (and (== e.area viure) e.in.rule)\n"},
    {"expr_string_escapes", "segment s = name == \"a\\\"b\\\\c\"", "segment s = (== name \"a\\\"b\\\\c\")\n"},

    // ---- comments and layout ----
    {"comments_everywhere",
     "// leading comment\n"
     "/* block */ profile /* a */ { // b\n"
     "  population /* c */ : /* d */ int /* e */ = /* f */ 0 // g\n"
     "}\n"
     "area /* h */ a /* i */ \"A\" /* j */ { /* k */ effort /* l */ 1 // m\n"
     "  requires /* n */ x /* o */ , /* p */ y\n"
     "}\n"
     "segment /* q */ s /* r */ = /* s */ a /* t */ and // u\n"
     "  b /* v */ + /* w */ [ /* x */ 1 /* y */ , 2 ] [ /* z */ 0 ]\n"
     "rule r // title next\n"
     "  /* 1 */ when /* 2 */ f( /* 3 */ x /* 4 */ ) // 5\n"
     "  suggest a /* 6 */ , b /* 7 */ weight /* 8 */ 3\n"
     "  because \"{ /* 9 */ x }\"\n"
     "roadmap { /* 10 */ phase /* 11 */ p /* 12 */ size /* 13 */ 1 /* 14 */ .. /* 15 */ 2 }\n"
     "test /* 16 */ \"t\" { given { /* 17 */ a /* 18 */ : /* 19 */ 1 } expect /* 20 */ not /* 21 */ suggested /* 22 */ "
     "a }\n"
     "/* trailing\n   comment */",
     "profile\n"
     "  population: int = 0\n"
     "area a \"A\"\n"
     "  effort 1\n"
     "  requires x\n"
     "  requires y\n"
     "segment s = (and a (+ b (index [1 2] 0)))\n"
     "rule r\n"
     "  when (call f x)\n"
     "  suggest a, b weight 3\n"
     "  because (template {x})\n"
     "roadmap\n"
     "  phase p size 1..2\n"
     "test \"t\"\n"
     "  given {a: 1}\n"
     "  expect not suggested a\n"},
    {"comment_markers_inside_strings_are_text", "segment s = x == \"// not a comment /* nor this */\"",
     "segment s = (== x \"// not a comment /* nor this */\")\n"},
    {"division_next_to_comment", "segment s = a /* c */ / b // d\n", "segment s = (/ a b)\n"},
    {"crlf_and_tabs", "profile {\r\n\tpopulation: int\r\n}\r\nsegment s =\tpopulation\t<\t5\r\n",
     "profile\n  population: int\nsegment s = (< population 5)\n"},
    {"empty_file", "", ""},
    {"only_comments", "// nothing\n/* at all */\n", ""},
};

class GrammarTest : public ::testing::TestWithParam<Row> {};

TEST_P(GrammarTest, ParsesToExpectedTree) {
  const Row& row = GetParam();
  Parsed p = parse(row.input);
  EXPECT_EQ(render_text(p.diags, p.sources), "");
  EXPECT_EQ(dump_ast(p.module), row.dump);
}

INSTANTIATE_TEST_SUITE_P(Constructs, GrammarTest, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& info) { return std::string(info.param.name); });

TEST(Grammar, AnalyzeReportsNoProblems) { EXPECT_EQ(tao::pegtl::analyze<dsl::grammar::whole_file>(1), 0u); }

TEST(Grammar, KeepsEveryCommentOnceInSourceOrder) {
  Parsed p = parse("// a\nsegment s = x /* b */ not in /* c */ y // d\n/* e */");
  ASSERT_EQ(render_text(p.diags, p.sources), "");
  std::vector<std::string> texts;
  for (const auto& c : p.module.comments) texts.push_back(c.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"// a", "/* b */", "/* c */", "// d", "/* e */"}));
  EXPECT_EQ(dump_ast(p.module), "segment s = (not in x y)\n");
}

TEST(Grammar, ReservedWordsAreNotNames) {
  Parsed p = parse("segment rule = x");
  EXPECT_EQ(dump_ast(p.module), "");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].message, "expected the segment's name after 'segment', found 'rule'");
}

TEST(Grammar, TheKeyOfAFieldIsTheWordKeyAndTheFieldSpanStartsThere) {
  const std::string text = "profile {\n  key  ine_code: text\n  key: int\n}";
  Parsed p = parse(text);
  ASSERT_EQ(render_text(p.diags, p.sources), "");
  ASSERT_EQ(p.module.decls.size(), 1u);
  const auto& fields = std::get<ast::ProfileDecl>(p.module.decls[0]).fields;
  ASSERT_EQ(fields.size(), 2u);
  ASSERT_TRUE(fields[0].key);
  EXPECT_EQ(text.substr(fields[0].key->begin, fields[0].key->end - fields[0].key->begin), "key");
  EXPECT_EQ(text.substr(fields[0].span.begin, fields[0].span.end - fields[0].span.begin), "key  ine_code: text");
  EXPECT_FALSE(fields[1].key);
  EXPECT_EQ(fields[1].name.text, "key");
}

TEST(Grammar, DeclarationSpansEndAtTheirLastToken) {
  const std::string text = "rule r when a suggest b // trailing\n\nsegment s = (x)  \n";
  Parsed p = parse(text);
  ASSERT_EQ(p.module.decls.size(), 2u);
  auto r = ast::decl_span(p.module.decls[0]);
  auto s = ast::decl_span(p.module.decls[1]);
  EXPECT_EQ(text.substr(r.begin, r.end - r.begin), "rule r when a suggest b");
  EXPECT_EQ(text.substr(s.begin, s.end - s.begin), "segment s = (x)");
}

}  // namespace
}  // namespace puzle::grammar_test
