// dsl layer (checker): name resolution helpers shared by the passes.
#include "check/context.hpp"

#include <algorithm>

namespace puzle::check {

const char* kind_word(ir::NodeKind k) {
  switch (k) {
    case ir::NodeKind::Area: return "area";
    case ir::NodeKind::Domain: return "domain";
    case ir::NodeKind::Block: return "block";
    case ir::NodeKind::Element: return "element";
  }
  return "node";
}

std::vector<ir::NodeId> CheckContext::candidate_nodes(const ast::Path& path) const {
  if (path.parts.size() == 1) return node_names.nodes(path.parts[0].text);  // no joined string
  return node_names.nodes(path.joined());
}

ir::NodeId CheckContext::resolve_node(const ast::Path& path) {
  auto nodes = candidate_nodes(path);
  if (nodes.size() == 1) return nodes.front();
  if (nodes.empty()) {
    std::vector<std::string> names;
    if (suggest())
      for (const auto& n : program.nodes) names.push_back(path.parts.size() == 1 ? n.id : n.path);
    error(Code::E200, path.span, "unknown metamodel node '" + path.joined() + "'", did_you_mean(path.joined(), names));
    return ir::kNone;
  }
  std::string list;
  for (auto n : nodes) list += (list.empty() ? "" : ", ") + program.nodes[n].path;
  error(Code::E202, path.span, "'" + path.joined() + "' is ambiguous: it names " + list,
        "write the full path, e.g. " + program.nodes[nodes.front()].path);
  return ir::kNone;
}

ir::ElementId CheckContext::resolve_element(const ast::Path& path, std::string_view what) {
  // The element among `nodes`, kNone when there is none or more than one.
  auto the_element = [&](const std::vector<ir::NodeId>& nodes) {
    std::size_t matches = 0;
    ir::ElementId found = ir::kNone;
    for (auto n : nodes)
      if (program.nodes[n].element != ir::kNone) {
        ++matches;
        found = program.nodes[n].element;
      }
    return matches == 1 ? found : ir::kNone;
  };
  // The common case, a short id, without copying the list of candidates.
  if (path.parts.size() == 1) {
    if (const auto* same_id = node_names.with_id(path.parts[0].text)) {
      if (auto found = the_element(*same_id); found != ir::kNone) return found;
    }
  }
  auto nodes = candidate_nodes(path);
  if (auto found = the_element(nodes); found != ir::kNone) return found;  // without building the lists below
  const auto matches =
      std::count_if(nodes.begin(), nodes.end(), [&](ir::NodeId n) { return program.nodes[n].element != ir::kNone; });
  if (matches > 1) {
    std::vector<ir::NodeId> elements;
    for (auto n : nodes)
      if (program.nodes[n].element != ir::kNone) elements.push_back(n);
    std::string list;
    for (auto n : elements) list += (list.empty() ? "" : ", ") + program.nodes[n].path;
    error(Code::E202, path.span, "element id '" + path.joined() + "' is ambiguous: it names " + list,
          "write the full path, e.g. " + program.nodes[elements.front()].path);
    return ir::kNone;
  }
  if (!nodes.empty()) {
    const auto& n = program.nodes[nodes.front()];
    // Name a few of the elements under the node: one of them is probably what was meant.
    std::string inside;
    std::size_t count = 0;
    for (const auto& e : program.elements) {
      if (!suggest()) break;  // past the limit, no scan of every element
      const auto& en = program.nodes[e.node];
      if (en.path.compare(0, n.path.size() + 1, n.path + ".") != 0) continue;
      if (++count <= 5) inside += (count > 1 ? ", " : "") + en.id;
    }
    if (count > 5) inside += ", ...";
    error(Code::E203, path.span,
          "'" + path.joined() + "' is " + (n.kind == ir::NodeKind::Area ? "an " : "a ") + kind_word(n.kind) +
              ", not an element",
          "only elements (the fourth level) can be named here" +
              (inside.empty() ? std::string()
                              : std::string("; ") + kind_word(n.kind) + " '" + n.id + "' holds: " + inside));
    return ir::kNone;
  }
  std::vector<std::string> names;
  if (suggest())
    for (const auto& e : program.elements) names.push_back(program.nodes[e.node].id);
  std::string hint = did_you_mean(path.parts.back().text, names);
  if (path.parts.size() > 1 && suggest()) {
    // The last part names elements, but the path leads to none of them: show their paths.
    std::string same;
    if (const auto* same_id = node_names.with_id(path.parts.back().text))
      for (auto id : *same_id)
        if (program.nodes[id].kind == ir::NodeKind::Element)
          same += (same.empty() ? "" : ", ") + program.nodes[id].path;
    if (!same.empty())
      hint = "no element has this path; the elements named '" + path.parts.back().text + "' are: " + same;
  }
  error(Code::E200, path.span, "unknown " + std::string(what) + " '" + path.joined() + "'", hint);
  return ir::kNone;
}

std::optional<Decimal> CheckContext::number(const std::string& text, Span span) {
  Decimal::ParseError why{};
  auto d = Decimal::parse(text, &why);
  if (d) return d;
  if (why == Decimal::ParseError::TooPrecise)
    error(Code::E107, span, "'" + text + "' has more than " + std::to_string(Decimal::kScale) + " decimal places",
          "numbers are exact decimals with at most 6 decimal places");
  else
    error(Code::E107, span, "'" + text + "' is too large", "numbers have at most 30 integer digits");
  return std::nullopt;
}

}  // namespace puzle::check
