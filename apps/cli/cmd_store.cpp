// apps layer: the town halls' memory from the command line (docs/store.md): `puzle db init`,
// `puzle town list|show|history`, `puzle visit add|show|verify`. Every command opens the store,
// does one thing (a write in one transaction), and says what went wrong in words.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "files.hpp"
#include "io/bounded_read.hpp"
#include "loading.hpp"
#include "puzle/archive.hpp"
#include "puzle/batch.hpp"
#include "puzle/decision.hpp"
#include "puzle/history.hpp"
#include "puzle/profile.hpp"
#include "puzle/store.hpp"
#include "puzle/store_json.hpp"

namespace puzle::cli {
namespace {

using store::Store;
using store::StoreError;
using J = nlohmann::ordered_json;

int exit_for(const StoreError& e) {
  std::cerr << "puzle: " << e.what() << "\n";
  switch (e.kind()) {
    case StoreError::Kind::NotFound:
    case StoreError::Kind::Invalid: return exit_code::kInput;
    case StoreError::Kind::Io: return exit_code::kIo;
    default: return exit_code::kUsage;  // busy, damaged or newer: nothing the input can fix
  }
}

void add_db_option(CLI::App& cmd, std::string& db) {
  cmd.add_option("--db", db, "The database file (default: puzle.db)");
}

// The municipalities of a CSV in the batch's format (examples/municipis_catalunya.csv): each row
// read as a profile of the rulebase, its code from the schema's key field.
int read_municipalities(const Rulebase& rb, const std::string& path, std::vector<store::Municipality>& out) {
  const ir::Program& p = rb.program();
  if (p.key_field == ir::kNone) {
    std::cerr << "puzle: the rulebase's profile marks no key field: the municipalities need a code\n";
    return exit_code::kInput;
  }
  std::string text;
  if (const io::ReadResult r = io::read_file(path, std::size_t{64} << 20, true, text); !r) {
    std::cerr << "puzle: cannot read '" << path << "': " << r.reason << "\n";
    return exit_code::kUsage;
  }
  std::istringstream in(text);
  std::string header_error;
  auto reader = csv_reader(in, rb, header_error);
  if (!reader) {
    std::cerr << path << ": " << header_error << "\n";
    return exit_code::kInput;
  }
  int failed = 0;
  for (BatchRecord rec; reader->next(rec);) {
    const auto load = load_profile(rb, path + ":" + std::to_string(rec.line), rec.json);
    if (!load.profile || !rec.problem.empty()) {
      std::cerr << path << ":" << rec.line << ": not a valid municipality"
                << (rec.problem.empty() ? "" : ": " + rec.problem) << "\n";
      failed = exit_code::kInput;
      continue;
    }
    const J j = J::parse(rec.json);
    auto text_of = [&](const char* f) { return j.contains(f) && j[f].is_string() ? j[f].get<std::string>() : ""; };
    store::Municipality m{text_of(p.fields[p.key_field].name.c_str()), text_of("name"), text_of("comarca"),
                          text_of("province"), j.value("population", std::int64_t{0})};
    if (m.code.empty()) {
      std::cerr << path << ":" << rec.line << ": no " << p.fields[p.key_field].name << "\n";
      failed = exit_code::kInput;
      continue;
    }
    out.push_back(std::move(m));
  }
  return failed;
}

struct VisitOptions {
  enum class Sub : std::uint8_t { Add, Show, Verify };
  std::string db = "puzle.db", format = "text", code, profile, agent, notes;
  std::optional<Date> date;
  std::vector<std::string> rules{"rules"};
  std::int64_t id = 0;
  Sub sub = Sub::Show;
  bool raw_profile = false, raw_result = false;  // visit show: the stored bytes alone
};

store::Visit visit_or_fail(const Store& s, std::int64_t id) {
  auto v = s.visit(id);
  if (!v) throw StoreError(StoreError::Kind::NotFound, "no visit #" + std::to_string(id));
  return std::move(*v);
}

int show_visit(const VisitOptions& o) {
  const Store s = Store::open(o.db, false);
  const store::Visit v = visit_or_fail(s, o.id);
  const auto decisions = s.decisions_of(v.id);
  // The bytes as stored, for an auditor to run any puzle command on them.
  if (o.raw_profile) {
    std::cout << v.profile;
    return exit_code::kOk;
  }
  if (o.raw_result) {
    if (decisions.empty())
      throw StoreError(StoreError::Kind::NotFound, "visit #" + std::to_string(v.id) + " has no decision");
    std::cout << decisions.back().result;
    return exit_code::kOk;
  }
  if (o.format == "json") {
    std::cout << store::render_visit_json(v, decisions);
    return exit_code::kOk;
  }
  std::cout << "visit #" << v.id << " to " << v.municipality << " on " << v.date << " by " << v.agent << "\nprofile "
            << v.profile_digest.substr(0, 12) << "…  rulebase " << v.rulebase_digest.substr(0, 12) << "…\n";
  for (const auto& d : decisions)
    std::cout << "decision #" << d.id << ": puzle " << d.engine_version << ", rulebase "
              << d.rulebase_digest.substr(0, 12) << "…, on " << d.date << ", result " << d.result_digest.substr(0, 12)
              << "…\n";
  std::cout << (v.notes.empty() ? "" : v.notes + "\n") << v.profile << "\n";
  return exit_code::kOk;
}

// The auditor's check: every decision of the visit computed again from its kept rulebase.
int verify_visit(const VisitOptions& o) {
  const Store s = Store::open(o.db, false);
  const store::Visit v = visit_or_fail(s, o.id);
  const auto archive = store::RulebaseArchive::beside(o.db);
  const auto decisions = s.decisions_of(v.id);
  bool all_same = !decisions.empty();
  std::vector<store::Verified> verified;
  for (const auto& d : decisions) {
    const store::Recomputed r = store::recompute(archive, v, d);
    all_same = all_same && r.same;
    if (o.format == "json") {
      verified.push_back({d, r.same, r.again.result_digest, r.again.engine_version});
    } else {
      std::cout << "decision #" << d.id << ": "
                << (r.same
                        ? "the same bytes (" + d.result_digest.substr(0, 12) + "…)"
                        : "DIFFERS: stored " + d.result_digest.substr(0, 12) + "… by puzle " + d.engine_version +
                              ", now " + r.again.result_digest.substr(0, 12) + "… by puzle " + r.again.engine_version)
                << "\n";
    }
  }
  if (o.format == "json") std::cout << store::render_verified_json(v.id, verified);
  if (decisions.empty()) std::cerr << "puzle: visit #" << v.id << " has no decision to verify\n";
  return all_same ? exit_code::kOk : exit_code::kInput;
}

int add_one_visit(const VisitOptions& o) {
  int code = 0;
  const auto rb = load_rules(o.rules, code);
  if (!rb) return code;
  std::string text;
  if (!note_input(o.profile, "the profile")) return exit_code::kUsage;
  if (const io::ReadResult r = io::read_file(o.profile, std::size_t{1} << 20, true, text); !r) {
    std::cerr << "puzle: cannot read '" << o.profile << "': " << r.reason << "\n";
    return exit_code::kUsage;
  }
  // Validated against the rulebase of the day, so that what is stored can be evaluated.
  const auto load = load_profile(*rb, o.profile, text);
  if (!load.profile) {
    print_diagnostics(load.diagnostics, *load.sources, "text");
    return exit_code::kInput;
  }
  Store s = Store::open(o.db, false);
  store::Visit v;
  v.municipality = o.code;
  v.date = o.date.value_or(today_utc()).to_string();
  v.agent = o.agent;
  v.notes = o.notes;
  v.profile = text;
  const std::int64_t id = store::record_visit(s, store::RulebaseArchive::beside(o.db), *rb, *load.profile, v);
  if (o.format == "json") {
    const auto decisions = s.decisions_of(id);
    std::cout << store::render_recorded_json(id, decisions.at(0));
  } else {
    std::cout << "visit #" << id << " recorded, with its decision\n";
  }
  return exit_code::kOk;
}

}  // namespace

Runner add_db(CLI::App& app) {
  auto* cmd = app.add_subcommand("db", "The town halls' memory: the database file");
  cmd->require_subcommand(1);
  auto* init = cmd->add_subcommand("init", "Create the database (if needed) and add the municipalities not yet in it");
  struct Options {
    std::string db = "puzle.db", from = "examples/municipis_catalunya.csv";
    std::vector<std::string> rules{"rules"};
  };
  auto o = std::make_shared<Options>();
  add_db_option(*init, o->db);
  add_rules_option(*init, o->rules);
  init->add_option("--from", o->from, "The municipalities, a CSV as puzle batch reads it (default: the 947)");
  return [o] {
    int code = 0;
    const auto rb = load_rules(o->rules, code);
    if (!rb) return code;
    std::vector<store::Municipality> ms;
    if (const int failed = read_municipalities(*rb, o->from, ms)) return failed;
    try {
      Store s = Store::open(o->db, true);
      const std::size_t added = s.add_municipalities(ms);
      std::cout << o->db << ": " << added << " municipalities added, " << s.municipalities().size()
                << " in all (schema " << s.schema_version() << ")\n";
    } catch (const StoreError& e) {
      return exit_for(e);
    }
    return exit_code::kOk;
  };
}

Runner add_town(CLI::App& app) {
  auto* cmd = app.add_subcommand("town", "The municipalities of the database and their visits");
  cmd->require_subcommand(1);
  struct Options {
    std::string db = "puzle.db", format = "text", code;
    bool list = false, history = false;
    std::vector<std::int64_t> between;
  };
  auto o = std::make_shared<Options>();
  auto* list = cmd->add_subcommand("list", "Every municipality, by code");
  auto* show = cmd->add_subcommand("show", "One municipality and its visits");
  auto* history = cmd->add_subcommand(
      "history",
      "Its progress over the visits, and what changed each recommendation: the town hall, rules or calendar");
  for (auto* sub : {list, show, history}) {
    add_db_option(*sub, o->db);
    add_format_option(*sub, o->format, "text or json");
  }
  show->add_option("CODE", o->code, "The municipality's code (INE)")->required();
  history->add_option("CODE", o->code, "The municipality's code (INE)")->required();
  history->add_option("--between", o->between, "Compare these two visits only (their numbers), not each with the next")
      ->expected(2);
  list->callback([o] { o->list = true; });
  history->callback([o] { o->history = true; });
  return [o] {
    try {
      const Store s = Store::open(o->db, false);
      if (o->history) {
        std::optional<std::pair<std::int64_t, std::int64_t>> between;
        if (o->between.size() == 2) between = std::make_pair(o->between[0], o->between[1]);
        const store::History h = store::town_history(s, store::RulebaseArchive::beside(o->db), o->code, between);
        std::cout << (o->format == "json" ? store::render_history_json(h) : store::render_history_text(h));
        return exit_code::kOk;
      }
      if (o->list) {
        const auto ms = s.municipalities();
        if (o->format == "json") {
          std::cout << store::render_municipalities_json(ms);
          return exit_code::kOk;
        }
        for (const auto& m : ms)
          std::cout << m.code << "  " << m.name << " (" << m.comarca << ", " << m.province << ", " << m.population
                    << " inhabitants)\n";
        return exit_code::kOk;
      }
      const auto m = s.municipality(o->code);
      if (!m) throw StoreError(StoreError::Kind::NotFound, "no municipality with the code '" + o->code + "'");
      const auto visits = s.visits_of(o->code);
      if (o->format == "json") {
        std::cout << store::render_town_json(*m, visits);
      } else {
        std::cout << m->code << "  " << m->name << " (" << m->comarca << ", " << m->province << ", " << m->population
                  << " inhabitants)\n"
                  << visits.size() << " visit(s)\n";
        for (const auto& v : visits)
          std::cout << "  #" << v.id << "  " << v.date << "  " << v.agent << (v.notes.empty() ? "" : "  " + v.notes)
                    << "\n";
      }
    } catch (const StoreError& e) {
      return exit_for(e);
    }
    return exit_code::kOk;
  };
}

Runner add_visit(CLI::App& app) {
  auto* cmd = app.add_subcommand("visit", "Record a visit to a town hall, show one, or check its decision");
  cmd->require_subcommand(1);
  using Sub = VisitOptions::Sub;
  auto o = std::make_shared<VisitOptions>();
  auto* add = cmd->add_subcommand(
      "add", "Record a visit: the profile as the agent recorded it, and the decision computed from it (append-only)");
  auto* show = cmd->add_subcommand("show", "One visit, with its profile and its decisions");
  auto* verify = cmd->add_subcommand(
      "verify", "Compute a visit's decisions again from their kept rulebases: the same bytes, or exit 1");
  for (auto* sub : {add, show, verify}) {
    add_db_option(*sub, o->db);
    add_format_option(*sub, o->format, "text or json");
  }
  add->add_option("CODE", o->code, "The municipality's code (INE)")->required();
  add->add_option("PROFILE", o->profile, "The profile recorded at the visit (JSON)")->required();
  add->add_option("--agent", o->agent, "Who made the visit");
  add->add_option("--notes", o->notes, "What the agent noted");
  add_date_option(*add, o->date, "today, UTC");
  add_rules_option(*add, o->rules);
  show->add_option("ID", o->id, "The visit's number")->required();
  auto* raw_profile = show->add_flag("--profile", o->raw_profile,
                                     "Only the profile, byte for byte as recorded (its digest is the visit's)");
  show->add_flag("--result", o->raw_result, "Only the latest decision's result, byte for byte as stored")
      ->excludes(raw_profile);
  verify->add_option("ID", o->id, "The visit's number")->required();
  add->callback([o] { o->sub = Sub::Add; });
  verify->callback([o] { o->sub = Sub::Verify; });
  return [o] {
    try {
      switch (o->sub) {
        case Sub::Show: return show_visit(*o);
        case Sub::Verify: return verify_visit(*o);
        case Sub::Add: return add_one_visit(*o);
      }
    } catch (const StoreError& e) {
      return exit_for(e);
    }
    return exit_code::kInternal;
  };
}

}  // namespace puzle::cli
