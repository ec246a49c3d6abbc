// engine layer (batch): what a batch says about the rules themselves: which fire, which never
// do, which elements no municipality gets, which segments are empty in practice.
#include <algorithm>

#include "batch/batch_internal.hpp"
#include "puzle/batch.hpp"
#include "text/json_writer.hpp"

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

// The municipalities that have `e` in their puzzle (required, suggested or needed).
std::uint64_t in_puzzle_count(const BatchSummary& s, ir::ElementId e) {
  std::uint64_t in = 0;
  for (std::size_t st = 0; st < kStatusCount; ++st)
    if (in_puzzle(static_cast<Status>(st))) in += s.status[e * kStatusCount + st];
  return in;
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
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (in_puzzle_count(s, e) == 0) c.never_in_puzzle.push_back(e);
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
  const ir::Program& p = rb.program();
  std::string out;
  json::Writer w(out, 2);
  w.begin_object();
  batch::summary_head(w, rb, s);
  w.key("rules").begin_array();
  for (const auto& rc : c.rules) {
    const auto& f = rb.sources().file(p.rules[rc.rule].span.file);
    w.begin_object().field("id", p.rules[rc.rule].id);
    w.key("at").begin_object().field("file", f.path());
    w.field("line", std::uint64_t{f.line_col(p.rules[rc.rule].span.begin).line}).end();
    w.field("fired", rc.fired).end();
  }
  w.end();
  w.key("unfired_rules").begin_array();
  for (auto r : c.unfired) w.string(p.rules[r].id);
  w.end();
  w.key("elements_in_no_puzzle").begin_array();
  for (auto e : c.never_in_puzzle) w.string(p.element_node(e).path);
  w.end();
  w.key("empty_segments").begin_array();
  for (auto g : c.empty_segments) w.string(p.segments[g].id);
  w.end();
  // The counters the three lists above are read from, so that coverages merge (puzle merge).
  w.key("elements").begin_array();
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    w.begin_object().field("path", p.element_node(e).path).field("in_puzzle", in_puzzle_count(s, e)).end();
  w.end();
  w.key("segments").begin_array();
  for (ir::SegmentId g = 0; g < p.segments.size(); ++g)
    w.begin_object().field("id", p.segments[g].id).field("municipalities", s.segment_true[g]).end();
  w.end().end();
  out += '\n';
  return out;
}

}  // namespace puzle
