// engine layer (rendering): the compact explanation (CompactExplainer, docs/json.md). It reads
// the contributions every trace records, so it costs little more than the verdicts: what a
// fired rule did is quoted once per rulebase, and a line only copies it.
#include <array>
#include <stdexcept>

#include "render/explain_model.hpp"
#include "text/json_writer.hpp"

namespace puzle {

struct CompactExplainer::Parts {
  Rulebase rulebase;
  std::vector<ir::ElementId> why_not;
  std::vector<ir::RuleId> record_rules;
  std::vector<std::string> element_id;           // by element: `"id"`
  std::array<std::string, kStatusCount> status;  // by status: `"suggested"`
  std::vector<std::uint32_t> act_first;          // by rule: its effects' first index in act_head
  std::vector<std::string> act_head;             // `{"rule":"r","effect":"suggest","weight":"+10"`
  explicit Parts(const Rulebase& rb) : rulebase(rb) {}
};

namespace {

bool proposes(ir::EffectKind k) {
  return k == ir::EffectKind::Suggest || k == ir::EffectKind::Boost || k == ir::EffectKind::Require;
}

void append_score(std::string& out, const Verdict& v) {
  if (v.score_overflow) {  // an overflow is no number (the line's errors say so)
    out += "null";
    return;
  }
  out += '"';
  v.score.append_to(out);
  out += '"';
}

}  // namespace

CompactExplainer::CompactExplainer(const Rulebase& rb, std::vector<ir::ElementId> why_not) {
  const ir::Program& p = rb.program();
  auto parts = std::make_shared<Parts>(rb);
  for (const ir::ElementId e : why_not)
    if (e >= p.elements.size()) throw std::invalid_argument("puzle::CompactExplainer: no element " + std::to_string(e));
  parts->why_not = std::move(why_not);
  parts->element_id.resize(p.elements.size());
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) parts->element_id[e] = json::quoted(p.element_node(e).id);
  for (std::size_t s = 0; s < kStatusCount; ++s) parts->status[s] = json::quoted(status_name(static_cast<Status>(s)));
  parts->act_first.reserve(p.rules.size());
  for (ir::RuleId r = 0; r < p.rules.size(); ++r) {
    const ir::Rule& rule = p.rules[r];
    parts->act_first.push_back(static_cast<std::uint32_t>(parts->act_head.size()));
    const std::string id = json::quoted(rule.id);
    bool watched = false;
    for (const ir::Effect& eff : rule.effects) {
      std::string head = "{\"rule\":" + id + ",\"effect\":\"" + explain::effect_word(eff.kind) + "\"";
      if (const std::string w = explain::signed_weight(eff); !w.empty()) head += ",\"weight\":\"" + w + "\"";
      parts->act_head.push_back(std::move(head));
      // A rule can propose an element named in why_not: by name, or through its `for`.
      if (proposes(eff.kind))
        for (const ir::ElementId e : parts->why_not) watched = watched || eff.target == e || eff.target == ir::kNone;
    }
    if (watched) parts->record_rules.push_back(r);
  }
  parts_ = std::move(parts);
}

std::span<const ir::RuleId> CompactExplainer::record_rules() const { return parts_->record_rules; }

void CompactExplainer::append_json(const RenderInput& in, std::string& out) const {
  const Parts& parts = *parts_;
  const EvalResult& r = in.result;
  out += "{\"elements\":[";
  bool first = true;
  for (ir::ElementId e = 0; e < r.verdicts.size(); ++e) {
    const Verdict& v = r.verdicts[e];
    if (v.contributions_count == 0) continue;
    out += first ? "{\"id\":" : ",{\"id\":";
    first = false;
    out += parts.element_id[e];
    out += ",\"status\":";
    out += parts.status[static_cast<std::size_t>(v.status)];
    out += ",\"score\":";
    append_score(out, v);
    out += ",\"acts\":[";
    bool first_act = true;
    for (const std::uint32_t ci : r.contributions_of(e)) {
      const Contribution& c = r.contributions[ci];
      const RuleOutcome& o = r.outcomes[c.outcome];
      if (!first_act) out += ',';
      first_act = false;
      out += parts.act_head[parts.act_first[o.rule] + c.effect];
      // A rule of a `for` that acted on another element than its binding says which binding.
      if (o.binding != ir::kNone && o.binding != e) {
        out += ",\"binding\":";
        out += parts.element_id[o.binding];
      }
      out += '}';
    }
    out += "]}";
  }
  out += "],\"why_not\":";
  json::Writer w(out);
  w.begin_array();
  for (const ir::ElementId e : parts.why_not) {
    const Verdict& v = r.verdicts[e];
    w.begin_object()
        .raw_field("id", parts.element_id[e])
        .raw_field("status", parts.status[static_cast<std::size_t>(v.status)]);
    std::string score;
    append_score(score, v);
    w.raw_field("score", score).key("not_fired").begin_array();
    for (const explain::RuleMiss& m : explain::misses_of(in, e, false))
      w.begin_object().field("rule", m.rule).field("effect", m.effect).field("reason", m.reason).end();
    w.end().end();
  }
  w.end();
  out += '}';
}

std::string CompactExplainer::json(const RenderInput& in) const {
  std::string out;
  append_json(in, out);
  return out;
}

}  // namespace puzle
