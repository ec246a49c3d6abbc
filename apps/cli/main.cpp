// apps layer: the `puzle` command line, a thin front door over include/puzle/.
// Exit codes: 0 success, 1 errors in the input (or failed tests), 2 usage or internal error.
#include <chrono>
#include <exception>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "puzle/version.hpp"

int main(int argc, char** argv) {
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  // Logging is for operational events only; user diagnostics are printed by the commands.
  auto logger = spdlog::stderr_color_st("puzle");
  logger->set_pattern("[%H:%M:%S.%e] %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_default_logger(logger);
  try {
    for (auto& [sub, run] : runners) {
      if (!sub->parsed()) continue;
      const auto start = std::chrono::steady_clock::now();
      const int code = run();
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
      spdlog::debug("{} finished in {} µs with exit code {}", sub->get_name(), us.count(), code);
      return code;
    }
  } catch (const std::exception& e) {
    std::cerr << "puzle: internal error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
