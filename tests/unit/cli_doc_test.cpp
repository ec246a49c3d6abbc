// Runs every ```console block of docs/cli.md, docs/json.md and docs/semantics.md: the
// `$ puzle ...` line is executed from the repository root and its output (stderr then stdout, as
// a terminal shows a finished command) and exit code must match the block, so the guides always
// show real output.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace cli_doc_test {
namespace {

struct Example {
  std::string command;  // after "$ puzle "
  std::string expected;
  int exit_code = 0;
  int line = 0;
};

std::vector<Example> examples(const std::string& doc) {
  std::ifstream in(std::string(PUZLE_SOURCE_DIR) + "/" + doc);
  std::vector<Example> out;
  std::string line;
  int number = 0;
  bool inside = false;
  Example current;
  while (std::getline(in, line)) {
    ++number;
    if (!inside && line == "```console") {
      inside = true;
      current = Example{};
      current.line = number;
      continue;
    }
    if (!inside) continue;
    if (line == "```") {
      inside = false;
      out.push_back(current);
      continue;
    }
    if (current.command.empty() && line.rfind("$ puzle ", 0) == 0) {
      current.command = line.substr(8);
    } else if (line.rfind("[exit ", 0) == 0) {
      current.exit_code = std::stoi(line.substr(6));
    } else {
      current.expected += line + "\n";
    }
  }
  return out;
}

std::string run(const std::string& args, int& status) {
  // stderr first, then stdout: each is captured whole so the order does not depend on buffering.
  const std::string err =
      (std::filesystem::temp_directory_path() / ("puzle-cli-doc-" + std::to_string(getpid()) + ".err")).string();
  const std::string cmd = "cd '" PUZLE_SOURCE_DIR "' && '" PUZLE_CLI_PATH "' " + args + " 2>'" + err + "'";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  status = WEXITSTATUS(pclose(p));
  std::ifstream e(err);
  std::stringstream ss;
  ss << e.rdbuf();
  std::remove(err.c_str());
  return ss.str() + out;
}

void check_examples(const std::string& doc, const std::vector<Example>& all) {
  for (const auto& ex : all) {
    SCOPED_TRACE(doc + ":" + std::to_string(ex.line) + ": puzle " + ex.command);
    ASSERT_FALSE(ex.command.empty()) << "a console block must start with '$ puzle ...'";
    int status = -1;
    const std::string got = run(ex.command, status);
    EXPECT_EQ(got, ex.expected);
    EXPECT_EQ(status, ex.exit_code);
  }
}

TEST(CliDoc, EveryConsoleBlockShowsRealOutput) {
  auto all = examples("docs/cli.md");
  ASSERT_GE(all.size(), 5u) << "docs/cli.md should show the main commands";
  check_examples("docs/cli.md", all);
}

TEST(CliDoc, JsonDocShowsTheRealOutputOfEveryView) {
  auto all = examples("docs/json.md");
  for (const char* view : {"puzzle ", "roadmap ", "explain ", "why-not "}) {
    bool shown = false;
    for (const auto& ex : all)
      shown = shown || (ex.command.rfind(view, 0) == 0 && ex.command.find("--format json") != std::string::npos);
    EXPECT_TRUE(shown) << "docs/json.md should show `puzle " << view << "... --format json`";
  }
  check_examples("docs/json.md", all);
}

TEST(CliDoc, SemanticsDocShowsRealOutput) {
  auto all = examples("docs/semantics.md");
  ASSERT_GE(all.size(), 3u) << "docs/semantics.md should show explanations, a roadmap and rule tests";
  check_examples("docs/semantics.md", all);
}

}  // namespace
}  // namespace cli_doc_test
