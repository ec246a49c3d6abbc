// engine layer (rulebase index): compiles IR conditions into CondCode (see rulebase.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "puzle/ir.hpp"
#include "rulebase/plan.hpp"

namespace puzle {

class CondCompiler {
 public:
  CondCompiler(const ir::Program& p, CondCode& out) : p_(p), out_(out) {}

  // The first node of `cond` compiled into the code; kNone for kNone (no condition: true).
  std::uint32_t compile(ir::ExprId cond);
  const CondCode& code() const { return out_; }

 private:
  void emit(ir::ExprId id);
  void operands(ir::Op chain, ir::ExprId id);  // the operands of a chain of `and`s or of `or`s
  // True when the value depends on the profile alone: no `for` variable, and no arithmetic
  // (which may fail, and a failure is reported per rule). A segment is one too: its own
  // condition may fail, but then its slot stays unfilled and each use fails as it would.
  bool per_profile(ir::ExprId id) const;
  // Bytes equal for two expressions exactly when they compute the same thing.
  void key(ir::ExprId id, std::string& out) const;
  std::uint32_t slot(ir::ExprId id);
  MemoTest shape(ir::ExprId id) const;  // how slot `id` is filled

  const ir::Program& p_;
  CondCode& out_;
  std::unordered_map<std::string, std::uint32_t> slots_;
};

}  // namespace puzle
