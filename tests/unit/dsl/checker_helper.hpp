// Checker tests' shared fixtures: a profile with a field of every kind, a small metamodel, and
// short renderings of what the checker said.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "puzle/diagnostic.hpp"
#include "puzle/frontend.hpp"
#include "puzle/ir.hpp"

namespace puzle::checker_tests {

using Files = std::vector<std::pair<std::string, std::string>>;

// A profile with a field of every kind.
inline const char* const kProfile = R"(profile {
  population: int
  province: enum { barcelona, girona, lleida, tarragona }
  maturity: level[area] 0..5 = 0
  tier: level 1..3 = 1
  budget: money = 0
  ratio: decimal = 0
  agenda: bool = false
  in_place: set<element> = []
  needs: set<element> = []
}
)";

// Two elements share the id `registre`, in different areas.
inline const char* const kCheckerMetamodel = R"(area ajuntament "Ajuntament" {
  domain admin "Administració electrònica" {
    block relacio "Relació" {
      element seu "Seu electrònica"
      element notificacions "Notificacions"
    }
    block entrada "Entrada" {
      element registre "Registre d'entrada"
    }
  }
}
area viure "Viure" {
  domain energia "Energia" {
    block enllumenat "Enllumenat" {
      element registre "Registre de l'enllumenat"
    }
  }
}
)";

inline CheckedRulebase check(const Files& files) { return load_rulebase_from_text(files); }

// Every diagnostic rendered as `puzle check` prints it.
inline std::string full(const CheckedRulebase& rb) { return render_text(rb.diagnostics, rb.sources); }

// One line per diagnostic: "file:line:col: CODE message".
inline std::string brief(const CheckedRulebase& rb) {
  std::string out;
  for (const auto& d : rb.diagnostics.items()) {
    const auto& f = rb.sources.file(d.span.file);
    const auto lc = f.line_col(d.span.begin);
    out += f.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " +
           std::string(code_info(d.code).id) + " " + d.message + "\n";
  }
  return out;
}

// The element whose full path is `path`.
inline ir::ElementId element(const ir::Program& p, const std::string& path) {
  for (ir::ElementId e = 0; e < p.elements.size(); ++e)
    if (p.element_node(e).path == path) return e;
  ADD_FAILURE() << "no element " << path;
  return ir::kNone;
}

inline const ir::Rule& rule(const ir::Program& p, const std::string& id) {
  for (const auto& r : p.rules)
    if (r.id == id) return r;
  throw std::runtime_error("no rule " + id);
}

}  // namespace puzle::checker_tests
