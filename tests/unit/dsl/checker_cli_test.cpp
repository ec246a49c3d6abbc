// `puzle check` as a process: exit codes, --werror, --list-codes and the JSON form.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checker_helper.hpp"
#include "test_files.hpp"

namespace puzle::checker_cli_test {
namespace {

using namespace checker_tests;
using test_files::slurp;

// ---- `puzle check` as a process -----------------------------------------------------------

struct Outcome {
  int exit = -1;
  std::string out, err;
};

class CheckerCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("puzle_checker_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(::getpid()));  // several builds may run the tests at once
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }

  // Runs `puzle ARGS` in the test's folder.
  Outcome run(const std::string& args) {
    const auto out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    const std::string cmd = "cd '" + dir_.string() + "' && '" + PUZLE_CLI_PATH + "' " + args + " >'" + out.string() +
                            "' 2>'" + err.string() + "'";
    const int status = std::system(cmd.c_str());
    Outcome r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return r;
  }

  std::filesystem::path dir_;
};

const char* const kUnusedSegment = "profile {\n  population: int\n}\n\nsegment petit = population < 1000\n";
const char* const kWarning =
    "example.pzl:5:9: warning[W502]: segment 'petit' is never used\n"
    " 5 | segment petit = population < 1000\n"
    "   |         ^^^^^\n"
    "  hint: use it in a rule's condition or remove it\n";

TEST_F(CheckerCli, ACleanRulebaseExitsZero) {
  auto r = run("check '" + std::string(PUZLE_SOURCE_DIR) + "/examples/minimal'");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "checked 4 file(s): 3 elements, 4 rules, 2 segments, 2 solutions, 2 tests\n");
}

TEST_F(CheckerCli, WarningsExitZeroUnlessWerror) {
  write("example.pzl", kUnusedSegment);
  auto r = run("check example.pzl");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, std::string(kWarning) + "0 error(s), 1 warning(s)\n" +
                       "checked 1 file(s): 0 elements, 0 rules, 1 segments, 0 solutions, 0 tests\n");
  auto w = run("check --werror example.pzl");
  EXPECT_EQ(w.exit, 1);
  EXPECT_EQ(w.err, r.err);
}

// The unused segment of kUnusedSegment, acknowledged.
const char* const kAcknowledged =
    "profile {\n  population: int\n}\n\nsegment petit = population < 1000\n"
    "  acknowledge W502 \"the rules of 2027 will use it\"\n";

TEST_F(CheckerCli, WerrorPassesOverAcknowledgedWarnings) {
  write("example.pzl", kAcknowledged);
  auto r = run("check example.pzl");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.err,
            "example.pzl:5:9: warning[W502]: segment 'petit' is never used\n"
            " 5 | segment petit = population < 1000\n"
            "   |         ^^^^^\n"
            "  acknowledged: the rules of 2027 will use it\n"
            "  hint: use it in a rule's condition or remove it\n"
            "0 error(s), 0 warning(s), 1 acknowledged\n"
            "checked 1 file(s): 0 elements, 0 rules, 1 segments, 0 solutions, 0 tests\n");
  auto w = run("check --werror example.pzl");
  EXPECT_EQ(w.exit, 0);
  EXPECT_EQ(w.err, r.err);
  // Another warning, not acknowledged, still fails --werror; the summary counts both kinds.
  write("other.pzl", "segment gran = population > 20000\n");
  auto both = run("check --werror example.pzl other.pzl");
  EXPECT_EQ(both.exit, 1);
  EXPECT_NE(both.err.find("0 error(s), 1 warning(s), 1 acknowledged\n"), std::string::npos) << both.err;
  EXPECT_EQ(run("check example.pzl other.pzl").exit, 0);
}

TEST_F(CheckerCli, WerrorFailsOnAStaleAcknowledgement) {
  write("example.pzl",
        "profile {\n  population: int\n}\n\nsegment petit = population < 1000\n"
        "  acknowledge W501 \"it was empty once\"\n\nrule r\n  when petit\n  suggest x\n");
  write("model.pzl", "area a {\n  domain d {\n    block b {\n      element x\n    }\n  }\n}\n");
  auto r = run("check example.pzl model.pzl");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.err.rfind("example.pzl:6:15: warning[W504]: segment 'petit' acknowledges W501, but no W501 is "
                        "reported on it\n",
                        0),
            0u)
      << r.err;
  EXPECT_NE(r.err.find("0 error(s), 1 warning(s)\n"), std::string::npos) << r.err;
  EXPECT_EQ(run("check --werror example.pzl model.pzl").exit, 1);
}

TEST_F(CheckerCli, JsonMarksAcknowledgedWarnings) {
  write("example.pzl", kAcknowledged);
  auto r = run("check --format json --werror example.pzl");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(R"([{
    "code": "W502", "severity": "warning", "file": "example.pzl",
    "line": 5, "column": 9, "end_line": 5, "end_column": 14,
    "message": "segment 'petit' is never used",
    "acknowledged": "the rules of 2027 will use it",
    "hint": "use it in a rule's condition or remove it"
  }])"));
}

TEST_F(CheckerCli, ErrorsExitOne) {
  write("example.pzl", "profile {\n  population: int\n}\n\nsegment petit = populaton < 1000\n");
  auto r = run("check example.pzl");
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "example.pzl:5:17: error[E200]: unknown name 'populaton'\n"
            " 5 | segment petit = populaton < 1000\n"
            "   |                 ^^^^^^^^^\n"
            "  hint: did you mean 'population'?\n"
            "1 error(s), 0 warning(s)\n");
  EXPECT_EQ(run("check --werror example.pzl").exit, 1);
}

TEST_F(CheckerCli, UsageErrorsExitTwo) {
  write("example.pzl", kUnusedSegment);
  auto none = run("check");
  EXPECT_EQ(none.exit, 2);
  EXPECT_EQ(none.err.rfind("puzle check: give at least one rule file or folder\n", 0), 0u) << none.err;
  EXPECT_EQ(run("check --bogus example.pzl").exit, 2);
  EXPECT_EQ(run("check --format xml example.pzl").exit, 2);
  auto missing = run("check missing.pzl");
  EXPECT_EQ(missing.exit, 2);
  EXPECT_EQ(missing.err,
            "missing.pzl:1:1: error[E106]: cannot read 'missing.pzl': no such file or folder\n"
            "  hint: give a .pzl file or a folder that contains .pzl files\n"
            "1 error(s), 0 warning(s)\n");
}

TEST_F(CheckerCli, ListCodesListsEveryCode) {
  auto r = run("check --list-codes");
  EXPECT_EQ(r.exit, 0);
  std::string expected;
  for (const auto& c : all_codes())
    expected += std::string(c.id) + "  " +
                (c.severity == Severity::Error     ? "error  "
                 : c.severity == Severity::Warning ? "warning"
                                                   : "note   ") +
                "  " + std::string(c.summary) + "\n";
  EXPECT_EQ(r.out, expected);
}

TEST_F(CheckerCli, JsonCarriesEveryField) {
  write("example.pzl",
        "profile {\n  population: int\n  province: enum { girona, girona }\n}\n\n"
        "segment petit = population < 1000\nsegment petit = population < 5000\n");
  auto r = run("check --format json example.pzl");
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.err, "");
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0], nlohmann::json::parse(R"({
    "code": "E205", "severity": "error", "file": "example.pzl",
    "line": 3, "column": 28, "end_line": 3, "end_column": 34,
    "message": "enum value 'girona' is listed twice in 'province'"
  })"));
  EXPECT_EQ(j[1], nlohmann::json::parse(R"({
    "code": "E201", "severity": "error", "file": "example.pzl",
    "line": 7, "column": 9, "end_line": 7, "end_column": 14,
    "message": "segment 'petit' is declared twice",
    "hint": "rename one of them or remove the duplicate",
    "notes": [{"file": "example.pzl", "line": 6, "column": 9, "end_line": 6, "end_column": 14,
               "message": "first declared here"}]
  })"));
  // The keys come in a fixed order, for diffs and for people reading the output.
  std::vector<std::string> keys;
  const auto ordered = nlohmann::ordered_json::parse(r.out);
  for (auto it = ordered[1].begin(); it != ordered[1].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"code", "severity", "file", "line", "column", "end_line", "end_column",
                                            "message", "hint", "notes"}));
}

TEST_F(CheckerCli, JsonWarningsAndWerror) {
  write("example.pzl", kUnusedSegment);
  auto r = run("check --format json example.pzl");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(R"([{
    "code": "W502", "severity": "warning", "file": "example.pzl",
    "line": 5, "column": 9, "end_line": 5, "end_column": 14,
    "message": "segment 'petit' is never used",
    "hint": "use it in a rule's condition or remove it"
  }])"));
  EXPECT_EQ(run("check --format json --werror example.pzl").exit, 1);
  write("clean.pzl", "profile {\n  population: int\n}\n");
  auto clean = run("check --format json clean.pzl");
  EXPECT_EQ(clean.exit, 0);
  EXPECT_EQ(clean.out, "[]\n");
}

}  // namespace
}  // namespace puzle::checker_cli_test
