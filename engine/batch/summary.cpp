// engine layer (batch): counting evaluated profiles into a BatchSummary, merging partial
// summaries, and the summary's JSON form.
#include "batch/batch_internal.hpp"
#include "eval/expr_eval.hpp"
#include "puzle/version.hpp"

namespace puzle {

BatchSummary BatchSummary::empty_for(const Rulebase& rb) {
  const ir::Program& p = rb.program();
  BatchSummary s;
  s.groups.push_back("all");
  for (const auto& f : p.fields)
    if (f.type.kind == ir::TypeKind::Enum)
      for (const auto& v : f.enum_values) s.groups.push_back(f.name + "=" + v);
  for (const auto& seg : p.segments) s.groups.push_back("segment=" + seg.id);
  s.group_size.assign(s.groups.size(), 0);
  s.elements = p.elements.size();
  s.phases = p.phases.size();
  s.placed.assign(s.groups.size() * s.elements * (s.phases + 1), 0);
  s.status.assign(s.elements * kStatusCount, 0);
  s.first_phase.assign(s.elements, 0);
  s.solution_demand.assign(p.solutions.size(), 0);
  s.solution_items.assign(p.solutions.size(), 0);
  s.provider_demand.assign(p.providers.size(), 0);
  s.rule_fired.assign(p.rules.size(), 0);
  s.segment_true.assign(p.segments.size(), 0);
  return s;
}

namespace {
void add(std::vector<std::uint64_t>& to, const std::vector<std::uint64_t>& from) {
  for (std::size_t i = 0; i < to.size() && i < from.size(); ++i) to[i] += from[i];
}
}  // namespace

void BatchSummary::merge(const BatchSummary& o) {
  profiles += o.profiles;
  evaluated += o.evaluated;
  failed += o.failed;
  interrupted = interrupted || o.interrupted;
  threads_short = std::max(threads_short, o.threads_short);
  add(group_size, o.group_size);
  add(placed, o.placed);
  add(status, o.status);
  add(first_phase, o.first_phase);
  add(solution_demand, o.solution_demand);
  add(solution_items, o.solution_items);
  add(provider_demand, o.provider_demand);
  add(rule_fired, o.rule_fired);
  add(segment_true, o.segment_true);
}

namespace batch {

void count(const Rulebase& rb, const Profile& profile, const EvalResult& r, BatchSummary& s) {
  const ir::Program& p = rb.program();
  // The groups of this municipality: all, its enum values, the segments that hold. Segments
  // the rules did not need were not evaluated; they are now, on the same profile.
  std::vector<std::size_t> groups{0};
  std::size_t base = 1;
  for (ir::FieldId f = 0; f < p.fields.size(); ++f) {
    if (p.fields[f].type.kind != ir::TypeKind::Enum) continue;
    groups.push_back(base + profile.values[f].index);
    base += p.fields[f].enum_values.size();
  }
  std::vector<std::int8_t> segments = r.segments;
  eval::ExprEval ev(p, profile, segments);
  for (ir::SegmentId g = 0; g < p.segments.size(); ++g) {
    bool holds = false;
    try {
      holds = segments[g] >= 0 ? segments[g] == 1 : ev.segment(g);
    } catch (const eval::ArithmeticError&) {
      holds = false;  // a segment that cannot be computed holds for no one (the rules saw the same)
    }
    if (!holds) continue;
    ++s.segment_true[g];
    groups.push_back(base + g);
  }
  for (auto g : groups) ++s.group_size[g];

  for (const auto& pl : r.roadmap.placements) {
    for (auto g : groups) ++s.placed_at(g, pl.element, pl.phase);
    if (pl.phase == 0) ++s.first_phase[pl.element];
  }
  for (auto e : r.roadmap.unscheduled)
    for (auto g : groups) ++s.placed_at(g, e, s.phases);

  std::vector<bool> solution_seen(p.solutions.size(), false), provider_seen(p.providers.size(), false);
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    const Verdict& v = r.verdicts[e];
    ++s.status[e * kStatusCount + static_cast<std::size_t>(v.status)];
    if (v.status != Status::Required && v.status != Status::Suggested && v.status != Status::Needed) continue;
    for (auto sol : v.solutions) {
      ++s.solution_items[sol];
      if (!solution_seen[sol]) ++s.solution_demand[sol], solution_seen[sol] = true;
      const auto prov = p.solutions[sol].provider;
      if (prov != ir::kNone && !provider_seen[prov]) ++s.provider_demand[prov], provider_seen[prov] = true;
    }
  }
  std::vector<bool> fired(p.rules.size(), false);
  for (const auto& o : r.outcomes)
    if (o.kind == RuleOutcome::Kind::Fired && !fired[o.rule]) ++s.rule_fired[o.rule], fired[o.rule] = true;
}

}  // namespace batch

namespace batch {

void summary_head(json::Writer& w, const Rulebase& rb, const BatchSummary& s) {
  w.key("engine").begin_object().field("name", "puzle").field("version", kVersion).end();
  w.key("rulebase").begin_object().field("digest", rb.digest()).end();
  w.field("date", s.date.to_string());
  shard_field(w, s.shard);
  w.field("profiles", s.profiles).field("evaluated", s.evaluated).field("failed", s.failed);
}

void shard_field(json::Writer& w, const Shard& shard) {
  if (shard.count == 0) return;
  // 1-based, as --shard I/N gives it.
  w.key("shard")
      .begin_object()
      .field("index", std::uint64_t{shard.index} + 1)
      .field("count", std::uint64_t{shard.count});
  w.end();
}

}  // namespace batch

std::string render_batch_summary_json(const Rulebase& rb, const BatchSummary& s) {
  const ir::Program& p = rb.program();
  auto label = [](const std::vector<ir::Label>& ls, const std::string& fallback) {
    return ls.empty() ? fallback : ls.front().text;
  };
  std::string out;
  json::Writer w(out, 2);
  w.begin_object();
  batch::summary_head(w, rb, s);
  w.key("groups").begin_array();
  for (std::size_t g = 0; g < s.groups.size(); ++g)
    w.begin_object().field("id", s.groups[g]).field("municipalities", s.group_size[g]).end();
  w.end();
  w.key("phases").begin_array();
  for (const auto& ph : p.phases) w.string(ph.id);
  w.end();
  w.key("elements").begin_array();
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    const auto& n = p.element_node(e);
    w.begin_object().field("id", n.id).field("path", n.path).field("label", label(n.labels, n.id));
    w.key("status").begin_object();
    for (std::size_t st = 0; st < kStatusCount; ++st)
      w.field(status_name(static_cast<Status>(st)), s.status[e * kStatusCount + st]);
    w.end();
    w.field("short_term", s.first_phase[e]);
    w.key("placed").begin_object();
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      w.key(s.groups[g]).begin_array();
      for (std::size_t ph = 0; ph <= s.phases; ++ph) w.number(s.placed_at(g, e, ph));
      w.end();
    }
    w.end().end();
  }
  w.end();
  w.key("solutions").begin_array();
  for (ir::SolutionId so = 0; so < p.solutions.size(); ++so) {
    const auto& sol = p.solutions[so];
    w.begin_object().field("id", sol.id);
    w.field("provider", sol.provider == ir::kNone ? std::string() : p.providers[sol.provider].id);
    w.field("label", label(sol.labels, sol.id)).field("municipalities", s.solution_demand[so]);
    w.field("elements", s.solution_items[so]).end();
  }
  w.end();
  w.key("providers").begin_array();
  for (ir::ProviderId pr = 0; pr < p.providers.size(); ++pr)
    w.begin_object()
        .field("id", p.providers[pr].id)
        .field("label", label(p.providers[pr].labels, p.providers[pr].id))
        .field("municipalities", s.provider_demand[pr])
        .end();
  w.end();
  w.key("rules").begin_array();
  for (ir::RuleId ru = 0; ru < p.rules.size(); ++ru)
    w.begin_object().field("id", p.rules[ru].id).field("fired", s.rule_fired[ru]).end();
  w.end();
  w.key("segments").begin_array();
  for (ir::SegmentId g = 0; g < p.segments.size(); ++g)
    w.begin_object().field("id", p.segments[g].id).field("municipalities", s.segment_true[g]).end();
  w.end().end();
  out += '\n';
  return out;
}

}  // namespace puzle
