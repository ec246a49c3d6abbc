// apps layer: the auditor's commands on a decision log (docs/server.md): `puzle log verify LOG`
// checks the hash chain; `puzle replay LOG [--seq N]` computes entries again from the rulebases
// kept beside the log and checks the bytes.
#include <fstream>
#include <iostream>
#include <map>

#include "commands.hpp"
#include "files.hpp"
#include "puzle/archive.hpp"
#include "puzle/decision_log.hpp"

namespace puzle::cli {

Runner add_log(CLI::App& app) {
  auto* cmd = app.add_subcommand("log", "The decision log of puzle serve");
  cmd->require_subcommand(1);
  auto* verify = cmd->add_subcommand("verify", "Check the log's hash chain: no entry removed, edited or inserted");
  auto path = std::make_shared<std::string>();
  verify->add_option("LOG", *path, "The decision log (puzle serve --log)")->required();
  return [path] {
    const log::ChainCheck c = log::verify_chain(*path);
    if (!c.problem.empty()) {
      std::cerr << "puzle: " << *path << ": " << c.problem << "\n";
      return exit_code::kInput;
    }
    std::cout << *path << ": " << c.entries << " entries, the chain holds; head " << c.head << "\n";
    if (!c.note.empty()) std::cout << *path << ": " << c.note << "\n";
    return exit_code::kOk;
  };
}

Runner add_replay(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "replay", "Compute logged decisions again from their kept rulebases and check they are the same bytes");
  struct Options {
    std::string path;
    std::uint64_t seq = 0;
    std::vector<std::string> unmask;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("LOG", o->path, "The decision log (puzle serve --log)")->required();
  cmd->add_option("--seq", o->seq, "Only this entry (its number in the log)");
  cmd->add_option("--unmask", o->unmask,
                  "FIELD=VALUE: a masked field's value as it was sent (JSON text, e.g. budget_eur=5000); repeat");
  return [o] {
    std::map<std::string, std::string> unmask;
    for (const auto& u : o->unmask) {
      const auto eq = u.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "puzle: --unmask '" << u << "': write FIELD=VALUE\n";
        return exit_code::kUsage;
      }
      unmask[u.substr(0, eq)] = u.substr(eq + 1);
    }
    std::ifstream in(o->path, std::ios::binary);
    if (!in) {
      std::cerr << "puzle: cannot read '" << o->path << "'\n";
      return exit_code::kUsage;
    }
    const auto archive = store::RulebaseArchive::beside(o->path);
    std::uint64_t n = 0, same = 0, differ = 0, failed = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (o->seq != 0 && n != o->seq) continue;
      std::string error;
      const auto e = log::parse_entry(line, error);
      if (!e) {
        std::cerr << o->path << ":" << n << ": " << error << "\n";
        ++failed;
        continue;
      }
      const log::Replayed r = log::replay(archive, *e, unmask);
      if (!r.problem.empty()) {
        std::cout << "entry " << e->seq << " (" << e->id << "): cannot be replayed: " << r.problem << "\n";
        ++failed;
      } else if (r.same && r.explain_same) {
        std::cout << "entry " << e->seq << " (" << e->id << "): the same bytes (" << e->result_digest.substr(0, 12)
                  << "…)\n";
        ++same;
      } else {
        std::cout << "entry " << e->seq << " (" << e->id << "): DIFFERS: "
                  << (r.same ? "the compact explanation"
                             : "logged " + e->result_digest.substr(0, 12) + "…, now " + r.result_digest.substr(0, 12) +
                                   "…")
                  << " (logged by puzle " << e->engine << ")\n";
        ++differ;
      }
    }
    if (o->seq != 0 && o->seq > n) {
      std::cerr << "puzle: " << o->path << " has no entry " << o->seq << " (" << n << " entries)\n";
      return exit_code::kInput;
    }
    std::cout << same << " the same, " << differ << " different, " << failed << " not replayed\n";
    return differ + failed == 0 ? exit_code::kOk : exit_code::kInput;
  };
}

}  // namespace puzle::cli
