// apps layer: `puzle fmt PATH...`: print, check or rewrite rule files in the canonical layout.
// One file: printed to stdout. --check lists unformatted files (exit 1); --write rewrites them.
// A file with syntax errors is never rewritten: its diagnostics are printed and the exit is 1;
// an unreadable path exits 2, as in every command.
#include <iostream>
#include <set>

#include "commands.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "io/output_file.hpp"
#include "loading.hpp"
#include "puzle/ast_dump.hpp"
#include "puzle/format.hpp"
#include "puzle/frontend.hpp"

namespace puzle::cli {
namespace {

struct FmtOptions {
  std::vector<std::string> paths;
  bool write = false;
  bool check = false;
  std::string format = "text";
};

std::multiset<std::string> comment_texts(const ast::Module& m) {
  std::multiset<std::string> texts;
  for (const auto& c : m.comments) texts.insert(c.text);
  return texts;
}

// A safety net before output reaches a file: the formatted text must parse to the same tree
// with the same comments, or the formatter has a bug and the file is left alone.
bool same_meaning(const ast::Module& before, const std::string& formatted) {
  SourceSet again;
  again.add("formatted", formatted);
  Diagnostics d;
  const ast::Module after = parse_module(again, 0, d);
  if (d.has_errors() || dump_ast(after) != dump_ast(before)) return false;
  return comment_texts(after) == comment_texts(before);  // moved members take their comments along
}

// The one command that writes over its inputs, so it does it atomically: on any failure the rule
// file is left exactly as it was.
bool rewrite_file(const std::string& path, const std::string& text, std::string& error) {
  io::OutputFile file;
  if (file.open(path)) {
    file.stream() << text;
    if (!interrupt_signal() && file.commit()) return true;
  }
  error = interrupt_signal() ? "cannot write '" + path + "': interrupted" : file.error();
  return false;
}

int run_fmt(const FmtOptions& o) {
  SourceSet sources;
  Diagnostics diags;
  read_sources(o.paths, sources, diags);
  if (!o.write && !o.check && sources.size() > 1) {
    std::cerr << "puzle fmt: " << sources.size() << " files: use --write or --check to format several files\n";
    return exit_code::kUsage;
  }
  if (!note_rule_files(sources)) return exit_code::kUsage;
  std::set<FileId> unreadable;
  for (const auto& d : diags.items()) unreadable.insert(d.span.file);

  int status = 0;
  bool io_failed = false;
  for (FileId f = 0; f < sources.size(); ++f) {
    if (unreadable.count(f)) {
      status = 1;
      continue;
    }
    const SourceFile& file = sources.file(f);
    Diagnostics parse_diags;
    const ast::Module module = parse_module(sources, f, parse_diags);
    diags.append(parse_diags);
    if (parse_diags.has_errors()) {
      status = 1;
      continue;
    }
    const std::string formatted = format_module(module, file);
    if (!same_meaning(module, formatted)) {
      std::cerr << "puzle fmt: internal error: formatting " << file.path()
                << " would change its meaning; the file is left as it is\n";
      return exit_code::kInternal;
    }
    if (!o.write && !o.check) {
      std::cout << formatted;
    } else if (formatted != file.text()) {
      if (o.check) {
        std::cout << file.path() << "\n";
        status = 1;
      } else if (std::string error; rewrite_file(file.path(), formatted, error)) {
        std::cerr << "reformatted " << file.path() << "\n";
      } else {
        std::cerr << "puzle fmt: " << error << "\n";
        io_failed = true;
      }
    }
  }
  diags.sort();
  if (!diags.empty()) print_diagnostics(diags, sources, o.format);
  // A path that cannot be read is a usage error, not an error in the rules (as in `check`).
  if (exit_code_for(diags) == exit_code::kUsage) return exit_code::kUsage;
  if (io_failed) return exit_code::kIo;
  return status;
}

}  // namespace

Runner add_fmt(CLI::App& app) {
  auto* cmd = app.add_subcommand("fmt", "Format rule files in the canonical layout (stdout, --check or --write)");
  auto o = std::make_shared<FmtOptions>();
  cmd->add_option("paths", o->paths, "Rule files or folders (several need --write or --check)")->required();
  auto* write = cmd->add_flag("--write,-w", o->write, "Rewrite the files that are not formatted");
  auto* check = cmd->add_flag("--check", o->check, "List the files that are not formatted; exit 1 if any");
  write->excludes(check);
  add_format_option(*cmd, o->format, "Diagnostics format");
  return [o] { return run_fmt(*o); };
}

}  // namespace puzle::cli
