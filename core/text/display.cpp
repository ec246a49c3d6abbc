// core layer: escaping control characters for display.
#include "text/display.hpp"

#include <cstdio>

namespace puzle::text {
namespace {

// The length of the control sequence starting at s[i] (C0, DEL, the C1 controls U+0080..U+009F
// and the bidirectional controls U+202A..U+202E, U+2066..U+2069), with its code point; 0 if none.
std::size_t control_at(std::string_view s, std::size_t i, unsigned& code) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x20 || b == 0x7F) {
    code = b;
    return 1;
  }
  if (b == 0xC2 && i + 1 < s.size()) {
    const auto c = static_cast<unsigned char>(s[i + 1]);
    if (c >= 0x80 && c <= 0x9F) {
      code = c;
      return 2;
    }
  }
  if (b == 0xE2 && i + 2 < s.size()) {
    const auto c = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
    if ((c == 0x80 && d >= 0xAA && d <= 0xAE) || (c == 0x81 && d >= 0xA6 && d <= 0xA9)) {
      code = 0x2000u + ((c & 0x3Fu) << 6) + (d & 0x3Fu);
      return 3;
    }
  }
  return 0;
}

void append_escape(std::string& out, unsigned code) {
  switch (code) {
    case '\n': out += "\\n"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\u{%x}", code);
  out += buf;
}

std::string escape(std::string_view s, bool keep_lines) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned code = 0;
    const std::size_t n = control_at(s, i, code);
    if (n == 0 || (keep_lines && (code == '\n' || code == '\t'))) {
      out += s[i++];
      continue;
    }
    append_escape(out, code);
    i += n;
  }
  return out;
}

}  // namespace

std::string one_line(std::string_view s) { return escape(s, false); }

std::string terminal_safe(std::string_view s) { return escape(s, true); }

bool is_terminal_safe(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned code = 0;
    if (control_at(s, i, code) && code != '\n' && code != '\t') return false;
  }
  return true;
}

std::string excerpt(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > max_chars) break;
  if (i == s.size()) return one_line(s);
  // Cut one code point earlier, to make room for the ellipsis.
  std::size_t cut = i;
  do --cut;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80);
  return one_line(s.substr(0, cut)) + "…";
}

}  // namespace puzle::text
