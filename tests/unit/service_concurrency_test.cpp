// The decision service under concurrency: evaluations from many threads while the rules are
// reloaded, with the decision log on. Every answer is whole and names a rulebase that was
// current at some point; no request is lost or refused; the log holds one entry per answer, its
// chain intact, and every entry replays to the same bytes. scripts/test-tsan.sh runs this file
// under ThreadSanitizer (the binary puzle_service_tests).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "puzle/archive.hpp"
#include "puzle/decision_log.hpp"
#include "puzle/service.hpp"

namespace service_concurrency_test {
namespace {

using namespace puzle;
namespace fs = std::filesystem;

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("puzle-service-" + std::to_string(getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string header(const service::Reply& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

TEST(ServiceConcurrency, EvaluationsDuringReloadsAreAllAnsweredAndLogged) {
  const Scratch s;
  const fs::path rules = s.dir / "rules";
  fs::copy(PUZLE_SOURCE_DIR "/rules", rules, fs::copy_options::recursive);
  service::Config config;
  config.rules = {rules.string()};
  config.log = (s.dir / "decisions.log").string();
  std::string error;
  auto svc = service::Service::start(config, error);
  ASSERT_TRUE(svc) << error;
  const std::string profile = slurp(PUZLE_SOURCE_DIR "/examples/profiles/gosol.json");
  const fs::path rule_file = rules / "regles" / "ajuntament_idoneitat.pzl";
  const std::string original = slurp(rule_file);

  service::EvalQuery first_query;
  first_query.date = "2026-03-01";
  const std::string initial = header(svc->evaluate(profile, first_query), "X-Puzle-Rulebase");
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, failed{0};
  std::mutex seen_mu;
  std::set<std::string> seen_rulebases;
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t)
    clients.emplace_back([&, t] {
      service::EvalQuery q;
      q.date = "2026-03-01";
      q.view = t == 0 ? "roadmap" : t == 1 ? "puzzle" : "why-not";
      q.element = "eacat";
      for (int i = 0; i < 40 || (!stop && i < 400); ++i) {
        const service::Reply r = svc->evaluate(profile, q);
        if (r.status != 200 || r.body.empty() || r.body.back() != '\n') {
          ++failed;
          continue;
        }
        ++answered;
        const std::lock_guard lock(seen_mu);
        seen_rulebases.insert(header(r, "X-Puzle-Rulebase"));
      }
    });
  // Meanwhile: three reloads, each a rulebase with one more comment (a new digest), one refused.
  std::vector<std::string> digests{};
  for (int k = 1; k <= 3; ++k) {
    {
      std::ofstream(rule_file, std::ios::binary)
          << original << std::string(static_cast<std::size_t>(k), '\n') << "// reload " << k << "\n";
    }
    const service::ReloadOutcome out = svc->reload();
    EXPECT_TRUE(out.replaced) << out.reply.body;
    digests.push_back("sha256:" + out.digest);
  }
  { std::ofstream(rule_file, std::ios::binary) << original << "\nrule broken suggest nosuch weight 1\n"; }
  EXPECT_FALSE(svc->reload().replaced);
  stop = true;
  for (auto& c : clients) c.join();
  EXPECT_EQ(failed, 0);
  // Each answer came from a rulebase that was current at some point: never a refused one.
  digests.push_back(initial);
  for (const auto& d : seen_rulebases) EXPECT_NE(std::find(digests.begin(), digests.end(), d), digests.end()) << d;

  // One entry per answer, the chain intact, each replaying to the same bytes.
  const log::ChainCheck chain = log::verify_chain(config.log);
  EXPECT_EQ(chain.problem, "");
  EXPECT_EQ(chain.entries, static_cast<std::uint64_t>(answered.load()) + 1);
  std::ifstream in(config.log);
  const auto archive = store::RulebaseArchive::beside(config.log);
  int replayed = 0;
  for (std::string line; std::getline(in, line) && replayed < 12; ++replayed) {
    std::string why;
    const auto e = log::parse_entry(line, why);
    ASSERT_TRUE(e) << why;
    const log::Replayed r = log::replay(archive, *e);
    EXPECT_EQ(r.problem, "");
    EXPECT_TRUE(r.same && r.explain_same) << "entry " << e->seq;
  }
}

}  // namespace
}  // namespace service_concurrency_test
