// service layer: metrics in Prometheus' text format (metrics.hpp).
#include "metrics.hpp"

#include <cstdio>

namespace puzle::service {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::request(std::string_view route, int status, double seconds) {
  const std::lock_guard lock(mu_);
  auto it = routes_.find(route);
  if (it == routes_.end()) it = routes_.emplace(std::string(route), Route{}).first;
  Route& r = it->second;
  ++r.by_status[status];
  ++r.count;
  r.sum += seconds;
  for (std::size_t i = 0; i < kBounds.size(); ++i)
    if (seconds <= kBounds[i]) ++r.buckets[i];
}

void Metrics::evaluation(bool ok) {
  const std::lock_guard lock(mu_);
  ++evaluations_;
  if (!ok) ++evaluation_errors_;
}

void Metrics::reload(bool replaced) {
  const std::lock_guard lock(mu_);
  ++(replaced ? reloads_ : reloads_refused_);
}

std::string Metrics::text(std::size_t held, bool ready) const {
  const std::lock_guard lock(mu_);
  std::string o;
  o += "# HELP puzle_requests_total Requests answered, by route and status.\n";
  o += "# TYPE puzle_requests_total counter\n";
  for (const auto& [route, r] : routes_)
    for (const auto& [status, n] : r.by_status)
      o += "puzle_requests_total{route=\"" + route + "\",status=\"" + std::to_string(status) + "\"} " +
           std::to_string(n) + "\n";
  o += "# HELP puzle_request_duration_seconds Time to answer a request, by route.\n";
  o += "# TYPE puzle_request_duration_seconds histogram\n";
  for (const auto& [route, r] : routes_) {
    for (std::size_t i = 0; i < kBounds.size(); ++i)
      o += "puzle_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + number(kBounds[i]) + "\"} " +
           std::to_string(r.buckets[i]) + "\n";
    o += "puzle_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"} " + std::to_string(r.count) + "\n";
    o += "puzle_request_duration_seconds_sum{route=\"" + route + "\"} " + number(r.sum) + "\n";
    o += "puzle_request_duration_seconds_count{route=\"" + route + "\"} " + std::to_string(r.count) + "\n";
  }
  o += "# HELP puzle_evaluations_total Evaluations made.\n# TYPE puzle_evaluations_total counter\n";
  o += "puzle_evaluations_total " + std::to_string(evaluations_) + "\n";
  o += "# HELP puzle_evaluation_errors_total Evaluations that reported errors (a score overflow...).\n";
  o += "# TYPE puzle_evaluation_errors_total counter\n";
  o += "puzle_evaluation_errors_total " + std::to_string(evaluation_errors_) + "\n";
  o += "# HELP puzle_reloads_total Reloads, by outcome.\n# TYPE puzle_reloads_total counter\n";
  o += "puzle_reloads_total{outcome=\"replaced\"} " + std::to_string(reloads_) + "\n";
  o += "puzle_reloads_total{outcome=\"refused\"} " + std::to_string(reloads_refused_) + "\n";
  o += "# HELP puzle_rulebases_held Rulebases held for pinning, the current one included.\n";
  o += "# TYPE puzle_rulebases_held gauge\npuzle_rulebases_held " + std::to_string(held) + "\n";
  o += "# HELP puzle_ready Whether the current rulebase's tests pass.\n# TYPE puzle_ready gauge\n";
  o += std::string("puzle_ready ") + (ready ? "1" : "0") + "\n";
  return o;
}

}  // namespace puzle::service
