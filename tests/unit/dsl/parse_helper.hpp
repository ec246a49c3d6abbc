// Test helper: parse one in-memory .pzl text and keep the sources, diagnostics and module together.
#pragma once

#include <string>

#include "puzle/frontend.hpp"

namespace puzle::test_support {

struct Parsed {
  SourceSet sources;
  Diagnostics diags;
  ast::Module module;

  std::string text() const { return render_text(diags, sources); }
  LineCol at(const Diagnostic& d) const { return sources.file(d.span.file).line_col(d.span.begin); }
};

inline Parsed parse_text(const std::string& text, const std::string& path = "test.pzl") {
  Parsed p;
  FileId f = p.sources.add(path, text);
  p.module = parse_module(p.sources, f, p.diags);
  return p;
}

}  // namespace puzle::test_support
