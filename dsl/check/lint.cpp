// dsl layer (checker), pass "lint": warnings. A rule or segment whose condition no profile can
// satisfy (found by propagating interval and enum constraints on profile fields through
// and/or/not, segments included), and declarations that nothing uses. Sound but incomplete:
// it only warns when it can prove the contradiction.
#include <algorithm>
#include <utility>
#include <vector>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {
namespace {

using TK = ir::TypeKind;

struct Atom {
  std::optional<Decimal> lo, hi;
  bool lo_strict = false, hi_strict = false;
  bool integral = false;
  std::vector<bool> allowed;  // enum values still possible
  std::optional<bool> boolean;
  std::vector<Decimal> excluded;  // numbers ruled out by !=, whatever the order of the comparisons

  bool out(const Decimal& v) const { return std::find(excluded.begin(), excluded.end(), v) != excluded.end(); }

  bool empty() const {
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), true) == allowed.end()) return true;
    if (!lo || !hi) return false;
    if (integral) {
      const Decimal one = Decimal::from_int(1);
      Decimal l = lo_strict ? *lo->floor().plus(one) : lo->ceil();
      Decimal h = hi_strict ? *hi->ceil().minus(one) : hi->floor();
      // Whole values excluded at either end narrow the interval (at most once per exclusion).
      for (std::size_t i = 0; i < excluded.size() && l <= h && out(l); ++i) l = *l.plus(one);
      for (std::size_t i = 0; i < excluded.size() && l <= h && out(h); ++i) h = *h.minus(one);
      return l > h;
    }
    return *lo > *hi || (*lo == *hi && (lo_strict || hi_strict || out(*lo)));
  }
};

using Key = std::pair<ir::FieldId, ir::Id>;  // field, area (kNone for scalars)
// One case's constraints, sorted by key. A condition names a few fields, and `or` copies whole
// environments, so a flat vector (one allocation per copy) beats a std::map (one per key).
using Env = std::vector<std::pair<Key, Atom>>;
using Envs = std::vector<Env>;
constexpr std::size_t kMaxEnvs = 64;
constexpr int kMaxDepth = 32;
// The analysis of one condition visits at most kBudget nodes. A segment's condition is visited
// again wherever it is used, so segments that use the previous one several times would cost
// time exponential in their number; past the budget the analysis assumes nothing of the
// condition, which can only leave out a warning, never make one up, and says so (N503). The
// shipped rulebase and the generated 10,000-rule one need at most 22 visits per condition.
constexpr std::size_t kBudget = 2000;

class Analyzer {
 public:
  explicit Analyzer(const ir::Program& p) : p_(p) {}

  // Each analysis of a condition starts with a fresh budget.
  void start() {
    steps_ = 0;
    exhausted_ = false;
  }
  bool exhausted() const { return exhausted_; }
  std::size_t steps() const { return steps_; }

  Envs constrain(ir::ExprId id, bool positive, Envs envs, int depth = 0) {
    if (envs.empty() || depth > kMaxDepth) return envs;
    if (exhausted_ || ++steps_ > kBudget) {
      exhausted_ = true;
      return envs;
    }
    const ir::Expr& e = p_.exprs[id];
    switch (e.op) {
      case ir::Op::Const:
        if (e.type.kind == TK::Bool && p_.constants[e.a].boolean != positive) return {};
        return envs;
      case ir::Op::Not: return constrain(e.lhs, !positive, std::move(envs), depth + 1);
      case ir::Op::And:
      case ir::Op::Or: {
        const bool conj = (e.op == ir::Op::And) == positive;
        if (conj) return constrain(e.rhs, positive, constrain(e.lhs, positive, std::move(envs), depth + 1), depth + 1);
        Envs out = constrain(e.lhs, positive, envs, depth + 1);
        Envs right = constrain(e.rhs, positive, envs, depth + 1);
        out.insert(out.end(), right.begin(), right.end());
        return out.size() > kMaxEnvs ? envs : out;  // too many cases: assume nothing
      }
      case ir::Op::Segment: return constrain(p_.segments[e.a].condition, positive, std::move(envs), depth + 1);
      case ir::Op::Field:
        if (e.type.kind == TK::Bool)
          return tighten(std::move(envs), {e.a, ir::kNone}, [&](Atom& a) {
            if (a.boolean && *a.boolean != positive) a.allowed = {false};
            a.boolean = positive;
          });
        return envs;
      case ir::Op::Eq:
      case ir::Op::Ne:
      case ir::Op::Lt:
      case ir::Op::Le:
      case ir::Op::Gt:
      case ir::Op::Ge: return compare(e, positive, std::move(envs));
      case ir::Op::InList:
      case ir::Op::NotInList: return in_list(e, positive == (e.op == ir::Op::InList), std::move(envs));
      default: return envs;
    }
  }

 private:
  std::optional<Key> key_of(const ir::Expr& e) const {
    if (e.op == ir::Op::Field && e.type.kind != TK::Set) return Key{e.a, ir::kNone};
    if (e.op == ir::Op::FieldAt && p_.exprs[e.lhs].op == ir::Op::Const)
      return Key{e.a, p_.constants[p_.exprs[e.lhs].a].index};
    return std::nullopt;
  }

  Atom initial(const Key& k) const {
    const ir::Field& f = p_.fields[k.first];
    Atom a;
    a.integral = f.type.kind == TK::Int || f.type.kind == TK::Level || f.type.kind == TK::PerAreaLevel;
    if (f.type.kind == TK::Level || f.type.kind == TK::PerAreaLevel) {
      a.lo = f.lo;
      a.hi = f.hi;
    }
    if (f.type.kind == TK::Enum) a.allowed.assign(f.enum_values.size(), true);
    return a;
  }

  template <typename F>
  Envs tighten(Envs envs, const Key& k, F&& f) {
    Envs out;
    for (auto& env : envs) {
      auto it = std::lower_bound(env.begin(), env.end(), k,
                                 [](const auto& entry, const Key& key) { return entry.first < key; });
      if (it == env.end() || it->first != k) it = env.emplace(it, k, initial(k));
      f(it->second);
      if (!it->second.empty()) out.push_back(std::move(env));
    }
    return out;
  }

  static ir::Op flip(ir::Op op) { return ir::op_info(op).mirrored; }  // a OP b  ==  b flip(OP) a
  static ir::Op negate(ir::Op op) { return ir::op_info(op).negated; }

  Envs compare(const ir::Expr& e, bool positive, Envs envs) {
    const ir::Expr* field = &p_.exprs[e.lhs];
    const ir::Expr* value = &p_.exprs[e.rhs];
    ir::Op op = e.op;
    if (!key_of(*field)) {
      std::swap(field, value);
      op = flip(op);
    }
    auto key = key_of(*field);
    if (!key || value->op != ir::Op::Const) return envs;
    if (!positive) op = negate(op);
    const ir::Value& c = p_.constants[value->a];
    const TK kind = field->type.kind;
    if (kind == TK::Enum) {
      return tighten(std::move(envs), *key, [&](Atom& a) {
        if (op == ir::Op::Eq) {
          for (std::size_t i = 0; i < a.allowed.size(); ++i) a.allowed[i] = a.allowed[i] && i == c.index;
        } else if (op == ir::Op::Ne && c.index < a.allowed.size()) {
          a.allowed[c.index] = false;
        }
      });
    }
    if (kind == TK::Bool) {
      bool want = (op == ir::Op::Eq) == c.boolean;
      return tighten(std::move(envs), *key, [&](Atom& a) {
        if (op != ir::Op::Eq && op != ir::Op::Ne) return;
        if (a.boolean && *a.boolean != want) a.allowed = {false};
        a.boolean = want;
      });
    }
    if (!field->type.numeric() || !value->type.numeric()) return envs;
    const Decimal& v = c.number;
    return tighten(std::move(envs), *key, [&](Atom& a) {
      auto raise_lo = [&](bool strict) {
        if (!a.lo || v > *a.lo || (v == *a.lo && strict)) {
          a.lo = v;
          a.lo_strict = strict;
        }
      };
      auto lower_hi = [&](bool strict) {
        if (!a.hi || v < *a.hi || (v == *a.hi && strict)) {
          a.hi = v;
          a.hi_strict = strict;
        }
      };
      switch (op) {
        case ir::Op::Eq:
          raise_lo(false);
          lower_hi(false);
          break;
        case ir::Op::Lt: lower_hi(true); break;
        case ir::Op::Le: lower_hi(false); break;
        case ir::Op::Gt: raise_lo(true); break;
        case ir::Op::Ge: raise_lo(false); break;
        case ir::Op::Ne:
          if (!a.out(v)) a.excluded.push_back(v);
          break;
        default: break;
      }
    });
  }

  Envs in_list(const ir::Expr& e, bool member, Envs envs) {
    const ir::Expr& field = p_.exprs[e.lhs];
    auto key = key_of(field);
    if (!key || field.type.kind != TK::Enum) return envs;
    std::vector<bool> listed(p_.fields[key->first].enum_values.size(), false);
    for (ir::Id i = 0; i < e.b; ++i) {
      const auto idx = p_.constants[p_.exprs[p_.list_items[e.a + i]].a].index;
      if (idx < listed.size()) listed[idx] = true;
    }
    return tighten(std::move(envs), *key, [&](Atom& a) {
      for (std::size_t i = 0; i < a.allowed.size(); ++i) a.allowed[i] = a.allowed[i] && (listed[i] == member);
    });
  }

  const ir::Program& p_;
  std::size_t steps_ = 0;
  bool exhausted_ = false;
};

std::string excerpt(const CheckContext& cx, Span s) {
  std::string t = cx.sources.file(s.file).text().substr(s.begin, s.end - s.begin);
  for (auto& c : t)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (t.size() > 80) t = t.substr(0, 77) + "...";
  return t;
}

}  // namespace

void lint(CheckContext& cx) {
  const auto& prog = cx.program;
  Analyzer an(prog);
  const std::string budget_hint =
      "a segment that uses another several times makes the analysis repeat it; "
      "the rules are still checked and evaluated as usual";
  auto gave_up = [&](Span at, const std::string& what, const char* warning) {
    cx.error(Code::N503, at,
             "the contradiction analysis of " + what + " stopped after " + std::to_string(kBudget) +
                 " steps: " + warning + " is not checked for it",
             budget_hint);
  };
  for (ir::SegmentId id = 0; id < prog.segments.size(); ++id) {
    const auto& s = prog.segments[id];
    if (s.condition == ir::kNone) continue;
    an.start();
    const bool empty = an.constrain(s.condition, true, Envs{Env{}}).empty();
    if (an.exhausted()) {
      gave_up(cx.segment_decls[id].decl->name.span, "segment '" + s.id + "'", "W501 (empty segment)");
    } else if (empty) {
      cx.error(
          Code::W501, cx.segment_decls[id].decl->name.span,
          "segment '" + s.id + "' is empty: no profile satisfies '" + excerpt(cx, prog.exprs[s.condition].span) + "'",
          "check the bounds of its comparisons");
    }
  }
  for (ir::RuleId id = 0; id < prog.rules.size(); ++id) {
    const auto& r = prog.rules[id];
    Envs envs{Env{}};
    an.start();
    if (r.when != ir::kNone) envs = an.constrain(r.when, true, std::move(envs));
    if (r.where != ir::kNone) envs = an.constrain(r.where, true, std::move(envs));
    if (an.exhausted()) {
      gave_up(cx.rule_decls[id].decl->name.span, "rule '" + r.id + "'", "W500 (never fires)");
    } else if (envs.empty()) {
      // Show the clause that is contradictory by itself, or both when only together they are.
      auto alone = [&](ir::ExprId e) {
        an.start();
        return e != ir::kNone && an.constrain(e, true, Envs{Env{}}).empty();
      };
      auto quote = [&](ir::ExprId e) { return "'" + excerpt(cx, prog.exprs[e].span) + "'"; };
      const std::string why = alone(r.when)    ? quote(r.when) + " can never be true"
                              : alone(r.where) ? quote(r.where) + " can never be true"
                                               : quote(r.where) + " and " + quote(r.when) + " can never both be true";
      cx.error(Code::W500, cx.rule_decls[id].decl->name.span, "rule '" + r.id + "' never fires: " + why,
               "check the bounds of its comparisons and of the segments it uses");
    }
  }
  for (ir::SegmentId id = 0; id < prog.segments.size(); ++id)
    if (!cx.segment_used[id])
      cx.error(Code::W502, cx.segment_decls[id].decl->name.span, "segment '" + prog.segments[id].id + "' is never used",
               "use it in a rule's condition or remove it");
  for (const auto& p : prog.providers)
    if (p.solutions.empty())
      cx.error(Code::W502, p.span, "provider '" + p.id + "' offers no solution",
               "declare its solutions as 'solution " + p.id + ".NAME \"Label\"' or remove it");
  for (const auto& s : prog.solutions)
    if (s.covers.empty())
      cx.error(Code::W502, s.span, "solution '" + s.id + "' covers no element", "add 'covers ELEMENT' to it");
}

}  // namespace puzle::check
