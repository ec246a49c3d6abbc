// store layer: the store's JSON (include/puzle/store_json.hpp), through nlohmann::ordered_json
// so that fields keep their documented order.
#include "puzle/store_json.hpp"

#include <nlohmann/json.hpp>

namespace puzle::store {
namespace {

using J = nlohmann::ordered_json;

J municipality_json(const Municipality& m) {
  return J{{"code", m.code},
           {"name", m.name},
           {"comarca", m.comarca},
           {"province", m.province},
           {"population", m.population}};
}

J visit_json(const Visit& v) {
  return J{{"id", v.id},
           {"municipality", v.municipality},
           {"date", v.date},
           {"agent", v.agent},
           {"notes", v.notes},
           {"profile_digest", v.profile_digest},
           {"rulebase_digest", v.rulebase_digest}};
}

J decision_json(const Decision& d) {
  return J{{"id", d.id},
           {"rulebase_digest", d.rulebase_digest},
           {"engine_version", d.engine_version},
           {"profile_digest", d.profile_digest},
           {"date", d.date},
           {"result_digest", d.result_digest}};
}

std::string dumped(const J& j) { return j.dump(2, ' ', false, J::error_handler_t::replace) + "\n"; }

}  // namespace

std::string render_municipalities_json(const std::vector<Municipality>& ms) {
  J out = J::array();
  for (const auto& m : ms) out.push_back(municipality_json(m));
  return dumped(out);
}

std::string render_town_json(const Municipality& m, const std::vector<Visit>& visits) {
  J j = municipality_json(m);
  j["visits"] = J::array();
  for (const auto& v : visits) j["visits"].push_back(visit_json(v));
  return dumped(j);
}

std::string render_visit_json(const Visit& v, const std::vector<Decision>& decisions) {
  J j = visit_json(v);
  // Stored only once validated: it parses. Should a damaged file say otherwise, it is shown as text.
  J profile = J::parse(v.profile, nullptr, false);
  j["profile"] = profile.is_discarded() ? J(v.profile) : profile;
  j["decisions"] = J::array();
  for (const auto& d : decisions) j["decisions"].push_back(decision_json(d));
  return dumped(j);
}

std::string render_recorded_json(std::int64_t id, const Decision& d) {
  return dumped(J{{"id", id}, {"decision", decision_json(d)}});
}

std::string render_verified_json(std::int64_t visit, const std::vector<Verified>& vs) {
  J out = J::array();
  for (const auto& v : vs) {
    J j = decision_json(v.stored);
    j["same"] = v.same;
    j["recomputed_digest"] = v.recomputed_digest;
    j["recomputed_engine_version"] = v.recomputed_engine;
    out.push_back(std::move(j));
  }
  return dumped(J{{"visit", visit}, {"decisions", std::move(out)}});
}

}  // namespace puzle::store
