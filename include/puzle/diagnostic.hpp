// Public API: diagnostics, the one channel through which user mistakes are reported.
// Nothing here throws on user input; rendering counts code points for the caret.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "puzle/source.hpp"

namespace puzle {

// A note informs (e.g. an analysis stopped at its budget): it fails nothing, not even --werror.
enum class Severity { Error, Warning, Note };

enum class Code {
#define X(code, severity, name, summary) code,
#include "puzle/diagnostic_codes.def"
#undef X
};

struct CodeInfo {
  Code code;
  std::string_view id;  // "E100"
  Severity severity;
  std::string_view name;
  std::string_view summary;
};

const CodeInfo& code_info(Code code);
const std::vector<CodeInfo>& all_codes();

// An extra location that helps understand the primary one (e.g. the first declaration).
struct Note {
  Span span;
  bool has_span = false;
  std::string message;
};

struct Diagnostic {
  Code code;
  Severity severity;
  Span span;
  std::string message;
  std::string hint;  // may be empty
  std::vector<Note> notes;
  // A warning the rulebase acknowledges (`acknowledge W500 "reason"` on its declaration): still
  // reported, with the reason, but it fails nothing, not even --werror.
  std::optional<std::string> acknowledged;
};

// Collects diagnostics; sorted by file, offset, code and message for stable output.
class Diagnostics {
 public:
  Diagnostic& add(Code code, Span span, std::string message, std::string hint = {});
  void append(const Diagnostics& other);
  void sort();
  // Marks the warning at `index` of items() as acknowledged, for `reason`; false (and nothing
  // changed) when it is not a warning.
  bool acknowledge(std::size_t index, std::string reason);
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  // The warnings that are not acknowledged: those that --werror fails on.
  std::size_t warning_count() const { return warnings_; }
  std::size_t acknowledged_count() const { return acknowledged_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  void count(const Diagnostic& d);
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0, warnings_ = 0, acknowledged_ = 0;
};

// "file:line:col: error[E200]: message", the source line, a caret line, "acknowledged: reason"
// for an acknowledged warning, hint and notes.
std::string render_text(const Diagnostic& d, const SourceSet& sources);
std::string render_text(const Diagnostics& ds, const SourceSet& sources);
// A JSON array of objects {code, severity, file, line, column, end_line, end_column, message,
// acknowledged, hint, notes}.
std::string render_json(const Diagnostics& ds, const SourceSet& sources);

}  // namespace puzle
