// Public API: the summaries of parts of a run merged into the summary of the whole (puzle
// merge). A batch summary, a coverage report and a diff summary (their JSON forms, docs/json.md)
// hold counters that add: the merge of the parts, however the records were split, is byte for
// byte the summary one run over all of them writes. Parts made with --shard I/N must be the N
// shards of one run, each once; parts of other runs (another rulebase, date or engine) do not
// merge. Nothing is guessed: every mismatch is an error naming the part and the field.
#pragma once

#include <string>
#include <vector>

namespace puzle {

struct SummaryPart {
  std::string name;  // for messages: the file it was read from
  std::string text;  // its JSON
};

struct MergedSummary {
  std::string json;   // the merged summary, as the command that wrote the parts writes it
  std::string error;  // not empty: why the parts do not merge (json is then empty)
};

MergedSummary merge_summaries(const std::vector<SummaryPart>& parts);

}  // namespace puzle
