// Public API: the decision service (docs/server.md), apart from any transport. It holds the
// rulebase (and the last few, for requests that pin one by digest), reloads it atomically, and
// answers evaluations, the rulebase's metamodel, health, metrics and the town halls' memory as
// Replies: a status, a JSON body (the CLI's JSON, one renderer) and headers. The HTTP server
// (`puzle serve`) maps them as they are; other front ends read the same Replies. Every method
// may be called by many threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "puzle/date.hpp"

namespace puzle::service {

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // X-Puzle-Rulebase (the digest answered with), X-Puzle-Engine, X-Puzle-Decision-Id,
  // X-Puzle-Date: so that a body can stay byte for byte the CLI's.
  std::vector<std::pair<std::string, std::string>> headers;
};

struct Config {
  std::vector<std::string> rules{"rules"};
  std::string db;        // the store; empty: towns, visits and history answer 404 no_database
  std::string token;     // the bearer token writes need; empty: writes are refused (403)
  std::size_t keep = 4;  // rulebases held for requests that pin one (the current one included)
  // The decision log (docs/server.md); empty: none. Its rulebases are kept beside it, by digest.
  std::string log;
  // Profile fields whose values the log does not keep (a salted digest instead): top-level fields
  // of the rulebase's profile.
  std::vector<std::string> mask;
  // Today, for the default evaluation date (tests fix it); by default the UTC date.
  std::function<Date()> today;
};

// What an evaluation asks for (query parameters over HTTP).
struct EvalQuery {
  std::string view = "roadmap";  // puzzle, roadmap, explain, why-not
  std::string element;           // explain and why-not: the element
  std::string date;              // YYYY-MM-DD; empty: today
  std::string rulebase;          // "sha256:<digest>" (or the bare digest): pin a held rulebase
};

// The result of a reload: whether the new rulebase replaced the current one, and why not.
struct ReloadOutcome {
  bool replaced = false;
  std::string digest;  // the rulebase now current
  Reply reply;         // what to answer the caller
};

class Service {
 public:
  // Loads the rulebase (and opens the decision log). nullptr, and `error` says why, when it has
  // errors or the log cannot be written: a service never starts without a rulebase, nor
  // without its log when it has one. Failing rule tests start it, but not ready (/health/ready).
  // `note` says what was repaired on the way (a log's cut last line).
  static std::unique_ptr<Service> start(Config config, std::string& error, std::string* note = nullptr);
  ~Service();

  Reply evaluate(std::string_view profile_json, const EvalQuery& q);
  // The evaluation of the latest visit recorded for a municipality, on the query's date.
  Reply evaluate_town(const std::string& code, const EvalQuery& q);
  Reply rulebase() const;                         // digest, load time, counts, held
  Reply metamodel(const std::string& pin) const;  // render_metamodel_json
  Reply live() const;
  Reply ready() const;
  // Loads the rules again: checked, tested, then swapped in. A rulebase with errors or failing
  // tests never replaces the current one; the refusal is the reply (409).
  ReloadOutcome reload();
  // Store reads and the one write (recording a visit).
  Reply towns() const;
  Reply town(const std::string& code) const;
  Reply history(const std::string& code) const;
  Reply visit(std::int64_t id) const;
  Reply add_visit(const std::string& code, std::string_view profile_json, const std::string& agent,
                  const std::string& date, const std::string& notes);
  // The decision log's state: entries and the digest of its last line (to anchor elsewhere).
  Reply log_head() const;
  // Whether `authorization` (an HTTP Authorization header's value) carries the token.
  bool authorized(std::string_view authorization) const;
  // A JSON error reply: {"error": {"code": code, "message": message}}.
  static Reply error(int status, std::string_view code, std::string_view message);

  // Metrics, in Prometheus' text format; the transport counts each request it served.
  void count_request(std::string_view route, int status, double seconds);
  std::string metrics() const;

  struct State;  // opaque: service/service.cpp

 private:
  explicit Service(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace puzle::service
