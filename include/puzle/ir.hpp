// Public API: the checked, resolved, typed form of a rulebase: the evaluator's only input.
// Every name is resolved to a dense index; nothing here is looked up by string at evaluation
// time. Ids are assigned in a canonical order (sorted by name or path), so the order of files
// and declarations never changes a Program. Built only by the checker; immutable afterwards.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "puzle/date.hpp"
#include "puzle/decimal.hpp"
#include "puzle/source.hpp"

namespace puzle::ir {

using Id = std::uint32_t;
inline constexpr Id kNone = std::numeric_limits<Id>::max();
using FieldId = Id;
using NodeId = Id;     // any metamodel node
using ElementId = Id;  // fourth-level nodes only, dense
using AreaId = Id;     // index into Program::areas
using SegmentId = Id;
using RuleId = Id;
using ProviderId = Id;
using SolutionId = Id;
using PhaseId = Id;
using ExprId = Id;

struct Label {
  std::string lang;  // "ca", "es", "en"
  std::string text;
};

// ---- types ---------------------------------------------------------------------------------
enum class TypeKind : std::uint8_t {
  Bool,
  Int,
  Decimal,
  Money,
  Text,
  Enum,
  Level,
  Set,
  Element,
  Area,
  Node,
  PerAreaLevel,
  List,
  Error
};

struct Type {
  TypeKind kind = TypeKind::Error;
  FieldId field = kNone;  // Enum/Level/PerAreaLevel: the field that declares the values or range
  bool operator==(const Type&) const = default;
  bool numeric() const {
    return kind == TypeKind::Int || kind == TypeKind::Decimal || kind == TypeKind::Money || kind == TypeKind::Level;
  }
};

// ---- constant values (defaults, test profiles) ----------------------------------------------
struct Value {
  TypeKind kind = TypeKind::Error;
  bool boolean = false;
  Decimal number;                   // Int, Decimal, Money, Level
  std::string text;                 // Text
  Id index = kNone;                 // Enum value index, Element, Area
  std::vector<ElementId> elements;  // Set, sorted and unique
  std::vector<Decimal> levels;      // PerAreaLevel, one per area
};

// ---- profile schema --------------------------------------------------------------------------
struct Field {
  std::string name;
  Type type;
  std::vector<std::string> enum_values;  // Enum
  Decimal lo, hi;                        // Level and PerAreaLevel: inclusive range
  std::optional<Value> default_value;
  Span span;
};

// ---- metamodel -------------------------------------------------------------------------------
enum class NodeKind : std::uint8_t { Area, Domain, Block, Element };

struct Node {
  NodeKind kind = NodeKind::Area;
  std::string id;    // short id
  std::string path;  // dotted path from the area
  NodeId parent = kNone;
  std::vector<NodeId> children;
  std::vector<Label> labels;  // first is Catalan when given
  std::vector<Label> descriptions;
  ElementId element = kNone;  // for elements
  AreaId area = kNone;        // the area it belongs to
  Span span;
};

struct Element {
  NodeId node = kNone;
  AreaId area = kNone;
  NodeId domain = kNone;
  NodeId block = kNone;
  std::optional<Decimal> effort;
  std::optional<Decimal> cost;
  // The level of the profile's `maturity[maturity_area]` it needs to be started (its own area
  // unless it names another).
  std::optional<std::uint32_t> maturity;
  AreaId maturity_area = kNone;
  bool city_scale = false;            // `city_scale`: made for cities (`e.city_scale` in conditions)
  std::vector<ElementId> requires_;   // direct prerequisites, sorted
  std::vector<SolutionId> solutions;  // public solutions that cover it, sorted
};

struct Provider {
  std::string id;
  std::vector<Label> labels;
  std::vector<Label> descriptions;
  std::string url;
  std::vector<SolutionId> solutions;
  ExprId serves = kNone;  // the municipalities whose own provider it is; kNone: none in particular
  Span span;
};

struct Solution {
  std::string id;  // provider.solution
  ProviderId provider = kNone;
  std::vector<Label> labels;
  std::vector<Label> descriptions;
  std::string url;
  std::vector<ElementId> covers;  // sorted
  ExprId eligible = kNone;        // kNone: every municipality is eligible
  std::optional<Decimal> cost;    // what the municipality pays, in euros (0: free); unstated: unknown
  Span span;
};

// ---- expressions -----------------------------------------------------------------------------
// What each operator means, by operand (a, b, lhs, rhs of Expr):
//   Const          constants[a]
//   Field          scalar or set field a
//   FieldAt        per-area level field a, indexed by lhs (an Area expression)
//   Segment        segment a
//   Var            the element bound by the rule's `for`
//   ElementArea, ElementDomain, ElementBlock   the area / domain node / block node of element lhs
//   ElementEffort, ElementCost                 attributes of element lhs (0 when undeclared)
//   ElementCityScale                           whether element lhs is `city_scale`
//   AllElements    the set of every element
//   ElementList    the set of elements list_items[a .. a+b)
//   InSet, NotInSet       element lhs is (not) in set rhs
//   InList, NotInList     scalar lhs equals (none of) the constants list_items[a .. a+b)
//   Count          number of elements in set lhs
//   Min, Max       the smaller / larger of the numbers lhs and rhs
//   If             condition lhs, then the number of rhs's lhs when it holds, else of its rhs
//   Branches       the two numbers of an If (never evaluated alone)
//   Not, Neg       of lhs; the others of lhs and rhs
enum class Op : std::uint8_t {
#define X(name, dump, list, fails, reads, negated, mirrored) name,
#include "puzle/ir_ops.def"
#undef X
};

// What an operator reads by itself (its operands may read more).
enum class Reads : std::uint8_t { None, Profile, Var };

// An operator's row of ir_ops.def.
struct OpInfo {
  const char* dump;
  bool list;      // operands in list_items[a .. a+b)
  bool may_fail;  // may fail by itself (arithmetic)
  Reads reads;
  Op negated;
  Op mirrored;
};

inline constexpr OpInfo kOpInfo[] = {
#define X(name, dump, list, fails, reads, negated, mirrored) \
  {dump, list, fails, Reads::reads, Op::negated, Op::mirrored},
#include "puzle/ir_ops.def"
#undef X
};

constexpr const OpInfo& op_info(Op op) { return kOpInfo[static_cast<std::size_t>(op)]; }

struct Expr {
  Op op = Op::Const;
  Type type;
  ExprId lhs = kNone;
  ExprId rhs = kNone;
  Id a = kNone;
  Id b = 0;
  Span span;
};

// ---- rules -----------------------------------------------------------------------------------
struct Segment {
  std::string id;
  std::string label;
  ExprId condition = kNone;
  Span span;
};

enum class EffectKind : std::uint8_t { Suggest, Require, Exclude, Boost, Penalize };

struct Effect {
  EffectKind kind = EffectKind::Suggest;
  ElementId target = kNone;  // kNone: the rule's `for` variable
  Decimal weight;            // signed contribution to the score (penalize is already negative)
  Date due;                  // require: the date by which the law required it (empty: none)
  Span span;
};

struct TemplatePart {
  std::string text;
  ExprId expr = kNone;  // a hole when not kNone
};

struct Rule {
  std::string id;
  std::string title;
  std::vector<std::string> sources;
  std::optional<Date> valid_from;
  std::optional<Date> valid_until;
  ExprId for_set = kNone;  // kNone: no `for`
  std::string for_var;
  ExprId where = kNone;  // kNone: true
  ExprId when = kNone;   // kNone: true
  std::vector<Effect> effects;
  std::vector<TemplatePart> because;
  Span span;
};

// A phase's maxima are constants (`size ..10`) or numbers computed from the profile
// (`effort ..(it_staff * 3)`: the *_expr, kNone when constant); the engine computes them per
// profile (EvalResult::roadmap.capacity). The minima are constants and bind nothing.
struct Phase {
  std::string id;
  std::string label;
  std::optional<Decimal> size_min, size_max;
  std::optional<Decimal> effort_min, effort_max;
  std::optional<Decimal> budget_min, budget_max;
  ExprId size_expr = kNone, effort_expr = kNone, budget_expr = kNone;
  Span span;

  bool bounded() const {
    return size_max || effort_max || budget_max || size_expr != kNone || effort_expr != kNone || budget_expr != kNone;
  }
};

// The ranking terms a roadmap's `priority { ... }` may weigh (docs/semantics.md, the roadmap):
// an element's priority is its score plus the weight of each term that holds for it.
enum class RankTerm : std::uint8_t {
  Required,  // its status is required
  Need,      // the municipality declared it needs it (the profile's `needs`)
  QuickWin,  // little effort (at most Priority::quick_win_effort) and an open public solution
  Overdue,   // a duty whose date (`require ... due`) is past on the evaluation date
};
inline constexpr std::array<const char*, 4> kRankTermNames = {"required", "need", "quick_win", "overdue"};

struct Priority {
  bool declared = false;  // without `priority`: required elements first, then by score
  std::array<std::optional<Decimal>, kRankTermNames.size()> weight;  // by RankTerm; unset: not weighed
  Decimal quick_win_effort;
  Span span;
  const std::optional<Decimal>& of(RankTerm t) const { return weight[static_cast<std::size_t>(t)]; }
};

// ---- rule tests ------------------------------------------------------------------------------
struct Expectation {
  enum class Kind : std::uint8_t { Suggested, Required, Excluded, Blocked, PhaseContains, Score, Warning };
  Kind kind = Kind::Suggested;
  bool negated = false;
  ElementId element = kNone;  // kNone for Warning
  Id warning = kNone;         // Warning: Program::warnings[warning] holds for the profile
  PhaseId phase = kNone;
  Op cmp = Op::Eq;
  Decimal value;
  Span span;
};

struct Test {
  std::string name;
  std::vector<Value> given;  // one per field, defaults filled in
  std::vector<Expectation> expectations;
  Span span;
};

struct Program {
  std::vector<Field> fields;  // sorted by name
  // The field marked `key` in the profile: it identifies a profile (a record: batch lines carry
  // its value, shards hash it). A text, int or enum field; kNone when no field is marked.
  FieldId key_field = kNone;
  std::vector<Node> nodes;          // sorted by path
  std::vector<NodeId> areas;        // area nodes, sorted by id
  std::vector<Element> elements;    // sorted by path
  std::vector<Provider> providers;  // sorted by id
  std::vector<Solution> solutions;  // sorted by id
  std::vector<Segment> segments;    // sorted by id
  std::vector<Rule> rules;          // sorted by id
  // `warning CODE ...`: plausibility checks of the profile, sorted by code. A warning is a rule
  // without effects: what its `for`, `where` and `when` find is reported, never scored.
  std::vector<Rule> warnings;
  std::vector<Phase> phases;  // in roadmap order
  Priority priority;          // how the roadmap ranks its candidates
  std::vector<Test> tests;    // sorted by name
  std::vector<Expr> exprs;
  std::vector<Value> constants;
  std::vector<Id> list_items;

  const Node& element_node(ElementId e) const { return nodes[elements[e].node]; }
};

}  // namespace puzle::ir
