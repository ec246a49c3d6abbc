// apps layer: `puzle diff --before A --after B INPUT`: what a rule change does to every
// municipality; a summary per element first, then the detail per municipality.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "files.hpp"
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
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  cmd->add_option("--before", o->before, "The rulebase as it is (files or folders; repeat for several)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--after", o->after, "The rulebase with the change (files or folders; repeat for several)")
      ->required()
      ->allow_extra_args(false);
  add_format_option(*cmd, o->format, "text (for people) or json (for programs)");
  return [o] {
    int code = 0;
    const auto before = load_rules(o->before, code);
    if (!before) return code;
    const auto after = load_rules(o->after, code);
    if (!after) return code;
    BatchInput input(o->input, *before);
    if (const int failed = input.failed()) return failed;
    const DiffSummary diff = run_diff(*before, *after, *input.reader(), input.options(), input.reporting_sink());
    input.finish_progress();
    BatchSummary counts;
    counts.profiles = diff.profiles;
    counts.evaluated = diff.evaluated;
    counts.failed = diff.failed;
    counts.interrupted = diff.interrupted;
    counts.threads_short = diff.threads_short;
    if (const int failed = input.finish(counts, false)) return failed;
    std::cout << (o->format == "json" ? render_diff_json(diff) : render_diff_text(diff));
    return diff.failed ? exit_code::kInput : exit_code::kOk;
  };
}

}  // namespace puzle::cli
