// engine layer: loading a Rulebase (front end + digest + name index).
#include "puzle/rulebase.hpp"

#include <algorithm>

#include "puzle/digest.hpp"
#include "puzle/frontend.hpp"
#include "puzle/names.hpp"
#include "rulebase/plan.hpp"
#include "rulebase/rule_plans.hpp"

namespace puzle {

struct Rulebase::Data {
  std::shared_ptr<const ir::Program> program;
  std::shared_ptr<const SourceSet> sources;
  std::string digest;
  NodeNames names;
  RulebasePlan plan;
};

namespace {

// Kahn's algorithm over prerequisites; ties by element id, so the order is canonical.
std::vector<ir::ElementId> prerequisites_first(const ir::Program& p) {
  const auto n = p.elements.size();
  std::vector<std::size_t> pending(n);
  std::vector<std::vector<ir::ElementId>> dependents(n);
  for (ir::ElementId e = 0; e < n; ++e) {
    pending[e] = p.elements[e].requires_.size();
    for (auto r : p.elements[e].requires_) dependents[r].push_back(e);
  }
  std::vector<ir::ElementId> order, ready;
  for (ir::ElementId e = 0; e < n; ++e)
    if (pending[e] == 0) ready.push_back(e);
  std::make_heap(ready.begin(), ready.end(), std::greater<>());
  while (!ready.empty()) {
    std::pop_heap(ready.begin(), ready.end(), std::greater<>());
    auto e = ready.back();
    ready.pop_back();
    order.push_back(e);
    for (auto d : dependents[e])
      if (--pending[d] == 0) {
        ready.push_back(d);
        std::push_heap(ready.begin(), ready.end(), std::greater<>());
      }
  }
  return order;  // complete: the checker rejects cycles
}

PrerequisiteGraph build_graph(const ir::Program& p) {
  PrerequisiteGraph ix;
  ix.prerequisites_first = prerequisites_first(p);
  ix.prerequisite_position.resize(p.elements.size());
  for (std::uint32_t i = 0; i < ix.prerequisites_first.size(); ++i)
    ix.prerequisite_position[ix.prerequisites_first[i]] = i;
  ix.requires_first.push_back(0);
  ix.solutions_first.push_back(0);
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (p.elements[e].maturity) ix.with_maturity.push_back(e);
  for (const ir::Element& e : p.elements) {
    ix.requires_list.insert(ix.requires_list.end(), e.requires_.begin(), e.requires_.end());
    ix.solutions_list.insert(ix.solutions_list.end(), e.solutions.begin(), e.solutions.end());
    ix.requires_first.push_back(static_cast<std::uint32_t>(ix.requires_list.size()));
    ix.solutions_first.push_back(static_cast<std::uint32_t>(ix.solutions_list.size()));
  }
  for (ir::FieldId f = 0; f < p.fields.size(); ++f) {
    if (p.fields[f].type.kind != ir::TypeKind::Set) continue;
    if (p.fields[f].name == "in_place") ix.in_place = f;
    if (p.fields[f].name == "needs") ix.needs = f;
    if (p.fields[f].name == "objectives") ix.objectives = f;
    if (p.fields[f].name == "in_progress") ix.in_progress = f;
    if (p.fields[f].name == "refused") ix.refused = f;
  }
  for (ir::FieldId f = 0; f < p.fields.size(); ++f)
    if (p.fields[f].name == "maturity" && p.fields[f].type.kind == ir::TypeKind::PerAreaLevel) ix.maturity = f;
  return ix;
}

RulebasePlan build_plan(const ir::Program& p) {
  RulebasePlan ix;
  static_cast<PrerequisiteGraph&>(ix) = build_graph(p);
  ix.rules_naming.resize(p.elements.size());
  for (ir::RuleId r = 0; r < p.rules.size(); ++r) {
    bool var_target = false;
    for (const auto& e : p.rules[r].effects) {
      if (e.target == ir::kNone) {
        var_target = true;
      } else if (ix.rules_naming[e.target].empty() || ix.rules_naming[e.target].back() != r) {
        ix.rules_naming[e.target].push_back(r);
      }
    }
    if (var_target) ix.rules_with_for.push_back(r);
  }
  CondCompiler code(p, ix.conditions);
  plan_rules(p, code, ix, ix);
  ix.solution_code.reserve(p.solutions.size());
  for (const auto& s : p.solutions) ix.solution_code.push_back(code.compile(s.eligible));
  return ix;
}

}  // namespace

// Builds a Rulebase from a checked front-end result (the only place that sees Data).
struct RulebaseAccess {
  static RulebaseLoad finish(CheckedRulebase checked);
  static const RulebasePlan& plan(const Rulebase& rb) { return rb.data_->plan; }
};

RulebaseLoad RulebaseAccess::finish(CheckedRulebase checked) {
  RulebaseLoad out;
  auto sources = std::make_shared<SourceSet>(std::move(checked.sources));
  out.sources = sources;
  out.diagnostics = std::move(checked.diagnostics);
  if (!checked.program) return out;
  auto data = std::make_shared<Rulebase::Data>();  // NOLINT: friend access
  data->program = checked.program;
  data->sources = sources;
  std::vector<std::string> digests;
  for (FileId f = 0; f < sources->size(); ++f) digests.push_back(sha256_hex(sources->file(f).text()));
  std::sort(digests.begin(), digests.end());
  std::string all;
  for (const auto& d : digests) all += d + "\n";
  data->digest = sha256_hex(all);
  const auto& p = *data->program;
  data->plan = build_plan(p);
  data->names = NodeNames(p);  // points into the program, which the Data keeps alive
  out.rulebase = Rulebase::make(std::move(data));
  return out;
}

const ir::Program& Rulebase::program() const { return *data_->program; }
const SourceSet& Rulebase::sources() const { return *data_->sources; }
const std::string& Rulebase::digest() const { return data_->digest; }
const RulebasePlan& plan_of(const Rulebase& rb) { return RulebaseAccess::plan(rb); }

Rulebase Rulebase::make(std::shared_ptr<const Data> data) { return Rulebase(std::move(data)); }

RulebaseLoad Rulebase::load(const std::vector<std::string>& paths) {
  return RulebaseAccess::finish(load_rulebase(paths));
}

RulebaseLoad Rulebase::from_text(const std::vector<std::pair<std::string, std::string>>& files) {
  return RulebaseAccess::finish(load_rulebase_from_text(files));
}

const NodeNames& Rulebase::names() const { return data_->names; }

ir::ElementId Rulebase::find_element(std::string_view name, std::vector<ir::ElementId>* candidates) const {
  return data_->names.element(name, candidates);
}

ir::AreaId Rulebase::find_area(std::string_view id) const {
  const auto& p = program();
  for (ir::AreaId a = 0; a < p.areas.size(); ++a)
    if (p.nodes[p.areas[a]].id == id) return a;
  return ir::kNone;
}

}  // namespace puzle
