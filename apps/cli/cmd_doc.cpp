// apps layer: `puzle doc PATH...`: a browsable view of the rulebase (Markdown or HTML).
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/doc.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

Runner add_doc(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("doc", "Write a browsable view of the rulebase: metamodel, solutions, segments, rules");
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
    int code = 0;
    const auto rb = load_rules(o->paths, code);
    if (!rb) return code;
    if (const int refused = claim_outputs({{"-o", o->output}})) return refused;
    return write_output(o->output,
                        render_rulebase_doc(*rb, o->format == "html" ? DocFormat::Html : DocFormat::Markdown));
  };
}

}  // namespace puzle::cli
