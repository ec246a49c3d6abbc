// Syntax diagnostics E100-E105: exact code, message, position and rendering; recovery; order; JSON.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "puzle/ast_dump.hpp"
#include "unit/dsl/parse_helper.hpp"

namespace puzle::syntax_errors_test {
namespace {

using test_support::parse_text;
using test_support::Parsed;

std::string id(const Diagnostic& d) { return std::string(code_info(d.code).id); }

// ---- E100 --------------------------------------------------------------------------------

TEST(SyntaxErrors, E100MissingOperandPointsAtWhatWasFound) {
  Parsed p = parse_text("rule r\n  when population >\n  suggest x\n", "rules.pzl");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.code, Code::E100);
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.message, "expected an operand after the comparison, found 'suggest'");
  EXPECT_EQ(p.at(d).line, 3u);
  EXPECT_EQ(p.at(d).column, 3u);
  EXPECT_EQ(p.text(),
            "rules.pzl:3:3: error[E100]: expected an operand after the comparison, found 'suggest'\n"
            " 3 |   suggest x\n"
            "   |   ^^^^^^^\n");
  EXPECT_TRUE(p.module.decls.empty());
}

TEST(SyntaxErrors, E100ColumnsCountCodePoints) {
  // Names are ASCII: `població` stops before the `ó`, which is reported in column 16.
  Parsed p = parse_text("segment població = x");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.text(),
            "test.pzl:1:16: error[E100]: expected '=' and the segment's condition, found 'ó'\n"
            " 1 | segment població = x\n"
            "   |                ^\n"
            "  hint: names use only ASCII letters, digits and '_' (e.g. 'poblacio', not 'població')\n");
}

TEST(SyntaxErrors, E100AccentOutsideANameHasNoHint) {
  Parsed p = parse_text("segment s = x é");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].hint, "");
  EXPECT_EQ(p.at(p.diags.items()[0]).column, 15u);
}

TEST(SyntaxErrors, E100ChainedComparison) {
  Parsed p = parse_text("segment mitja = 1000 <= population < 20000");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.text(),
            "test.pzl:1:36: error[E100]: comparisons cannot be chained: join them with 'and', as in "
            "'a < b and b < c', found '<'\n"
            " 1 | segment mitja = 1000 <= population < 20000\n"
            "   | " +
                std::string(35, ' ') + "^\n");
  Parsed in = parse_text("segment s = a == b not in c");
  ASSERT_EQ(in.diags.items().size(), 1u);
  EXPECT_EQ(in.at(in.diags.items()[0]).column, 20u);
}

TEST(SyntaxErrors, E100SingleEqualsInACondition) {
  Parsed p = parse_text("rule r\n  when population = 1000\n  suggest x\n");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.text(),
            "test.pzl:2:19: error[E100]: '=' does not compare: write '==' to compare two values, found '='\n"
            " 2 |   when population = 1000\n"
            "   |                   ^\n");
}

TEST(SyntaxErrors, E100KeyMustMarkAField) {
  Parsed p = parse_text("profile {\n  key profile: text\n}");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.text(),
            "test.pzl:2:7: error[E100]: expected the field 'name: type' that 'key' marks, found 'profile'\n"
            " 2 |   key profile: text\n"
            "   |       ^^^^^^^\n");
  // A word after `key` makes it the modifier: then the field's ':' is missing.
  Parsed colon = parse_text("profile {\n  key ine_code text\n}");
  ASSERT_EQ(colon.diags.items().size(), 1u);
  EXPECT_EQ(colon.diags.items()[0].message, "expected ':' and a type after the field name, found 'text'");
}

TEST(SyntaxErrors, E100AtEndOfFileHasAnEmptySpan) {
  Parsed p = parse_text("segment s = (a");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.message, "expected ')' to close the parenthesis, found end of file");
  EXPECT_EQ(d.span.begin, 14u);
  EXPECT_EQ(d.span.end, 14u);
  EXPECT_EQ(p.text(),
            "test.pzl:1:15: error[E100]: expected ')' to close the parenthesis, found end of file\n"
            " 1 | segment s = (a\n"
            "   |               ^\n");
}

TEST(SyntaxErrors, E100UnterminatedBlockComment) {
  Parsed p = parse_text("area a {\n  /* never closed\n}\n");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].code, Code::E100);
  EXPECT_EQ(p.text(),
            "test.pzl:4:1: error[E100]: unterminated comment: '/*' is never closed by '*/', found end of file\n"
            " 4 | \n"
            "   | ^\n");
}

TEST(SyntaxErrors, E100TrailingCommaInAListOfNames) {
  Parsed p = parse_text("rule r\n  suggest a, b,\n  when x\n");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.text(),
            "test.pzl:3:3: error[E100]: expected an element name after ',', found 'when'\n"
            " 3 |   when x\n"
            "   |   ^^^^\n");
}

TEST(SyntaxErrors, E100ValidFromUntilWithoutDate) {
  Parsed p = parse_text("rule r valid from 2024-01-01 until soon");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].message, "expected a date YYYY-MM-DD after 'until', found 'soon'");
  EXPECT_EQ(p.at(p.diags.items()[0]).column, 36u);
}

// ---- E101 --------------------------------------------------------------------------------

TEST(SyntaxErrors, E101InvalidUtf8StopsTheFile) {
  // "Relació" saved as Latin-1: 0xF3 announces a 4-byte sequence that is not there.
  Parsed p = parse_text("// Ajuntament\nsegment s = \"Relaci\xF3\"\n", "latin1.pzl");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.code, Code::E101);
  EXPECT_EQ(d.message, "invalid UTF-8 byte sequence; nothing in this file was read");
  EXPECT_EQ(d.hint, "save the file as UTF-8");
  EXPECT_EQ(d.span.begin, 33u);
  EXPECT_EQ(p.at(d).line, 2u);
  EXPECT_EQ(p.at(d).column, 20u);
  EXPECT_EQ(p.text(),
            "latin1.pzl:2:20: error[E101]: invalid UTF-8 byte sequence; nothing in this file was read\n"
            " 2 | segment s = \"Relaci\xF3\"\n"
            "   |                    ^\n"
            "  hint: save the file as UTF-8\n");
  EXPECT_TRUE(p.module.decls.empty());
  EXPECT_TRUE(p.module.comments.empty());
}

TEST(SyntaxErrors, E101RejectsOverlongAndSurrogateSequences) {
  for (const char* bad :
       {"segment s = \"\xC0\xAF\"", "segment s = \"\xED\xA0\x80\"", "segment s = \"\xF4\x90\x80\x80\""}) {
    Parsed p = parse_text(bad);
    ASSERT_EQ(p.diags.items().size(), 1u) << bad;
    EXPECT_EQ(p.diags.items()[0].code, Code::E101) << bad;
    EXPECT_EQ(p.diags.items()[0].span.begin, 13u) << bad;
  }
}

// ---- E102 --------------------------------------------------------------------------------

TEST(SyntaxErrors, E102FileLargerThanTheLimit) {
  std::string text = "// big\n" + std::string(kMaxFileBytes, ' ');
  Parsed p = parse_text(text, "big.pzl");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.code, Code::E102);
  EXPECT_EQ(d.message, "file is 8388615 bytes; the limit is 8388608");
  EXPECT_EQ(p.at(d).line, 1u);
  EXPECT_EQ(p.at(d).column, 1u);
  EXPECT_EQ(p.text(),
            "big.pzl:1:1: error[E102]: file is 8388615 bytes; the limit is 8388608\n"
            " 1 | // big\n"
            "   | ^\n"
            "  hint: split the rulebase into several files\n");
}

TEST(SyntaxErrors, E102FileAtTheLimitIsRead) {
  std::string text = "segment s = x\n";
  text += std::string(kMaxFileBytes - text.size(), ' ');
  ASSERT_EQ(text.size(), kMaxFileBytes);
  Parsed p = parse_text(text);
  EXPECT_EQ(p.text(), "");
  EXPECT_EQ(dump_ast(p.module), "segment s = x\n");
}

// ---- E103 --------------------------------------------------------------------------------

std::string nested(const std::string& open, const std::string& inner, const std::string& close, int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  s += inner;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(SyntaxErrors, E103TwoHundredParentheses) {
  const std::string line = "segment s = " + nested("(", "x", ")", 200);
  Parsed p = parse_text(line);
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.code, Code::E103);
  EXPECT_EQ(d.message, "nesting is deeper than 64 levels; split the expression or declaration");
  // Inside the 65th parenthesis.
  EXPECT_EQ(p.at(d).line, 1u);
  EXPECT_EQ(p.at(d).column, 12u + 65u + 1u);
  // The line (413 characters) is long: the excerpt is a window of 200 around the column, 80 before.
  EXPECT_EQ(p.text(),
            "test.pzl:1:78: error[E103]: nesting is deeper than 64 levels; split the expression or declaration\n"
            " 1 | " +
                line.substr(0, 200) +
                "…\n"
                "   | " +
                std::string(77, ' ') + "^\n");
  EXPECT_TRUE(p.module.decls.empty());
}

std::string nested_areas(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "area a" + std::to_string(i) + " {\n";
  s += "label es \"fons\"\n";
  for (int i = 0; i < depth; ++i) s += "}\n";
  return s;
}

TEST(SyntaxErrors, E103DeeplyNestedAreas) {
  Parsed p = parse_text(nested_areas(65));
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.text(),
            "test.pzl:65:6: error[E103]: nesting is deeper than 64 levels; split the expression or declaration\n"
            " 65 | area a64 {\n"
            "    |      ^^^\n");
  EXPECT_TRUE(p.module.decls.empty());
}

TEST(SyntaxErrors, SixtyFourNestedAreasAreFine) {
  Parsed p = parse_text(nested_areas(64));
  EXPECT_EQ(p.text(), "");
  ASSERT_EQ(p.module.decls.size(), 1u);
}

struct Nesting {
  const char* name;
  const char* open;
  const char* inner;
  const char* close;
};

class NestingLimit : public ::testing::TestWithParam<Nesting> {};

TEST_P(NestingLimit, SixtyFourLevelsParseAndSixtyFiveStopWithE103) {
  const Nesting& n = GetParam();
  Parsed ok = parse_text("segment s = " + nested(n.open, n.inner, n.close, 64));
  EXPECT_EQ(ok.text(), "");
  EXPECT_EQ(ok.module.decls.size(), 1u);
  Parsed deep = parse_text("segment s = " + nested(n.open, n.inner, n.close, 65));
  ASSERT_EQ(deep.diags.items().size(), 1u);
  EXPECT_EQ(deep.diags.items()[0].code, Code::E103);
  EXPECT_TRUE(deep.module.decls.empty());
  // Far deeper input must not exhaust the stack either.
  Parsed deeper = parse_text("segment s = " + nested(n.open, n.inner, n.close, 5000));
  ASSERT_EQ(deeper.diags.items().size(), 1u);
  EXPECT_EQ(deeper.diags.items()[0].code, Code::E103);
}

INSTANTIATE_TEST_SUITE_P(Forms, NestingLimit,
                         ::testing::Values(Nesting{"parentheses", "(", "x", ")"}, Nesting{"lists", "[", "x", "]"},
                                           Nesting{"objects", "{a: ", "x", "}"}, Nesting{"calls", "f(", "x", ")"},
                                           Nesting{"indexes", "a[", "x", "]"}, Nesting{"negations", "- ", "x", ""},
                                           Nesting{"nots", "not ", "x", ""}),
                         [](const ::testing::TestParamInfo<Nesting>& info) { return std::string(info.param.name); });

TEST(SyntaxErrors, E103CountsEveryKindOfNestingTogether) {
  // Seven levels per repetition: not, -, [ ], ( ), f( ), {a: }, b[ ].
  Parsed ok = parse_text("segment s = " + nested("not -[(f({a: b[", "x", "]}))]", 9));
  EXPECT_EQ(ok.text(), "");
  Parsed deep = parse_text("segment s = " + nested("not -[(f({a: b[", "x", "]}))]", 10));
  ASSERT_EQ(deep.diags.items().size(), 1u);
  EXPECT_EQ(deep.diags.items()[0].code, Code::E103);
}

// ---- E104 --------------------------------------------------------------------------------

TEST(SyntaxErrors, E104UnterminatedStringThenRecovery) {
  Parsed p = parse_text("segment s = \"Seu electrònica\nsegment t = x\n", "strings.pzl");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.code, Code::E104);
  EXPECT_EQ(d.message, "unterminated string: close it with '\"' on the same line");
  EXPECT_EQ(p.at(d).line, 1u);
  EXPECT_EQ(p.at(d).column, 29u);
  EXPECT_EQ(p.text(),
            "strings.pzl:1:29: error[E104]: unterminated string: close it with '\"' on the same line\n"
            " 1 | segment s = \"Seu electrònica\n"
            "   |                             ^\n");
  EXPECT_EQ(dump_ast(p.module), "segment t = x\n");
}

TEST(SyntaxErrors, E104InATemplate) {
  Parsed p = parse_text("rule r because \"{population} habitants\n");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(id(p.diags.items()[0]), "E104");
  EXPECT_EQ(p.at(p.diags.items()[0]).column, 39u);
}

// ---- E105 --------------------------------------------------------------------------------

TEST(SyntaxErrors, E105BadEscapeCoversTheEscape) {
  Parsed p = parse_text("rule r source \"Llei 39\\/2015\"");
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.code, Code::E105);
  EXPECT_EQ(d.message, "unknown escape sequence: use \\\", \\\\, \\n, \\t, \\{ or \\}");
  EXPECT_EQ(p.at(d).column, 23u);
  EXPECT_EQ(d.span.end - d.span.begin, 2u);
  EXPECT_EQ(p.text(),
            "test.pzl:1:23: error[E105]: unknown escape sequence: use \\\", \\\\, \\n, \\t, \\{ or \\}\n"
            " 1 | rule r source \"Llei 39\\/2015\"\n"
            "   |                       ^^\n");
}

TEST(SyntaxErrors, E105InATemplateAndBeforeTheEndOfLine) {
  Parsed p = parse_text("rule r because \"50\\%\"\nrule q because \"x\\\n");
  ASSERT_EQ(p.diags.items().size(), 2u);
  EXPECT_EQ(id(p.diags.items()[0]), "E105");
  EXPECT_EQ(p.at(p.diags.items()[0]).column, 19u);
  EXPECT_EQ(id(p.diags.items()[1]), "E105");
  EXPECT_EQ(p.at(p.diags.items()[1]).line, 2u);
  EXPECT_EQ(p.at(p.diags.items()[1]).column, 18u);
  EXPECT_EQ(p.diags.items()[1].span.end - p.diags.items()[1].span.begin, 1u);  // the backslash only
}

// ---- recovery, order, JSON ---------------------------------------------------------------

TEST(SyntaxErrors, RecoversAtDeclarationBoundaries) {
  Parsed p = parse_text(
      "segment small = population < 1000\n"
      "segment broken1 = (population\n"
      "rule broken2\n"
      "  when small\n"
      "  suggest a,\n"
      "area broken3 \"x\" { effort high }\n"
      "rule good when small suggest notificacions\n",
      "recover.pzl");
  EXPECT_EQ(p.text(),
            "recover.pzl:3:1: error[E100]: expected ')' to close the parenthesis, found 'rule'\n"
            " 3 | rule broken2\n"
            "   | ^^^^\n"
            "recover.pzl:6:1: error[E100]: expected an element name after ',', found 'area'\n"
            " 6 | area broken3 \"x\" { effort high }\n"
            "   | ^^^^\n"
            "recover.pzl:6:27: error[E100]: expected a non-negative number after 'effort', found 'high'\n"
            " 6 | area broken3 \"x\" { effort high }\n"
            "   |                           ^^^^\n");
  EXPECT_EQ(dump_ast(p.module),
            "segment small = (< population 1000)\n"
            "rule good\n"
            "  when small\n"
            "  suggest notificacions\n");
}

TEST(SyntaxErrors, ErrorInsideANodeIsReportedOnceAndSkipsTheRestOfIt) {
  // The column-1 `domain` before the error is not re-parsed as a top-level declaration (which
  // would report `foo` a second time); parsing resumes at the next declaration after the error.
  Parsed p = parse_text("area a {\ndomain d { }\n  foo\n}\nsegment s = x\n");
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].message,
            "expected '}' or a member: label, description, effort, cost, maturity, city_scale, requires, "
            "solution, or a nested declaration, found 'foo'");
  EXPECT_EQ(p.at(p.diags.items()[0]).line, 3u);
  EXPECT_EQ(dump_ast(p.module), "segment s = x\n");
}

TEST(SyntaxErrors, RecoveryIsLinearWhenEveryLineStartsADeclaration) {
  // Each line opens an area and a block comment that only closes at the end of the file.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "area a { /*\n";
  Parsed p = parse_text(text);
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.at(p.diags.items()[0]).line, 20001u);
}

TEST(SyntaxErrors, DiagnosticsAreSortedByFileAndOffsetAndStable) {
  SourceSet sources;
  Diagnostics diags;
  FileId a = sources.add("a.pzl", "segment s = +\nrule q when\nrule r when (x\n");
  FileId b = sources.add("b.pzl", "segment t = \"x\\q\"\n");
  parse_module(sources, b, diags);
  parse_module(sources, a, diags);
  parse_module(sources, b, diags);  // the same error twice is reported once after sort()
  diags.sort();
  std::vector<std::string> where;
  for (const auto& d : diags.items()) {
    auto lc = sources.file(d.span.file).line_col(d.span.begin);
    where.push_back(sources.file(d.span.file).path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                    " " + std::string(code_info(d.code).id));
  }
  EXPECT_EQ(where,
            (std::vector<std::string>{"a.pzl:1:13 E100", "a.pzl:3:1 E100", "a.pzl:4:1 E100", "b.pzl:1:15 E105"}));
  EXPECT_EQ(diags.error_count(), 4u);
  const std::string first = render_text(diags, sources);
  diags.sort();
  EXPECT_EQ(render_text(diags, sources), first);
}

TEST(SyntaxErrors, JsonRendering) {
  Parsed p = parse_text("segment s = \"Seu electrònica\nsegment t = (x\n", "strings.pzl");
  EXPECT_EQ(render_json(p.diags, p.sources),
            "[\n"
            "  {\n"
            "    \"code\": \"E104\",\n"
            "    \"severity\": \"error\",\n"
            "    \"file\": \"strings.pzl\",\n"
            "    \"line\": 1,\n"
            "    \"column\": 29,\n"
            "    \"end_line\": 1,\n"
            "    \"end_column\": 29,\n"
            "    \"message\": \"unterminated string: close it with '\\\"' on the same line\"\n"
            "  },\n"
            "  {\n"
            "    \"code\": \"E100\",\n"
            "    \"severity\": \"error\",\n"
            "    \"file\": \"strings.pzl\",\n"
            "    \"line\": 3,\n"
            "    \"column\": 1,\n"
            "    \"end_line\": 3,\n"
            "    \"end_column\": 1,\n"
            "    \"message\": \"expected ')' to close the parenthesis, found end of file\"\n"
            "  }\n"
            "]\n");
}

TEST(SyntaxErrors, JsonRenderingOfInvalidUtf8KeepsValidJson) {
  Parsed p = parse_text("\xFF", "bin.pzl");
  EXPECT_EQ(render_json(p.diags, p.sources),
            "[\n"
            "  {\n"
            "    \"code\": \"E101\",\n"
            "    \"severity\": \"error\",\n"
            "    \"file\": \"bin.pzl\",\n"
            "    \"line\": 1,\n"
            "    \"column\": 1,\n"
            "    \"end_line\": 1,\n"
            "    \"end_column\": 2,\n"
            "    \"message\": \"invalid UTF-8 byte sequence; nothing in this file was read\",\n"
            "    \"hint\": \"save the file as UTF-8\"\n"
            "  }\n"
            "]\n");
}

}  // namespace
}  // namespace puzle::syntax_errors_test
