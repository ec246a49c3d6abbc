// apps layer: the `puzle` command line, a thin front door over include/puzle/.
// Exit codes (files.hpp, docs/cli.md): 0 success, 1 errors in the input (or failed tests),
// 2 usage, 3 an output that could not be written, 4 internal error, 128 + N a signal N.
#include <chrono>
#include <exception>
#include <iostream>
#include <map>

#include <unistd.h>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "puzle/suggest.hpp"
#include "puzle/version.hpp"

namespace {

// `puzle nosuch`: CLI11 would say "A subcommand is required"; say what was wrong instead.
bool unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const std::string word = argv[1];
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return false;
    names.push_back(sub->get_name());
  }
  std::cerr << "puzle: unknown command '" << word << "'";
  if (const std::string near = puzle::did_you_mean(word, names); !near.empty()) std::cerr << "; " << near;
  std::cerr << "\nRun 'puzle --help' for the list of commands.\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  namespace exit_code = puzle::cli::exit_code;
  puzle::cli::capture_stdout();
  puzle::cli::install_interrupt_handlers();
  CLI::App app{"puzle: rules for the digital municipality"};
  app.set_version_flag("--version", std::string("puzle ") + puzle::kVersion);
  app.require_subcommand(1);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log operational events (timings) on stderr");

  std::map<CLI::App*, puzle::cli::Runner> runners;
  auto add = [&](puzle::cli::Runner (*adder)(CLI::App&)) {
    auto runner = adder(app);
    runners[app.get_subcommands({}).back()] = std::move(runner);
  };
  add(puzle::cli::add_check);
  add(puzle::cli::add_puzzle);
  add(puzle::cli::add_roadmap);
  add(puzle::cli::add_explain);
  add(puzle::cli::add_why_not);
  add(puzle::cli::add_test);
  add(puzle::cli::add_parse);
  add(puzle::cli::add_fmt);
  add(puzle::cli::add_doc);
  add(puzle::cli::add_batch);
  add(puzle::cli::add_coverage);
  add(puzle::cli::add_report);
  add(puzle::cli::add_diff);
  add(puzle::cli::add_merge);
  add(puzle::cli::add_db);
  add(puzle::cli::add_town);
  add(puzle::cli::add_visit);
  add(puzle::cli::add_serve);
  add(puzle::cli::add_log);
  add(puzle::cli::add_replay);

  if (unknown_command(app, argc, argv)) return exit_code::kUsage;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help and --version print and exit 0
    const int out = puzle::cli::finish_stdout();
    return code != 0 ? exit_code::kUsage : out;
  }
  // Logging is for operational events only; user diagnostics are printed by the commands.
  auto logger = spdlog::stderr_color_st("puzle");
  logger->set_pattern("[%H:%M:%S.%e] %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_default_logger(logger);
  int code = exit_code::kUsage;
  try {
    for (auto& [sub, run] : runners) {
      if (!sub->parsed()) continue;
      const auto start = std::chrono::steady_clock::now();
      code = run();
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
      spdlog::debug("{} finished in {} µs with exit code {}", sub->get_name(), us.count(), code);
      break;
    }
  } catch (const std::exception& e) {
    std::cerr << "puzle: internal error: " << e.what() << "\n";
    code = exit_code::kInternal;
  }
  // Every command's standard output is checked here: a failed write is never a success.
  if (const int out = puzle::cli::finish_stdout(); out != exit_code::kOk && code == exit_code::kOk) code = out;
  if (puzle::cli::interrupt_signal()) {
    if (code != puzle::cli::interrupted_exit_code()) std::cerr << "puzle: interrupted\n";  // not said yet
    return puzle::cli::interrupted_exit_code();
  }
  return code;
}
