// apps layer: `puzle report INPUT -o FILE`: a self-contained HTML report of a batch.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "puzle/report.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_report(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "A self-contained HTML report of a batch: coverage, short-term objectives, demand");
  struct Options {
    std::vector<std::string> rules{"rules"};
    BatchInputOptions input;
    std::string output;
    std::string title;
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  cmd->add_option("--rules", o->rules, "Rule files or folders (default: rules); repeat for several")->allow_extra_args(false);
  cmd->add_option("-o,--output", o->output, "Write the page to this file (default: standard output)");
  cmd->add_option("--title", o->title, "The page's title");
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
    ReportInfo info;
    if (!o->title.empty()) info.title = o->title;
    info.input = input.name();
    info.date = bo.date;
    if (const int failed = write_output(o->output, render_batch_report_html(*rb, summary, info))) return failed;
    return summary.failed ? 1 : 0;
  };
}

}  // namespace puzle::cli
