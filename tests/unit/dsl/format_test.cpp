// Tests of the canonical formatter: idempotence, unchanged tree, no comment lost or duplicated,
// exact golden output, expression parentheses, comment placement and the `puzle fmt` command.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "puzle/ast_dump.hpp"
#include "puzle/format.hpp"
#include "puzle/frontend.hpp"
#include "test_files.hpp"

namespace puzle::format_test {
namespace {

using test_files::slurp;

namespace fs = std::filesystem;

struct Parsed {
  SourceSet sources;
  ast::Module module;
  std::string errors;  // rendered diagnostics, empty when the text parsed
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.sources.add("test.pzl", text);
  Diagnostics d;
  p.module = parse_module(p.sources, 0, d);
  if (d.has_errors()) p.errors = render_text(d, p.sources);
  return p;
}

std::string format_text(const std::string& text) {
  Parsed p = parse(text);
  EXPECT_EQ(p.errors, "") << "input does not parse:\n" << text;
  return format_module(p.module, p.sources.file(0));
}

std::vector<std::string> comment_texts(const ast::Module& m) {
  std::vector<std::string> texts;
  for (const auto& c : m.comments) texts.push_back(c.text);
  std::sort(texts.begin(), texts.end());
  return texts;
}

// (a) formatting twice equals formatting once, (b) the tree is unchanged, (c) the multiset of
// comment texts is unchanged; and the text ends with exactly one newline.
void expect_round_trip(const std::string& what, const std::string& text) {
  SCOPED_TRACE(what);
  Parsed original = parse(text);
  ASSERT_EQ(original.errors, "");
  const std::string once = format_module(original.module, original.sources.file(0));
  Parsed formatted = parse(once);
  ASSERT_EQ(formatted.errors, "") << "formatted text does not parse:\n" << once;
  EXPECT_EQ(dump_ast(formatted.module), dump_ast(original.module)) << once;
  EXPECT_EQ(comment_texts(formatted.module), comment_texts(original.module)) << once;
  EXPECT_EQ(format_module(formatted.module, formatted.sources.file(0)), once);
  if (!once.empty()) {
    EXPECT_EQ(once.back(), '\n');
    EXPECT_FALSE(once.size() >= 2 && once[once.size() - 2] == '\n') << "more than one newline at the end";
  }
}

std::vector<fs::path> pzl_files_under(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".pzl") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

const fs::path kData = fs::path(PUZLE_SOURCE_DIR) / "tests" / "data" / "format";

// ---- round trips ------------------------------------------------------------------------

TEST(Format, SampleFilesRoundTrip) {
  const auto files = pzl_files_under(kData);
  ASSERT_GE(files.size(), 4u);  // constructs, expressions, comments, golden
  for (const auto& f : files) expect_round_trip(f.string(), slurp(f));
}

// Every *.pzl of the repository's examples, rules and docs (there may be none yet).
TEST(Format, RepositoryFilesRoundTrip) {
  for (const char* dir : {"examples", "rules", "docs"}) {
    for (const auto& f : pzl_files_under(fs::path(PUZLE_SOURCE_DIR) / dir)) {
      const std::string text = slurp(f);
      if (!parse(text).errors.empty()) {  // a deliberately broken sample: nothing to format
        std::cout << "[ skipped  ] " << f.string() << " has syntax errors\n";
        continue;
      }
      expect_round_trip(f.string(), text);
    }
  }
}

TEST(Format, SmallInputsRoundTrip) {
  const char* inputs[] = {
      "",
      "\n\n",
      "// only a comment",
      "/* a */ /* b */\n\n// c\n",
      "rule r",
      "rule r\r\n  when a\r\n  suggest b  // crlf\r\n",
      "element e {}",
      "element e { // c\n}",
      "element e { } // c",
      "profile { // c\n}",
      "rule r because \"x\" // d\n when a // c\nsegment s = a",
      "area a { requires x /* p\n q */, y /* r */ }",
      "rule r valid from 2020-01-01 /* a\n */ until 2021-01-01 // b\nrule s",
      "test \"t\" { given { a: x, in: y, and: z, or: w not: v } }",
      "segment s = a\t/*tab*/\tor\tb",
      "element e { maturity 3 cost 5 }",
      "rule r require a, b due 2023-12-01 // c\n",
      "element e {\n  maturity viure /* its area's */ 2 // c\n}",
      "segment s = a acknowledge W501 \"x\" // c\n",
      "segment s = a // c\n  acknowledge W501 /* d */ \"x\" acknowledge W502 \"y\"\nrule r",
      "rule r suggest a acknowledge W500 \"\\\"k\\\" \\\\ \\n\" // c\n",
      "provider p \"P\" { acknowledge W502 \"x\" } // c",
      "profile { key  code: text = \"\" // c\n key: int key /* k */ key: int }",
  };
  for (const char* in : inputs) expect_round_trip(in, in);
}

// ---- exact output -----------------------------------------------------------------------

TEST(Format, MaturityComesAfterEffortAndCost) {
  EXPECT_EQ(format_text("element e { maturity  viure 2 effort 1 }"),
            "element e {\n  effort 1\n  maturity viure 2\n}\n");
}

// After `source` and `valid`, before `for`: what the author intends is read before the conditions.
TEST(Format, AcknowledgementsTakeTheirCanonicalPlace) {
  const std::string in =
      "rule r when a suggest b acknowledge  W500   \"kept\" // why\n"
      "segment s = x  acknowledge W501 \"k\"  acknowledge W502 \"u\"\n"
      "provider p \"P\" { acknowledge W502 \"later\" url \"https://p.cat\" }\n"
      "solution p.q \"Q\" { acknowledge W502 \"later\" cost 0 }\n";
  const std::string want =
      "rule r\n"
      "  acknowledge W500 \"kept\"  // why\n"
      "  when a\n"
      "  suggest b\n"
      "\n"
      "segment s = x\n"
      "  acknowledge W501 \"k\"\n"
      "  acknowledge W502 \"u\"\n"
      "\n"
      "provider p \"P\" {\n"
      "  url \"https://p.cat\"\n"
      "  acknowledge W502 \"later\"\n"
      "}\n"
      "\n"
      "solution p.q \"Q\" {\n"
      "  cost 0\n"
      "  acknowledge W502 \"later\"\n"
      "}\n";
  EXPECT_EQ(format_text(in), want);
  EXPECT_EQ(format_text(want), want);
}

TEST(Format, ASegmentWithoutAcknowledgementStaysOnOneLine) {
  EXPECT_EQ(format_text("segment s =  a // c\n"), "segment s = a  // c\n");
  EXPECT_EQ(format_text("segment s = a // c\n acknowledge W502 \"x\""),
            "segment s = a  // c\n  acknowledge W502 \"x\"\n");
}

TEST(Format, KeyStaysBeforeTheFieldName) {
  const std::string in = "profile { key\n   ine_code :text=\"\" // INE\n key : int  key  key:int }";
  const std::string want = "profile {\n  key ine_code: text = \"\"  // INE\n  key: int\n  key key: int\n}\n";
  EXPECT_EQ(format_text(in), want);
  EXPECT_EQ(format_text(want), want);
}

TEST(Format, GoldenMessyInput) {
  const std::string messy = slurp(kData / "golden" / "messy.pzl");
  const std::string expected = slurp(kData / "golden" / "messy.expected.pzl");
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(format_text(messy), expected);
}

TEST(Format, EmptyModulePrintsNothing) {
  EXPECT_EQ(format_text(""), "");
  EXPECT_EQ(format_text("  \n\n"), "");
}

// The condition of `segment s = ...`, formatted.
std::string condition(const std::string& expr) {
  std::string out = format_text("segment s = " + expr);
  const std::string prefix = "segment s = ";
  if (out.rfind(prefix, 0) != 0 || out.empty() || out.back() != '\n') return "<bad: " + out + ">";
  return out.substr(prefix.size(), out.size() - prefix.size() - 1);
}

TEST(Format, ThePriorityComesFirstInTheRoadmapOneTermPerLine) {
  const std::string in =
      "roadmap { phase p \"P\" size ..2\n priority { required 40 quick_win  20 effort ..0.5 // quick\n need -1 } }\n";
  const std::string want =
      "roadmap {\n  priority {\n    required 40\n    quick_win 20 effort ..0.5  // quick\n    need -1\n  }\n"
      "  phase p \"P\" size ..2\n}\n";
  EXPECT_EQ(format_text(in), want);
  EXPECT_EQ(format_text(want), want);
}

TEST(Format, ComputedPhaseLimitsKeepTheirParentheses) {
  const std::string in = "roadmap {\n  phase p \"P\" budget ..( budget_eur/2 )  size 1..((it_staff+2))\n}\n";
  const std::string want = "roadmap {\n  phase p \"P\" size 1..(it_staff + 2) budget ..(budget_eur / 2)\n}\n";
  EXPECT_EQ(format_text(in), want);
  EXPECT_EQ(format_text(want), want);
}

TEST(Format, MinimalParenthesesPlusAndInsideOr) {
  const std::pair<const char*, const char*> cases[] = {
      {"((a))", "a"},
      {"a or (b or c)", "a or (b or c)"},
      {"(a or b) or c", "a or b or c"},
      {"(a or b) and c", "(a or b) and c"},
      {"(a and b) or (c and d)", "(a and b) or (c and d)"},  // kept for readers, see formatting.md
      {"a and b or c", "(a and b) or c"},
      {"a or not b and c", "a or (not b and c)"},
      {"not (a and b)", "not (a and b)"},
      {"(not a) and b", "not a and b"},
      {"not (a == b)", "not a == b"},
      {"(not a) == b", "(not a) == b"},
      {"(a == b) == c", "(a == b) == c"},
      {"a == (b == c)", "a == (b == c)"},
      {"(a < b) in c", "(a < b) in c"},
      {"a not in [1,2]", "a not in [1, 2]"},
      {"(a + b) * c", "(a + b) * c"},
      {"a + (b * c)", "a + b * c"},
      {"a - (b - c)", "a - (b - c)"},
      {"(a - b) - c", "a - b - c"},
      {"a / (b / c)", "a / (b / c)"},
      {"(a + b) < (c * d)", "a + b < c * d"},
      {"-(a + b)", "-(a + b)"},
      {"(-a) * b", "-a * b"},
      {"-(a * b)", "-(a * b)"},
      {"-a[1]", "-a[1]"},
      {"(-a)[1]", "(-a)[1]"},
      {"(-5)[0]", "(-5)[0]"},
      {"-5 * -x", "-5 * -x"},
      {"a - -5", "a - -5"},
      {"-(5)", "-(5)"},
      {"- -5", "- -5"},
      {"--x", "- -x"},
      {"(a or b)[0]", "(a or b)[0]"},
      {"f( a ,b+1 )[ 2 ][3]", "f(a, b + 1)[2][3]"},
      {"{a:1 b:{}}", "{ a: 1, b: {} }"},
      {"[ ]", "[]"},
      {"\"q\\\"\\\\\\n\\t{}\"", "\"q\\\"\\\\\\n\\t{}\""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(condition(in), out) << in;
}

TEST(Format, TemplatesEscapeBracesAndKeepHoles) {
  EXPECT_EQ(format_text("rule r because \"a \\{b\\} {x [ 1 ]} \\\"q\\\" {f(\"s\")}\""),
            "rule r\n  because \"a \\{b\\} {x[1]} \\\"q\\\" {f(\"s\")}\"\n");
}

TEST(Format, CommentPlacement) {
  const std::string in =
      "// lead\n"
      "area a { // head\n"
      "  cost 1 // trail cost\n"
      "  effort /* inside */ 2\n"
      "  // before close\n"
      "} // after close\n"
      "rule r when x // on when\n"
      "  suggest y\n"
      "// end\n";
  const std::string expected =
      "// lead\n"
      "area a {  // head\n"
      "  /* inside */\n"
      "  effort 2\n"
      "  cost 1  // trail cost\n"
      "  // before close\n"
      "}  // after close\n"
      "\n"
      "rule r\n"
      "  when x  // on when\n"
      "  suggest y\n"
      "\n"
      "// end\n";
  EXPECT_EQ(format_text(in), expected);
}

TEST(Format, BlankLineAfterTopLevelCommentIsKept) {
  EXPECT_EQ(format_text("// header\n\n\n\nrule r\n// section\nrule s\n"),
            "// header\n\nrule r\n\n// section\nrule s\n");
}

TEST(Format, GivenEntriesOnePerLineWithCommasOnlyWhereNeeded) {
  EXPECT_EQ(format_text("test \"t\" { given { a: 1, b: { c: 1 d: 2 }, in: 3 } expect suggested x }"),
            "test \"t\" {\n"
            "  given {\n"
            "    a: 1\n"
            "    b: { c: 1, d: 2 },\n"
            "    in: 3\n"
            "  }\n"
            "  expect suggested x\n"
            "}\n");
}

// ---- the command ------------------------------------------------------------------------

int run_cli(const std::string& args) {
  const std::string cmd = std::string(PUZLE_CLI_PATH) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class FmtCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("puzle_fmt_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

TEST_F(FmtCommand, CheckWriteAndExitCodes) {
  const std::string messy = file("messy.pzl", "rule r when a suggest b");
  const std::string clean = file("clean.pzl", "rule r\n  when a\n  suggest b\n");
  const std::string broken = file("broken.pzl", "rule r when ( suggest b");
  EXPECT_EQ(run_cli("fmt " + clean), 0);
  EXPECT_EQ(run_cli("fmt --check " + clean), 0);
  EXPECT_EQ(run_cli("fmt --check " + messy), 1);
  EXPECT_EQ(run_cli("fmt " + messy + " " + clean), 2);  // several files need --write or --check
  EXPECT_EQ(run_cli("fmt --write --check " + messy), 2);
  EXPECT_EQ(run_cli("fmt"), 2);
  EXPECT_EQ(run_cli("fmt --write " + messy + " " + clean), 0);
  EXPECT_EQ(slurp(messy), "rule r\n  when a\n  suggest b\n");
  EXPECT_EQ(run_cli("fmt --check " + messy + " " + clean), 0);
  EXPECT_EQ(run_cli("fmt " + broken), 1);
  EXPECT_EQ(run_cli("fmt --write " + broken), 1);
  EXPECT_EQ(slurp(broken), "rule r when ( suggest b");                      // never rewritten
  EXPECT_EQ(run_cli("fmt --check " + (dir_ / "missing.pzl").string()), 2);  // unreadable: usage error
}

}  // namespace
}  // namespace puzle::format_test
