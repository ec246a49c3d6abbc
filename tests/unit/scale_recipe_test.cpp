// docs/scale.md: a batch split into shards, or into parts, merges into what one run writes,
// byte for byte; `puzle merge` refuses what is not the parts of one run.
#include <gtest/gtest.h>

#include "cli_run.hpp"

namespace scale_recipe_test {
namespace {

using namespace puzle::testing_cli;

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("puzle-scale-" + std::to_string(getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

const std::string kCsv = "examples/municipis_catalunya.csv";
const std::string kInput = kCsv + " --date 2026-01-01 --no-progress";
const std::string kRun = "--rules rules " + kInput;

TEST(ScaleRecipe, ShardsMergeIntoTheSingleRunByteForByte) {
  const Scratch s;
  CliRun whole = run_puzle("batch " + kRun + " -j 2 --summary " + q(s / "whole.json") + " -o " + q(s / "whole.jsonl"));
  ASSERT_EQ(whole.status, 0) << whole.err;
  const CliRun shards = shell("examples/scale/shards.sh " + puzle_path() + " rules " + kCsv + " 3 " + q(s / "shards"));
  ASSERT_EQ(shards.status, 0) << shards.err;
  EXPECT_EQ(slurp(s / "shards/summary.json"), slurp(s / "whole.json"));
  EXPECT_EQ(slurp(s / "shards/lines.jsonl"), slurp(s / "whole.jsonl"));
  // Each shard took a share: none is empty, none is everything.
  for (const char* k : {"1", "2", "3"}) {
    const std::string part = slurp(s / ("shards/lines." + std::string(k) + ".jsonl"));
    EXPECT_GT(part.size(), 0u);
    EXPECT_LT(part.size(), slurp(s / "whole.jsonl").size() / 2);
  }
  // The lines carry their INE code as key (rules/profile.pzl: `key ine_code`).
  EXPECT_NE(slurp(s / "whole.jsonl").find(R"({"line":621,"key":"25100","name":"Gósol",)"), std::string::npos);
}

TEST(ScaleRecipe, PartsOfAnyCutMergeIntoTheSingleRun) {
  const Scratch s;
  // The 947 as JSON Lines, cut into parts of unequal size, as an engine would partition them.
  ASSERT_EQ(run_puzle("batch " + kRun + " --summary " + q(s / "whole.json") + " -o " + q(s / "lines.jsonl")).status, 0);
  const std::string cut = "tail -n +2 " + kCsv + " > " + q(s / "rows") + " && head -n 1 " + kCsv + " > " +
                          q(s / "header") + " && split -l 300 " + q(s / "rows") + " " + q(s / "part.");
  ASSERT_EQ(shell(cut).status, 0);
  std::string summaries;
  for (const char* part : {"aa", "ab", "ac", "ad"}) {
    const std::string csv = s / (std::string("p.") + part + ".csv");
    ASSERT_EQ(shell("cat " + q(s / "header") + " " + q(s / (std::string("part.") + part)) + " > " + q(csv)).status, 0);
    const std::string summary = s / (std::string("s.") + part + ".json");
    const CliRun r = run_puzle("batch --rules rules " + q(csv) + " --date 2026-01-01 --no-progress --summary " +
                               q(summary) + " -o /dev/null");
    ASSERT_EQ(r.status, 0) << r.err;
    summaries += " " + q(summary);
  }
  const CliRun merged = run_puzle("merge" + summaries);
  ASSERT_EQ(merged.status, 0) << merged.err;
  EXPECT_EQ(merged.out, slurp(s / "whole.json"));
}

TEST(ScaleRecipe, CoverageAndDiffSummariesMergeToo) {
  const Scratch s;
  for (const std::string& cmd :
       {"coverage --format json " + kRun, "diff --before rules --after rules --format json " + kInput}) {
    const bool diff = cmd.rfind("diff", 0) == 0;
    const std::string whole = s / "whole.json";
    const CliRun w = run_puzle(cmd + (diff ? " --summary " + q(whole) : " -j 2 > " + q(whole)));
    ASSERT_EQ(w.status, 0) << w.err;
    std::string parts;
    for (int i = 1; i <= 4; ++i) {
      const std::string part = s / ("part." + std::to_string(i) + ".json");
      const std::string shard = " --shard " + std::to_string(i) + "/4";
      const CliRun r = run_puzle(cmd + shard + (diff ? " --summary " + q(part) : " > " + q(part)));
      ASSERT_EQ(r.status, 0) << r.err;
      parts += " " + q(part);
    }
    const CliRun merged = run_puzle("merge" + parts);
    ASSERT_EQ(merged.status, 0) << merged.err;
    EXPECT_EQ(merged.out, slurp(whole)) << cmd;
  }
}

TEST(ScaleRecipe, MergeRefusesWhatIsNotOneRun) {
  const Scratch s;
  const auto summary = [&](const std::string& name, const std::string& extra) {
    const CliRun r = run_puzle("batch " + kRun + " -o /dev/null --summary " + q(s / name) + " " + extra);
    EXPECT_EQ(r.status, 0) << r.err;
    return q(s / name);
  };
  const std::string a = summary("a.json", "--shard 1/2"), b = summary("b.json", "--shard 2/2");
  const std::string other_date = q(s / "c.json");
  ASSERT_EQ(run_puzle("batch --rules rules " + kCsv + " --date 2025-01-01 --no-progress -o /dev/null --summary " +
                      other_date + " --shard 2/2")
                .status,
            0);
  CliRun r = run_puzle("merge " + a);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "puzle: shard 2/2 is missing: a merge covers every shard of the run once\n");
  r = run_puzle("merge " + a + " " + a);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("field shard: 1/2 is given twice"), std::string::npos) << r.err;
  r = run_puzle("merge " + a + " " + other_date);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("field date: \"2025-01-01\" where"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("summaries of different runs do not merge"), std::string::npos) << r.err;
  const std::string whole = summary("whole.json", "");
  r = run_puzle("merge " + a + " " + whole);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("field shard: missing, and other parts are shards"), std::string::npos) << r.err;
  write_file(s / "coverage.json", run_puzle("coverage --format json " + kRun).out);
  r = run_puzle("merge " + whole + " " + q(s / "coverage.json"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("a coverage report, and"), std::string::npos) << r.err;
  write_file(s / "broken.json", "{\"groups\": ");
  r = run_puzle("merge " + q(s / "broken.json"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("broken.json: not valid JSON"), std::string::npos) << r.err;
  // A summary whose counts were edited into another shape names the field.
  std::string edited = slurp(s / "whole.json");
  edited.replace(edited.find("\"profiles\": 947"), 15, "\"profiles\": \"x\"");
  write_file(s / "edited.json", edited);
  r = run_puzle("merge " + whole + " " + q(s / "edited.json"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("edited.json: field profiles:"), std::string::npos) << r.err;
  r = run_puzle("merge " + whole + " -o " + whole);
  EXPECT_EQ(r.status, 2) << "an output never overwrites an input";
  r = run_puzle("batch " + kRun + " -o /dev/null --shard 0/2");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--shard 0/2: expected I/N"), std::string::npos) << r.err;
  r = run_puzle("batch " + kRun + " -o /dev/null --key maturity");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--key maturity: a key is a text, int or enum field"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace scale_recipe_test
