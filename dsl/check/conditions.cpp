// dsl layer (checker), pass "conditions": type-checks segments, solution eligibility and
// rules (for/where/when, effects, weights, validity dates, `because` templates).
#include <algorithm>
#include <set>

#include "check/expr.hpp"
#include "check/passes.hpp"
#include "puzle/date.hpp"

namespace puzle::check {
namespace {

constexpr long kDefaultWeight = 10;

std::optional<Date> one_date(CheckContext& cx, const std::vector<ast::Date>& dates, const char* which) {
  if (dates.empty()) return std::nullopt;
  for (std::size_t i = 1; i < dates.size(); ++i)
    cx.error(Code::E405, dates[i].span, std::string("'valid ") + which + "' is given twice");
  if (auto why = date_problem(dates[0].text); !why.empty()) {
    cx.error(Code::E108, dates[0].span, "'" + dates[0].text + "' is not a calendar date", why);
    return std::nullopt;
  }
  return Date::parse(dates[0].text);
}

void check_segment_cycles(CheckContext& cx) {
  const auto n = cx.program.segments.size();
  std::vector<int> color(n, 0);  // 0 new, 1 on the path, 2 done
  std::vector<ir::SegmentId> path;
  std::vector<std::size_t> next;
  for (ir::SegmentId root = 0; root < n; ++root) {
    if (color[root] != 0) continue;
    path.assign(1, root);
    next.assign(1, 0);
    color[root] = 1;
    while (!path.empty()) {  // iterative: chains of segments may be long
      const ir::SegmentId s = path.back();
      if (next.back() == cx.segment_refs[s].size()) {
        color[s] = 2;
        path.pop_back();
        next.pop_back();
        continue;
      }
      const ir::SegmentId t = cx.segment_refs[s][next.back()++];
      if (color[t] == 1) {
        std::string text;
        for (auto it = std::find(path.begin(), path.end(), t); it != path.end(); ++it)
          text += cx.program.segments[*it].id + " → ";
        text += cx.program.segments[t].id;
        cx.error(Code::E408, cx.segment_decls[t].decl->name.span, "segment cycle: " + text,
                 "a segment cannot be defined in terms of itself");
      } else if (color[t] == 0) {
        color[t] = 1;
        path.push_back(t);
        next.push_back(0);
      }
    }
  }
}

void check_effects(CheckContext& cx, const ast::RuleDecl& d, ir::Rule& rule, const std::string& var, bool& var_used) {
  if (d.effects.empty()) {
    cx.error(Code::E404, d.name.span, "rule '" + d.name.text + "' has no effect",
             "add suggest, require, exclude, boost or penalize");
    return;
  }
  std::size_t targets = 0;
  for (const auto& eff : d.effects) targets += eff.targets.size();
  rule.effects.reserve(targets);
  for (const auto& eff : d.effects) {
    const auto kind = static_cast<ir::EffectKind>(eff.kind);
    const bool weighted =
        kind == ir::EffectKind::Suggest || kind == ir::EffectKind::Boost || kind == ir::EffectKind::Penalize;
    Decimal weight = Decimal::from_int(weighted ? kDefaultWeight : 0);
    if (eff.weight) {
      if (!weighted) {
        cx.error(Code::E405, eff.weight->span,
                 std::string("'") + (kind == ir::EffectKind::Require ? "require" : "exclude") + "' takes no weight",
                 "a requirement or an exclusion is absolute; use suggest, boost or penalize to weigh");
      } else if (auto w = cx.number(eff.weight->text, eff.weight->span)) {
        if (kind == ir::EffectKind::Penalize && w->is_negative())
          cx.error(Code::E305, eff.weight->span, "'penalize' takes a positive weight, which it subtracts",
                   "write penalize X weight " + w->negated().to_string());
        weight = *w;
      }
    }
    if (kind == ir::EffectKind::Penalize) weight = weight.negated();
    Date due;
    if (eff.due && kind != ir::EffectKind::Require) {
      cx.error(Code::E405, eff.due->span, "'due' belongs to require only", "only a duty has a date by which it is due");
    } else if (eff.due) {
      if (auto why = date_problem(eff.due->text); !why.empty())
        cx.error(Code::E108, eff.due->span, "'" + eff.due->text + "' is not a calendar date", why);
      else
        due = *Date::parse(eff.due->text);
    }
    for (const auto& t : eff.targets) {
      ir::Effect out;
      out.kind = kind;
      out.weight = weight;
      out.due = due;
      out.span = t.span;
      if (!var.empty() && t.parts.size() == 1 && t.parts[0].text == var) {
        var_used = true;
        out.target = ir::kNone;
      } else {
        out.target = cx.resolve_element(t);
        if (out.target == ir::kNone) continue;
      }
      rule.effects.push_back(out);
    }
  }
}

void check_because(CheckContext& cx, const ast::RuleDecl& d, ir::Rule& rule, Scope scope) {
  if (d.becauses.empty()) return;
  for (std::size_t i = 1; i < d.becauses.size(); ++i)
    cx.error(Code::E405, d.becauses[i].span, "'because' is given twice", "write one text; it may have several {holes}");
  scope.in_template = true;
  ExprChecker ec(cx, scope);
  rule.because.reserve(d.becauses[0].parts.size());
  for (const auto& part : d.becauses[0].parts) {
    if (!part.expr) {
      rule.because.push_back({part.text, ir::kNone});
      continue;
    }
    ir::ExprId e = ec.check(*part.expr);
    const auto k = ec.get(e).type.kind;
    if (k == ir::TypeKind::Set || k == ir::TypeKind::PerAreaLevel || k == ir::TypeKind::List) {
      cx.error(Code::E402, ec.get(e).span,
               "the text cannot show '" + ec.source(ec.get(e).span) + "', which is " + ec.describe(ec.get(e).type),
               k == ir::TypeKind::Set ? "show how many with count(" + ec.source(ec.get(e).span) + ")"
                                      : "show one area's level, e.g. {maturity[viure]}");
      continue;
    }
    rule.because.push_back({{}, e});
  }
}

// A warning reports what its conditions find: it has no effect, and says why in a `because`.
void check_warning_clauses(CheckContext& cx, const ast::RuleDecl& d) {
  for (const auto& eff : d.effects)
    cx.error(Code::E405, eff.span, "warning '" + d.name.text + "' cannot have an effect",
             "a warning reports an implausible profile; write a rule to suggest, require or exclude");
  if (d.becauses.empty())
    cx.error(Code::E404, d.name.span, "warning '" + d.name.text + "' does not say why",
             "add because \"...\" with the facts that make the profile implausible");
}

// A rule, or a warning (a rule without effects that must say why): everything but the effects
// is checked the same way.
void check_rule(CheckContext& cx, const Located<ast::RuleDecl>& loc, ir::Rule& rule) {
  const ast::RuleDecl& d = *loc.decl;
  if (d.title) rule.title = d.title->value;
  for (const auto& s : d.sources) rule.sources.push_back(s.value);
  rule.valid_from = one_date(cx, d.valid_from, "from");
  rule.valid_until = one_date(cx, d.valid_until, "until");
  if (rule.valid_from && rule.valid_until && *rule.valid_from > *rule.valid_until)
    cx.error(Code::E403, d.valid_until[0].span,
             "the rule is valid until " + rule.valid_until->to_string() + ", before it is valid from " +
                 rule.valid_from->to_string());

  Scope scope;
  scope.module = loc.module;
  bool var_used = false;
  bool for_set_ok = false;  // an unused variable is only worth a warning when its set is fine
  if (!d.fors.empty()) {
    for (std::size_t i = 1; i < d.fors.size(); ++i)
      cx.error(Code::E405, d.fors[i].span, "a rule has one 'for'", "write a second rule for the other set");
    const auto& f = d.fors[0];
    ExprChecker set_checker(cx, scope);
    rule.for_set = set_checker.check(f.set);
    const auto& set = set_checker.get(rule.for_set);
    if (set.type.kind != ir::TypeKind::Set && set.type.kind != ir::TypeKind::Error)
      cx.error(Code::E300, set.span,
               "'for' walks a set of elements, but '" + set_checker.source(set.span) + "' is " +
                   set_checker.describe(set.type),
               "e.g. for e in needs, or for e in elements where e.area == viure");
    for_set_ok = set.type.kind == ir::TypeKind::Set;
    rule.for_var = f.var.text;
    scope.var = f.var.text;
    scope.var_used = &var_used;
    if (f.where) rule.where = ExprChecker(cx, scope).condition(*f.where, "'where'");
  }
  if (!d.whens.empty()) {
    ExprChecker ec(cx, scope);
    rule.when = ec.condition(d.whens[0], "'when'");
    for (std::size_t i = 1; i < d.whens.size(); ++i)
      cx.error(Code::E405, loc.module->expr(d.whens[i]).span, "a rule has one 'when'",
               "join the conditions with 'and'");
  }
  if (d.warning) {
    check_warning_clauses(cx, d);
  } else {
    check_effects(cx, d, rule, scope.var, var_used);
  }
  check_because(cx, d, rule, scope);
  if (!d.warning && !d.fors.empty() && !var_used && for_set_ok)
    cx.error(Code::W502, d.fors[0].var.span,
             "variable '" + d.fors[0].var.text + "' of rule '" + d.name.text + "' is never used",
             "name it as the target of an effect, e.g. suggest " + d.fors[0].var.text);
}

}  // namespace

void conditions(CheckContext& cx) {
  auto& prog = cx.program;
  // Most expressions are checked here: room for about one IR expression per AST one up front,
  // rather than growing (and copying) the arrays many times.
  std::size_t ast_exprs = 0;
  for (const auto& m : cx.modules) ast_exprs += m.exprs.size();
  prog.exprs.reserve(prog.exprs.size() + ast_exprs);
  prog.constants.reserve(prog.constants.size() + ast_exprs / 2);
  for (ir::SegmentId id = 0; id < prog.segments.size(); ++id) {
    const auto& loc = cx.segment_decls[id];
    Scope scope;
    scope.module = loc.module;
    scope.segment = id;
    ExprChecker ec(cx, scope);
    prog.segments[id].condition = ec.condition(loc.decl->condition, "segment '" + loc.decl->name.text + "'");
  }
  check_segment_cycles(cx);

  // A condition on the profile alone, in the scope of its declaration's module.
  const auto profile_condition = [&](const ast::Module* module, ast::ExprId cond, std::string_view where) {
    Scope scope;
    scope.module = module;
    return ExprChecker(cx, scope).condition(cond, where);
  };
  for (ir::ProviderId id = 0; id < prog.providers.size(); ++id)
    if (const auto& loc = cx.provider_decls[id]; loc.decl->serves)
      prog.providers[id].serves = profile_condition(loc.module, *loc.decl->serves, "'serves when'");
  for (ir::SolutionId id = 0; id < prog.solutions.size(); ++id)
    if (const auto& loc = cx.solution_decls[id]; loc.decl->eligible)
      prog.solutions[id].eligible = profile_condition(loc.module, *loc.decl->eligible, "'eligible when'");

  for (ir::RuleId id = 0; id < prog.rules.size(); ++id) check_rule(cx, cx.rule_decls[id], prog.rules[id]);
  for (std::size_t id = 0; id < prog.warnings.size(); ++id) check_rule(cx, cx.warning_decls[id], prog.warnings[id]);
}

}  // namespace puzle::check
