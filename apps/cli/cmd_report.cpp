// apps layer: `puzle report INPUT -o FILE`: a self-contained HTML report of a batch.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/report.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_report(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("report", "A self-contained HTML report of a batch: coverage, short-term objectives, demand");
  struct Options {
    std::vector<std::string> rules{"rules"};
    BatchInputOptions input;
    std::string output;
    std::string title;
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  add_rules_option(*cmd, o->rules);
  cmd->add_option("-o,--output", o->output, "Write the page to this file (default: standard output)");
  cmd->add_option("--title", o->title, "The page's title");
  return [o] {
    int code = 0;
    const auto rb = load_rules(o->rules, code);
    if (!rb) return code;
    BatchInput input(o->input, *rb);
    if (const int failed = input.failed()) return failed;
    if (const int refused = claim_outputs({{"-o", o->output}})) return refused;
    BatchOptions bo = input.options();
    bo.lines = false;
    const BatchSummary summary = run_batch(*rb, *input.reader(), bo, input.reporting_sink());
    input.finish_progress();
    if (const int failed = input.finish(summary, !o->output.empty())) return failed;
    ReportInfo info;
    if (!o->title.empty()) info.title = o->title;
    info.input = input.name();
    info.date = bo.date.to_string();
    if (const int failed = write_output(o->output, render_batch_report_html(*rb, summary, info))) return failed;
    return summary.failed ? exit_code::kInput : exit_code::kOk;
  };
}

}  // namespace puzle::cli
