// store layer: the decision recorded with a visit (include/puzle/decision.hpp).
#include "puzle/decision.hpp"

#include "puzle/date.hpp"
#include "puzle/digest.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/render.hpp"
#include "puzle/version.hpp"

namespace puzle::store {

std::string visit_source(std::int64_t visit_id) { return "visit " + std::to_string(visit_id); }

ProfileLoad load_visit_profile(const Rulebase& rulebase, const Visit& v) {
  return load_profile(rulebase, visit_source(v.id), v.profile);
}

Decision decide(const Rulebase& rulebase, const Visit& v) {
  const ProfileLoad load = load_visit_profile(rulebase, v);
  if (!load.profile)
    throw StoreError(StoreError::Kind::Invalid, visit_source(v.id) + ": the profile does not fit the rulebase " +
                                                    rulebase.digest().substr(0, 12) + "…");
  const auto date = Date::parse(v.date);
  if (!date) throw StoreError(StoreError::Kind::Invalid, visit_source(v.id) + ": '" + v.date + "' is not a date");
  EvalOptions eo;
  eo.date = *date;
  const EvalResult result = evaluate(rulebase, *load.profile, eo);
  if (!result.errors.empty())
    throw StoreError(StoreError::Kind::Invalid, visit_source(v.id) + ": the evaluation failed: " +
                                                    error_text(rulebase.program(), result.errors.front()));
  Decision d;
  d.visit = v.id;
  d.rulebase_digest = rulebase.digest();
  d.engine_version = kVersion;
  d.profile_digest = load.profile->digest;
  d.date = v.date;
  d.result = render_json({rulebase, *load.profile, result}, JsonView::Roadmap);
  d.result_digest = sha256_hex(d.result);
  return d;
}

std::int64_t record_visit(Store& store, const RulebaseArchive& archive, const Rulebase& rulebase,
                          const Profile& profile, Visit v,
                          const std::function<void(const Visit&, const Decision&)>& also) {
  if (!store.municipality(v.municipality))
    throw StoreError(StoreError::Kind::NotFound, "no municipality with the code '" + v.municipality + "'");
  const ir::Program& p = rulebase.program();
  if (p.key_field != ir::kNone) {
    const ir::Value& key = profile.values[p.key_field];
    if (key.kind == ir::TypeKind::Text && !key.text.empty() && key.text != v.municipality)
      throw StoreError(StoreError::Kind::Invalid, profile.source + ": " + p.fields[p.key_field].name + " is \"" +
                                                      key.text + "\", not the municipality visited (" + v.municipality +
                                                      ")");
  }
  v.profile_digest = profile.digest;
  v.rulebase_digest = rulebase.digest();
  // Kept before the visit names it: a decision never points at nothing.
  archive.keep(rulebase);
  return store.add_visit(v, [&](std::int64_t visit_id) {
    v.id = visit_id;
    Decision d = decide(rulebase, v);
    if (also) also(v, d);
    return d;
  });
}

Recomputed recompute(const RulebaseArchive& archive, const Visit& v, const Decision& stored) {
  Recomputed r;
  r.again = decide(archive.load(stored.rulebase_digest), v);
  r.again.id = stored.id;
  r.same = r.again.result == stored.result;
  return r;
}

}  // namespace puzle::store
