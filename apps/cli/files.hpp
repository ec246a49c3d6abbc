// apps layer: every file a command reads or writes goes through here, so that no command can
// write over its own input, leave a half-written file under the final name, or report success
// after a failed write. One process runs one command, so the record of its files is global.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "io/output_file.hpp"
#include "puzle/source.hpp"

namespace puzle::cli {

// The exit codes of every command (docs/cli.md).
namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kInput = 1;     // errors in the input, failed tests, unformatted files
inline constexpr int kUsage = 2;     // bad option or command, unreadable path, refused output
inline constexpr int kIo = 3;        // an output could not be written (or an input read) to the end
inline constexpr int kInternal = 4;  // a bug in puzle
}  // namespace exit_code

// Records a file the command reads: `what` names it in messages ("the input", "a rule file").
// False, after saying why, when standard output is that very file (the shell emptied it
// before puzle started: the command must stop, exit 2).
bool note_input(const std::string& path, const std::string& what);
// Records every file of a rulebase; false as above.
bool note_rule_files(const SourceSet& sources);

// Claims the command's output files, given as {option, path} (an empty path is standard output,
// already checked by note_input): each is refused when it is an input or another output. Call
// it after the inputs are noted and before anything is written: 0, or 2 after saying why.
int claim_outputs(std::initializer_list<std::pair<std::string_view, std::string>> outputs);

// Opens a claimed output file for writing (atomically, see io::OutputFile): null after saying
// why on stderr.
std::unique_ptr<io::OutputFile> open_output(const std::string& path);
// Commits it unless the run was interrupted: 0, 3 after saying why, or the interrupted code.
int commit_output(io::OutputFile& file);

// Writes `text` to the claimed file at `path`, or to standard output when `path` is empty:
// 0, or an exit code after saying why on stderr.
int write_output(const std::string& path, const std::string& text);

// Routes std::cout through a checked buffer on descriptor 1 (called once, first thing in main).
void capture_stdout();
// Flushes standard output: 0, or 3 after saying why (a full disk, a closed pipe).
int finish_stdout();

}  // namespace puzle::cli
