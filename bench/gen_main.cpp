// bench: writes a generated rulebase and generated profiles to disk, for whole-process
// measurements of `puzle batch` (bench/batch_process.sh):
//   puzle_bench_gen OUTDIR RULES PROFILES [peer]  ->  OUTDIR/rules/**.pzl, OUTDIR/profiles.jsonl
// `peer`: rules of the peer engines' shape (RulebaseShape::peer).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

#include "generate_rulebase.hpp"

int main(int argc, char** argv) {
  const bool peer = argc == 5 && std::string_view(argv[4]) == "peer";
  if (argc != 4 && !peer) {
    std::cerr << "usage: puzle_bench_gen OUTDIR RULES PROFILES [peer]\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  puzle::bench::RulebaseShape shape;
  shape.rules = std::strtoull(argv[2], nullptr, 10);
  shape.peer = peer;
  for (const auto& [path, text] : puzle::bench::generate_rulebase(shape)) {
    const auto file = out / "rules" / path;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }
  std::ofstream(out / "profiles.jsonl", std::ios::binary)
      << puzle::bench::generate_profiles(std::strtoull(argv[3], nullptr, 10));
  return 0;
}
