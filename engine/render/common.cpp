// engine layer (rendering): helpers shared by the renderers.
#include "render/common.hpp"

#include <algorithm>

#include "render/explain_model.hpp"

namespace puzle::render {

std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(const std::string& s, std::size_t w) {
  const std::size_t have = width(s);
  return have >= w ? s : s + std::string(w - have, ' ');
}

std::string clip(const std::string& s, std::size_t w) {
  if (w == 0 || width(s) <= w) return s;
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && ++n == w) break;
    out += s[i];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

Identity identity(const RenderInput& in) {
  const ir::Program& p = in.rulebase.program();
  Identity id;
  for (ir::FieldId f = 0; f < p.fields.size(); ++f) {
    const auto& field = p.fields[f];
    std::string v = explain::value_text(p, in.profile.values[f], field);
    if (field.type.kind == ir::TypeKind::Enum && !v.empty())
      v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
    if (field.name == "name") id.name = v;
    if (field.name == "comarca") id.comarca = v;
    if (field.name == "province") id.province = v;
    if (field.name == "population") id.population = v;
  }
  return id;
}

std::string solution_label(const ir::Program& p, ir::SolutionId s) {
  const auto& sol = p.solutions[s];
  std::string label = sol.labels.empty() ? sol.id : sol.labels.front().text;
  if (sol.provider == ir::kNone) return label;
  const auto& prov = p.providers[sol.provider];
  return (prov.labels.empty() ? prov.id : prov.labels.front().text) + " · " + label;
}

std::vector<std::string> legal_sources(const RenderInput& in, ir::ElementId e) {
  const ir::Program& p = in.rulebase.program();
  std::vector<std::string> out;
  for (auto ci : in.result.contributions_of(e)) {
    const auto& c = in.result.contributions[ci];
    if (c.kind != ir::EffectKind::Require) continue;
    for (const auto& s : p.rules[in.result.outcomes[c.outcome].rule].sources)
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::string short_digest(const std::string& hex) { return hex.substr(0, 12); }

bool own_provider(const RenderInput& in, ir::SolutionId s) {
  const ir::ProviderId pr = in.rulebase.program().solutions[s].provider;
  return pr != ir::kNone && pr < in.result.own_providers.size() && in.result.own_providers[pr];
}

std::string solution_terms(const RenderInput& in, ir::SolutionId s) {
  const ir::Solution& sol = in.rulebase.program().solutions[s];
  const std::string price = !sol.cost             ? "cost not stated"
                            : sol.cost->is_zero() ? "free"
                                                  : "cost " + sol.cost->to_string(2) + " €";
  return own_provider(in, s) ? "own provider, " + price : price;
}

std::string warning_line(const RenderInput& in, const ProfileWarning& w) {
  const ir::Rule& decl = in.rulebase.program().warnings[w.warning];
  std::string s = "warning[" + decl.id + "] " + (decl.title.empty() ? decl.id : decl.title) + ": " + w.text;
  std::string facts;
  for (const auto& f : w.facts) facts += (facts.empty() ? "" : ", ") + f.name + " = " + f.value;
  return facts.empty() ? s : s + " (" + facts + ")";
}

}  // namespace puzle::render
