// apps layer: the `puzle` command line, a thin front door over include/puzle/.
// Exit codes: 0 success, 1 errors in the input (or failed tests), 2 usage or internal error.
#include <exception>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "puzle/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"puzle: rules for the digital municipality"};
  app.set_version_flag("--version", std::string("puzle ") + puzle::kVersion);
  app.require_subcommand(1);

  std::map<CLI::App*, puzle::cli::Runner> runners;
  auto add = [&](puzle::cli::Runner (*adder)(CLI::App&)) {
    auto runner = adder(app);
    runners[app.get_subcommands({}).back()] = std::move(runner);
  };
  add(puzle::cli::add_check);
  add(puzle::cli::add_parse);
  add(puzle::cli::add_fmt);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, run] : runners)
      if (sub->parsed()) return run();
  } catch (const std::exception& e) {
    std::cerr << "puzle: internal error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
