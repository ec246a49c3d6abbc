// apps layer: the HTTP routes of `puzle serve` (http_server.hpp). Signals are taken by one
// thread with sigwait (blocked everywhere else), so a reload never runs inside a handler.
#include "http_server.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include <httplib.h>

namespace puzle::server {
namespace {

using service::Reply;
using service::Service;

void apply(const Reply& r, httplib::Response& res) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_content(r.body, r.content_type);
}

service::EvalQuery query_of(const httplib::Request& req) {
  service::EvalQuery q;
  if (req.has_param("view")) q.view = req.get_param_value("view");
  if (req.has_param("element")) q.element = req.get_param_value("element");
  if (req.has_param("date")) q.date = req.get_param_value("date");
  if (req.has_param("rulebase")) q.rulebase = req.get_param_value("rulebase");
  return q;
}

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// The JSON body of an error httplib answers itself (a route that does not exist, a body too
// large, a request it cannot parse).
std::string error_code_for(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "body_too_large";
    case 414: return "uri_too_long";
    default: return "http_" + std::to_string(status);
  }
}

}  // namespace

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.starts_with("127.");
}

int serve(Service& svc, const ServerOptions& o, std::string& error) {
  httplib::Server http;
  const unsigned threads = std::clamp(o.threads, 1u, 64u);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(o.max_body);
  http.set_read_timeout(o.timeout_seconds, 0);
  http.set_write_timeout(o.timeout_seconds, 0);
  http.set_tcp_nodelay(true);
  const bool open_reads = is_loopback(o.host);
  std::atomic<std::size_t> in_flight{0};

  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string message = res.status == 413 ? "the request body is larger than the server accepts (--max-body)"
                                : res.status == 404
                                    ? "no such route: " + req.method + " " + req.path + " (see docs/server.md)"
                                    : "the request could not be served (HTTP " + std::to_string(res.status) + ")";
    apply(Service::error(res.status, error_code_for(res.status), message), res);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "an internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {}
    apply(Service::error(500, "internal", "a bug in puzle: " + what), res);
  });

  enum class Access : std::uint8_t { Open, Read, Write };
  // Every route goes through here: the limit on requests at once, the token, metrics.
  auto route = [&](const char* name, Access access, auto handler) {
    return [&, name, access, handler](const httplib::Request& req, httplib::Response& res) {
      const auto start = std::chrono::steady_clock::now();
      struct InFlight {
        std::atomic<std::size_t>& n;
        ~InFlight() { --n; }
      } guard{in_flight};
      if (++in_flight > o.max_in_flight) {
        apply(Service::error(503, "overloaded", "too many requests at once; try again in a moment"), res);
        res.set_header("Retry-After", "1");
      } else if ((access == Access::Write || (access == Access::Read && !open_reads)) &&
                 !svc.authorized(req.get_header_value("Authorization"))) {
        apply(Service::error(access == Access::Write ? 403 : 401, "unauthorized",
                             access == Access::Write ? "writes need the bearer token the server was started with"
                                                     : "off loopback, reads need the bearer token too"),
              res);
      } else {
        apply(handler(req), res);
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      svc.count_request(name, res.status, seconds);
    };
  };

  http.Get("/health/live", route("/health/live", Access::Open, [&](const auto&) { return svc.live(); }));
  http.Get("/health/ready", route("/health/ready", Access::Open, [&](const auto&) { return svc.ready(); }));
  http.Get("/metrics", route("/metrics", Access::Read, [&](const auto&) {
             Reply r;
             r.content_type = "text/plain; version=0.0.4";
             r.body = svc.metrics();
             return r;
           }));
  http.Get("/v1/rulebase", route("/v1/rulebase", Access::Read, [&](const auto&) { return svc.rulebase(); }));
  http.Get("/v1/metamodel", route("/v1/metamodel", Access::Read,
                                  [&](const auto& req) { return svc.metamodel(param(req, "rulebase")); }));
  http.Post("/v1/evaluate", route("/v1/evaluate", Access::Read,
                                  [&](const auto& req) { return svc.evaluate(req.body, query_of(req)); }));
  http.Get("/v1/towns", route("/v1/towns", Access::Read, [&](const auto&) { return svc.towns(); }));
  http.Get(R"(/v1/towns/([0-9A-Za-z_-]+))",
           route("/v1/towns/{code}", Access::Read, [&](const auto& req) { return svc.town(req.matches[1]); }));
  http.Get(
      R"(/v1/towns/([0-9A-Za-z_-]+)/history)",
      route("/v1/towns/{code}/history", Access::Read, [&](const auto& req) { return svc.history(req.matches[1]); }));
  http.Get(R"(/v1/towns/([0-9A-Za-z_-]+)/evaluation)",
           route("/v1/towns/{code}/evaluation", Access::Read,
                 [&](const auto& req) { return svc.evaluate_town(req.matches[1], query_of(req)); }));
  http.Post(
      R"(/v1/towns/([0-9A-Za-z_-]+)/visits)", route("/v1/towns/{code}/visits", Access::Write, [&](const auto& req) {
        return svc.add_visit(req.matches[1], req.body, param(req, "agent"), param(req, "date"), param(req, "notes"));
      }));
  http.Get(R"(/v1/visits/([0-9]{1,18}))", route("/v1/visits/{id}", Access::Read, [&](const auto& req) {
             return svc.visit(std::stoll(req.matches[1]));
           }));
  http.Get("/v1/log", route("/v1/log", Access::Read, [&](const auto&) { return svc.log_head(); }));
  http.Post("/v1/reload", route("/v1/reload", Access::Write, [&](const auto&) { return svc.reload().reply; }));

  // Signals: blocked in this thread and so in every thread it starts; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGHUP, SIGINT, SIGTERM}) sigaddset(&signals, s);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  const int port = o.port == 0 ? http.bind_to_any_port(o.host) : (http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    error = "cannot listen on " + o.host + ":" + std::to_string(o.port) + " (taken, or not an address of this machine)";
    return 1;
  }
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      siginfo_t info;
      const int s = sigtimedwait(&signals, &info, &tick);
      if (s == SIGHUP) {
        const auto out = svc.reload();
        std::cerr << "puzle serve: " << (out.replaced ? "reloaded the rules: sha256:" : "reload refused: ")
                  << (out.replaced ? out.digest : out.reply.body) << (out.replaced ? "\n" : "");
      } else if (s == SIGINT || s == SIGTERM) {
        http.stop();
        return;
      }
    }
  });
  const std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  if (o.on_listening) o.on_listening("http://" + host + ":" + std::to_string(port));
  const bool ok = http.listen_after_bind();
  done = true;
  waiter.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (!ok) error = "the server stopped on an error";
  return ok ? 0 : 1;
}

}  // namespace puzle::server
