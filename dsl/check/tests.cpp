// dsl layer (checker), pass "tests": the `given` profile and the expectations of each test.
#include <algorithm>
#include <vector>

#include "check/context.hpp"
#include "check/passes.hpp"
#include "check/values.hpp"

namespace puzle::check {
namespace {

ir::Op cmp_of(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Ne: return ir::Op::Ne;
    case ast::BinaryOp::Lt: return ir::Op::Lt;
    case ast::BinaryOp::Le: return ir::Op::Le;
    case ast::BinaryOp::Gt: return ir::Op::Gt;
    case ast::BinaryOp::Ge: return ir::Op::Ge;
    default: return ir::Op::Eq;
  }
}

void check_given(CheckContext& cx, const Located<ast::TestDecl>& loc, ir::Test& test) {
  const auto& fields = cx.program.fields;
  std::vector<bool> given(fields.size(), false);
  test.given.resize(fields.size());
  if (loc.decl->given) {
    const auto& obj = std::get<ast::Object>(loc.module->expr(*loc.decl->given).kind);
    std::vector<Span> first(fields.size());
    for (const auto& [key, value] : obj.entries) {
      auto it = cx.fields.find(key.text);
      if (it == cx.fields.end()) {
        std::vector<std::string> names;
        for (const auto& f : fields) names.push_back(f.name);
        cx.error(Code::E200, key.span, "unknown profile field '" + key.text + "'", did_you_mean(key.text, names));
        continue;
      }
      if (given[it->second]) {
        auto& d = cx.error(Code::E205, key.span, "field '" + key.text + "' is given twice");
        cx.note(d, first[it->second], "first given here");
        continue;
      }
      given[it->second] = true;
      first[it->second] = key.span;
      if (fields[it->second].type.kind == ir::TypeKind::Error) continue;
      if (auto v = field_value(cx, *loc.module, value, it->second, fields[it->second].default_value))
        test.given[it->second] = std::move(*v);
    }
  }
  std::string missing;
  for (ir::FieldId f = 0; f < fields.size(); ++f) {
    if (given[f]) continue;
    if (fields[f].default_value) {
      test.given[f] = *fields[f].default_value;
    } else {
      missing += (missing.empty() ? "" : ", ") + fields[f].name;
    }
  }
  if (!missing.empty())
    cx.error(Code::E306, loc.decl->name.span, "test '" + loc.decl->name.value + "' gives no value for: " + missing,
             "give them in 'given', or declare defaults in the profile");
}

// The warning a test expects, by its code (E200 when there is none).
ir::Id resolve_warning(CheckContext& cx, const ast::Path& code) {
  const auto& ws = cx.program.warnings;  // sorted by code
  const std::string name = code.joined();
  auto it =
      std::lower_bound(ws.begin(), ws.end(), name, [](const ir::Rule& w, const std::string& n) { return w.id < n; });
  if (it != ws.end() && it->id == name) return static_cast<ir::Id>(it - ws.begin());
  std::vector<std::string> names;
  for (const auto& w : ws) names.push_back(w.id);
  std::string hint = did_you_mean(name, names);
  if (hint.empty())
    hint = ws.empty() ? "the rulebase declares no warning" : "the warnings are declared with 'warning CODE'";
  cx.error(Code::E200, code.span, "unknown warning '" + name + "'", hint);
  return ir::kNone;
}

}  // namespace

void tests(CheckContext& cx) {
  for (ir::Id id = 0; id < cx.program.tests.size(); ++id) {
    const auto& loc = cx.test_decls[id];
    ir::Test& test = cx.program.tests[id];
    check_given(cx, loc, test);
    for (const auto& ex : loc.decl->expectations) {
      ir::Expectation out;
      out.kind = ex.kind == ast::Expectation::Kind::Suggested       ? ir::Expectation::Kind::Suggested
                 : ex.kind == ast::Expectation::Kind::Required      ? ir::Expectation::Kind::Required
                 : ex.kind == ast::Expectation::Kind::Excluded      ? ir::Expectation::Kind::Excluded
                 : ex.kind == ast::Expectation::Kind::Blocked       ? ir::Expectation::Kind::Blocked
                 : ex.kind == ast::Expectation::Kind::PhaseContains ? ir::Expectation::Kind::PhaseContains
                 : ex.kind == ast::Expectation::Kind::Warning       ? ir::Expectation::Kind::Warning
                                                                    : ir::Expectation::Kind::Score;
      out.negated = ex.negated;
      out.span = ex.span;
      bool ok = true;
      if (out.kind == ir::Expectation::Kind::Score) {
        if (ex.negated) {
          cx.error(Code::E407, ex.span, "'not' cannot be used with 'score'", "use the opposite comparison instead");
          ok = false;
        }
        out.cmp = cmp_of(ex.cmp);
        if (ex.value) {
          if (auto d = cx.number(ex.value->text, ex.value->span))
            out.value = *d;
          else
            ok = false;
        }
      }
      if (out.kind == ir::Expectation::Kind::PhaseContains && ex.phase) {
        auto it = cx.phases.find(ex.phase->text);
        if (it == cx.phases.end()) {
          std::vector<std::string> names;
          std::string list;
          for (const auto& p : cx.program.phases) {
            names.push_back(p.id);
            list += (list.empty() ? "" : ", ") + p.id;
          }
          std::string hint = did_you_mean(ex.phase->text, names);
          if (hint.empty()) hint = "the phases are: " + list;
          cx.error(cx.program.phases.empty() ? Code::E407 : Code::E200, ex.phase->span,
                   "unknown phase '" + ex.phase->text + "'",
                   cx.program.phases.empty() ? "the rulebase declares no roadmap" : hint);
          ok = false;
        } else {
          out.phase = it->second;
        }
      }
      if (out.kind == ir::Expectation::Kind::Warning) {
        out.warning = resolve_warning(cx, ex.element);
        if (out.warning == ir::kNone) ok = false;
        if (ok) test.expectations.push_back(out);
        continue;
      }
      out.element = cx.resolve_element(ex.element);
      if (out.element == ir::kNone) ok = false;
      if (ok) test.expectations.push_back(out);
    }
  }
}

}  // namespace puzle::check
