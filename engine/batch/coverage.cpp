// engine layer (batch): what a batch says about the rules themselves: which fire, which never
// do, which elements no municipality gets, which segments are empty in practice.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "puzle/batch.hpp"
#include "puzle/version.hpp"

namespace puzle {
namespace {

std::string where(const Rulebase& rb, Span s) {
  const auto& f = rb.sources().file(s.file);
  return f.path() + ":" + std::to_string(f.line_col(s.begin).line);
}

std::string percent(std::uint64_t n, std::uint64_t of) {
  if (of == 0) return "0 %";
  return std::to_string((n * 100 + of / 2) / of) + " %";
}

}  // namespace

Coverage coverage_of(const Rulebase& rb, const BatchSummary& s) {
  const ir::Program& p = rb.program();
  Coverage c;
  for (ir::RuleId r = 0; r < p.rules.size(); ++r) {
    c.rules.push_back({r, s.rule_fired[r]});
    if (s.rule_fired[r] == 0) c.unfired.push_back(r);
  }
  // Rules are sorted by name in the Program, so a stable sort by count keeps names in order.
  std::stable_sort(c.rules.begin(), c.rules.end(), [](const auto& a, const auto& b) { return a.fired > b.fired; });
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    std::uint64_t in = 0;
    for (std::size_t st = 0; st < kStatusCount; ++st)
      if (in_puzzle(static_cast<Status>(st))) in += s.status[e * kStatusCount + st];
    if (in == 0) c.never_in_puzzle.push_back(e);
  }
  for (ir::SegmentId g = 0; g < p.segments.size(); ++g)
    if (s.segment_true[g] == 0) c.empty_segments.push_back(g);
  return c;
}

std::string render_coverage_text(const Rulebase& rb, const BatchSummary& s, const Coverage& c) {
  const ir::Program& p = rb.program();
  std::string out = "Coverage of " + std::to_string(p.rules.size()) + " rules over " + std::to_string(s.profiles) +
                    " profiles (" + std::to_string(s.evaluated) + " evaluated, " + std::to_string(s.failed) +
                    " failed)\n";
  std::size_t w = 0;
  for (const auto& r : p.rules) w = std::max(w, r.id.size());
  auto pad = [](std::string x, std::size_t n) { return x.size() >= n ? x : x + std::string(n - x.size(), ' '); };
  out += "\nRules that never fired (" + std::to_string(c.unfired.size()) + ")\n";
  for (auto r : c.unfired) out += "  " + pad(p.rules[r].id, w) + "  " + where(rb, p.rules[r].span) + "\n";
  out += "\nElements in no municipality's puzzle (" + std::to_string(c.never_in_puzzle.size()) + ")\n";
  for (auto e : c.never_in_puzzle) out += "  " + p.element_node(e).path + "\n";
  out += "\nSegments that held for no profile (" + std::to_string(c.empty_segments.size()) + ")\n";
  for (auto g : c.empty_segments) out += "  " + pad(p.segments[g].id, w) + "  " + where(rb, p.segments[g].span) + "\n";
  out += "\nRules by profiles where they fired\n";
  for (const auto& rc : c.rules) {
    const std::string n = std::to_string(rc.fired);
    out += "  " + std::string(n.size() < 8 ? 8 - n.size() : 0, ' ') + n + "  " +
           pad(percent(rc.fired, s.evaluated), 5) + "  " + p.rules[rc.rule].id + "\n";
  }
  return out;
}

std::string render_coverage_json(const Rulebase& rb, const BatchSummary& s, const Coverage& c) {
  using J = nlohmann::ordered_json;
  const ir::Program& p = rb.program();
  J j;
  j["engine"] = J{{"name", "puzle"}, {"version", kVersion}};
  j["rulebase"] = J{{"digest", rb.digest()}};
  j["profiles"] = s.profiles;
  j["evaluated"] = s.evaluated;
  j["failed"] = s.failed;
  J rules = J::array();
  for (const auto& rc : c.rules) {
    const auto& f = rb.sources().file(p.rules[rc.rule].span.file);
    rules.push_back(J{{"id", p.rules[rc.rule].id},
                      {"at", J{{"file", f.path()}, {"line", f.line_col(p.rules[rc.rule].span.begin).line}}},
                      {"fired", rc.fired}});
  }
  j["rules"] = rules;
  J unfired = J::array();
  for (auto r : c.unfired) unfired.push_back(p.rules[r].id);
  j["unfired_rules"] = unfired;
  J never = J::array();
  for (auto e : c.never_in_puzzle) never.push_back(p.element_node(e).path);
  j["elements_in_no_puzzle"] = never;
  J empty = J::array();
  for (auto g : c.empty_segments) empty.push_back(p.segments[g].id);
  j["empty_segments"] = empty;
  return j.dump(2, ' ', false, J::error_handler_t::replace) + "\n";
}

}  // namespace puzle
