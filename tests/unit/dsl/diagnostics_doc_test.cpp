// Docs-as-tests: docs/diagnostics.md has one section per diagnostic code, and its examples are the golden files.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "puzle/diagnostic.hpp"
#include "puzle/frontend.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::diagnostics_doc_test {
namespace {

const char* const kDocPath = PUZLE_SOURCE_DIR "/docs/diagnostics.md";

// A fenced block: ```tag ... ```.
struct Block {
  std::string tag;
  std::string text;      // every line followed by '\n'
  std::size_t line = 0;  // 1-based line of the opening fence
};

// A `## CODE name` section, or (code empty) the text before the first one and other `##` sections.
struct Section {
  std::string code;
  std::string name;
  std::size_t line = 0;
  std::vector<Block> blocks;
};

// A ```pzl block and the ```diagnostics block right after it.
struct Example {
  std::string code;  // of the enclosing section; empty outside the code sections
  std::size_t line = 0;
  std::string pzl;
  std::string expected;
  bool has_expected = false;
};

void PrintTo(const Example& ex, std::ostream* os) {
  *os << (ex.code.empty() ? "intro" : ex.code) << " line " << ex.line;
}

struct Doc {
  bool read = false;
  std::string error;  // a structural problem of the file
  std::vector<Section> sections;
};

Doc parse_doc() {
  Doc doc;
  std::ifstream in(kDocPath, std::ios::binary);
  if (!in) {
    doc.error = std::string("cannot read ") + kDocPath;
    return doc;
  }
  doc.read = true;
  static const std::regex heading(R"(^## ([EWN][0-9]{3}) ([a-z0-9_]+)$)");
  doc.sections.push_back({});  // the introduction
  std::string line;
  std::size_t number = 0;
  Block* open = nullptr;
  while (std::getline(in, line)) {
    ++number;
    if (open) {
      if (line == "```") {
        open = nullptr;
      } else {
        open->text += line + "\n";
      }
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      auto& blocks = doc.sections.back().blocks;
      blocks.push_back({line.substr(3), {}, number});
      open = &blocks.back();
      continue;
    }
    if (line.rfind("## ", 0) == 0) {
      std::smatch m;
      Section s;
      s.line = number;
      if (std::regex_match(line, m, heading)) {
        s.code = m[1];
        s.name = m[2];
      } else if (std::regex_search(line, std::regex("^## [EWN][0-9]"))) {
        doc.error = "line " + std::to_string(number) + ": malformed code heading '" + line + "'";
      }
      doc.sections.push_back(std::move(s));
    }
  }
  if (open) doc.error = "line " + std::to_string(open->line) + ": the fenced block is never closed";
  return doc;
}

const Doc& doc() {
  static const Doc d = parse_doc();
  return d;
}

std::vector<const Section*> code_sections() {
  std::vector<const Section*> out;
  for (const auto& s : doc().sections)
    if (!s.code.empty()) out.push_back(&s);
  return out;
}

std::vector<Example> examples() {
  std::vector<Example> out;
  for (const auto& s : doc().sections) {
    for (std::size_t i = 0; i < s.blocks.size(); ++i) {
      if (s.blocks[i].tag != "pzl") continue;
      Example ex;
      ex.code = s.code;
      ex.line = s.blocks[i].line;
      ex.pzl = s.blocks[i].text;
      if (i + 1 < s.blocks.size() && s.blocks[i + 1].tag == "diagnostics") {
        ex.expected = s.blocks[i + 1].text;
        ex.has_expected = true;
      }
      out.push_back(std::move(ex));
    }
  }
  return out;
}

const CodeInfo* find_code(const std::string& id) {
  for (const auto& c : all_codes())
    if (c.id == id) return &c;
  return nullptr;
}

TEST(DiagnosticsDoc, IsWellFormed) {
  ASSERT_TRUE(doc().read) << doc().error;
  EXPECT_EQ(doc().error, "");
  for (const auto& s : doc().sections)
    for (const auto& b : s.blocks)
      EXPECT_TRUE(b.tag == "pzl" || b.tag == "diagnostics" || b.tag == "pzl-skip" || b.tag == "text" || b.tag == "json")
          << "line " << b.line << ": unexpected block tag '" << b.tag << "'";
}

TEST(DiagnosticsDoc, EveryHeadingNamesAnExistingCode) {
  for (const auto* s : code_sections()) {
    const CodeInfo* c = find_code(s->code);
    ASSERT_NE(c, nullptr) << "line " << s->line << ": " << s->code << " is not in diagnostic_codes.def";
    EXPECT_EQ(s->name, c->name) << "line " << s->line << ": the heading of " << s->code << " has the wrong name";
  }
}

TEST(DiagnosticsDoc, EveryCodeHasOneSectionInTheOrderOfTheDefFile) {
  std::vector<std::string> documented, defined;
  for (const auto* s : code_sections()) documented.push_back(s->code);
  for (const auto& c : all_codes()) defined.emplace_back(c.id);
  EXPECT_EQ(documented, defined) << "docs/diagnostics.md needs one '## CODE name' section per code, in order";
}

TEST(DiagnosticsDoc, EverySectionHasAnExampleOrSaysWhyNot) {
  for (const auto* s : code_sections()) {
    int pzl = 0, skip = 0;
    for (const auto& b : s->blocks) {
      pzl += b.tag == "pzl" || b.tag == "json";
      skip += b.tag == "pzl-skip";
    }
    EXPECT_TRUE(pzl > 0 || skip > 0) << s->code << " has neither a ```pzl nor a ```pzl-skip block";
    EXPECT_FALSE(pzl > 0 && skip > 0) << s->code << " has both a ```pzl and a ```pzl-skip block";
    if (skip > 0) {
      // Only the codes that no text snippet can produce may skip the example.
      EXPECT_TRUE(s->code == "E101" || s->code == "E102" || s->code == "E106")
          << s->code << " can be shown with an example; write one";
    }
  }
}

TEST(DiagnosticsDoc, EveryExampleHasItsExpectedOutput) {
  ASSERT_FALSE(examples().empty());
  for (const auto& ex : examples())
    EXPECT_TRUE(ex.has_expected) << "line " << ex.line << ": a ```pzl block must be followed by a ```diagnostics block";
}

class DocExample : public ::testing::TestWithParam<Example> {};

TEST_P(DocExample, OutputMatchesTheDoc) {
  const Example& ex = GetParam();
  ASSERT_TRUE(ex.has_expected);
  auto rb = load_rulebase_from_text({{"example.pzl", ex.pzl}});
  EXPECT_EQ(render_text(rb.diagnostics, rb.sources), ex.expected)
      << "docs/diagnostics.md line " << ex.line << ": the ```diagnostics block differs from the checker's output";
  if (!ex.code.empty()) {
    bool found = false;
    for (const auto& d : rb.diagnostics.items()) found = found || code_info(d.code).id == ex.code;
    EXPECT_TRUE(found) << "the example of " << ex.code << " does not produce " << ex.code;
  }
}

std::string example_name(const ::testing::TestParamInfo<Example>& info) {
  return (info.param.code.empty() ? std::string("intro") : info.param.code) + "_line" + std::to_string(info.param.line);
}

INSTANTIATE_TEST_SUITE_P(DiagnosticsDoc, DocExample, ::testing::ValuesIn(examples()), example_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DocExample);

// E106 has no text example: the section shows the output for a path that does not exist.
TEST(DiagnosticsDoc, UnreadablePathMatchesTheDoc) {
  const Section* e106 = nullptr;
  for (const auto* s : code_sections())
    if (s->code == "E106") e106 = s;
  ASSERT_NE(e106, nullptr);
  std::string expected;
  for (const auto& b : e106->blocks)
    if (b.tag == "text") expected = b.text;
  ASSERT_NE(expected, "") << "the E106 section shows its output in a ```text block";
  ASSERT_FALSE(std::filesystem::exists("missing.pzl"));
  auto rb = load_rulebase({"missing.pzl"});
  EXPECT_EQ(render_text(rb.diagnostics, rb.sources), expected);
  ASSERT_EQ(rb.diagnostics.items().size(), 1u);
  EXPECT_EQ(rb.diagnostics.items()[0].code, Code::E106);
  EXPECT_EQ(rb.program, nullptr);
}

TEST(DiagnosticsDoc, UnreadableFolderWithoutRuleFiles) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("puzle_diagnostics_doc_empty_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto rb = load_rulebase({dir.string()});
  EXPECT_EQ(render_text(rb.diagnostics, rb.sources),
            dir.string() + ":1:1: error[E106]: cannot read '" + dir.string() +
                "': the folder holds no .pzl file\n"
                "  hint: give a .pzl file or a folder that contains .pzl files\n");
  std::filesystem::remove_all(dir);
}

// Profile codes (E6xx) are shown with a ```json profile for examples/minimal, saved as profile.json.
TEST(DiagnosticsDoc, ProfileExamplesMatchTheLoader) {
  auto load = Rulebase::load({PUZLE_SOURCE_DIR "/examples/minimal"});
  ASSERT_TRUE(load.rulebase);
  int checked = 0;
  for (const auto* s : code_sections()) {
    for (std::size_t i = 0; i < s->blocks.size(); ++i) {
      if (s->blocks[i].tag != "json") continue;
      SCOPED_TRACE(s->code + " at docs/diagnostics.md:" + std::to_string(s->blocks[i].line));
      ASSERT_EQ(s->code.rfind("E6", 0), 0u) << "only profile codes use ```json examples";
      ASSERT_LT(i + 1, s->blocks.size());
      ASSERT_EQ(s->blocks[i + 1].tag, "diagnostics");
      auto pl = load_profile(*load.rulebase, "profile.json", s->blocks[i].text);
      EXPECT_FALSE(pl.profile.has_value());
      EXPECT_EQ(render_text(pl.diagnostics, *pl.sources), s->blocks[i + 1].text);
      bool found = false;
      for (const auto& d : pl.diagnostics.items()) found = found || code_info(d.code).id == s->code;
      EXPECT_TRUE(found);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 7);
}

}  // namespace
}  // namespace puzle::diagnostics_doc_test
