// apps layer: `puzle coverage INPUT`: what the rules do over a set of profiles, usable as a gate.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_coverage(CLI::App& app) {
  auto* cmd = app.add_subcommand("coverage", "Over a set of profiles: how often each rule fires, and what never does");
  struct Options {
    std::vector<std::string> rules{"rules"};
    BatchInputOptions input;
    std::string format = "text";
    bool fail_on_unfired = false;
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  add_rules_option(*cmd, o->rules);
  add_format_option(*cmd, o->format, "text (for people) or json (for programs)");
  cmd->add_flag("--fail-on-unfired", o->fail_on_unfired, "Exit 1 when a rule never fired (a gate for CI)");
  return [o] {
    int code = 0;
    const auto rb = load_rules(o->rules, code);
    if (!rb) return code;
    BatchInput input(o->input, *rb);
    if (const int failed = input.failed()) return failed;
    BatchOptions bo = input.options();
    bo.lines = false;
    const BatchSummary summary = run_batch(*rb, *input.reader(), bo, input.reporting_sink());
    input.finish_progress();
    if (const int failed = input.finish(summary, false)) return failed;
    const Coverage c = coverage_of(*rb, summary);
    std::cout << (o->format == "json" ? render_coverage_json(*rb, summary, c) : render_coverage_text(*rb, summary, c));
    if (summary.failed) return exit_code::kInput;
    return o->fail_on_unfired && !c.unfired.empty() ? exit_code::kInput : exit_code::kOk;
  };
}

}  // namespace puzle::cli
