// For tests of `puzle serve`: the server started on a free loopback port (it announces the one
// it took on its first line), and stopped with SIGTERM when the test ends — killed if it has not
// stopped within 10 s, so that no test leaves a server behind.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace puzle::testing_server {

class ServerProcess {
 public:
  // `args` follow `puzle serve --listen 127.0.0.1:0`; run from the repository root. With
  // `shell_prefix`, the server is exec'd by bash after it (limits: "ulimit -f 100;").
  explicit ServerProcess(const std::vector<std::string>& args, const std::string& shell_prefix = "") {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    std::vector<std::string> argv{PUZLE_CLI_PATH, "serve", "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), args.begin(), args.end());
    if (!shell_prefix.empty()) {
      std::string command = shell_prefix + " exec";
      for (const auto& a : argv) command += " '" + a + "'";  // test paths hold no quote
      argv = {"/bin/bash", "-c", command};
    }
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    posix_spawn_file_actions_addchdir_np(&fa, PUZLE_SOURCE_DIR);
    const int rc = posix_spawn(&pid_, argv[0].c_str(), &fa, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    if (rc != 0) throw std::runtime_error("cannot start puzle serve");
    out_ = fdopen(out[0], "r");
    char line[512];
    // The first line names the URL; a server that failed to start closes the pipe instead.
    if (out_ && fgets(line, sizeof line, out_)) {
      const std::string s = line;
      const auto at = s.find("http://");
      if (at != std::string::npos) url_ = s.substr(at, s.find_first_of("\r\n", at) - at);
    }
  }
  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& url() const { return url_; }  // empty when it did not start
  std::string host() const { return "127.0.0.1"; }
  int port() const { return url_.empty() ? 0 : std::stoi(url_.substr(url_.rfind(':') + 1)); }
  void signal(int sig) const { kill(pid_, sig); }

  // Stops it (SIGTERM) and returns its exit status (128 + N when killed by signal N).
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int st = 0;
    while (waitpid(pid_, &st, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &st, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
    if (out_) fclose(out_);
    out_ = nullptr;
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return status_;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string url_;
  int status_ = -1;
};

}  // namespace puzle::testing_server
