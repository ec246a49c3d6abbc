// dsl layer (checker), pass "metamodel": flattens the area > domain > block > element tree
// (nested or declared with `in PATH`), checks the four levels, assigns node and element ids
// in path order, resolves prerequisites and reports prerequisite cycles.
#include <algorithm>
#include <set>
#include <variant>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {
namespace {

struct Raw {
  const ast::Module* module = nullptr;
  const ast::NodeDecl* decl = nullptr;
  int parent = -1;      // index into raws
  bool nested = false;  // declared inside its parent's body
  bool valid = true;
  std::string path;  // empty until known
  int depth = -1;
};

ir::NodeKind kind_of(ast::NodeDecl::Kind k) {
  switch (k) {
    case ast::NodeDecl::Kind::Area: return ir::NodeKind::Area;
    case ast::NodeDecl::Kind::Domain: return ir::NodeKind::Domain;
    case ast::NodeDecl::Kind::Block: return ir::NodeKind::Block;
    case ast::NodeDecl::Kind::Element: return ir::NodeKind::Element;
  }
  return ir::NodeKind::Area;
}

const char* expected_parent(ir::NodeKind k) {
  switch (k) {
    case ir::NodeKind::Domain: return "an area";
    case ir::NodeKind::Block: return "a domain";
    case ir::NodeKind::Element: return "a block";
    case ir::NodeKind::Area: return "nothing";
  }
  return "";
}

void collect(CheckContext& cx, std::vector<Raw>& raws, const ast::Module& m, const ast::NodeDecl& d, int parent) {
  Raw r;
  r.module = &m;
  r.decl = &d;
  r.parent = parent;
  r.nested = parent >= 0;
  if (d.parent && r.nested)
    cx.error(Code::E400, d.parent->span,
             std::string(kind_word(kind_of(d.kind))) + " '" + d.name.text + "' is nested and also says 'in " +
                 d.parent->joined() + "'",
             "use 'in PATH' only for a declaration written outside its parent");
  raws.push_back(r);
  const int self = static_cast<int>(raws.size() - 1);
  for (const auto& c : d.children) collect(cx, raws, m, c, self);
}

// Gives every node its path and depth, walking from the top-level declarations; a node
// declared with `in PATH` (the full path of its parent) waits until that path is known.
// A worklist keeps this linear in the number of nodes.
void place(CheckContext& cx, std::vector<Raw>& raws) {
  std::vector<std::vector<int>> children(raws.size());
  std::unordered_map<std::string, std::vector<int>> waiting;  // parent path -> nodes
  std::vector<int> queue;
  for (std::size_t i = 0; i < raws.size(); ++i) {
    Raw& r = raws[i];
    if (r.nested) {
      children[static_cast<std::size_t>(r.parent)].push_back(static_cast<int>(i));
    } else if (r.decl->parent) {
      waiting[r.decl->parent->joined()].push_back(static_cast<int>(i));
    } else {
      r.path = r.decl->name.text;
      r.depth = 0;
      queue.push_back(static_cast<int>(i));
    }
  }
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const auto i = static_cast<std::size_t>(queue[q]);
    auto adopt = [&](int c) {
      Raw& child = raws[static_cast<std::size_t>(c)];
      child.parent = static_cast<int>(i);
      child.path = raws[i].path + "." + child.decl->name.text;
      child.depth = raws[i].depth + 1;
      queue.push_back(c);
    };
    for (int c : children[i]) adopt(c);
    if (auto w = waiting.find(raws[i].path); w != waiting.end()) {
      auto list = std::move(w->second);
      waiting.erase(w);
      for (int c : list) adopt(c);
    }
  }
  std::vector<std::string> paths;
  for (const auto& k : raws)
    if (!k.path.empty()) paths.push_back(k.path);
  // The paths that unplaced nodes would have had: a node `in` one of them is not reported again.
  // collect() lists a parent before its children, so one pass suffices.
  std::vector<std::string> would_be(raws.size());
  std::set<std::string> unplaced;
  for (std::size_t i = 0; i < raws.size(); ++i) {
    const Raw& r = raws[i];
    if (!r.path.empty()) continue;
    if (r.nested)
      would_be[i] = would_be[static_cast<std::size_t>(r.parent)] + "." + r.decl->name.text;
    else if (r.decl->parent)
      would_be[i] = r.decl->parent->joined() + "." + r.decl->name.text;
    unplaced.insert(would_be[i]);
  }
  for (auto& r : raws) {
    if (!r.path.empty()) continue;
    r.valid = false;
    if (!r.decl->parent || r.nested) continue;  // inside an unplaced node: reported there
    const std::string parent = r.decl->parent->joined();
    if (unplaced.count(parent)) continue;  // `in` an unplaced node: reported there
    // A short id or a partial path of a known node: show the full path that 'in' needs.
    std::string full;
    for (const auto& p : paths)
      if (p.size() > parent.size() && p.compare(p.size() - parent.size(), parent.size(), parent) == 0 &&
          p[p.size() - parent.size() - 1] == '.')
        full += (full.empty() ? "" : " or ") + p;
    std::string hint = !full.empty() ? "'in' takes the full path of the parent: " + full : did_you_mean(parent, paths);
    if (hint.empty()) hint = "'in' takes the full path of the parent, from its area, e.g. 'block NAME in AREA.DOMAIN'";
    cx.error(Code::E200, r.decl->parent->span, "unknown parent '" + parent + "'", hint);
  }
}

// Each kind lives at one depth: area 0, domain 1, block 2, element 3.
void check_levels(CheckContext& cx, std::vector<Raw>& raws) {
  for (auto& r : raws) {
    if (!r.valid || r.path.empty()) continue;
    auto kind = kind_of(r.decl->kind);
    int want = static_cast<int>(kind);
    if (r.depth == want) continue;
    r.valid = false;
    if (r.parent >= 0 && !raws[static_cast<std::size_t>(r.parent)].valid) continue;  // already reported
    std::string what = std::string(kind_word(kind)) + " '" + r.decl->name.text + "'";
    if (r.parent < 0) {
      cx.error(Code::E400, r.decl->name.span, what + " is not inside " + expected_parent(kind),
               std::string("nest it inside ") + expected_parent(kind) + " or write '" + kind_word(kind) + " " +
                   r.decl->name.text + " in PATH' (area > domain > block > element)");
    } else {
      const Raw& p = raws[static_cast<std::size_t>(r.parent)];
      auto pk = kind_of(p.decl->kind);
      cx.error(Code::E400, r.decl->name.span,
               what + " is inside " + kind_word(pk) + " '" + p.decl->name.text + "'; " +
                   (kind == ir::NodeKind::Area ? "an area is top-level"
                                               : std::string("it belongs in ") + expected_parent(kind)),
               "the metamodel has four levels: area > domain > block > element");
    }
  }
  // Children of invalid nodes are dropped without further messages.
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto& r : raws)
      if (r.valid && r.parent >= 0 && !raws[static_cast<std::size_t>(r.parent)].valid) {
        r.valid = false;
        changed = true;
      }
  }
}

// `maturity [AREA] N` on element `id`: the profile's `maturity: level[area]` must exist, AREA
// be an area, and N one of the field's levels.
void readiness(CheckContext& cx, const ast::NodeDecl& d, const std::string& id, ir::Element& e) {
  const ir::Program& prog = cx.program;
  const Span at = d.maturity->span;
  const auto field = cx.fields.find("maturity");
  if (field == cx.fields.end()) {
    cx.error(Code::E200, at, "element '" + id + "' needs a maturity, but the profile declares no 'maturity' field",
             "declare it in the profile: maturity: level[area] 0..5 = 0");
    return;
  }
  const ir::Field& f = prog.fields[field->second];
  if (f.type.kind != ir::TypeKind::PerAreaLevel) {
    cx.error(Code::E203, at,
             "element '" + id + "' needs a maturity, but the profile's 'maturity' is not a level[area]");
    return;
  }
  e.maturity_area = e.area;
  if (d.maturity_area) {
    const std::string& name = d.maturity_area->text;
    e.maturity_area = ir::kNone;
    for (ir::AreaId a = 0; a < prog.areas.size(); ++a)
      if (prog.nodes[prog.areas[a]].id == name) e.maturity_area = a;
    if (e.maturity_area == ir::kNone) {
      std::vector<std::string> areas;
      for (ir::NodeId n : prog.areas) areas.push_back(prog.nodes[n].id);
      cx.error(Code::E200, d.maturity_area->span, "'" + name + "' is not an area", did_you_mean(name, areas));
      return;
    }
  }
  const auto level = cx.number(d.maturity->text, at);
  if (!level) return;
  if (*level < f.lo || *level > f.hi) {
    cx.error(Code::E302, at,
             "maturity " + level->to_string() + " is outside the levels of 'maturity' (" + f.lo.to_string() + ".." +
                 f.hi.to_string() + ")");
    return;
  }
  e.maturity = static_cast<std::uint32_t>(*level->whole_magnitude());
}

void report_cycles(CheckContext& cx, const std::vector<std::vector<Span>>& requires_spans) {
  const auto& els = cx.program.elements;
  std::vector<int> color(els.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<ir::ElementId> path;        // the DFS path
  std::vector<std::size_t> next;          // per path entry: the next prerequisite to visit
  std::set<std::vector<ir::ElementId>> seen;
  auto report = [&](ir::ElementId r) {
    auto from = std::find(path.begin(), path.end(), r);
    std::vector<ir::ElementId> canon(from, path.end());
    std::rotate(canon.begin(), std::min_element(canon.begin(), canon.end()), canon.end());
    if (!seen.insert(canon).second) return;
    std::string text;
    for (auto c : canon) text += cx.program.element_node(c).id + " → ";
    text += cx.program.element_node(canon.front()).id;
    // Point at the `requires` entry of the first element that leads on round the cycle.
    const ir::ElementId first = canon.front();
    const ir::ElementId after = canon.size() > 1 ? canon[1] : canon.front();
    const auto& reqs = els[first].requires_;
    const auto pos = static_cast<std::size_t>(std::find(reqs.begin(), reqs.end(), after) - reqs.begin());
    cx.error(Code::E401, requires_spans[first][pos], "prerequisite cycle: " + text,
             "an element cannot need itself, directly or through others; remove one 'requires'");
  };
  // Iterative depth-first search: prerequisite chains may be very long.
  for (ir::ElementId root = 0; root < els.size(); ++root) {
    if (color[root] != 0) continue;
    path.push_back(root);
    next.push_back(0);
    color[root] = 1;
    while (!path.empty()) {
      const ir::ElementId e = path.back();
      if (next.back() == els[e].requires_.size()) {
        color[e] = 2;
        path.pop_back();
        next.pop_back();
        continue;
      }
      const ir::ElementId r = els[e].requires_[next.back()++];
      if (color[r] == 1) {
        report(r);
      } else if (color[r] == 0) {
        color[r] = 1;
        path.push_back(r);
        next.push_back(0);
      }
    }
  }
}

}  // namespace

void metamodel(CheckContext& cx) {
  std::vector<Raw> raws;
  for (const auto& m : cx.modules)
    for (const auto& decl : m.decls)
      if (auto* n = std::get_if<ast::NodeDecl>(&decl)) collect(cx, raws, m, *n, -1);
  place(cx, raws);
  check_levels(cx, raws);

  // Sort by path; duplicates keep the first in source order.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < raws.size(); ++i)
    if (raws[i].valid && !raws[i].path.empty()) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (raws[a].path != raws[b].path) return raws[a].path < raws[b].path;
    const Span sa = raws[a].decl->name.span, sb = raws[b].decl->name.span;
    return sa.file != sb.file ? sa.file < sb.file : sa.begin < sb.begin;
  });
  std::vector<ir::NodeId> node_of(raws.size(), ir::kNone);
  auto& prog = cx.program;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Raw& r = raws[order[k]];
    if (k > 0 && raws[order[k - 1]].path == r.path) {
      auto& d = cx.error(Code::E201, r.decl->name.span,
                         std::string(kind_word(kind_of(r.decl->kind))) + " '" + r.path + "' is declared twice",
                         "to add members to a node declared elsewhere, declare its children with 'in " + r.path + "'");
      cx.note(d, raws[order[k - 1]].decl->name.span, "first declared here");
      continue;
    }
    node_of[order[k]] = static_cast<ir::NodeId>(prog.nodes.size());
    ir::Node n;
    n.kind = kind_of(r.decl->kind);
    n.id = r.decl->name.text;
    n.path = r.path;
    n.labels = localized_labels(cx, r.decl->label, r.decl->labels, "label");
    n.descriptions = localized_labels(cx, std::nullopt, r.decl->descriptions, "description");
    n.span = r.decl->name.span;
    prog.nodes.push_back(std::move(n));
    cx.node_decls.push_back({r.module, r.decl});
  }
  // Children of duplicates hang off the surviving node with the same path.
  for (std::size_t k = 0; k < order.size(); ++k)
    if (node_of[order[k]] == ir::kNone && k > 0) node_of[order[k]] = node_of[order[k - 1]];
  for (std::size_t i = 0; i < raws.size(); ++i) {
    if (node_of[i] == ir::kNone || raws[i].parent < 0) continue;
    auto& n = prog.nodes[node_of[i]];
    if (n.parent != ir::kNone) continue;
    n.parent = node_of[static_cast<std::size_t>(raws[i].parent)];
  }
  for (ir::NodeId id = 0; id < prog.nodes.size(); ++id) {
    auto& n = prog.nodes[id];
    if (n.parent != ir::kNone) prog.nodes[n.parent].children.push_back(id);
    if (n.kind == ir::NodeKind::Area) {
      n.area = static_cast<ir::AreaId>(prog.areas.size());
      prog.areas.push_back(id);
    } else {
      n.area = prog.nodes[n.parent].area;
    }
    if (n.kind == ir::NodeKind::Element) {
      n.element = static_cast<ir::ElementId>(prog.elements.size());
      ir::Element e;
      e.node = id;
      e.area = n.area;
      e.block = n.parent;
      e.domain = prog.nodes[n.parent].parent;
      prog.elements.push_back(std::move(e));
    }
  }
  cx.node_names = NodeNames(prog);

  // Members that only elements have; prerequisites.
  std::vector<std::vector<Span>> requires_spans(prog.elements.size());
  for (ir::NodeId id = 0; id < prog.nodes.size(); ++id) {
    const auto& d = *cx.node_decls[id].decl;
    const auto& n = prog.nodes[id];
    if (n.kind != ir::NodeKind::Element) {
      std::string what = std::string(kind_word(n.kind)) + " '" + n.id + "'";
      if (d.effort) cx.error(Code::E405, d.effort->span, what + " cannot have an effort; only elements do");
      if (d.cost) cx.error(Code::E405, d.cost->span, what + " cannot have a cost; only elements do");
      if (d.maturity) cx.error(Code::E405, d.maturity->span, what + " cannot need a maturity; only elements do");
      if (d.city_scale) cx.error(Code::E405, *d.city_scale, what + " cannot be city_scale; only elements are");
      for (const auto& r : d.requires_)
        cx.error(Code::E405, r.span, what + " cannot require anything; only elements do");
      for (const auto& s : d.solutions)
        cx.error(Code::E405, s.span, what + " cannot name a solution; only elements do");
      continue;
    }
    auto& e = prog.elements[n.element];
    if (d.effort) e.effort = cx.number(d.effort->text, d.effort->span);
    if (d.cost) e.cost = cx.number(d.cost->text, d.cost->span);
    if (d.maturity) readiness(cx, d, n.id, e);
    e.city_scale = d.city_scale.has_value();
    for (const auto& r : d.requires_) {
      auto target = cx.resolve_element(r, "prerequisite");
      if (target == ir::kNone) continue;
      if (std::find(e.requires_.begin(), e.requires_.end(), target) != e.requires_.end()) {
        cx.error(Code::E205, r.span, "'" + r.joined() + "' is required twice by '" + n.id + "'");
        continue;
      }
      e.requires_.push_back(target);
      requires_spans[n.element].push_back(r.span);
    }
  }
  report_cycles(cx, requires_spans);
  for (auto& e : prog.elements) std::sort(e.requires_.begin(), e.requires_.end());
}

}  // namespace puzle::check
