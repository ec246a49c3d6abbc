// dsl layer (checker), pass "solutions": links each public solution to its provider and to the
// elements it covers (from `covers` in the solution and `solution` in the element).
#include <algorithm>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {

void solutions(CheckContext& cx) {
  auto& prog = cx.program;
  for (ir::SolutionId id = 0; id < prog.solutions.size(); ++id) {
    const auto& d = *cx.solution_decls[id].decl;
    auto& sol = prog.solutions[id];
    if (d.name.parts.size() != 2) {
      cx.error(Code::E203, d.name.span, "a solution is named provider.solution, not '" + d.name.joined() + "'",
               "e.g. solution aoc.enotum \"e-NOTUM\"");
    } else if (auto it = cx.providers.find(d.name.parts[0].text); it == cx.providers.end()) {
      std::vector<std::string> names;
      for (const auto& p : prog.providers) names.push_back(p.id);
      auto hint = did_you_mean(d.name.parts[0].text, names);
      cx.error(Code::E200, d.name.parts[0].span, "unknown provider '" + d.name.parts[0].text + "'",
               hint.empty() ? "declare it: provider " + d.name.parts[0].text + " \"Name\"" : hint);
    } else {
      sol.provider = it->second;
      prog.providers[it->second].solutions.push_back(id);
    }
    if (d.cost) sol.cost = cx.number(d.cost->text, d.cost->span);  // a number: never negative
    for (const auto& c : d.covers) {
      auto e = cx.resolve_element(c, "element to cover");
      if (e == ir::kNone) continue;
      if (std::find(sol.covers.begin(), sol.covers.end(), e) != sol.covers.end()) {
        cx.error(Code::E205, c.span, "'" + c.joined() + "' is covered twice by '" + sol.id + "'");
        continue;
      }
      sol.covers.push_back(e);
    }
  }
  for (ir::NodeId n = 0; n < prog.nodes.size(); ++n) {
    if (prog.nodes[n].kind != ir::NodeKind::Element) continue;
    for (const auto& ref : cx.node_decls[n].decl->solutions) {
      auto it = cx.solutions.find(ref.joined());
      if (it == cx.solutions.end()) {
        std::vector<std::string> names;
        for (const auto& s : prog.solutions) names.push_back(s.id);
        auto hint = did_you_mean(ref.joined(), names);
        cx.error(Code::E200, ref.span, "unknown solution '" + ref.joined() + "'",
                 hint.empty() ? "solutions are named provider.solution and declared with 'solution'" : hint);
        continue;
      }
      auto& covers = prog.solutions[it->second].covers;
      if (std::find(covers.begin(), covers.end(), prog.nodes[n].element) == covers.end())
        covers.push_back(prog.nodes[n].element);
    }
  }
  for (ir::SolutionId id = 0; id < prog.solutions.size(); ++id) {
    auto& covers = prog.solutions[id].covers;
    std::sort(covers.begin(), covers.end());
    for (auto e : covers) prog.elements[e].solutions.push_back(id);
  }
}

}  // namespace puzle::check
