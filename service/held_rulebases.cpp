// service layer: the rulebases a service holds (held_rulebases.hpp).
#include "held_rulebases.hpp"

#include <algorithm>

namespace puzle::service {

std::shared_ptr<const Held> HeldRulebases::current() const {
  const std::lock_guard lock(mu_);
  return held_.empty() ? nullptr : held_.front();
}

std::shared_ptr<const Held> HeldRulebases::find(std::string_view digest) const {
  if (digest.starts_with("sha256:")) digest.remove_prefix(7);
  const std::lock_guard lock(mu_);
  for (const auto& h : held_)
    if (h->rulebase.digest() == digest) return h;
  return nullptr;
}

std::vector<std::shared_ptr<const Held>> HeldRulebases::all() const {
  const std::lock_guard lock(mu_);
  return held_;
}

void HeldRulebases::put(std::shared_ptr<const Held> h) {
  const std::lock_guard lock(mu_);
  std::erase_if(held_, [&](const auto& x) { return x->rulebase.digest() == h->rulebase.digest(); });
  held_.insert(held_.begin(), std::move(h));
  if (held_.size() > keep_) held_.resize(keep_);
}

}  // namespace puzle::service
