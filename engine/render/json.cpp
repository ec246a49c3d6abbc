// engine layer (rendering): the JSON form, documented field by field in docs/json.md. Decimals
// are strings (exact); keys are in a fixed order; the same inputs give the same bytes. Written
// straight into the output with json::Writer: a batch renders hundreds of thousands of these,
// and the names of the rulebase come quoted once (JsonParts) instead of once per profile.
#include "render/json_parts.hpp"

#include "render/common.hpp"
#include "render/explain_model.hpp"
#include "text/json_writer.hpp"

namespace puzle {

JsonParts::JsonParts(const Rulebase& rb) {
  const ir::Program& p = rb.program();
  element_id.resize(p.elements.size());
  element_path.resize(p.elements.size());
  element_label.resize(p.elements.size());
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    element_id[e] = json::quoted(p.element_node(e).id);
    element_path[e] = json::quoted(p.element_node(e).path);
    element_label[e] = json::quoted(explain::label(p, p.elements[e].node));
  }
  for (std::size_t s = 0; s < kStatusCount; ++s) status[s] = json::quoted(status_name(static_cast<Status>(s)));
}

namespace {

class JsonRender {
 public:
  JsonRender(const RenderInput& in, const JsonParts& parts, json::Writer& w)
      : in_(in), p_(in.rulebase.program()), parts_(parts), w_(w) {}

  void envelope() {
    const auto id = render::identity(in_);
    w_.key("engine").begin_object().field("name", "puzle").field("version", in_.result.engine_version).end();
    w_.key("rulebase").begin_object().field("digest", in_.result.rulebase_digest).end();
    w_.key("profile")
        .begin_object()
        .field("source", in_.profile.source)
        .field("digest", in_.result.profile_digest)
        .end();
    w_.field("date", in_.result.date.to_string());
    w_.key("municipality").begin_object();
    w_.field("name", id.name).field("comarca", id.comarca).field("province", id.province);
    w_.field("population", id.population).end();
    std::uint64_t fit = 0, placed = 0;
    for (const auto& v : in_.result.verdicts) {
      if (render::in_puzzle(v.status) || v.status == Status::InPlace) ++fit;
      if (v.status == Status::InPlace) ++placed;
    }
    w_.key("summary").begin_object();
    w_.field("elements", std::uint64_t{in_.result.verdicts.size()}).field("fit", fit).field("in_place", placed).end();
    w_.key("errors").begin_array();
    for (const auto& e : in_.result.errors) w_.string(error_text(p_, e));
    w_.end();
    w_.key("warnings").begin_array();
    for (const ProfileWarning& pw : in_.result.warnings) {
      const ir::Rule& decl = p_.warnings[pw.warning];
      w_.begin_object().field("code", decl.id).field("title", decl.title);
      w_.key("element");
      element_id_or_null(pw.binding);
      w_.field("text", pw.text);
      facts(pw.facts);
      w_.end();
    }
    w_.end();
  }

  // The areas, each with the verdict on every element of it.
  void puzzle() {
    w_.begin_array();
    for (ir::AreaId a = 0; a < p_.areas.size(); ++a) {
      w_.begin_object().field("id", p_.nodes[p_.areas[a]].id).field("label", explain::label(p_, p_.areas[a]));
      w_.key("elements").begin_array();
      for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
        if (p_.elements[e].area != a) continue;
        w_.begin_object();
        verdict(e);
        w_.end();
      }
      w_.end().end();
    }
    w_.end();
  }

  void roadmap() {
    w_.begin_object().key("phases").begin_array();
    // No capacity: the evaluation has no roadmap (see "errors"), and no phase holds anything.
    const bool planned = in_.result.roadmap.capacity.size() == p_.phases.size();
    for (ir::PhaseId ph = 0; ph < p_.phases.size(); ++ph) {
      w_.begin_object().field("id", p_.phases[ph].id).field("label", p_.phases[ph].label);
      w_.field("aspirational", planned && in_.result.roadmap.aspirational(ph));
      w_.key("limits");
      if (planned)
        limits(ph);
      else
        w_.null();
      w_.key("elements").begin_array();
      for (const auto& pl : in_.result.roadmap.placements)
        if (pl.phase == ph) placed(pl);
      w_.end().end();
    }
    w_.end();
    w_.key("unscheduled");
    ids(in_.result.roadmap.unscheduled);
    w_.key("notes").begin_array();
    for (const RoadmapNote& n : in_.result.roadmap.notes) {
      w_.begin_object().field("kind", note_name(n.kind));
      w_.field("element", n.element == ir::kNone ? std::string() : p_.element_node(n.element).id);
      w_.field("area", n.area == ir::kNone ? std::string() : p_.nodes[p_.areas[n.area]].id);
      w_.field("text", explain::note_text(in_, n)).end();
    }
    w_.end().end();
  }

  // The fields of explain: the verdict, the rules that acted, and the roadmap's reasons.
  void explain(ir::ElementId e) {
    verdict(e);
    w_.key("acts").begin_array();
    for (const auto& a : explain::acts(in_, e)) {
      w_.begin_object().field("rule", a.rule);
      where(a.at);
      w_.field("effect", a.effect).field("weight", a.weight).field("binding", a.binding);
      w_.field("condition", a.condition);
      facts(a.facts);
      w_.field("because", a.because).key("sources").strings(a.sources);
      w_.end();
    }
    w_.end();
    w_.key("town_hall").strings(explain::town_hall_decisions(in_.result.verdicts[e]));
    w_.field("roadmap",
             render::in_puzzle(in_.result.verdicts[e].status) ? explain::placement_reason(in_, e) : std::string());
    w_.key("ranked");
    ranked(e);
  }

  void why_not(ir::ElementId e) {
    explain(e);
    w_.key("not_fired").begin_array();
    for (const auto& m : explain::misses(in_, e)) {
      w_.begin_object().field("rule", m.rule);
      where(m.at);
      w_.field("effect", m.effect).field("reason", m.reason);
      facts(m.facts);
      w_.end();
    }
    w_.end();
    const Verdict& v = in_.result.verdicts[e];
    w_.field("vetoed_need", v.declared_need && v.status == Status::Excluded);  // its score is in "score"
  }

 private:
  void element_id_or_null(ir::ElementId e) {
    if (e == ir::kNone)
      w_.null();
    else
      w_.raw(parts_.element_id[e]);
  }

  void ids(const std::vector<ir::ElementId>& es) {
    w_.begin_array();
    for (auto e : es) w_.raw(parts_.element_id[e]);
    w_.end();
  }

  void where(const explain::Where& at) {
    w_.key("at").begin_object().field("file", at.file).field("line", std::uint64_t{at.line}).end();
  }

  void facts(const std::vector<explain::Fact>& fs) {
    w_.key("facts").begin_array();
    for (const auto& f : fs) w_.begin_object().field("name", f.name).field("value", f.value).end();
    w_.end();
  }

  // The fields of an element's verdict, inside its object.
  void verdict(ir::ElementId e) {
    const Verdict& v = in_.result.verdicts[e];
    w_.raw_field("id", parts_.element_id[e]).raw_field("path", parts_.element_path[e]);
    w_.raw_field("label", parts_.element_label[e]);
    w_.raw_field("status", parts_.status[static_cast<std::size_t>(v.status)]);
    w_.key("score");
    if (v.score_overflow)  // an overflow is no number (see "errors")
      w_.null();
    else
      w_.string(v.score.to_string());
    w_.field("due", v.due.to_string()).field("overdue", v.overdue);
    w_.key("needed_by");
    ids(v.needed_by);
    w_.key("blocked_by");
    ids(v.blocked_by);
    w_.key("solutions");
    solutions(v.solutions);
  }

  // In the order offered (Verdict::solutions), with what decides it: the municipality's own
  // provider, and the cost (null when the rulebase states none).
  void solutions(const std::vector<ir::SolutionId>& ss) {
    w_.begin_array();
    for (auto s : ss) {
      const auto& sol = p_.solutions[s];
      w_.begin_object().field("id", sol.id).field("label", sol.labels.empty() ? sol.id : sol.labels.front().text);
      w_.field("provider", sol.provider == ir::kNone ? std::string() : p_.providers[sol.provider].id);
      w_.field("own_provider", render::own_provider(in_, s)).key("cost");
      if (sol.cost)
        w_.string(sol.cost->to_string());
      else
        w_.null();
      w_.end();
    }
    w_.end();
  }

  // The phase's limits for this profile, each with what the phase uses of it; a limit computed
  // from the profile also gives its expression as written. Money with cents, as costs are shown.
  void limits(ir::PhaseId ph) {
    const ir::Phase& phase = p_.phases[ph];
    const PhaseCapacity& c = in_.result.roadmap.capacity[ph];
    w_.begin_object();
    auto limit = [&](const char* name, const std::optional<Decimal>& max, const std::string& used, int cents,
                     ir::ExprId computed) {
      if (!max) return;
      w_.key(name).begin_object().field("max", max->to_string(cents)).field("used", used);
      if (computed != ir::kNone)
        w_.field("computed", explain::source_text(in_.rulebase.sources(), p_.exprs[computed].span));
      w_.end();
    };
    limit("size", c.size, std::to_string(c.placed), 0, phase.size_expr);
    limit("effort", c.effort, c.effort_used.to_string(), 0, phase.effort_expr);
    limit("budget", c.budget, c.budget_used.to_string(2), 2, phase.budget_expr);
    w_.end();
  }

  // An element of a phase: its verdict, rank, effort, cost, legal sources and why it is there.
  void placed(const Placement& pl) {
    const auto& el = p_.elements[pl.element];
    w_.begin_object();
    verdict(pl.element);
    w_.field("rank", std::uint64_t{pl.rank}).key("ranked");
    ranked(pl.element);
    w_.field("effort", el.effort ? el.effort->to_string() : std::string());
    w_.field("cost", in_.result.verdicts[pl.element].cost.to_string(2));  // what the budget counts
    w_.key("sources").strings(render::legal_sources(in_, pl.element));
    w_.key("reason").begin_object().field("kind", reason_name(pl.reason));
    if (pl.waited_for != ir::kNone) w_.raw_field("waited_for", parts_.element_id[pl.waited_for]);
    if (pl.limit != PhaseLimit::None) w_.field("limit", limit_name(pl.limit));
    if (pl.pulled_by != ir::kNone) w_.raw_field("pulled_by", parts_.element_id[pl.pulled_by]);
    w_.field("text", explain::placement_reason(in_, pl.element)).end();
    w_.end();
  }

  // How it got its rank (explain::Rank); null when the roadmap did not place it.
  void ranked(ir::ElementId e) {
    const explain::Rank r = explain::rank(in_, e);
    if (r.rank == 0) {
      w_.null();
      return;
    }
    w_.begin_object().field("rank", std::uint64_t{r.rank}).field("of", std::uint64_t{r.of});
    w_.field("declared", r.declared).field("required", r.required).field("own", r.own);
    w_.key("terms").begin_array();
    for (const auto& t : r.terms) w_.begin_object().field("term", t.term).field("value", t.value).end();
    w_.end();
    w_.field("ranks_with", r.ranks_with).field("ranks_with_value", r.ranks_with_value);
    w_.field("text", explain::rank_text(r)).end();
  }

  const RenderInput& in_;
  const ir::Program& p_;
  const JsonParts& parts_;
  json::Writer& w_;
};

}  // namespace

std::string render_json(const RenderInput& in, JsonView view, ir::ElementId element) {
  const JsonParts parts(in.rulebase);
  std::string out;
  json::Writer w(out, 2);
  JsonRender r(in, parts, w);
  w.begin_object();
  r.envelope();
  switch (view) {
    case JsonView::Puzzle:
      w.key("puzzle");
      r.puzzle();
      break;
    case JsonView::Roadmap:
      w.key("roadmap");
      r.roadmap();
      break;
    case JsonView::Explain:
      w.key("explain").begin_object();
      r.explain(element);
      w.end();
      break;
    case JsonView::WhyNot:
      w.key("why_not").begin_object();
      r.why_not(element);
      w.end();
      break;
  }
  w.end();
  out += '\n';
  return out;
}

void render_json_line(const RenderInput& in, const JsonParts& parts, std::uint64_t line, ir::FieldId key,
                      std::string& out) {
  json::Writer w(out);
  JsonRender r(in, parts, w);
  w.begin_object();
  if (line) {  // a batch line: where the record is, and its key
    w.field("line", line).key("key");
    if (key == ir::kNone)
      w.null();
    else
      w.string(explain::value_text(in.rulebase.program(), in.profile.values[key], in.rulebase.program().fields[key]));
  }
  r.envelope();
  w.key("roadmap");
  r.roadmap();
  w.key("explain").begin_array();
  auto explained = [&](ir::ElementId e) {
    w.begin_object();
    r.explain(e);
    w.end();
  };
  for (const auto& pl : in.result.roadmap.placements) explained(pl.element);
  for (auto e : in.result.roadmap.unscheduled) explained(e);
  w.end().end();
  out += '\n';
}

std::string render_json_line(const RenderInput& in) {
  std::string out;
  render_json_line(in, JsonParts(in.rulebase), 0, ir::kNone, out);
  return out;
}

}  // namespace puzle
