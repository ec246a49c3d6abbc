// Public API: the decision recorded with a visit, and computing it again (docs/store.md).
// A decision is a pure function of the rulebase and the visit: the visit's profile, read as
// "visit N", evaluated on the visit's date and rendered as `puzle roadmap --format json`
// renders it. The same rulebase and visit give the same bytes, on any machine.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "puzle/archive.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"
#include "puzle/store.hpp"

namespace puzle::store {

// The name a visit's profile is read under: "visit N". Results and diagnostics show it.
std::string visit_source(std::int64_t visit_id);

// The stored profile of `v`, read for `rulebase` (the profile's errors come back as diagnostics).
ProfileLoad load_visit_profile(const Rulebase& rulebase, const Visit& v);

// The decision for `v` (its id set) under `rulebase`. A profile the rulebase refuses, or a
// rulebase with evaluation errors, is StoreError Invalid: nothing is decided from it.
Decision decide(const Rulebase& rulebase, const Visit& v);

// Records a visit as `puzle visit add` and the service do. `profile` is `v.profile` loaded with
// `rulebase` (so it is valid); when the schema marks a key field, its value must be the code
// visited (StoreError Invalid otherwise). The rulebase is kept first, then the visit and its
// decision are stored in one transaction. `also`, when given, is called inside that transaction
// with the visit (its id set) and its decision: whatever it throws undoes the whole (the service
// logs the decision there, so that a visit is never recorded without its log entry). Returns the
// visit's id.
std::int64_t record_visit(Store& store, const RulebaseArchive& archive, const Rulebase& rulebase,
                          const Profile& profile, Visit v,
                          const std::function<void(const Visit&, const Decision&)>& also = {});

// A stored decision computed again from its kept rulebase: `again` is the new computation;
// `same` says whether its result has the stored bytes. StoreError NotFound or Corrupt when the
// rulebase is not kept, or not whole.
struct Recomputed {
  Decision again;
  bool same = false;
};
Recomputed recompute(const RulebaseArchive& archive, const Visit& v, const Decision& stored);

}  // namespace puzle::store
