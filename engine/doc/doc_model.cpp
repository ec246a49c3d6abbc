// engine layer (documentation): reads a checked Program into the plain data of doc_model.hpp.
#include "doc/doc_model.hpp"

#include <algorithm>

#include "render/explain_model.hpp"
#include "rulebase/plan.hpp"

namespace puzle::doc {
namespace {

std::string label_in(const std::vector<ir::Label>& labels, const std::string& lang) {
  for (const auto& l : labels)
    if (l.lang == lang) return l.text;
  return "";
}

std::string catalan(const std::vector<ir::Label>& labels, const std::string& fallback) {
  std::string ca = label_in(labels, "ca");
  return ca.empty() ? fallback : ca;
}

// " +20" after a weighted effect, nothing after require/exclude.
std::string weight_text(const ir::Effect& e) {
  const std::string w = explain::signed_weight(e);
  return (w.empty() ? "" : " " + w) + (e.due.empty() ? "" : " due " + e.due.to_string());
}

// The ranking the roadmap declares, as written: "required 40, quick_win 20 effort ..0.5".
std::string priority_text(const ir::Priority& pr) {
  std::string out;
  for (std::size_t t = 0; t < pr.weight.size(); ++t) {
    if (!pr.weight[t]) continue;
    out += (out.empty() ? "" : ", ") + std::string(ir::kRankTermNames[t]) + " " + pr.weight[t]->to_string();
    if (t == static_cast<std::size_t>(ir::RankTerm::QuickWin)) out += " effort .." + pr.quick_win_effort.to_string();
  }
  return out;
}

// "suggest +20", "require".
std::string effect_text(const ir::Effect& e) { return explain::effect_word(e.kind) + weight_text(e); }

class Builder {
 public:
  explicit Builder(const Rulebase& rb) : rb_(rb), p_(rb.program()) {}

  Model build() {
    Model m;
    m.digest = rb_.digest();
    m.tests = p_.tests.size();
    needed_by_.assign(p_.elements.size(), {});
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e)
      for (ir::ElementId r : p_.elements[e].requires_) needed_by_[r].push_back(e);
    for (ir::NodeId a : p_.areas) m.areas.push_back(group(a));
    for (const auto& a : m.areas) {
      m.domains += a.children.size();
      for (const auto& d : a.children) m.blocks += d.children.size();
    }
    m.elements = p_.elements.size();
    for (ir::ProviderId pr = 0; pr < p_.providers.size(); ++pr) m.providers.push_back(provider(pr));
    for (const auto& s : p_.segments) m.segments.push_back({s.id, s.label, text_of(s.condition)});
    for (const auto& ph : p_.phases) m.phases.push_back({ph.id, ph.label, limits(ph)});
    if (p_.priority.declared) m.priority = priority_text(p_.priority);
    for (const auto& r : p_.rules) m.rules.push_back(rule(r));
    for (const auto& w : p_.warnings) m.warnings.push_back(rule(w));
    return m;
  }

 private:
  std::string text_of(ir::ExprId e) const {
    if (e == ir::kNone) return "";
    const Span s = p_.exprs[e].span;
    return rb_.sources().file(s.file).text().substr(s.begin, s.end - s.begin);
  }

  std::string at(Span s) const {
    const auto& f = rb_.sources().file(s.file);
    return f.path() + ":" + std::to_string(f.line_col(s.begin).line);
  }

  Link link(ir::ElementId e) const {
    const auto& n = p_.element_node(e);
    return {n.path, catalan(n.labels, n.id)};
  }

  Group group(ir::NodeId id) {
    const ir::Node& n = p_.nodes[id];
    Group g{n.id,
            n.path,
            n.path,
            catalan(n.labels, n.id),
            label_in(n.labels, "es"),
            label_in(n.labels, "en"),
            label_in(n.descriptions, "ca"),
            0,
            {},
            {}};
    for (ir::NodeId c : n.children) {
      const ir::Node& child = p_.nodes[c];
      if (child.kind == ir::NodeKind::Element) {
        g.elements.push_back(element(child.element));
        ++g.element_count;
      } else {
        g.children.push_back(group(c));
        g.element_count += g.children.back().element_count;
      }
    }
    return g;
  }

  Element element(ir::ElementId e) const {
    const ir::Element& el = p_.elements[e];
    const ir::Node& n = p_.nodes[el.node];
    Element out{n.id,
                n.path,
                n.path,
                catalan(n.labels, n.id),
                label_in(n.labels, "es"),
                label_in(n.labels, "en"),
                label_in(n.descriptions, "ca"),
                el.effort ? el.effort->to_string() : "",
                el.cost ? el.cost->to_string() : "",
                el.maturity ? std::to_string(*el.maturity) + " (" + p_.nodes[p_.areas[el.maturity_area]].id + ")" : "",
                el.city_scale,
                {},
                {},
                {},
                {}};
    for (ir::ElementId r : el.requires_) out.requires_.push_back(link(r));
    for (ir::ElementId r : needed_by_[e]) out.needed_by.push_back(link(r));
    for (ir::SolutionId s : el.solutions) {
      const auto& sol = p_.solutions[s];
      const auto& prov = p_.providers[sol.provider];
      out.solutions.push_back(catalan(prov.labels, prov.id) + " · " + catalan(sol.labels, sol.id));
    }
    for (ir::RuleId r : plan_of(rb_).rules_naming[e])
      for (const auto& eff : p_.rules[r].effects)
        if (eff.target == e) out.rules.push_back({p_.rules[r].id, effect_text(eff)});
    return out;
  }

  Provider provider(ir::ProviderId id) const {
    const ir::Provider& pr = p_.providers[id];
    Provider out{pr.id, catalan(pr.labels, pr.id), label_in(pr.descriptions, "ca"), pr.url, text_of(pr.serves), {}};
    for (ir::SolutionId s : pr.solutions) {
      const ir::Solution& sol = p_.solutions[s];
      Solution so{sol.id,  catalan(sol.labels, sol.id), label_in(sol.descriptions, "ca"),
                  sol.url, text_of(sol.eligible),       sol.cost ? sol.cost->to_string() : "",
                  {}};
      for (ir::ElementId e : sol.covers) so.covers.push_back(link(e));
      out.solutions.push_back(std::move(so));
    }
    return out;
  }

  // A maximum computed from the profile is shown as written: `effort ..(it_staff * 3)`.
  std::string limits(const ir::Phase& ph) const {
    std::string out;
    auto range = [&](const char* name, const std::optional<Decimal>& lo, const std::optional<Decimal>& hi,
                     ir::ExprId computed) {
      if (!lo && !hi && computed == ir::kNone) return;
      if (!out.empty()) out += ", ";
      out += std::string(name) + " " + (lo ? lo->to_string() : "") + "..";
      out += computed != ir::kNone ? text_of(computed) : hi ? hi->to_string() : "";
    };
    range("size", ph.size_min, ph.size_max, ph.size_expr);
    range("effort", ph.effort_min, ph.effort_max, ph.effort_expr);
    range("budget", ph.budget_min, ph.budget_max, ph.budget_expr);
    return out;
  }

  Rule rule(const ir::Rule& r) const {
    Rule out{r.id, r.title, at(r.span), r.sources, {}, ""};
    if (r.valid_from) out.validity = "from " + r.valid_from->to_string();
    if (r.valid_until)
      out.validity += (out.validity.empty() ? "" : " ") + std::string("until ") + r.valid_until->to_string();
    for (const auto& eff : r.effects) {
      std::string target = eff.target == ir::kNone ? r.for_var : p_.element_node(eff.target).id;
      out.effects.push_back(std::string(explain::effect_word(eff.kind)) + " " + target + weight_text(eff));
    }
    return out;
  }

  const Rulebase& rb_;
  const ir::Program& p_;
  std::vector<std::vector<ir::ElementId>> needed_by_;
};

}  // namespace

Model build_model(const Rulebase& rulebase) { return Builder(rulebase).build(); }

}  // namespace puzle::doc
