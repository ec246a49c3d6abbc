// store layer: a town hall's history over its visits (include/puzle/history.hpp). Each visit
// is read with its own rulebase; between two visits, every combination of the factors that
// changed is evaluated once, and each element's change is put down to the smallest
// combinations that alone reproduce it.
#include "puzle/history.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "puzle/date.hpp"
#include "puzle/decision.hpp"
#include "puzle/evaluate.hpp"

namespace puzle::store {

const char* factor_name(Factor f) {
  switch (f) {
    case Factor::TownHall: return "town_hall";
    case Factor::Rules: return "rules";
    case Factor::Calendar: return "calendar";
  }
  return "?";
}

namespace {

using Mask = unsigned;  // a set of factors: bit i is Factor(i)
constexpr Mask bit(Factor f) { return Mask{1} << static_cast<unsigned>(f); }

using Standings = std::map<std::string, Standing>;  // by element path

// A visit read with its own rulebase, on its own date.
struct Reading {
  const store::Visit* visit = nullptr;
  const Rulebase* rulebase = nullptr;
  std::optional<Profile> profile;
  Date date;
  EvalResult result;
};

std::optional<ir::FieldId> field_named(const ir::Program& p, const std::string& name) {
  for (ir::FieldId f = 0; f < p.fields.size(); ++f)
    if (p.fields[f].name == name) return f;
  return std::nullopt;
}

// The element paths of a set<element> field of the profile (empty when the schema has none).
std::vector<std::string> paths_in(const Rulebase& rb, const Profile& pr, const char* field) {
  const ir::Program& p = rb.program();
  std::vector<std::string> out;
  const auto f = field_named(p, field);
  if (!f || pr.values[*f].kind != ir::TypeKind::Set) return out;
  for (ir::ElementId e : pr.values[*f].elements) out.push_back(p.element_node(e).path);
  std::sort(out.begin(), out.end());
  return out;
}

Standings standings_of(const Rulebase& rb, const EvalResult& r) {
  const ir::Program& p = rb.program();
  std::vector<std::string> phase(p.elements.size());
  for (const auto& pl : r.roadmap.placements) phase[pl.element] = p.phases[pl.phase].id;
  for (auto e : r.roadmap.unscheduled) phase[e] = "unscheduled";
  Standings out;
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    out.emplace(p.element_node(e).path, Standing{status_name(r.verdicts[e].status), phase[e]});
  return out;
}

Standing standing_in(const Standings& s, const std::string& path) {
  const auto it = s.find(path);
  return it == s.end() ? Standing{"absent", ""} : it->second;
}

std::string label_of(const ir::Node& n) { return n.labels.empty() ? n.id : n.labels.front().text; }

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<std::string> both(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// A visit's profile read with another rulebase, as the issue asks: re-validated against the
// other schema. A fact that schema lacks is left out, a fact only it has takes its default, and
// either is said; a profile it refuses cannot be evaluated with it, and that is said too.
std::optional<Profile> reread(const Rulebase& other, const Rulebase& own, const store::Visit& v, const char* rules,
                              std::vector<std::string>& problems) {
  const std::string who = visit_source(v.id);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(v.profile, nullptr, false);
  if (!j.is_object()) {
    problems.push_back(who + ": its profile is not a JSON object");
    return std::nullopt;
  }
  const ir::Program& p = other.program();
  for (auto it = j.begin(); it != j.end();) {
    if (!field_named(p, it.key())) {
      problems.push_back(who + ": `" + it.key() + "` is a fact " + rules + " do not have: not read with them");
      it = j.erase(it);
    } else {
      ++it;
    }
  }
  for (const ir::Field& f : p.fields)
    if (!j.contains(f.name) && !field_named(own.program(), f.name) && f.default_value)
      problems.push_back(who + " does not record `" + f.name + "`, which " + rules +
                         " read: taken as its default with them");
  ProfileLoad load = load_profile(other, who, j.dump());
  if (!load.profile)
    for (const auto& d : load.diagnostics.items())
      if (d.severity == Severity::Error)
        problems.push_back(who + " cannot be read with " + rules + ": " + std::string(code_info(d.code).id) + " " +
                           d.message);
  return std::move(load.profile);
}

// Everything between two readings: progress from the profiles, and the attribution of changes.
History::Step compare(const Reading& a, const Reading& b) {
  History::Step st;
  st.from = a.visit->id;
  st.to = b.visit->id;
  Mask changed = 0;
  if (a.profile->digest != b.profile->digest) changed |= bit(Factor::TownHall);
  if (a.rulebase->digest() != b.rulebase->digest()) changed |= bit(Factor::Rules);
  if (a.date != b.date) changed |= bit(Factor::Calendar);
  for (std::size_t f = 0; f < kFactorCount; ++f)
    if (changed & bit(Factor(f))) st.changed.push_back(Factor(f));

  const auto in_a = paths_in(*a.rulebase, *a.profile, "in_place"), in_b = paths_in(*b.rulebase, *b.profile, "in_place");
  const auto obj_a = paths_in(*a.rulebase, *a.profile, "objectives"),
             obj_b = paths_in(*b.rulebase, *b.profile, "objectives");
  st.into_place = minus(in_b, in_a);
  st.out_of_place = minus(in_a, in_b);
  st.objectives_met = both(obj_a, in_b);
  st.objectives_dropped = minus(minus(obj_a, obj_b), in_b);
  st.objectives_agreed = minus(obj_b, obj_a);

  // The profiles each rulebase reads: its own visit's, and the other visit's re-validated.
  std::optional<Profile> old_in_new, new_in_old;
  if (changed & bit(Factor::Rules)) {
    if (changed & bit(Factor::TownHall))
      new_in_old = reread(*a.rulebase, *b.rulebase, *b.visit, "the older rules", st.problems);
    old_in_new = reread(*b.rulebase, *a.rulebase, *a.visit, "the newer rules", st.problems);
  }
  // Every combination of the changed factors, evaluated once.
  std::map<Mask, std::optional<Standings>> cells;
  cells[0] = standings_of(*a.rulebase, a.result);
  cells[changed] = standings_of(*b.rulebase, b.result);
  for (Mask s = 1; s < changed; ++s) {
    if ((s & changed) != s) continue;
    const bool new_rules = s & bit(Factor::Rules), new_profile = s & bit(Factor::TownHall);
    const Rulebase& rb = new_rules ? *b.rulebase : *a.rulebase;
    const std::optional<Profile>& pr =
        new_rules ? (new_profile ? b.profile : old_in_new)
                  : (new_profile ? (changed & bit(Factor::Rules) ? new_in_old : b.profile) : a.profile);
    if (!pr) {
      cells[s] = std::nullopt;
      continue;
    }
    EvalOptions eo;
    eo.date = s & bit(Factor::Calendar) ? b.date : a.date;
    eo.trace = EvalOptions::Trace::Fired;
    const EvalResult r = evaluate(rb, *pr, eo);
    if (!r.errors.empty()) {
      st.problems.push_back("visit " + std::to_string((new_profile ? b : a).visit->id) + " evaluated with the " +
                            (new_rules ? "newer" : "older") +
                            " rules fails: " + error_text(rb.program(), r.errors.front()));
      cells[s] = std::nullopt;
      continue;
    }
    cells[s] = standings_of(rb, r);
  }
  // The subsets in the order minimality needs: fewer factors first.
  std::vector<Mask> subsets;
  for (Mask s = 1; s <= changed; ++s)
    if ((s & changed) == s) subsets.push_back(s);
  std::stable_sort(subsets.begin(), subsets.end(), [](Mask x, Mask y) { return std::popcount(x) < std::popcount(y); });

  std::set<std::string> paths;
  for (const auto& [path, _] : *cells[0]) paths.insert(path);
  for (const auto& [path, _] : *cells[changed]) paths.insert(path);
  const ir::Program& pb = b.rulebase->program();
  const ir::Program& pa = a.rulebase->program();
  for (const std::string& path : paths) {
    History::Change c;
    c.element = path;
    c.before = standing_in(*cells[0], path);
    c.after = standing_in(*cells[changed], path);
    if (c.before == c.after) continue;
    const ir::ElementId eb = b.rulebase->find_element(path), ea = a.rulebase->find_element(path);
    c.label = eb != ir::kNone ? label_of(pb.element_node(eb)) : ea != ir::kNone ? label_of(pa.element_node(ea)) : path;
    std::vector<Mask> found;
    for (Mask s : subsets) {
      if (std::any_of(found.begin(), found.end(), [&](Mask f) { return (f & s) == f; })) continue;
      if (!cells[s]) {
        c.undetermined = true;
        continue;
      }
      if (standing_in(*cells[s], path) != c.after) continue;
      found.push_back(s);
      std::vector<Factor> cause;
      for (std::size_t f = 0; f < kFactorCount; ++f)
        if (s & bit(Factor(f))) cause.push_back(Factor(f));
      c.causes.push_back(std::move(cause));
    }
    st.changes.push_back(std::move(c));
  }
  return st;
}

}  // namespace

History town_history(const Store& store, const RulebaseArchive& archive, const std::string& code,
                     std::optional<std::pair<std::int64_t, std::int64_t>> between) {
  if (!store.municipality(code))
    throw StoreError(StoreError::Kind::NotFound, "no municipality with the code '" + code + "'");
  History h;
  h.municipality = code;
  const std::vector<store::Visit> visits = store.visits_of(code);
  std::map<std::string, std::optional<Rulebase>> rulebases;  // by digest; nullopt: not kept
  std::map<std::string, std::string> rulebase_problems;
  std::vector<Reading> readings;
  for (const store::Visit& v : visits) {
    History::Visit hv;
    hv.id = v.id;
    hv.date = v.date;
    hv.agent = v.agent;
    hv.rulebase_digest = v.rulebase_digest;
    hv.profile_digest = v.profile_digest;
    if (!rulebases.contains(v.rulebase_digest)) {
      try {
        rulebases[v.rulebase_digest] = archive.load(v.rulebase_digest);
      } catch (const StoreError& e) {
        rulebases[v.rulebase_digest] = std::nullopt;
        rulebase_problems[v.rulebase_digest] = e.what();
      }
    }
    const std::optional<Rulebase>& rb = rulebases[v.rulebase_digest];
    Reading r;
    r.visit = &v;
    if (!rb) {
      hv.problem = rulebase_problems[v.rulebase_digest];
    } else if (const auto date = Date::parse(v.date); !date) {
      hv.problem = "'" + v.date + "' is not a date";
    } else {
      r.rulebase = &*rb;
      r.date = *date;
      r.profile = load_visit_profile(*rb, v).profile;
      if (!r.profile) {
        hv.problem = visit_source(v.id) + ": its profile does not load with its own rulebase";
      } else {
        EvalOptions eo;
        eo.date = r.date;
        eo.trace = EvalOptions::Trace::Fired;
        r.result = evaluate(*rb, *r.profile, eo);
        if (!r.result.errors.empty())
          hv.problem = visit_source(v.id) + ": " + error_text(rb->program(), r.result.errors.front());
      }
    }
    if (hv.problem.empty()) {
      const ir::Program& p = rb->program();
      if (const auto f = field_named(p, "maturity"); f && p.fields[*f].type.kind == ir::TypeKind::PerAreaLevel)
        for (ir::AreaId ar = 0; ar < p.areas.size(); ++ar)
          hv.maturity.emplace_back(p.nodes[p.areas[ar]].id, r.profile->values[*f].levels[ar].to_string());
      hv.in_place = paths_in(*rb, *r.profile, "in_place");
      hv.objectives = paths_in(*rb, *r.profile, "objectives");
      hv.in_progress = paths_in(*rb, *r.profile, "in_progress");
      hv.refused = paths_in(*rb, *r.profile, "refused");
      for (const Verdict& vd : r.result.verdicts)
        hv.fit += in_puzzle(vd.status) || vd.status == Status::InPlace ? 1 : 0;
      readings.push_back(std::move(r));
    }
    h.visits.push_back(std::move(hv));
  }
  if (!between) {
    for (std::size_t i = 1; i < readings.size(); ++i) h.steps.push_back(compare(readings[i - 1], readings[i]));
    return h;
  }
  auto reading_of = [&](std::int64_t id) -> const Reading& {
    for (const auto& r : readings)
      if (r.visit->id == id) return r;
    for (const auto& v : h.visits)
      if (v.id == id)
        throw StoreError(StoreError::Kind::Invalid, "visit #" + std::to_string(id) + " cannot be read: " + v.problem);
    if (store.visit(id))
      throw StoreError(StoreError::Kind::Invalid, "visit #" + std::to_string(id) + " is not a visit to " + code);
    throw StoreError(StoreError::Kind::NotFound, "no visit #" + std::to_string(id));
  };
  const Reading &a = reading_of(between->first), &b = reading_of(between->second);
  h.steps.push_back(compare(a, b));
  return h;
}

}  // namespace puzle::store
