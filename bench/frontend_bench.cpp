// bench: the front end's speed: parsing, and parsing + checking, of a generated rulebase of
// 10,000 rules over 320 elements (the target: under 100 ms on one core), of examples/minimal,
// and of chained segments that each use the previous one three times (the shape that made the
// contradiction analysis exponential: 21 s for 300 segments; its budget keeps it linear).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "generate_rulebase.hpp"
#include "puzle/frontend.hpp"

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// Generated once per shape, outside every timed loop.
const Files& generated(std::size_t elements, std::size_t rules) {
  static std::map<std::pair<std::size_t, std::size_t>, Files> cache;
  auto& files = cache[{elements, rules}];
  if (files.empty()) {
    puzle::bench::RulebaseShape shape;
    shape.elements = elements;
    shape.rules = rules;
    files = puzle::bench::generate_rulebase(shape);
  }
  return files;
}

const Files& minimal() {
  static const Files files = [] {
    Files out;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(PUZLE_SOURCE_DIR "/examples/minimal"))
      if (e.path().extension() == ".pzl") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.emplace_back(p.string(), s.str());
    }
    return out;
  }();
  return files;
}

// `segment s_i = s_(i-1) and s_(i-1) or not s_(i-1)`, `count` of them.
const Files& segment_chain(std::size_t count) {
  static std::map<std::size_t, Files> cache;
  auto& files = cache[count];
  if (files.empty()) {
    std::string text = "profile {\n  population: int\n}\nsegment s0 = population > 1 or population < 0\n";
    for (std::size_t i = 1; i < count; ++i) {
      const std::string prev = "s" + std::to_string(i - 1);
      text += "segment s" + std::to_string(i) + " = " + prev + " and " + prev + " or not " + prev + "\n";
    }
    files.emplace_back("chain.pzl", text);
  }
  return files;
}

puzle::SourceSet sources_of(const Files& files) {
  puzle::SourceSet sources;
  for (const auto& [path, text] : files) sources.add(path, text);
  return sources;
}

void report(benchmark::State& state, const Files& files) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(puzle::bench::total_bytes(files)));
  state.counters["files"] = static_cast<double>(files.size());
}

// parse_module over every file (the SourceSet is built outside the loop).
void parse_only(benchmark::State& state, const Files& files) {
  const puzle::SourceSet sources = sources_of(files);
  for (auto _ : state) {
    puzle::Diagnostics diags;
    std::vector<puzle::ast::Module> modules;
    modules.reserve(sources.size());
    for (puzle::FileId f = 0; f < sources.size(); ++f) modules.push_back(puzle::parse_module(sources, f, diags));
    if (diags.has_errors()) throw std::runtime_error("the benchmark's rulebase has syntax errors");
    benchmark::DoNotOptimize(modules);
  }
  report(state, files);
}

// check_modules only, over modules parsed once outside the loop.
void check_only(benchmark::State& state, const Files& files) {
  const puzle::SourceSet sources = sources_of(files);
  puzle::Diagnostics parse_diags;
  std::vector<puzle::ast::Module> modules;
  for (puzle::FileId f = 0; f < sources.size(); ++f) modules.push_back(puzle::parse_module(sources, f, parse_diags));
  for (auto _ : state) {
    puzle::Diagnostics diags;
    auto program = puzle::check_modules(sources, modules, diags);
    if (!program) throw std::runtime_error("the benchmark's rulebase has errors");
    benchmark::DoNotOptimize(program);
  }
  report(state, files);
}

// The whole front end from text: load_rulebase_from_text (copy into a SourceSet, parse, check).
void parse_and_check(benchmark::State& state, const Files& files) {
  for (auto _ : state) {
    auto rb = puzle::load_rulebase_from_text(files);
    if (!rb.program) throw std::runtime_error("the benchmark's rulebase has errors");
    benchmark::DoNotOptimize(rb);
  }
  report(state, files);
}

std::size_t arg(const benchmark::State& state, int i) { return static_cast<std::size_t>(state.range(i)); }

void BM_Generated_Parse(benchmark::State& state) { parse_only(state, generated(arg(state, 0), arg(state, 1))); }
void BM_Generated_Check(benchmark::State& state) { check_only(state, generated(arg(state, 0), arg(state, 1))); }
void BM_Generated_ParseCheck(benchmark::State& state) {
  parse_and_check(state, generated(arg(state, 0), arg(state, 1)));
}
void BM_SegmentChain_ParseCheck(benchmark::State& state) { parse_and_check(state, segment_chain(arg(state, 0))); }
void BM_Minimal_Parse(benchmark::State& state) { parse_only(state, minimal()); }
void BM_Minimal_Check(benchmark::State& state) { check_only(state, minimal()); }
void BM_Minimal_ParseCheck(benchmark::State& state) { parse_and_check(state, minimal()); }

// {elements, rules}: the goal's size first, then smaller ones to show how time scales.
void generated_sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"elements", "rules"})->Args({320, 10000})->Args({320, 1000})->Args({50, 200});
  b->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_Generated_Parse)->Apply(generated_sizes);
BENCHMARK(BM_Generated_Check)->Apply(generated_sizes);
BENCHMARK(BM_Generated_ParseCheck)->Apply(generated_sizes);
// 150, 300 and 600 links: the time doubles with the count (it grew 3x per link before).
BENCHMARK(BM_SegmentChain_ParseCheck)->ArgName("segments")->Arg(150)->Arg(300)->Arg(600)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Minimal_Parse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Minimal_Check)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Minimal_ParseCheck)->Unit(benchmark::kMillisecond);

}  // namespace
