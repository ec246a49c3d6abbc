// core layer: text that came from users (profile values, rule strings, file names) shown on a
// terminal. Control characters (a terminal escape sequence, a line break that would forge an
// output line such as "Phase 1") and the bidirectional overrides that reorder what is shown are
// written as visible escapes: "\n", "\t", "\u{1b}", "\u{202e}".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace puzle::text {

// Every control character escaped, line breaks included: for a value inside a line.
std::string one_line(std::string_view s);
// Every control character escaped but '\n' and '\t': for a whole output made of lines.
std::string terminal_safe(std::string_view s);
// one_line(s), cut to at most `max_chars` code points (ending in "…" when cut).
std::string excerpt(std::string_view s, std::size_t max_chars = 60);
// True when terminal_safe(s) == s (the common case: nothing to copy).
bool is_terminal_safe(std::string_view s);

}  // namespace puzle::text
