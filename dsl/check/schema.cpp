// dsl layer (checker), pass "schema": turns each profile field's type expression into an
// ir::Type with its enum values or level range.
#include <algorithm>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {

void schema(CheckContext& cx) {
  using K = ast::TypeExpr::Kind;
  for (ir::FieldId id = 0; id < cx.program.fields.size(); ++id) {
    const ast::TypeExpr& t = cx.field_decls[id].decl->type;
    ir::Field& f = cx.program.fields[id];
    f.type.field = id;
    switch (t.kind) {
      case K::Int: f.type.kind = ir::TypeKind::Int; break;
      case K::Decimal: f.type.kind = ir::TypeKind::Decimal; break;
      case K::Money: f.type.kind = ir::TypeKind::Money; break;
      case K::Bool: f.type.kind = ir::TypeKind::Bool; break;
      case K::Text: f.type.kind = ir::TypeKind::Text; break;
      case K::Enum: {
        f.type.kind = ir::TypeKind::Enum;
        for (const auto& v : t.enum_values) {
          if (std::find(f.enum_values.begin(), f.enum_values.end(), v.text) != f.enum_values.end()) {
            cx.error(Code::E205, v.span, "enum value '" + v.text + "' is listed twice in '" + f.name + "'");
            continue;
          }
          f.enum_values.push_back(v.text);
        }
        break;
      }
      case K::Level: {
        f.type.kind = t.index ? ir::TypeKind::PerAreaLevel : ir::TypeKind::Level;
        if (t.index && t.index->text != "area")
          cx.error(Code::E203, t.index->span, "a level can be indexed by 'area' only, not '" + t.index->text + "'",
                   "write level[area] LO..HI");
        if (!t.range.lo || !t.range.hi) {
          cx.error(Code::E403, t.range.span, "the level of '" + f.name + "' needs both bounds, e.g. 0..5");
          f.type.kind = ir::TypeKind::Error;
          break;
        }
        auto lo = cx.number(t.range.lo->text, t.range.lo->span);
        auto hi = cx.number(t.range.hi->text, t.range.hi->span);
        if (!lo || !hi) break;
        if (!lo->is_integer() || !hi->is_integer()) {
          cx.error(Code::E403, t.range.span, "level bounds must be whole numbers");
          break;
        }
        if (*lo > *hi) {
          cx.error(Code::E403, t.range.span,
                   "the range " + lo->to_string() + ".." + hi->to_string() + " of '" + f.name + "' is empty",
                   "write the lower bound first");
          break;
        }
        f.lo = *lo;
        f.hi = *hi;
        break;
      }
      case K::Set:
        f.type.kind = ir::TypeKind::Set;
        if (t.element && t.element->text != "element")
          cx.error(Code::E203, t.element->span, "a set holds elements only, not '" + t.element->text + "'",
                   "write set<element>");
        break;
    }
  }
}

}  // namespace puzle::check
