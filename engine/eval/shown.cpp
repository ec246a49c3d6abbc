// engine layer: labels and values as shown.
#include "eval/shown.hpp"

namespace puzle::explain {

std::string label(const ir::Program& p, ir::NodeId node) {
  const auto& n = p.nodes[node];
  for (const auto& l : n.labels)
    if (l.lang == "ca") return l.text;
  return n.labels.empty() ? n.id : n.labels.front().text;
}

std::string value_text(const ir::Program& p, const ir::Value& v, const ir::Field& f) {
  switch (f.type.kind) {
    case ir::TypeKind::Bool: return v.boolean ? "true" : "false";
    case ir::TypeKind::Text: return v.text;
    case ir::TypeKind::Enum: return v.index < f.enum_values.size() ? f.enum_values[v.index] : "?";
    case ir::TypeKind::Set: {
      std::string s;
      for (auto e : v.elements) s += (s.empty() ? "" : ", ") + p.element_node(e).id;
      return "[" + s + "]";
    }
    case ir::TypeKind::PerAreaLevel: {
      std::string s;
      for (std::size_t a = 0; a < v.levels.size() && a < p.areas.size(); ++a)
        s += (s.empty() ? "" : ", ") + p.nodes[p.areas[a]].id + ": " + v.levels[a].to_string();
      return "{" + s + "}";
    }
    case ir::TypeKind::Money: return v.number.to_string(2);
    default: return v.number.to_string();
  }
}

std::string source_text(const SourceSet& src, Span s) {
  if (s.file >= src.size()) return "";
  std::string t = src.file(s.file).text().substr(s.begin, s.end - s.begin);
  std::string out;
  bool space = false;
  for (char c : t) {  // one line, single spaces
    const bool ws = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace puzle::explain
