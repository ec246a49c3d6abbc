// bench: full evaluation (puzzle, closure, solutions, roadmap, and the recorded trace that
// explanations are rendered from; JSON rendering not included) of one profile, with the example
// rulebase and with a generated rulebase of 3,000 rules over 320 elements. Loading is outside
// the timed loop. Goals (one core): example and shipped rulebase < 50 µs, generated < 250 µs.
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "generate_rulebase.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"

namespace {

void evaluate_profile(benchmark::State& state, const puzle::Rulebase& rb, const std::string& json) {
  auto pl = puzle::load_profile(rb, "bench.json", json);
  if (!pl.profile) {
    state.SkipWithError("the profile does not load");
    return;
  }
  puzle::EvalOptions options;
  options.date = *puzle::Date::parse("2026-11-22");
  std::size_t placed = 0;
  for (auto _ : state) {
    auto result = puzle::evaluate(rb, *pl.profile, options);
    placed += result.roadmap.placements.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["placed"] = static_cast<double>(placed) / static_cast<double>(state.iterations());
}

void BM_EvaluateExample(benchmark::State& state) {
  static const auto load = puzle::Rulebase::load({PUZLE_SOURCE_DIR "/examples/minimal"});
  evaluate_profile(state, *load.rulebase,
                   R"({"name": "Gósol", "comarca": "Berguedà", "province": "lleida", "population": 228,
                       "maturity": {"ajuntament": 1}, "needs": ["seu_electronica"]})");
}
BENCHMARK(BM_EvaluateExample)->Unit(benchmark::kMicrosecond);

// The shipped rulebase (rules/) with two example municipalities at both ends of the territory.
void BM_EvaluateShipped(benchmark::State& state, const char* profile) {
  static const auto load = puzle::Rulebase::load({PUZLE_SOURCE_DIR "/rules"});
  if (!load.rulebase) {
    state.SkipWithError("rules/ does not check");
    return;
  }
  std::ifstream in(std::string(PUZLE_SOURCE_DIR "/examples/profiles/") + profile + ".json", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  evaluate_profile(state, *load.rulebase, ss.str());
}
BENCHMARK_CAPTURE(BM_EvaluateShipped, gosol, "gosol")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EvaluateShipped, barcelona, "barcelona")->Unit(benchmark::kMicrosecond);

void BM_EvaluateGenerated3000(benchmark::State& state) {
  puzle::bench::RulebaseShape shape;
  shape.rules = 3000;
  static const auto load = puzle::Rulebase::from_text(puzle::bench::generate_rulebase(shape));
  if (!load.rulebase) {
    state.SkipWithError("the generated rulebase does not check");
    return;
  }
  evaluate_profile(state, *load.rulebase,
                   R"({"province": "girona", "population": 4200,
                       "maturity": {"ajuntament": 2, "municipi": 1, "viure": 3, "persones": 1, "economia": 2},
                       "budget_eur": 80000, "agenda_digital": true})");
}
BENCHMARK(BM_EvaluateGenerated3000)->Unit(benchmark::kMicrosecond);

}  // namespace
