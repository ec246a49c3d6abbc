// Resource limits and misleading output in the `puzle` binary (issue 11): worker counts
// capped, sizes enforced while reading, user text that cannot forge or colour output lines.
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_run.hpp"

namespace cli_limits_test {
namespace {

using namespace puzle::testing_cli;

TEST(Limits, JobsAreCappedAndNeverMoreThanRecords) {
  const std::string args = "batch --rules examples/minimal examples/minimal/municipis.jsonl --date 2026-01-01";
  const CliRun one = run_puzle(args + " -j 1");
  // 100,000 jobs once cost 23 GB; now they are 64 at most, and 4 records start 4 threads.
  const CliRun many = shell(memory_cap() + puzle_path() + " " + args + " -j 100000");
  EXPECT_EQ(many.status, 0) << many.err;
  EXPECT_EQ(many.out, one.out);
  EXPECT_EQ(many.err, "puzle: warning: --jobs 100000 is more than 64; using 64\n4 profiles: 4 evaluated, 0 failed\n");
}

TEST(Limits, ThreadsTheSystemRefusesAreAWarningAndTheOthersDoTheWork) {
  // RLIMIT_NPROC counts threads; root is exempt from it, so the command runs as `nobody`.
  if (::geteuid() == 0 && shell("command -v setpriv").status != 0) GTEST_SKIP() << "running as root without setpriv";
  const std::string as = ::geteuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups " : "";
  const std::string args = " batch --rules examples/minimal examples/minimal/municipis.jsonl --date 2026-01-01";
#ifdef PUZLE_SANITIZED
  const std::string env = "env ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 ";  // LSan needs a thread at exit
#else
  const std::string env;
#endif
  const CliRun r = shell(as + env + "prlimit --nproc=1:1 " + puzle_path() + args + " -j 4");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, run_puzle(args + " -j 1").out);
  EXPECT_EQ(r.err,
            "puzle: warning: the system refused to start 3 of the worker threads; the others did the work\n"
            "4 profiles: 4 evaluated, 0 failed\n");
}

TEST(Limits, AnEndlessProfileCostsTheLimitNotAllMemory) {
  const CliRun r = shell(memory_cap() + puzle_path() + " roadmap --rules examples/minimal - < /dev/zero");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("error[E600]: the profile is larger than the limit of 1048576 bytes"), std::string::npos)
      << r.err;
  // JSON Lines without a newline: one bad record, not a line read without end.
  const CliRun j = shell(memory_cap() + "head -c 5000000 /dev/zero | tr '\\0' x | " + puzle_path() +
                         " batch --rules examples/minimal -");
  EXPECT_EQ(j.status, 1);
  EXPECT_EQ(j.err, "-:1: error: the line is longer than 1048576 bytes\n1 profiles: 0 evaluated, 1 failed\n");
}

TEST(Limits, AnUpperCaseCsvExtensionIsCsv) {
  Scratch s("upper-csv");
  shell("cp examples/minimal/municipis.csv " + q(s / "M.CSV"));
  const CliRun r = run_puzle("batch --rules examples/minimal " + q(s / "M.CSV") + " --date 2026-01-01");
  EXPECT_EQ(r.status, 1);  // the example has two bad rows on purpose
  EXPECT_NE(r.err.find("5 profiles: 3 evaluated, 2 failed"), std::string::npos) << r.err;
}

TEST(Misleading, ANameCannotForgeOrColourAnOutputLine) {
  Scratch s("forge");
  write_file(
      s / "p.json",
      R"({"name": "Gósol\nPhase 1 · Curt (99)\n  1  Fake element\u001b[31m", "population": 190, "province": "lleida"})");
  for (const std::string view : {"roadmap", "puzzle", "why-not enllumenat_intelligent", "explain notificacions"}) {
    SCOPED_TRACE(view);
    const CliRun r = run_puzle(view + " --rules examples/minimal " + q(s / "p.json") + " --date 2026-01-01");
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(r.out.find("\nPhase 1 · Curt (99)"), std::string::npos) << r.out;
    if (view != "explain notificacions") {
      EXPECT_NE(r.out.find("Gósol\\nPhase 1 · Curt (99)\\n  1  Fake element\\u{1b}[31m"), std::string::npos) << r.out;
    }
  }
  // In JSON the name is data, escaped by JSON itself.
  const CliRun j =
      run_puzle("roadmap --format json --rules examples/minimal " + q(s / "p.json") + " --date 2026-01-01");
  EXPECT_NE(j.out.find(R"("name": "Gósol\nPhase 1 · Curt (99)\n  1  Fake element\u001b[31m")"), std::string::npos)
      << j.out;
}

TEST(Misleading, AJavascriptUrlNeverBecomesALink) {
  Scratch s("url");
  shell("cp -r examples/minimal " + q(s / "rules"));
  shell("sed -i 's|https://www.aoc.cat|javascript:alert(3)|' " + q(s / "rules/solutions.pzl"));
  const CliRun r = run_puzle("doc --format html " + q(s / "rules"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("error[E305]: url \"javascript:alert(3)\" is not a web or mail address"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("javascript:"), std::string::npos);
}

}  // namespace
}  // namespace cli_limits_test
