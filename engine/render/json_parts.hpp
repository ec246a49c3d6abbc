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

// render_json_line(in), appended to `out`, with a first field "line" when `line` is not 0.
void render_json_line(const RenderInput& in, const JsonParts& parts, std::uint64_t line, std::string& out);

}  // namespace puzle
