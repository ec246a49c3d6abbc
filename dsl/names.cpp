// dsl layer: resolving the names of metamodel nodes (see puzle/names.hpp).
#include "puzle/names.hpp"

namespace puzle {

NodeNames::NodeNames(const ir::Program& program) : program_(&program) {
  by_id_.reserve(program.nodes.size());
  by_path_.reserve(program.nodes.size());
  for (ir::NodeId id = 0; id < program.nodes.size(); ++id) {
    by_id_[program.nodes[id].id].push_back(id);
    by_path_[program.nodes[id].path] = id;  // a duplicate path (an error) keeps the last
  }
}

const std::vector<ir::NodeId>* NodeNames::with_id(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<ir::NodeId> NodeNames::nodes(std::string_view name) const {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) {
    const auto* found = with_id(name);
    return found ? *found : std::vector<ir::NodeId>{};
  }
  if (const auto it = by_path_.find(name); it != by_path_.end()) return {it->second};
  // A unique suffix of a path: among the nodes with the last part's id, those whose path ends
  // with `.name`.
  std::vector<ir::NodeId> out;
  if (const auto* same_id = with_id(name.substr(dot + 1)))
    for (const ir::NodeId n : *same_id) {
      const std::string& path = program_->nodes[n].path;
      if (path.size() > name.size() && path.compare(path.size() - name.size(), name.size(), name) == 0 &&
          path[path.size() - name.size() - 1] == '.')
        out.push_back(n);
    }
  return out;
}

ir::ElementId NodeNames::element(std::string_view name, std::vector<ir::ElementId>* candidates) const {
  std::vector<ir::ElementId> found;
  for (const ir::NodeId n : nodes(name))
    if (program_->nodes[n].element != ir::kNone) found.push_back(program_->nodes[n].element);
  if (found.size() == 1) return found.front();
  if (candidates) *candidates = std::move(found);
  return ir::kNone;
}

}  // namespace puzle
