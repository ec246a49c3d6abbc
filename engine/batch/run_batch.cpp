// engine layer (batch): `puzle batch`: every record evaluated, rendered and counted, in waves.
#include <optional>
#include <stdexcept>

#include "batch/batch_internal.hpp"
#include "batch/waves.hpp"
#include "render/json_parts.hpp"

namespace puzle {
namespace {

struct Done {
  std::string line;    // the JSON line (empty when lines are off or the record failed)
  std::string error;   // the record failed: why
  bool other = false;  // another shard's record: neither evaluated nor counted
};

}  // namespace

BatchSummary run_batch(const Rulebase& rb, RecordReader& reader, const BatchOptions& o, const BatchSink& sink) {
  std::vector<BatchSummary> partial;  // one per worker that has run
  const batch::LineParts parts(rb);
  const bool full = o.lines && o.explain == BatchOptions::Explain::Full;
  if (!o.why_not.empty() && o.explain != BatchOptions::Explain::Compact)
    throw std::invalid_argument("puzle::run_batch: BatchOptions::why_not is for compact explanations");
  std::optional<JsonParts> json_parts;  // --explain full: the rulebase's names, quoted once
  std::optional<CompactExplainer> compact;
  if (full) json_parts.emplace(rb);
  if (o.lines && o.explain == BatchOptions::Explain::Compact) compact.emplace(rb, o.why_not);
  EvalOptions eo;
  eo.date = o.date;
  // Without full explanations to render, the trace needs only what fired (and, for a compact
  // why-not, the misses of the rules that could propose its elements).
  eo.trace = full ? EvalOptions::Trace::Full : EvalOptions::Trace::Fired;
  if (full) eo.explain = EvalOptions::Explain::Acts;  // each line explains its roadmap
  if (compact) eo.record_rules = compact->record_rules();
  std::vector<EvalResult> results;  // one per worker, its storage reused record after record
  auto prepare = [&](unsigned threads) {
    if (results.size() >= threads) return;
    results.resize(threads);
    if (o.summary) partial.resize(threads, BatchSummary::empty_for(rb));
  };
  auto work = [&](const BatchRecord& record, unsigned worker) {
    Done d;
    auto loaded = batch::load_record(rb, o.input_name, record);
    if (!batch::takes(o, rb, record, loaded)) {
      d.other = true;
      return d;
    }
    if (!loaded.profile) {
      d.error = std::move(loaded.error);
      return d;
    }
    EvalResult& r = results[worker];
    evaluate(rb, *loaded.profile, eo, r);
    if (!r.errors.empty()) {
      for (const auto& e : r.errors)
        d.error += (d.error.empty() ? "" : "\n") + o.input_name + ":" + std::to_string(record.line) +
                   ": error: " + error_text(rb.program(), e);
      return d;
    }
    if (o.summary) batch::count(rb, *loaded.profile, r, partial[worker]);
    if (o.lines) {
      if (full)
        render_json_line(RenderInput{rb, *loaded.profile, r}, *json_parts, record.line, o.key, d.line);
      else
        d.line = batch::batch_line(rb, parts, record, *loaded.profile, r, o.key, compact ? &*compact : nullptr);
    }
    return d;
  };
  BatchSummary total = BatchSummary::empty_for(rb);
  auto emit = [&](const BatchRecord& record, Done&& d) {
    if (d.other) return;
    ++total.profiles;
    if (!d.error.empty()) {
      ++total.failed;
      if (sink.error) sink.error(record.line, d.error);
      return;
    }
    ++total.evaluated;
    if (sink.line && !d.line.empty()) sink.line(d.line);
  };
  const batch::WavesRun run =
      batch::run_waves<Done>(reader, o.jobs, o.wave, o.stop, prepare, work, emit, sink.progress);
  total.interrupted = run.interrupted;
  total.date = o.date;
  total.shard = o.shard;
  total.threads_short = run.threads_short;
  for (const auto& part : partial) total.merge(part);
  return total;
}

}  // namespace puzle
