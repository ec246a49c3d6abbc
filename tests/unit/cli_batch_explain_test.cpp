// `puzle batch --explain`: the compact explanation in each line, and the options that cannot
// go together refused before any record is read.
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"

namespace cli_batch_explain_test {
namespace {

using namespace puzle::testing_cli;

const std::string kBatch = "batch --rules examples/minimal examples/minimal/municipis.jsonl --date 2026-01-01 ";

TEST(CliBatchExplain, CompactLinesSayWhatFiredAndWhyNot) {
  const CliRun r = run_puzle(kBatch + "--explain compact --why-not enllumenat_intelligent -j 2");
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    const auto j = nlohmann::json::parse(line);
    ASSERT_TRUE(j.contains("explain")) << line;
    // Every element of the roadmap that a rule suggested or required has its acts.
    for (const auto& phase : j["phases"])
      for (const auto& e : phase["elements"]) {
        if (e["status"] == "needed") continue;
        bool listed = false;
        for (const auto& x : j["explain"]["elements"]) listed = listed || (x["id"] == e["id"] && !x["acts"].empty());
        EXPECT_TRUE(listed) << e["id"] << " in " << line;
      }
    ASSERT_EQ(j["explain"]["why_not"].size(), 1u);
    EXPECT_EQ(j["explain"]["why_not"][0]["id"], "enllumenat_intelligent");
  }
  EXPECT_EQ(n, 4u);
  // Girona (104,038 inhabitants) gets the smart lighting: the rule that suggested it is named.
  EXPECT_NE(
      r.out.find(
          R"({"id":"enllumenat_intelligent","status":"suggested","score":"20","acts":[{"rule":"enllumenat_gran","effect":"suggest","weight":"+20"}]})"),
      std::string::npos)
      << r.out;
}

TEST(CliBatchExplain, OptionsThatCannotGoTogetherAreRefused) {
  CliRun r = run_puzle(kBatch + "--why-not enllumenat_intelligent");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "puzle: --why-not needs --explain compact\n");
  EXPECT_EQ(r.out, "");
  r = run_puzle(kBatch + "--full --explain compact");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--full is --explain full"), std::string::npos) << r.err;
  r = run_puzle(kBatch + "--explain compact --why-not enllumenat_intelligent,nothing_of_the_kind");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("element 'nothing_of_the_kind'"), std::string::npos) << r.err;
  r = run_puzle(kBatch + "--explain some");
  EXPECT_EQ(r.status, 2);
}

TEST(CliBatchExplain, FullIsTheSameAsExplainFull) {
  const CliRun a = run_puzle(kBatch + "--full"), b = run_puzle(kBatch + "--explain full");
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"because\""), std::string::npos);
}

}  // namespace
}  // namespace cli_batch_explain_test
