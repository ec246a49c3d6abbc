// engine layer (render): the metamodel as JSON, for a client to draw it (docs/json.md,
// "Metamodel"): areas > domains > blocks > elements, each with its labels in every language.
#include "puzle/render.hpp"
#include "text/json_writer.hpp"

namespace puzle {
namespace {

void labels(json::Writer& w, const char* key, const std::vector<ir::Label>& ls) {
  w.key(key).begin_object();
  for (const auto& l : ls) w.field(l.lang.empty() ? "ca" : l.lang, l.text);
  w.end();
}

void node(json::Writer& w, const ir::Program& p, ir::NodeId id) {
  const ir::Node& n = p.nodes[id];
  w.begin_object().field("id", n.id).field("path", n.path);
  labels(w, "labels", n.labels);
  if (!n.descriptions.empty()) labels(w, "descriptions", n.descriptions);
  if (n.kind == ir::NodeKind::Element) {
    const ir::Element& e = p.elements[n.element];
    if (e.effort) w.key("effort").raw(json::quoted(e.effort->to_string()));
    if (e.cost) w.key("cost").raw(json::quoted(e.cost->to_string(2)));
    std::vector<std::string> requires_, solutions;
    for (ir::ElementId r : e.requires_) requires_.push_back(p.element_node(r).path);
    for (ir::SolutionId s : e.solutions) solutions.push_back(p.solutions[s].id);
    w.key("requires").strings(requires_).key("solutions").strings(solutions);
  } else {
    const char* children = n.kind == ir::NodeKind::Area     ? "domains"
                           : n.kind == ir::NodeKind::Domain ? "blocks"
                                                            : "elements";
    w.key(children).begin_array();
    for (ir::NodeId c : n.children) node(w, p, c);
    w.end();
  }
  w.end();
}

}  // namespace

std::string render_metamodel_json(const Rulebase& rulebase) {
  const ir::Program& p = rulebase.program();
  std::string out;
  json::Writer w(out, 2);
  w.begin_object();
  w.key("rulebase").begin_object().field("digest", rulebase.digest()).end();
  w.key("counts").begin_object();
  w.field("areas", std::uint64_t{p.areas.size()}).field("elements", std::uint64_t{p.elements.size()});
  w.field("rules", std::uint64_t{p.rules.size()}).field("solutions", std::uint64_t{p.solutions.size()});
  w.field("tests", std::uint64_t{p.tests.size()}).end();
  w.key("areas").begin_array();
  for (ir::NodeId a : p.areas) node(w, p, a);
  w.end().end();
  out += "\n";
  return out;
}

}  // namespace puzle
