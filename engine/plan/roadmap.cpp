// engine layer (planning): priority ranking and phase-by-phase list scheduling.
//
// Priority: required elements first, then by score, high to low; a prerequisite pulled in
// ("needed") inherits the priority of the best element that needs it. Ties go to the element
// that comes first in prerequisite order, then to the lower element id (sorted path), so the
// ranking is total and stable.
// Scheduling: phases are filled in order; within a phase, candidates are taken in rank order
// when all their prerequisites are already placed (in an earlier phase or earlier in this one)
// and the phase still has room (size, effort and budget limits); passes repeat until nothing
// more fits, so a prerequisite found late in rank order still lets its dependents in.
#include "plan/roadmap.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

namespace puzle {
namespace {

bool candidate(Status s) { return s == Status::Required || s == Status::Suggested || s == Status::Needed; }

struct Key {
  bool required = false;
  Decimal score;
  bool operator<(const Key& o) const { return std::tie(required, score) < std::tie(o.required, o.score); }
};

}  // namespace

Roadmap plan_roadmap(const Rulebase& rb, const EvalResult& result) {
  const ir::Program& p = rb.program();
  const auto& order = rb.index().prerequisites_first;
  const auto& vs = result.verdicts;
  Roadmap out;

  std::vector<std::size_t> position(p.elements.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  std::vector<Key> key(p.elements.size());
  for (auto it = order.rbegin(); it != order.rend(); ++it) {  // dependents first
    const ir::ElementId e = *it;
    if (!candidate(vs[e].status)) continue;
    if (vs[e].status != Status::Needed) key[e] = {vs[e].status == Status::Required, vs[e].score};
    for (ir::ElementId d : vs[e].needed_by) key[e] = std::max(key[e], key[d]);
  }
  std::vector<ir::ElementId> ranked;
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (candidate(vs[e].status)) ranked.push_back(e);
  std::sort(ranked.begin(), ranked.end(), [&](ir::ElementId a, ir::ElementId b) {
    if (key[b] < key[a]) return true;
    if (key[a] < key[b]) return false;
    return position[a] < position[b];
  });
  std::vector<std::uint32_t> rank(p.elements.size(), 0);
  for (std::size_t i = 0; i < ranked.size(); ++i) rank[ranked[i]] = static_cast<std::uint32_t>(i + 1);

  std::vector<bool> placed(p.elements.size(), false);
  std::vector<ir::ElementId> waited(p.elements.size(), ir::kNone);
  std::vector<const char*> full(p.elements.size(), nullptr);  // the limit that refused it, if any
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    const ir::Phase& phase = p.phases[ph];
    std::size_t size = 0;
    Decimal effort, budget;
    for (bool progress = true; progress;) {
      progress = false;
      for (ir::ElementId e : ranked) {
        if (placed[e]) continue;
        ir::ElementId missing = ir::kNone;
        for (ir::ElementId r : p.elements[e].requires_)
          if (candidate(vs[r].status) && !placed[r]) {
            missing = r;
            break;
          }
        if (missing != ir::kNone) {
          waited[e] = missing;
          full[e] = nullptr;
          continue;
        }
        // Totals are computed only where they are limited: an unlimited total may overflow harmlessly.
        std::optional<Decimal> new_effort, new_budget;
        if (phase.effort_max) new_effort = effort.plus(p.elements[e].effort.value_or(Decimal()));
        if (phase.budget_max) new_budget = budget.plus(p.elements[e].cost.value_or(Decimal()));
        const char* limit = nullptr;
        if (phase.size_max && Decimal::from_int(static_cast<long long>(size + 1)) > *phase.size_max) limit = "size";
        else if (phase.effort_max && (!new_effort || *new_effort > *phase.effort_max)) limit = "effort";
        else if (phase.budget_max && (!new_budget || *new_budget > *phase.budget_max)) limit = "budget";
        if (limit) {
          full[e] = limit;
          waited[e] = ir::kNone;
          continue;
        }
        Placement pl;
        pl.element = e;
        pl.phase = ph;
        pl.rank = rank[e];
        if (ph > 0 && waited[e] != ir::kNone) {
          pl.reason = Placement::Reason::Prerequisite;
          pl.waited_for = waited[e];
        } else if (ph > 0 && full[e]) {
          pl.reason = Placement::Reason::PhaseFull;
          pl.limit = full[e];
        }
        out.placements.push_back(std::move(pl));
        placed[e] = true;
        ++size;
        if (phase.effort_max) effort = *new_effort;
        if (phase.budget_max) budget = *new_budget;
        progress = true;
      }
    }
  }
  for (ir::ElementId e : ranked)
    if (!placed[e]) out.unscheduled.push_back(e);
  return out;
}

}  // namespace puzle
