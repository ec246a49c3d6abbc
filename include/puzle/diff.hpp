// Public API: the impact of a rule change (puzle diff). Two rulebases, before and after, are
// evaluated on the same profiles; for each municipality the elements that enter or leave its
// puzzle, move between phases, or change score are listed, and counted per element. Elements
// and phases are matched by path and id, so the two rulebases may differ in anything.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "puzle/batch.hpp"

namespace puzle {

struct MunicipalityDiff {
  std::uint64_t line = 0;
  std::optional<std::string> key;  // the key field's value (BatchOptions::key), when there is one
  std::string name;
  struct Change {
    std::string element;  // path
    std::string label;
    std::string before, after;  // phase ids ("" when not in the roadmap) or scores
  };
  std::vector<Change> gained, lost, moved, rescored;
  bool empty() const { return gained.empty() && lost.empty() && moved.empty() && rescored.empty(); }
};

// What a diff counts: numbers that add, so the summaries of parts of a run merge into the
// summary of the whole (puzle merge). The detail per municipality is not kept here: run_diff
// hands each one to its caller as it comes, so memory stays flat however many change.
struct DiffSummary {
  std::uint64_t profiles = 0, evaluated = 0, failed = 0, changed = 0;
  bool interrupted = false;  // see BatchSummary
  unsigned threads_short = 0;
  struct Count {
    std::string element, label;
    std::uint64_t gained = 0, lost = 0, moved = 0, rescored = 0;
  };
  std::vector<Count> elements;  // elements with any change, by path
  std::string before_digest, after_digest;
  Date date;
  Shard shard;  // BatchOptions::shard
};

// Calls `changed` on the calling thread, in input order, for each municipality with a change.
DiffSummary run_diff(const Rulebase& before, const Rulebase& after, RecordReader& reader, const BatchOptions& options,
                     const BatchSink& sink, const std::function<void(const MunicipalityDiff&)>& changed = {});
// The summary for people: the counts and the table per element.
std::string render_diff_text(const DiffSummary& diff);
// One municipality's changes for people: its name and line, then one line per change.
std::string render_diff_municipality_text(const MunicipalityDiff& d);
// The summary as one JSON document (docs/json.md), and one municipality as one JSON line.
std::string render_diff_json(const DiffSummary& diff);
std::string render_diff_municipality_json(const MunicipalityDiff& d);

}  // namespace puzle
