// dsl layer (checker): resolves and type-checks one AST expression into IR expressions.
// Names resolve in this order: the rule's `for` variable, enum values (where an enum is
// expected), profile fields, segments, the builtin set `elements`, areas (where an area is
// expected), then metamodel nodes. Errors poison the result (TypeKind::Error) so that one
// mistake is reported once.
#pragma once

#include "check/context.hpp"

namespace puzle::check {

struct Scope {
  const ast::Module* module = nullptr;
  std::string var;  // the rule's `for` variable, if any
  bool* var_used = nullptr;
  bool in_template = false;           // unknown names are E402 inside `because`
  ir::SegmentId segment = ir::kNone;  // the segment being checked, for cycle detection
};

// The type expected where a bare name stands, so `lleida` can resolve as an enum value.
struct Hint {
  ir::TypeKind kind = ir::TypeKind::Error;
  ir::FieldId field = ir::kNone;
};

class ExprChecker {
 public:
  ExprChecker(CheckContext& cx, Scope scope) : cx_(cx), scope_(std::move(scope)) {}
  ir::ExprId check(ast::ExprId id, Hint hint = {});
  // A condition: reports E301 unless the expression is boolean.
  ir::ExprId condition(ast::ExprId id, std::string_view where);

  const ir::Expr& get(ir::ExprId id) const { return cx_.program.exprs[id]; }
  std::string source(Span s) const;
  std::string describe(const ir::Type& t) const;

 private:
  ir::ExprId emit(const ir::Expr& e);
  ir::ExprId make(ir::Op op, ir::Type type, Span s, ir::ExprId lhs = ir::kNone, ir::ExprId rhs = ir::kNone,
                  ir::Id a = ir::kNone, ir::Id b = 0);
  ir::ExprId poison(Span s);
  ir::ExprId constant(ir::Value v, ir::Type t, Span s);
  ir::ExprId name(const ast::Path& path, Span s, Hint hint);
  ir::ExprId node_constant(ir::NodeId n, Span s);
  ir::ExprId binary(const ast::Binary& b, Span s);
  ir::ExprId compare(const ast::Binary& b, Span s);
  ir::ExprId membership(const ast::Binary& b, Span s);
  ir::ExprId arithmetic(const ast::Binary& b, Span s);
  ir::ExprId call(const ast::Call& c, Span s);
  // min(A, B), max(A, B), if(C, A, B): numbers chosen, typed as A + B would be.
  ir::ExprId numeric_choice(const ast::Call& c, Span s, const std::string& fn);
  ir::ExprId index(const ast::Index& i, Span s);
  ir::ExprId element_list(const ast::List& l, Span s);
  bool is_bare_value(ast::ExprId id) const;
  void check_level_bound(const ir::Expr& level, const ir::Expr& other);
  Code unknown_code() const { return scope_.in_template ? Code::E402 : Code::E200; }

  CheckContext& cx_;
  Scope scope_;
};

}  // namespace puzle::check
