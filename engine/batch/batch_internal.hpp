// engine layer (batch): pieces shared by batch, coverage and diff.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "puzle/batch.hpp"
#include "puzle/render.hpp"
#include "text/json_writer.hpp"

namespace puzle::batch {

// The record's profile, or the message that says why not ("LINE[:COL]: error[E602]: ...").
struct LoadedRecord {
  std::optional<Profile> profile;
  std::string error;
};
LoadedRecord load_record(const Rulebase& rb, const std::string& input_name, const BatchRecord& record);

// The value of the key field (BatchOptions::key) as text; "" without one.
std::string key_text(const Rulebase& rb, const Profile& profile, ir::FieldId key);
// Whether the options' shard takes the record (loaded or not: see puzle::in_shard).
bool takes(const BatchOptions& o, const Rulebase& rb, const BatchRecord& record, const LoadedRecord& loaded);

// Appends `s` as a JSON string (quoted, escaped). Unlike json::append_string it passes
// ill-formed UTF-8 through: a CSV cell made JSON this way then fails the profile loader, which
// reports it on its line, instead of being read with replacement characters.
void append_json_string(std::string& out, const std::string& s);

// The profile fields a batch names a municipality by, looked up once per rulebase, not per
// profile (kNone when the schema has no field of that name).
struct NamedFields {
  ir::FieldId name = ir::kNone, province = ir::kNone, population = ir::kNone;
  explicit NamedFields(const ir::Program& p);
  // The field's value as text: a text, an enum value or a number ("" for kNone or other types).
  static std::string text(const ir::Program& p, const Profile& profile, ir::FieldId f);
};

// What every line of a batch repeats, rendered once per batch: the named fields, the engine
// version and each element's and phase's id, as JSON.
struct LineParts {
  explicit LineParts(const Rulebase& rb);
  NamedFields fields;
  std::string engine;                    // the quoted engine version
  std::vector<std::string> element_ids;  // element -> its quoted short id
  std::vector<std::string> phase_ids;    // phase -> its quoted id
  // element -> `,{"id":ID,"status":"` (a phase's first entry starts after the comma)
  std::vector<std::string> entry_heads;
  std::array<std::string, kStatusCount> status_heads;  // status -> `NAME","score":"`
};

// The compact JSON line of one evaluated profile (see docs/json.md, "puzle batch"), with the
// compact explanation when `explainer` is given.
std::string batch_line(const Rulebase& rb, const LineParts& parts, const BatchRecord& record, const Profile& profile,
                       const EvalResult& result, ir::FieldId key, const CompactExplainer* explainer = nullptr);

// `"shard": {"index": I, "count": N}` in a summary of a share of the records; nothing for all.
void shard_field(json::Writer& w, const Shard& shard);
// The fields a batch summary and a coverage report begin with: engine, rulebase, date, shard,
// and the counts of profiles.
void summary_head(json::Writer& w, const Rulebase& rb, const BatchSummary& s);

// Adds one evaluated profile to a summary's tables (run_batch counts `evaluated` itself).
void count(const Rulebase& rb, const Profile& profile, const EvalResult& result, BatchSummary& summary);

}  // namespace puzle::batch
