// engine layer (batch): one record of the input to a validated Profile, or the message that
// tells the user which line, which field and what was wrong.
#include "batch/batch_internal.hpp"

#include "puzle/profile.hpp"

namespace puzle::batch {

LoadedRecord load_record(const Rulebase& rb, const std::string& input_name, const BatchRecord& record) {
  LoadedRecord out;
  const std::string where = input_name + ":" + std::to_string(record.line);
  if (!record.problem.empty()) {
    out.error = where + ": error: " + record.problem;
    return out;
  }
  auto load = load_profile(rb, where, record.json);
  if (load.profile) {
    out.profile = std::move(load.profile);
    return out;
  }
  // The JSON of a JSON Lines record is the line itself, so its column is the user's column;
  // a converted CSV row has no column of its own (the message names the field).
  for (const auto& d : load.diagnostics.items()) {
    if (d.severity != Severity::Error) continue;
    out.error += out.error.empty() ? "" : "\n";
    out.error += where;
    if (!record.converted)
      out.error += ":" + std::to_string(load.sources->file(d.span.file).line_col(d.span.begin).column);
    out.error += ": error[" + std::string(code_info(d.code).id) + "]: " + d.message;
    if (!d.hint.empty()) out.error += " (" + d.hint + ")";
  }
  return out;
}

}  // namespace puzle::batch
