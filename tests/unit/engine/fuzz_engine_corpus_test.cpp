// Replays fuzz/profile_corpus and fuzz/batch_corpus through the bodies of the profile and batch
// fuzz targets (profile_one.hpp, batch_one.hpp), so that the normal test suite (gcc, no
// libFuzzer) keeps every seed and every fixed crash as a regression test. The targets trap on a
// broken contract (a profile with errors, 1 and 3 threads disagreeing), which fails the test.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "batch_one.hpp"
#include "profile_one.hpp"

namespace puzle::fuzz_engine_corpus_test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpus_files(const char* folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(PUZLE_SOURCE_DIR) / "fuzz" / folder))
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

std::string corpus_file(const char* folder, const char* name) {
  return read_bytes(fs::path(PUZLE_SOURCE_DIR) / "fuzz" / folder / name);
}

TEST(FuzzProfileCorpus, EveryInputRunsThroughLoadEvaluateAndRender) {
  const auto files = corpus_files("profile_corpus");
  ASSERT_GE(files.size(), 15u) << "the seed corpus is missing";
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    EXPECT_NO_THROW(fuzz::run_profile(read_bytes(path)));
  }
}

TEST(FuzzProfileCorpus, ValidSeedsLoadAndInvalidOnesDoNot) {
  const Rulebase& rb = fuzz::minimal_rulebase();
  for (const char* name : {"gosol.json", "every_field.json", "maturity_one_level.json", "big_town_needs.json",
                           "bom_escapes.json", "numbers_big.json", "long_text.json"}) {
    SCOPED_TRACE(name);
    auto load = load_profile(rb, name, corpus_file("profile_corpus", name));
    EXPECT_TRUE(load.profile.has_value()) << render_text(load.diagnostics, *load.sources);
  }
  for (const char* name :
       {"bad_values.json", "numbers.json", "sets.json", "unknown_and_twice.json", "missing_population.json",
        "deep_too.json", "deep_ok.json", "not_object.json", "truncated.json", "empty.json", "multiline_wrong.json",
        "invalid_utf8.json", "regress_number_overflow.json", "regress_number_overflow_found.json"}) {
    SCOPED_TRACE(name);
    auto load = load_profile(rb, name, corpus_file("profile_corpus", name));
    EXPECT_FALSE(load.profile.has_value());
    EXPECT_TRUE(load.diagnostics.has_errors());
  }
}

TEST(FuzzBatchCorpus, EveryInputRunsTheSameOnOneAndThreeThreads) {
  const auto files = corpus_files("batch_corpus");
  ASSERT_GE(files.size(), 15u) << "the seed corpus is missing";
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    EXPECT_NO_THROW(fuzz::run_batch_input(read_bytes(path)));
  }
}

TEST(FuzzBatchCorpus, TheFirstByteChoosesTheFormat) {
  const Rulebase& rb = fuzz::minimal_rulebase();
  // 'c' (odd): CSV; 'j' (even): JSON Lines.
  const std::string csv = corpus_file("batch_corpus", "every_column.csv");
  ASSERT_EQ(csv.front(), 'c');
  auto out = fuzz::run_batch_once(rb, true, std::string_view(csv).substr(1), 3, 2, kMaxRecordBytes);
  EXPECT_FALSE(out.header_error) << out.errors;
  EXPECT_EQ(out.errors, "");
  EXPECT_EQ(std::count(out.lines.begin(), out.lines.end(), '\n'), 4);

  const std::string jsonl = corpus_file("batch_corpus", "fifteen.jsonl");
  ASSERT_EQ(jsonl.front(), 'j');
  out = fuzz::run_batch_once(rb, false, std::string_view(jsonl).substr(1), 1, 256, kMaxRecordBytes);
  EXPECT_EQ(std::count(out.lines.begin(), out.lines.end(), '\n'), 15);
  EXPECT_EQ(std::count(out.errors.begin(), out.errors.end(), '\n'), 2) << out.errors;

  out = fuzz::run_batch_once(rb, true, std::string_view(corpus_file("batch_corpus", "bad_header.csv")).substr(1), 1,
                             256, kMaxRecordBytes);
  EXPECT_TRUE(out.header_error);
}

}  // namespace
}  // namespace puzle::fuzz_engine_corpus_test
