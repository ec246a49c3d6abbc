// For tests of the built `puzle` binary: a shell command run from the repository root with its
// standard output, standard error and exit status kept apart, and a scratch folder per test.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "test_files.hpp"

namespace puzle::testing_cli {

namespace fs = std::filesystem;

struct CliRun {
  std::string out, err;
  int status = -1;  // the shell's exit status (128 + N when the command died of signal N)
};

using test_files::slurp;
using test_files::write_file;

// `command` is a bash command line; it runs from the repository root.
inline CliRun shell(const std::string& command) {
  static int counter = 0;
  const fs::path err = fs::temp_directory_path() /
                       ("puzle-cli-run-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".err");
  const std::string quoted_err = "'" + err.string() + "'";
  std::string script = "cd '" PUZLE_SOURCE_DIR "' && { " + command + "\n} 2>" + quoted_err;
  std::string escaped;  // the script as one single-quoted bash argument
  for (char c : script) escaped += c == '\'' ? std::string("'\\''") : std::string(1, c);
  CliRun r;
  FILE* p = popen(("bash -c '" + escaped + "'").c_str(), "r");
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  r.err = slurp(err);
  fs::remove(err);
  return r;
}

// A path as one single-quoted shell word (test paths hold no quote).
inline std::string q(const std::string& path) { return "'" + path + "'"; }

inline const std::string& puzle_path() {
  static const std::string path = "'" PUZLE_CLI_PATH "'";
  return path;
}

inline CliRun run_puzle(const std::string& args) { return shell(puzle_path() + " " + args); }

// A shell prefix that caps the address space at 2 GB, so that a command that would grow
// without bound fails the test instead of the machine. Sanitizers reserve far more address
// space than they use, so under them there is no cap (the behaviour is still checked).
inline std::string memory_cap() {
#ifdef PUZLE_SANITIZED
  return "";
#else
  return "ulimit -v 2000000 && ";
#endif
}

// A fresh folder, removed with everything in it when the test ends.
class Scratch {
 public:
  explicit Scratch(const std::string& name) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("puzle-" + name + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::all & ~fs::perms::others_write & ~fs::perms::group_write);
  }
  ~Scratch() {
    std::error_code ec;
    shell("chmod -R u+rwx '" + dir_.string() + "' 2>/dev/null");
    fs::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const fs::path& dir() const { return dir_; }
  std::string operator/(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

}  // namespace puzle::testing_cli
