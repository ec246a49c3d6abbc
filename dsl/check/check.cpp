// dsl layer (checker): the pass pipeline, and the front end's entry points.
// The order matters: names before types, the metamodel before anything that names elements,
// the roadmap before tests (they name phases), lint only on an error-free program, and the
// acknowledgements last, once every warning has been reported.
#include "check/context.hpp"
#include "check/passes.hpp"
#include "puzle/frontend.hpp"

namespace puzle {
namespace {

struct Pass {
  const char* name;
  void (*run)(check::CheckContext&);
  bool needs_clean;  // skipped when earlier passes reported errors
};

constexpr Pass kPasses[] = {
    {"declare", check::declare, false},
    {"schema", check::schema, false},
    {"metamodel", check::metamodel, false},
    {"solutions", check::solutions, false},
    {"conditions", check::conditions, false},
    {"values", check::values, false},
    {"roadmap", check::roadmap, false},
    {"tests", check::tests, false},
    {"acknowledgements", check::acknowledgements, false},
    {"lint", check::lint, true},
    {"acknowledge", check::acknowledge, false},
};

}  // namespace

std::shared_ptr<const ir::Program> check_modules(const SourceSet& sources, const std::vector<ast::Module>& modules,
                                                 Diagnostics& diags, std::shared_ptr<const ir::Program>* partial) {
  Diagnostics local;
  check::CheckContext cx(sources, modules, local);
  for (const auto& pass : kPasses) {
    if (pass.needs_clean && local.has_errors()) continue;
    pass.run(cx);
  }
  const bool ok = !local.has_errors();
  diags.append(local);
  diags.sort();
  auto program = std::make_shared<const ir::Program>(std::move(cx.program));
  if (partial) *partial = program;
  return ok ? program : nullptr;
}

namespace {
CheckedRulebase finish(CheckedRulebase rb) {
  for (FileId f = 0; f < rb.sources.size(); ++f) rb.modules.push_back(parse_module(rb.sources, f, rb.diagnostics));
  if (!rb.diagnostics.has_errors()) {
    rb.program = check_modules(rb.sources, rb.modules, rb.diagnostics, &rb.partial);
  } else {
    // Syntax errors stop the checking for the user (fix them first); tools still get what the
    // declarations that parsed resolve to, and these diagnostics are not shown.
    Diagnostics unshown;
    check_modules(rb.sources, rb.modules, unshown, &rb.partial);
  }
  rb.diagnostics.sort();
  return rb;
}
}  // namespace

CheckedRulebase load_rulebase(const std::vector<std::string>& paths) {
  CheckedRulebase rb;
  read_sources(paths, rb.sources, rb.diagnostics);
  return finish(std::move(rb));
}

CheckedRulebase load_rulebase_from_text(const std::vector<std::pair<std::string, std::string>>& files) {
  CheckedRulebase rb;
  for (const auto& [path, text] : files) rb.sources.add(path, text);
  return finish(std::move(rb));
}

}  // namespace puzle
