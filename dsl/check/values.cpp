// dsl layer (checker), pass "values": constant profile values, for field defaults and for the
// `given` profiles of rule tests. A value must fit its field's type exactly.
#include <algorithm>
#include <set>
#include <variant>

#include "check/context.hpp"
#include "check/passes.hpp"
#include "check/values.hpp"
#include "puzle/value_check.hpp"

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

// A constant as written, for the one validator of values (puzle/value_check.hpp).
WrittenValue written(const ast::Module& m, ast::ExprId id) {
  const ast::Expr& e = m.expr(id);
  WrittenValue v;
  v.span = e.span;
  if (const auto* n = std::get_if<ast::NumberLit>(&e.kind)) {
    v.kind = WrittenValue::Kind::Number;
    v.text = n->text;
  } else if (const auto* s = std::get_if<ast::StringLit>(&e.kind)) {
    v.kind = WrittenValue::Kind::String;
    v.text = s->value;
  } else if (const auto* b = std::get_if<ast::BoolLit>(&e.kind)) {
    v.kind = WrittenValue::Kind::Bool;
    v.boolean = b->value;
  } else if (const auto* name = std::get_if<ast::Name>(&e.kind)) {
    v.kind = WrittenValue::Kind::Name;
    v.text = name->path.joined();
  } else if (const auto* l = std::get_if<ast::List>(&e.kind)) {
    v.kind = WrittenValue::Kind::List;
    for (auto item : l->items) v.items.push_back(written(m, item));
  } else if (const auto* o = std::get_if<ast::Object>(&e.kind)) {
    v.kind = WrittenValue::Kind::Object;
    for (const auto& [key, value] : o->entries) v.members.push_back({key.text, key.span, written(m, value)});
  }
  return v;
}

// Says a problem of a value in a rule file's words (codes E1xx to E3xx), as the checker always
// has: element names through the checker's own resolution, numbers through its number reader.
void report(CheckContext& cx, const ast::Module& m, ast::ExprId id, const WrittenValue& top, const ir::Field& f,
            const ValueProblem& pr) {
  using PK = ValueProblem::Kind;
  const WrittenValue& v = *pr.value;
  const bool levels = f.type.kind == TK::Level || f.type.kind == TK::PerAreaLevel;
  const std::string range = "'" + f.name + "' is a level from " + f.lo.to_string() + " to " + f.hi.to_string();
  switch (pr.kind) {
    case PK::WrongKind:
      if (levels && &v != &top) {  // an area's level
        cx.error(Code::E305, v.span,
                 "'" + f.name + "' expects a level from " + f.lo.to_string() + " to " + f.hi.to_string());
      } else if (f.type.kind == TK::Level) {
        cx.error(Code::E305, v.span,
                 "'" + f.name + "' expects a level from " + f.lo.to_string() + " to " + f.hi.to_string());
      } else {
        cx.error(Code::E305, v.span, "'" + source_of(cx, v.span) + "' does not fit field '" + f.name + "'",
                 std::string("'") + f.name + "' expects " + expected(f));
      }
      return;
    case PK::Exponent:  // a rule file's numbers have none
    case PK::TooPrecise:
    case PK::TooLarge: cx.number(v.text, v.span); return;  // says why, as for any number
    case PK::NotWhole:
      if (levels)
        cx.error(Code::E302, v.span, range + "; " + v.text + " is out of range");
      else
        cx.error(Code::E305, v.span, "'" + f.name + "' is a whole number; " + v.text + " is not");
      return;
    case PK::OutOfRange: cx.error(Code::E302, v.span, range + "; " + v.text + " is out of range"); return;
    case PK::UnknownEnumValue: {
      std::string list;
      for (const auto& x : f.enum_values) list += (list.empty() ? "" : ", ") + x;
      cx.error(Code::E204, v.span, "'" + v.text + "' is not a value of enum '" + f.name + "'",
               "the values are: " + list);
      return;
    }
    case PK::UnknownArea: {
      std::vector<std::string> names;
      for (auto n : cx.program.areas) names.push_back(cx.program.nodes[n].id);
      cx.error(Code::E200, pr.span, "unknown area '" + pr.text + "'", did_you_mean(pr.text, names));
      return;
    }
    case PK::AreaTwice: cx.error(Code::E205, pr.span, "area '" + pr.text + "' is given twice"); return;
    case PK::MissingAreas:
      cx.error(Code::E306, v.span, "'" + f.name + "' gives no level for: " + pr.text,
               "give every area a level, or declare a default for '" + f.name + "'");
      return;
    case PK::NotAnElementName:
      cx.error(Code::E305, v.span, "a set lists element names; '" + source_of(cx, v.span) + "' is not one");
      return;
    case PK::UnknownElement:
    case PK::AmbiguousElement: {
      // The item's own path, for the checker's resolution and its hints.
      const auto& list = std::get<ast::List>(m.expr(id).kind);
      const auto item = list.items[static_cast<std::size_t>(&v - top.items.data())];
      cx.resolve_element(std::get<ast::Name>(m.expr(item).kind).path);
      return;
    }
  }
}

}  // namespace

std::optional<ir::Value> field_value(CheckContext& cx, const ast::Module& m, ast::ExprId id, ir::FieldId fid,
                                     const std::optional<ir::Value>& fallback) {
  const ir::Field& f = cx.program.fields[fid];
  const WrittenValue v = written(m, id);
  std::vector<ValueProblem> problems;
  auto value = check_value(cx.program, cx.node_names, f, v, NameSyntax::Names, fallback, problems);
  for (const auto& pr : problems) report(cx, m, id, v, f, pr);
  return value;
}

void values(CheckContext& cx) {
  for (ir::FieldId id = 0; id < cx.program.fields.size(); ++id) {
    const auto& loc = cx.field_decls[id];
    if (!loc.decl->default_value || cx.program.fields[id].type.kind == TK::Error) continue;
    cx.program.fields[id].default_value = field_value(cx, *loc.module, *loc.decl->default_value, id, std::nullopt);
  }
}

}  // namespace puzle::check
