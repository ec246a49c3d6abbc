// store layer: a town hall's history for people (text) and programs (JSON, docs/json.md).
#include <nlohmann/json.hpp>

#include "puzle/history.hpp"

namespace puzle::store {
namespace {

using J = nlohmann::ordered_json;

// The element's own id: the last part of its path.
std::string short_id(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string list(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : ", ") + short_id(p);
  return out;
}

std::string standing_text(const Standing& s) {
  if (s.status == "absent") return "not in the rules";
  std::string out = s.status;
  for (char& c : out)
    if (c == '_') c = ' ';
  return s.phase.empty() ? out : out + " (" + s.phase + ")";
}

std::string factor_text(Factor f) {
  switch (f) {
    case Factor::TownHall: return "town hall";
    case Factor::Rules: return "rules";
    case Factor::Calendar: return "calendar";
  }
  return "?";
}

// "town hall" / "town hall + rules" (together) / "town hall | rules" (either).
std::string causes_text(const History::Change& c) {
  std::string out;
  for (const auto& set : c.causes) {
    std::string one;
    for (Factor f : set) one += (one.empty() ? "" : " + ") + factor_text(f);
    out += (out.empty() ? "" : " | ") + one;
  }
  if (c.undetermined) out += out.empty() ? "undetermined" : " (others undetermined)";
  return out;
}

J standing_json(const Standing& s) { return J{{"status", s.status}, {"phase", s.phase}}; }

}  // namespace

std::string render_history_text(const History& h) {
  std::string o = h.municipality + ": " + std::to_string(h.visits.size()) + " visit(s)\n";
  for (const auto& v : h.visits) {
    o += "\nvisit #" + std::to_string(v.id) + "  " + v.date + (v.agent.empty() ? "" : "  " + v.agent) + "  rulebase " +
         v.rulebase_digest.substr(0, 12) + "\n";
    if (!v.problem.empty()) {
      o += "  cannot be read: " + v.problem + "\n";
      continue;
    }
    o += "  fit: " + std::to_string(v.fit) + " elements, " + std::to_string(v.in_place.size()) +
         " in place; objectives: " + (v.objectives.empty() ? "none" : list(v.objectives)) + "\n";
    if (!v.in_progress.empty()) o += "  under way: " + list(v.in_progress) + "\n";
    if (!v.refused.empty()) o += "  refused: " + list(v.refused) + "\n";
  }
  // Maturity per area over the visits that could be read, one column per visit.
  std::vector<const History::Visit*> read;
  for (const auto& v : h.visits)
    if (v.problem.empty() && !v.maturity.empty()) read.push_back(&v);
  if (!read.empty()) {
    o += "\nmaturity";
    std::size_t width = 8;
    for (const auto& [area, _] : read.front()->maturity) width = std::max(width, area.size());
    o += std::string(width - 8, ' ');
    for (const auto* v : read) o += "  " + v->date;
    o += "\n";
    std::vector<std::string> areas;
    for (const auto* v : read)
      for (const auto& [area, _] : v->maturity)
        if (std::find(areas.begin(), areas.end(), area) == areas.end()) areas.push_back(area);
    for (const auto& area : areas) {
      o += area + std::string(width - area.size(), ' ');
      for (const auto* v : read) {
        std::string level = "-";
        for (const auto& [a, l] : v->maturity)
          if (a == area) level = l;
        o += "  " + std::string(10 - std::min<std::size_t>(10, level.size()), ' ') + level;
      }
      o += "\n";
    }
  }
  for (const auto& st : h.steps) {
    o += "\n#" + std::to_string(st.from) + " → #" + std::to_string(st.to) + ": ";
    if (st.changed.empty()) o += "nothing changed (same profile, rules and date)";
    for (std::size_t i = 0; i < st.changed.size(); ++i)
      o += (i ? ", " : "") + factor_text(st.changed[i]) + (st.changed[i] == Factor::TownHall ? " (profile)" : "");
    o += st.changed.empty() ? "\n" : " changed\n";
    auto line = [&](const char* what, const std::vector<std::string>& paths) {
      if (!paths.empty()) o += std::string("  ") + what + ": " + list(paths) + "\n";
    };
    line("into place", st.into_place);
    line("no longer in place", st.out_of_place);
    line("objectives met", st.objectives_met);
    line("objectives dropped", st.objectives_dropped);
    line("objectives agreed", st.objectives_agreed);
    for (const auto& p : st.problems) o += "  note: " + p + "\n";
    if (st.changes.empty()) {
      o += "  the recommendation did not change\n";
      continue;
    }
    o += "  the recommendation changed for " + std::to_string(st.changes.size()) + " element(s):\n";
    std::size_t w1 = 0, w2 = 0;
    for (const auto& c : st.changes) {
      w1 = std::max(w1, short_id(c.element).size());
      w2 = std::max(w2, standing_text(c.before).size() + 3 + standing_text(c.after).size());
    }
    for (const auto& c : st.changes) {
      const std::string id = short_id(c.element), move = standing_text(c.before) + " → " + standing_text(c.after);
      // "→" is one column wide but three bytes: pad by what the eye sees.
      o += "    " + id + std::string(w1 - id.size(), ' ') + "  " + move + std::string(w2 - (move.size() - 2), ' ') +
           "  " + causes_text(c) + "\n";
    }
  }
  return o;
}

std::string render_history_json(const History& h) {
  J visits = J::array();
  for (const auto& v : h.visits) {
    J j{{"id", v.id},
        {"date", v.date},
        {"agent", v.agent},
        {"rulebase_digest", v.rulebase_digest},
        {"profile_digest", v.profile_digest}};
    if (!v.problem.empty()) {
      j["problem"] = v.problem;
    } else {
      J m = J::object();
      for (const auto& [area, level] : v.maturity) m[area] = J::parse(level);
      j["maturity"] = m;
      j["in_place"] = v.in_place;
      j["objectives"] = v.objectives;
      j["in_progress"] = v.in_progress;
      j["refused"] = v.refused;
      j["fit"] = v.fit;
    }
    visits.push_back(std::move(j));
  }
  J steps = J::array();
  for (const auto& st : h.steps) {
    J changed = J::array();
    for (Factor f : st.changed) changed.push_back(factor_name(f));
    J changes = J::array();
    for (const auto& c : st.changes) {
      J causes = J::array();
      for (const auto& set : c.causes) {
        J one = J::array();
        for (Factor f : set) one.push_back(factor_name(f));
        causes.push_back(std::move(one));
      }
      changes.push_back(J{{"element", c.element},
                          {"label", c.label},
                          {"before", standing_json(c.before)},
                          {"after", standing_json(c.after)},
                          {"causes", std::move(causes)},
                          {"undetermined", c.undetermined}});
    }
    steps.push_back(J{{"from", st.from},
                      {"to", st.to},
                      {"changed", std::move(changed)},
                      {"into_place", st.into_place},
                      {"out_of_place", st.out_of_place},
                      {"objectives_met", st.objectives_met},
                      {"objectives_dropped", st.objectives_dropped},
                      {"objectives_agreed", st.objectives_agreed},
                      {"problems", st.problems},
                      {"changes", std::move(changes)}});
  }
  const J out{{"municipality", h.municipality}, {"visits", std::move(visits)}, {"steps", std::move(steps)}};
  return out.dump(2, ' ', false, J::error_handler_t::replace) + "\n";
}

}  // namespace puzle::store
