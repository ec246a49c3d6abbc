// Public API: the town halls' memory as JSON (docs/store.md): what `puzle town` and `puzle
// visit` print with --format json and what the decision service answers, from one renderer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "puzle/store.hpp"

namespace puzle::store {

// [{code, name, comarca, province, population}, ...]
std::string render_municipalities_json(const std::vector<Municipality>& ms);
// The municipality's fields, then `visits`: each visit without its profile.
std::string render_town_json(const Municipality& m, const std::vector<Visit>& visits);
// The visit with its profile (as JSON) and `decisions` (without their results).
std::string render_visit_json(const Visit& v, const std::vector<Decision>& decisions);
// What recording a visit answers: {id, decision}.
std::string render_recorded_json(std::int64_t id, const Decision& d);
// What `puzle visit verify` answers: {visit, decisions: [decision + same, recomputed digest and engine]}.
struct Verified {
  Decision stored;
  bool same = false;
  std::string recomputed_digest, recomputed_engine;
};
std::string render_verified_json(std::int64_t visit, const std::vector<Verified>& vs);

}  // namespace puzle::store
