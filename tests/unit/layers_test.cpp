// The layers stay layered (docs/design.md): the public headers name no part of the compiled
// plan (it is the engine's to change), the front end and the base layer (core/) include nothing
// of the engine, and the base layer nothing of the front end.
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_files.hpp"

namespace layers_test {
namespace {

namespace fs = std::filesystem;
using puzle::test_files::slurp;

std::vector<fs::path> sources_under(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(std::string(PUZLE_SOURCE_DIR) + "/" + dir))
    if (e.path().extension() == ".hpp" || e.path().extension() == ".cpp" || e.path().extension() == ".def")
      out.push_back(e.path());
  return out;
}

TEST(Layers, NoPublicHeaderNamesThePlan) {
  const std::regex plan(
      R"(\b(CondNode|MemoTest|CondCode|RulePlan|EffectPlan|ForPlan|RulebaseIndex|RulebasePlan|PrerequisiteGraph|CompiledRules|SkipIndex|plan_of)\b)");
  for (const auto& f : sources_under("include/puzle")) {
    std::smatch m;
    const std::string text = slurp(f);
    EXPECT_FALSE(std::regex_search(text, m, plan)) << f << " names " << m.str();
  }
}

TEST(Layers, TheFrontEndAndTheBaseLayerIncludeNothingOfTheEngine) {
  // The engine's public headers, and its private folders.
  const std::regex engine(
      R"re(#include "(puzle/(evaluate|render|batch|diff|doc|report|testing|profile|rulebase)\.hpp|(eval|plan|render|rulebase|batch|profile|doc|digest|reference|testing)/[^"]*)")re");
  for (const std::string dir : {"dsl", "core"})
    for (const auto& f : sources_under(dir)) {
      std::smatch m;
      const std::string text = slurp(f);
      EXPECT_FALSE(std::regex_search(text, m, engine)) << f << ": " << m.str();
    }
  // The base layer's own public headers are the only ones of include/puzle/ it may use.
  const std::regex front_end(
      R"re(#include "(puzle/(?!(source|diagnostic|decimal|date|suggest|version)\.hpp|diagnostic_codes\.def)|check/|grammar/|format/))re");
  for (const auto& f : sources_under("core")) {
    std::smatch m;
    const std::string text = slurp(f);
    EXPECT_FALSE(std::regex_search(text, m, front_end)) << f << ": " << m.str();
  }
}

}  // namespace
}  // namespace layers_test
