// apps layer: `puzle parse PATH...`: print the syntax tree (a debugging aid for rule authors).
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/ast_dump.hpp"
#include "puzle/frontend.hpp"

namespace puzle::cli {

Runner add_parse(CLI::App& app) {
  auto* cmd = app.add_subcommand("parse", "Parse rule files and print their syntax tree (no checking)");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("paths", *paths, "Rule files or folders")->required();
  add_format_option(*cmd, *format, "Diagnostics format");
  return [paths, format] {
    SourceSet sources;
    Diagnostics diags;
    read_sources(*paths, sources, diags);
    if (!note_rule_files(sources)) return exit_code::kUsage;
    for (FileId f = 0; f < sources.size(); ++f) std::cout << dump_ast(parse_module(sources, f, diags));
    diags.sort();
    print_diagnostics(diags, sources, *format);
    return exit_code_for(diags);
  };
}

}  // namespace puzle::cli
