// bench: a deterministic generator of realistic rulebase text (profile, metamodel, providers,
// solutions, segments, roadmap, rules) for the front-end benchmarks and their unit test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace puzle::bench {

// The size of the generated rulebase. The same shape always gives the same text, byte for byte,
// on every machine: the only source of variation is `seed`, fed to a fixed PRNG (splitmix64).
struct RulebaseShape {
  std::size_t elements = 320;         // fourth-level nodes (at least 1), over 6 areas x 4 domains x 3 blocks
  std::size_t rules = 10000;          // each with 2-4 conditions
  std::size_t solutions = 40;         // public solutions of 7 providers, most with eligibility
  std::size_t rules_per_file = 1000;  // rules are split into rules/rules_NN.pzl
  std::uint64_t seed = 20240601;
  // The peer engines' workload (CLIPS, GoRules ZEN, a plain C++ loop; see issue 15): every rule
  // has 2-4 tests and suggests one element with a weight, with no `for`, `because` or dates.
  bool peer = false;
};

// {path, text} pairs, ready for puzle::load_rulebase_from_text. Paths are relative, e.g.
// "profile.pzl", "metamodel/viure.pzl", "rules/rules_03.pzl".
using GeneratedFile = std::pair<std::string, std::string>;

std::vector<GeneratedFile> generate_rulebase(const RulebaseShape& shape = {});

// `count` profiles for the generated rulebase's schema, one JSON object per line (JSON Lines),
// with varied population, province, maturity, budget and Agenda digital adherence. The same
// count and seed give the same text.
std::string generate_profiles(std::size_t count, std::uint64_t seed = 20240601);

// The total size in bytes of the generated text.
std::size_t total_bytes(const std::vector<GeneratedFile>& files);

}  // namespace puzle::bench
