// engine layer (evaluation): runs every rule for one profile, records outcomes and score
// contributions as it goes (the trace), then settles each element's status, closes the puzzle
// over prerequisites, finds the open public solutions and plans the roadmap.
#include <algorithm>

#include "eval/expr_eval.hpp"
#include "plan/roadmap.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/version.hpp"

namespace puzle {

const char* status_name(Status s) {
  switch (s) {
    case Status::NotApplicable: return "not_applicable";
    case Status::InPlace: return "in_place";
    case Status::Required: return "required";
    case Status::Suggested: return "suggested";
    case Status::Needed: return "needed";
    case Status::Excluded: return "excluded";
    case Status::Blocked: return "blocked";
  }
  return "?";
}

namespace {

bool in_force(const ir::Rule& r, const std::string& date) {
  if (date.empty()) return true;
  if (r.valid_from && date < *r.valid_from) return false;
  if (r.valid_until && date > *r.valid_until) return false;
  return true;
}

class Evaluator {
 public:
  Evaluator(const Rulebase& rb, const Profile& profile, const EvalOptions& options, EvalResult& out)
      : p_(rb.program()), ix_(rb.index()), profile_(profile), options_(options), out_(out),
        eval_(p_, profile, out.segments) {}

  void run() {
    out_.verdicts.resize(p_.elements.size());
    out_.outcomes.reserve(p_.rules.size());
    out_.contributions.reserve(p_.rules.size());
    for (ir::RuleId r = 0; r < p_.rules.size(); ++r) run_rule(r);
    settle();
    close_over_prerequisites();
    open_solutions();
  }

 private:
  void run_rule(ir::RuleId id) {
    const ir::Rule& rule = p_.rules[id];
    if (!in_force(rule, options_.date)) {
      out_.outcomes.push_back({id, ir::kNone, RuleOutcome::Kind::NotInForce, ir::kNone, {}});
      return;
    }
    if (rule.for_set == ir::kNone) {
      decide(id, ir::kNone);
      return;
    }
    for (ir::ElementId e : eval_.elements(rule.for_set)) decide(id, e);
  }

  void decide(ir::RuleId id, ir::ElementId binding) {
    const ir::Rule& rule = p_.rules[id];
    RuleOutcome o{id, binding, RuleOutcome::Kind::Fired, ir::kNone, {}};
    eval_.bind(binding);
    try {
      ir::ExprId decided = ir::kNone;
      if (rule.where != ir::kNone && !eval_.truth(rule.where, decided)) {
        o.kind = RuleOutcome::Kind::NotFired;
        o.decided_by = decided;
      } else if (rule.when != ir::kNone && !eval_.truth(rule.when, decided)) {
        o.kind = RuleOutcome::Kind::NotFired;
        o.decided_by = decided;
      }
    } catch (const eval::ArithmeticError& e) {
      o.kind = RuleOutcome::Kind::Error;
      o.decided_by = e.expr;
      o.error = e.what;
      out_.errors.push_back("rule '" + rule.id + "': " + e.what);
    }
    const auto index = static_cast<std::uint32_t>(out_.outcomes.size());
    out_.outcomes.push_back(std::move(o));
    if (out_.outcomes.back().kind != RuleOutcome::Kind::Fired) return;
    for (std::uint32_t k = 0; k < rule.effects.size(); ++k) {
      const ir::Effect& eff = rule.effects[k];
      const ir::ElementId target = eff.target == ir::kNone ? binding : eff.target;
      if (target == ir::kNone) continue;
      Verdict& v = out_.verdicts[target];
      v.contributions.push_back(static_cast<std::uint32_t>(out_.contributions.size()));
      out_.contributions.push_back({index, eff.kind, eff.weight, k});
      switch (eff.kind) {
        case ir::EffectKind::Require: v.required = true; break;
        case ir::EffectKind::Exclude: v.excluded = true; break;
        case ir::EffectKind::Suggest:
        case ir::EffectKind::Boost: v.proposed = true; [[fallthrough]];
        case ir::EffectKind::Penalize: add_weight(v, eff.weight, rule.id); break;
      }
    }
  }

  void add_weight(Verdict& v, const Decimal& w, const std::string& rule) {
    if (auto sum = v.score.plus(w)) {
      v.score = *sum;
    } else {
      out_.errors.push_back("rule '" + rule + "': the score overflows");
    }
  }

  bool in_place(ir::ElementId e) const {
    if (ix_.in_place == ir::kNone) return false;
    const auto& v = profile_.values[ix_.in_place].elements;
    return std::binary_search(v.begin(), v.end(), e);
  }

  // require wins over exclude; exclude vetoes a suggestion; a suggestion needs a positive score.
  void settle() {
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (in_place(e)) v.status = Status::InPlace;
      else if (v.required) v.status = Status::Required;
      else if (v.excluded) v.status = Status::Excluded;
      else if (v.proposed && v.score > Decimal()) v.status = Status::Suggested;
    }
  }

  // An element lacking an excluded prerequisite, directly or through others, cannot be done:
  // a suggestion with such a chain is Blocked. A required element is never blocked (the law
  // wins): it pulls in its prerequisites, excluded or not, and so do the elements it pulls;
  // those will be done, so they block nothing.
  void close_over_prerequisites() {
    auto& vs = out_.verdicts;
    std::vector<bool> forced(vs.size(), false);  // pulled in, directly or not, by a required element
    for (auto it = ix_.prerequisites_first.rbegin(); it != ix_.prerequisites_first.rend(); ++it) {
      const ir::ElementId e = *it;  // dependents before their prerequisites
      if (vs[e].status == Status::InPlace || (vs[e].status != Status::Required && !forced[e])) continue;
      for (ir::ElementId r : p_.elements[e].requires_)
        if (vs[r].status != Status::InPlace) forced[r] = true;
    }
    std::vector<std::vector<ir::ElementId>> chain(vs.size());
    for (ir::ElementId e : ix_.prerequisites_first) {  // prerequisites are settled first
      if (vs[e].status == Status::InPlace) continue;
      for (ir::ElementId r : p_.elements[e].requires_) {
        if (vs[r].status == Status::InPlace || forced[r]) continue;
        if (vs[r].status == Status::Excluded || !chain[r].empty()) {
          chain[e].push_back(r);  // the chain ends at the nearest excluded prerequisite
          if (vs[r].status != Status::Excluded) chain[e].insert(chain[e].end(), chain[r].begin(), chain[r].end());
          break;
        }
      }
      if (vs[e].status == Status::Suggested && !chain[e].empty()) {
        vs[e].status = Status::Blocked;
        vs[e].blocked_by = chain[e];
      }
    }
    for (auto it = ix_.prerequisites_first.rbegin(); it != ix_.prerequisites_first.rend(); ++it) {
      const ir::ElementId e = *it;  // dependents before their prerequisites
      const Status s = vs[e].status;
      if (s != Status::Required && s != Status::Suggested && s != Status::Needed) continue;
      for (ir::ElementId r : p_.elements[e].requires_) {
        Verdict& pre = vs[r];
        if (pre.status == Status::InPlace) continue;
        pre.needed_by.push_back(e);
        if (pre.status == Status::NotApplicable || pre.status == Status::Excluded || pre.status == Status::Blocked) {
          pre.status = Status::Needed;
          pre.blocked_by.clear();
        }
      }
    }
    for (auto& v : vs) std::sort(v.needed_by.begin(), v.needed_by.end());
  }

  void open_solutions() {
    for (ir::ElementId e = 0; e < p_.elements.size(); ++e) {
      Verdict& v = out_.verdicts[e];
      if (v.status != Status::Required && v.status != Status::Suggested && v.status != Status::Needed) continue;
      for (ir::SolutionId s : p_.elements[e].solutions) {
        const ir::ExprId cond = p_.solutions[s].eligible;
        bool open = true;
        if (cond != ir::kNone) {
          try {
            eval_.bind(ir::kNone);
            open = eval_.truth(cond);
          } catch (const eval::ArithmeticError& err) {
            out_.errors.push_back("solution '" + p_.solutions[s].id + "': " + err.what);
            open = false;
          }
        }
        if (open) v.solutions.push_back(s);
      }
    }
  }

  const ir::Program& p_;
  const RulebaseIndex& ix_;
  const Profile& profile_;
  const EvalOptions& options_;
  EvalResult& out_;
  eval::ExprEval eval_;
};

}  // namespace

EvalResult evaluate(const Rulebase& rulebase, const Profile& profile, const EvalOptions& options) {
  EvalResult out;
  out.engine_version = kVersion;
  out.rulebase_digest = rulebase.digest();
  out.profile_digest = profile.digest;
  out.date = options.date;
  out.segments.assign(rulebase.program().segments.size(), -1);
  Evaluator(rulebase, profile, options, out).run();
  out.roadmap = plan_roadmap(rulebase, out);
  return out;
}

}  // namespace puzle
