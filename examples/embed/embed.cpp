// Embedding puzle: load a rulebase once, evaluate many municipalities on a pool of threads,
// read the results. This program evaluates every row of a CSV of municipalities (by default the
// 947 of examples/municipis_catalunya.csv with the shipped rules) and prints, for the first
// phase of the roadmap, how many municipalities get each element there.
//
// The thread-safety contract it relies on (include/puzle/rulebase.hpp, evaluate.hpp):
//  - a Rulebase is immutable once loaded; copies share it; any number of threads may
//    evaluate with it at once, without locks;
//  - a Profile is a plain value, read-only during evaluate();
//  - each thread evaluates into its own EvalResult (evaluate() writes only its `out`).
//
// Usage: puzle_embed_example RULES CSV THREADS
#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "puzle/batch.hpp"
#include "puzle/diagnostic.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: puzle_embed_example RULES CSV THREADS\n";
    return 2;
  }
  const unsigned threads = static_cast<unsigned>(std::max(1, std::stoi(argv[3])));

  // 1. Load the rulebase once.
  const puzle::RulebaseLoad load = puzle::Rulebase::load({argv[1]});
  if (!load.rulebase) {
    std::cerr << puzle::render_text(load.diagnostics, *load.sources);
    return 1;
  }
  const puzle::Rulebase& rules = *load.rulebase;

  // 2. Read the profiles (here from a CSV, with the reader the batch command uses).
  std::ifstream csv(argv[2], std::ios::binary);
  std::string header_error;
  const auto reader = puzle::csv_reader(csv, rules, header_error);
  if (!reader) {
    std::cerr << header_error << "\n";
    return 1;
  }
  std::vector<puzle::Profile> profiles;
  for (puzle::BatchRecord record; reader->next(record);) {
    auto loaded = puzle::load_profile(rules, std::string(argv[2]) + ":" + std::to_string(record.line), record.json);
    if (loaded.profile) profiles.push_back(std::move(*loaded.profile));
  }

  // 3. Evaluate them on a pool of threads: each takes the next profile by an atomic index and
  //    writes into its own slot, so the results do not depend on the number of threads.
  puzle::EvalOptions options;
  options.date = *puzle::Date::parse("2026-06-01");
  options.trace = puzle::EvalOptions::Trace::Fired;  // no explanation is shown: what fired is enough
  std::vector<std::vector<puzle::ir::ElementId>> first_phase(profiles.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    puzle::EvalResult result;  // reused: its storage is not allocated again for each profile
    for (std::size_t i; (i = next.fetch_add(1)) < profiles.size();) {
      puzle::evaluate(rules, profiles[i], options, result);
      for (const auto& placement : result.roadmap.placements)
        if (placement.phase == 0) first_phase[i].push_back(placement.element);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();

  // 4. Read the results: how many municipalities get each element in the first phase.
  std::map<std::string, std::size_t> counts;
  for (const auto& elements : first_phase)
    for (auto e : elements) ++counts[rules.program().element_node(e).path];
  std::cout << profiles.size() << " municipalities evaluated\n";
  for (const auto& [path, n] : counts) std::cout << n << "\t" << path << "\n";
  return 0;
}
