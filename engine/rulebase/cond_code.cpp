// engine layer (rulebase index): IR conditions compiled into CondCode. Rules of a rulebase test
// the same few facts over and over (thousands of rules, a few hundred distinct tests), so a
// leaf that reads only the profile is keyed by its structure and shares one memo slot.
#include "rulebase/cond_code.hpp"

#include <cstring>

namespace puzle {

std::uint32_t CondCompiler::compile(ir::ExprId cond) {
  if (cond == ir::kNone) return ir::kNone;
  const auto first = static_cast<std::uint32_t>(out_.nodes.size());
  emit(cond);
  return first;
}

void CondCompiler::emit(ir::ExprId id) {
  const ir::Expr& x = p_.exprs[id];
  auto& nodes = out_.nodes;
  const std::size_t at = nodes.size();
  switch (x.op) {
    case ir::Op::And:
    case ir::Op::Or:
      nodes.push_back({x.op == ir::Op::And ? CondNode::Op::All : CondNode::Op::Any, id, 0, 0});
      operands(x.op, id);
      break;
    case ir::Op::Not:  // decided by itself either way: memoized whole when it can be
      if (per_profile(id)) {
        nodes.push_back({CondNode::Op::Memo, id, slot(id), 0});
        break;
      }
      nodes.push_back({CondNode::Op::Not, id, 0, 0});
      emit(x.lhs);
      break;
    case ir::Op::InSet:
    case ir::Op::NotInSet:
      if (p_.exprs[x.lhs].op == ir::Op::Var && p_.exprs[x.rhs].op == ir::Op::Field) {
        nodes.push_back(
            {x.op == ir::Op::InSet ? CondNode::Op::VarIn : CondNode::Op::VarNotIn, id, p_.exprs[x.rhs].a, 0});
        break;
      }
      [[fallthrough]];
    default:
      if (per_profile(id))
        nodes.push_back({CondNode::Op::Memo, id, slot(id), 0});
      else
        nodes.push_back({CondNode::Op::Test, id, 0, 0});
  }
  nodes[at].next = static_cast<std::uint32_t>(nodes.size());
}

// `(a and b) and c` is one chain a, b, c: the same value, and the same first false operand.
// For `or` the operands' own deciding conditions are not used, so nesting is lost harmlessly.
void CondCompiler::operands(ir::Op chain, ir::ExprId id) {
  const ir::Expr& x = p_.exprs[id];
  if (x.op != chain) {
    emit(id);
    return;
  }
  operands(chain, x.lhs);
  operands(chain, x.rhs);
}

bool CondCompiler::per_profile(ir::ExprId id) const {
  if (id == ir::kNone) return true;
  const ir::Expr& x = p_.exprs[id];
  const ir::OpInfo& op = ir::op_info(x.op);
  if (op.reads == ir::Reads::Var || op.may_fail) return false;
  if (op.list)
    for (ir::Id i = 0; i < x.b; ++i)
      if (!per_profile(p_.list_items[x.a + i])) return false;
  return per_profile(x.lhs) && per_profile(x.rhs);
}

namespace {

// Appends the bytes of a number: keys are compared whole, never read back.
template <typename T>
void put(std::string& out, T v) {
  char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);
  out.append(bytes, sizeof v);
}

void put_text(std::string& out, const std::string& text) {
  put(out, text.size());
  out += text;
}

}  // namespace

// A node is its operator, type and operands, each of fixed size or prefixed by its length,
// then its two children; so two keys are equal only for equal expressions.
void CondCompiler::key(ir::ExprId id, std::string& out) const {
  if (id == ir::kNone) {
    out += '_';
    return;
  }
  const ir::Expr& x = p_.exprs[id];
  out += 'N';
  put(out, x.op);
  put(out, x.type.kind);
  put(out, x.type.field);
  if (x.op == ir::Op::Const) {  // by value: equal constants are distinct entries of the program
    const ir::Value& v = p_.constants[x.a];
    put(out, v.kind);
    put(out, v.boolean);
    put_text(out, v.number.to_string());
    put(out, v.index);
    put_text(out, v.text);
    put(out, v.elements.size());
    for (auto e : v.elements) put(out, e);
    put(out, v.levels.size());
    for (const auto& l : v.levels) put_text(out, l.to_string());
  } else if (ir::op_info(x.op).list) {
    put(out, x.b);
    for (ir::Id i = 0; i < x.b; ++i) key(p_.list_items[x.a + i], out);
  } else {
    put(out, x.a);
    put(out, x.b);
  }
  key(x.lhs, out);
  key(x.rhs, out);
}

std::uint32_t CondCompiler::slot(ir::ExprId id) {
  std::string k;
  key(id, k);
  const auto [it, added] = slots_.try_emplace(std::move(k), static_cast<std::uint32_t>(out_.memo_exprs.size()));
  if (added) {
    out_.memo_exprs.push_back(id);
    out_.memo_tests.push_back(shape(id));
  }
  return it->second;
}

MemoTest CondCompiler::shape(ir::ExprId id) const {
  const ir::Expr& x = p_.exprs[id];
  MemoTest t;
  if (x.op == ir::Op::Not) {  // `not in_place(x)`, `not population < 500`: the opposite test
    t = shape(x.lhs);
    switch (t.kind) {
      case MemoTest::Kind::Expr: return MemoTest{};
      case MemoTest::Kind::Member: t.kind = MemoTest::Kind::NotMember; return t;
      case MemoTest::Kind::NotMember: t.kind = MemoTest::Kind::Member; return t;
      case MemoTest::Kind::Compare: {  // numbers are totally ordered
        const ir::Op opposite[] = {ir::Op::Ge, ir::Op::Gt, ir::Op::Le, ir::Op::Lt, ir::Op::Ne, ir::Op::Eq};
        const ir::Op ops[] = {ir::Op::Lt, ir::Op::Le, ir::Op::Gt, ir::Op::Ge, ir::Op::Eq, ir::Op::Ne};
        for (int i = 0; i < 6; ++i)
          if (t.op == ops[i]) {
            t.op = opposite[i];
            return t;
          }
        return MemoTest{};
      }
    }
  }
  auto op = [&](ir::ExprId e) { return p_.exprs[e].op; };
  if ((x.op == ir::Op::InSet || x.op == ir::Op::NotInSet) && op(x.lhs) == ir::Op::Const && op(x.rhs) == ir::Op::Field) {
    t.kind = x.op == ir::Op::InSet ? MemoTest::Kind::Member : MemoTest::Kind::NotMember;
    t.element = p_.constants[p_.exprs[x.lhs].a].index;
    t.field = p_.exprs[x.rhs].a;
    return t;
  }
  const bool comparison = x.op == ir::Op::Lt || x.op == ir::Op::Le || x.op == ir::Op::Gt || x.op == ir::Op::Ge ||
                          x.op == ir::Op::Eq || x.op == ir::Op::Ne;
  if (!comparison || !p_.exprs[x.lhs].type.numeric() || op(x.rhs) != ir::Op::Const) return t;
  const ir::Expr& l = p_.exprs[x.lhs];
  if (l.op == ir::Op::FieldAt && op(l.lhs) == ir::Op::Const) {
    t.area = p_.constants[p_.exprs[l.lhs].a].index;
  } else if (l.op != ir::Op::Field) {
    return t;
  }
  t.kind = MemoTest::Kind::Compare;
  t.op = x.op;
  t.field = l.a;
  t.constant = p_.exprs[x.rhs].a;
  return t;
}

}  // namespace puzle
