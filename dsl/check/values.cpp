// dsl layer (checker), pass "values": constant profile values, for field defaults and for the
// `given` profiles of rule tests. A value must fit its field's type exactly.
#include <algorithm>
#include <set>
#include <variant>

#include "check/context.hpp"
#include "check/passes.hpp"
#include "check/values.hpp"

namespace puzle::check {
namespace {

using TK = ir::TypeKind;

std::string source_of(const CheckContext& cx, Span s) {
  const auto& t = cx.sources.file(s.file).text();
  return s.end <= t.size() && s.begin <= s.end ? t.substr(s.begin, s.end - s.begin) : "?";
}

const char* expected(const ir::Field& f) {
  switch (f.type.kind) {
    case TK::Int: return "a whole number";
    case TK::Decimal: return "a number";
    case TK::Money: return "an amount, e.g. 1500.00";
    case TK::Bool: return "true or false";
    case TK::Text: return "a text in quotes";
    case TK::Enum: return "one of the enum's values";
    case TK::Level: return "a level within its range";
    case TK::PerAreaLevel: return "a level, or { area: level, ... }";
    case TK::Set: return "a list of elements, e.g. [seu_electronica, registre]";
    default: return "a value";
  }
}

std::optional<Decimal> level_value(CheckContext& cx, const ir::Field& f, const ast::Expr& e) {
  const auto* n = std::get_if<ast::NumberLit>(&e.kind);
  if (!n) {
    cx.error(Code::E305, e.span,
             "'" + f.name + "' expects a level from " + f.lo.to_string() + " to " + f.hi.to_string());
    return std::nullopt;
  }
  auto d = cx.number(n->text, e.span);
  if (!d) return std::nullopt;
  if (*d < f.lo || *d > f.hi || !d->is_integer()) {
    cx.error(Code::E302, e.span,
             "'" + f.name + "' is a level from " + f.lo.to_string() + " to " + f.hi.to_string() + "; " + n->text +
                 " is out of range");
    return std::nullopt;
  }
  return d;
}

}  // namespace

std::optional<ir::Value> field_value(CheckContext& cx, const ast::Module& m, ast::ExprId id, ir::FieldId fid,
                                     const std::optional<ir::Value>& fallback) {
  const ir::Field& f = cx.program.fields[fid];
  const ast::Expr& e = m.expr(id);
  ir::Value v;
  v.kind = f.type.kind;
  auto mismatch = [&]() -> std::optional<ir::Value> {
    cx.error(Code::E305, e.span, "'" + source_of(cx, e.span) + "' does not fit field '" + f.name + "'",
             std::string("'") + f.name + "' expects " + expected(f));
    return std::nullopt;
  };
  switch (f.type.kind) {
    case TK::Int:
    case TK::Decimal:
    case TK::Money: {
      const auto* n = std::get_if<ast::NumberLit>(&e.kind);
      if (!n) return mismatch();
      auto d = cx.number(n->text, e.span);
      if (!d) return std::nullopt;
      if (f.type.kind == TK::Int && !d->is_integer()) {
        cx.error(Code::E305, e.span, "'" + f.name + "' is a whole number; " + n->text + " is not");
        return std::nullopt;
      }
      v.number = *d;
      return v;
    }
    case TK::Bool: {
      const auto* b = std::get_if<ast::BoolLit>(&e.kind);
      if (!b) return mismatch();
      v.boolean = b->value;
      return v;
    }
    case TK::Text: {
      const auto* s = std::get_if<ast::StringLit>(&e.kind);
      if (!s) return mismatch();
      v.text = s->value;
      return v;
    }
    case TK::Enum: {
      const auto* n = std::get_if<ast::Name>(&e.kind);
      if (!n || n->path.parts.size() != 1) return mismatch();
      auto it = std::find(f.enum_values.begin(), f.enum_values.end(), n->path.parts[0].text);
      if (it == f.enum_values.end()) {
        std::string list;
        for (const auto& x : f.enum_values) list += (list.empty() ? "" : ", ") + x;
        cx.error(Code::E204, e.span, "'" + n->path.joined() + "' is not a value of enum '" + f.name + "'",
                 "the values are: " + list);
        return std::nullopt;
      }
      v.index = static_cast<ir::Id>(it - f.enum_values.begin());
      return v;
    }
    case TK::Level: {
      auto d = level_value(cx, f, e);
      if (!d) return std::nullopt;
      v.number = *d;
      return v;
    }
    case TK::PerAreaLevel: {
      const auto areas = cx.program.areas.size();
      if (std::holds_alternative<ast::NumberLit>(e.kind)) {
        auto d = level_value(cx, f, e);
        if (!d) return std::nullopt;
        v.levels.assign(areas, *d);
        return v;
      }
      const auto* o = std::get_if<ast::Object>(&e.kind);
      if (!o) return mismatch();
      std::vector<std::optional<Decimal>> levels(areas);
      bool ok = true;
      for (const auto& [key, value] : o->entries) {
        const std::string& area_id = key.text;  // clang 14 cannot capture a structured binding
        auto a = std::find_if(cx.program.areas.begin(), cx.program.areas.end(),
                              [&](ir::NodeId n) { return cx.program.nodes[n].id == area_id; });
        if (a == cx.program.areas.end()) {
          std::vector<std::string> names;
          for (auto n : cx.program.areas) names.push_back(cx.program.nodes[n].id);
          cx.error(Code::E200, key.span, "unknown area '" + key.text + "'", did_you_mean(key.text, names));
          ok = false;
          continue;
        }
        auto idx = static_cast<std::size_t>(a - cx.program.areas.begin());
        if (levels[idx]) {
          cx.error(Code::E205, key.span, "area '" + key.text + "' is given twice");
          ok = false;
          continue;
        }
        levels[idx] = level_value(cx, f, m.expr(value));
        if (!levels[idx]) ok = false;
      }
      if (!ok) return std::nullopt;
      std::string missing;
      for (std::size_t i = 0; i < areas; ++i) {
        if (levels[i]) continue;
        if (fallback && fallback->levels.size() == areas) {
          levels[i] = fallback->levels[i];
        } else {
          missing += (missing.empty() ? "" : ", ") + cx.program.nodes[cx.program.areas[i]].id;
        }
      }
      if (!missing.empty()) {
        cx.error(Code::E306, e.span, "'" + f.name + "' gives no level for: " + missing,
                 "give every area a level, or declare a default for '" + f.name + "'");
        return std::nullopt;
      }
      for (auto& l : levels) v.levels.push_back(*l);
      return v;
    }
    case TK::Set: {
      const auto* l = std::get_if<ast::List>(&e.kind);
      if (!l) return mismatch();
      bool ok = true;
      for (auto item : l->items) {
        const auto* n = std::get_if<ast::Name>(&m.expr(item).kind);
        if (!n) {
          cx.error(Code::E305, m.expr(item).span,
                   "a set lists element names; '" + source_of(cx, m.expr(item).span) + "' is not one");
          ok = false;
          continue;
        }
        auto el = cx.resolve_element(n->path);
        if (el == ir::kNone) {
          ok = false;
          continue;
        }
        v.elements.push_back(el);
      }
      if (!ok) return std::nullopt;
      std::sort(v.elements.begin(), v.elements.end());
      v.elements.erase(std::unique(v.elements.begin(), v.elements.end()), v.elements.end());
      return v;
    }
    default: return std::nullopt;
  }
}

void values(CheckContext& cx) {
  for (ir::FieldId id = 0; id < cx.program.fields.size(); ++id) {
    const auto& loc = cx.field_decls[id];
    if (!loc.decl->default_value || cx.program.fields[id].type.kind == TK::Error) continue;
    cx.program.fields[id].default_value = field_value(cx, *loc.module, *loc.decl->default_value, id, std::nullopt);
  }
}

}  // namespace puzle::check
