// Test helpers for the engine tests: build a rulebase and a profile from text, evaluate, look up.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "puzle/diagnostic.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/profile.hpp"
#include "puzle/render.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::testing_helpers {

using Files = std::vector<std::pair<std::string, std::string>>;

// A checked rulebase; throws (a test failure, with the diagnostics) when the text has errors.
inline Rulebase make_rulebase(const Files& files) {
  auto load = Rulebase::from_text(files);
  if (!load.rulebase)
    throw std::runtime_error("the rulebase has errors:\n" + render_text(load.diagnostics, *load.sources));
  return *load.rulebase;
}

// A loaded profile; throws (a test failure, with the diagnostics) when the JSON is refused.
inline Profile make_profile(const Rulebase& rb, const std::string& json) {
  auto load = load_profile(rb, "profile.json", json);
  if (!load.profile)
    throw std::runtime_error("the profile has errors:\n" + render_text(load.diagnostics, *load.sources));
  return *load.profile;
}

// The shipped rulebase (rules/), loaded once per test process.
inline const Rulebase& shipped_rulebase() {
  static const Rulebase rb = [] {
    auto load = Rulebase::load({PUZLE_SOURCE_DIR "/rules"});
    if (!load.rulebase) throw std::runtime_error("rules/ has errors:\n" + render_text(load.diagnostics, *load.sources));
    return *load.rulebase;
  }();
  return rb;
}

inline EvalResult run(const Rulebase& rb, const Profile& profile, const std::string& date = "2026-01-01") {
  EvalOptions o;
  o.date = *Date::parse(date);
  o.explain = EvalOptions::Explain::All;  // tests render explanations of what they evaluate
  return evaluate(rb, profile, o);
}

inline ir::ElementId el(const Rulebase& rb, const std::string& name) {
  const auto e = rb.find_element(name);
  if (e == ir::kNone) throw std::runtime_error("no element '" + name + "'");
  return e;
}

inline ir::RuleId rule_id(const Rulebase& rb, const std::string& name) {
  const auto& rules = rb.program().rules;
  for (ir::RuleId r = 0; r < rules.size(); ++r)
    if (rules[r].id == name) return r;
  throw std::runtime_error("no rule '" + name + "'");
}

// Short ids of a list of elements, for readable comparisons.
inline std::vector<std::string> ids(const Rulebase& rb, const std::vector<ir::ElementId>& es) {
  std::vector<std::string> out;
  for (auto e : es) out.push_back(rb.program().element_node(e).id);
  return out;
}

// The source text of an expression, as written.
inline std::string text_of(const Rulebase& rb, ir::ExprId x) {
  const Span s = rb.program().exprs.at(x).span;
  return rb.sources().file(s.file).text().substr(s.begin, s.end - s.begin);
}

}  // namespace puzle::testing_helpers
