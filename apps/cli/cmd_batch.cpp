// apps layer: `puzle batch INPUT`: every profile of a CSV or JSON Lines input evaluated, one
// JSON line each, and a summary over all of them.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "loading.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_batch(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("batch", "Evaluate many profiles (CSV or JSON Lines): one JSON line each, and a summary");
  struct Options {
    std::vector<std::string> rules{"rules"};
    BatchInputOptions input;
    std::string output, summary;
    bool full = false;
    std::string explain;
    std::vector<std::string> why_not;
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  add_rules_option(*cmd, o->rules);
  cmd->add_option("-o,--output", o->output, "Write the JSON lines to this file instead of standard output");
  cmd->add_option("--summary", o->summary, "Write the summary (JSON) to this file");
  cmd->add_option("--explain", o->explain,
                  "compact: each line says what fired (rules that acted on each element); full: the whole "
                  "explanation of every element of the roadmap (facts read, reasons)")
      ->check(CLI::IsMember({"compact", "full"}));
  cmd->add_flag("--full", o->full, "The same as --explain full");
  cmd->add_option("--why-not", o->why_not,
                  "With --explain compact: for these elements, why each rule that could propose them did not")
      ->delimiter(',');
  return [o] {
    int code = 0;
    const auto rb = load_rules(o->rules, code);
    if (!rb) return code;
    if (o->full && o->explain == "compact") {
      std::cerr << "puzle: --full is --explain full; it cannot go with --explain compact\n";
      return exit_code::kUsage;
    }
    const std::string explain = o->full ? "full" : o->explain;
    if (!o->why_not.empty() && explain != "compact") {
      std::cerr << "puzle: --why-not needs --explain compact\n";
      return exit_code::kUsage;
    }
    std::vector<ir::ElementId> why_not;
    for (const auto& name : o->why_not) {
      why_not.push_back(element_arg(*rb, name));
      if (why_not.back() == ir::kNone) return exit_code::kUsage;
    }
    BatchInput input(o->input, *rb);
    if (const int failed = input.failed()) return failed;
    if (const int refused = claim_outputs({{"-o", o->output}, {"--summary", o->summary}})) return refused;
    std::unique_ptr<io::OutputFile> file;
    if (!o->output.empty() && !(file = open_output(o->output))) return exit_code::kIo;
    std::ostream& out = file ? file->stream() : std::cout;
    BatchOptions bo = input.options();
    bo.explain = explain == "compact" ? BatchOptions::Explain::Compact
                 : explain == "full"  ? BatchOptions::Explain::Full
                                      : BatchOptions::Explain::None;
    bo.why_not = std::move(why_not);
    bo.summary = !o->summary.empty();
    BatchSink sink = input.reporting_sink();
    sink.line = [&](const std::string& line) { out << line; };
    // Each wave's lines leave at once (a reader downstream sees them as they come); once the
    // output fails, the rest of the input would be evaluated for nothing.
    sink.progress = [&, progress = sink.progress](std::uint64_t done) {
      if (!out.flush()) request_stop();
      progress(done);
    };
    const BatchSummary summary = run_batch(*rb, *input.reader(), bo, sink);
    input.finish_progress();
    // Nothing is committed unless the whole input was read and every line written.
    if (const int failed = input.finish(summary, file != nullptr)) return failed;
    if (file)
      if (const int failed = commit_output(*file)) return failed;
    // Stopped without a signal: standard output failed, as finish_stdout() will say.
    if (summary.interrupted) return exit_code::kIo;
    if (!o->summary.empty())
      if (const int failed = write_output(o->summary, render_batch_summary_json(*rb, summary))) return failed;
    std::cerr << summary.profiles << " profiles: " << summary.evaluated << " evaluated, " << summary.failed
              << " failed\n";
    return summary.failed ? exit_code::kInput : exit_code::kOk;
  };
}

}  // namespace puzle::cli
