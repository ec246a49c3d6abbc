// Runs every ```console block of docs/cli.md: the `$ puzle ...` line is executed from the
// repository root and its output (stderr then stdout, as a terminal shows a finished command)
// and exit code must match the block, so the CLI guide always shows real output.
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

namespace {

struct Example {
  std::string command;  // after "$ puzle "
  std::string expected;
  int exit_code = 0;
  int line = 0;
};

std::vector<Example> examples() {
  std::ifstream in(std::string(PUZLE_SOURCE_DIR) + "/docs/cli.md");
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

TEST(CliDoc, EveryConsoleBlockShowsRealOutput) {
  auto all = examples();
  ASSERT_GE(all.size(), 5u) << "docs/cli.md should show the main commands";
  for (const auto& ex : all) {
    SCOPED_TRACE("docs/cli.md:" + std::to_string(ex.line) + ": puzle " + ex.command);
    ASSERT_FALSE(ex.command.empty()) << "a console block must start with '$ puzle ...'";
    int status = -1;
    const std::string got = run(ex.command, status);
    EXPECT_EQ(got, ex.expected);
    EXPECT_EQ(status, ex.exit_code);
  }
}

}  // namespace
