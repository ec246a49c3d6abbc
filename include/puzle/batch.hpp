// Public API: evaluating many profiles in one stream (puzle batch, coverage, diff, report).
// Records come from JSON Lines or CSV, are evaluated on several threads in waves of bounded
// size (memory stays flat however long the input), and leave in input order, so the output
// does not depend on the number of threads. A bad record is reported with its line and the
// others go on.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "puzle/evaluate.hpp"
#include "puzle/rulebase.hpp"

namespace puzle {

// The most threads a batch uses: more would only cost memory (each keeps its own results).
inline constexpr unsigned kMaxJobs = 64;
// The longest record read: a JSON Lines line or a CSV record (a profile has at most 1 MiB).
// A longer one is reported on its line and skipped without being kept in memory.
inline constexpr std::size_t kMaxRecordBytes = 1u << 20;

// One profile of the input: its JSON text, or why it could not become one.
struct BatchRecord {
  std::uint64_t line = 0;  // 1-based line of the input where the record starts
  std::string json;        // the profile as JSON (a CSV row is converted)
  std::string problem;     // not empty: the record is unusable (e.g. a CSV row with too many cells)
  bool converted = false;  // the JSON was made from another format (its columns mean nothing to a reader)
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // The next record; false at the end of the input.
  virtual bool next(BatchRecord& out) = 0;
};

// JSON Lines: one profile object per line; blank lines are skipped; a line longer than
// kMaxRecordBytes is a bad record.
// `max_record` lowers the limit (the fuzzer reaches it with small inputs).
std::unique_ptr<RecordReader> jsonl_reader(std::istream& in, std::size_t max_record = kMaxRecordBytes);

// CSV with a header line (RFC 4180 quoting, UTF-8, optional BOM). Columns name profile fields;
// a `level[area]` field takes one column for every area (`maturity`) or one per area
// (`maturity.viure`); a `set<element>` cell lists element names separated by `;`. An empty
// cell leaves the field to its default. Enum cells are matched in lower case ("Barcelona" is
// `barcelona`); bool cells take true/false, 1/0, sí/no, yes. On a bad header, returns null and
// sets `header_error`.
std::unique_ptr<RecordReader> csv_reader(std::istream& in, const Rulebase& rulebase, std::string& header_error,
                                         std::size_t max_record = kMaxRecordBytes);

// A share of the records: `index` of `count` (0-based), chosen by a stable hash of each
// record's key (docs/scale.md), so that `count` processes given the same input, or any split of
// it, evaluate every record exactly once. count 0: every record.
struct Shard {
  std::uint32_t index = 0, count = 0;
  bool operator==(const Shard&) const = default;
};

struct BatchOptions {
  std::string input_name = "-";  // for messages and each profile's `source` ("input.csv:12")
  unsigned jobs = 1;             // threads evaluating at once (at most kMaxJobs, never more than records)
  // What each line says of why: nothing more than the roadmap; the compact explanation (what
  // fired, CompactExplainer; with the reasons of the rules that did not propose `why_not`'s
  // elements); or the full one (render_json_line: every fact read, every `because`).
  enum class Explain : std::uint8_t { None, Compact, Full };
  Explain explain = Explain::None;
  std::vector<ir::ElementId> why_not;  // Compact only
  bool lines = true;                   // render per-profile lines at all (coverage and report do not need them)
  bool summary = true;                 // count the summary's tables (a plain batch without --summary does not)
  Date date;                           // judge validity dates on this day (EvalOptions::date; must be given)
  std::size_t wave = 256;              // records per thread read before evaluating: bounds memory
  Shard shard;                         // evaluate only this share of the records
  // The profile field that identifies a record (Program::key_field, or `--key`): each line
  // carries its value as "key", and a shard takes the records by a hash of it. kNone: none.
  ir::FieldId key = ir::kNone;
  // Raised (by a signal handler) to stop: no wave starts after it, and the result says so.
  const std::atomic<bool>* stop = nullptr;
};

// Everything counted over a batch. Groups split the territory: "all", one per value of each
// enum field ("province=girona") and one per segment ("segment=micro"), each municipality
// counting in every group it belongs to. Counts add up, so partial summaries merge exactly.
struct BatchSummary {
  std::uint64_t profiles = 0, evaluated = 0, failed = 0;
  bool interrupted = false;    // the stop flag ended the run: the input was not read to its end
  Date date;                   // the day the rules' validity was judged on (BatchOptions::date)
  Shard shard;                 // the share of the records counted (count 0: all)
  unsigned threads_short = 0;  // worker threads the system refused to start (the others did the work)
  std::vector<std::string> groups;
  std::vector<std::uint64_t> group_size;       // [group]
  std::size_t elements = 0, phases = 0;        // dimensions of the tables below
  std::vector<std::uint64_t> placed;           // [group][element][phase + 1 (last: unscheduled)]
  std::vector<std::uint64_t> status;           // [element][Status]
  std::vector<std::uint64_t> first_phase;      // [element]: times among the short-term objectives
  std::vector<std::uint64_t> solution_demand;  // [solution]: municipalities with an element it covers, open to them
  std::vector<std::uint64_t> solution_items;   // [solution]: (municipality, element) pairs
  std::vector<std::uint64_t> provider_demand;  // [provider]: municipalities
  std::vector<std::uint64_t> rule_fired;       // [rule]: profiles where it fired at least once
  std::vector<std::uint64_t> segment_true;     // [segment]: profiles where it holds

  static BatchSummary empty_for(const Rulebase& rulebase);
  void merge(const BatchSummary& other);
  std::uint64_t& placed_at(std::size_t group, ir::ElementId e, std::size_t phase) {
    return placed[(group * elements + e) * (phases + 1) + phase];
  }
  std::uint64_t placed_at(std::size_t group, ir::ElementId e, std::size_t phase) const {
    return placed[(group * elements + e) * (phases + 1) + phase];
  }
};

// Whether `shard` takes a record: by the FNV-1a hash (64 bits) of its key's text, modulo the
// count; a record with an empty key, or that could not be read, by the hash of its text.
bool in_shard(const Shard& shard, std::string_view key, std::string_view record_text);

// What happens to each record, called on the calling thread, in input order.
struct BatchSink {
  std::function<void(const std::string& json_line)> line;                     // one line, with its '\n'
  std::function<void(std::uint64_t line, const std::string& message)> error;  // a record that failed
  std::function<void(std::uint64_t done)> progress;                           // after each wave
};

BatchSummary run_batch(const Rulebase& rulebase, RecordReader& reader, const BatchOptions& options,
                       const BatchSink& sink);

// The summary as one JSON document (see docs/json.md).
std::string render_batch_summary_json(const Rulebase& rulebase, const BatchSummary& summary);

// Coverage over a batch (puzle coverage): how often each rule fired, the rules that never
// fired, the elements that were never in a puzzle and the segments that held for no profile.
struct Coverage {
  struct RuleCount {
    ir::RuleId rule;
    std::uint64_t fired;
  };
  std::vector<RuleCount> rules;                // most fired first, then by name
  std::vector<ir::RuleId> unfired;             // by name
  std::vector<ir::ElementId> never_in_puzzle;  // by path
  std::vector<ir::SegmentId> empty_segments;   // by name
};
Coverage coverage_of(const Rulebase& rulebase, const BatchSummary& summary);
std::string render_coverage_text(const Rulebase& rulebase, const BatchSummary& summary, const Coverage& coverage);
std::string render_coverage_json(const Rulebase& rulebase, const BatchSummary& summary, const Coverage& coverage);

}  // namespace puzle
