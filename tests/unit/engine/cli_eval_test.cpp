// The evaluation commands of the built binary (puzzle, roadmap, explain, why-not, test): JSON
// fields, digests, text, byte-identical reruns and exit codes.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include "test_files.hpp"

namespace cli_eval_test {
namespace {

using puzle::test_files::slurp;

namespace fs = std::filesystem;
using nlohmann::json;

struct Output {
  std::string out, err;
  int status = -1;
};

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Runs a shell command from the repository root; stdout and stderr are kept apart.
Output shell(const std::string& command) {
  const fs::path err = fs::temp_directory_path() / ("puzle-cli-eval-" + std::to_string(getpid()) + ".err");
  const std::string cmd = "cd '" PUZLE_SOURCE_DIR "' && " + command + " 2>'" + err.string() + "'";
  Output r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  r.status = WEXITSTATUS(pclose(p));
  r.err = slurp(err);
  fs::remove(err);
  return r;
}

Output puzle(const std::string& args) { return shell("'" PUZLE_CLI_PATH "' " + args); }

std::string sha256_of_file(const fs::path& p) {
  return shell("sha256sum '" + p.string() + "' | cut -c1-64").out.substr(0, 64);
}

class CliEval : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("puzle-cli-eval-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    write(
        profile_path(),
        "{\n  \"name\": \"Gósol\",\n  \"comarca\": \"Berguedà\",\n  \"population\": 190,\n  \"province\": \"lleida\",\n"
        "  \"maturity\": {\"ajuntament\": 1},\n  \"needs\": [\"seu_electronica\"]\n}\n");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path profile_path() { return dir_ / "gosol.json"; }
  static std::string eval_args(const std::string& view, const std::string& format) {
    return view + " --rules examples/minimal '" + profile_path().string() + "' --date 2026-11-22 --format " + format;
  }
  static json eval_json(const std::string& view) {
    const Output r = puzle(eval_args(view, "json"));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return json::parse(r.out);
  }
  // A copy of examples/minimal with one more file.
  static fs::path rulebase_with(const std::string& name, const std::string& extra) {
    const fs::path rb = dir_ / ("rb-" + name);
    fs::create_directories(rb);
    for (const auto& f : fs::directory_iterator(fs::path(PUZLE_SOURCE_DIR) / "examples/minimal"))
      fs::copy_file(f.path(), rb / f.path().filename(), fs::copy_options::overwrite_existing);
    write(rb / (name + ".pzl"), extra);
    return rb;
  }
  static fs::path dir_;
};

fs::path CliEval::dir_;

void expect_envelope(const json& j) {
  EXPECT_EQ(j["engine"]["name"], "puzle");
  const std::string version = puzle("--version").out;
  EXPECT_EQ("puzle " + j["engine"]["version"].get<std::string>() + "\n", version);
  const std::string digest = j["rulebase"]["digest"];
  EXPECT_TRUE(std::regex_match(digest, std::regex("[0-9a-f]{64}"))) << digest;
  // The rulebase digest: SHA-256 of the sorted SHA-256 digests of its files, one per line.
  const std::string expected =
      shell("sha256sum examples/minimal/*.pzl | cut -c1-64 | LC_ALL=C sort | sha256sum | cut -c1-64").out.substr(0, 64);
  EXPECT_EQ(digest, expected);
  EXPECT_EQ(j["date"], "2026-11-22");
  EXPECT_EQ(j["municipality"],
            json::parse(R"J({"name": "Gósol", "comarca": "Berguedà", "province": "Lleida", "population": "190"})J"));
  EXPECT_EQ(j["summary"], json::parse(R"J({"elements": 3, "fit": 2, "in_place": 0})J"));
  EXPECT_EQ(j["errors"], json::array());
}

TEST_F(CliEval, PuzzleJson) {
  const json j = eval_json("puzzle");
  expect_envelope(j);
  EXPECT_EQ(j["profile"]["digest"], sha256_of_file(profile_path()));
  EXPECT_EQ(j["profile"]["source"], profile_path().string());
  std::vector<std::string> keys;  // in the order written
  const auto ordered = nlohmann::ordered_json::parse(puzle(eval_args("puzzle", "json")).out);
  for (const auto& [k, v] : ordered.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"engine", "rulebase", "profile", "date", "municipality", "summary",
                                            "errors", "warnings", "puzzle"}));
  ASSERT_EQ(j["puzzle"].size(), 2u);
  const json& aj = j["puzzle"][0];
  EXPECT_EQ(aj["id"], "ajuntament");
  EXPECT_EQ(aj["label"], "Ajuntament");
  ASSERT_EQ(aj["elements"].size(), 2u);
  EXPECT_EQ(aj["elements"][0]["id"], "notificacions");
  EXPECT_EQ(aj["elements"][0]["status"], "required");
  EXPECT_EQ(aj["elements"][0]["score"], "0");
  EXPECT_EQ(aj["elements"][0]["solutions"][0]["id"], "aoc.enotum");
  EXPECT_EQ(aj["elements"][1], json::parse(R"J({
    "id": "seu_electronica", "path": "ajuntament.admin_electronica.relacio.seu_electronica", "label": "Seu electrònica",
    "status": "suggested", "score": "15", "due": "", "overdue": false, "needed_by": ["notificacions"], "blocked_by": [],
    "solutions": [{"id": "aoc.seu_e", "label": "Seu electrònica (SEU-e)", "provider": "aoc", "own_provider": false, "cost": "0"}]})J"));
  EXPECT_EQ(j["puzzle"][1]["elements"][0]["id"], "enllumenat_intelligent");
  EXPECT_EQ(j["puzzle"][1]["elements"][0]["status"], "excluded");
}

TEST_F(CliEval, RoadmapJson) {
  const json j = eval_json("roadmap");
  expect_envelope(j);
  const json& phases = j["roadmap"]["phases"];
  ASSERT_EQ(phases.size(), 3u);
  EXPECT_EQ(phases[0]["id"], "curt");
  EXPECT_EQ(phases[0]["label"], "Curt termini");
  EXPECT_EQ(phases[1]["id"], "mitja");
  EXPECT_EQ(phases[1]["elements"], json::array());
  EXPECT_EQ(phases[2]["id"], "llarg");
  ASSERT_EQ(phases[0]["elements"].size(), 2u);
  const json& seu = phases[0]["elements"][0];
  EXPECT_EQ(seu["id"], "seu_electronica");
  EXPECT_EQ(seu["rank"], 1);
  EXPECT_EQ(seu["effort"], "2");
  EXPECT_EQ(seu["cost"], "0.00");  // 1500 declared, but the free SEU-e of the AOC covers it
  EXPECT_EQ(seu["sources"], json::array());
  EXPECT_EQ(seu["reason"], json::parse(R"J({"kind": "rank", "text": "phase 1 (curt): rank 1 by priority"})J"));
  const json& notif = phases[0]["elements"][1];
  EXPECT_EQ(notif["id"], "notificacions");
  EXPECT_EQ(notif["status"], "required");
  EXPECT_EQ(notif["rank"], 2);
  EXPECT_EQ(notif["cost"], "0.00");  // none declared
  EXPECT_EQ(notif["sources"], json::parse(R"J(["Llei 39/2015, art. 41"])J"));
  EXPECT_EQ(j["roadmap"]["unscheduled"], json::array());
}

TEST_F(CliEval, ExplainJson) {
  const json j = eval_json("explain notificacions");
  expect_envelope(j);
  const json& x = j["explain"];
  EXPECT_EQ(x["status"], "required");
  ASSERT_EQ(x["acts"].size(), 1u);
  EXPECT_EQ(x["acts"][0], json::parse(R"J({
    "rule": "llei_39_2015_notificacions", "at": {"file": "examples/minimal/rules.pzl", "line": 1},
    "effect": "require", "weight": "", "binding": "", "condition": "when not in_place(notificacions)",
    "facts": [{"name": "notificacions in in_place", "value": "no"}],
    "because": "La Llei 39/2015 obliga a notificar electrònicament", "sources": ["Llei 39/2015, art. 41"]})J"));
  EXPECT_EQ(x["roadmap"], "phase 1 (curt): rank 2 by priority");
  // The element may be named by its full path too.
  const Output r = puzle(eval_args("explain ajuntament.admin_electronica.relacio.notificacions", "json"));
  EXPECT_EQ(json::parse(r.out)["explain"], x);
}

TEST_F(CliEval, WhyNotJson) {
  const json j = eval_json("why-not enllumenat_intelligent");
  expect_envelope(j);
  const json& w = j["why_not"];
  EXPECT_EQ(w["status"], "excluded");
  EXPECT_EQ(w["acts"][0]["rule"], "no_enllumenat_micro");
  EXPECT_EQ(w["acts"][0]["because"], "Inversió desproporcionada per a 190 habitants");
  EXPECT_EQ(w["roadmap"], "");
  EXPECT_EQ(w["not_fired"], json::parse(R"J([
    {"rule": "enllumenat_gran", "at": {"file": "examples/minimal/rules.pzl", "line": 8}, "effect": "suggest",
     "reason": "gran is false", "facts": [{"name": "segment gran", "value": "false"}, {"name": "population", "value": "190"}]},
    {"rule": "necessitats_declarades", "at": {"file": "examples/minimal/rules.pzl", "line": 18}, "effect": "boost",
     "reason": "enllumenat_intelligent is not in needs", "facts": []}])J"));
}

TEST_F(CliEval, TextViews) {
  const std::string digest = sha256_of_file(profile_path()).substr(0, 12);
  const Output roadmap = puzle(eval_args("roadmap", "text"));
  EXPECT_EQ(roadmap.status, 0);
  EXPECT_EQ(roadmap.err, "");
  const std::string head = "Gósol · Berguedà · Lleida · 190 inhabitants   rulebase ";
  EXPECT_EQ(roadmap.out.substr(0, head.size()), head);
  EXPECT_NE(
      roadmap.out.find("  profile " + digest +
                       "…  date 2026-11-22\n"
                       "Puzzle: 2 of 3 elements fit this municipality; 0 already in place (0 %)\n"
                       "\n"
                       "Phase 1 · Curt termini (2 of 4)\n"
                       "  1  Seu electrònica              score 15                         "
                       "Consorci AOC · Seu electrònica (SEU-e)  needed by 1\n"
                       "  2  Notificacions electròniques  required  Llei 39/2015, art. 41  Consorci AOC · e-NOTUM\n"
                       "\n"
                       "Phase 2 · Mitjà termini (0 of 8 · budget 0.00 of 60000.00 €)\n"
                       "\n"
                       "Phase 3 · Llarg termini (aspirational: 0)\n"),
      std::string::npos)
      << roadmap.out;
  const Output puzzle_text = puzle(eval_args("puzzle", "text"));
  EXPECT_NE(puzzle_text.out.find("Viure (0 of 1 in the puzzle or in place)\n"
                                 "  Energia › Enllumenat públic\n"
                                 "    Enllumenat intel·ligent      excluded\n"),
            std::string::npos)
      << puzzle_text.out;
  const Output explain = puzle(eval_args("explain seu_electronica", "text"));
  EXPECT_EQ(explain.out,
            "Seu electrònica   ajuntament.admin_electronica.relacio.seu_electronica\n"
            "  status: suggested, score 15\n"
            "  town hall: declared need\n"
            "  +15       necessitats_declarades  examples/minimal/rules.pzl:18\n"
            "            for seu_electronica\n"
            "            for e in needs where not in_place(e) → true\n"
            "            e in in_place = no\n"
            "            \"Necessitat declarada pel municipi\"\n"
            "  score 15 = +15 (necessitats_declarades)\n"
            "  needed by: notificacions\n"
            "  roadmap: phase 1 (curt): rank 1 by priority\n"
            "  rank: 1 of 2, with the rank of notificacions (a duty, score 0), above its own: score 15 (duties first, "
            "then by score)\n"
            "  covered by Consorci AOC · Seu electrònica (SEU-e) (free)\n");
  const Output why_not = puzle(eval_args("why-not enllumenat_intelligent", "text"));
  EXPECT_EQ(
      why_not.out,
      "Enllumenat intel·ligent is not suggested for Gósol:\n"
      "  excluded  no_enllumenat_micro  examples/minimal/rules.pzl:13  \"Inversió desproporcionada per a 190 "
      "habitants\"\n"
      "  not fired enllumenat_gran  examples/minimal/rules.pzl:8  gran is false (segment gran = false, population = "
      "190)\n"
      "  not fired necessitats_declarades  examples/minimal/rules.pzl:18  enllumenat_intelligent is not in needs\n");
  const Output in_puzzle = puzle(eval_args("why-not notificacions", "text"));
  EXPECT_EQ(
      in_puzzle.out,
      "Notificacions electròniques is in the puzzle of Gósol (required); `puzle explain notificacions` says why.\n");
}

TEST_F(CliEval, RunningTwiceGivesTheSameBytes) {
  for (const char* view : {"puzzle", "roadmap", "explain notificacions", "explain seu_electronica",
                           "why-not enllumenat_intelligent", "why-not notificacions"})
    for (const char* format : {"text", "json"}) {
      const Output a = puzle(eval_args(view, format));
      const Output b = puzle(eval_args(view, format));
      EXPECT_EQ(a.status, 0) << view << " " << format;
      EXPECT_FALSE(a.out.empty());
      EXPECT_EQ(a.out, b.out) << view << " " << format;
    }
}

TEST_F(CliEval, AnUnknownElementIsAUsageError) {
  const Output r = puzle(eval_args("explain nothing", "json"));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "puzle: unknown element 'nothing'\n");
  const Output w = puzle(eval_args("why-not seu_electronik", "text"));
  EXPECT_EQ(w.status, 2);
  EXPECT_EQ(w.err, "puzle: unknown element 'seu_electronik'\n");
}

TEST_F(CliEval, ABadProfileExitsOneWithItsDiagnostic) {
  const fs::path bad = dir_ / "bad.json";
  write(bad, "{\"population\": \"190\", \"province\": \"lleida\"}\n");
  const Output r = puzle("roadmap --rules examples/minimal '" + bad.string() + "' --date 2026-11-22");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, bad.string() + ":1:16: error[E602]: field \"population\" expects a whole number, not \"190\"\n" +
                       " 1 | {\"population\": \"190\", \"province\": \"lleida\"}\n" + "   |                ^^^^^\n" +
                       "1 error(s), 0 warning(s)\n");
  const Output j = puzle("roadmap --rules examples/minimal '" + bad.string() + "' --date 2026-11-22 --format json");
  EXPECT_EQ(j.status, 1);
  const json d = json::parse(j.out);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["code"], "E602");
  EXPECT_EQ(d[0]["line"], 1);
  EXPECT_EQ(d[0]["column"], 16);
  EXPECT_EQ(d[0]["message"], "field \"population\" expects a whole number, not \"190\"");
  const Output missing = puzle("puzzle --rules examples/minimal '" + (dir_ / "none.json").string() + "'");
  EXPECT_EQ(missing.status, 2);  // a path that cannot be read is a usage error
  EXPECT_NE(missing.err.find("error[E106]: cannot read the profile '" + (dir_ / "none.json").string() + "'"),
            std::string::npos)
      << missing.err;
}

TEST_F(CliEval, AnEvaluationErrorIsReportedAndExitsOne) {
  const fs::path rb = rulebase_with(
      "overflow", "rule overflow\n  when population * population * population > 0\n  suggest enllumenat_intelligent\n");
  const fs::path big = dir_ / "big.json";
  write(big, "{\"population\": 100000000000000, \"province\": \"lleida\"}");
  const Output r = puzle("puzzle --rules '" + rb.string() + "' '" + big.string() + "' --date 2026-11-22 --format json");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(json::parse(r.out)["errors"], json::parse(R"J(["rule 'overflow': overflow in '*'"])J"));
  const Output t = puzle("puzzle --rules '" + rb.string() + "' '" + big.string() + "' --date 2026-11-22");
  EXPECT_EQ(t.status, 1);
  EXPECT_NE(t.out.find("\nerror: rule 'overflow': overflow in '*'\n"), std::string::npos) << t.out;
}

TEST_F(CliEval, RuleTestsPass) {
  const Output r = puzle("test examples/minimal");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            "ok    a big town with some maturity gets smart lighting\n"
            "ok    a micro municipality gets e-NOTUM, not smart lighting\n"
            "2 passed, 0 failed\n");
}

TEST_F(CliEval, AFailingRuleTestExitsOneAndExplains) {
  const fs::path rb = rulebase_with("failing",
                                    "test \"lighting for a village\" {\n"
                                    "  given {\n"
                                    "    population: 190\n"
                                    "    province: lleida\n"
                                    "  }\n"
                                    "  expect required notificacions\n"
                                    "  expect suggested enllumenat_intelligent\n"
                                    "  expect score seu_electronica >= 1\n"
                                    "}\n");
  const Output r = puzle("test '" + rb.string() + "'");
  EXPECT_EQ(r.status, 1);
  const std::string file = (rb / "failing.pzl").string();
  EXPECT_EQ(r.out,
            "ok    a big town with some maturity gets smart lighting\n"
            "ok    a micro municipality gets e-NOTUM, not smart lighting\n"
            "FAIL  lighting for a village   " +
                file +
                ":1\n"
                "      expect suggested enllumenat_intelligent   (line 7)\n"
                "      but enllumenat_intelligent is excluded, score 0, not on the roadmap\n"
                "      expect score seu_electronica >= 1   (line 8)\n"
                "      but seu_electronica is needed, score 0, in phase curt\n"
                "      | Enllumenat intel·ligent is not suggested for this municipality:\n"
                "      |   excluded  no_enllumenat_micro  " +
                rb.string() +
                "/rules.pzl:13  \"Inversió desproporcionada per a 190 habitants\"\n"
                "      |   not fired enllumenat_gran  " +
                rb.string() +
                "/rules.pzl:8  gran is false (segment gran = false, population = 190)\n"
                "      |   not fired necessitats_declarades  " +
                rb.string() +
                "/rules.pzl:18  enllumenat_intelligent is not in needs\n"
                "      | Seu electrònica   ajuntament.admin_electronica.relacio.seu_electronica\n"
                "      |   status: needed\n"
                "      |   no rule acted on it\n"
                "      |   needed by: notificacions\n"
                "      |   roadmap: phase 1 (curt): rank 1 by priority\n"
                "      |   rank: 1 of 2, with the rank of notificacions (a duty, score 0), which needs it (duties "
                "first, then by score)\n"
                "      |   covered by Consorci AOC · Seu electrònica (SEU-e) (free)\n"
                "2 passed, 1 failed\n");
}

TEST_F(CliEval, RuleTestsUseAFixedDefaultDate) {
  // A rule valid only from 2026-01-02 does not act in a test unless --date says so.
  const fs::path rb = rulebase_with("dated",
                                    "rule nova\n  valid from 2026-01-02\n  suggest enllumenat_intelligent weight 50\n"
                                    "test \"dated\" {\n  given {\n    population: 45000\n    province: girona\n  }\n"
                                    "  expect score enllumenat_intelligent == 0\n}\n");
  EXPECT_EQ(puzle("test '" + rb.string() + "'").status, 0);
  const Output later = puzle("test '" + rb.string() + "' --date 2026-01-02");
  EXPECT_EQ(later.status, 1);
  EXPECT_NE(later.out.find("      but enllumenat_intelligent is suggested, score 50, in phase curt\n"),
            std::string::npos)
      << later.out;
}

}  // namespace
}  // namespace cli_eval_test
