// engine layer (batch): the HTML report of a batch: summary tables and SVG charts in one page.
#include <algorithm>
#include <numeric>

#include "batch/svg.hpp"
#include "puzle/report.hpp"
#include "puzle/version.hpp"
#include "render/html.hpp"

namespace puzle {
namespace {

constexpr auto esc = [](const std::string& s) { return render::html_escape(s); };

constexpr const char* kStyle =
    R"(body{font-family:system-ui,sans-serif;color:#222;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}figure{margin:1rem 0;overflow-x:auto}
figcaption{color:#555;font-size:.9rem}svg.chart text{font-size:12px;font-family:system-ui,sans-serif}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
td.n,th.n{text-align:right}th{background:#eef}.facts{display:flex;gap:1rem;flex-wrap:wrap}
.fact{background:#f4f6fa;padding:.6rem 1rem;border-radius:.4rem}.fact b{display:block;font-size:1.4rem}
.muted{color:#666}code{font-size:90%})";

constexpr const char* kPalette[] = {"#2166ac", "#b2182b", "#1b7837", "#762a83",
                                    "#e08214", "#35978f", "#8c510a", "#4d4d4d"};

std::string label_of(const std::vector<ir::Label>& ls, const std::string& fallback) {
  return ls.empty() ? fallback : ls.front().text;
}

std::string pct(std::uint64_t n, std::uint64_t of) {
  return of ? std::to_string((n * 100 + of / 2) / of) + " %" : "0 %";
}

// Municipalities of a group that have element e in their roadmap (any phase, or unscheduled).
std::uint64_t in_puzzle(const BatchSummary& s, std::size_t group, ir::ElementId e) {
  std::uint64_t n = 0;
  for (std::size_t ph = 0; ph <= s.phases; ++ph) n += s.placed_at(group, e, ph);
  return n;
}

// Heatmap rows: the groups whose id starts with `prefix` (and "all" first when asked).
std::string coverage_heatmap(const Rulebase& rb, const BatchSummary& s, const std::string& prefix,
                             const std::string& caption) {
  const ir::Program& p = rb.program();
  std::vector<std::string> columns;
  for (auto a : p.areas) columns.push_back(label_of(p.nodes[a].labels, p.nodes[a].id));
  std::vector<std::string> rows;
  std::vector<std::vector<double>> shares;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (g != 0 && s.groups[g].rfind(prefix, 0) != 0) continue;
    if (s.group_size[g] == 0) continue;
    std::string name = g == 0 ? "all" : s.groups[g].substr(prefix.size());
    if (prefix == "segment=") {
      for (const auto& seg : p.segments)
        if (seg.id == name && !seg.label.empty()) name = seg.label;
    }
    rows.push_back(name + " (" + std::to_string(s.group_size[g]) + ")");
    std::vector<double> row;
    for (ir::AreaId a = 0; a < p.areas.size(); ++a) {
      std::uint64_t have = 0, slots = 0;
      for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
        if (p.elements[e].area != a) continue;
        have += in_puzzle(s, g, e);
        slots += s.group_size[g];
      }
      row.push_back(slots ? static_cast<double>(have) / static_cast<double>(slots) : 0.0);
    }
    shares.push_back(std::move(row));
  }
  return svg::heatmap(rows, columns, shares, caption);
}

}  // namespace

std::string render_batch_report_html(const Rulebase& rb, const BatchSummary& s, const ReportInfo& info) {
  const ir::Program& p = rb.program();
  std::string o =
      "<!DOCTYPE html>\n<html lang=\"ca\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      esc(info.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>" + esc(info.title) + "</h1>\n";
  o += "<p class=\"muted\">Profiles <code>" + esc(info.input) + "</code> · validity judged on " + esc(info.date) +
       " · rulebase <code>" + esc(rb.digest().substr(0, 12)) + "…</code> · puzle " + esc(kVersion) + "</p>\n";

  // Key figures.
  std::uint64_t placements = 0, first = 0;
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    placements += in_puzzle(s, 0, e);
    first += s.first_phase[e];
  }
  const auto per_muni = [&](std::uint64_t n) {
    return s.evaluated ? std::to_string((n * 10 / s.evaluated) / 10) + "," + std::to_string((n * 10 / s.evaluated) % 10)
                       : "0";
  };
  o += "<div class=\"facts\">";
  o += "<div class=\"fact\"><b>" + std::to_string(s.profiles) + "</b>profiles</div>";
  o += "<div class=\"fact\"><b>" + std::to_string(s.evaluated) + "</b>evaluated</div>";
  o += "<div class=\"fact\"><b>" + std::to_string(s.failed) + "</b>failed</div>";
  o += "<div class=\"fact\"><b>" + std::to_string(p.elements.size()) + "</b>elements in the metamodel</div>";
  o += "<div class=\"fact\"><b>" + per_muni(placements) + "</b>elements per puzzle, on average</div>";
  o += "<div class=\"fact\"><b>" + per_muni(first) + "</b>short-term objectives, on average</div>";
  o += "</div>\n";

  // Coverage of the puzzle.
  o += "<h2 id=\"coverage\">Puzzle coverage</h2>\n<p>Share of each area's elements that are in the puzzle (required, "
       "suggested or needed), averaged over the municipalities of each group.</p>\n";
  o += coverage_heatmap(rb, s, "segment=", "Puzzle coverage by population segment (municipalities in brackets)");
  std::string enum_prefix;
  for (const auto& f : p.fields)
    if (f.type.kind == ir::TypeKind::Enum) {
      enum_prefix = f.name + "=";
      o += coverage_heatmap(rb, s, enum_prefix, "Puzzle coverage by " + f.name + " (municipalities in brackets)");
    }

  // Short-term objectives.
  std::vector<ir::ElementId> by_first(p.elements.size());
  std::iota(by_first.begin(), by_first.end(), 0);
  std::stable_sort(by_first.begin(), by_first.end(),
                   [&](auto a, auto b) { return s.first_phase[a] > s.first_phase[b]; });
  std::vector<svg::Bar> bars;
  for (auto e : by_first) {
    if (bars.size() == 15 || s.first_phase[e] == 0) break;
    bars.push_back({label_of(p.element_node(e).labels, p.element_node(e).id), static_cast<double>(s.first_phase[e]),
                    std::to_string(s.first_phase[e]) + " (" + pct(s.first_phase[e], s.evaluated) + ")", ""});
  }
  o += "<h2 id=\"short-term\">The most frequent short-term objectives</h2>\n<p>How many municipalities have each "
       "element in "
       "the first phase of their roadmap.</p>\n";
  o += bars.empty() ? "<p>No municipality has a short-term objective.</p>\n"
                    : svg::bar_chart(bars, "Municipalities with the element among their short-term objectives");

  // Demand for public solutions.
  std::vector<ir::SolutionId> sols(p.solutions.size());
  std::iota(sols.begin(), sols.end(), 0);
  std::stable_sort(sols.begin(), sols.end(),
                   [&](auto a, auto b) { return s.solution_demand[a] > s.solution_demand[b]; });
  bars.clear();
  for (auto so : sols) {
    if (bars.size() == 25 || s.solution_demand[so] == 0) break;
    const auto& sol = p.solutions[so];
    const std::string prov =
        sol.provider == ir::kNone ? "" : label_of(p.providers[sol.provider].labels, p.providers[sol.provider].id);
    bars.push_back({label_of(sol.labels, sol.id) + (prov.empty() ? "" : " · " + prov),
                    static_cast<double>(s.solution_demand[so]),
                    std::to_string(s.solution_demand[so]) + " municipalities · " +
                        std::to_string(s.solution_items[so]) + " elements",
                    kPalette[(sol.provider == ir::kNone ? 7 : sol.provider) % 8]});
  }
  o += "<h2 id=\"solutions\">Demand for public solutions</h2>\n<p>Municipalities whose roadmap holds an element that "
       "the "
       "solution covers and that the municipality may use (the top 25; colour by provider).</p>\n";
  o += bars.empty() ? "<p>No solution is in demand.</p>\n" : svg::bar_chart(bars, "Demand per public solution");
  bars.clear();
  for (ir::ProviderId pr = 0; pr < p.providers.size(); ++pr)
    bars.push_back({label_of(p.providers[pr].labels, p.providers[pr].id), static_cast<double>(s.provider_demand[pr]),
                    std::to_string(s.provider_demand[pr]) + " (" + pct(s.provider_demand[pr], s.evaluated) + ")",
                    kPalette[pr % 8]});
  if (!bars.empty()) o += svg::bar_chart(bars, "Municipalities that would use at least one solution of each provider");

  // Elements by phase.
  std::vector<ir::ElementId> by_total(p.elements.size());
  std::iota(by_total.begin(), by_total.end(), 0);
  std::stable_sort(by_total.begin(), by_total.end(),
                   [&](auto a, auto b) { return in_puzzle(s, 0, a) > in_puzzle(s, 0, b); });
  o += "<h2 id=\"phases\">Elements by phase</h2>\n<p>The 40 elements in most roadmaps, and in which phase they "
       "come.</p>\n";
  o += "<table><tr><th>element</th><th>area</th>";
  for (const auto& ph : p.phases) o += "<th class=\"n\">" + esc(ph.label.empty() ? ph.id : ph.label) + "</th>";
  o += "<th class=\"n\">not scheduled</th><th class=\"n\">total</th></tr>\n";
  for (std::size_t i = 0; i < by_total.size() && i < 40; ++i) {
    const auto e = by_total[i];
    if (in_puzzle(s, 0, e) == 0) break;
    const auto& n = p.element_node(e);
    o += "<tr><td>" + esc(label_of(n.labels, n.id)) + " <code>" + esc(n.id) + "</code></td><td>" +
         esc(label_of(p.nodes[p.areas[p.elements[e].area]].labels, "")) + "</td>";
    for (std::size_t ph = 0; ph <= s.phases; ++ph)
      o += "<td class=\"n\">" + std::to_string(s.placed_at(0, e, ph)) + "</td>";
    o += "<td class=\"n\">" + std::to_string(in_puzzle(s, 0, e)) + "</td></tr>\n";
  }
  o += "</table>\n";

  // Rules that never fired: a note for the experts.
  std::vector<std::string> unfired;
  for (ir::RuleId r = 0; r < p.rules.size(); ++r)
    if (s.rule_fired[r] == 0) unfired.push_back(p.rules[r].id);
  o += "<h2 id=\"rules\">Rules</h2>\n<p>" + std::to_string(p.rules.size() - unfired.size()) + " of " +
       std::to_string(p.rules.size()) + " rules fired for at least one municipality.</p>\n";
  if (!unfired.empty()) {
    o += "<details><summary>" + std::to_string(unfired.size()) + " rules never fired</summary><p>";
    for (std::size_t i = 0; i < unfired.size(); ++i) o += (i ? ", " : "") + ("<code>" + esc(unfired[i]) + "</code>");
    o += "</p></details>\n";
  }
  return o + "</body>\n</html>\n";
}

}  // namespace puzle
