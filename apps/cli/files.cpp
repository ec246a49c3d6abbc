// apps layer: the command's inputs and outputs, and standard output, checked.
#include "files.hpp"

#include <iostream>
#include <set>

#include <unistd.h>

#include "interrupt.hpp"
#include "io/fd_writer.hpp"
#include "io/file_identity.hpp"

namespace puzle::cli {
namespace {

io::PathGuard& guard() {
  static io::PathGuard g;
  return g;
}

std::set<std::string>& claimed() {
  static std::set<std::string> paths;
  return paths;
}

// Never destroyed: std::cout is flushed again by the library after static destructors have
// run, so the buffer it points to must outlive them.
io::FdWriter& stdout_writer() {
  static io::FdWriter* const w = new io::FdWriter(STDOUT_FILENO);
  return *w;
}

}  // namespace

bool note_input(const std::string& path, const std::string& what) {
  guard().add_input(path, what);
  if (const std::string why = guard().check_stdout(); !why.empty()) {
    std::cerr << "puzle: " << why << "\n";
    return false;
  }
  return true;
}

bool note_rule_files(const SourceSet& sources) {
  for (std::size_t f = 0; f < sources.size(); ++f)
    if (!note_input(sources.file(static_cast<FileId>(f)).path(), "a rule file")) return false;
  return true;
}

int claim_outputs(std::initializer_list<std::pair<std::string_view, std::string>> outputs) {
  for (const auto& [option, path] : outputs) {
    if (path.empty()) continue;  // standard output: checked as each input was noted
    if (const std::string why = guard().claim_output(path, std::string(option)); !why.empty()) {
      std::cerr << "puzle: " << why << "\n";
      return exit_code::kUsage;
    }
    claimed().insert(path);
  }
  return exit_code::kOk;
}

std::unique_ptr<io::OutputFile> open_output(const std::string& path) {
  if (!claimed().count(path)) {  // a command that forgot to claim: a bug, not a silent overwrite
    std::cerr << "puzle: internal error: the output '" << path << "' was not checked against the inputs\n";
    return nullptr;
  }
  auto file = std::make_unique<io::OutputFile>();
  if (!file->open(path)) {
    std::cerr << "puzle: " << file->error() << "\n";
    return nullptr;
  }
  return file;
}

int commit_output(io::OutputFile& file) {
  if (interrupt_signal()) {
    file.discard();
    return interrupted_exit_code();
  }
  if (file.commit()) return exit_code::kOk;
  std::cerr << "puzle: " << file.error() << "\n";
  return exit_code::kIo;
}

int write_output(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::cout << text;
    return exit_code::kOk;
  }
  const auto file = open_output(path);
  if (!file) return claimed().count(path) ? exit_code::kIo : exit_code::kInternal;
  file->stream() << text;
  return commit_output(*file);
}

void capture_stdout() {
  stdout_writer().set_line_buffered(::isatty(STDOUT_FILENO) == 1);
  std::cout.rdbuf(&stdout_writer());
}

int finish_stdout() {
  std::cout.flush();
  if (stdout_writer().flush()) return exit_code::kOk;
  std::cerr << "puzle: cannot write to standard output: " << io::error_text(stdout_writer().error()) << "\n";
  return exit_code::kIo;
}

}  // namespace puzle::cli
