// service layer: the rulebases a service holds. The newest is current; a few earlier ones stay
// for requests that pin one by digest. Readers take a shared_ptr and keep it for the request,
// so a swap never pulls a rulebase from under an evaluation.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "puzle/render.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::service {

struct Held {
  Rulebase rulebase;
  std::string loaded_at;  // UTC, ISO 8601
  std::size_t tests = 0, failed_tests = 0;
  std::string test_report;                            // the failures, in words (empty when all pass)
  std::shared_ptr<const CompactExplainer> explainer;  // for the decision log: built once
};

class HeldRulebases {
 public:
  explicit HeldRulebases(std::size_t keep) : keep_(keep < 1 ? 1 : keep) {}
  std::shared_ptr<const Held> current() const;
  // The held rulebase with this digest ("sha256:" prefix optional), or nullptr.
  std::shared_ptr<const Held> find(std::string_view digest) const;
  std::vector<std::shared_ptr<const Held>> all() const;  // current first
  // Makes `h` current; a rulebase held already moves to the front rather than twice.
  void put(std::shared_ptr<const Held> h);

 private:
  std::size_t keep_;
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<const Held>> held_;  // current first
};

}  // namespace puzle::service
