// Replays every file of fuzz/corpus through the fuzz target's body, so that the normal test
// suite (gcc, no libFuzzer) keeps every seed and every fixed crash as a regression test.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz_one.hpp"

namespace puzle::fuzz_corpus_test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(PUZLE_SOURCE_DIR) / "fuzz" / "corpus"))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(FuzzCorpus, EveryInputRunsThroughTheFrontEnd) {
  const auto files = corpus_files();
  ASSERT_GE(files.size(), 9u) << "the seed corpus is missing";
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const std::string bytes = read_bytes(path);
    EXPECT_NO_THROW(fuzz::run_one(bytes));
  }
}

TEST(FuzzCorpus, SeedsOfValidSyntaxParseWithoutSyntaxErrors) {
  for (const char* name : {"acknowledge.pzl", "comments.pzl", "expressions.pzl", "metamodel.pzl", "profile.pzl",
                           "providers.pzl", "roadmap_tests.pzl", "rules.pzl", "sample.pzl"}) {
    SCOPED_TRACE(name);
    SourceSet sources;
    Diagnostics diags;
    FileId f = sources.add(name, read_bytes(fs::path(PUZLE_SOURCE_DIR) / "fuzz" / "corpus" / name));
    auto module = parse_module(sources, f, diags);
    EXPECT_EQ(render_text(diags, sources), "");
    EXPECT_FALSE(module.decls.empty());
  }
}

}  // namespace
}  // namespace puzle::fuzz_corpus_test
