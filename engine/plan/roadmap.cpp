// engine layer (planning): priority ranking and phase-by-phase list scheduling.
//
// Priority: with the rulebase's `priority { ... }`, each element's own priority (Verdict::priority:
// its score plus the weights of the terms that hold), high to low; without it, required elements
// first, then by score. A prerequisite pulled in ("needed") has no priority of its own (0), and
// any element ranks with the priority of an element that needs it, directly or not, when that is
// higher (the first such by id on a tie: Placement::priority_from). Ties go to the element that
// comes first in prerequisite order, then to the lower element id (sorted path), so the ranking is
// total and stable.
// Scheduling: phases are filled in order; within a phase, candidates are taken in rank order
// when all their prerequisites are already placed (in an earlier phase or earlier in this one),
// they are ready (the maturity of their area, one level more for each earlier phase, reaches
// the `maturity` they need; the last phase takes every element) and the phase still has room
// (size, effort and budget limits); passes repeat until nothing more fits, so a prerequisite
// found late in rank order still lets its dependents in.
// What the town hall decided comes before the passes. Phase 1 opens with the elements under way
// (`in_progress`), in rank order, each after its missing prerequisites (the candidates not placed
// yet that it needs, directly or not, in prerequisite order), whatever the limits. Then each
// phase opens with the agreed `objectives` not placed yet, in rank order, each with its missing
// prerequisites when the phase has room for the whole group; an objective the phase has no room
// for waits for the next one, and the passes skip it. A duty never goes past the last phase with
// a limit: when that phase's passes end, the required elements left go into it, in rank order,
// each after its missing prerequisites, beyond the first limit the group exceeds (if any), and
// then the passes resume. These
// placements do not wait for maturity: what is started, agreed or due is not held back.
//
// This runs once per evaluated profile, so it is written for speed, with the same results as
// the rules above applied literally (tests/unit/engine/roadmap_test.cpp compares the two):
// priorities are sorted as integers, not Decimals; the verdicts are read once; the passes visit
// only the candidates not placed yet and keep their state in small arrays; Decimal arithmetic
// is left to the effort and budget limits; and a pass stops as soon as its phase is full.
#include "plan/roadmap.hpp"
#include "rulebase/plan.hpp"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

namespace puzle {
namespace {

bool candidate(Status s) { return in_puzzle(s); }  // every element of the puzzle is scheduled

// ---- ranking -------------------------------------------------------------------------------------

// (required, score) as integer words that compare exactly as `required`, then the score, do:
// a first word that puts required elements first and negative scores below the others, then
// the score's 128-bit magnitude, complemented when negative (a larger one is a lower score).
struct Priority {
  std::uint64_t top = 1;  // 2 * required + (score >= 0); the default is {false, 0}
  std::uint64_t high = 0, low = 0;
  auto operator<=>(const Priority&) const = default;
};

Priority priority(bool required, const Decimal& score) {
  const std::uint64_t flip = score.is_negative() ? ~std::uint64_t{0} : 0;
  return {2 * std::uint64_t{required} + (flip ? 0 : 1), score.magnitude_high() ^ flip, score.magnitude_low() ^ flip};
}

// The same order as an integer below 2^(2 + bits), unless the score's magnitude is 2^bits or
// more: `top`, then the low bits of `low` (for a negative score, its complemented magnitude).
std::optional<std::uint64_t> compact(const Priority& k, unsigned bits) {
  const std::uint64_t flip = (k.top & 1) ? 0 : ~std::uint64_t{0};  // all ones for a negative score
  if (((k.high ^ flip) | ((k.low ^ flip) >> bits)) != 0) return std::nullopt;
  return k.top << bits | (k.low & ((std::uint64_t{1} << bits) - 1));
}

// The candidates, high priority first, ties by position (unique, so the order is total).
// Each is sorted as one integer: its compact priority counted down from the highest, then its
// position; when some score is too large for that (hardly ever), by its full priority.
// `from[e]` is the element whose priority e ranks with, when not its own.
std::vector<ir::ElementId> rank_candidates(const std::vector<ir::ElementId>& order, const std::vector<Verdict>& vs,
                                           bool declared, std::vector<ir::ElementId>& from) {
  const auto position_bits = static_cast<unsigned>(std::bit_width(order.size()));  // at most 32
  const std::uint64_t position_mask = (std::uint64_t{1} << position_bits) - 1;
  const unsigned magnitude_bits = 62 - position_bits;
  const std::uint64_t highest = ~std::uint64_t{0} >> position_bits;  // 2^(2 + magnitude_bits) - 1
  std::vector<Priority> key(vs.size());                              // by element; the others keep {false, 0}
  std::vector<std::uint64_t> sort_keys;
  sort_keys.reserve(order.size());
  bool compact_each = true;
  for (std::size_t i = order.size(); i-- > 0;) {  // dependents first: a needed element takes their priority
    const ir::ElementId e = order[i];
    const Verdict& v = vs[e];
    if (!candidate(v.status)) continue;
    Priority& k = key[e];
    if (v.status != Status::Needed)
      k = declared ? priority(false, v.priority) : priority(v.status == Status::Required, v.score);
    for (ir::ElementId d : v.needed_by)
      if (key[d] > k) {
        k = key[d];
        from[e] = from[d] != ir::kNone ? from[d] : d;
      }
    const auto c = compact(k, magnitude_bits);
    compact_each = compact_each && c;
    sort_keys.push_back((c ? (highest - *c) << position_bits : 0) | i);
  }
  if (compact_each) {
    std::sort(sort_keys.begin(), sort_keys.end());
  } else {
    for (std::uint64_t& sk : sort_keys) sk &= position_mask;
    std::sort(sort_keys.begin(), sort_keys.end(), [&](std::uint64_t a, std::uint64_t b) {
      const Priority& ka = key[order[a]];
      const Priority& kb = key[order[b]];
      return ka != kb ? ka > kb : a < b;
    });
  }
  std::vector<ir::ElementId> ranked(sort_keys.size());
  std::transform(sort_keys.begin(), sort_keys.end(), ranked.begin(),
                 [&](std::uint64_t sk) { return order[sk & position_mask]; });
  return ranked;
}

// ---- scheduling ----------------------------------------------------------------------------------

// How many elements a phase takes at most, clamped to `candidates` (no phase can take more):
// the (n+1)-th element is refused when n + 1 > size_max, i.e. when n >= floor(size_max).
std::size_t size_cap(const std::optional<Decimal>& size_max, std::size_t candidates) {
  if (!size_max || *size_max >= Decimal::from_int(static_cast<long long>(candidates))) return candidates;
  if (size_max->is_negative()) return 0;
  return static_cast<std::size_t>(*size_max->whole_magnitude());  // below `candidates`, so it fits
}

using Limit = PhaseLimit;
using Reason = Placement::Reason;

class Scheduler {
 public:
  Scheduler(const ir::Program& p, const std::vector<Verdict>& vs, const std::vector<ir::ElementId>& ranked,
            const std::vector<ir::ElementId>& from, const std::vector<std::uint32_t>& topo, Roadmap& out)
      : p_(p),
        vs_(vs),
        ranked_(ranked),
        from_(from),
        topo_(topo),
        out_(out),
        placed_in_(p.elements.size(), kNotCandidate),
        note_(ranked.size()),
        open_(ranked.size()) {
    std::iota(open_.begin(), open_.end(), 0);
    for (const ir::ElementId e : ranked) {
      placed_in_[e] = ir::kNone;
      pinned_ = pinned_ || vs[e].objective || vs[e].in_progress;
      immature_ = immature_ || vs[e].maturity_gap > 0;
    }
    // Most profiles record no decision of the town hall: the objectives' state is kept only
    // when there is one.
    if (pinned_) {
      pending_.resize(ranked.size());
      objective_limit_.resize(ranked.size(), Limit::None);
      for (std::uint32_t i = 0; i < ranked.size(); ++i) pending_[i] = vs[ranked[i]].objective;
    }
    out_.placements.reserve(ranked.size());
    for (ir::PhaseId ph = 0; ph < out_.capacity.size(); ++ph) {
      const PhaseCapacity& c = out_.capacity[ph];
      if (c.size || c.effort || c.budget) last_bounded_ = ph;
    }
  }

  void fill(ir::PhaseId ph) {
    ph_ = ph;
    phase_ = &out_.capacity[ph];
    cap_ = size_cap(phase_->size, ranked_.size());
    size_ = 0;
    effort_ = budget_ = Decimal();
    if (pinned_) {
      if (ph == 0) place_in_progress();
      place_objectives();
    }
    bool progress = passes();
    if (ph == last_bounded_ && place_duties_over_capacity()) progress = passes();  // room may be left
    previous_filled_up_ = progress;  // progress here means the phase is full: see settled_note()
    out_.capacity[ph].placed = size_;
    out_.capacity[ph].effort_used = effort_;
    out_.capacity[ph].budget_used = budget_;
  }

  void finish() {
    for (std::uint32_t i : open_) out_.unscheduled.push_back(ranked_[i]);
    out_.placement_index.assign(placed_in_.size(), ir::kNone);
    for (std::uint32_t i = 0; i < out_.placements.size(); ++i) out_.placement_index[out_.placements[i].element] = i;
  }

 private:
  static constexpr ir::PhaseId kNotCandidate = ir::kNone - 1;  // in placed_in_: never waited for
  static constexpr std::uint32_t kNoRank = ~std::uint32_t{0};

  // Why a candidate was last left out: the prerequisite it waited for, or the limit it hit.
  struct Note {
    ir::ElementId waited = ir::kNone;
    ir::PhaseId phase = ir::kNone;  // when
    Limit limit = Limit::None;
    bool unready = false;  // it waited for maturity
  };

  // Whether element e waits for maturity in phase ph: its area lacks more levels than the
  // phases before ph make up for; the last phase takes every element.
  bool unready(ir::ElementId e, ir::PhaseId ph) const {
    return immature_ && vs_[e].maturity_gap > ph && ph + 1 < p_.phases.size();
  }

  // Passes until one places nothing, or the phase is full; true when it is full (the last pass
  // placed something).
  bool passes() {
    bool progress = pass();
    while (progress && size_ < cap_) progress = pass();
    return progress;
  }

  // Visits the open candidates once, in rank order, and drops those it places from open_. Once
  // the phase is full nothing else can be placed in it, so the pass stops there rather than
  // only noting why each of the rest waits. Objectives waiting for room are placed only by
  // place_objectives().
  bool pass() {
    std::size_t kept = 0, next = 0;
    while (next < open_.size()) {
      const std::uint32_t i = open_[next++];
      if ((pinned_ && pending_[i]) || !try_place(i)) {
        open_[kept++] = i;
      } else if (size_ == cap_) {
        break;
      }
    }
    const bool progress = kept < next;
    open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(kept), open_.begin() + static_cast<std::ptrdiff_t>(next));
    return progress;
  }

  // Places the candidate of rank index i if its prerequisites are placed and the phase has
  // room; else notes why not.
  bool try_place(std::uint32_t i) {
    const ir::Element& el = p_.elements[ranked_[i]];
    if (const ir::ElementId r = missing_prerequisite(el); r != ir::kNone) {
      note_[i] = {r, ph_, Limit::None};
      return false;
    }
    if (unready(ranked_[i], ph_)) {
      note_[i] = {ir::kNone, ph_, Limit::None, true};
      return false;
    }
    if (const Limit limit = refusal(el, vs_[ranked_[i]].cost); limit != Limit::None) {
      note_[i] = {ir::kNone, ph_, limit};
      return false;
    }
    place(i, el);
    return true;
  }

  // The first prerequisite of el that is a candidate not placed yet; kNone when there is none.
  ir::ElementId missing_prerequisite(const ir::Element& el) const {
    for (ir::ElementId r : el.requires_)
      if (placed_in_[r] == ir::kNone) return r;
    return ir::kNone;
  }

  // The first limit (size, effort, budget) the element would exceed. Totals are computed only
  // where they are limited: an unlimited total may overflow harmlessly.
  Limit refusal(const ir::Element& el, const Decimal& cost) {  // cost: Verdict::cost
    if (size_ >= cap_) return Limit::Size;
    if (phase_->effort) {
      next_effort_ = effort_.plus(el.effort.value_or(Decimal()));
      if (!next_effort_ || *next_effort_ > *phase_->effort) return Limit::Effort;
    }
    if (phase_->budget) {
      next_budget_ = budget_.plus(cost);
      if (!next_budget_ || *next_budget_ > *phase_->budget) return Limit::Budget;
    }
    return Limit::None;
  }

  // The note of rank index i (element el) as of its last visit. The rules end a phase with a
  // pass that places nothing and so notes, for every candidate left, why as of the end of the
  // phase. A phase that fills up skips it (see pass()), and the notes it left may be stale:
  // what that pass would have noted is the first candidate prerequisite not placed by then,
  // or else the size limit. Only placements read notes, so it is worked out here.
  Note settled_note(std::uint32_t i, const ir::Element& el) const {
    if (note_[i].phase == ph_ || !previous_filled_up_) return note_[i];
    for (ir::ElementId r : el.requires_)
      if (placed_in_[r] == ir::kNone || placed_in_[r] == ph_) return {r, ph_ - 1, Limit::None};
    if (unready(ranked_[i], ph_ - 1)) return {ir::kNone, ph_ - 1, Limit::None, true};
    return {ir::kNone, ph_ - 1, Limit::Size};
  }

  // Places rank index i by the schedule's rules, its reason the note of why it waited.
  void place(std::uint32_t i, const ir::Element& el) {
    Placement& pl = add(i);
    if (ph_ > 0) {
      const Note note = settled_note(i, el);
      if (note.waited != ir::kNone) {
        pl.reason = Reason::Prerequisite;
        pl.waited_for = note.waited;
      } else if (note.unready) {
        pl.reason = Reason::Maturity;
      } else if (note.limit != Limit::None) {
        pl.reason = Reason::PhaseFull;
        pl.limit = note.limit;
      }
    }
    if (phase_->effort) effort_ = *next_effort_;
    if (phase_->budget) budget_ = *next_budget_;
  }

  // Places rank index i for a reason of its own, whatever room is left, and counts what it uses.
  // (A total may only overflow past a limit already exceeded: it then stays where it was.)
  void place_pinned(std::uint32_t i, Reason reason, Limit limit, ir::ElementId pulled_by) {
    // A prerequisite pulled in by an objective (or by work under way) is part of that project:
    // it does not take a place of its own in the phase's size; its effort and cost do count.
    Placement& pl = add(i, reason != Reason::PulledBy);
    pl.reason = reason;
    pl.limit = limit;
    pl.pulled_by = pulled_by;
    const ir::Element& el = p_.elements[ranked_[i]];
    if (phase_->effort) effort_ = effort_.plus(el.effort.value_or(Decimal())).value_or(effort_);
    if (phase_->budget) budget_ = budget_.plus(vs_[ranked_[i]].cost).value_or(budget_);
  }

  Placement& add(std::uint32_t i, bool counts = true) {
    Placement& pl = out_.placements.emplace_back();
    pl.element = ranked_[i];
    pl.phase = ph_;
    pl.rank = i + 1;
    pl.priority_from = from_[ranked_[i]];
    placed_in_[ranked_[i]] = ph_;
    if (pinned_) pending_[i] = false;
    if (counts) ++size_;
    return pl;
  }

  // e and the candidates not placed yet that it needs, directly or not, prerequisites first
  // (in prerequisite order), as rank indexes.
  void gather(ir::ElementId e, std::vector<std::uint32_t>& group) {
    if (seen_.empty()) {  // the first group: most roadmaps have none
      seen_.assign(p_.elements.size(), 0);
      rank_index_.assign(p_.elements.size(), kNoRank);
      for (std::uint32_t i = 0; i < ranked_.size(); ++i) rank_index_[ranked_[i]] = i;
    }
    group.clear();
    ++stamp_;
    stack_.assign(1, e);
    seen_[e] = stamp_;
    while (!stack_.empty()) {
      const ir::ElementId x = stack_.back();
      stack_.pop_back();
      group.push_back(rank_index_[x]);
      for (ir::ElementId r : p_.elements[x].requires_)
        if (placed_in_[r] == ir::kNone && seen_[r] != stamp_) {
          seen_[r] = stamp_;
          stack_.push_back(r);
        }
    }
    std::sort(group.begin(), group.end(),
              [&](std::uint32_t a, std::uint32_t b) { return topo_[ranked_[a]] < topo_[ranked_[b]]; });
  }

  // The first limit (size, effort, budget) the whole group would exceed in this phase. For an
  // objective's group (`head`), its size is the head and the members agreed or under way in
  // their own right: the others are prerequisites pulled in with it (place_member); without a
  // head, every member counts.
  Limit group_refusal(const std::vector<std::uint32_t>& group, std::uint32_t head = kWholeGroup) const {
    std::size_t own = head == kWholeGroup ? group.size() : 0;
    if (head != kWholeGroup)
      for (std::uint32_t i : group) own += i == head || vs_[ranked_[i]].objective || vs_[ranked_[i]].in_progress;
    if (size_ + own > cap_) return Limit::Size;
    std::optional<Decimal> effort = effort_, budget = budget_;
    for (std::uint32_t i : group) {
      const ir::Element& el = p_.elements[ranked_[i]];
      if (effort) effort = effort->plus(el.effort.value_or(Decimal()));
      if (budget) budget = budget->plus(vs_[ranked_[i]].cost);
    }
    if (phase_->effort && (!effort || *effort > *phase_->effort)) return Limit::Effort;
    if (phase_->budget && (!budget || *budget > *phase_->budget)) return Limit::Budget;
    return Limit::None;
  }

  // A member of a group placed with `head` in its own right: under way or agreed; else as a
  // prerequisite pulled by the head.
  void place_member(std::uint32_t i, std::uint32_t head, Reason head_reason) {
    const Verdict& v = vs_[ranked_[i]];
    if (i == head)
      place_pinned(i, head_reason, head_reason == Reason::Objective ? objective_limit_[i] : Limit::None, ir::kNone);
    else if (v.in_progress && ph_ == 0)
      place_pinned(i, Reason::InProgress, Limit::None, ir::kNone);
    else if (v.objective)
      place_pinned(i, Reason::Objective, objective_limit_[i], ir::kNone);
    else
      place_pinned(i, Reason::PulledBy, Limit::None, ranked_[head]);
  }

  // Elements under way open phase 1, in rank order, each after its missing prerequisites,
  // whatever the phase's limits.
  void place_in_progress() {
    for (std::uint32_t i : open_) {
      if (!vs_[ranked_[i]].in_progress || placed_in_[ranked_[i]] != ir::kNone) continue;
      gather(ranked_[i], group_);
      for (std::uint32_t g : group_) place_member(g, i, Reason::InProgress);
    }
    drop_placed();
  }

  // The agreed objectives not placed yet, in rank order, each with its missing prerequisites,
  // when the phase has room for all of them; else they wait for the next phase.
  void place_objectives() {
    for (std::uint32_t i : open_) {
      if (!pending_[i]) continue;
      gather(ranked_[i], group_);
      if (const Limit limit = group_refusal(group_, i); limit != Limit::None) {
        objective_limit_[i] = limit;
        continue;
      }
      for (std::uint32_t g : group_) place_member(g, i, Reason::Objective);
    }
    drop_placed();
  }

  // A duty never goes past the last bounded phase: the required elements left go into it, in
  // rank order, each after its missing prerequisites, beyond the first limit the group exceeds
  // (none when only maturity held them back). True when it placed any: the passes then resume,
  // for the room that may be left.
  bool place_duties_over_capacity() {
    bool placed = false;
    for (std::uint32_t i : open_) {
      const ir::ElementId e = ranked_[i];
      if (vs_[e].status != Status::Required || placed_in_[e] != ir::kNone) continue;
      gather(e, group_);
      const Limit limit = group_refusal(group_);
      for (std::uint32_t g : group_) place_pinned(g, Reason::OverCapacity, limit, g == i ? ir::kNone : e);
      placed = true;
    }
    drop_placed();
    return placed;
  }

  static constexpr std::uint32_t kWholeGroup = UINT32_MAX;

  void drop_placed() {
    std::erase_if(open_, [&](std::uint32_t i) { return placed_in_[ranked_[i]] != ir::kNone; });
  }

  const ir::Program& p_;
  const std::vector<Verdict>& vs_;
  const std::vector<ir::ElementId>& ranked_;  // rank index (rank - 1) -> element
  const std::vector<ir::ElementId>& from_;    // by element: whose priority it ranks with
  const std::vector<std::uint32_t>& topo_;    // by element: its position in prerequisite order
  Roadmap& out_;
  std::vector<ir::PhaseId> placed_in_;  // by element: the phase that took it; kNone: not yet
  // gather()'s, made on its first call: by element, its rank index (kNoRank: no candidate) and
  // its visit stamp.
  std::vector<std::uint32_t> rank_index_;
  std::vector<std::uint32_t> seen_;
  std::uint32_t stamp_ = 0;
  std::vector<ir::ElementId> stack_;  // gather()'s work list
  std::vector<std::uint32_t> group_;  // an element with its missing prerequisites
  std::vector<Note> note_;            // by rank index
  std::vector<std::uint32_t> open_;   // rank indexes not placed yet, in rank order
  // By rank index, only when pinned_: an objective not placed yet; what last refused it.
  std::vector<bool> pending_;
  std::vector<Limit> objective_limit_;
  bool pinned_ = false;                   // some candidate is an objective or under way
  bool immature_ = false;                 // some candidate needs more maturity than its area has
  ir::PhaseId last_bounded_ = ir::kNone;  // the last phase with a limit
  bool previous_filled_up_ = false;
  // The phase being filled.
  ir::PhaseId ph_ = 0;
  const PhaseCapacity* phase_ = nullptr;
  std::size_t cap_ = 0, size_ = 0;
  Decimal effort_, budget_;
  std::optional<Decimal> next_effort_, next_budget_;  // the totals with the element refusal() accepted
};

// What the roadmap says beside its phases, by kind, then element. Only an element the town hall
// named can have a note: `named` lists them, by id, when known; else every element is looked at.
void add_notes(const std::vector<Verdict>& vs, const std::vector<ir::ElementId>* named, Roadmap& out) {
  using K = RoadmapNote::Kind;
  std::vector<RoadmapNote> by_kind[4];
  const std::size_t n = named ? named->size() : vs.size();
  for (std::size_t i = 0; i < n; ++i) {
    const ir::ElementId e = named ? (*named)[i] : static_cast<ir::ElementId>(i);
    const Verdict& v = vs[e];
    if (!(v.objective | v.in_progress | v.refused | v.declared_need)) continue;
    const bool in = in_puzzle(v.status);
    if (v.objective && !in) by_kind[0].push_back({K::ObjectiveNotInPuzzle, e});
    if (v.in_progress && !in) by_kind[1].push_back({K::InProgressNotInPuzzle, e});
    if (v.refused && in) by_kind[2].push_back({K::RefusedDuty, e});
    if (v.declared_need && v.status == Status::Excluded) by_kind[3].push_back({K::VetoedNeed, e});
  }
  for (const auto& notes : by_kind) out.notes.insert(out.notes.end(), notes.begin(), notes.end());
}

}  // namespace

bool Roadmap::aspirational(ir::PhaseId ph) const {
  if (ph >= capacity.size()) return false;
  for (ir::PhaseId later = ph; later < capacity.size(); ++later)
    if (capacity[later].size || capacity[later].effort || capacity[later].budget) return false;
  for (ir::PhaseId earlier = 0; earlier < ph; ++earlier)
    if (capacity[earlier].size || capacity[earlier].effort || capacity[earlier].budget) return true;
  return false;
}

Decimal computed_limit(const Decimal& value, PhaseLimit which) {
  if (value.is_negative()) return Decimal();
  return which == PhaseLimit::Size ? value.floor() : value;
}

Roadmap plan_roadmap(const Rulebase& rb, const EvalResult& result, std::vector<PhaseCapacity> capacity,
                     const std::vector<ir::ElementId>* named) {
  const ir::Program& p = rb.program();
  std::vector<ir::ElementId> from(p.elements.size(), ir::kNone);
  const std::vector<ir::ElementId> ranked =
      rank_candidates(plan_of(rb).prerequisites_first, result.verdicts, p.priority.declared, from);
  Roadmap out;
  out.capacity = std::move(capacity);
  Scheduler scheduler(p, result.verdicts, ranked, from, plan_of(rb).prerequisite_position, out);
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) scheduler.fill(ph);
  scheduler.finish();
  add_notes(result.verdicts, named, out);
  return out;
}

}  // namespace puzle
