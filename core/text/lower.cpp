// core layer: lower case by code point ranges (Unicode's simple case mapping for them).
#include "text/lower.hpp"

namespace puzle::text {
namespace {

char32_t lower_code_point(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if ((c >= 0xC0 && c <= 0xDE) && c != 0xD7) return c + 0x20;  // À..Þ but ×
  if (c >= 0x100 && c <= 0x17F) {
    // Latin Extended-A pairs an upper-case letter with the lower-case one after it, the
    // evens first up to U+0137, the odds first from U+0139 to U+0148 and from U+0179.
    if (c == 0x130) return 'i';   // İ
    if (c == 0x178) return 0xFF;  // Ÿ
    if ((c <= 0x137 || (c >= 0x14A && c <= 0x177)) && c % 2 == 0) return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && c % 2 == 1) return c + 1;
  }
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(lower_code_point(b));
      ++i;
      continue;
    }
    // Two-byte sequences cover every letter changed here; anything else passes through as is.
    if ((b & 0xE0) == 0xC0 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      const char32_t c = static_cast<char32_t>(((b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
      append_utf8(out, lower_code_point(c));
      i += 2;
      continue;
    }
    out += s[i++];
  }
  return out;
}

}  // namespace puzle::text
