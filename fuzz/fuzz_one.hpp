// The body of the fuzz target, shared with the corpus replay test: any bytes through the whole
// front end (parse, check) and every rendering. It must never crash, hang or throw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "puzle/ast_dump.hpp"
#include "puzle/diagnostic.hpp"
#include "puzle/frontend.hpp"

namespace puzle::fuzz {

// Returns the size of everything rendered, so that the work cannot be optimised away.
inline std::size_t run_one(std::string_view bytes) {
  CheckedRulebase rb = load_rulebase_from_text({{"fuzz.pzl", std::string(bytes)}});
  // The front end's contract: a program exactly when there are no errors.
  if ((rb.program != nullptr) == rb.diagnostics.has_errors()) __builtin_trap();
  std::size_t n = render_text(rb.diagnostics, rb.sources).size();
  n += render_json(rb.diagnostics, rb.sources).size();
  for (const auto& m : rb.modules) n += dump_ast(m).size();
  return n;
}

}  // namespace puzle::fuzz
