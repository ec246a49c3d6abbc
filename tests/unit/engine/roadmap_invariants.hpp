// Every invariant of a roadmap (docs/semantics.md §10), checked on any evaluation result: the
// property tests over random rulebases (roadmap_test.cpp) and over the 947 municipalities with
// random decisions of their town halls (reference_eval_test.cpp) share it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "puzle/evaluate.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::testing_helpers {

// The notes about the roadmap, without those about the profile (RoadmapNote::element is kNone).
inline std::vector<RoadmapNote> roadmap_notes(const std::vector<RoadmapNote>& notes) {
  std::vector<RoadmapNote> out;
  for (const RoadmapNote& n : notes)
    if (n.element != ir::kNone) out.push_back(n);
  return out;
}

inline bool candidate(Status s) { return s == Status::Required || s == Status::Suggested || s == Status::Needed; }

// Every invariant of a roadmap; "" when they all hold, else the first that fails.
inline std::string violation(const Rulebase& rb, const EvalResult& r) {
  const ir::Program& p = rb.program();
  const auto name = [&](ir::ElementId e) { return p.element_node(e).id; };
  std::vector<std::size_t> order(p.elements.size(), SIZE_MAX);
  std::vector<ir::PhaseId> phase_of(p.elements.size(), ir::kNone);
  std::vector<std::size_t> count(p.phases.size(), 0);
  std::vector<Decimal> effort(p.phases.size()), budget(p.phases.size());
  std::set<std::uint32_t> ranks;
  ir::PhaseId last_phase = 0;
  ir::PhaseId last_bounded = ir::kNone;
  for (ir::PhaseId ph = 0; ph < r.roadmap.capacity.size(); ++ph) {
    const PhaseCapacity& c = r.roadmap.capacity[ph];
    if (c.size || c.effort || c.budget) last_bounded = ph;
  }
  std::vector<bool> over(p.phases.size(), false);  // may exceed its limits: it holds work under way or a duty
  std::vector<std::pair<ir::ElementId, ir::ElementId>> pulled;  // (element, what pulled it)
  std::size_t candidates = 0;
  for (const auto& v : r.verdicts) candidates += candidate(v.status) ? 1 : 0;
  for (std::size_t i = 0; i < r.roadmap.placements.size(); ++i) {
    const Placement& pl = r.roadmap.placements[i];
    const ir::ElementId e = pl.element;
    if (!candidate(r.verdicts[e].status)) return name(e) + " is placed but is " + status_name(r.verdicts[e].status);
    if (order[e] != SIZE_MAX) return name(e) + " is placed twice";
    if (pl.phase >= p.phases.size() || pl.phase < last_phase) return name(e) + " is placed out of phase order";
    if (pl.rank < 1 || pl.rank > candidates || !ranks.insert(pl.rank).second) return name(e) + " has a bad rank";
    last_phase = pl.phase;
    order[e] = i;
    phase_of[e] = pl.phase;
    if (pl.reason != Placement::Reason::PulledBy) ++count[pl.phase];  // pulled: part of its objective
    effort[pl.phase] = *effort[pl.phase].plus(p.elements[e].effort.value_or(Decimal()));
    budget[pl.phase] = *budget[pl.phase].plus(r.verdicts[e].cost);  // what it costs this municipality
    // Prerequisites: every one not in place is placed, before it.
    for (ir::ElementId q : p.elements[e].requires_) {
      if (r.verdicts[q].status == Status::InPlace) continue;
      if (order[q] == SIZE_MAX) return name(e) + " is placed before (or without) its prerequisite " + name(q);
      if (phase_of[q] > pl.phase) return name(e) + " is in an earlier phase than its prerequisite " + name(q);
    }
    const Verdict& v = r.verdicts[e];
    switch (pl.reason) {
      case Placement::Reason::Rank:
        if (pl.phase != 0) return name(e) + ": reason rank outside the first phase";
        break;
      case Placement::Reason::Prerequisite: {
        const auto& req = p.elements[e].requires_;
        if (pl.phase == 0 || std::find(req.begin(), req.end(), pl.waited_for) == req.end())
          return name(e) + ": waited for something that is not its prerequisite";
        if (phase_of[pl.waited_for] != pl.phase) return name(e) + ": waited for a prerequisite of another phase";
        break;
      }
      case Placement::Reason::PhaseFull:
        if (pl.phase == 0 || pl.limit == PhaseLimit::None) return name(e) + ": bad phase_full reason";
        break;
      case Placement::Reason::Maturity:
        if (pl.phase == 0 || v.maturity_gap < pl.phase) return name(e) + ": bad maturity reason";
        break;
      case Placement::Reason::InProgress:
        if (pl.phase != 0 || !v.in_progress) return name(e) + ": bad in_progress reason";
        break;
      case Placement::Reason::Objective:
        if (!v.objective || (pl.phase == 0) != (pl.limit == PhaseLimit::None))
          return name(e) + ": bad objective reason";
        break;
      case Placement::Reason::PulledBy: pulled.emplace_back(e, pl.pulled_by); break;
      case Placement::Reason::OverCapacity:
        // Without a limit, it is the maturity its area lacks that it goes beyond.
        if (pl.phase != last_bounded) return name(e) + ": bad over_capacity reason";
        if (r.verdicts[pl.pulled_by == ir::kNone ? e : pl.pulled_by].status != Status::Required)
          return name(e) + ": over capacity for no duty";
        if (pl.pulled_by != ir::kNone) pulled.emplace_back(e, pl.pulled_by);
        over[pl.phase] = true;
        break;
    }
    if (pl.reason != Placement::Reason::OverCapacity && pl.reason != Placement::Reason::PulledBy &&
        pl.pulled_by != ir::kNone)
      return name(e) + ": pulled by something for no reason";
    if (pl.reason == Placement::Reason::InProgress) over[0] = true;
    // Readiness: what the passes place is ready (the last phase takes every element).
    const bool passed = pl.reason == Placement::Reason::Rank || pl.reason == Placement::Reason::Prerequisite ||
                        pl.reason == Placement::Reason::PhaseFull || pl.reason == Placement::Reason::Maturity;
    if (passed && v.maturity_gap > pl.phase && pl.phase + 1 < p.phases.size())
      return name(e) + " is placed before its area is mature enough";
    // The town hall's decisions: what is under way opens phase 1; a duty goes no later than the
    // last limited phase.
    if (v.in_progress && pl.phase != 0) return name(e) + " is under way but not in phase 1";
    if (v.objective && pl.reason != Placement::Reason::Objective && pl.reason != Placement::Reason::InProgress &&
        pl.reason != Placement::Reason::OverCapacity)
      return name(e) + " is an agreed objective placed for another reason";
    if (v.status == Status::Required && last_bounded != ir::kNone && pl.phase > last_bounded)
      return name(e) + " is required but placed after the last limited phase";
  }
  // What pulled an element is placed in its phase, after it, and needs it (directly or not).
  for (const auto& [e, by] : pulled) {
    if (by == ir::kNone || order[by] == SIZE_MAX || phase_of[by] != phase_of[e] || order[by] < order[e])
      return name(e) + " is pulled by an element not placed with it";
    std::vector<ir::ElementId> todo{by};
    bool needs = false;
    while (!todo.empty() && !needs) {
      const ir::ElementId x = todo.back();
      todo.pop_back();
      for (ir::ElementId q : p.elements[x].requires_) {
        needs = needs || q == e;
        todo.push_back(q);
      }
    }
    if (!needs) return name(e) + " is pulled by " + name(by) + ", which does not need it";
  }
  if (r.roadmap.capacity.size() != p.phases.size()) return "the capacity is not given for every phase";
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    const ir::Phase& phase = p.phases[ph];
    const PhaseCapacity& c = r.roadmap.capacity[ph];
    if (!over[ph]) {
      if (c.size && Decimal::from_int(static_cast<long long>(count[ph])) > *c.size)
        return "phase " + phase.id + " is over size";
      if (c.effort && effort[ph] > *c.effort) return "phase " + phase.id + " is over effort";
      if (c.budget && budget[ph] > *c.budget) return "phase " + phase.id + " is over budget";
    }
    if (c.placed != count[ph]) return "phase " + phase.id + " says its size holds another number of elements";
    if ((c.effort && c.effort_used != effort[ph]) || (c.budget && c.budget_used != budget[ph]))
      return "phase " + phase.id + " says it uses another effort or budget";
  }
  std::set<ir::ElementId> unscheduled;
  for (ir::ElementId e : r.roadmap.unscheduled) {
    if (!unscheduled.insert(e).second) return name(e) + " is unscheduled twice";
    if (order[e] != SIZE_MAX) return name(e) + " is both placed and unscheduled";
    if (!candidate(r.verdicts[e].status))
      return name(e) + " is unscheduled but is " + status_name(r.verdicts[e].status);
  }
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (candidate(r.verdicts[e].status) && order[e] == SIZE_MAX && !unscheduled.count(e))
      return name(e) + " is a candidate but neither placed nor unscheduled";
  for (ir::ElementId e : r.roadmap.unscheduled)
    if (r.verdicts[e].status == Status::Required && last_bounded != ir::kNone)
      return name(e) + " is required but unscheduled";
  // The notes: exactly what the town hall decided that the roadmap cannot follow, and the needs
  // it declared that a rule vetoed, by kind, then element.
  std::vector<RoadmapNote> notes;
  using K = RoadmapNote::Kind;
  for (const K kind : {K::ObjectiveNotInPuzzle, K::InProgressNotInPuzzle, K::RefusedDuty, K::VetoedNeed})
    for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
      const Verdict& v = r.verdicts[e];
      if ((kind == K::ObjectiveNotInPuzzle && v.objective && !candidate(v.status)) ||
          (kind == K::InProgressNotInPuzzle && v.in_progress && !candidate(v.status)) ||
          (kind == K::RefusedDuty && v.refused && candidate(v.status)) ||
          (kind == K::VetoedNeed && v.declared_need && v.status == Status::Excluded))
        notes.push_back({kind, e});
    }
  if (notes != roadmap_notes(r.roadmap.notes))
    return "the notes are not what the town hall decided and the rules vetoed";
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    const Verdict& v = r.verdicts[e];
    if (v.refused && v.status != Status::Required && v.status != Status::Needed && v.status != Status::InPlace &&
        v.status != Status::Refused)
      return name(e) + " is refused but " + status_name(v.status);
  }
  return "";
}

}  // namespace puzle::testing_helpers
