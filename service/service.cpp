// service layer: the decision service apart from any transport (include/puzle/service.hpp).
// Evaluations read the rulebase they were given as a shared_ptr, so a reload never changes a
// rulebase under a request; the store is one connection behind a mutex (its reads are short).
#include "puzle/service.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

#include "answer.hpp"
#include "held_rulebases.hpp"
#include "metrics.hpp"
#include "puzle/archive.hpp"
#include "puzle/decision.hpp"
#include "puzle/decision_log.hpp"
#include "puzle/digest.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/history.hpp"
#include "puzle/profile.hpp"
#include "puzle/render.hpp"
#include "puzle/store.hpp"
#include "puzle/store_json.hpp"
#include "puzle/testing.hpp"
#include "puzle/version.hpp"

namespace puzle::service {
namespace {

using J = nlohmann::ordered_json;

std::string dumped(const J& j) { return j.dump(2, ' ', false, J::error_handler_t::replace) + "\n"; }

std::string now_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Reply bad_profile(const ProfileLoad& load) {
  Reply r;
  r.status = 400;
  r.body = dumped(
      J{{"error", J{{"code", "bad_profile"},
                    {"message", "the profile has " + std::to_string(load.diagnostics.error_count()) + " error(s)"},
                    {"diagnostics", J::parse(render_json(load.diagnostics, *load.sources))}}}});
  return r;
}

// Loads, checks and tests a rulebase; `error` says why there is none.
std::shared_ptr<const Held> load_held(const std::vector<std::string>& paths, std::string& error, J& diagnostics) {
  RulebaseLoad load = Rulebase::load(paths);
  if (!load.rulebase) {
    error = "the rulebase has " + std::to_string(load.diagnostics.error_count()) + " error(s)";
    diagnostics = J::parse(render_json(load.diagnostics, *load.sources));
    return nullptr;
  }
  auto h = std::make_shared<Held>(Held{*load.rulebase, now_utc(), 0, 0, {}, nullptr});
  h->explainer = std::make_shared<const CompactExplainer>(h->rulebase);
  EvalOptions eo;
  eo.date = *Date::parse(kTestDate);
  const std::vector<TestResult> results = run_tests(h->rulebase, eo);
  h->tests = results.size();
  std::vector<TestResult> failed;
  for (const auto& r : results)
    if (!r.passed()) failed.push_back(r);
  h->failed_tests = failed.size();
  if (!failed.empty()) h->test_report = render_test_report(h->rulebase, failed);
  return h;
}

}  // namespace

struct Service::State {
  Config config;
  HeldRulebases held;
  std::mutex reload_mu;  // one reload at a time
  std::mutex store_mu;
  std::optional<store::Store> store;
  Metrics metrics;
  std::unique_ptr<log::Writer> log;
  std::optional<store::RulebaseArchive> log_archive;  // the log's rulebases, by digest
  std::atomic<std::uint64_t> decisions{0};
  std::string started = std::to_string(std::time(nullptr));

  explicit State(Config c) : config(std::move(c)), held(config.keep) {}

  Date today() const { return config.today ? config.today() : Date::today_utc(); }
  std::string decision_id() { return started + "-" + std::to_string(++decisions); }
};

Service::Service(std::unique_ptr<State> state) : s_(std::move(state)) {}
Service::~Service() = default;

Reply Service::error(int status, std::string_view code, std::string_view message) {
  Reply r;
  r.status = status;
  r.body = dumped(J{{"error", J{{"code", code}, {"message", message}}}});
  return r;
}

std::unique_ptr<Service> Service::start(Config config, std::string& error, std::string* note) {
  auto state = std::make_unique<State>(std::move(config));
  J diagnostics;
  auto h = load_held(state->config.rules, error, diagnostics);
  if (!h) {
    for (const auto& d : diagnostics)
      error += "\n" + d.value("file", "") + ":" + std::to_string(d.value("line", 0)) + ": " + d.value("message", "");
    return nullptr;
  }
  for (const auto& field : state->config.mask) {
    const auto& fields = h->rulebase.program().fields;
    if (std::none_of(fields.begin(), fields.end(), [&](const ir::Field& f) { return f.name == field; })) {
      error = "--mask " + field + ": the profile has no such field";
      return nullptr;
    }
  }
  if (!state->config.mask.empty() && state->config.log.empty()) {
    error = "--mask masks fields in the decision log: give --log too";
    return nullptr;
  }
  if (!state->config.log.empty()) {
    std::string repaired;
    state->log = log::Writer::open(state->config.log, error, repaired);
    if (!state->log) return nullptr;
    if (note) *note = repaired;
    state->log_archive = store::RulebaseArchive::beside(state->config.log);
    try {
      state->log_archive->keep(h->rulebase);  // before any entry names it
    } catch (const store::StoreError& e) {
      error = e.what();
      return nullptr;
    }
  }
  state->held.put(std::move(h));
  if (!state->config.db.empty()) {
    try {
      state->store.emplace(store::Store::open(state->config.db, false));
    } catch (const store::StoreError& e) {
      error = e.what();
      return nullptr;
    }
  }
  return std::unique_ptr<Service>(new Service(std::move(state)));
}

namespace {

// The evaluation itself, shared by a profile given and a visit's.
// `stored`: the profile is a recorded visit's, not the caller's: one the rulebase refuses is a
// visit that no longer fits (409), not a bad request.
Reply evaluate_text(Service::State& s, const std::string& source, std::string_view text, const EvalQuery& q,
                    bool stored = false);

}  // namespace

Reply Service::evaluate(std::string_view profile_json, const EvalQuery& q) {
  return evaluate_text(*s_, "-", profile_json, q);
}

namespace {

// Appends the decision to the log, when there is one. False: it could not be logged, and must
// not be answered as if it were.
bool logged(Service::State& s, const Held& held, const std::string& id, const std::string& source,
            std::string_view text, const Profile& profile, Date date, const std::string& view,
            const std::string& element, const Answer& a) {
  if (!s.log) return true;
  log::Entry e;
  e.id = id;
  e.time = now_utc();
  e.rulebase = held.rulebase.digest();
  e.engine = kVersion;
  e.source = source;
  e.profile = s.config.mask.empty() ? std::string(text) : log::mask_profile(text, s.config.mask, e.masked);
  e.profile_digest = profile.digest;
  e.date = date.to_string();
  e.view = view;
  e.element = element;
  e.result_digest = sha256_hex(a.body);
  e.explain = a.explain;
  return s.log->append(e);
}

Reply log_failed(const Service::State& s) {
  return Service::error(503, "log_unavailable",
                        "the decision could not be logged, so it is not answered: " + s.log->error());
}

Reply evaluate_text(Service::State& s, const std::string& source, std::string_view text, const EvalQuery& q,
                    bool stored) {
  std::shared_ptr<const Held> held = q.rulebase.empty() ? s.held.current() : s.held.find(q.rulebase);
  if (!held) {
    std::string list;
    for (const auto& h : s.held.all()) list += (list.empty() ? "" : ", ") + ("sha256:" + h->rulebase.digest());
    return Service::error(404, "rulebase_not_held", "the rulebase '" + q.rulebase + "' is not held; held: " + list);
  }
  const Rulebase& rb = held->rulebase;
  Date date = s.today();
  if (!q.date.empty()) {
    const auto d = Date::parse(q.date);
    if (!d) return Service::error(400, "bad_date", "date '" + q.date + "': " + date_problem(q.date));
    date = *d;
  }
  const auto view = view_named(q.view);
  if (!view)
    return Service::error(400, "bad_view", "view '" + q.view + "': it is puzzle, roadmap, explain, why-not or compact");
  ir::ElementId element = ir::kNone;
  if (view == View::Explain || view == View::WhyNot) {
    if (q.element.empty()) return Service::error(400, "missing_element", q.view + " needs an element (element=ID)");
    std::vector<ir::ElementId> candidates;
    element = rb.find_element(q.element, &candidates);
    if (element == ir::kNone) {
      std::string msg = (candidates.size() > 1 ? "ambiguous" : "unknown") + std::string(" element '") + q.element + "'";
      if (candidates.size() > 1) {
        msg += "; it names:";
        for (auto c : candidates) msg += " " + rb.program().element_node(c).path;
      }
      return Service::error(400, candidates.size() > 1 ? "ambiguous_element" : "unknown_element", msg);
    }
  }
  const ProfileLoad load = load_profile(rb, source, std::string(text));
  if (!load.profile && stored) {
    Reply r;
    r.status = 409;
    r.body =
        dumped(J{{"error", J{{"code", "visit_does_not_fit"},
                             {"message", source + " was recorded with another rulebase, and this one refuses it (" +
                                             std::to_string(load.diagnostics.error_count()) +
                                             " error(s)); pin the rulebase it was recorded with, if held"},
                             {"diagnostics", J::parse(render_json(load.diagnostics, *load.sources))}}}});
    return r;
  }
  if (!load.profile) return bad_profile(load);
  const bool compact = s.log || view == View::Compact;
  const Answer a = answer(rb, *load.profile, date, *view, element, compact ? held->explainer.get() : nullptr);
  s.metrics.evaluation(a.result.errors.empty());
  const std::string id = s.decision_id();
  if (!logged(s, *held, id, source, text, *load.profile, date, q.view,
              element == ir::kNone ? "" : rb.program().element_node(element).path, a))
    return log_failed(s);
  Reply r;
  r.body = a.body;
  r.headers = {{"X-Puzle-Rulebase", "sha256:" + rb.digest()},
               {"X-Puzle-Engine", kVersion},
               {"X-Puzle-Decision-Id", id},
               {"X-Puzle-Date", date.to_string()}};
  return r;
}

}  // namespace

namespace {

// A store error as the caller can act on it: an unknown code is theirs (404), a refused visit
// too (422); a busy or damaged database is not (503).
Reply store_error_reply(const store::StoreError& e) {
  using K = store::StoreError::Kind;
  switch (e.kind()) {
    case K::NotFound: return Service::error(404, "unknown_municipality", e.what());
    case K::Invalid: return Service::error(422, "refused_visit", e.what());
    default: return Service::error(503, "store_error", e.what());
  }
}

// Runs `f` on the store, one request at a time (one connection), with its errors as replies.
template <typename F>
Reply in_store(Service::State& s, F&& f) {
  if (!s.store) return Service::error(404, "no_database", "the service was started without a database (--db)");
  try {
    const std::lock_guard lock(s.store_mu);
    return f(*s.store);
  } catch (const store::StoreError& e) {
    return store_error_reply(e);
  }
}

Reply body(std::string text) {
  Reply r;
  r.body = std::move(text);
  return r;
}

}  // namespace

Reply Service::evaluate_town(const std::string& code, const EvalQuery& q) {
  std::optional<store::Visit> latest;
  Reply found = in_store(*s_, [&](store::Store& st) {
    if (!st.municipality(code))
      return error(404, "unknown_municipality", "no municipality with the code '" + code + "'");
    auto visits = st.visits_of(code);
    if (visits.empty()) return error(404, "no_visit", "no visit to " + code + " is recorded");
    latest = std::move(visits.back());
    return Reply{};
  });
  if (!latest) return found;
  return evaluate_text(*s_, store::visit_source(latest->id), latest->profile, q, true);
}

Reply Service::rulebase() const {
  const auto all = s_->held.all();
  const Held& h = *all.front();
  const ir::Program& p = h.rulebase.program();
  J held = J::array();
  for (const auto& x : all)
    held.push_back(J{{"digest", "sha256:" + x->rulebase.digest()}, {"loaded_at", x->loaded_at}});
  Reply r;
  r.body = dumped(J{{"digest", "sha256:" + h.rulebase.digest()},
                    {"loaded_at", h.loaded_at},
                    {"engine", kVersion},
                    {"counts", J{{"areas", p.areas.size()},
                                 {"elements", p.elements.size()},
                                 {"rules", p.rules.size()},
                                 {"segments", p.segments.size()},
                                 {"solutions", p.solutions.size()},
                                 {"tests", h.tests},
                                 {"failed_tests", h.failed_tests}}},
                    {"held", std::move(held)}});
  r.headers = {{"X-Puzle-Rulebase", "sha256:" + h.rulebase.digest()}, {"X-Puzle-Engine", kVersion}};
  return r;
}

Reply Service::metamodel(const std::string& pin) const {
  const auto h = pin.empty() ? s_->held.current() : s_->held.find(pin);
  if (!h) return error(404, "rulebase_not_held", "the rulebase '" + pin + "' is not held");
  Reply r;
  r.body = render_metamodel_json(h->rulebase);
  r.headers = {{"X-Puzle-Rulebase", "sha256:" + h->rulebase.digest()}, {"X-Puzle-Engine", kVersion}};
  return r;
}

Reply Service::live() const {
  Reply r;
  r.body = dumped(J{{"live", true}});
  return r;
}

Reply Service::ready() const {
  const auto h = s_->held.current();
  Reply r;
  const bool ok = h && h->failed_tests == 0;
  r.status = ok ? 200 : 503;
  J j{{"ready", ok},
      {"rulebase", "sha256:" + h->rulebase.digest()},
      {"tests", h->tests},
      {"failed_tests", h->failed_tests}};
  if (!ok) j["report"] = h->test_report;
  r.body = dumped(j);
  return r;
}

ReloadOutcome Service::reload() {
  const std::lock_guard lock(s_->reload_mu);
  ReloadOutcome out;
  std::string why;
  J diagnostics = J::array();
  auto h = load_held(s_->config.rules, why, diagnostics);
  if (h && h->failed_tests > 0) why = std::to_string(h->failed_tests) + " rule test(s) fail";
  if (h && h->failed_tests == 0 && s_->log_archive) {
    try {
      s_->log_archive->keep(h->rulebase);  // the log's entries will name it: kept first
    } catch (const store::StoreError& e) {
      why = std::string("it could not be kept for the decision log: ") + e.what();
      h = nullptr;
    }
  }
  const auto current = s_->held.current();
  if (!h || h->failed_tests > 0) {
    s_->metrics.reload(false);
    out.digest = current->rulebase.digest();
    out.reply.status = 409;
    J e{{"code", "reload_refused"},
        {"message", "the new rulebase was refused (" + why + "); sha256:" + out.digest + " stays current"}};
    if (!diagnostics.empty()) e["diagnostics"] = std::move(diagnostics);
    if (h) e["report"] = h->test_report;
    out.reply.body = dumped(J{{"error", std::move(e)}});
    return out;
  }
  out.replaced = true;
  out.digest = h->rulebase.digest();
  const std::string previous = current->rulebase.digest();
  s_->held.put(h);
  s_->metrics.reload(true);
  out.reply.body = dumped(J{{"reloaded", true},
                            {"digest", "sha256:" + out.digest},
                            {"previous", "sha256:" + previous},
                            {"loaded_at", h->loaded_at},
                            {"tests", h->tests}});
  return out;
}

Reply Service::towns() const {
  return in_store(*s_, [](store::Store& st) { return body(store::render_municipalities_json(st.municipalities())); });
}

Reply Service::town(const std::string& code) const {
  return in_store(*s_, [&](store::Store& st) {
    const auto m = st.municipality(code);
    if (!m) return error(404, "unknown_municipality", "no municipality with the code '" + code + "'");
    return body(store::render_town_json(*m, st.visits_of(code)));
  });
}

Reply Service::history(const std::string& code) const {
  return in_store(*s_, [&](store::Store& st) {
    return body(
        store::render_history_json(store::town_history(st, store::RulebaseArchive::beside(s_->config.db), code)));
  });
}

Reply Service::visit(std::int64_t id) const {
  return in_store(*s_, [&](store::Store& st) {
    const auto v = st.visit(id);
    if (!v) return error(404, "unknown_visit", "no visit #" + std::to_string(id));
    return body(store::render_visit_json(*v, st.decisions_of(id)));
  });
}

Reply Service::add_visit(const std::string& code, std::string_view profile_json, const std::string& agent,
                         const std::string& date, const std::string& notes) {
  if (!s_->store) return error(404, "no_database", "the service was started without a database (--db)");
  const auto held = s_->held.current();
  const Rulebase& rb = held->rulebase;
  store::Visit v;
  v.municipality = code;
  v.agent = agent;
  v.notes = notes;
  v.profile = std::string(profile_json);
  v.date = s_->today().to_string();
  if (!date.empty()) {
    if (!Date::parse(date)) return error(400, "bad_date", "date '" + date + "': " + date_problem(date));
    v.date = date;
  }
  const ProfileLoad load = load_profile(rb, "-", v.profile);
  if (!load.profile) return bad_profile(load);
  // A log entry that cannot be written undoes the visit, and is answered as such.
  struct LogFailure {};
  try {
    return in_store(*s_, [&](store::Store& st) {
      const std::int64_t id = store::record_visit(
          st, store::RulebaseArchive::beside(s_->config.db), rb, *load.profile, v,
          [&](const store::Visit& recorded, const store::Decision& d) {
            if (!s_->log) return;
            const ProfileLoad as_visit = store::load_visit_profile(rb, recorded);
            const Date date = *Date::parse(recorded.date);
            const Answer a = answer(rb, *as_visit.profile, date, View::Roadmap, ir::kNone, held->explainer.get());
            if (sha256_hex(a.body) != d.result_digest)
              throw store::StoreError(store::StoreError::Kind::Io, "the decision and its log entry disagree");
            if (!logged(*s_, *held, s_->decision_id(), store::visit_source(recorded.id), recorded.profile,
                        *as_visit.profile, date, "roadmap", "", a))
              throw LogFailure{};
          });
      Reply r = body(store::render_recorded_json(id, st.decisions_of(id).at(0)));
      r.status = 201;
      r.headers = {{"X-Puzle-Rulebase", "sha256:" + rb.digest()}, {"X-Puzle-Engine", kVersion}};
      return r;
    });
  } catch (const LogFailure&) {
    return log_failed(*s_);
  }
}

Reply Service::log_head() const {
  if (!s_->log) return error(404, "no_log", "the service was started without a decision log (--log)");
  Reply r;
  r.body = dumped(J{{"entries", s_->log->last_seq()}, {"head", s_->log->head()}});
  return r;
}

bool Service::authorized(std::string_view authorization) const {
  if (s_->config.token.empty()) return false;
  const std::string expected = "Bearer " + s_->config.token;
  // Compared in constant time: the time taken says nothing of how much matched.
  if (authorization.size() != expected.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) diff |= static_cast<unsigned char>(authorization[i] ^ expected[i]);
  return diff == 0;
}

void Service::count_request(std::string_view route, int status, double seconds) {
  s_->metrics.request(route, status, seconds);
}

std::string Service::metrics() const {
  const auto h = s_->held.current();
  return s_->metrics.text(s_->held.all().size(), h && h->failed_tests == 0);
}

}  // namespace puzle::service
