// apps layer: `puzle diff --before A --after B INPUT`: what a rule change does to every
// municipality; a summary per element first, then the detail per municipality.
#include <iostream>

#include "batch_input.hpp"
#include "commands.hpp"
#include "puzle/diff.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_diff(CLI::App& app) {
  auto* cmd = app.add_subcommand("diff", "Compare two rulebases over a set of profiles: who gains, loses or moves what");
  struct Options {
    std::vector<std::string> before, after;
    BatchInputOptions input;
    std::string format = "text";
  };
  auto o = std::make_shared<Options>();
  add_batch_input_options(*cmd, o->input);
  cmd->add_option("--before", o->before, "The rulebase as it is (files or folders; repeat for several)")->required()->allow_extra_args(false);
  cmd->add_option("--after", o->after, "The rulebase with the change (files or folders; repeat for several)")->required()->allow_extra_args(false);
  cmd->add_option("--format", o->format, "text (for people) or json (for programs)")->check(CLI::IsMember({"text", "json"}));
  return [o] {
    auto a = Rulebase::load(o->before);
    auto b = Rulebase::load(o->after);
    for (auto* load : {&a, &b})
      if (!load->rulebase) {
        print_diagnostics(load->diagnostics, *load->sources, "text");
        return load->diagnostics.items().empty() ? 2 : 1;
      }
    BatchInput input(o->input, *a.rulebase);
    if (!input.reader()) {
      std::cerr << "puzle: " << input.error() << "\n";
      return input.error().rfind("cannot read", 0) == 0 ? 2 : 1;
    }
    BatchOptions bo;
    bo.input_name = input.name();
    bo.jobs = input.jobs();
    bo.date = o->input.date.empty() ? today_utc() : o->input.date;
    BatchSink sink;
    sink.error = [&](std::uint64_t, const std::string& message) {
      input.finish_progress();
      std::cerr << message << "\n";
    };
    sink.progress = [&](std::uint64_t done) { input.progress(done); };
    const DiffSummary diff = run_diff(*a.rulebase, *b.rulebase, *input.reader(), bo, sink);
    input.finish_progress();
    std::cout << (o->format == "json" ? render_diff_json(diff) : render_diff_text(diff));
    return diff.failed ? 1 : 0;
  };
}

}  // namespace puzle::cli
