// dsl layer (checker), pass "roadmap": the phases in declared order, with their limits.
#include <algorithm>
#include <string>
#include <vector>

#include "check/context.hpp"
#include "check/expr.hpp"
#include "check/passes.hpp"
#include "puzle/suggest.hpp"

namespace puzle::check {
namespace {

// Converts a range; bounds must be non-negative (and whole when `whole`) with lo <= hi.
bool convert_range(CheckContext& cx, const ast::Range& r, const char* what, bool whole, std::optional<Decimal>& lo,
                   std::optional<Decimal>& hi) {
  bool ok = true;
  auto bound = [&](const std::optional<ast::Number>& n, std::optional<Decimal>& out) {
    if (!n) return;
    auto d = cx.number(n->text, n->span);
    if (!d) {
      ok = false;
      return;
    }
    if (d->is_negative() || (whole && !d->is_integer())) {
      cx.error(Code::E305, n->span,
               std::string("a phase ") + what + " is " + (whole ? "a whole number" : "an amount") + " of at least 0; " +
                   n->text + " is not");
      ok = false;
      return;
    }
    out = *d;
  };
  bound(r.lo, lo);
  bound(r.hi, hi);
  if (r.hi_expr) return ok;  // a computed maximum is compared with the minimum per profile
  if (ok && lo && hi && *lo > *hi) {
    cx.error(Code::E403, r.span,
             std::string("the ") + what + " range " + lo->to_string() + ".." + hi->to_string() + " is empty",
             "write the lower bound first");
    ok = false;
  }
  return ok;
}

// A maximum computed from the profile: a number (any numeric type; a size is rounded down, a
// negative result counts as 0: docs/language.md). No `for` variable is in scope.
ir::ExprId computed_limit(CheckContext& cx, const ast::Module& m, ast::ExprId id, const char* what) {
  Scope scope;
  scope.module = &m;
  ExprChecker ec(cx, scope);
  const ir::ExprId e = ec.check(id);
  const ir::Type& t = ec.get(e).type;
  if (t.kind == ir::TypeKind::Error) return ir::kNone;
  if (!t.numeric()) {
    cx.error(
        Code::E300, ec.get(e).span,
        std::string("a phase's ") + what + " is a number, but '" + ec.source(ec.get(e).span) + "' is " + ec.describe(t),
        "compute it from numbers, e.g. ..(it_staff * 3)");
    return ir::kNone;
  }
  return e;
}

// The ranking: each term once, a known term, `effort ..N` for quick_win and only there.
void priority(CheckContext& cx, const ast::RoadmapDecl& r) {
  if (r.priorities.empty()) return;
  for (std::size_t i = 1; i < r.priorities.size(); ++i) {
    auto& d = cx.error(Code::E405, r.priorities[i].span, "'priority' is given twice in the roadmap",
                       "write every ranking term in one priority { ... }");
    cx.note(d, r.priorities[0].span, "first given here");
  }
  ir::Priority& out = cx.program.priority;
  out.declared = true;
  out.span = r.priorities[0].span;
  std::vector<std::string> names(ir::kRankTermNames.begin(), ir::kRankTermNames.end());
  std::vector<Span> seen(names.size());
  for (const auto& t : r.priorities[0].terms) {
    const auto it = std::find(names.begin(), names.end(), t.name.text);
    if (it == names.end()) {
      const std::string hint = did_you_mean(t.name.text, names);
      cx.error(Code::E200, t.name.span, "unknown ranking term '" + t.name.text + "'",
               hint.empty() ? "the terms are: required, need, quick_win" : hint);
      continue;
    }
    const auto term = static_cast<std::size_t>(it - names.begin());
    if (seen[term].end != 0) {
      auto& d = cx.error(Code::E405, t.name.span, "the ranking term '" + t.name.text + "' is given twice");
      cx.note(d, seen[term], "first given here");
      continue;
    }
    seen[term] = t.name.span;
    const bool quick_win = term == static_cast<std::size_t>(ir::RankTerm::QuickWin);
    if (t.effort_max && !quick_win)
      cx.error(Code::E405, t.effort_max->span, "'effort ..' belongs to quick_win only",
               "a quick win is an element of little effort: quick_win 20 effort ..0.5");
    if (quick_win && !t.effort_max)
      cx.error(Code::E305, t.span, "quick_win needs the largest effort of a quick win",
               "e.g. quick_win 20 effort ..0.5");
    if (auto w = cx.number(t.weight.text, t.weight.span)) out.weight[term] = *w;
    if (quick_win && t.effort_max)
      if (auto e = cx.number(t.effort_max->text, t.effort_max->span)) out.quick_win_effort = *e;
  }
}

}  // namespace

void roadmap(CheckContext& cx) {
  if (!cx.roadmap) return;
  priority(cx, *cx.roadmap->decl);
  for (const auto& p : cx.roadmap->decl->phases) {
    if (auto it = cx.phases.find(p.name.text); it != cx.phases.end()) {
      auto& d = cx.error(Code::E205, p.name.span, "phase '" + p.name.text + "' is declared twice");
      cx.note(d, cx.program.phases[it->second].span, "first declared here");
      continue;
    }
    ir::Phase phase{};  // value-initialized: GCC 12 warns falsely of an uninitialized optional otherwise
    phase.id = p.name.text;
    if (p.label) phase.label = p.label->value;
    phase.span = p.name.span;
    const ast::Module& m = *cx.roadmap->module;
    auto limit = [&](const std::optional<ast::Range>& r, const char* what, bool whole, std::optional<Decimal>& lo,
                     std::optional<Decimal>& hi, ir::ExprId& computed) {
      if (!r) return;
      convert_range(cx, *r, what, whole, lo, hi);
      if (r->hi_expr) computed = computed_limit(cx, m, *r->hi_expr, what);
    };
    limit(p.size, "size", true, phase.size_min, phase.size_max, phase.size_expr);
    limit(p.effort, "effort", false, phase.effort_min, phase.effort_max, phase.effort_expr);
    limit(p.budget, "budget", false, phase.budget_min, phase.budget_max, phase.budget_expr);
    cx.phases[phase.id] = static_cast<ir::PhaseId>(cx.program.phases.size());
    cx.program.phases.push_back(std::move(phase));
  }
}

}  // namespace puzle::check
