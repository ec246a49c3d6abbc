// bench: batch evaluation in-process (profiles read, validated, evaluated, rendered as JSON
// lines and counted into the summary): the 947 municipalities of Catalonia with the shipped
// rulebase, and generated profiles with a generated 3,000-rule rulebase. Rulebase loading is
// outside the timed loop; bench/batch_process.sh measures whole processes.
#include <fstream>
#include <sstream>
#include <thread>

#include <benchmark/benchmark.h>

#include "generate_rulebase.hpp"
#include "puzle/batch.hpp"
#include "puzle/rulebase.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void run(benchmark::State& state, const puzle::Rulebase& rb, const std::string& input, bool csv, unsigned jobs) {
  std::uint64_t profiles = 0, bytes = 0;
  for (auto _ : state) {
    std::istringstream in(input);
    std::string err;
    auto reader = csv ? puzle::csv_reader(in, rb, err) : puzle::jsonl_reader(in);
    if (!reader) {
      state.SkipWithError("bad input");
      return;
    }
    puzle::BatchOptions o;
    o.jobs = jobs;
    o.date = *puzle::Date::parse("2026-01-01");
    puzle::BatchSink sink;
    sink.line = [&](const std::string& line) { bytes += line.size(); };
    const auto summary = puzle::run_batch(rb, *reader, o, sink);
    if (summary.failed) state.SkipWithError("some profiles failed");
    profiles += summary.profiles;
  }
  state.counters["profiles/s"] = benchmark::Counter(static_cast<double>(profiles), benchmark::Counter::kIsRate);
  state.counters["jobs"] = jobs;
  state.counters["line_bytes"] = static_cast<double>(bytes) / static_cast<double>(std::max<std::uint64_t>(1, profiles));
}

const puzle::Rulebase& shipped() {
  static const auto load = puzle::Rulebase::load({PUZLE_SOURCE_DIR "/rules"});
  return *load.rulebase;
}

void BM_BatchCatalonia947(benchmark::State& state) {
  static const std::string csv = slurp(PUZLE_SOURCE_DIR "/examples/municipis_catalunya.csv");
  run(state, shipped(), csv, true, static_cast<unsigned>(state.range(0)));
}
BENCHMARK(BM_BatchCatalonia947)
    ->Arg(1)
    ->Arg(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_BatchGenerated3000(benchmark::State& state) {
  puzle::bench::RulebaseShape shape;
  shape.rules = 3000;
  static const auto load = puzle::Rulebase::from_text(puzle::bench::generate_rulebase(shape));
  static const std::string profiles = puzle::bench::generate_profiles(2000);
  run(state, *load.rulebase, profiles, false, static_cast<unsigned>(state.range(0)));
}
BENCHMARK(BM_BatchGenerated3000)
    ->Arg(1)
    ->Arg(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
