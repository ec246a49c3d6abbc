// dsl layer: whether a value fits a profile field (see puzle/value_check.hpp). The decisions
// only: the words are the caller's.
#include "puzle/value_check.hpp"

#include <algorithm>

namespace puzle {
namespace {

using TK = ir::TypeKind;
using WK = WrittenValue::Kind;
using PK = ValueProblem::Kind;

class Checker {
 public:
  Checker(const ir::Program& p, const NodeNames& names, const ir::Field& f, NameSyntax syntax,
          std::vector<ValueProblem>& problems)
      : p_(p), names_(names), f_(f), syntax_(syntax), problems_(problems) {}

  std::optional<ir::Value> value(const WrittenValue& v, const std::optional<ir::Value>& defaults) {
    ir::Value out;
    out.kind = f_.type.kind;
    switch (f_.type.kind) {
      case TK::Int:
      case TK::Decimal:
      case TK::Money: {
        auto d = number(v, f_.type.kind == TK::Int);
        if (!d) return std::nullopt;
        out.number = *d;
        return out;
      }
      case TK::Bool:
        if (v.kind != WK::Bool) return wrong(v);
        out.boolean = v.boolean;
        return out;
      case TK::Text:
        if (v.kind != WK::String) return wrong(v);
        out.text = v.text;
        return out;
      case TK::Enum: {
        if (!is_name(v) || v.text.find('.') != std::string::npos) return wrong(v);
        const auto it = std::find(f_.enum_values.begin(), f_.enum_values.end(), v.text);
        if (it == f_.enum_values.end()) return problem(PK::UnknownEnumValue, v, v.span, v.text);
        out.index = static_cast<ir::Id>(it - f_.enum_values.begin());
        return out;
      }
      case TK::Level: {
        auto d = level(v);
        if (!d) return std::nullopt;
        out.number = *d;
        return out;
      }
      case TK::PerAreaLevel: return per_area(v, defaults, out);
      case TK::Set: return element_set(v, out);
      case TK::Element:
      case TK::Area:
      case TK::Node:
      case TK::List:
      case TK::Error: return wrong(v);  // no profile field has these types
    }
    return wrong(v);
  }

 private:
  bool is_name(const WrittenValue& v) const {
    return v.kind == (syntax_ == NameSyntax::Strings ? WK::String : WK::Name);
  }

  std::nullopt_t problem(PK kind, const WrittenValue& v, Span span, std::string text = {}) {
    problems_.push_back({kind, &v, span, std::move(text), {}});
    return std::nullopt;
  }
  std::nullopt_t wrong(const WrittenValue& v) { return problem(PK::WrongKind, v, v.span); }

  std::optional<Decimal> number(const WrittenValue& v, bool whole) {
    if (v.kind != WK::Number) return wrong(v);
    if (v.text.find_first_of("eE") != std::string::npos) return problem(PK::Exponent, v, v.span);
    Decimal::ParseError why{};
    auto d = Decimal::parse(v.text, &why);
    if (!d) return problem(why == Decimal::ParseError::TooPrecise ? PK::TooPrecise : PK::TooLarge, v, v.span);
    if (whole && !d->is_integer()) return problem(PK::NotWhole, v, v.span);
    return d;
  }

  std::optional<Decimal> level(const WrittenValue& v) {
    auto d = number(v, true);
    if (!d) return std::nullopt;
    if (*d < f_.lo || *d > f_.hi) return problem(PK::OutOfRange, v, v.span);
    return d;
  }

  ir::AreaId area(const std::string& id) const {
    for (ir::AreaId a = 0; a < p_.areas.size(); ++a)
      if (p_.nodes[p_.areas[a]].id == id) return a;
    return ir::kNone;
  }

  std::optional<ir::Value> per_area(const WrittenValue& v, const std::optional<ir::Value>& defaults, ir::Value& out) {
    const auto n = p_.areas.size();
    if (v.kind == WK::Number) {  // one level for every area
      auto d = level(v);
      if (!d) return std::nullopt;
      out.levels.assign(n, *d);
      return out;
    }
    if (v.kind != WK::Object) return wrong(v);
    std::vector<std::optional<Decimal>> levels(n);
    std::vector<bool> given(n, false);  // even when its level was refused: a second one is still twice
    bool ok = true;
    for (const auto& m : v.members) {
      const ir::AreaId a = area(m.key);
      if (a == ir::kNone) {
        problem(PK::UnknownArea, v, m.key_span, m.key);
        ok = false;
      } else if (given[a]) {
        problem(PK::AreaTwice, v, m.key_span, m.key);
        ok = false;
      } else {
        given[a] = true;
        levels[a] = level(m.value);
        if (!levels[a]) ok = false;
      }
    }
    if (!ok) return std::nullopt;
    std::string missing;
    for (std::size_t a = 0; a < n; ++a) {
      if (levels[a]) continue;
      if (defaults && defaults->levels.size() == n)
        levels[a] = defaults->levels[a];
      else
        missing += (missing.empty() ? "" : ", ") + p_.nodes[p_.areas[a]].id;
    }
    if (!missing.empty()) return problem(PK::MissingAreas, v, v.span, missing);
    for (auto& l : levels) out.levels.push_back(*l);
    return out;
  }

  std::optional<ir::Value> element_set(const WrittenValue& v, ir::Value& out) {
    if (v.kind != WK::List) return wrong(v);
    bool ok = true;
    for (const auto& item : v.items) {
      if (!is_name(item)) {
        problem(PK::NotAnElementName, item, item.span);
        ok = false;
        continue;
      }
      std::vector<ir::ElementId> candidates;
      const ir::ElementId e = names_.element(item.text, &candidates);
      if (e != ir::kNone) {
        out.elements.push_back(e);
        continue;
      }
      ok = false;
      if (candidates.size() > 1) {
        problems_.push_back({PK::AmbiguousElement, &item, item.span, item.text, std::move(candidates)});
      } else {
        problem(PK::UnknownElement, item, item.span, item.text);
      }
    }
    if (!ok) return std::nullopt;
    std::sort(out.elements.begin(), out.elements.end());
    out.elements.erase(std::unique(out.elements.begin(), out.elements.end()), out.elements.end());
    return out;
  }

  const ir::Program& p_;
  const NodeNames& names_;
  const ir::Field& f_;
  NameSyntax syntax_;
  std::vector<ValueProblem>& problems_;
};

}  // namespace

std::optional<ir::Value> check_value(const ir::Program& program, const NodeNames& names, const ir::Field& f,
                                     const WrittenValue& v, NameSyntax syntax, const std::optional<ir::Value>& defaults,
                                     std::vector<ValueProblem>& problems) {
  return Checker(program, names, f, syntax, problems).value(v, defaults);
}

}  // namespace puzle
