// apps layer: `puzle doc PATH...`: a browsable view of the rulebase (Markdown or HTML).
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "puzle/doc.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_doc(CLI::App& app) {
  auto* cmd = app.add_subcommand("doc", "Write a browsable view of the rulebase: metamodel, solutions, segments, rules");
  struct Options {
    std::vector<std::string> paths;
    std::string format = "markdown";
    std::string output;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("paths", o->paths, "Rule files or folders")->required();
  cmd->add_option("--format", o->format, "markdown (default) or html")->check(CLI::IsMember({"markdown", "html"}));
  cmd->add_option("-o,--output", o->output, "Write to this file instead of stdout");
  return [o] {
    auto load = Rulebase::load(o->paths);
    if (!load.rulebase) {
      print_diagnostics(load.diagnostics, *load.sources, "text");
      return 1;
    }
    const std::string page = render_rulebase_doc(*load.rulebase, o->format == "html" ? DocFormat::Html : DocFormat::Markdown);
    if (o->output.empty()) {
      std::cout << page;
      return 0;
    }
    std::ofstream out(o->output, std::ios::binary);
    out << page;
    out.close();
    if (!out) {
      std::cerr << "puzle: cannot write " << o->output << "\n";
      return 2;
    }
    return 0;
  };
}

}  // namespace puzle::cli
