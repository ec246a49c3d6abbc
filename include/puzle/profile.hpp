// Public API: the profile of one municipality, validated against a rulebase's profile schema.
// Loading never throws on user input: a bad profile comes back as diagnostics (E6xx) that name
// the field, the value and what was expected, at the JSON line and column.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "puzle/diagnostic.hpp"
#include "puzle/ir.hpp"
#include "puzle/rulebase.hpp"
#include "puzle/source.hpp"

namespace puzle {

struct Profile {
  std::vector<ir::Value> values;  // one per field (FieldId), defaults filled in
  std::string digest;             // SHA-256 (hex) of the profile's bytes as given
  std::string source;             // where it came from, e.g. the file path or "-"
  // The digest of the rulebase whose schema validated it: `values` are laid out for that
  // schema, so evaluate() refuses the profile with any other rulebase (after a reload, say).
  std::string rulebase_digest;
};

struct ProfileLoad {
  std::optional<Profile> profile;  // empty when there are errors
  Diagnostics diagnostics;
  std::shared_ptr<const SourceSet> sources;  // the profile text, for rendering diagnostics
};

ProfileLoad load_profile(const Rulebase& rulebase, std::string source, std::string json_text);

// Where the value of the top-level field `field` is written in a profile's JSON text: its first
// byte and one past its last (so that a decision log can mask it and put it back byte for byte).
// nullopt when the text is not a JSON object or has no such field.
std::optional<std::pair<std::size_t, std::size_t>> field_value_span(std::string_view json_text, std::string_view field);
// Reads the file (or standard input for "-") then loads it. A path that cannot be read, or is not
// a regular file (a pipe could block forever: use "-"), is E106; one larger than 1 MiB, E600.
ProfileLoad load_profile_file(const Rulebase& rulebase, const std::string& path);

}  // namespace puzle
