// apps layer: the town halls' memory from the command line (docs/store.md): `puzle db init`,
// `puzle town list|show`, `puzle visit add|show`. Every command opens the store, does one
// thing in one transaction, and says what went wrong in words.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "files.hpp"
#include "io/bounded_read.hpp"
#include "loading.hpp"
#include "puzle/batch.hpp"
#include "puzle/profile.hpp"
#include "puzle/store.hpp"

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

J municipality_json(const store::Municipality& m) {
  return J{{"code", m.code},
           {"name", m.name},
           {"comarca", m.comarca},
           {"province", m.province},
           {"population", m.population}};
}

J visit_json(const store::Visit& v, bool with_profile) {
  J j{{"id", v.id},
      {"municipality", v.municipality},
      {"date", v.date},
      {"agent", v.agent},
      {"notes", v.notes},
      {"profile_digest", v.profile_digest},
      {"rulebase_digest", v.rulebase_digest}};
  if (with_profile) j["profile"] = J::parse(v.profile);
  return j;
}

std::string dumped(const J& j) { return j.dump(2, ' ', false, J::error_handler_t::replace) + "\n"; }

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
    bool list = false;
  };
  auto o = std::make_shared<Options>();
  auto* list = cmd->add_subcommand("list", "Every municipality, by code");
  auto* show = cmd->add_subcommand("show", "One municipality and its visits");
  for (auto* sub : {list, show}) {
    add_db_option(*sub, o->db);
    add_format_option(*sub, o->format, "text or json");
  }
  show->add_option("CODE", o->code, "The municipality's code (INE)")->required();
  list->callback([o] { o->list = true; });
  return [o] {
    try {
      const Store s = Store::open(o->db, false);
      if (o->list) {
        J out = J::array();
        for (const auto& m : s.municipalities()) {
          if (o->format == "json")
            out.push_back(municipality_json(m));
          else
            std::cout << m.code << "  " << m.name << " (" << m.comarca << ", " << m.province << ", " << m.population
                      << " inhabitants)\n";
        }
        if (o->format == "json") std::cout << dumped(out);
        return exit_code::kOk;
      }
      const auto m = s.municipality(o->code);
      if (!m) throw StoreError(StoreError::Kind::NotFound, "no municipality with the code '" + o->code + "'");
      const auto visits = s.visits_of(o->code);
      if (o->format == "json") {
        J j = municipality_json(*m);
        j["visits"] = J::array();
        for (const auto& v : visits) j["visits"].push_back(visit_json(v, false));
        std::cout << dumped(j);
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
  auto* cmd = app.add_subcommand("visit", "Record a visit to a town hall, or show one");
  cmd->require_subcommand(1);
  struct Options {
    std::string db = "puzle.db", format = "text", code, profile, agent, notes;
    std::optional<Date> date;
    std::vector<std::string> rules{"rules"};
    std::int64_t id = 0;
    bool add = false;
  };
  auto o = std::make_shared<Options>();
  auto* add = cmd->add_subcommand("add", "Record a visit: the profile as the agent recorded it (append-only)");
  auto* show = cmd->add_subcommand("show", "One visit, with its profile");
  for (auto* sub : {add, show}) {
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
  add->callback([o] { o->add = true; });
  return [o] {
    try {
      if (!o->add) {
        const Store s = Store::open(o->db, false);
        const auto v = s.visit(o->id);
        if (!v) throw StoreError(StoreError::Kind::NotFound, "no visit #" + std::to_string(o->id));
        if (o->format == "json")
          std::cout << dumped(visit_json(*v, true));
        else
          std::cout << "visit #" << v->id << " to " << v->municipality << " on " << v->date << " by " << v->agent
                    << "\nprofile " << v->profile_digest.substr(0, 12) << "…  rulebase "
                    << v->rulebase_digest.substr(0, 12) << "…\n"
                    << (v->notes.empty() ? "" : v->notes + "\n") << v->profile << "\n";
        return exit_code::kOk;
      }
      int code = 0;
      const auto rb = load_rules(o->rules, code);
      if (!rb) return code;
      std::string text;
      if (!note_input(o->profile, "the profile")) return exit_code::kUsage;
      if (const io::ReadResult r = io::read_file(o->profile, std::size_t{1} << 20, true, text); !r) {
        std::cerr << "puzle: cannot read '" << o->profile << "': " << r.reason << "\n";
        return exit_code::kUsage;
      }
      // Validated against the rulebase of the day, so that what is stored can be evaluated.
      const auto load = load_profile(*rb, o->profile, text);
      if (!load.profile) {
        print_diagnostics(load.diagnostics, *load.sources, "text");
        return exit_code::kInput;
      }
      // The profile names its municipality by the key field: it must be the one visited.
      const ir::Program& p = rb->program();
      if (p.key_field != ir::kNone) {
        const ir::Value& key = load.profile->values[p.key_field];
        if (key.kind == ir::TypeKind::Text && !key.text.empty() && key.text != o->code) {
          std::cerr << "puzle: " << o->profile << ": " << p.fields[p.key_field].name << " is \"" << key.text
                    << "\", not the municipality visited (" << o->code << ")\n";
          return exit_code::kInput;
        }
      }
      Store s = Store::open(o->db, false);
      store::Visit v;
      v.municipality = o->code;
      v.date = o->date.value_or(today_utc()).to_string();
      v.agent = o->agent;
      v.notes = o->notes;
      v.profile = text;
      v.profile_digest = load.profile->digest;
      v.rulebase_digest = rb->digest();
      const std::int64_t id = s.add_visit(v);
      if (o->format == "json")
        std::cout << dumped(J{{"id", id}});
      else
        std::cout << "visit #" << id << " recorded\n";
    } catch (const StoreError& e) {
      return exit_for(e);
    }
    return exit_code::kOk;
  };
}

}  // namespace puzle::cli
