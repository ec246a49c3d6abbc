// engine layer (evaluation): evaluates IR expressions against one profile. No name is looked
// up: fields, segments and elements are indexes. A boolean evaluation also reports which
// sub-condition decided a false result, for why-not explanations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "puzle/decimal.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/ir.hpp"
#include "puzle/profile.hpp"

namespace puzle::eval {

// Thrown on arithmetic overflow or division by zero; caught per rule by the evaluator.
struct ArithmeticError {
  ir::ExprId expr;
  EvalFault fault;
  std::string what;  // fault_text(fault)
};

class ExprEval {
 public:
  ExprEval(const ir::Program& p, const Profile& profile, std::vector<std::int8_t>& segments)
      : p_(p), values_(profile.values), segments_(segments) {}

  void bind(ir::ElementId e) { var_ = e; }

  // The value of a boolean expression; when false, `decided_by` is the condition that made it so.
  bool truth(ir::ExprId id, ir::ExprId& decided_by);
  bool truth(ir::ExprId id) {
    ir::ExprId ignored;
    return truth(id, ignored);
  }
  Decimal number(ir::ExprId id);
  // The elements of a set expression, sorted.
  std::vector<ir::ElementId> elements(ir::ExprId id);
  bool member(ir::ElementId e, ir::ExprId set);
  bool segment(ir::SegmentId s);

  // A non-numeric value for == and display: an index (enum, element, area, node), a bool or a
  // text. Numbers go through number()/compare(), so nothing here copies a Decimal.
  struct Scalar {
    ir::TypeKind kind = ir::TypeKind::Error;
    ir::Id index = ir::kNone;
    bool boolean = false;
    const std::string* text = nullptr;
  };
  Scalar scalar(ir::ExprId id);

 private:
  bool equal(ir::ExprId a, ir::ExprId b);
  // The stored number of a constant or field read, without copying; null when it must be computed.
  const Decimal* stored(ir::ExprId id) const;
  int compare(ir::ExprId a, ir::ExprId b);  // <0, 0, >0

  const ir::Program& p_;
  const std::vector<ir::Value>& values_;
  std::vector<std::int8_t>& segments_;
  ir::ElementId var_ = ir::kNone;
};

}  // namespace puzle::eval
