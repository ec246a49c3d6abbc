// `puzle serve`, end to end: the server started on a free loopback port, asked over HTTP as
// clients ask it, and stopped. Its bodies are the CLI's JSON byte for byte; errors are JSON with
// a stable code; reloads swap a rulebase only when it loads and its tests pass; a pinned
// rulebase answers while held; the store's routes read and write what `puzle town`/`visit` do.
#include <filesystem>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "cli_run.hpp"
#include "server_process.hpp"

namespace server_test {
namespace {

using namespace puzle::testing_cli;
using nlohmann::json;
using puzle::testing_server::ServerProcess;
namespace fs = std::filesystem;

const std::string kToken = "s3cret-token-for-tests";

struct Fixture {
  Scratch dir{"server"};
  std::string db = dir / "puzle.db";
  std::string rules = dir / "rules";
  std::string token = dir / "token";
  Fixture() {
    fs::copy(PUZLE_SOURCE_DIR "/rules", rules, fs::copy_options::recursive);
    write_file(token, kToken + "\n");
    EXPECT_EQ(run_puzle("db init --db " + q(db)).status, 0);
  }
  std::vector<std::string> args() const { return {"--rules", rules, "--db", db, "--token-file", token}; }
};

httplib::Client client(const ServerProcess& s) {
  httplib::Client c(s.host(), s.port());
  c.set_read_timeout(30, 0);
  return c;
}

std::string gosol() { return slurp(PUZLE_SOURCE_DIR "/examples/profiles/gosol.json"); }

std::string code_of(const httplib::Result& r) { return json::parse(r->body)["error"]["code"]; }

TEST(Server, AnswersTheCliJsonByteForByteWithItsProvenanceInHeaders) {
  const Fixture f;
  ServerProcess s(f.args());
  ASSERT_FALSE(s.url().empty()) << "the server did not start";
  auto c = client(s);
  for (const std::string view : {"roadmap", "puzzle"}) {
    const auto r = c.Post(("/v1/evaluate?view=" + view + "&date=2026-03-01").c_str(), gosol(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const CliRun cli = run_puzle(view + " --rules " + q(f.rules) +
                                 " --date 2026-03-01 --format json - < examples/profiles/gosol.json");
    EXPECT_EQ(r->body, cli.out) << view;
    EXPECT_EQ(r->get_header_value("X-Puzle-Date"), "2026-03-01");
    EXPECT_EQ(r->get_header_value("X-Puzle-Rulebase"),
              "sha256:" + json::parse(cli.out)["rulebase"]["digest"].get<std::string>());
    EXPECT_FALSE(r->get_header_value("X-Puzle-Decision-Id").empty());
  }
  const auto why =
      c.Post("/v1/evaluate?view=why-not&element=zona_baixes_emissions&date=2026-03-01", gosol(), "application/json");
  ASSERT_TRUE(why);
  EXPECT_EQ(why->body, run_puzle("why-not zona_baixes_emissions --rules " + q(f.rules) +
                                 " --date 2026-03-01 --format json - < examples/profiles/gosol.json")
                           .out);
  // The compact explanation alone: the object `puzle batch --explain compact` puts in each line.
  const auto compact = c.Post("/v1/evaluate?view=compact&date=2026-03-01", gosol(), "application/json");
  ASSERT_TRUE(compact);
  EXPECT_EQ(compact->status, 200);
  const CliRun line =
      run_puzle("batch --rules " + q(f.rules) +
                " --date 2026-03-01 --explain compact <(tr -d '\\n' < examples/profiles/gosol.json; echo)");
  ASSERT_EQ(line.status, 0) << line.err;
  EXPECT_EQ(json::parse(compact->body), json::parse(line.out)["explain"]);
  // Without a date, today's is used, and echoed.
  const auto today = c.Post("/v1/evaluate", gosol(), "application/json");
  ASSERT_TRUE(today);
  EXPECT_EQ(json::parse(today->body)["date"], today->get_header_value("X-Puzle-Date"));
  // Two answers, two decision ids.
  EXPECT_NE(today->get_header_value("X-Puzle-Decision-Id"), why->get_header_value("X-Puzle-Decision-Id"));
}

TEST(Server, RefusesBadRequestsWithA4xxAndAStableCode) {
  const Fixture f;
  ServerProcess s(f.args());
  ASSERT_FALSE(s.url().empty());
  auto c = client(s);
  auto r = c.Post("/v1/evaluate", R"({"population": "x", "province": "lleida"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  const json bad = json::parse(r->body)["error"];
  EXPECT_EQ(bad["code"], "bad_profile");
  EXPECT_EQ(bad["diagnostics"][0]["code"], "E602");
  EXPECT_EQ(bad["diagnostics"][0]["message"], "field \"population\" expects a whole number, not \"x\"");
  struct Case {
    std::string target;
    int status;
    std::string code;
  };
  for (const Case& k : std::vector<Case>{{"/v1/evaluate?date=2026-02-30", 400, "bad_date"},
                                         {"/v1/evaluate?view=map", 400, "bad_view"},
                                         {"/v1/evaluate?view=explain", 400, "missing_element"},
                                         {"/v1/evaluate?view=explain&element=nosuch", 400, "unknown_element"},
                                         {"/v1/evaluate?rulebase=sha256:00", 404, "rulebase_not_held"},
                                         {"/v1/nosuch", 404, "not_found"}}) {
    r = c.Post(k.target.c_str(), gosol(), "application/json");
    ASSERT_TRUE(r) << k.target;
    EXPECT_EQ(r->status, k.status) << k.target;
    EXPECT_EQ(code_of(r), k.code) << k.target << ": " << r->body;
  }
  r = c.Post("/v1/evaluate", std::string(2u << 20, ' '), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(code_of(r), "body_too_large");
  r = c.Post("/v1/reload", "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << "a write without the token";
  EXPECT_EQ(code_of(r), "unauthorized");
  // The server took every one of them in its stride.
  r = c.Get("/health/live");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(Server, ReloadsOnlyARulebaseThatLoadsAndPassesItsTestsAndKeepsTheOldOneForPinning) {
  const Fixture f;
  ServerProcess s(f.args());
  ASSERT_FALSE(s.url().empty());
  auto c = client(s);
  c.set_bearer_token_auth(kToken.c_str());
  const std::string first = json::parse(c.Get("/v1/rulebase")->body)["digest"];
  const fs::path rule_file = fs::path(f.rules) / "regles" / "ajuntament_idoneitat.pzl";
  const std::string original = slurp(rule_file);
  // An error: refused, the rulebase stays.
  write_file(rule_file, original + "\nrule broken when nosuch suggest eacat weight 1\n");
  auto r = c.Post("/v1/reload", "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(code_of(r), "reload_refused");
  EXPECT_EQ(json::parse(c.Get("/v1/rulebase")->body)["digest"], first);
  // A change that breaks a rule test: refused too.
  std::string weaker = original;
  weaker.replace(weaker.find("weight 30"), 9, "weight 0");
  write_file(rule_file, weaker);
  r = c.Post("/v1/reload", "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_NE(json::parse(r->body)["error"]["message"].get<std::string>().find("rule test(s) fail"), std::string::npos);
  // A sound change: taken, and the old rulebase still answers when pinned.
  write_file(rule_file, original + "\n// a comment changes the digest, not the answers\n");
  r = c.Post("/v1/reload", "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  const json reloaded = json::parse(r->body);
  EXPECT_EQ(reloaded["previous"], first);
  EXPECT_NE(reloaded["digest"], first);
  r = c.Post(("/v1/evaluate?date=2026-03-01&rulebase=" + first).c_str(), gosol(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("X-Puzle-Rulebase"), first);
  r = c.Post("/v1/evaluate?date=2026-03-01", gosol(), "application/json");
  EXPECT_EQ(r->get_header_value("X-Puzle-Rulebase"), reloaded["digest"]);
  // SIGHUP reloads too: back to the original files, a third digest... the first one again.
  write_file(rule_file, original);
  s.signal(SIGHUP);
  std::string now;
  for (int i = 0; i < 100 && now != first; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    now = json::parse(c.Get("/v1/rulebase")->body)["digest"];
  }
  EXPECT_EQ(now, first);
  const std::string metrics = c.Get("/metrics")->body;
  EXPECT_NE(metrics.find("puzle_reloads_total{outcome=\"refused\"} 2"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("puzle_reloads_total{outcome=\"replaced\"} 2"), std::string::npos) << metrics;
  EXPECT_EQ(s.stop(), 0) << "SIGTERM stops it cleanly";
}

TEST(Server, IsNotReadyWhileTheRulebaseItStartedWithFailsItsTests) {
  const Fixture f;
  const fs::path rule_file = fs::path(f.rules) / "regles" / "ajuntament_idoneitat.pzl";
  std::string weaker = slurp(rule_file);
  weaker.replace(weaker.find("weight 30"), 9, "weight 0");
  write_file(rule_file, weaker);
  ServerProcess s(f.args());
  ASSERT_FALSE(s.url().empty());
  auto c = client(s);
  auto r = c.Get("/health/ready");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_FALSE(json::parse(r->body)["report"].get<std::string>().empty());
  EXPECT_EQ(c.Get("/health/live")->status, 200);
  EXPECT_NE(c.Get("/metrics")->body.find("puzle_ready 0"), std::string::npos);
}

TEST(Server, ServesTheTownHallsMemoryAndRecordsAVisitWithTheToken) {
  const Fixture f;
  ServerProcess s(f.args());
  ASSERT_FALSE(s.url().empty());
  auto c = client(s);
  auto r = c.Post("/v1/towns/25100/visits?date=2026-03-01&agent=anna", gosol(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  c.set_bearer_token_auth(kToken.c_str());
  r = c.Post("/v1/towns/25100/visits?date=2026-03-01&agent=anna", gosol(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(json::parse(r->body)["id"], 1);
  r = c.Post("/v1/towns/08001/visits", gosol(), "application/json");
  EXPECT_EQ(r->status, 422) << "the profile is Gósol's, not Abrera's";
  r = c.Post("/v1/towns/00000/visits", gosol(), "application/json");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(code_of(r), "unknown_municipality");
  // The same JSON as the CLI's.
  EXPECT_EQ(c.Get("/v1/towns/25100")->body, run_puzle("town show 25100 --format json --db " + q(f.db)).out);
  EXPECT_EQ(c.Get("/v1/visits/1")->body, run_puzle("visit show 1 --format json --db " + q(f.db)).out);
  EXPECT_EQ(c.Get("/v1/towns/25100/history")->body, run_puzle("town history 25100 --format json --db " + q(f.db)).out);
  EXPECT_EQ(json::parse(c.Get("/v1/towns")->body).size(), 947u);
  // The latest visit, evaluated: the stored decision's bytes on the visit's date.
  r = c.Get("/v1/towns/25100/evaluation?date=2026-03-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, run_puzle("visit show 1 --result --db " + q(f.db)).out);
  EXPECT_EQ(c.Get("/v1/visits/99")->status, 404);
  EXPECT_EQ(c.Get("/v1/towns/25100/evaluation?view=nosuch")->status, 400);
  // Rules whose profile no longer has `notes`: the visit recorded with it does not fit them.
  const fs::path profile_file = fs::path(f.rules) / "profile.pzl";
  std::string schema = slurp(profile_file);
  const auto notes = schema.find("  notes: text");
  schema.erase(notes, schema.find('\n', notes) + 1 - notes);
  write_file(profile_file, schema);
  ASSERT_EQ(c.Post("/v1/reload", "", "application/json")->status, 200);
  r = c.Get("/v1/towns/25100/evaluation?date=2026-03-01");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(code_of(r), "visit_does_not_fit");
  EXPECT_EQ(json::parse(r->body)["error"]["diagnostics"][0]["code"], "E603");
}

TEST(Server, DrawsTheMetamodelAndSaysWhatItHolds) {
  const Fixture f;
  ServerProcess s(f.args());
  ASSERT_FALSE(s.url().empty());
  auto c = client(s);
  const json rb = json::parse(c.Get("/v1/rulebase")->body);
  EXPECT_EQ(rb["counts"]["elements"], 334);
  EXPECT_EQ(rb["held"].size(), 1u);
  const json mm = json::parse(c.Get("/v1/metamodel")->body);
  EXPECT_EQ(mm["areas"].size(), 6u);
  EXPECT_EQ("sha256:" + mm["rulebase"]["digest"].get<std::string>(), rb["digest"]);
  EXPECT_EQ(c.Get("/v1/metamodel?rulebase=sha256:0")->status, 404);
}

TEST(Server, RefusesToStartWithoutARulebaseOrOnAPublicAddressWithoutAToken) {
  const Fixture f;
  write_file(fs::path(f.rules) / "broken.pzl", "rule nope suggest");
  ServerProcess broken({"--rules", f.rules});
  EXPECT_TRUE(broken.url().empty());
  EXPECT_EQ(broken.stop(), 1);
  const CliRun open = run_puzle("serve --listen 0.0.0.0:0 --rules " + q(f.rules));
  EXPECT_EQ(open.status, 2);
  EXPECT_NE(open.err.find("needs a token"), std::string::npos) << open.err;
  EXPECT_EQ(run_puzle("serve --listen nowhere").status, 2);
}

}  // namespace
}  // namespace server_test

namespace server_log_test {
namespace {

using namespace puzle::testing_cli;
using nlohmann::json;
using puzle::testing_server::ServerProcess;
namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(slurp(path));
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  write_file(path, text);
}

TEST(ServerLog, EveryAnswerIsLoggedChainedAndReplaysToTheSameBytes) {
  Scratch dir("server-log");
  const std::string log = dir / "decisions.log", db = dir / "puzle.db", token = dir / "token";
  write_file(token, "s3cret-token-for-tests\n");
  ASSERT_EQ(run_puzle("db init --db " + q(db)).status, 0);
  const std::string profile = slurp(PUZLE_SOURCE_DIR "/examples/profiles/gosol.json");
  std::vector<std::string> ids;
  {
    ServerProcess s({"--rules", "rules", "--log", log, "--db", db, "--token-file", token});
    ASSERT_FALSE(s.url().empty());
    httplib::Client c(s.host(), s.port());
    for (const std::string target :
         {"/v1/evaluate?date=2026-03-01", "/v1/evaluate?view=puzzle",
          "/v1/evaluate?view=explain&element=eacat&date=2026-03-01",
          "/v1/evaluate?view=why-not&element=zona_baixes_emissions", "/v1/evaluate?view=compact"}) {
      const auto r = c.Post(target.c_str(), profile, "application/json");
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << target;
      ids.push_back(r->get_header_value("X-Puzle-Decision-Id"));
    }
    EXPECT_EQ(c.Post("/v1/evaluate", "{}", "application/json")->status, 400) << "not an answer: not logged";
    c.set_bearer_token_auth("s3cret-token-for-tests");
    EXPECT_EQ(c.Post("/v1/towns/25100/visits?date=2026-03-01", profile, "application/json")->status, 201);
    const json head = json::parse(c.Get("/v1/log")->body);
    EXPECT_EQ(head["entries"], 6);
  }
  const auto lines = lines_of(log);
  ASSERT_EQ(lines.size(), 6u);
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(json::parse(lines[i])["id"], ids[i]);
  EXPECT_EQ(json::parse(lines[5])["source"], "visit 1");
  EXPECT_TRUE(json::parse(lines[0])["explain"].is_object()) << "the compact explanation is logged";
  CliRun r = run_puzle("log verify " + q(log));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("6 entries, the chain holds"), std::string::npos) << r.out;
  r = run_puzle("replay " + q(log));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("6 the same, 0 different, 0 not replayed"), std::string::npos) << r.out;
  EXPECT_EQ(run_puzle("replay --seq 3 " + q(log)).status, 0);
  EXPECT_EQ(run_puzle("replay --seq 9 " + q(log)).status, 1);

  // An edited entry, a removed one: the chain says where.
  auto edited = lines;
  edited[2].replace(edited[2].find("Gósol"), 6, "Gosol");
  write_lines(log, edited);
  r = run_puzle("log verify " + q(log));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("line 4: it does not follow the line before"), std::string::npos) << r.err;
  r = run_puzle("replay --seq 3 " + q(log));
  EXPECT_EQ(r.status, 1) << "an edited profile is not the one decided on";
  auto removed = lines;
  removed.erase(removed.begin() + 1);
  write_lines(log, removed);
  r = run_puzle("log verify " + q(log));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("line 2: entry 3 where 2 was due"), std::string::npos) << r.err;
  // A server does not append to a broken log.
  {
    ServerProcess s({"--rules", "rules", "--log", log});
    EXPECT_TRUE(s.url().empty());
  }
  // A last line cut short by a crash is removed when the server starts again; the rest stays.
  write_lines(log, lines);
  write_file(log, slurp(log) + lines[0].substr(0, 40));
  {
    ServerProcess s({"--rules", "rules", "--log", log});
    ASSERT_FALSE(s.url().empty());
    httplib::Client c(s.host(), s.port());
    EXPECT_EQ(c.Post("/v1/evaluate", profile, "application/json")->status, 200);
  }
  r = run_puzle("log verify " + q(log));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("7 entries"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace server_log_test

namespace server_log_full_test {
namespace {

using namespace puzle::testing_cli;
using nlohmann::json;
using puzle::testing_server::ServerProcess;
namespace fs = std::filesystem;

// A log that cannot be written (here past a file-size limit, as on a full disk): nothing is
// answered that was not logged, and a visit is not recorded without its entry.
TEST(ServerLog, ADecisionThatCannotBeLoggedIsNotAnswered) {
  Scratch dir("server-log-full");
  const std::string log = dir / "decisions.log", db = dir / "puzle.db", token = dir / "token";
  write_file(token, "s3cret-token-for-tests\n");
  ASSERT_EQ(run_puzle("db init --db " + q(db)).status, 0);
  // The database and the rules fit under 1 MB; a few entries of Gósol's (30 KB each) do not.
  ServerProcess s({"--rules", "rules", "--log", log, "--db", db, "--token-file", token},
                  "trap '' XFSZ; ulimit -f 1024;");
  ASSERT_FALSE(s.url().empty());
  httplib::Client c(s.host(), s.port());
  c.set_bearer_token_auth("s3cret-token-for-tests");
  const std::string profile = slurp(PUZLE_SOURCE_DIR "/examples/profiles/gosol.json");
  int answered = 0, status = 0;
  std::string body;
  for (int i = 0; i < 100 && status != 503; ++i) {
    const auto r = c.Post("/v1/evaluate", profile, "application/json");
    ASSERT_TRUE(r);
    status = r->status;
    body = r->body;
    answered += status == 200 ? 1 : 0;
  }
  EXPECT_GT(answered, 0);
  EXPECT_EQ(status, 503);
  EXPECT_EQ(json::parse(body)["error"]["code"], "log_unavailable") << body;
  // What was answered was logged: the chain holds, one entry per answer.
  s.stop();
  const CliRun verify = run_puzle("log verify " + q(log));
  EXPECT_NE(verify.out.find(std::to_string(answered) + " entries"), std::string::npos) << verify.out << verify.err;
  // Started again (the limit gone), a visit is recorded and logged; under the limit it is not.
  ServerProcess again({"--rules", "rules", "--log", log, "--db", db, "--token-file", token},
                      "trap '' XFSZ; ulimit -f " + std::to_string(fs::file_size(log) / 1024 + 8) + ";");
  ASSERT_FALSE(again.url().empty()) << "the cut last line is removed";
  httplib::Client c2(again.host(), again.port());
  c2.set_bearer_token_auth("s3cret-token-for-tests");
  const auto r = c2.Post("/v1/towns/25100/visits?date=2026-03-01", profile, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503) << r->body;
  EXPECT_TRUE(json::parse(c2.Get("/v1/towns/25100")->body)["visits"].empty()) << "the visit was undone";
}

}  // namespace
}  // namespace server_log_full_test

namespace server_log_mask_test {
namespace {

using namespace puzle::testing_cli;
using puzle::testing_server::ServerProcess;
namespace fs = std::filesystem;

// Masked fields: the log keeps a salted digest, not the value; the entry replays only when the
// auditor gives the value as it was sent.
TEST(ServerLog, MaskedFieldsAreNotKeptAndReplayWhenTheAuditorGivesThem) {
  Scratch dir("server-log-mask");
  const std::string log = dir / "decisions.log";
  {
    ServerProcess s({"--rules", "rules", "--log", log, "--mask", "budget_eur,name"});
    ASSERT_FALSE(s.url().empty());
    httplib::Client c(s.host(), s.port());
    const auto r = c.Post("/v1/evaluate?date=2026-03-01", slurp(PUZLE_SOURCE_DIR "/examples/profiles/gosol.json"),
                          "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->body.find("Gósol"), std::string::npos) << "the answer itself is whole";
  }
  const std::string text = slurp(log);
  EXPECT_EQ(text.find("Gósol"), std::string::npos) << "the name is not in the log";
  EXPECT_EQ(text.find("\"budget_eur\\\": 5000"), std::string::npos) << "nor the budget";
  EXPECT_NE(text.find("@masked:budget_eur"), std::string::npos);
  CliRun r = run_puzle("replay " + q(log));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("`budget_eur` is masked"), std::string::npos) << r.out;
  r = run_puzle("replay " + q(log) + " --unmask budget_eur=5000 --unmask 'name=\"Gósol\"'");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("1 the same"), std::string::npos) << r.out;
  r = run_puzle("replay " + q(log) + " --unmask budget_eur=9999 --unmask 'name=\"Gósol\"'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("not the one logged"), std::string::npos) << r.out;
  EXPECT_EQ(
      run_puzle("serve --rules rules --log " + q(dir / "other.log") + " --mask nosuch --listen 127.0.0.1:0").status, 1);
}

}  // namespace
}  // namespace server_log_mask_test
