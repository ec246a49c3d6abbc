// engine layer (rendering): the text an agent reads before a visit: grouped, aligned, short.
#include <algorithm>
#include <sstream>

#include "render/common.hpp"
#include "render/explain_model.hpp"
#include "text/display.hpp"

namespace puzle {
namespace {

// Text from the profile or the rules shown inside a line: a line break or a terminal escape in
// a name must not forge or colour a line of the output (each render ends with terminal_safe
// for the rest).
std::string one_line(const std::string& s) { return text::one_line(s); }
std::string label_of(const ir::Program& p, ir::NodeId node) { return one_line(explain::label(p, node)); }

using render::pad;
using render::width;

// The widest a roadmap column may get; `explain` shows the whole text.
constexpr std::size_t kLabelWidth = 48, kSourceWidth = 30, kSolutionWidth = 40;

// A long citation keeps its first part, the norm ("Llei 39/2015, art. 16" stays whole;
// "Reial decret 311/2022, Esquema Nacional de Seguretat, art. 2" becomes "Reial decret 311/2022").
std::string short_citation(const std::string& text) {
  const std::string source = one_line(text);
  if (width(source) <= kSourceWidth) return source;
  const auto comma = source.find(',');
  return render::clip(comma == std::string::npos ? source : source.substr(0, comma), kSourceWidth);
}

// "Provider · Solution" when it fits; else the solution's own label.
std::string short_solution(const ir::Program& p, ir::SolutionId s) {
  const std::string full = one_line(render::solution_label(p, s));
  if (width(full) <= kSolutionWidth) return full;
  const auto& sol = p.solutions[s];
  return render::clip(one_line(sol.labels.empty() ? sol.id : sol.labels.front().text), kSolutionWidth);
}

std::string header(const RenderInput& in) {
  const auto id = render::identity(in);
  std::vector<std::string> parts;
  for (const auto* s : {&id.name, &id.comarca, &id.province})
    if (!s->empty()) parts.push_back(one_line(*s));
  if (!id.population.empty()) parts.push_back(id.population + " inhabitants");
  std::string who;
  for (std::size_t i = 0; i < parts.size(); ++i) who += (i ? " · " : "") + parts[i];
  if (who.empty()) who = one_line(in.profile.source);
  return who + "   rulebase " + render::short_digest(in.result.rulebase_digest) + "…  profile " +
         render::short_digest(in.result.profile_digest) + "…  date " + in.result.date.to_string() + "\n";
}

// The rulebase's warnings on this profile, one line each, with the facts that raised them.
std::string warnings(const RenderInput& in) {
  std::string s;
  for (const ProfileWarning& w : in.result.warnings) s += one_line(render::warning_line(in, w)) + "\n";
  return s;
}

// The profile's warnings, then the evaluation's errors, one line each.
std::string warnings_and_errors(const RenderInput& in) {
  std::string s = warnings(in);
  for (const auto& e : in.result.errors) s += "error: " + one_line(error_text(in.rulebase.program(), e)) + "\n";
  return s;
}

std::string summary(const RenderInput& in) {
  std::size_t fit = 0, placed = 0;
  for (const auto& v : in.result.verdicts) {
    if (render::in_puzzle(v.status) || v.status == Status::InPlace) ++fit;
    if (v.status == Status::InPlace) ++placed;
  }
  const std::size_t pct = fit ? (placed * 100 + fit / 2) / fit : 0;
  std::string s = "Puzzle: " + std::to_string(fit) + " of " + std::to_string(in.result.verdicts.size()) +
                  " elements fit this municipality; " + std::to_string(placed) + " already in place (" +
                  std::to_string(pct) + " %)\n";
  return s + warnings_and_errors(in);
}

// What stops a blocked element's chain: "excluded" or "refused" (by the town hall).
std::string blocker_word(const RenderInput& in, const Verdict& v) {
  return in.result.verdicts[v.blocked_by.back()].status == Status::Refused ? "refused" : "excluded";
}

// ", overdue since 2023-12-01" or ", due 2027-01-01" for a duty with a date; "" otherwise.
std::string due_text(const Verdict& v) {
  if (v.status != Status::Required || v.due.empty()) return "";
  return (v.overdue ? ", overdue since " : ", due ") + v.due.to_string();
}

std::string status_text(const Verdict& v) {
  if (v.score_overflow) return std::string(status_name(v.status)) + ", score overflows";
  switch (v.status) {
    case Status::Suggested: return "score " + v.score.to_string();
    default: return status_name(v.status) + due_text(v);
  }
}

}  // namespace

std::string render_puzzle_text(const RenderInput& in) {
  const ir::Program& p = in.rulebase.program();
  std::string out = header(in) + summary(in);
  std::size_t label_w = 0;
  for (const auto& e : p.elements) label_w = std::max(label_w, width(label_of(p, e.node)));
  for (ir::AreaId a = 0; a < p.areas.size(); ++a) {
    const ir::Node& area = p.nodes[p.areas[a]];
    std::size_t total = 0, covered = 0;
    for (ir::ElementId e = 0; e < p.elements.size(); ++e)
      if (p.elements[e].area == a) {
        ++total;
        const Status s = in.result.verdicts[e].status;
        if (s == Status::InPlace || render::in_puzzle(s)) ++covered;
      }
    out += "\n" + label_of(p, p.areas[a]) + " (" + std::to_string(covered) + " of " + std::to_string(total) +
           " in the puzzle or in place)\n";
    for (ir::NodeId d : area.children)
      for (ir::NodeId b : p.nodes[d].children) {
        out += "  " + label_of(p, d) + " › " + label_of(p, b) + "\n";
        for (ir::NodeId n : p.nodes[b].children) {
          const ir::ElementId e = p.nodes[n].element;
          const Verdict& v = in.result.verdicts[e];
          std::string line = "    " + pad(label_of(p, n), label_w) + "  " + status_text(v);
          if (v.status == Status::Needed && !v.needed_by.empty())
            line += " (by " + p.element_node(v.needed_by.front()).id + (v.needed_by.size() > 1 ? ", …" : "") + ")";
          if (v.status == Status::Blocked && !v.blocked_by.empty())
            line += " (" + p.element_node(v.blocked_by.back()).id + " is " + blocker_word(in, v) + ")";
          out += line + "\n";
        }
      }
  }
  return out;
}

// "4 of 4 · effort 5.5 of 6": what the phase holds and uses, against the limits computed for
// this profile; a phase without limits shows how many elements it holds.
std::string capacity_text(const PhaseCapacity& c) {
  std::string s = std::to_string(c.placed);
  if (c.size) s += " of " + c.size->to_string();
  if (c.effort) s += " · effort " + c.effort_used.to_string() + " of " + c.effort->to_string();
  if (c.budget) s += " · budget " + c.budget_used.to_string(2) + " of " + c.budget->to_string(2) + " €";
  return s;
}

// An aspirational phase, by area: how many elements of each it holds, and how many of them are
// duties, in the order of the areas; `--format json` lists them one by one.
std::string aspirational_text(const RenderInput& in, ir::PhaseId ph) {
  const ir::Program& p = in.rulebase.program();
  std::vector<std::size_t> count(p.areas.size()), duties(p.areas.size());
  for (const auto& pl : in.result.roadmap.placements) {
    if (pl.phase != ph) continue;
    ++count[p.elements[pl.element].area];
    duties[p.elements[pl.element].area] += in.result.verdicts[pl.element].status == Status::Required;
  }
  std::size_t w = 0;
  for (ir::AreaId a = 0; a < p.areas.size(); ++a)
    if (count[a]) w = std::max(w, width(label_of(p, p.areas[a])));
  std::string out;
  for (ir::AreaId a = 0; a < p.areas.size(); ++a) {
    if (!count[a]) continue;
    out += "  " + pad(label_of(p, p.areas[a]), w) + "  " + std::to_string(count[a]) +
           (count[a] == 1 ? " element" : " elements");
    if (duties[a]) out += ", " + std::to_string(duties[a]) + " required";
    out += "\n";
  }
  return out;
}

std::string render_roadmap_text(const RenderInput& in) {
  const ir::Program& p = in.rulebase.program();
  std::string out = header(in) + summary(in);
  if (p.phases.empty()) return out + "\nThe rulebase declares no roadmap.\n";
  for (const Verdict& v : in.result.verdicts)
    if (v.score_overflow)
      return out + "\nNo roadmap: a score overflowed, so no order of the elements can be trusted.\n";
  for (const EvalError& e : in.result.errors)
    if (e.kind == EvalError::Kind::PriorityOverflow)
      return out + "\nNo roadmap: a priority overflowed, so no order of the elements can be trusted.\n";
  if (in.result.roadmap.capacity.size() != p.phases.size())
    return out + "\nNo roadmap: the phase limits could not be computed for this profile.\n";
  const auto& pls = in.result.roadmap.placements;
  // Columns: rank, label, status, legal basis, solution, needed by.
  struct Row {
    std::string rank, label, status, source, solution, needed;
  };
  std::vector<std::vector<Row>> phases(p.phases.size());
  std::size_t w[5] = {0, 0, 0, 0, 0};
  for (const auto& pl : pls) {
    if (in.result.roadmap.aspirational(pl.phase)) continue;  // counted by area below
    const Verdict& v = in.result.verdicts[pl.element];
    Row r;
    r.rank = std::to_string(pl.rank);
    r.label = render::clip(label_of(p, p.elements[pl.element].node), kLabelWidth);
    r.status = v.status == Status::Suggested ? "score " + v.score.to_string() : status_name(v.status);
    if (v.overdue) r.status += " · overdue";
    if (pl.reason == Placement::Reason::InProgress) r.status += " · under way";
    if (pl.reason == Placement::Reason::Objective) r.status += " · objective";
    if (pl.reason == Placement::Reason::OverCapacity) r.status += " · over " + std::string(limit_name(pl.limit));
    if (pl.reason == Placement::Reason::PulledBy) r.status += " · part of " + p.element_node(pl.pulled_by).id;
    auto sources = render::legal_sources(in, pl.element);
    r.source = sources.empty() ? "" : short_citation(sources.front());
    r.solution = v.solutions.empty() ? "" : short_solution(p, v.solutions.front());
    if (!v.needed_by.empty()) r.needed = "needed by " + std::to_string(v.needed_by.size());
    w[0] = std::max(w[0], width(r.rank));
    w[1] = std::max(w[1], width(r.label));
    w[2] = std::max(w[2], width(r.status));
    w[3] = std::max(w[3], width(r.source));
    w[4] = std::max(w[4], width(r.solution));
    phases[pl.phase].push_back(std::move(r));
  }
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    const auto& phase = p.phases[ph];
    if (in.result.roadmap.aspirational(ph)) {
      out +=
          "\nPhase " + std::to_string(ph + 1) + " · " + one_line(phase.label.empty() ? phase.id : phase.label) +
          " (aspirational: " +
          std::to_string(std::count_if(pls.begin(), pls.end(), [&](const Placement& pl) { return pl.phase == ph; })) +
          ")\n" + aspirational_text(in, ph);
      continue;
    }
    out += "\nPhase " + std::to_string(ph + 1) + " · " + one_line(phase.label.empty() ? phase.id : phase.label) + " (" +
           capacity_text(in.result.roadmap.capacity[ph]) + ")\n";
    for (const auto& r : phases[ph]) {
      std::string line = "  " + std::string(w[0] - width(r.rank), ' ') + r.rank + "  " + pad(r.label, w[1]) + "  " +
                         pad(r.status, w[2]) + "  " + pad(r.source, w[3]) + "  " + pad(r.solution, w[4]) + "  " +
                         r.needed;
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  if (!in.result.roadmap.unscheduled.empty()) {
    out += "\nNot scheduled (no phase had room):";
    for (auto e : in.result.roadmap.unscheduled) out += " " + p.element_node(e).id;
    out += "\n";
  }
  if (!in.result.roadmap.notes.empty()) {
    out += "\nNotes:\n";
    for (const RoadmapNote& n : in.result.roadmap.notes) out += "  " + one_line(explain::note_text(in, n)) + "\n";
  }
  return out;
}

std::string render_explain_text(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  const Verdict& v = in.result.verdicts[e];
  const ir::Node& n = p.element_node(e);
  std::string out = label_of(p, p.elements[e].node) + "   " + n.path + "\n";
  out += "  status: " + std::string(status_name(v.status));
  if (v.score_overflow)
    out += ", score overflows";
  else if (v.status == Status::Suggested || !v.score.is_zero())
    out += ", score " + v.score.to_string();
  out += due_text(v) + "\n";
  std::string decided;
  for (const auto& d : explain::town_hall_decisions(v)) decided += (decided.empty() ? "" : ", ") + d;
  if (!decided.empty()) out += "  town hall: " + decided + "\n";
  auto acts = explain::acts(in, e);
  std::size_t w = 0;
  for (const auto& a : acts) w = std::max(w, width(a.rule));
  for (const auto& a : acts) {
    const std::string what = a.weight.empty() ? a.effect : a.weight;
    out += "  " + pad(what, 9) + " " + pad(a.rule, w) + "  " + one_line(a.at.file) + ":" + std::to_string(a.at.line) +
           "\n";
    if (!a.binding.empty()) out += "            for " + one_line(a.binding) + "\n";
    if (!a.condition.empty()) out += "            " + one_line(a.condition) + " → true\n";
    for (const auto& f : a.facts) out += "            " + f.name + " = " + one_line(f.value) + "\n";
    if (!a.because.empty()) out += "            \"" + one_line(a.because) + "\"\n";
    for (const auto& s : a.sources) out += "            source: " + one_line(s) + "\n";
  }
  if (acts.empty()) out += "  no rule acted on it\n";
  if (v.contributions_count > 0 && !v.score_overflow) {
    std::string parts;
    for (const auto& a : acts)
      if (!a.weight.empty()) parts += (parts.empty() ? "" : " ") + a.weight + " (" + a.rule + ")";
    if (!parts.empty()) out += "  score " + v.score.to_string() + " = " + parts + "\n";
  }
  if (!v.needed_by.empty()) {
    out += "  needed by:";
    for (auto d : v.needed_by) out += " " + p.element_node(d).id;
    out += "\n";
  }
  if (!v.blocked_by.empty()) {
    out += "  blocked: lacks";
    for (auto b : v.blocked_by) out += " " + p.element_node(b).id;
    out += " (" + blocker_word(in, v) + ")\n";
  }
  if (render::in_puzzle(v.status)) {
    out += "  roadmap: " + explain::placement_reason(in, e) + "\n";
    if (const auto rank = explain::rank_text(explain::rank(in, e)); !rank.empty()) out += "  rank: " + rank + "\n";
  }
  for (auto s : v.solutions)
    out += "  covered by " + one_line(render::solution_label(p, s)) + " (" + render::solution_terms(in, s) + ")\n";
  return out + warnings_and_errors(in);
}

std::string render_why_not_text(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  const Verdict& v = in.result.verdicts[e];
  const std::string name = label_of(p, p.elements[e].node);
  const std::string town = one_line(render::identity(in).name);
  const std::string who = town.empty() ? "this municipality" : town;
  std::string out;
  switch (v.status) {
    case Status::InPlace: return name + " is already in place in " + who + ".\n";
    case Status::Required:
    case Status::Suggested:
    case Status::Needed:
      return name + " is in the puzzle of " + who + " (" + status_name(v.status) + "); `puzle explain " +
             p.element_node(e).id + "` says why.\n";
    default: break;
  }
  out = name + " is not suggested for " + who + ":\n";
  if (v.status == Status::Refused) out += "  refused   the town hall refused it (the profile's refused)\n";
  if (v.status == Status::Blocked) {
    out += "  blocked   it needs";
    for (auto b : v.blocked_by) out += " " + p.element_node(b).id;
    out += ", which is " + blocker_word(in, v) + "\n";
  }
  for (const auto& a : explain::acts(in, e)) {
    if (a.effect == "exclude")
      out += "  excluded  " + a.rule + "  " + one_line(a.at.file) + ":" + std::to_string(a.at.line) +
             (a.because.empty() ? "" : "  \"" + one_line(a.because) + "\"") + "\n";
    else if (a.effect == "penalize")
      out += "  " + a.weight + "  " + a.rule + "  " + one_line(a.at.file) + ":" + std::to_string(a.at.line) + "\n";
  }
  if (v.declared_need && v.status == Status::Excluded)
    out += "  vetoed    a need the town hall declared, with score " + v.score.to_string() +
           ", which the exclusion vetoes\n";
  if (v.score_overflow)
    out += "  its score overflows\n";
  else if (v.proposed && !(v.score > Decimal()))
    out += "  its score is " + v.score.to_string() + ", not above 0\n";
  for (const auto& m : explain::misses(in, e)) {
    std::string facts;
    for (const auto& f : m.facts) facts += (facts.empty() ? "" : ", ") + f.name + " = " + one_line(f.value);
    out += "  not fired " + m.rule + "  " + one_line(m.at.file) + ":" + std::to_string(m.at.line) + "  " +
           one_line(m.reason) + (facts.empty() ? "" : " (" + facts + ")") + "\n";
  }
  if (out.find('\n') == out.size() - 1) out += "  no rule suggests it\n";
  return out + warnings_and_errors(in);
}

}  // namespace puzle
