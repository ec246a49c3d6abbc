// core layer: UTF-8 validation and code-point counting (for carets). Pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace puzle::utf8 {

// Length of the sequence announced by a lead byte (1 for invalid leads, so callers progress).
std::size_t sequence_length(unsigned char lead);
// Offset of the first byte that is not part of a well-formed UTF-8 sequence.
std::optional<std::size_t> first_invalid(std::string_view text);
// Number of code points in valid UTF-8 text.
std::size_t count_code_points(std::string_view text);

}  // namespace puzle::utf8
