// apps layer: `puzle test PATH...`: run the rulebase's `test` blocks; exit 1 if any fails.
#include <iostream>

#include "commands.hpp"
#include "puzle/rulebase.hpp"
#include "puzle/testing.hpp"

namespace puzle::cli {

Runner add_test(CLI::App& app) {
  auto* cmd = app.add_subcommand("test", "Run the rulebase's test blocks and report each failure with an explanation");
  struct Options {
    std::vector<std::string> paths;
    std::string date;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("paths", o->paths, "Rule files or folders")->required();
  cmd->add_option("--date", o->date, "Judge the rules' validity on this day, YYYY-MM-DD (default: 2026-01-01, so tests do not age)")
      ->check(date_validator());
  return [o] {
    auto load = Rulebase::load(o->paths);
    if (!load.rulebase) {
      print_diagnostics(load.diagnostics, *load.sources, "text");
      return 1;
    }
    EvalOptions eo;
    eo.date = o->date.empty() ? "2026-01-01" : o->date;
    auto results = run_tests(*load.rulebase, eo);
    std::cout << render_test_report(*load.rulebase, results);
    for (const auto& r : results)
      if (!r.passed()) return 1;
    return 0;
  };
}

}  // namespace puzle::cli
