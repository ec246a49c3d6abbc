// apps layer: the decision service over HTTP (`puzle serve`, docs/server.md), on cpp-httplib.
// Each route maps a request onto one call of puzle::service::Service and its Reply onto the
// response, as it is: the bodies are the CLI's JSON.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "puzle/service.hpp"

namespace puzle::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (the one taken is announced)
  unsigned threads = 4;
  std::size_t max_body = std::size_t{1} << 20;  // larger bodies: 413
  std::size_t max_in_flight = 64;               // more requests at once: 503
  int timeout_seconds = 10;                     // to read a request, or write an answer
  // Called once the port is bound, with the base URL ("http://127.0.0.1:8080").
  std::function<void(const std::string& url)> on_listening;
};

// Whether `host` is a loopback address: only there are reads open without the token.
bool is_loopback(const std::string& host);

// Serves until SIGINT or SIGTERM (SIGHUP reloads the rules). Returns 0 after a clean stop;
// otherwise `error` says why it could not serve (the port is taken...).
int serve(service::Service& svc, const ServerOptions& options, std::string& error);

}  // namespace puzle::server
