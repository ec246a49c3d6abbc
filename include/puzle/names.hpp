// Public API: how a metamodel node is named in rules, on the command line and in tools: by its
// short id (`notificacions`), its full path (`ajuntament.admin.relacio.notificacions`) or a
// unique suffix of its path (`relacio.notificacions`). One resolver for the checker, the
// Rulebase and every front end, so a name means the same thing everywhere.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "puzle/ir.hpp"

namespace puzle {

class NodeNames {
 public:
  NodeNames() = default;
  // Every node of the metamodel (`program.nodes`, ids and paths set).
  explicit NodeNames(const ir::Program& program);

  // The nodes `name` may mean: one for a full path or an unambiguous name, several for an
  // ambiguous one, none for an unknown one.
  std::vector<ir::NodeId> nodes(std::string_view name) const;
  // The nodes with this short id (no allocation: the common case of the checker).
  const std::vector<ir::NodeId>* with_id(std::string_view id) const;

  // The element `name` means: among the nodes it may mean, the elements (a domain may share an
  // element's id). kNone when there is none or more than one; `candidates` then receives them.
  ir::ElementId element(std::string_view name, std::vector<ir::ElementId>* candidates = nullptr) const;

 private:
  // Looked up by string_view without building a string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const ir::Program* program_ = nullptr;
  std::unordered_map<std::string, std::vector<ir::NodeId>, Hash, std::equal_to<>> by_id_;
  std::unordered_map<std::string, ir::NodeId, Hash, std::equal_to<>> by_path_;
};

}  // namespace puzle
