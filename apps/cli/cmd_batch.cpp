// apps layer: `puzle batch INPUT`: every profile of a CSV or JSON Lines input evaluated, one
// JSON line each, and a summary over all of them.
#include <fstream>
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_batch(CLI::App& app) {
  auto* cmd = app.add_subcommand("batch", "Evaluate many profiles (CSV or JSON Lines): one JSON line each, and a summary");
  struct Options {
    std::vector<std::string> rules{"rules"};
    BatchInputOptions input;
    std::string output, summary;
    bool full = false;
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  cmd->add_option("--rules", o->rules, "Rule files or folders (default: rules); repeat for several")->allow_extra_args(false);
  cmd->add_option("-o,--output", o->output, "Write the JSON lines to this file instead of standard output");
  cmd->add_option("--summary", o->summary, "Write the summary (JSON) to this file");
  cmd->add_flag("--full", o->full, "Each line carries the explanation of every element of the roadmap");
  return [o] {
    int code = 0;
    const auto rb = load_rules(o->rules, code);
    if (!rb) return code;
    BatchInput input(o->input, *rb);
    if (const int failed = input.failed()) return failed;
    std::ofstream file;
    if (!o->output.empty()) {
      file.open(o->output, std::ios::binary);
      if (!file) {
        std::cerr << "puzle: cannot write " << o->output << "\n";
        return 2;
      }
    }
    std::ostream& out = o->output.empty() ? std::cout : file;
    BatchOptions bo = input.options();
    bo.full = o->full;
    bo.summary = !o->summary.empty();
    BatchSink sink = input.reporting_sink();
    sink.line = [&](const std::string& line) { out << line; };
    const BatchSummary summary = run_batch(*rb, *input.reader(), bo, sink);
    input.finish_progress();
    out.flush();
    if (!o->summary.empty())
      if (const int failed = write_output(o->summary, render_batch_summary_json(*rb, summary))) return failed;
    std::cerr << summary.profiles << " profiles: " << summary.evaluated << " evaluated, " << summary.failed << " failed\n";
    return summary.failed ? 1 : 0;
  };
}

}  // namespace puzle::cli
