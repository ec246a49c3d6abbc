// dsl layer (checker): expression resolution and typing (see expr.hpp for the name order).
#include "check/expr.hpp"

#include <algorithm>
#include <variant>

#include "overloaded.hpp"

namespace puzle::check {
namespace {

using TK = ir::TypeKind;

ir::Op op_of(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Or: return ir::Op::Or;
    case ast::BinaryOp::And: return ir::Op::And;
    case ast::BinaryOp::Eq: return ir::Op::Eq;
    case ast::BinaryOp::Ne: return ir::Op::Ne;
    case ast::BinaryOp::Lt: return ir::Op::Lt;
    case ast::BinaryOp::Le: return ir::Op::Le;
    case ast::BinaryOp::Gt: return ir::Op::Gt;
    case ast::BinaryOp::Ge: return ir::Op::Ge;
    case ast::BinaryOp::In: return ir::Op::InSet;
    case ast::BinaryOp::NotIn: return ir::Op::NotInSet;
    case ast::BinaryOp::Add: return ir::Op::Add;
    case ast::BinaryOp::Sub: return ir::Op::Sub;
    case ast::BinaryOp::Mul: return ir::Op::Mul;
    case ast::BinaryOp::Div: return ir::Op::Div;
  }
  return ir::Op::Eq;
}

bool comparable(const ir::Type& a, const ir::Type& b) {
  if (a.numeric() && b.numeric()) return true;
  if (a.kind != b.kind) return false;
  if (a.kind == TK::Enum) return a.field == b.field;
  return a.kind == TK::Bool || a.kind == TK::Text || a.kind == TK::Element || a.kind == TK::Area || a.kind == TK::Node;
}

}  // namespace

std::string ExprChecker::source(Span s) const {
  if (s.file >= cx_.sources.size()) return "?";
  const auto& t = cx_.sources.file(s.file).text();
  if (s.begin > t.size() || s.end > t.size() || s.end < s.begin) return "?";
  return t.substr(s.begin, s.end - s.begin);
}

std::string ExprChecker::describe(const ir::Type& t) const {
  const auto& fields = cx_.program.fields;
  switch (t.kind) {
    case TK::Bool: return "a condition";
    case TK::Int: return "a whole number";
    case TK::Decimal: return "a decimal number";
    case TK::Money: return "an amount of money";
    case TK::Text: return "a text";
    case TK::Enum: return t.field < fields.size() ? "a value of enum '" + fields[t.field].name + "'" : "an enum value";
    case TK::Level:
      return t.field < fields.size()
                 ? "a level " + fields[t.field].lo.to_string() + ".." + fields[t.field].hi.to_string()
                 : "a level";
    case TK::Set: return "a set of elements";
    case TK::Element: return "an element";
    case TK::Area: return "an area";
    case TK::Node: return "a domain or block";
    case TK::PerAreaLevel: return "a level per area (index it, e.g. maturity[viure])";
    case TK::List: return "a list";
    case TK::Error: return "an invalid expression";
  }
  return "?";
}

ir::ExprId ExprChecker::emit(const ir::Expr& e) {
  cx_.program.exprs.push_back(e);
  return static_cast<ir::ExprId>(cx_.program.exprs.size() - 1);
}

ir::ExprId ExprChecker::make(ir::Op op, ir::Type type, Span s, ir::ExprId lhs, ir::ExprId rhs, ir::Id a, ir::Id b) {
  ir::Expr e;
  e.op = op;
  e.type = type;
  e.lhs = lhs;
  e.rhs = rhs;
  e.a = a;
  e.b = b;
  e.span = s;
  return emit(e);
}

ir::ExprId ExprChecker::poison(Span s) {
  ir::Expr e;
  e.type.kind = TK::Error;
  e.span = s;
  return emit(e);
}

ir::ExprId ExprChecker::constant(ir::Value v, ir::Type t, Span s) {
  v.kind = t.kind;
  cx_.program.constants.push_back(std::move(v));
  return make(ir::Op::Const, t, s, ir::kNone, ir::kNone, static_cast<ir::Id>(cx_.program.constants.size() - 1));
}

ir::ExprId ExprChecker::node_constant(ir::NodeId n, Span s) {
  const auto& node = cx_.program.nodes[n];
  ir::Value v;
  if (node.kind == ir::NodeKind::Element) {
    v.index = node.element;
    return constant(std::move(v), {TK::Element, ir::kNone}, s);
  }
  if (node.kind == ir::NodeKind::Area) {
    v.index = node.area;
    return constant(std::move(v), {TK::Area, ir::kNone}, s);
  }
  v.index = n;
  return constant(std::move(v), {TK::Node, ir::kNone}, s);
}

bool ExprChecker::is_bare_value(ast::ExprId id) const {
  const auto* n = std::get_if<ast::Name>(&scope_.module->expr(id).kind);
  if (!n || n->path.parts.size() != 1) return false;
  const auto& t = n->path.parts[0].text;
  return t != scope_.var && !cx_.fields.count(t) && !cx_.segments.count(t) && t != "elements";
}

ir::ExprId ExprChecker::name(const ast::Path& path, Span s, Hint hint) {
  const auto& parts = path.parts;
  const std::string& first = parts[0].text;
  if (!scope_.var.empty() && first == scope_.var) {
    if (scope_.var_used) *scope_.var_used = true;
    ir::Expr var;
    var.op = ir::Op::Var;
    var.type = {TK::Element, ir::kNone};
    var.span = parts[0].span;
    ir::ExprId v = emit(var);
    if (parts.size() == 1) return v;
    static const std::pair<const char*, std::pair<ir::Op, TK>> attrs[] = {
        {"area", {ir::Op::ElementArea, TK::Area}},   {"domain", {ir::Op::ElementDomain, TK::Node}},
        {"block", {ir::Op::ElementBlock, TK::Node}}, {"effort", {ir::Op::ElementEffort, TK::Decimal}},
        {"cost", {ir::Op::ElementCost, TK::Money}},  {"city_scale", {ir::Op::ElementCityScale, TK::Bool}}};
    if (parts.size() == 2) {
      for (const auto& [attr, what] : attrs) {
        if (parts[1].text != attr) continue;
        return make(what.first, ir::Type{what.second, ir::kNone}, s, v);
      }
    }
    cx_.error(unknown_code(), parts[1].span,
              "an element has no attribute '" + path.joined().substr(first.size() + 1) + "'",
              "an element has: area, domain, block, effort, cost, city_scale");
    return poison(s);
  }
  if (parts.size() == 1) {
    if (hint.kind == TK::Enum && hint.field != ir::kNone) {
      const auto& values = cx_.program.fields[hint.field].enum_values;
      auto it = std::find(values.begin(), values.end(), first);
      if (it != values.end()) {
        ir::Value v;
        v.index = static_cast<ir::Id>(it - values.begin());
        return constant(std::move(v), {TK::Enum, hint.field}, s);
      }
    }
    if (auto f = cx_.fields.find(first); f != cx_.fields.end()) {
      return make(ir::Op::Field, cx_.program.fields[f->second].type, s, ir::kNone, ir::kNone, f->second);
    }
    if (auto g = cx_.segments.find(first); g != cx_.segments.end()) {
      cx_.segment_used[g->second] = true;
      if (scope_.segment != ir::kNone) cx_.segment_refs[scope_.segment].push_back(g->second);
      return make(ir::Op::Segment, ir::Type{TK::Bool, ir::kNone}, s, ir::kNone, ir::kNone, g->second);
    }
    if (first == "elements") {
      return make(ir::Op::AllElements, ir::Type{TK::Set, ir::kNone}, s);
    }
    if (hint.kind == TK::Enum && hint.field != ir::kNone) {
      const auto& f = cx_.program.fields[hint.field];
      std::string list;
      for (const auto& v : f.enum_values) list += (list.empty() ? "" : ", ") + v;
      cx_.error(Code::E204, s, "'" + first + "' is not a value of enum '" + f.name + "'",
                "the values are: " + list +
                    (did_you_mean(first, f.enum_values).empty() ? "" : "; " + did_you_mean(first, f.enum_values)));
      return poison(s);
    }
  }
  // The common case, a short id of exactly one node, without copying the list of candidates.
  if (parts.size() == 1) {
    if (const auto* same_id = cx_.node_names.with_id(first); same_id && same_id->size() == 1)
      return node_constant(same_id->front(), s);
  }
  auto nodes = cx_.candidate_nodes(path);
  if (hint.kind == TK::Area) {
    std::vector<ir::NodeId> areas;
    for (auto n : nodes)
      if (cx_.program.nodes[n].kind == ir::NodeKind::Area) areas.push_back(n);
    if (areas.size() == 1) return node_constant(areas.front(), s);
  }
  if (nodes.size() > 1) {
    // Prefer the single element among same-named nodes of other kinds.
    std::vector<ir::NodeId> elements;
    for (auto n : nodes)
      if (cx_.program.nodes[n].kind == ir::NodeKind::Element) elements.push_back(n);
    if (elements.size() == 1) return node_constant(elements.front(), s);
    std::string list;
    for (auto n : nodes) list += (list.empty() ? "" : ", ") + cx_.program.nodes[n].path;
    cx_.error(Code::E202, s, "'" + path.joined() + "' is ambiguous: it names " + list,
              "write the full path, e.g. " + cx_.program.nodes[nodes.front()].path);
    return poison(s);
  }
  if (nodes.size() == 1) return node_constant(nodes.front(), s);
  if (hint.kind == TK::Area) {
    std::vector<std::string> areas;
    std::string list;
    for (auto a : cx_.program.areas) {
      areas.push_back(cx_.program.nodes[a].id);
      list += (list.empty() ? "" : ", ") + areas.back();
    }
    auto mean = did_you_mean(path.joined(), areas);
    cx_.error(unknown_code(), s, "unknown area '" + path.joined() + "'",
              !mean.empty()   ? mean
              : areas.empty() ? "the rulebase declares no area"
                              : "the areas are: " + list);
    return poison(s);
  }
  if (hint.kind == TK::Element && !scope_.in_template) {
    cx_.resolve_element(path);  // reports "unknown element" with its own suggestions
    return poison(s);
  }
  std::vector<std::string> names;
  if (cx_.suggest()) {
    for (const auto& f : cx_.program.fields) names.push_back(f.name);
    for (const auto& g : cx_.program.segments) names.push_back(g.id);
    for (const auto& n : cx_.program.nodes) names.push_back(n.id);
    if (!scope_.var.empty()) names.push_back(scope_.var);
  }
  auto hint_text = did_you_mean(path.joined(), names);
  if (hint_text.empty())
    hint_text = "a name is a profile field, a segment, an element, an area or the rule's 'for' variable";
  cx_.error(unknown_code(), s,
            (scope_.in_template ? "the text refers to unknown name '" : "unknown name '") + path.joined() + "'",
            hint_text);
  return poison(s);
}

void ExprChecker::check_level_bound(const ir::Expr& level, const ir::Expr& other) {
  if (level.type.kind != TK::Level || other.op != ir::Op::Const || !other.type.numeric()) return;
  const auto& f = cx_.program.fields[level.type.field];
  const Decimal& v = cx_.program.constants[other.a].number;
  if (v < f.lo || v > f.hi)
    cx_.error(Code::E302, other.span,
              "'" + f.name + "' is a level from " + f.lo.to_string() + " to " + f.hi.to_string() + "; " +
                  v.to_string() + " is out of range",
              "compare with a value from " + f.lo.to_string() + " to " + f.hi.to_string());
}

ir::ExprId ExprChecker::compare(const ast::Binary& b, Span s) {
  ir::ExprId l, r;
  if (is_bare_value(b.lhs) && !is_bare_value(b.rhs)) {
    r = check(b.rhs);
    l = check(b.lhs, {get(r).type.kind, get(r).type.field});
  } else {
    l = check(b.lhs);
    r = check(b.rhs, {get(l).type.kind, get(l).type.field});
  }
  const ir::Type lt = get(l).type, rt = get(r).type;
  if (lt.kind == TK::Error || rt.kind == TK::Error) return poison(s);
  // A number in quotes is a text: the usual cause of comparing a number with a text.
  auto quoted_number = [&](ir::ExprId id) -> std::string {
    const ir::Expr& e = get(id);
    if (e.op != ir::Op::Const || e.type.kind != TK::Text) return {};
    const std::string& text = cx_.program.constants[e.a].text;
    return Decimal::parse(text) ? "write the number without quotes: " + text : std::string();
  };
  const std::string unquote = quoted_number(l).empty() ? quoted_number(r) : quoted_number(l);
  const bool ordering = b.op != ast::BinaryOp::Eq && b.op != ast::BinaryOp::Ne;
  if (ordering && !(lt.numeric() && rt.numeric())) {
    const bool left_bad = !lt.numeric();
    cx_.error(Code::E300, left_bad ? get(l).span : get(r).span,
              std::string("'") + ast::op_text(b.op) + "' compares numbers, but '" +
                  source(left_bad ? get(l).span : get(r).span) + "' is " + describe(left_bad ? lt : rt),
              lt.kind == TK::Enum || rt.kind == TK::Enum ? "enum values can only be compared with == and !=" : unquote);
    return poison(s);
  }
  if (!comparable(lt, rt)) {
    cx_.error(
        Code::E300, s,
        "cannot compare '" + source(get(l).span) + "' (" + describe(lt) + ") with '" + source(get(r).span) + "' (" +
            describe(rt) + ")",
        lt.kind == TK::PerAreaLevel || rt.kind == TK::PerAreaLevel ? "index the level by an area, e.g. maturity[viure]"
        : !unquote.empty() && (lt.numeric() || rt.numeric())       ? unquote
                                                             : "both sides of a comparison must have the same type");
    return poison(s);
  }
  check_level_bound(get(l), get(r));
  check_level_bound(get(r), get(l));
  return make(op_of(b.op), ir::Type{TK::Bool, ir::kNone}, s, l, r);
}

ir::ExprId ExprChecker::membership(const ast::Binary& b, Span s) {
  const bool negated = b.op == ast::BinaryOp::NotIn;
  if (const auto* list = std::get_if<ast::List>(&scope_.module->expr(b.rhs).kind)) {
    ir::ExprId l = check(b.lhs);
    const ir::Type lt = get(l).type;
    if (lt.kind == TK::Error) return poison(s);
    std::vector<ir::ExprId> items;
    bool ok = true;
    for (auto item : list->items) {
      ir::ExprId it = check(item, {lt.kind, lt.field});
      const auto& ie = get(it);
      if (ie.type.kind == TK::Error) {
        ok = false;
        continue;
      }
      if (ie.op != ir::Op::Const) {
        cx_.error(Code::E300, ie.span, "a list after 'in' holds constant values; '" + source(ie.span) + "' is not one");
        ok = false;
      } else if (!comparable(lt, ie.type)) {
        cx_.error(Code::E300, ie.span,
                  "'" + source(ie.span) + "' (" + describe(ie.type) + ") cannot be compared with '" +
                      source(get(l).span) + "' (" + describe(lt) + ")");
        ok = false;
      } else {
        check_level_bound(get(l), ie);
        items.push_back(it);
      }
    }
    if (!ok) return poison(s);
    ir::Expr e;
    e.op = negated ? ir::Op::NotInList : ir::Op::InList;
    e.type = {TK::Bool, ir::kNone};
    e.lhs = l;
    e.a = static_cast<ir::Id>(cx_.program.list_items.size());
    e.b = static_cast<ir::Id>(items.size());
    e.span = s;
    cx_.program.list_items.insert(cx_.program.list_items.end(), items.begin(), items.end());
    return emit(e);
  }
  ir::ExprId r = check(b.rhs);
  ir::ExprId l = check(b.lhs, get(r).type.kind == TK::Set ? Hint{TK::Element, ir::kNone} : Hint{});
  const ir::Type lt = get(l).type, rt = get(r).type;
  if (lt.kind == TK::Error || rt.kind == TK::Error) return poison(s);
  if (rt.kind != TK::Set) {
    cx_.error(Code::E300, get(r).span,
              "'in' needs a set or a list on its right, but '" + source(get(r).span) + "' is " + describe(rt),
              "e.g. e in needs, or province in [girona, lleida]");
    return poison(s);
  }
  if (lt.kind != TK::Element) {
    cx_.error(Code::E300, get(l).span,
              "only elements can be in a set, but '" + source(get(l).span) + "' is " + describe(lt));
    return poison(s);
  }
  return make(negated ? ir::Op::NotInSet : ir::Op::InSet, ir::Type{TK::Bool, ir::kNone}, s, l, r);
}

ir::ExprId ExprChecker::arithmetic(const ast::Binary& b, Span s) {
  ir::ExprId l = check(b.lhs);
  ir::ExprId r = check(b.rhs);
  const ir::Type lt = get(l).type, rt = get(r).type;
  if (lt.kind == TK::Error || rt.kind == TK::Error) return poison(s);
  for (auto [id, t] : {std::pair{l, lt}, std::pair{r, rt}}) {
    if (!t.numeric()) {
      cx_.error(Code::E300, get(id).span,
                std::string("'") + ast::op_text(b.op) + "' needs numbers, but '" + source(get(id).span) + "' is " +
                    describe(t));
      return poison(s);
    }
  }
  ir::Expr e;
  e.op = op_of(b.op);
  const bool money = lt.kind == TK::Money || rt.kind == TK::Money;
  const bool dec = lt.kind == TK::Decimal || rt.kind == TK::Decimal || b.op == ast::BinaryOp::Div;
  e.type = {money ? TK::Money : dec ? TK::Decimal : TK::Int, ir::kNone};
  e.lhs = l;
  e.rhs = r;
  e.span = s;
  return emit(e);
}

ir::ExprId ExprChecker::binary(const ast::Binary& b, Span s) {
  switch (b.op) {
    case ast::BinaryOp::And:
    case ast::BinaryOp::Or: {
      const std::string_view where = b.op == ast::BinaryOp::And ? "'and'" : "'or'";
      ir::ExprId l = condition(b.lhs, where);
      ir::ExprId r = condition(b.rhs, where);
      if (get(l).type.kind == TK::Error || get(r).type.kind == TK::Error) return poison(s);
      return make(op_of(b.op), ir::Type{TK::Bool, ir::kNone}, s, l, r);
    }
    case ast::BinaryOp::In:
    case ast::BinaryOp::NotIn: return membership(b, s);
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub:
    case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div: return arithmetic(b, s);
    default: return compare(b, s);
  }
}

ir::ExprId ExprChecker::call(const ast::Call& c, Span s) {
  const std::string fn = c.callee.joined();
  auto arity = [&](std::size_t n, const char* usage) {
    if (c.args.size() == n) return true;
    cx_.error(Code::E303, s,
              "'" + fn + "' takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + ", not " +
                  std::to_string(c.args.size()),
              std::string("write ") + usage);
    return false;
  };
  if (fn == "min" || fn == "max" || fn == "if") {
    if (!arity(fn == "if" ? 3 : 2, fn == "if" ? "if(shared_secretary, 1, 3)" : (fn + "(it_staff, 4)").c_str()))
      return poison(s);
    return numeric_choice(c, s, fn);
  }
  if (fn == "count") {
    if (!arity(1, "count(needs)")) return poison(s);
    ir::ExprId a = check(c.args[0]);
    if (get(a).type.kind == TK::Error) return poison(s);
    if (get(a).type.kind != TK::Set) {
      cx_.error(Code::E303, get(a).span,
                "count() counts the elements of a set, but '" + source(get(a).span) + "' is " + describe(get(a).type));
      return poison(s);
    }
    return make(ir::Op::Count, ir::Type{TK::Int, ir::kNone}, s, a);
  }
  if (auto f = cx_.fields.find(fn); f != cx_.fields.end() && cx_.program.fields[f->second].type.kind == TK::Set) {
    if (!arity(1, (fn + "(element)").c_str())) return poison(s);
    ir::ExprId a = check(c.args[0], {TK::Element, ir::kNone});
    if (get(a).type.kind == TK::Error) return poison(s);
    if (get(a).type.kind != TK::Element) {
      cx_.error(Code::E303, get(a).span,
                "'" + fn + "(...)' asks whether an element is in the set, but '" + source(get(a).span) + "' is " +
                    describe(get(a).type));
      return poison(s);
    }
    ir::Expr set;
    set.op = ir::Op::Field;
    set.type = cx_.program.fields[f->second].type;
    set.a = f->second;
    set.span = c.callee.span;
    return make(ir::Op::InSet, ir::Type{TK::Bool, ir::kNone}, s, a, emit(set));
  }
  std::vector<std::string> names{"count", "if", "max", "min"};
  for (const auto& f : cx_.program.fields)
    if (f.type.kind == TK::Set) names.push_back(f.name);
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  cx_.error(Code::E303, c.callee.span, "unknown function '" + fn + "'",
            did_you_mean(fn, names).empty() ? "the functions are: " + known : did_you_mean(fn, names));
  return poison(s);
}

ir::ExprId ExprChecker::numeric_choice(const ast::Call& c, Span s, const std::string& fn) {
  const bool choice = fn == "if";
  ir::ExprId cond = choice ? condition(c.args[0], "if()") : ir::kNone;
  ir::ExprId l = check(c.args[choice ? 1 : 0]);
  ir::ExprId r = check(c.args[choice ? 2 : 1]);
  if ((choice && get(cond).type.kind == TK::Error) || get(l).type.kind == TK::Error || get(r).type.kind == TK::Error)
    return poison(s);
  for (ir::ExprId id : {l, r}) {
    if (!get(id).type.numeric()) {
      cx_.error(Code::E300, get(id).span,
                "'" + fn + "' chooses between numbers, but '" + source(get(id).span) + "' is " + describe(get(id).type),
                choice ? "e.g. if(shared_secretary, 1, 3)" : "e.g. " + fn + "(it_staff, 4)");
      return poison(s);
    }
  }
  const TK lk = get(l).type.kind, rk = get(r).type.kind;
  const ir::Type type{lk == TK::Money || rk == TK::Money       ? TK::Money
                      : lk == TK::Decimal || rk == TK::Decimal ? TK::Decimal
                                                               : TK::Int,
                      ir::kNone};
  if (!choice) return make(fn == "min" ? ir::Op::Min : ir::Op::Max, type, s, l, r);
  return make(ir::Op::If, type, s, cond, make(ir::Op::Branches, type, s, l, r));
}

ir::ExprId ExprChecker::index(const ast::Index& i, Span s) {
  ir::ExprId base = check(i.base);
  if (get(base).type.kind == TK::Error) return poison(s);
  if (get(base).type.kind != TK::PerAreaLevel) {
    cx_.error(Code::E304, get(base).span,
              "'" + source(get(base).span) + "' is " + describe(get(base).type) + " and cannot be indexed",
              "only levels declared as level[area] are indexed, e.g. maturity[viure]");
    return poison(s);
  }
  ir::ExprId idx = check(i.index, {TK::Area, ir::kNone});
  if (get(idx).type.kind == TK::Error) return poison(s);
  if (get(idx).type.kind != TK::Area) {
    std::string areas;
    for (auto a : cx_.program.areas) areas += (areas.empty() ? "" : ", ") + cx_.program.nodes[a].id;
    cx_.error(Code::E304, get(idx).span,
              "'" + source(get(base).span) + "' is indexed by area, but '" + source(get(idx).span) + "' is " +
                  describe(get(idx).type),
              "the areas are: " + areas);
    return poison(s);
  }
  return make(ir::Op::FieldAt, ir::Type{TK::Level, get(base).a}, s, idx, ir::kNone, get(base).a);
}

ir::ExprId ExprChecker::element_list(const ast::List& l, Span s) {
  std::size_t start = cx_.program.list_items.size();
  std::vector<ir::ExprId> items;
  for (auto item : l.items) {
    ir::ExprId it = check(item);
    if (get(it).type.kind == TK::Error) return poison(s);
    if (get(it).type.kind != TK::Element || get(it).op != ir::Op::Const) {
      cx_.error(Code::E300, get(it).span,
                "a set of elements lists elements, but '" + source(get(it).span) + "' is " + describe(get(it).type));
      return poison(s);
    }
    items.push_back(it);
  }
  cx_.program.list_items.insert(cx_.program.list_items.end(), items.begin(), items.end());
  return make(ir::Op::ElementList, ir::Type{TK::Set, ir::kNone}, s, ir::kNone, ir::kNone, static_cast<ir::Id>(start),
              static_cast<ir::Id>(items.size()));
}

ir::ExprId ExprChecker::check(ast::ExprId id, Hint hint) {
  const ast::Expr& ex = scope_.module->expr(id);
  const Span s = ex.span;
  return std::visit(
      overloaded{
          [&](const ast::NumberLit& n) -> ir::ExprId {
            auto d = cx_.number(n.text, s);
            if (!d) return poison(s);
            ir::Value v;
            v.number = *d;
            const bool integral = n.text.find('.') == std::string::npos;
            return constant(std::move(v), {integral ? TK::Int : TK::Decimal, ir::kNone}, s);
          },
          [&](const ast::StringLit& str) -> ir::ExprId {
            ir::Value v;
            v.text = str.value;
            return constant(std::move(v), {TK::Text, ir::kNone}, s);
          },
          [&](const ast::BoolLit& b) -> ir::ExprId {
            ir::Value v;
            v.boolean = b.value;
            return constant(std::move(v), {TK::Bool, ir::kNone}, s);
          },
          [&](const ast::Name& n) -> ir::ExprId { return name(n.path, s, hint); },
          [&](const ast::Unary& u) -> ir::ExprId {
            if (u.op == ast::UnaryOp::Not) {
              ir::ExprId o = condition(u.operand, "'not'");
              if (get(o).type.kind == TK::Error) return poison(s);
              return make(ir::Op::Not, ir::Type{TK::Bool, ir::kNone}, s, o);
            }
            ir::ExprId o = check(u.operand);
            if (get(o).type.kind == TK::Error) return poison(s);
            if (!get(o).type.numeric()) {
              cx_.error(Code::E300, get(o).span,
                        "'-' needs a number, but '" + source(get(o).span) + "' is " + describe(get(o).type));
              return poison(s);
            }
            return make(ir::Op::Neg, get(o).type.kind == TK::Level ? ir::Type{TK::Int, ir::kNone} : get(o).type, s, o);
          },
          [&](const ast::Binary& b) -> ir::ExprId { return binary(b, s); },
          [&](const ast::Call& c) -> ir::ExprId { return call(c, s); },
          [&](const ast::Index& i) -> ir::ExprId { return index(i, s); },
          [&](const ast::List& l) -> ir::ExprId { return element_list(l, s); },
          [&](const ast::Object&) -> ir::ExprId {
            cx_.error(Code::E300, s, "'{ ... }' describes a profile and is only allowed after 'given' in a test");
            return poison(s);
          },
      },
      ex.kind);
}

ir::ExprId ExprChecker::condition(ast::ExprId id, std::string_view where) {
  ir::ExprId e = check(id);
  const auto& ex = get(e);
  if (ex.type.kind == TK::Error || ex.type.kind == TK::Bool) return e;
  cx_.error(Code::E301, ex.span,
            std::string(where) + " needs a condition, but '" + source(ex.span) + "' is " + describe(ex.type),
            ex.type.kind == TK::Element
                ? "to ask whether an element is in place, write in_place(" + source(ex.span) + ")"
            : ex.type.kind == TK::Set && ex.op == ir::Op::Field
                ? "ask whether an element is in it, " + source(ex.span) + "(ELEMENT), or count it, count(" +
                      source(ex.span) + ") > 0"
            : ex.type.kind == TK::Set ? "count it, e.g. count(" + source(ex.span) + ") > 0"
                                      : "compare it, e.g. with == or >=");
  return poison(ex.span);
}

}  // namespace puzle::check
