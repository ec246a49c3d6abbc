// dsl layer (checker): the state shared by the checker passes. Each pass reads the AST, writes
// the Program under construction and the name tables, and reports through `diags`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "puzle/ast.hpp"
#include "puzle/diagnostic.hpp"
#include "puzle/ir.hpp"
#include "puzle/names.hpp"
#include "puzle/suggest.hpp"

namespace puzle::check {

// A declaration and the module it lives in.
template <typename Decl>
struct Located {
  const ast::Module* module = nullptr;
  const Decl* decl = nullptr;
};

struct CheckContext {
  CheckContext(const SourceSet& s, const std::vector<ast::Module>& m, Diagnostics& d)
      : sources(s), modules(m), diags(d) {}

  const SourceSet& sources;
  const std::vector<ast::Module>& modules;
  Diagnostics& diags;
  ir::Program program;

  // Name tables, filled by the declare and metamodel passes.
  std::unordered_map<std::string, ir::FieldId> fields;
  std::unordered_map<std::string, ir::SegmentId> segments;
  std::unordered_map<std::string, ir::ProviderId> providers;
  std::unordered_map<std::string, ir::SolutionId> solutions;
  std::unordered_map<std::string, ir::PhaseId> phases;
  NodeNames node_names;  // filled by the metamodel pass

  // The declarations behind each id, in id order.
  std::vector<Located<ast::ProfileField>> field_decls;
  std::vector<Located<ast::SegmentDecl>> segment_decls;
  std::vector<Located<ast::RuleDecl>> rule_decls;
  std::vector<Located<ast::RuleDecl>> warning_decls;  // one per Program::warnings
  std::vector<Located<ast::ProviderDecl>> provider_decls;
  std::vector<Located<ast::SolutionDecl>> solution_decls;
  std::vector<Located<ast::TestDecl>> test_decls;
  std::vector<Located<ast::NodeDecl>> node_decls;  // by NodeId
  std::optional<Located<ast::RoadmapDecl>> roadmap;

  // `acknowledge CODE "reason"` clauses that passed their checks, for the last pass.
  struct Acknowledgement {
    Code code;
    Span decl;  // the declaration that says it: the warnings it matches lie within
    Span at;    // the code in the clause
    std::string reason;
    std::string owner;  // "rule 'r'", for messages
  };
  std::vector<Acknowledgement> acknowledgements;

  // Usage, for the unused-declaration warnings.
  std::vector<bool> segment_used;
  std::vector<std::vector<ir::SegmentId>> segment_refs;  // segment -> segments its condition names

  // Past this many errors, unknown names get no "did you mean" (it costs a scan of every name).
  static constexpr std::size_t kSuggestionLimit = 100;
  bool suggest() const { return diags.error_count() < kSuggestionLimit; }

  // Helpers used by several passes.
  Diagnostic& error(Code code, Span span, std::string message, std::string hint = {}) {
    return diags.add(code, span, std::move(message), std::move(hint));
  }
  void note(Diagnostic& d, Span span, std::string message) { d.notes.push_back({span, true, std::move(message)}); }

  // Resolves an element reference (short id, full path or unique path suffix); reports
  // E200/E202/E203 and returns kNone when it cannot.
  ir::ElementId resolve_element(const ast::Path& path, std::string_view what = "element");
  // Same for any metamodel node; kNone when unknown or ambiguous (reported).
  ir::NodeId resolve_node(const ast::Path& path);
  // Without reporting: the elements a path could name.
  std::vector<ir::NodeId> candidate_nodes(const ast::Path& path) const;
  // Converts a number literal; reports E107 and returns nullopt when it is not exact.
  std::optional<Decimal> number(const std::string& text, Span span);
};

using puzle::did_you_mean;
// A NodeKind in words: "area", "domain", ...
const char* kind_word(ir::NodeKind k);

}  // namespace puzle::check
