// Public API: a checked rulebase, immutable once loaded. Copies share the same data, so one
// Rulebase can be evaluated by many threads at once without locks. Loading never throws on
// user input: problems come back as diagnostics.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "puzle/diagnostic.hpp"
#include "puzle/ir.hpp"
#include "puzle/names.hpp"
#include "puzle/source.hpp"

namespace puzle {

struct RulebaseAccess;

struct RulebaseLoad;

class Rulebase {
 public:
  static RulebaseLoad load(const std::vector<std::string>& paths);
  static RulebaseLoad from_text(const std::vector<std::pair<std::string, std::string>>& files);

  const ir::Program& program() const;
  const SourceSet& sources() const;
  // SHA-256 (hex) of the rules' content: of the sorted SHA-256 digests of its files, so the
  // order and the spelling of the paths given do not change it.
  const std::string& digest() const;

  // Resolves an element named by short id, full path or unique path suffix. On failure returns
  // kNone and fills `candidates` (several when ambiguous, none when unknown).
  ir::ElementId find_element(std::string_view name, std::vector<ir::ElementId>* candidates = nullptr) const;
  // How its metamodel's nodes are named (find_element is names().element).
  const NodeNames& names() const;
  // The area with this short id, or kNone.
  ir::AreaId find_area(std::string_view id) const;

 private:
  struct Data;
  friend struct RulebaseAccess;
  static Rulebase make(std::shared_ptr<const Data> data);
  explicit Rulebase(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

struct RulebaseLoad {
  std::optional<Rulebase> rulebase;  // empty when there are errors
  Diagnostics diagnostics;           // errors and warnings, sorted
  std::shared_ptr<const SourceSet> sources;
};

}  // namespace puzle
