// Tests of docs/language.md: every ```pzl example checks, together with docs/examples/prelude.pzl
// unless its first line is `// standalone`, with exactly the diagnostics it announces
// (`// expect-warning: W5xx`, `// expect-acknowledged: W5xx`, `// expect-error: Exxx`) and none
// other; every example parses and formats stably; the reserved-word lists match the parser;
// examples/minimal checks clean.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "puzle/ast_dump.hpp"
#include "puzle/format.hpp"
#include "puzle/frontend.hpp"

namespace puzle::language_doc_test {
namespace {

const std::string kRoot = PUZLE_SOURCE_DIR;
const std::string kDoc = kRoot + "/docs/language.md";
const std::string kPrelude = kRoot + "/docs/examples/prelude.pzl";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

struct Snippet {
  int line = 0;  // 1-based line of the snippet's first line in docs/language.md
  std::string text;
};

void PrintTo(const Snippet& s, std::ostream* os) { *os << "docs/language.md:" << s.line; }

// Every ```pzl fenced block, in order.
std::vector<Snippet> snippets() {
  std::vector<Snippet> out;
  const auto lines = lines_of(read_file(kDoc));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i]) != "```pzl") continue;
    Snippet s;
    s.line = static_cast<int>(i) + 2;
    for (++i; i < lines.size() && trim(lines[i]) != "```"; ++i) s.text += lines[i] + "\n";
    out.push_back(std::move(s));
  }
  return out;
}

bool standalone(const Snippet& s) {
  const auto lines = lines_of(s.text);
  return !lines.empty() && trim(lines[0]) == "// standalone";
}

// The codes announced by `// expect-warning: W500` and `// expect-error: E202` lines (or, with
// `acknowledged` true, by `// expect-acknowledged: W500` lines: warnings the example acknowledges).
std::set<std::string> announced(const Snippet& s, bool acknowledged = false) {
  std::set<std::string> codes;
  const std::vector<const char*> markers = acknowledged
                                               ? std::vector<const char*>{"// expect-acknowledged:"}
                                               : std::vector<const char*>{"// expect-warning:", "// expect-error:"};
  for (const auto& line : lines_of(s.text)) {
    for (const char* marker : markers) {
      auto at = line.find(marker);
      if (at != std::string::npos) codes.insert(trim(line.substr(at + std::string(marker).size())));
    }
  }
  return codes;
}

std::string snippet_path(const Snippet& s) { return "docs/language.md:" + std::to_string(s.line) + ".pzl"; }

class LanguageDocExample : public ::testing::TestWithParam<Snippet> {};

TEST_P(LanguageDocExample, ChecksWithExactlyTheAnnouncedDiagnostics) {
  const Snippet& s = GetParam();
  std::vector<std::pair<std::string, std::string>> files;
  if (!standalone(s)) files.emplace_back("docs/examples/prelude.pzl", read_file(kPrelude));
  files.emplace_back(snippet_path(s), s.text);
  auto rb = load_rulebase_from_text(files);

  std::set<std::string> got, got_acknowledged;
  for (const auto& d : rb.diagnostics.items())
    (d.acknowledged ? got_acknowledged : got).insert(std::string(code_info(d.code).id));
  const auto want = announced(s);
  EXPECT_EQ(got, want) << "the example at docs/language.md:" << s.line << " gives:\n"
                       << render_text(rb.diagnostics, rb.sources);
  EXPECT_EQ(got_acknowledged, announced(s, true)) << "the example at docs/language.md:" << s.line << " gives:\n"
                                                  << render_text(rb.diagnostics, rb.sources);
  bool errors_announced = std::any_of(want.begin(), want.end(), [](const std::string& c) { return c[0] == 'E'; });
  EXPECT_EQ(rb.program != nullptr, !errors_announced);
  auto all_announced = want;
  for (const auto& code : announced(s, true)) all_announced.insert(code);
  for (const auto& code : all_announced) {
    const bool known =
        std::any_of(all_codes().begin(), all_codes().end(), [&](const CodeInfo& c) { return c.id == code; });
    EXPECT_TRUE(known) << "docs/language.md:" << s.line << " announces an unknown code '" << code << "'";
  }
}

TEST_P(LanguageDocExample, ParsesAndFormatsStably) {
  const Snippet& s = GetParam();
  SourceSet sources;
  Diagnostics diags;
  const FileId f = sources.add(snippet_path(s), s.text);
  const ast::Module original = parse_module(sources, f, diags);
  ASSERT_FALSE(diags.has_errors()) << render_text(diags, sources);

  const std::string once = format_module(original, sources.file(f));
  const FileId g = sources.add(snippet_path(s) + ".formatted", once);
  const ast::Module formatted = parse_module(sources, g, diags);
  ASSERT_FALSE(diags.has_errors()) << "the formatted example does not parse:\n"
                                   << render_text(diags, sources) << "\n"
                                   << once;
  EXPECT_EQ(dump_ast(formatted), dump_ast(original)) << "formatting changed the meaning:\n" << once;
  EXPECT_EQ(formatted.comments.size(), original.comments.size()) << "formatting lost a comment:\n" << once;
  EXPECT_EQ(format_module(formatted, sources.file(g)), once) << "formatting is not idempotent";
}

INSTANTIATE_TEST_SUITE_P(Examples, LanguageDocExample, ::testing::ValuesIn(snippets()),
                         [](const ::testing::TestParamInfo<Snippet>& info) {
                           return "line_" + std::to_string(info.param.line);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(LanguageDocExample);  // reported by HasExamples below

TEST(LanguageDoc, HasExamplesOfEveryKindOfDeclaration) {
  ASSERT_TRUE(std::filesystem::exists(kDoc)) << kDoc;
  const auto all = snippets();
  EXPECT_GE(all.size(), 20u);
  for (const char* keyword : {"profile {", "area ", "domain ", "block ", "element ", "provider ", "solution ",
                              "segment ", "rule ", "roadmap {", "test \"", "given", "expect "}) {
    const bool shown = std::any_of(all.begin(), all.end(),
                                   [&](const Snippet& s) { return s.text.find(keyword) != std::string::npos; });
    EXPECT_TRUE(shown) << "no example uses '" << keyword << "'";
  }
}

TEST(LanguageDoc, PreludeChecksWithoutDiagnostics) {
  auto rb = load_rulebase_from_text({{"docs/examples/prelude.pzl", read_file(kPrelude)}});
  EXPECT_TRUE(rb.diagnostics.empty()) << render_text(rb.diagnostics, rb.sources);
  EXPECT_NE(rb.program, nullptr);
}

// The words between backquotes in the lines from the first one that contains `start` up to the
// next blank line (or, for a table, the end of the table).
std::vector<std::string> quoted_words_after(const std::string& start) {
  const auto lines = lines_of(read_file(kDoc));
  std::vector<std::string> words;
  bool in = false;
  for (const auto& line : lines) {
    if (!in && line.find(start) != std::string::npos) {
      in = true;
      continue;
    }
    if (!in) continue;
    if (trim(line).empty()) {
      if (!words.empty()) break;
      continue;
    }
    for (std::size_t a = line.find('`'); a != std::string::npos; a = line.find('`', a)) {
      auto b = line.find('`', a + 1);
      if (b == std::string::npos) break;
      words.push_back(line.substr(a + 1, b - a - 1));
      a = b + 1;
    }
  }
  return words;
}

bool parses_without_errors(const std::string& text) {
  SourceSet sources;
  Diagnostics diags;
  parse_module(sources, sources.add("word.pzl", text), diags);
  return !diags.has_errors();
}

TEST(LanguageDoc, ReservedWordsAreRejectedAsNames) {
  const auto words = quoted_words_after("These words structure the language and can never be used as a name");
  EXPECT_EQ(words.size(), 39u);  // the reserved words in dsl/grammar/reserved.hpp
  for (const auto& w : words) {
    EXPECT_FALSE(parses_without_errors("segment " + w + " = population < 1")) << w;
    EXPECT_FALSE(parses_without_errors("profile { " + w + ": int }")) << w;
  }
}

TEST(LanguageDoc, ContextualKeywordsAreNames) {
  const auto words = quoted_words_after("are ordinary names everywhere else");
  EXPECT_EQ(words.size(), 26u);  // the contextual keywords of dsl/grammar/grammar.hpp
  for (const auto& w : words) {
    EXPECT_TRUE(parses_without_errors("profile { " + w + ": int }")) << w;
    EXPECT_TRUE(parses_without_errors("segment " + w + " = population < 1")) << w;
    EXPECT_TRUE(parses_without_errors("rule " + w + " when " + w + " > 1 suggest " + w)) << w;
  }
}

TEST(LanguageDoc, MinimalExampleChecksWithoutDiagnostics) {
  auto rb = load_rulebase({kRoot + "/examples/minimal"});
  EXPECT_GE(rb.sources.size(), 1u);
  EXPECT_TRUE(rb.diagnostics.empty()) << render_text(rb.diagnostics, rb.sources);
  ASSERT_NE(rb.program, nullptr);
  EXPECT_FALSE(rb.program->rules.empty());
  EXPECT_FALSE(rb.program->tests.empty());
}

}  // namespace
}  // namespace puzle::language_doc_test
