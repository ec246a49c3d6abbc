// engine layer (rendering): the parts of the JSON form that depend on the rulebase alone, quoted
// once, and the JSON line of `puzle batch --full` written into a buffer the caller reuses.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "puzle/render.hpp"

namespace puzle {

struct JsonParts {
  explicit JsonParts(const Rulebase& rb);
  std::vector<std::string> element_id, element_path, element_label;  // by element, quoted
  std::array<std::string, kStatusCount> status;                      // quoted
};

// render_json_line(in), appended to `out`; when `line` is not 0 (a batch line), it starts with
// "line" and "key" (the value of the field `key`, or null for kNone).
void render_json_line(const RenderInput& in, const JsonParts& parts, std::uint64_t line, ir::FieldId key,
                      std::string& out);

}  // namespace puzle
