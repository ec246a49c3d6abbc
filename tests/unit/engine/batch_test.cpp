// Batch evaluation: the CSV and JSON Lines readers, bad records reported by line with the
// others still processed, the summary's counts, and identical output with 1 and N threads.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "eval_helper.hpp"
#include "puzle/batch.hpp"

namespace puzle::batch_test {
namespace {

using testing_helpers::make_rulebase;

const Rulebase& batch_rulebase() {
  static const Rulebase rb = make_rulebase({{"rules.pzl", R"(
profile {
  name: text = ""
  population: int
  province: enum { barcelona, girona, lleida, tarragona }
  maturity: level[area] 0..5 = 0
  shared: bool = false
  in_place: set<element> = []
  refused: set<element> = []
}
area ajuntament "Ajuntament" {
  domain admin "Administració" {
    block relacio "Relació" {
      element seu "Seu electrònica"
      element notificacions "Notificacions" { requires seu }
      element app "App mòbil" { requires seu }
    }
  }
}
area viure "Viure"
provider aoc "Consorci AOC"
solution aoc.enotum "e-NOTUM" { covers notificacions }
solution aoc.seu_e "SEU-e" {
  covers seu
  eligible when population < 20000
}
segment petit = population <= 5000
segment gran = population > 50000
roadmap {
  phase curt "Curt" size 1..1
  phase llarg "Llarg"
}
rule notificacions_obligatories
  require notificacions
  because "Llei 39/2015"
rule app_gran
  when gran and maturity[ajuntament] >= 3
  suggest app weight 20
  because "{population} habitants"
)"}});
  return rb;
}

std::vector<BatchRecord> read_all(RecordReader& r) {
  std::vector<BatchRecord> out;
  BatchRecord rec;
  while (r.next(rec)) out.push_back(rec);
  return out;
}

std::vector<BatchRecord> read_csv(const std::string& text, std::string* header_error = nullptr) {
  std::istringstream in(text);
  std::string err;
  auto reader = csv_reader(in, batch_rulebase(), err);
  if (header_error) *header_error = err;
  if (!reader) return {};
  return read_all(*reader);
}

struct BatchRun {
  std::string lines, errors;
  BatchSummary summary;
};

BatchRun run_text(const std::string& text, bool csv, unsigned jobs, std::size_t wave = 256,
                  const Rulebase& rb = batch_rulebase()) {
  std::istringstream in(text);
  std::string err;
  auto reader = csv ? csv_reader(in, rb, err) : jsonl_reader(in);
  EXPECT_TRUE(reader) << err;
  BatchRun out;
  BatchOptions o;
  o.input_name = csv ? "in.csv" : "in.jsonl";
  o.jobs = jobs;
  o.wave = wave;
  o.date = *Date::parse("2026-01-01");
  BatchSink sink;
  sink.line = [&](const std::string& l) { out.lines += l; };
  sink.error = [&](std::uint64_t, const std::string& m) { out.errors += m + "\n"; };
  out.summary = run_batch(rb, *reader, o, sink);
  return out;
}

TEST(BatchCsv, QuotedCellsHoldCommasQuotesAndLineBreaks) {
  const auto recs = read_csv(
      "name,population,province\n\"Ametlla del Vallès, l'\",9283,Barcelona\n"
      "\"Say \"\"hi\"\"\",10,girona\n\"Two\nlines\",20,lleida\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].line, 2u);
  EXPECT_EQ(recs[0].json, R"({"name":"Ametlla del Vallès, l'","population":9283,"province":"barcelona"})");
  EXPECT_EQ(recs[1].json, R"({"name":"Say \"hi\"","population":10,"province":"girona"})");
  EXPECT_EQ(recs[2].json, R"({"name":"Two\nlines","population":20,"province":"lleida"})");
  EXPECT_EQ(recs[2].line, 4u);
  EXPECT_TRUE(recs[2].converted);
}

TEST(BatchCsv, ABomCrlfAndBlankLinesAreNotData) {
  const auto recs = read_csv("\xEF\xBB\xBFname,population,province\r\nA,1,girona\r\n\r\nB,2,lleida\r\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].json, R"({"name":"A","population":1,"province":"girona"})");
  EXPECT_EQ(recs[1].line, 4u);
}

TEST(BatchCsv, BytesThatOnlyBeginLikeABomAreData) {
  std::string err;
  read_csv("\xEF", &err);
  EXPECT_EQ(err, "bad CSV header: column \"\xEF\" is not a field of the profile");
  std::istringstream in("\xEF\xBBname,population,province\nA,1,girona\n");
  auto reader = csv_reader(in, batch_rulebase(), err);
  EXPECT_FALSE(reader);
  EXPECT_EQ(err, "bad CSV header: column \"\xEF\xBBname\" is not a field of the profile");
}

TEST(BatchCsv, AStrayQuoteCostsItsRowOnly) {
  // The quote opened on line 3 is never closed: line 3 is reported (where it began), and the
  // lines after it are read again as rows, so D and E are evaluated.
  const BatchRun r =
      run_text("name,population,province\nA,100,girona\n\"B,100,girona\nD,200,lleida\nE,300,lleida\n", true, 1);
  EXPECT_EQ(r.errors,
            "in.csv:3: error: a quoted cell opened on this line is not closed before the end of the input; "
            "the lines after it are read again as rows\n");
  EXPECT_EQ(r.summary.profiles, 4u);
  EXPECT_EQ(r.summary.evaluated, 3u);
  for (const char* name : {"\"A\"", "\"D\"", "\"E\""}) EXPECT_NE(r.lines.find(name), std::string::npos) << name;
  EXPECT_NE(r.lines.find("\"line\":4,"), std::string::npos);  // D keeps its own line number
}

TEST(BatchCsv, ARecordLongerThanTheLimitIsReportedNotKept) {
  const std::string big(kMaxRecordBytes + 10, 'x');
  // One long line, and a quoted cell that runs on past the limit: each is one bad row.
  const BatchRun r = run_text("name,population,province\n" + big + ",1,girona\nA,1,girona\n\"" +
                                  std::string(kMaxRecordBytes / 2, 'y') + "\n" + std::string(kMaxRecordBytes / 2, 'y') +
                                  "\nB,2,lleida\n",
                              true, 1);
  EXPECT_EQ(
      r.errors,
      "in.csv:2: error: the line is longer than 1048576 bytes\n"
      "in.csv:4: error: a quoted cell opened on this line is not closed within 1048576 bytes; the lines after it are "
      "read again as rows\n"
      "in.csv:5: error: the row has 1 cells, the header 3\n");
  EXPECT_EQ(r.summary.evaluated, 2u);
  const BatchRun j = run_text("{\"population\": 1, \"province\": \"girona\", \"name\": \"" + big +
                                  "\"}\n{\"population\": 1, \"province\": \"girona\"}\n",
                              false, 1);
  EXPECT_EQ(j.errors, "in.jsonl:1: error: the line is longer than 1048576 bytes\n");
  EXPECT_EQ(j.summary.evaluated, 1u);
}

TEST(BatchCsv, AThousandsSeparatorInAWholeNumberIsRefusedNotGuessed) {
  const BatchRun r = run_text(
      "name,population,province,maturity\nA,20.000,girona,1\nB,\"1,234\",girona,1\nC,2000,girona,1\nD,20.5,girona,1\n",
      true, 1);
  EXPECT_EQ(
      r.errors,
      "in.csv:2: error: column \"population\": \"20.000\" is ambiguous in a whole-number field (20000, or a number "
      "with decimals?); write it without a thousands separator\n"
      "in.csv:3: error: column \"population\": \"1,234\" is ambiguous in a whole-number field (1234, or a number "
      "with decimals?); write it without a thousands separator\n"
      "in.csv:5: error[E602]: field \"population\" expects a whole number, not 20.5\n");
  EXPECT_EQ(r.summary.evaluated, 1u);
}

TEST(BatchCsv, EnumAndBoolCellsAreLowerCasedBeyondAscii) {
  const auto recs = read_csv("population,province,shared\n1,GIRONA,SÍ\n1,Lleida,Sí\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].json, R"({"population":1,"province":"girona","shared":true})");
  EXPECT_EQ(recs[1].json, R"({"population":1,"province":"lleida","shared":true})");
}

TEST(BatchCsv, PerAreaLevelsSetsAndBoolsHaveTheirOwnCells) {
  const auto recs = read_csv(
      "population,province,maturity.ajuntament,maturity.viure,in_place,shared\n"
      "100,girona,2,,seu; notificacions,sí\n100,girona,,,,0\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(
      recs[0].json,
      R"({"population":100,"province":"girona","maturity":{"ajuntament":2},"in_place":["seu","notificacions"],"shared":true})");
  EXPECT_EQ(recs[1].json, R"({"population":100,"province":"girona","shared":false})");
}

TEST(BatchCsv, ABadHeaderStopsBeforeAnyRow) {
  std::string err;
  read_csv("", &err);
  EXPECT_EQ(err, "the CSV input is empty: it needs a header line naming the profile fields");
  read_csv("name,populaton,province\n", &err);
  EXPECT_EQ(err, "bad CSV header: column \"populaton\" is not a field of the profile");
  read_csv("population,population,province,maturity.mars,name.x\n", &err);
  EXPECT_EQ(err,
            "bad CSV header: column \"population\" is given twice; column \"maturity.mars\": \"mars\" is not an area; "
            "column \"name.x\": only a level[area] field takes one column per area");
}

TEST(BatchCsv, MalformedRowsAreReportedAndTheOthersStillProcessed) {
  const BatchRun r =
      run_text("name,population,province\nA,100,girona\nB,100\nC,abc,lleida\nD,100,mars\n\"E,100,girona\n", true, 2);
  EXPECT_EQ(r.errors,
            "in.csv:3: error: the row has 2 cells, the header 3\n"
            "in.csv:4: error[E602]: field \"population\" expects a whole number, not \"abc\"\n"
            "in.csv:5: error[E605]: field \"province\" expects one of \"barcelona\", \"girona\", \"lleida\", "
            "\"tarragona\", not \"mars\"\n"
            "in.csv:6: error: a quoted cell opened on this line is not closed before the end of the input\n");
  EXPECT_EQ(r.summary.profiles, 5u);
  EXPECT_EQ(r.summary.evaluated, 1u);
  EXPECT_EQ(r.summary.failed, 4u);
  EXPECT_NE(r.lines.find("\"name\":\"A\""), std::string::npos);
  EXPECT_EQ(std::count(r.lines.begin(), r.lines.end(), '\n'), 1);
}

TEST(BatchJsonl, BadLinesNameTheirLineAndColumn) {
  const BatchRun r = run_text(
      "{\"population\":100,\"province\":\"girona\"}\n\n{\"population\":\"x\",\"province\":\"girona\"}\n"
      "{\"population\":100\n\xEF\xBB\xBF{}\n",
      false, 1);
  EXPECT_EQ(r.errors.substr(0, r.errors.find('\n')),
            "in.jsonl:3:15: error[E602]: field \"population\" expects a whole number, not \"x\"");
  EXPECT_NE(r.errors.find("in.jsonl:4:"), std::string::npos);
  EXPECT_NE(r.errors.find("in.jsonl:5:"), std::string::npos) << "a BOM is only skipped on the first line";
  EXPECT_EQ(r.summary.failed, 3u);
  EXPECT_EQ(r.summary.evaluated, 1u);
}

// Found by fuzz/profile_fuzzer (fuzz/batch_corpus/regress_number_overflow.jsonl): a line that
// is not JSON but holds a number beyond a double threw out of a worker thread and ended the
// process. It is a bad record like any other.
TEST(BatchJsonl, ABrokenLineWithAHugeNumberIsABadRecord) {
  const std::string input =
      "{\"population\": 5, \"province\": \"lleida\"}\n[1e999\n{\"population\": 6, \"province\": \"girona\"}\n";
  for (unsigned jobs : {1u, 3u}) {
    const BatchRun r = run_text(input, false, jobs);
    EXPECT_EQ(r.errors,
              "in.jsonl:2:7: error[E600]: the profile is not valid JSON: syntax error - unexpected end of input\n");
    EXPECT_EQ(r.summary.profiles, 3u);
    EXPECT_EQ(r.summary.evaluated, 2u);
  }
}

TEST(BatchJsonl, TheLineCarriesDigestsAndTheRoadmap) {
  const BatchRun r = run_text("{\"name\":\"Gósol\",\"population\":228,\"province\":\"lleida\"}\n", false, 1);
  ASSERT_TRUE(r.errors.empty()) << r.errors;
  const auto j = nlohmann::json::parse(r.lines);
  EXPECT_EQ(j["line"], 1);
  EXPECT_EQ(j["name"], "Gósol");
  EXPECT_EQ(j["province"], "lleida");
  EXPECT_EQ(j["rulebase"], batch_rulebase().digest());
  EXPECT_EQ(j["profile"].get<std::string>().size(), 64u);
  ASSERT_EQ(j["phases"].size(), 2u);
  ASSERT_EQ(j["phases"][0]["elements"].size(), 2u);
  EXPECT_EQ(j["phases"][0]["elements"][0]["id"], "seu");
  EXPECT_EQ(j["phases"][0]["elements"][0]["status"], "needed");
  // A duty goes no later than the last limited phase, beyond its size if it must.
  EXPECT_EQ(j["phases"][0]["elements"][1]["id"], "notificacions");
  EXPECT_EQ(j["phases"][0]["elements"][1]["status"], "required");
  EXPECT_EQ(j["phases"][0]["limits"]["size"]["used"], "2");
  EXPECT_TRUE(j["phases"][1]["elements"].empty());
}

std::string many_profiles(int n) {
  std::string s = "name,population,province,maturity\n";
  const char* provinces[] = {"barcelona", "girona", "lleida", "tarragona"};
  for (int i = 0; i < n; ++i)
    s += "M" + std::to_string(i) + "," + std::to_string((i * 7919) % 120000 + 1) + "," + provinces[i % 4] + "," +
         std::to_string(i % 6) + "\n";
  return s;
}

TEST(BatchRuns, OneOrManyThreadsAndAnyWaveGiveTheSameBytes) {
  const std::string input = many_profiles(300);
  const BatchRun one = run_text(input, true, 1, 256);
  for (unsigned jobs : {2u, 4u, 7u})
    for (std::size_t wave : {1u, 5u, 256u}) {
      const BatchRun many = run_text(input, true, jobs, wave);
      EXPECT_EQ(one.lines, many.lines) << jobs << " jobs, wave " << wave;
      EXPECT_EQ(render_batch_summary_json(batch_rulebase(), one.summary),
                render_batch_summary_json(batch_rulebase(), many.summary));
    }
}

// A quarter of the 947 municipalities (every fourth: each size and province), with what their
// town halls decided, on the shipped rules: the full lines (roadmaps, reasons, notes,
// explanations) and the summary are the same bytes with 1 or 3 jobs.
TEST(BatchRuns, TheTownHallsDecisionsGiveTheSameBytesWithAnyNumberOfJobs) {
  const Rulebase& rb = testing_helpers::shipped_rulebase();
  const ir::Program& p = rb.program();
  std::ifstream csv(PUZLE_SOURCE_DIR "/examples/municipis_catalunya.csv", std::ios::binary);
  std::string err, jsonl;
  auto reader = csv_reader(csv, rb, err);
  ASSERT_TRUE(reader) << err;
  const auto n = p.elements.size();
  const auto id = [&](std::size_t k) { return "\"" + p.element_node(static_cast<ir::ElementId>(k % n)).id + "\""; };
  std::size_t i = 0;
  for (BatchRecord rec; reader->next(rec); ++i) {
    if (i % 4 != 0) continue;
    nlohmann::json j = nlohmann::json::parse(rec.json);
    j["maturity"] = i % 6;
    j["it_staff"] = i % 3;
    j["budget_eur"] = i % 7 * 10000;
    j["objectives"] = nlohmann::json::parse("[" + id(i * 7) + "," + id(i * 11 + 3) + "]");
    j["in_progress"] = nlohmann::json::parse("[" + id(i * 13 + 1) + "]");
    j["refused"] = nlohmann::json::parse("[" + id(i * 5 + 2) + "," + id(i * 17 + 4) + "]");
    j["needs"] = nlohmann::json::parse("[" + id(i * 5 + 2) + "," + id(i * 3) + "]");
    jsonl += j.dump() + "\n";
  }
  ASSERT_EQ(i, 947u);
  const auto run = [&](unsigned jobs, BatchOptions::Explain explain = BatchOptions::Explain::Full) {
    std::istringstream in(jsonl);
    auto lines = jsonl_reader(in);
    BatchOptions o;
    o.input_name = "decisions.jsonl";
    o.jobs = jobs;
    o.explain = explain;
    if (explain == BatchOptions::Explain::Compact)  // an element in 9: many rules recorded whole
      for (ir::ElementId e = 0; e < n; e += 9) o.why_not.push_back(e);
    o.date = *Date::parse("2026-06-01");
    std::string out, errors;
    BatchSink sink;
    sink.line = [&](const std::string& l) { out += l; };
    sink.error = [&](std::uint64_t, const std::string& m) { errors += m + "\n"; };
    const BatchSummary summary = run_batch(rb, *lines, o, sink);
    EXPECT_EQ(errors, "");
    return out + render_batch_summary_json(rb, summary);
  };
  const std::string one = run(1);
  EXPECT_EQ(run(3), one);
  const std::string compact = run(1, BatchOptions::Explain::Compact);
  EXPECT_EQ(run(3, BatchOptions::Explain::Compact), compact);
  EXPECT_NE(compact.find("\"not_fired\":[{\"rule\""), std::string::npos);
  EXPECT_NE(one.find("\"kind\":\"objective\""), std::string::npos);
  EXPECT_NE(one.find("\"kind\":\"refused_duty\""), std::string::npos);
}

TEST(BatchRuns, TheSummaryCountsEveryStatusOfEveryElement) {
  // app is suggested to a big town with some maturity, unless the town hall refused it.
  const BatchRun r = run_text(
      "{\"population\":60000,\"province\":\"girona\",\"maturity\":3}\n"
      "{\"population\":60000,\"province\":\"girona\",\"maturity\":3,\"refused\":[\"app\",\"notificacions\"]}\n",
      false, 1);
  ASSERT_TRUE(r.errors.empty()) << r.errors;
  const auto s = nlohmann::json::parse(render_batch_summary_json(batch_rulebase(), r.summary));
  std::map<std::string, nlohmann::json> status;
  for (const auto& e : s["elements"]) status[e["id"]] = e["status"];
  EXPECT_EQ(status["app"]["suggested"], 1);
  EXPECT_EQ(status["app"]["refused"], 1);
  EXPECT_EQ(status["notificacions"]["required"], 2);  // a duty cannot be refused away
  for (const auto& [id, counts] : status) {
    int total = 0;
    for (const auto& [name, n] : counts.items()) total += n.get<int>();
    EXPECT_EQ(total, 2) << id;
  }
}

TEST(BatchRuns, TheSummaryCountsWhatTheLinesSay) {
  const BatchRun r = run_text(many_profiles(200), true, 3);
  const auto s = nlohmann::json::parse(render_batch_summary_json(batch_rulebase(), r.summary));
  EXPECT_EQ(s["profiles"], 200);
  EXPECT_EQ(s["evaluated"], 200);
  // Groups: all, one per province, one per segment.
  std::map<std::string, int> size;
  for (const auto& g : s["groups"]) size[g["id"]] = g["municipalities"];
  EXPECT_EQ(size["all"], 200);
  EXPECT_EQ(size["province=barcelona"] + size["province=girona"] + size["province=lleida"] + size["province=tarragona"],
            200);
  int petit = 0, gran = 0, app_curt = 0, app_any = 0, seu_e = 0;
  std::istringstream lines(r.lines);
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    const int pop = std::stoi(j["population"].get<std::string>());
    petit += pop <= 5000;
    gran += pop > 50000;
    seu_e += pop < 20000;
    for (std::size_t ph = 0; ph < j["phases"].size(); ++ph)
      for (const auto& e : j["phases"][ph]["elements"])
        if (e["id"] == "app") ++app_any, app_curt += ph == 0;
  }
  EXPECT_EQ(size["segment=petit"], petit);
  EXPECT_EQ(size["segment=gran"], gran);
  nlohmann::json app;
  for (const auto& e : s["elements"])
    if (e["id"] == "app") app = e;
  EXPECT_EQ(app["placed"]["all"][0].get<int>() + app["placed"]["all"][1].get<int>(), app_any);
  EXPECT_EQ(app["placed"]["all"][0], app_curt);
  EXPECT_GT(app_any, 0);
  EXPECT_EQ(app["placed"]["segment=petit"][1], 0) << "no small town gets the app";
  for (const auto& so : s["solutions"]) {
    if (so["id"] == "aoc.enotum") {
      EXPECT_EQ(so["municipalities"], 200);
    }
    if (so["id"] == "aoc.seu_e") {
      EXPECT_EQ(so["municipalities"], seu_e);
    }
  }
  for (const auto& ru : s["rules"])
    if (ru["id"] == "notificacions_obligatories") {
      EXPECT_EQ(ru["fired"], 200);
    }
}

// A rulebase without a roadmap: every candidate is unscheduled, and the line still gives each
// one's status and score, in rank order.
TEST(BatchLine, WithoutARoadmapTheCandidatesKeepTheirStatusAndScore) {
  const Rulebase rb = make_rulebase({{"r.pzl",
                                      "profile {\n  population: int\n}\n"
                                      "area a \"A\" {\n  domain d \"D\" {\n    block b \"B\" {\n"
                                      "      element x \"X\"\n      element y \"Y\"\n    }\n  }\n}\n"
                                      "rule r\n  suggest x weight 10\n  require y\n"}});
  const BatchRun run = run_text("{\"population\": 10}\n", false, 1, 256, rb);
  EXPECT_EQ(run.errors, "");
  const auto j = nlohmann::json::parse(run.lines);
  EXPECT_EQ(j["phases"], nlohmann::json::array());
  EXPECT_EQ(j["unscheduled"], nlohmann::json::parse(R"([{"id": "y", "status": "required", "score": "0"},)"
                                                    R"( {"id": "x", "status": "suggested", "score": "10"}])"));
}

}  // namespace
}  // namespace puzle::batch_test
