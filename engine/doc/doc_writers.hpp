// engine layer (documentation): the two layouts of the documentation model.
#pragma once

#include <string>

#include "doc/doc_model.hpp"

namespace puzle::doc {

// "1 element", "3 elements".
inline std::string counted(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The summary line: "6 areas · 30 domains · ...".
inline std::string summary(const Model& m) {
  std::size_t solutions = 0;
  for (const auto& p : m.providers) solutions += p.solutions.size();
  return counted(m.areas.size(), "area") + " · " + counted(m.domains, "domain") + " · " + counted(m.blocks, "block") +
         " · " + counted(m.elements, "element") + " · " + counted(m.providers.size(), "provider") + " · " +
         counted(solutions, "solution") + " · " + counted(m.segments.size(), "segment") + " · " +
         counted(m.rules.size(), "rule") + " · " + counted(m.tests, "test");
}

std::string write_markdown(const Model& model);
std::string write_html(const Model& model);  // one self-contained page, no external assets

}  // namespace puzle::doc
