// apps layer: `puzle merge SUMMARY...`: the summaries of parts of a run (batch, coverage, diff;
// e.g. one per shard) merged into the summary of the whole.
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "io/bounded_read.hpp"
#include "puzle/merge.hpp"

namespace puzle::cli {

namespace {
// The largest summary read: the batch summary of a rulebase of thousands of elements and
// segments is a few MiB.
constexpr std::size_t kMaxSummaryBytes = std::size_t{64} << 20;
}  // namespace

Runner add_merge(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "merge", "Merge the JSON summaries of parts of a run (batch --summary, coverage, diff --summary) into one");
  struct Options {
    std::vector<std::string> parts;
    std::string output;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("SUMMARY", o->parts, "The summaries of the parts (all of one kind and one run)")->required();
  cmd->add_option("-o,--output", o->output, "Write the merged summary to this file instead of standard output");
  return [o] {
    std::vector<SummaryPart> parts;
    for (const auto& path : o->parts) {
      if (!note_input(path, "a summary")) return exit_code::kUsage;
      SummaryPart part{path, {}};
      if (const io::ReadResult r = io::read_file(path, kMaxSummaryBytes, true, part.text); !r) {
        std::cerr << "puzle: cannot read the summary '" << path << "': " << r.reason << "\n";
        return exit_code::kUsage;
      }
      parts.push_back(std::move(part));
    }
    if (const int refused = claim_outputs({{"-o", o->output}})) return refused;
    const MergedSummary merged = merge_summaries(parts);
    if (!merged.error.empty()) {
      std::cerr << "puzle: " << merged.error << "\n";
      return exit_code::kInput;
    }
    return write_output(o->output, merged.json);
  };
}

}  // namespace puzle::cli
