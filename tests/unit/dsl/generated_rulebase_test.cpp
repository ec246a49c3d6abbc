// Tests of the benchmark's rulebase generator (bench/generate_rulebase.cpp): what it generates
// checks with no diagnostics at all, has the requested shape, and is the same for the same seed.
#include <gtest/gtest.h>

#include "generate_rulebase.hpp"
#include "puzle/frontend.hpp"

namespace puzle::generated_rulebase_test {
namespace {

bench::RulebaseShape small_shape() {
  bench::RulebaseShape shape;
  shape.elements = 50;
  shape.rules = 200;
  shape.rules_per_file = 60;
  return shape;
}

TEST(GeneratedRulebase, SmallInstanceChecksWithoutDiagnostics) {
  const auto files = bench::generate_rulebase(small_shape());
  auto rb = load_rulebase_from_text(files);
  EXPECT_TRUE(rb.diagnostics.empty()) << render_text(rb.diagnostics, rb.sources);
  ASSERT_NE(rb.program, nullptr);
  const auto& p = *rb.program;
  EXPECT_EQ(p.elements.size(), 50u);
  EXPECT_EQ(p.rules.size(), 200u);
  EXPECT_EQ(p.areas.size(), 6u);
  EXPECT_EQ(p.providers.size(), 7u);
  EXPECT_EQ(p.solutions.size(), 40u);
  EXPECT_EQ(p.segments.size(), 20u);
  EXPECT_EQ(p.phases.size(), 3u);
  // profile, 6 metamodel files, solutions, segments, roadmap, and 200 rules in files of 60.
  EXPECT_EQ(files.size(), 10u + 4u);
}

TEST(GeneratedRulebase, UsesEveryKindOfEffectAndClause) {
  const auto files = bench::generate_rulebase(small_shape());
  std::string rules;
  for (const auto& [path, text] : files)
    if (path.rfind("rules/", 0) == 0) rules += text;
  for (const char* piece : {"\n  suggest ", "\n  require ", "\n  exclude ", "\n  boost ", "\n  penalize ", " weight ",
                            "\n  for e in ", " where ", "\n  because \"", "{population}", "\n  source \"",
                            "\n  valid from ", " in needs", "in_place(", "maturity[", "province "})
    EXPECT_NE(rules.find(piece), std::string::npos) << piece;
}

TEST(GeneratedRulebase, FullSizeMetamodelChecksWithoutDiagnostics) {
  bench::RulebaseShape shape;  // 320 elements, as in the benchmark, with fewer rules
  shape.rules = 1000;
  auto rb = load_rulebase_from_text(bench::generate_rulebase(shape));
  EXPECT_TRUE(rb.diagnostics.empty()) << render_text(rb.diagnostics, rb.sources).substr(0, 4000);
  ASSERT_NE(rb.program, nullptr);
  EXPECT_EQ(rb.program->elements.size(), 320u);
  std::size_t with_prerequisites = 0;
  for (const auto& e : rb.program->elements) with_prerequisites += e.requires_.empty() ? 0 : 1;
  EXPECT_GT(with_prerequisites, 100u);
}

TEST(GeneratedRulebase, IsDeterministic) {
  const auto a = bench::generate_rulebase(small_shape());
  const auto b = bench::generate_rulebase(small_shape());
  EXPECT_EQ(a, b);
  auto other = small_shape();
  other.seed += 1;
  EXPECT_NE(bench::generate_rulebase(other), a);
  EXPECT_EQ(bench::total_bytes(a), bench::total_bytes(b));
  EXPECT_GT(bench::total_bytes(a), 10000u);
}

}  // namespace
}  // namespace puzle::generated_rulebase_test
