// Public API: a town hall's history over its visits (docs/store.md, "History"). Each visit is
// evaluated with the rulebase it was recorded with (kept by digest), on its own date; between
// two visits, what the town hall did (elements that went into place, objectives met, dropped or
// agreed) and how its maturity moved; and for every element whose standing in the
// recommendation changed, what changed it: the town hall's own progress (its profile), the rules
// (another rulebase), or the calendar (a date passed) — found by evaluating the old visit with
// each combination of the three changed, and keeping the smallest combinations that alone give
// the new standing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "puzle/archive.hpp"
#include "puzle/store.hpp"

namespace puzle::store {

// What can change between two visits.
enum class Factor : std::uint8_t { TownHall, Rules, Calendar };
inline constexpr std::size_t kFactorCount = 3;
const char* factor_name(Factor f);  // "town_hall", "rules", "calendar"

// Where an element stands in a recommendation: its status (status_name, or "absent" when the
// rulebase has no such element) and its roadmap phase ("" when it has none, "unscheduled").
struct Standing {
  std::string status, phase;
  friend bool operator==(const Standing&, const Standing&) = default;
};

struct History {
  // One visit, as its own rulebase reads it.
  struct Visit {
    std::int64_t id = 0;
    std::string date, agent, rulebase_digest, profile_digest;
    std::vector<std::pair<std::string, std::string>> maturity;            // area id, level: as recorded
    std::vector<std::string> in_place, objectives, in_progress, refused;  // element paths
    std::size_t fit = 0;  // elements of its puzzle, in place or proposed (as the roadmap's summary counts)
    std::string problem;  // why it could not be read (its rulebase is not kept...): then empty
  };
  // An element whose standing changed between two visits, and why.
  struct Change {
    std::string element, label;  // path; label in the newer rulebase when it has the element
    Standing before, after;
    // The smallest sets of factors that, changed alone from the older visit, give `after`: one
    // set of one factor is a single cause; several sets, either one would have done; one set of
    // two or three, it took them together. Sets needing an evaluation that could not be made
    // (see Step::problems) are left out, and `undetermined` says so.
    std::vector<std::vector<Factor>> causes;
    bool undetermined = false;
  };
  // Two consecutive visits.
  struct Step {
    std::int64_t from = 0, to = 0;                // visit ids
    std::vector<Factor> changed;                  // what differs: the profile, the rulebase, the date
    std::vector<std::string> into_place;          // in place at `to`, not at `from`
    std::vector<std::string> out_of_place;        // in place at `from`, no longer at `to`
    std::vector<std::string> objectives_met;      // an objective at `from`, in place at `to`
    std::vector<std::string> objectives_dropped;  // an objective at `from`, neither at `to`
    std::vector<std::string> objectives_agreed;   // an objective at `to`, not at `from`
    // What stopped an evaluation across rulebases: a fact one schema has and the other lacks, a
    // profile the other rulebase refuses. Said, never guessed around.
    std::vector<std::string> problems;
    std::vector<Change> changes;  // by element path
  };
  std::string municipality;
  std::vector<Visit> visits;  // by date, then id
  std::vector<Step> steps;    // between each visit and the next that could be read
};

// The history of the municipality `code` from the store, its rulebases from `archive`: its
// steps go from each visit to the next. With `between` set, the one step between those two
// visits (any two of the municipality, in either order). StoreError NotFound for an unknown
// code or visit, Invalid for a visit of another municipality or one that cannot be read.
History town_history(const Store& store, const RulebaseArchive& archive, const std::string& code,
                     std::optional<std::pair<std::int64_t, std::int64_t>> between = std::nullopt);

std::string render_history_text(const History& h);
std::string render_history_json(const History& h);  // docs/json.md, "History"

}  // namespace puzle::store
