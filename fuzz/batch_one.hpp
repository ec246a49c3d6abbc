// The body of the batch fuzz target, shared with the corpus replay test: any bytes as a batch
// input for examples/minimal (the first byte chooses the format: odd CSV, even JSON Lines, and
// the record limit; the rest is the input), run on 1 thread and on 3 threads with small waves. It must never crash,
// hang or throw, and both runs must give the same bytes (lines, errors, summary).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_rulebase.hpp"
#include "puzle/batch.hpp"
#include "puzle/merge.hpp"

namespace puzle::fuzz {

struct BatchOutput {
  std::string lines;    // every JSON line, in order
  std::string errors;   // every failed record: "LINE\tMESSAGE\n", in order
  std::string summary;  // render_batch_summary_json
  std::uint64_t progress = 0;
  bool header_error = false;
};

inline BatchOutput run_batch_once(const Rulebase& rb, bool csv, std::string_view input, unsigned jobs, std::size_t wave,
                                  std::size_t max_record, Shard shard = {}) {
  BatchOutput out;
  std::istringstream in{std::string(input)};
  std::unique_ptr<RecordReader> reader;
  if (csv) {
    std::string header_error;
    reader = csv_reader(in, rb, header_error, max_record);
    if (!reader) {
      if (header_error.empty()) __builtin_trap();  // a null reader always says why
      out.header_error = true;
      out.errors = header_error;
      return out;
    }
    if (!header_error.empty()) __builtin_trap();
  } else {
    reader = jsonl_reader(in, max_record);
  }
  BatchOptions options;
  options.input_name = csv ? "f.csv" : "f.jsonl";
  options.jobs = jobs;
  options.wave = wave;
  options.date = *Date::parse("2025-01-01");
  options.shard = shard;
  BatchSink sink;
  sink.line = [&](const std::string& line) {
    if (line.empty() || line.back() != '\n') __builtin_trap();
    out.lines += line;
  };
  sink.error = [&](std::uint64_t line, const std::string& message) {
    out.errors += std::to_string(line) + "\t" + message + "\n";
  };
  sink.progress = [&](std::uint64_t done) {
    if (done <= out.progress) __builtin_trap();  // progress only goes forward
    out.progress = done;
  };
  const BatchSummary summary = run_batch(rb, *reader, options, sink);
  if (summary.profiles != summary.evaluated + summary.failed) __builtin_trap();
  // Progress counts the records read; a shard evaluates a share of them.
  if (shard.count == 0 ? summary.profiles != out.progress : summary.profiles > out.progress) __builtin_trap();
  out.summary = render_batch_summary_json(rb, summary);
  return out;
}

// Returns the size of everything rendered, so that the work cannot be optimised away.
inline std::size_t run_batch_input(std::string_view bytes) {
  if (bytes.empty()) return 0;
  const Rulebase& rb = minimal_rulebase();
  const auto first = static_cast<unsigned char>(bytes[0]);
  const bool csv = (first & 1) != 0;
  // Bits 1..7 choose a record limit from 16 to 1031 bytes, so that short inputs reach it (long
  // lines cut, quoted cells running past it and read again); 0 keeps the real limit.
  const std::size_t max_record = (first >> 1) == 0 ? kMaxRecordBytes : 16 + 8u * (first >> 1);
  const std::string_view input = bytes.substr(1);
  const BatchOutput one = run_batch_once(rb, csv, input, 1, 256, max_record);
  const BatchOutput three = run_batch_once(rb, csv, input, 3, 2, max_record);  // several waves of 6
  // The output must not depend on the number of threads (nor on the size of the waves).
  if (one.header_error != three.header_error || one.lines != three.lines || one.errors != three.errors ||
      one.summary != three.summary)
    __builtin_trap();
  // Two shards cover the input once: their summaries merge into the whole run's, byte for byte.
  if (!one.header_error) {
    const BatchOutput a = run_batch_once(rb, csv, input, 2, 3, max_record, Shard{0, 2});
    const BatchOutput b = run_batch_once(rb, csv, input, 1, 256, max_record, Shard{1, 2});
    const MergedSummary merged = merge_summaries({{"a", a.summary}, {"b", b.summary}});
    if (!merged.error.empty() || merged.json != one.summary) __builtin_trap();
  }
  return one.lines.size() + one.errors.size() + one.summary.size();
}

}  // namespace puzle::fuzz
