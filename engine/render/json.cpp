// engine layer (rendering): the JSON form, documented field by field in docs/json.md. Decimals
// are strings (exact); keys are in a fixed order; the same inputs give the same bytes.
#include <nlohmann/json.hpp>

#include "render/common.hpp"
#include "render/explain_model.hpp"

namespace puzle {
namespace {

using J = nlohmann::ordered_json;

J where(const explain::Where& w) { return J{{"file", w.file}, {"line", w.line}}; }

J facts(const std::vector<explain::Fact>& fs) {
  J out = J::array();
  for (const auto& f : fs) out.push_back(J{{"name", f.name}, {"value", f.value}});
  return out;
}

J element_ref(const ir::Program& p, ir::ElementId e) {
  return J{
      {"id", p.element_node(e).id}, {"path", p.element_node(e).path}, {"label", explain::label(p, p.elements[e].node)}};
}

J ids(const ir::Program& p, const std::vector<ir::ElementId>& es) {
  J out = J::array();
  for (auto e : es) out.push_back(p.element_node(e).id);
  return out;
}

// In the order offered (Verdict::solutions), with what decides it: the municipality's own
// provider, and the cost (null when the rulebase states none).
J solutions(const RenderInput& in, const std::vector<ir::SolutionId>& ss) {
  const ir::Program& p = in.rulebase.program();
  J out = J::array();
  for (auto s : ss) {
    const auto& sol = p.solutions[s];
    out.push_back(J{{"id", sol.id},
                    {"label", sol.labels.empty() ? sol.id : sol.labels.front().text},
                    {"provider", sol.provider == ir::kNone ? "" : p.providers[sol.provider].id},
                    {"own_provider", render::own_provider(in, s)},
                    {"cost", sol.cost ? J(sol.cost->to_string()) : J(nullptr)}});
  }
  return out;
}

J envelope(const RenderInput& in) {
  const auto id = render::identity(in);
  J j;
  j["engine"] = J{{"name", "puzle"}, {"version", in.result.engine_version}};
  j["rulebase"] = J{{"digest", in.result.rulebase_digest}};
  j["profile"] = J{{"source", in.profile.source}, {"digest", in.result.profile_digest}};
  j["date"] = in.result.date.to_string();
  j["municipality"] =
      J{{"name", id.name}, {"comarca", id.comarca}, {"province", id.province}, {"population", id.population}};
  std::size_t fit = 0, placed = 0;
  for (const auto& v : in.result.verdicts) {
    if (render::in_puzzle(v.status) || v.status == Status::InPlace) ++fit;
    if (v.status == Status::InPlace) ++placed;
  }
  j["summary"] = J{{"elements", in.result.verdicts.size()}, {"fit", fit}, {"in_place", placed}};
  J errors = J::array();
  for (const auto& e : in.result.errors) errors.push_back(error_text(in.rulebase.program(), e));
  j["errors"] = errors;
  J warnings = J::array();
  for (const ProfileWarning& w : in.result.warnings) {
    const ir::Rule& decl = in.rulebase.program().warnings[w.warning];
    J facts = J::array();
    for (const auto& f : w.facts) facts.push_back(J{{"name", f.name}, {"value", f.value}});
    warnings.push_back(
        J{{"code", decl.id},
          {"title", decl.title},
          {"element", w.binding == ir::kNone ? J(nullptr) : J(in.rulebase.program().element_node(w.binding).id)},
          {"text", w.text},
          {"facts", facts}});
  }
  j["warnings"] = warnings;
  return j;
}

J verdict(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  const Verdict& v = in.result.verdicts[e];
  J j = element_ref(p, e);
  j["status"] = status_name(v.status);
  j["score"] = v.score_overflow ? J(nullptr) : J(v.score.to_string());  // an overflow is no number (see "errors")
  j["due"] = v.due.to_string();
  j["overdue"] = v.overdue;
  j["needed_by"] = ids(p, v.needed_by);
  j["blocked_by"] = ids(p, v.blocked_by);
  j["solutions"] = solutions(in, v.solutions);
  return j;
}

J puzzle(const RenderInput& in) {
  const ir::Program& p = in.rulebase.program();
  J areas = J::array();
  for (ir::AreaId a = 0; a < p.areas.size(); ++a) {
    J elements = J::array();
    for (ir::ElementId e = 0; e < p.elements.size(); ++e)
      if (p.elements[e].area == a) elements.push_back(verdict(in, e));
    areas.push_back(
        J{{"id", p.nodes[p.areas[a]].id}, {"label", explain::label(p, p.areas[a])}, {"elements", elements}});
  }
  return areas;
}

// The phase's limits for this profile, each with what the phase uses of it; a limit computed
// from the profile also gives its expression as written.
J limits(const RenderInput& in, ir::PhaseId ph) {
  const ir::Program& p = in.rulebase.program();
  const ir::Phase& phase = p.phases[ph];
  const PhaseCapacity& c = in.result.roadmap.capacity[ph];
  J out = J::object();
  // Amounts of money with cents, as element costs are shown.
  auto limit = [&](const char* name, const std::optional<Decimal>& max, const std::string& used, ir::ExprId computed) {
    if (!max) return;
    J l{{"max", max->to_string(name == std::string_view("budget") ? 2 : 0)}, {"used", used}};
    if (computed != ir::kNone) l["computed"] = explain::source_text(in.rulebase.sources(), p.exprs[computed].span);
    out[name] = std::move(l);
  };
  limit("size", c.size, std::to_string(c.placed), phase.size_expr);
  limit("effort", c.effort, c.effort_used.to_string(), phase.effort_expr);
  limit("budget", c.budget, c.budget_used.to_string(2), phase.budget_expr);
  return out;
}

// How it got its rank (explain::Rank); null when the roadmap did not place it.
J rank_json(const RenderInput& in, ir::ElementId e) {
  const explain::Rank r = explain::rank(in, e);
  if (r.rank == 0) return nullptr;
  J terms = J::array();
  for (const auto& t : r.terms) terms.push_back(J{{"term", t.term}, {"value", t.value}});
  return J{{"rank", r.rank},
           {"of", r.of},
           {"declared", r.declared},
           {"required", r.required},
           {"own", r.own},
           {"terms", terms},
           {"ranks_with", r.ranks_with},
           {"ranks_with_value", r.ranks_with_value},
           {"text", explain::rank_text(r)}};
}

J roadmap(const RenderInput& in) {
  const ir::Program& p = in.rulebase.program();
  J phases = J::array();
  // No capacity: the evaluation has no roadmap (see "errors"), and no phase holds anything.
  const bool planned = in.result.roadmap.capacity.size() == p.phases.size();
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    J items = J::array();
    for (const auto& pl : in.result.roadmap.placements) {
      if (pl.phase != ph) continue;
      const auto& el = p.elements[pl.element];
      J item = verdict(in, pl.element);
      item["rank"] = pl.rank;
      item["ranked"] = rank_json(in, pl.element);
      item["effort"] = el.effort ? el.effort->to_string() : "";
      item["cost"] = in.result.verdicts[pl.element].cost.to_string(2);  // what the budget counts
      item["sources"] = render::legal_sources(in, pl.element);
      J reason{{"kind", reason_name(pl.reason)}};
      if (pl.waited_for != ir::kNone) reason["waited_for"] = p.element_node(pl.waited_for).id;
      if (pl.limit != PhaseLimit::None) reason["limit"] = limit_name(pl.limit);
      if (pl.pulled_by != ir::kNone) reason["pulled_by"] = p.element_node(pl.pulled_by).id;
      reason["text"] = explain::placement_reason(in, pl.element);
      item["reason"] = reason;
      items.push_back(std::move(item));
    }
    J phase{{"id", p.phases[ph].id}, {"label", p.phases[ph].label}};
    phase["aspirational"] = planned && in.result.roadmap.aspirational(ph);
    phase["limits"] = planned ? limits(in, ph) : J(nullptr);
    phase["elements"] = std::move(items);
    phases.push_back(std::move(phase));
  }
  J notes = J::array();
  for (const RoadmapNote& n : in.result.roadmap.notes)
    notes.push_back(J{{"kind", note_name(n.kind)},
                      {"element", n.element == ir::kNone ? "" : p.element_node(n.element).id},
                      {"area", n.area == ir::kNone ? "" : p.nodes[p.areas[n.area]].id},
                      {"text", explain::note_text(in, n)}});
  return J{{"phases", phases}, {"unscheduled", ids(p, in.result.roadmap.unscheduled)}, {"notes", notes}};
}

J explain_json(const RenderInput& in, ir::ElementId e) {
  J j = verdict(in, e);
  J acts = J::array();
  for (const auto& a : explain::acts(in, e))
    acts.push_back(J{{"rule", a.rule},
                     {"at", where(a.at)},
                     {"effect", a.effect},
                     {"weight", a.weight},
                     {"binding", a.binding},
                     {"condition", a.condition},
                     {"facts", facts(a.facts)},
                     {"because", a.because},
                     {"sources", a.sources}});
  j["acts"] = acts;
  j["town_hall"] = explain::town_hall_decisions(in.result.verdicts[e]);
  j["roadmap"] = render::in_puzzle(in.result.verdicts[e].status) ? explain::placement_reason(in, e) : "";
  j["ranked"] = rank_json(in, e);
  return j;
}

J why_not_json(const RenderInput& in, ir::ElementId e) {
  J j = explain_json(in, e);
  J misses = J::array();
  for (const auto& m : explain::misses(in, e))
    misses.push_back(J{
        {"rule", m.rule}, {"at", where(m.at)}, {"effect", m.effect}, {"reason", m.reason}, {"facts", facts(m.facts)}});
  j["not_fired"] = misses;
  const Verdict& v = in.result.verdicts[e];
  j["vetoed_need"] = v.declared_need && v.status == Status::Excluded;  // its score is in "score"
  return j;
}

}  // namespace

std::string render_json(const RenderInput& in, JsonView view, ir::ElementId element) {
  J j = envelope(in);
  switch (view) {
    case JsonView::Puzzle: j["puzzle"] = puzzle(in); break;
    case JsonView::Roadmap: j["roadmap"] = roadmap(in); break;
    case JsonView::Explain: j["explain"] = explain_json(in, element); break;
    case JsonView::WhyNot: j["why_not"] = why_not_json(in, element); break;
  }
  return j.dump(2, ' ', false, J::error_handler_t::replace) + "\n";
}

std::string render_json_line(const RenderInput& in) {
  J j = envelope(in);
  j["roadmap"] = roadmap(in);
  J explain = J::array();
  for (const auto& pl : in.result.roadmap.placements) explain.push_back(explain_json(in, pl.element));
  for (auto e : in.result.roadmap.unscheduled) explain.push_back(explain_json(in, e));
  j["explain"] = explain;
  return j.dump(-1, ' ', false, J::error_handler_t::replace) + "\n";
}

}  // namespace puzle
