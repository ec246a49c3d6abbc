// service layer: a logged decision computed again (decision_log.hpp, replay), with the code the
// service answered it with (answer.hpp).
#include <nlohmann/json.hpp>

#include "answer.hpp"
#include "puzle/decision_log.hpp"
#include "puzle/digest.hpp"
#include "puzle/profile.hpp"
#include "puzle/store.hpp"

namespace puzle::log {

Replayed replay(const store::RulebaseArchive& archive, const Entry& e,
                const std::map<std::string, std::string>& unmask) {
  Replayed r;
  try {
    const Rulebase rb = archive.load(e.rulebase);
    const auto view = service::view_named(e.view);
    const auto date = Date::parse(e.date);
    if (!view || !date) {
      r.problem = "the entry's view '" + e.view + "' or date '" + e.date + "' is not one puzle writes";
      return r;
    }
    ir::ElementId element = ir::kNone;
    if (!e.element.empty() && (element = rb.find_element(e.element)) == ir::kNone) {
      r.problem = "the rulebase has no element '" + e.element + "'";
      return r;
    }
    std::string why;
    const auto profile = unmask_profile(e, unmask, why);
    if (!profile) {
      r.problem = why;
      return r;
    }
    const ProfileLoad load = load_profile(rb, e.source, *profile);
    if (!load.profile) {
      r.problem = "the logged profile does not load with its rulebase";
      return r;
    }
    if (load.profile->digest != e.profile_digest) {
      r.problem = "the logged profile's digest is not the entry's";
      return r;
    }
    const CompactExplainer explainer(rb);
    const service::Answer a = service::answer(rb, *load.profile, *date, *view, element, &explainer);
    r.result_digest = sha256_hex(a.body);
    r.same = r.result_digest == e.result_digest;
    // Compared as JSON values: the entry's was read back from its line.
    r.explain_same = e.explain.empty() || nlohmann::json::parse(a.explain) == nlohmann::json::parse(e.explain);
  } catch (const store::StoreError& x) {
    r.problem = x.what();
  }
  return r;
}

}  // namespace puzle::log
