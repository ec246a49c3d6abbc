// apps layer: `puzle diff --before A --after B INPUT`: what a rule change does to every
// municipality; the detail per municipality as it comes, then the counts per element.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "loading.hpp"
#include "puzle/diff.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_diff(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("diff", "Compare two rulebases over a set of profiles: who gains, loses or moves what");
  struct Options {
    std::vector<std::string> before, after;
    BatchInputOptions input;
    std::string format = "text", summary;
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  cmd->add_option("--before", o->before, "The rulebase as it is (files or folders; repeat for several)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--after", o->after, "The rulebase with the change (files or folders; repeat for several)")
      ->required()
      ->allow_extra_args(false);
  add_format_option(*cmd, o->format,
                    "text (for people) or json (one JSON line per municipality that changes; the counts go to "
                    "--summary)");
  cmd->add_option("--summary", o->summary, "Write the counts per element (JSON, mergeable) to this file");
  return [o] {
    int code = 0;
    const auto before = load_rules(o->before, code);
    if (!before) return code;
    const auto after = load_rules(o->after, code);
    if (!after) return code;
    BatchInput input(o->input, *before);
    if (const int failed = input.failed()) return failed;
    if (const int refused = claim_outputs({{"--summary", o->summary}})) return refused;
    const bool json = o->format == "json";
    // Each municipality leaves as soon as it is compared: memory stays flat however many change.
    bool first = true;
    const auto changed = [&](const MunicipalityDiff& d) {
      if (json) {
        std::cout << render_diff_municipality_json(d);
        return;
      }
      if (first) std::cout << "Municipalities\n";
      first = false;
      std::cout << render_diff_municipality_text(d);
    };
    BatchSink sink = input.reporting_sink();
    sink.progress = [&, progress = sink.progress](std::uint64_t done) {
      if (!std::cout.flush()) request_stop();
      progress(done);
    };
    const DiffSummary diff = run_diff(*before, *after, *input.reader(), input.options(), sink, changed);
    input.finish_progress();
    BatchSummary counts;
    counts.profiles = diff.profiles;
    counts.evaluated = diff.evaluated;
    counts.failed = diff.failed;
    counts.interrupted = diff.interrupted;
    counts.threads_short = diff.threads_short;
    if (const int failed = input.finish(counts, false)) return failed;
    if (diff.interrupted) return exit_code::kIo;  // standard output failed
    if (!json) std::cout << (first ? "" : "\n") << render_diff_text(diff);
    if (!o->summary.empty())
      if (const int failed = write_output(o->summary, render_diff_json(diff))) return failed;
    return diff.failed ? exit_code::kInput : exit_code::kOk;
  };
}

}  // namespace puzle::cli
