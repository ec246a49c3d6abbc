// Public API: the plain-data syntax tree of one .pzl file, as parsed, before any checking.
// No behaviour, no parent pointers; every node carries its Span. Numbers keep their text:
// they become Decimals once, in the checker. Expressions live in a per-module arena.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "puzle/source.hpp"

namespace puzle::ast {

using ExprId = std::uint32_t;

struct Ident {
  std::string text;
  Span span;
};

// A dotted name: `notificacions`, `aoc.enotum`, `ajuntament.admin_electronica.relacio.seu`, `e.area`.
struct Path {
  std::vector<Ident> parts;
  Span span;
  std::string joined() const;
};

struct Text {  // a decoded string literal
  std::string value;
  Span span;
};

struct Number {  // literal text, e.g. "1500.00" or "-5"
  std::string text;
  Span span;
};

// A label or description, optionally tagged with a language (`ca` when omitted).
struct Localized {
  std::optional<Ident> lang;
  Text text;
  Span span;
};

// `lo..hi`, either bound optional.
struct Range {
  std::optional<Number> lo;
  std::optional<Number> hi;
  std::optional<ExprId> hi_expr;  // a phase limit computed from the profile: `..(expr)`
  Span span;
};

// ---- expressions -------------------------------------------------------------------------
enum class UnaryOp { Not, Neg };
enum class BinaryOp { Or, And, Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Add, Sub, Mul, Div };

struct NumberLit {
  std::string text;
};
struct StringLit {
  std::string value;
};
struct BoolLit {
  bool value;
};
struct Name {
  Path path;
};
struct Unary {
  UnaryOp op;
  ExprId operand;
};
struct Binary {
  BinaryOp op;
  ExprId lhs;
  ExprId rhs;
};
struct Call {
  Path callee;
  std::vector<ExprId> args;
};
struct Index {
  ExprId base;
  ExprId index;
};
struct List {
  std::vector<ExprId> items;
};
struct Object {
  std::vector<std::pair<Ident, ExprId>> entries;
};

using ExprKind = std::variant<NumberLit, StringLit, BoolLit, Name, Unary, Binary, Call, Index, List, Object>;
static_assert(std::variant_size_v<ExprKind> == 10, "update every visitor of ExprKind");

struct Expr {
  ExprKind kind;
  Span span;
};

// A `because` text: literal chunks and `{expr}` holes, in order.
struct Template {
  struct Part {
    std::string text;            // literal text when expr is empty
    std::optional<ExprId> expr;  // a hole
    Span span;
  };
  std::vector<Part> parts;
  Span span;
};

// ---- declarations ------------------------------------------------------------------------
// `acknowledge W500 "reason"`: a warning of the checker that the author intends, on the
// declaration it is reported on. The checker validates the code and the reason.
struct Acknowledgement {
  Ident code;  // as written: `W500`
  Text reason;
  Span span;
};

struct TypeExpr {
  enum class Kind { Int, Decimal, Money, Bool, Text, Enum, Level, Set } kind = Kind::Int;
  std::vector<Ident> enum_values;  // Enum
  std::optional<Ident> index;      // Level: `level[area]`
  Range range;                     // Level
  std::optional<Ident> element;    // Set: `set<element>`
  Span span;
};

struct ProfileField {
  std::optional<Span> key;  // `key NAME: ...`: the field that identifies a profile
  Ident name;
  TypeExpr type;
  std::optional<ExprId> default_value;
  Span span;
};

struct ProfileDecl {
  std::vector<ProfileField> fields;
  Span span;
};

// area, domain, block, element: one shape; the checker enforces the four levels.
struct NodeDecl {
  enum class Kind { Area, Domain, Block, Element } kind = Kind::Area;
  Ident name;
  std::optional<Text> label;            // Catalan label after the name
  std::optional<Path> parent;           // `in PATH`, for a node declared outside its parent
  std::vector<Localized> labels;        // `label es "..."`
  std::vector<Localized> descriptions;  // `description "..."`
  std::optional<Number> effort;
  std::optional<Number> cost;
  std::optional<Number> maturity;      // `maturity [AREA] N`: the level it needs to be started
  std::optional<Ident> maturity_area;  // AREA, when not its own
  std::optional<Span> city_scale;      // `city_scale`
  std::vector<Path> requires_;
  std::vector<Path> solutions;
  std::vector<NodeDecl> children;
  Span name_span;
  Span span;
};

struct ProviderDecl {
  Ident name;
  Text label;
  std::vector<Localized> labels;
  std::vector<Localized> descriptions;
  std::optional<Text> url;
  std::optional<ExprId> serves;  // `serves when COND`
  std::vector<Acknowledgement> acknowledgements;
  Span span;
};

struct SolutionDecl {
  Path name;  // provider.solution
  Text label;
  std::vector<Localized> labels;
  std::vector<Localized> descriptions;
  std::optional<Text> url;
  std::vector<Path> covers;
  std::optional<ExprId> eligible;
  std::optional<Number> cost;  // `cost N`
  std::vector<Acknowledgement> acknowledgements;
  Span span;
};

struct SegmentDecl {
  Ident name;
  std::optional<Text> label;
  ExprId condition = 0;
  std::vector<Acknowledgement> acknowledgements;
  Span span;
};

struct Date {
  std::string text;  // YYYY-MM-DD
  Span span;
};

struct ForClause {
  Ident var;
  ExprId set = 0;
  std::optional<ExprId> where;
  Span span;
};

enum class EffectKind { Suggest, Require, Exclude, Boost, Penalize };

struct Effect {
  EffectKind kind = EffectKind::Suggest;
  std::vector<Path> targets;
  std::optional<Number> weight;
  std::optional<Date> due;  // `due YYYY-MM-DD`, for a require
  Span span;
};

// Rule clauses may repeat in the source; the checker reports duplicates of single clauses.
struct RuleDecl {
  Ident name;
  std::optional<Text> title;
  std::vector<Text> sources;  // legal basis or source document
  std::vector<Date> valid_from;
  std::vector<Date> valid_until;
  std::vector<ForClause> fors;
  std::vector<ExprId> whens;
  std::vector<Effect> effects;
  std::vector<Template> becauses;
  std::vector<Acknowledgement> acknowledgements;
  std::vector<Span> clause_spans;  // every clause, in source order (for the formatter)
  Span span;
  bool warning = false;  // `warning CODE ...`: a plausibility check of the profile, without effects
};

struct Phase {
  Ident name;
  std::optional<Text> label;
  std::optional<Range> size;
  std::optional<Range> effort;
  std::optional<Range> budget;
  Span span;
};

// `quick_win 20 effort ..0.5` in a roadmap's `priority { ... }`.
struct PriorityTerm {
  Ident name;
  Number weight;
  std::optional<Number> effort_max;  // `effort ..N`
  Span span;
};

struct PriorityDecl {
  std::vector<PriorityTerm> terms;
  Span span;
};

struct RoadmapDecl {
  std::vector<PriorityDecl> priorities;  // one is valid; the checker reports a second
  std::vector<Phase> phases;
  Span span;
};

struct Expectation {
  enum class Kind { Suggested, Required, Excluded, Blocked, PhaseContains, Score, Warning } kind = Kind::Suggested;
  bool negated = false;
  Path element;                 // Warning: the warning's code
  std::optional<Ident> phase;   // PhaseContains
  BinaryOp cmp = BinaryOp::Eq;  // Score
  std::optional<Number> value;  // Score
  Span span;
};

struct TestDecl {
  Text name;
  std::optional<ExprId> given;  // an Object expression
  std::vector<Expectation> expectations;
  Span span;
};

using Decl =
    std::variant<ProfileDecl, NodeDecl, ProviderDecl, SolutionDecl, SegmentDecl, RuleDecl, RoadmapDecl, TestDecl>;
static_assert(std::variant_size_v<Decl> == 8, "update every visitor of Decl");

struct Comment {
  std::string text;  // including the `//` or `/* */` markers
  Span span;
};

struct Module {
  FileId file = 0;
  std::vector<Decl> decls;
  std::vector<Expr> exprs;
  std::vector<Comment> comments;

  const Expr& expr(ExprId id) const { return exprs.at(id); }
};

Span decl_span(const Decl& d);
// The operator as written in the language: "and", "==", "not in", ...
const char* op_text(BinaryOp op);

}  // namespace puzle::ast
