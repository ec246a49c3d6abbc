// dsl layer (checker), pass "schema": turns each profile field's type expression into an
// ir::Type with its enum values or level range, and finds the field marked `key`.
#include <algorithm>
#include <vector>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {
namespace {

// A field's type in words, as written in the profile (for messages).
const char* type_word(const ast::TypeExpr& t) {
  using K = ast::TypeExpr::Kind;
  switch (t.kind) {
    case K::Decimal: return "decimal";
    case K::Money: return "money";
    case K::Bool: return "bool";
    case K::Level: return t.index ? "level[area]" : "level";
    case K::Set: return "set<element>";
    case K::Int: return "int";
    case K::Text: return "text";
    case K::Enum: return "enum";
  }
  return "?";
}

// The field marked `key` identifies a profile: one field at most (E405 on any other, with a note
// at the first in source order, as for duplicates), of a type whose values are written one way
// only: text, int or enum (E405 for any other type).
void key_field(CheckContext& cx) {
  std::vector<ir::FieldId> keyed;
  for (ir::FieldId id = 0; id < cx.field_decls.size(); ++id)
    if (cx.field_decls[id].decl->key) keyed.push_back(id);
  std::sort(keyed.begin(), keyed.end(), [&cx](ir::FieldId a, ir::FieldId b) {
    const Span x = *cx.field_decls[a].decl->key;
    const Span y = *cx.field_decls[b].decl->key;
    return x.file != y.file ? x.file < y.file : x.begin < y.begin;
  });
  using K = ast::TypeExpr::Kind;
  bool key_ok = true;
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    const ast::ProfileField& f = *cx.field_decls[keyed[i]].decl;
    if (f.type.kind != K::Text && f.type.kind != K::Int && f.type.kind != K::Enum) {
      cx.error(Code::E405, *f.key, "the key field '" + f.name.text + "' is of type " + type_word(f.type),
               "a key identifies a profile: mark a field of type text, int or enum");
      if (i == 0) key_ok = false;
    }
    if (i > 0) {
      const ast::ProfileField& first = *cx.field_decls[keyed[0]].decl;
      auto& d =
          cx.error(Code::E405, *f.key,
                   "'key' is given twice in the profile: on '" + first.name.text + "' and on '" + f.name.text + "'",
                   "one field identifies a profile; remove 'key' from the other");
      cx.note(d, *first.key, "'" + first.name.text + "' is marked key here");
    }
  }
  if (!keyed.empty() && key_ok) cx.program.key_field = keyed[0];
}

}  // namespace

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
  key_field(cx);
}

}  // namespace puzle::check
