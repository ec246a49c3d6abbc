// service layer: what `/metrics` reports, in Prometheus' text format (docs/server.md): requests
// by route and status, their latency as a histogram, evaluations, reloads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace puzle::service {

class Metrics {
 public:
  void request(std::string_view route, int status, double seconds);
  void evaluation(bool ok);
  void reload(bool replaced);
  // `held` and `ready` are gauges read when the text is made.
  std::string text(std::size_t held, bool ready) const;

 private:
  // Upper bounds of the latency buckets, in seconds (+Inf is the count).
  static constexpr std::array<double, 10> kBounds{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  struct Route {
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBounds.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Route, std::less<>> routes_;
  std::uint64_t evaluations_ = 0, evaluation_errors_ = 0, reloads_ = 0, reloads_refused_ = 0;
};

}  // namespace puzle::service
