// apps layer: `puzle serve`: the decision service over HTTP (docs/server.md). The options are
// checked here; the routes are apps/server, the answers puzle::service.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "http_server.hpp"
#include "io/bounded_read.hpp"
#include "loading.hpp"
#include "puzle/service.hpp"

namespace puzle::cli {

Runner add_serve(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "The decision service: evaluations, the town halls' memory, over HTTP");
  struct Options {
    service::Config config;
    std::string listen = "127.0.0.1:8080", token_file;
    unsigned threads = 4;
    std::size_t max_body = std::size_t{1} << 20, max_in_flight = 64;
    int timeout = 10;
  };
  auto o = std::make_shared<Options>();
  add_rules_option(*cmd, o->config.rules);
  cmd->add_option("--db", o->config.db, "The town halls' memory (puzle db init); none: no towns, visits or history");
  cmd->add_option("--log", o->config.log,
                  "The decision log: every answer appended (hash-chained, synced before it is sent); its rulebases "
                  "kept beside it");
  cmd->add_option("--mask", o->config.mask,
                  "Profile fields the decision log keeps only as salted digests (repeat, or separate by commas)")
      ->delimiter(',');
  cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free one)");
  cmd->add_option("--threads", o->threads, "Requests served at once (1 to 64, default 4)")->check(CLI::Range(1u, 64u));
  cmd->add_option("--token-file", o->token_file,
                  "A file holding the bearer token that writes (and, off loopback, reads) need; or PUZLE_TOKEN");
  cmd->add_option("--keep", o->config.keep, "Rulebases held for requests that pin one (default 4)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{64}));
  cmd->add_option("--max-body", o->max_body, "Largest request body in bytes (default 1 MiB)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  cmd->add_option("--max-in-flight", o->max_in_flight, "Requests at once before answering 503 (default 64)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_option("--timeout", o->timeout, "Seconds to read a request or write an answer (default 10)")
      ->check(CLI::Range(1, 3600));
  return [o] {
    server::ServerOptions so;
    const auto colon = o->listen.rfind(':');
    int port = -1;
    if (colon != std::string::npos) {
      try {
        std::size_t used = 0;
        port = std::stoi(o->listen.substr(colon + 1), &used);
        if (used != o->listen.size() - colon - 1) port = -1;
      } catch (const std::exception&) {
        port = -1;
      }
    }
    if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535) {
      std::cerr << "puzle: --listen '" << o->listen << "': write HOST:PORT, e.g. 127.0.0.1:8080\n";
      return exit_code::kUsage;
    }
    so.host = o->listen.substr(0, colon);
    if (so.host.size() > 2 && so.host.front() == '[' && so.host.back() == ']')
      so.host = so.host.substr(1, so.host.size() - 2);
    so.port = port;
    so.threads = o->threads;
    so.max_body = o->max_body;
    so.max_in_flight = o->max_in_flight;
    so.timeout_seconds = o->timeout;
    if (!o->token_file.empty()) {
      std::string token;
      if (const io::ReadResult r = io::read_file(o->token_file, 4096, true, token); !r) {
        std::cerr << "puzle: cannot read the token file '" << o->token_file << "': " << r.reason << "\n";
        return exit_code::kUsage;
      }
      while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
      o->config.token = token;
    } else if (const char* env = std::getenv("PUZLE_TOKEN")) {
      o->config.token = env;
    }
    if (!o->config.token.empty() && o->config.token.size() < 16) {
      std::cerr << "puzle: the token is too short: use at least 16 characters\n";
      return exit_code::kUsage;
    }
    if (!server::is_loopback(so.host) && o->config.token.empty()) {
      std::cerr << "puzle: listening on " << so.host << ", beyond this machine, needs a token (--token-file)\n";
      return exit_code::kUsage;
    }
    std::string error, note;
    const auto svc = service::Service::start(o->config, error, &note);
    if (!svc) {
      std::cerr << "puzle: " << error << "\n";
      return exit_code::kInput;
    }
    if (!note.empty()) std::cerr << "puzle serve: " << note << "\n";
    so.on_listening = [](const std::string& url) { std::cout << "puzle serve: listening on " << url << std::endl; };
    if (server::serve(*svc, so, error) != 0) {
      std::cerr << "puzle: " << error << "\n";
      return exit_code::kUsage;
    }
    std::cerr << "puzle serve: stopped\n";
    return exit_code::kOk;
  };
}

}  // namespace puzle::cli
