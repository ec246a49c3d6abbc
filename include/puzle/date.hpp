// Public API: calendar dates written YYYY-MM-DD (rule validity, evaluation dates).
#pragma once

#include <string>
#include <string_view>

namespace puzle {

// Why `d` is not a real YYYY-MM-DD date, as a hint for the user; empty when it is one.
std::string date_problem(std::string_view d);

}  // namespace puzle
