// apps layer: `puzle check PATH...`: parse and check a rulebase; print its diagnostics.
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/frontend.hpp"
#include "puzle/ir_dump.hpp"

namespace puzle::cli {

Runner add_check(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("check", "Check a rulebase (folders of .pzl files, or files) and report its diagnostics");
  struct Options {
    std::vector<std::string> paths;
    std::string format = "text";
    bool werror = false;
    bool list_codes = false;
    bool dump_ir = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("paths", o->paths, "Rule files or folders");
  add_format_option(*cmd, o->format, "Output format: text (for people) or json (for tools)");
  cmd->add_flag("--werror", o->werror, "Treat warnings as errors (exit 1 when there is any that is not acknowledged)");
  cmd->add_flag("--dump-ir", o->dump_ir, "Print the checked, resolved form (a debugging aid; no locations)");
  cmd->add_flag("--list-codes", o->list_codes, "List every diagnostic code with its summary and exit");
  return [o, cmd]() -> int {
    if (o->list_codes) {
      for (const auto& c : all_codes())
        std::cout << c.id << "  "
                  << (c.severity == Severity::Error     ? "error  "
                      : c.severity == Severity::Warning ? "warning"
                                                        : "note   ")
                  << "  " << c.summary << "\n";
      return 0;
    }
    if (o->paths.empty()) {
      std::cerr << "puzle check: give at least one rule file or folder\n" << cmd->help();
      return exit_code::kUsage;
    }
    auto rb = load_rulebase(o->paths);
    if (!note_rule_files(rb.sources)) return exit_code::kUsage;
    print_diagnostics(rb.diagnostics, rb.sources, o->format);
    if (o->dump_ir && rb.program) std::cout << dump_program(*rb.program);
    if (o->format == "text" && rb.program) {
      const auto& p = *rb.program;
      std::cerr << "checked " << rb.sources.size() << " file(s): " << p.elements.size() << " elements, "
                << p.rules.size() << " rules, " << p.segments.size() << " segments, " << p.solutions.size()
                << " solutions, " << p.tests.size() << " tests\n";
    }
    // A path that cannot be read is a usage error, not an error in the rules.
    if (const int code = exit_code_for(rb.diagnostics)) return code;
    if (o->werror && rb.diagnostics.warning_count() > 0) return exit_code::kInput;
    return exit_code::kOk;
  };
}

}  // namespace puzle::cli
