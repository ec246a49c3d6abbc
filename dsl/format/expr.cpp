// dsl layer: the formatter's printing of expressions (minimal parentheses) and string literals.
#include <variant>

#include "overloaded.hpp"

#include "format/doc.hpp"

namespace puzle::format_impl {
namespace {

// Binding strength, loosest first, mirroring the grammar's layers.
enum Prec : int { kOr = 1, kAnd, kNot, kCmp, kSum, kProd, kNeg, kPostfix };

int prec_of(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Or: return kOr;
    case ast::BinaryOp::And: return kAnd;
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Sub: return kSum;
    case ast::BinaryOp::Mul:
    case ast::BinaryOp::Div: return kProd;
    default: return kCmp;
  }
}

void append_escaped(std::string& out, char c, bool braces) {
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '{':
    case '}':
      if (braces) out += '\\';
      out += c;
      break;
    default: out += c; break;
  }
}

struct Printer {
  const ast::Module& m;

  const ast::Expr* get(ast::ExprId id) const { return id < m.exprs.size() ? &m.exprs[id] : nullptr; }

  int prec(ast::ExprId id) const {
    const ast::Expr* e = get(id);
    if (!e) return kPostfix;
    if (auto* b = std::get_if<ast::Binary>(&e->kind)) return prec_of(b->op);
    if (auto* u = std::get_if<ast::Unary>(&e->kind)) return u->op == ast::UnaryOp::Not ? kNot : kNeg;
    if (auto* n = std::get_if<ast::NumberLit>(&e->kind)) return n->text.starts_with('-') ? kNeg : kPostfix;
    return kPostfix;
  }

  // The expression, parenthesized when it binds more loosely than its position requires.
  std::string at(ast::ExprId id, int min_prec) const {
    std::string s = print(id);
    return prec(id) < min_prec ? "(" + s + ")" : s;
  }

  std::string list(const std::vector<ast::ExprId>& items) const {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + at(items[i], 0);
    return s;
  }

  // Left-assoc chains (a + b + c, a[1][2]) are walked in a loop: they can be very long.
  std::string binary(const ast::Binary& top) const {
    const int p = prec_of(top.op);
    if (p == kCmp) return at(top.lhs, kSum) + " " + ast::op_text(top.op) + " " + at(top.rhs, kSum);
    std::vector<const ast::Binary*> chain{&top};
    for (;;) {
      const ast::Expr* l = get(chain.back()->lhs);
      auto* b = l ? std::get_if<ast::Binary>(&l->kind) : nullptr;
      if (!b || prec_of(b->op) != p) break;
      chain.push_back(b);
    }
    // An `and` inside an `or` keeps parentheses, though it binds tighter: `(a and b) or c`
    // reads at a glance, `a and b or c` makes the reader recall the precedence.
    const int lhs_min = p == kOr ? kNot : p, rhs_min = p == kOr ? kNot : p + 1;
    std::string s = at(chain.back()->lhs, lhs_min);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
      s += std::string(" ") + ast::op_text((*it)->op) + " " + at((*it)->rhs, rhs_min);
    return s;
  }

  std::string index(const ast::Index& top) const {
    std::vector<ast::ExprId> indices{top.index};
    ast::ExprId base = top.base;
    for (const ast::Expr* e = get(base); e; e = get(base)) {
      auto* i = std::get_if<ast::Index>(&e->kind);
      if (!i) break;
      indices.push_back(i->index);
      base = i->base;
    }
    std::string s = at(base, kPostfix);
    for (auto it = indices.rbegin(); it != indices.rend(); ++it) s += "[" + at(*it, 0) + "]";
    return s;
  }

  std::string print(ast::ExprId id) const {
    const ast::Expr* e = get(id);
    if (!e) return "?";
    return std::visit(overloaded{
                          [](const ast::NumberLit& n) { return n.text; },
                          [](const ast::StringLit& s) { return quote(s.value); },
                          [](const ast::BoolLit& b) { return std::string(b.value ? "true" : "false"); },
                          [](const ast::Name& n) { return n.path.joined(); },
                          [&](const ast::Unary& u) {
                            if (u.op == ast::UnaryOp::Not) return "not " + at(u.operand, kNot);
                            // `-5` would lex as a literal: `-(5)`; and `--x` reads badly: `- -x`.
                            std::string operand = at(u.operand, kNeg);
                            if (!operand.empty() && operand[0] >= '0' && operand[0] <= '9') return "-(" + operand + ")";
                            return (operand.starts_with('-') ? "- " : "-") + operand;
                          },
                          [&](const ast::Binary& b) { return binary(b); },
                          [&](const ast::Call& c) { return c.callee.joined() + "(" + list(c.args) + ")"; },
                          [&](const ast::Index& i) { return index(i); },
                          [&](const ast::List& l) { return "[" + list(l.items) + "]"; },
                          [&](const ast::Object& o) {
                            if (o.entries.empty()) return std::string("{}");
                            std::string s = "{ ";
                            for (std::size_t i = 0; i < o.entries.size(); ++i)
                              s += (i ? ", " : "") + o.entries[i].first.text + ": " + at(o.entries[i].second, 0);
                            return s + " }";
                          },
                      },
                      e->kind);
  }
};

}  // namespace

std::string quote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) append_escaped(out, c, false);
  return out + "\"";
}

std::string print_template(const ast::Module& m, const ast::Template& t) {
  std::string out = "\"";
  for (const auto& part : t.parts) {
    if (part.expr) {
      out += "{" + Printer{m}.at(*part.expr, 0) + "}";
    } else {
      for (char c : part.text) append_escaped(out, c, true);
    }
  }
  return out + "\"";
}

std::string print_expr(const ast::Module& m, ast::ExprId id) { return Printer{m}.at(id, 0); }

}  // namespace puzle::format_impl
