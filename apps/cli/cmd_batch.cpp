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
    auto load = Rulebase::load(o->rules);
    if (!load.rulebase) {
      print_diagnostics(load.diagnostics, *load.sources, "text");
      return load.diagnostics.items().empty() ? 2 : 1;
    }
    const Rulebase& rb = *load.rulebase;
    BatchInput input(o->input, rb);
    if (!input.reader()) {
      std::cerr << "puzle: " << input.error() << "\n";
      return input.error().rfind("cannot read", 0) == 0 ? 2 : 1;
    }
    std::ofstream file;
    if (!o->output.empty()) {
      file.open(o->output, std::ios::binary);
      if (!file) {
        std::cerr << "puzle: cannot write " << o->output << "\n";
        return 2;
      }
    }
    std::ostream& out = o->output.empty() ? std::cout : file;
    BatchOptions bo;
    bo.input_name = input.name();
    bo.jobs = input.jobs();
    bo.full = o->full;
    bo.date = o->input.date.empty() ? today_utc() : o->input.date;
    BatchSink sink;
    sink.line = [&](const std::string& line) { out << line; };
    sink.error = [&](std::uint64_t, const std::string& message) {
      input.finish_progress();
      std::cerr << message << "\n";
    };
    sink.progress = [&](std::uint64_t done) { input.progress(done); };
    const BatchSummary summary = run_batch(rb, *input.reader(), bo, sink);
    input.finish_progress();
    out.flush();
    if (!o->summary.empty()) {
      std::ofstream s(o->summary, std::ios::binary);
      s << render_batch_summary_json(rb, summary);
      if (!s) {
        std::cerr << "puzle: cannot write " << o->summary << "\n";
        return 2;
      }
    }
    std::cerr << summary.profiles << " profiles: " << summary.evaluated << " evaluated, " << summary.failed << " failed\n";
    return summary.failed ? 1 : 0;
  };
}

}  // namespace puzle::cli
