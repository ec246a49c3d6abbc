// apps layer: `puzle report INPUT -o FILE`: a self-contained HTML report of a batch.
#include <fstream>
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
    BatchOptions bo;
    bo.input_name = input.name();
    bo.jobs = input.jobs();
    bo.lines = false;
    bo.date = o->input.date.empty() ? today_utc() : o->input.date;
    BatchSink sink;
    sink.error = [&](std::uint64_t, const std::string& message) {
      input.finish_progress();
      std::cerr << message << "\n";
    };
    sink.progress = [&](std::uint64_t done) { input.progress(done); };
    const BatchSummary summary = run_batch(rb, *input.reader(), bo, sink);
    input.finish_progress();
    ReportInfo info;
    if (!o->title.empty()) info.title = o->title;
    info.input = input.name();
    info.date = bo.date;
    const std::string page = render_batch_report_html(rb, summary, info);
    if (o->output.empty()) {
      std::cout << page;
    } else {
      std::ofstream out(o->output, std::ios::binary);
      out << page;
      out.close();
      if (!out) {
        std::cerr << "puzle: cannot write " << o->output << "\n";
        return 2;
      }
    }
    return summary.failed ? 1 : 0;
  };
}

}  // namespace puzle::cli
