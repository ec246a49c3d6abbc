// What puzle does with the user's files (issue 11): an output is never written over an input or
// over another output, every file is replaced atomically (a failed write leaves the old one),
// every write is checked (standard output too), an interrupted batch never looks complete, and
// nothing under a rulebase folder is skipped silently.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"

namespace cli_files_test {
namespace {

using namespace puzle::testing_cli;

// The example municipalities' profiles as JSON Lines, `copies` times over.
std::string example_jsonl(int copies) {
  std::vector<std::string> lines;
  for (const auto& entry : fs::directory_iterator(PUZLE_SOURCE_DIR "/examples/profiles"))
    if (entry.path().extension() == ".json") lines.push_back(nlohmann::json::parse(slurp(entry.path())).dump());
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (int i = 0; i < copies; ++i)
    for (const auto& l : lines) out += l + "\n";
  return out;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// ---- Outputs over inputs -------------------------------------------------------------------

TEST(OutputsOverInputs, BatchRefusesToWriteItsInputHoweverItIsNamed) {
  Scratch s("over-input");
  const std::string input = example_jsonl(1);
  write_file(s / "in.jsonl", input);
  fs::create_symlink("in.jsonl", s.dir() / "link.jsonl");
  fs::create_hard_link(s.dir() / "in.jsonl", s.dir() / "hard.jsonl");
  const std::vector<std::string> outputs = {
      "-o " + q(s / "in.jsonl"),
      "-o " + q(s.dir().string() + "/./in.jsonl"),
      "-o " + q(s / "link.jsonl"),
      "-o " + q(s / "hard.jsonl"),
      "-o " + q(s.dir().string() + "/../" + s.dir().filename().string() + "/in.jsonl"),
      "--summary " + q(s / "in.jsonl")};
  for (const auto& output : outputs) {
    SCOPED_TRACE(output);
    const CliRun r =
        run_puzle("batch --rules rules " + q(s / "in.jsonl") + " " + output + " --date 2026-01-01 >/dev/null");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("is the input '" + s / "in.jsonl" + "': writing it would destroy it"), std::string::npos)
        << r.err;
    EXPECT_EQ(slurp(s / "in.jsonl"), input);
    EXPECT_EQ(names_in(s.dir()), (std::set<std::string>{"in.jsonl", "link.jsonl", "hard.jsonl"}));
  }
}

TEST(OutputsOverInputs, TwoOutputsMayNotShareAFile) {
  Scratch s("two-outputs");
  const CliRun r = run_puzle("batch --rules examples/minimal examples/minimal/municipis.jsonl -o " + q(s / "x.jsonl") +
                             " --summary " + q(s.dir().string() + "/./x.jsonl") + " --date 2026-01-01");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is also the file of -o"), std::string::npos) << r.err;
  EXPECT_TRUE(names_in(s.dir()).empty());
  // Both to /dev/null: nothing there to lose.
  EXPECT_EQ(
      run_puzle("batch --rules examples/minimal examples/minimal/municipis.jsonl -o /dev/null --summary /dev/null")
          .status,
      0);
}

TEST(OutputsOverInputs, ReportAndDocRefuseTheirInputs) {
  Scratch s("report-doc");
  fs::copy("" PUZLE_SOURCE_DIR "/examples/minimal", s.dir() / "rules");
  const std::string csv = slurp(s / "rules/municipis.csv");
  CliRun r = run_puzle("report --rules " + q(s / "rules") + " " + q(s / "rules/municipis.csv") + " -o " +
                       q(s / "rules/municipis.csv"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is the input"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(s / "rules/municipis.csv"), csv);
  // A rule file, named through another path to the same file.
  const std::string rules = slurp(s / "rules/rules.pzl");
  r = run_puzle("doc " + q(s / "rules") + " -o " + q(s / "rules/../rules/rules.pzl"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is a rule file"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(s / "rules/rules.pzl"), rules);
  r = run_puzle("report --rules " + q(s / "rules") + " " + q(s / "rules/municipis.csv") + " -o " +
                q(s / "rules/metamodel.pzl"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is a rule file"), std::string::npos) << r.err;
}

TEST(OutputsOverInputs, StandardOutputThatIsAnInputIsRefused) {
  Scratch s("stdout-input");
  fs::copy("" PUZLE_SOURCE_DIR "/examples/minimal", s.dir() / "rules");
  // The shell empties the file before puzle starts: puzle must say so, not carry on.
  CliRun r = shell(puzle_path() + " roadmap --rules examples/minimal " + q(s / "rules/gosol.json") + " > " +
                   q(s / "rules/gosol.json"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("standard output is the profile"), std::string::npos) << r.err;
  r = shell(puzle_path() + " fmt " + q(s / "rules/rules.pzl") + " >> " + q(s / "rules/rules.pzl"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("standard output is a rule file"), std::string::npos) << r.err;
}

TEST(OutputsOverInputs, FmtWriteIsTheOneCommandThatReplacesItsInputs) {
  Scratch s("fmt-write");
  write_file(s / "a.pzl", "profile {   population: int }\n");
  const CliRun r = run_puzle("fmt --write " + q(s / "a.pzl"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(slurp(s / "a.pzl"), "profile {\n  population: int\n}\n");
  EXPECT_EQ(names_in(s.dir()), std::set<std::string>{"a.pzl"});
}

// ---- Atomic writes -------------------------------------------------------------------------

// `ulimit -f BLOCKS` (bash counts 1024-byte blocks) makes a write beyond it fail with EFBIG, as a full disk
// would: the file that was there must survive whole, and no temporary may be left behind.
struct FullDiskCase {
  std::string name, args, target;
};

TEST(AtomicWrites, AFailedWriteLeavesTheOldFileAndNoTemporary) {
  Scratch s("atomic");
  write_file(s / "in.jsonl", example_jsonl(2));
  const std::string old = "the user's old file\n";
  std::string unformatted;
  for (int i = 0; i < 1000; ++i)
    unformatted += "segment s" + std::to_string(i) + "   =   population > " + std::to_string(i) + "\n";
  const std::vector<FullDiskCase> cases = {
      {"batch -o", "batch --rules rules --date 2026-01-01 " + q(s / "in.jsonl") + " -o " + q(s / "out.txt"), "out.txt"},
      {"batch --summary",
       "batch --rules rules --date 2026-01-01 " + q(s / "in.jsonl") + " -o /dev/null --summary " + q(s / "out.txt"),
       "out.txt"},
      {"report -o", "report --rules rules --date 2026-01-01 " + q(s / "in.jsonl") + " -o " + q(s / "out.txt"),
       "out.txt"},
      {"doc -o", "doc rules -o " + q(s / "out.txt"), "out.txt"},
      {"fmt --write", "fmt --write " + q(s / "rules.pzl"), "rules.pzl"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    write_file(s / "out.txt", old);
    write_file(s / "rules.pzl", "profile { population: int }\n" + unformatted);
    const std::string before = slurp(s / c.target);
    const auto names = names_in(s.dir());
    const CliRun r = shell("ulimit -f 8 && " + puzle_path() + " " + c.args + " >/dev/null");
    EXPECT_EQ(r.status, 3);
    EXPECT_NE(r.err.find("': a write failed: File too large"), std::string::npos) << r.err;
    EXPECT_TRUE(slurp(s / c.target) == before) << "the file changed";
    EXPECT_EQ(names_in(s.dir()), names);
  }
}

TEST(AtomicWrites, ACompleteWriteReplacesTheFileAndKeepsItsPermissions) {
  Scratch s("replace");
  write_file(s / "out.md", "old\n");
  fs::permissions(s.dir() / "out.md", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const CliRun r = run_puzle("doc examples/minimal -o " + q(s / "out.md"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(slurp(s / "out.md"), run_puzle("doc examples/minimal").out);
  EXPECT_EQ(fs::status(s.dir() / "out.md").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  // Through a link: the file it names is replaced, and the link stays.
  fs::create_symlink("out.md", s.dir() / "link.md");
  EXPECT_EQ(run_puzle("doc --format html examples/minimal -o " + q(s / "link.md")).status, 0);
  EXPECT_TRUE(fs::is_symlink(s.dir() / "link.md"));
  EXPECT_EQ(slurp(s / "out.md").rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(names_in(s.dir()), (std::set<std::string>{"out.md", "link.md"}));
}

// ---- Checked writes ------------------------------------------------------------------------

TEST(CheckedWrites, EveryCommandFailsWhenStandardOutputCannotBeWritten) {
  const std::string p = " examples/minimal/gosol.json";
  const std::string in = " examples/minimal/municipis.jsonl --date 2026-01-01";
  const std::vector<std::string> commands = {"roadmap --rules examples/minimal" + p,
                                             "puzzle --rules examples/minimal" + p,
                                             "explain --rules examples/minimal notificacions" + p,
                                             "why-not --rules examples/minimal notificacions" + p,
                                             "roadmap --rules examples/minimal --format json" + p,
                                             "batch --rules examples/minimal" + in,
                                             "coverage --rules examples/minimal" + in,
                                             "diff --before examples/minimal --after examples/minimal" + in,
                                             "report --rules examples/minimal" + in,
                                             "doc examples/minimal",
                                             "doc --format html examples/minimal",
                                             "parse examples/minimal/rules.pzl",
                                             "fmt examples/minimal/rules.pzl",
                                             "test examples/minimal",
                                             "check --format json examples/minimal",
                                             "check --list-codes",
                                             "--help",
                                             "--version"};
  for (const auto& c : commands) {
    SCOPED_TRACE(c);
    const CliRun r = run_puzle(c + " > /dev/full");
    EXPECT_EQ(r.status, 3);
    EXPECT_NE(r.err.find("puzle: cannot write to standard output: No space left on device"), std::string::npos)
        << r.err;
  }
}

// ---- Interrupted batches -------------------------------------------------------------------

// The input comes through a FIFO that stays open, so the batch is waiting for more when the
// signal comes; 300 profiles with one job make one whole wave of 256.
std::string interrupted_batch(const Scratch& s, const std::string& output, const std::string& signal) {
  write_file(s / "in.jsonl", example_jsonl(24));
  // On standard output, the first wave's lines show when it is done; a file shows nothing.
  const std::string wait = output.rfind(">", 0) == 0 ? "for i in $(seq 400); do [ -s " + q(s / "out.jsonl") +
                                                           " ] && break; sleep 0.05; done\n"
                                                     : "sleep 1\n";
  return "mkfifo " + q(s / "fifo") + "\n" + puzle_path() + " batch --rules rules " + q(s / "fifo") +
         " -j 1 --date 2026-01-01 " + output + " 2>" + q(s / "err") + " &\npid=$!\nexec 3>" + q(s / "fifo") +
         "\nhead -n 300 " + q(s / "in.jsonl") + " >&3\n" + wait + "kill -" + signal +
         " $pid\nwait $pid\necho $?\nexec 3>&-\n";
}

TEST(Interruption, ABatchOnStandardOutputSaysHowManyProfilesItWrote) {
  Scratch s("sigint-stdout");
  const CliRun r = shell(interrupted_batch(s, "> " + q(s / "out.jsonl"), "INT"));
  EXPECT_EQ(r.out, "130\n") << slurp(s / "err");
  const std::string out = slurp(s / "out.jsonl");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 256);
  EXPECT_EQ(slurp(s / "err"),
            "puzle: interrupted after 256 profiles (256 evaluated, 0 failed); the output is incomplete\n");
}

TEST(Interruption, ABatchToAFileLeavesNoFile) {
  Scratch s("sigterm-file");
  const CliRun r = shell(interrupted_batch(s, "-o " + q(s / "out.jsonl"), "TERM"));
  EXPECT_EQ(r.out, "143\n") << slurp(s / "err");
  EXPECT_FALSE(fs::exists(s.dir() / "out.jsonl"));
  EXPECT_EQ(names_in(s.dir()), (std::set<std::string>{"in.jsonl", "fifo", "err"}));
  EXPECT_NE(slurp(s / "err").find("; no output file was written\n"), std::string::npos) << slurp(s / "err");
}

// ---- Nothing under a rulebase skipped ------------------------------------------------------

// CI runs as root, which reads everything: the command then runs as `nobody`.
std::string as_unprivileged(const std::string& args) {
  if (::geteuid() != 0) return puzle_path() + " " + args;
  return "setpriv --reuid=nobody --regid=nogroup --clear-groups " + puzle_path() + " " + args;
}

TEST(RulebaseFolders, AnUnreadableSubfolderIsAnErrorNotAGap) {
  if (::geteuid() == 0 && shell("command -v setpriv").status != 0) GTEST_SKIP() << "running as root without setpriv";
  Scratch s("unreadable");
  fs::copy("" PUZLE_SOURCE_DIR "/examples/minimal", s.dir() / "rules", fs::copy_options::recursive);
  fs::create_directories(s.dir() / "rules/more");
  fs::rename(s.dir() / "rules/rules.pzl", s.dir() / "rules/more/rules.pzl");
  shell("chmod -R a+rX " + q(s.dir().string()) + " && chmod 000 " + q(s / "rules/more"));
  for (const std::string cmd : {"check", "test", "doc", "roadmap --rules"}) {
    SCOPED_TRACE(cmd);
    const std::string extra = cmd == "roadmap --rules" ? " " + q(s / "rules/gosol.json") : "";
    const CliRun r = shell(as_unprivileged(cmd + " " + q(s / "rules") + extra));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("error[E106]: cannot read '" + s / "rules/more" + "': Permission denied"), std::string::npos)
        << r.err;
  }
  // An unreadable file, too.
  shell("chmod 755 " + q(s / "rules/more") + " && chmod 000 " + q(s / "rules/more/rules.pzl"));
  const CliRun r = shell(as_unprivileged("check " + q(s / "rules")));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot read '" + s / "rules/more/rules.pzl" + "': Permission denied"), std::string::npos)
      << r.err;
}

TEST(RulebaseFolders, APipeOrALinkOutsideTheFolderIsAnError) {
  Scratch s("special");
  fs::copy("" PUZLE_SOURCE_DIR "/examples/minimal", s.dir() / "rules");
  shell("mkfifo " + q(s / "rules/pipe.pzl"));
  CliRun r = shell("timeout 20 " + puzle_path() + " check " + q(s / "rules"));  // must not wait for a writer
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot read '" + s / "rules/pipe.pzl" + "': it is not a regular file"), std::string::npos)
      << r.err;
  // Named on the command line, as a rule file or as a profile, it is refused too (use - for a
  // profile on standard input).
  r = shell("timeout 20 " + puzle_path() + " check " + q(s / "rules/pipe.pzl"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("it is not a regular file"), std::string::npos) << r.err;
  r = shell("timeout 20 " + puzle_path() + " roadmap --rules examples/minimal " + q(s / "rules/pipe.pzl"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error[E106]: cannot read the profile '" + s / "rules/pipe.pzl" + "': it is not a regular file"),
            std::string::npos)
      << r.err;
  fs::remove(s.dir() / "rules/pipe.pzl");
  // A link that leads out of the folder is not followed, and nothing of its target is shown.
  write_file(s / "secret.txt", "secret-password-line\n");
  fs::create_symlink(s.dir() / "secret.txt", s.dir() / "rules/evil.pzl");
  r = run_puzle("check " + q(s / "rules"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("it is a link to a file outside the rulebase folder"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("secret-password-line"), std::string::npos) << r.err;
  fs::remove(s.dir() / "rules/evil.pzl");
  // A link to a file inside is a rule file like any other.
  fs::rename(s.dir() / "rules/rules.pzl", s.dir() / "rules.txt");
  fs::create_directories(s.dir() / "rules/real");
  fs::rename(s.dir() / "rules.txt", s.dir() / "rules/real/rules.txt");
  fs::create_symlink("real/rules.txt", s.dir() / "rules/rules.pzl");
  r = run_puzle("check " + q(s / "rules"));
  EXPECT_EQ(r.status, 0) << r.err;
}

// ---- One table of exit codes ---------------------------------------------------------------

struct ExitCase {
  std::string args;
  int status;
  std::string says;  // a part of standard error
};

TEST(ExitCodes, EveryCommandFollowsTheDocumentedTable) {
  Scratch s("exit-codes");
  write_file(s / "bad.pzl", "profile {\n");
  const std::string p = " examples/minimal/gosol.json";
  const std::string in = " examples/minimal/municipis.jsonl --date 2026-01-01";
  const std::vector<ExitCase> cases = {
      // 2: usage: an unknown command or option, a path that cannot be read
      {"nosuch", 2, "unknown command 'nosuch'"},
      {"roadmapp", 2, "did you mean 'roadmap'?"},
      {"roadmap --nosuch" + p, 2, "--nosuch"},
      {"check nowhere", 2, "cannot read 'nowhere'"},
      {"parse nowhere.pzl", 2, "cannot read 'nowhere.pzl'"},
      {"fmt nowhere.pzl", 2, "cannot read 'nowhere.pzl'"},
      {"test nowhere", 2, "cannot read 'nowhere'"},
      {"doc nowhere", 2, "cannot read 'nowhere'"},
      {"roadmap --rules nowhere" + p, 2, "cannot read 'nowhere'"},
      {"puzzle --rules nowhere" + p, 2, "cannot read 'nowhere'"},
      {"explain --rules nowhere notificacions" + p, 2, "cannot read 'nowhere'"},
      {"why-not --rules nowhere notificacions" + p, 2, "cannot read 'nowhere'"},
      {"batch --rules nowhere" + in, 2, "cannot read 'nowhere'"},
      {"coverage --rules nowhere" + in, 2, "cannot read 'nowhere'"},
      {"report --rules nowhere" + in, 2, "cannot read 'nowhere'"},
      {"diff --before nowhere --after examples/minimal" + in, 2, "cannot read 'nowhere'"},
      {"roadmap --rules examples/minimal none.json", 2, "cannot read the profile 'none.json': no such file or folder"},
      {"roadmap --rules examples/minimal examples", 2, "cannot read the profile 'examples': it is a folder"},
      {"explain --rules examples/minimal nosuch" + p, 2, "unknown element 'nosuch'"},
      {"batch --rules examples/minimal none.jsonl", 2, "cannot read 'none.jsonl'"},
      {"batch --rules examples/minimal examples", 2, "cannot read 'examples': it is a folder"},
      {"coverage --rules examples/minimal examples", 2, "it is a folder"},
      // 1: errors in the input
      {"check examples/errors", 1, "error[E"},
      {"roadmap --rules examples/errors" + p, 1, "error[E"},
      {"batch --rules examples/minimal examples/minimal/municipis.csv --date 2026-01-01", 1, "2 failed"},
      {"fmt --check " + q(s / "bad.pzl"), 1, "error[E100]"},
      {"parse " + q(s / "bad.pzl"), 1, "error[E100]"},
      // 0
      {"check examples/minimal", 0, "checked 4 file(s)"},
      {"test examples/minimal", 0, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const CliRun r = run_puzle(c.args + " >/dev/null");
    EXPECT_EQ(r.status, c.status) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace cli_files_test
