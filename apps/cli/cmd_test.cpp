// apps layer: `puzle test PATH...`: run the rulebase's `test` blocks; exit 1 if any fails.
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/rulebase.hpp"
#include "puzle/testing.hpp"

namespace puzle::cli {

Runner add_test(CLI::App& app) {
  auto* cmd = app.add_subcommand("test", "Run the rulebase's test blocks and report each failure with an explanation");
  struct Options {
    std::vector<std::string> paths;
    std::optional<Date> date;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("paths", o->paths, "Rule files or folders")->required();
  add_date_option(*cmd, o->date, "2026-01-01, so tests do not age");
  return [o] {
    int code = 0;
    const auto rb = load_rules(o->paths, code);
    if (!rb) return code;
    EvalOptions eo;
    eo.date = o->date.value_or(*Date::parse(kTestDate));
    auto results = run_tests(*rb, eo);
    std::cout << render_test_report(*rb, results);
    for (const auto& r : results)
      if (!r.passed()) return exit_code::kInput;
    return exit_code::kOk;
  };
}

}  // namespace puzle::cli
