// dsl layer (checker): converting a constant AST expression into a profile value.
#pragma once

#include <optional>

#include "check/context.hpp"

namespace puzle::check {

// The value of `id` for field `fid`, or nullopt after reporting why it does not fit.
// `fallback` fills the areas that a per-area level object leaves out (the field's default).
std::optional<ir::Value> field_value(CheckContext& cx, const ast::Module& m, ast::ExprId id, ir::FieldId fid,
                                     const std::optional<ir::Value>& fallback);

}  // namespace puzle::check
