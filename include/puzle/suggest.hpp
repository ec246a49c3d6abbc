// Public API: "did you mean" suggestions for unknown names, shared by the checker and the
// profile loader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace puzle {

// "did you mean 'x'?" for the closest candidate by edit distance, or "" when none is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace puzle
