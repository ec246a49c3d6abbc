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
#include "puzle/outcome.hpp"
#include "puzle/source.hpp"

namespace puzle {

struct RulebaseAccess;

// How a rule is run, worked out once at load time (engine/rulebase/rule_plans.cpp), so that
// evaluation does not redo, per profile and per binding, what depends on the rulebase alone.
struct RulePlan {
  // The bindings of `for`: the profile's set field `set_field`, or else `bindings` (a set that
  // reads no profile fact, e.g. `elements`), sorted and unique.
  ir::FieldId set_field = ir::kNone;
  std::vector<ir::ElementId> bindings;
  // When `where` reads no profile fact (e.g. `e.domain == x`) it is decided here: `outcomes`
  // holds one per binding (NotFired with the deciding condition, or Fired where `where` holds,
  // as if `when` held) and `where_holds` the positions where it holds. Evaluation copies the
  // outcomes and only settles `when` at those positions.
  bool where_fixed = false;
  std::vector<RuleOutcome> outcomes;
  std::vector<std::uint32_t> where_holds;
  // A `when` that does not read the variable has one value per evaluation: computed once.
  bool when_reads_var = false;
};

// Facts about a Program computed once at load time, so that evaluation does no searching.
struct RulebaseIndex {
  std::vector<ir::ElementId> prerequisites_first;  // every element after all its prerequisites
  ir::FieldId in_place = ir::kNone;  // the `in_place: set<element>` field, by convention
  ir::FieldId needs = ir::kNone;     // the `needs: set<element>` field, by convention
  std::vector<std::vector<ir::RuleId>> rules_naming;  // element -> rules with an effect naming it
  std::vector<ir::RuleId> rules_with_for;             // rules whose effects target their variable
  std::vector<RulePlan> rule_plans;                   // one per rule
};
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
  const RulebaseIndex& index() const;
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
