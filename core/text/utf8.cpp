// core layer: UTF-8 helpers (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
#include "text/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace puzle::utf8 {

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

std::optional<std::size_t> first_invalid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Rule files are mostly ASCII: skip 8 ASCII bytes at a time.
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = sequence_length(c);
    if (n == 1 || c == 0xC0 || c == 0xC1 || c > 0xF4 || i + n > s.size()) return i;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c1 & 0xC0) != 0x80) return i;
    if (c == 0xE0 && c1 < 0xA0) return i;  // overlong
    if (c == 0xED && c1 > 0x9F) return i;  // surrogate
    if (c == 0xF0 && c1 < 0x90) return i;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return i;  // above U+10FFFF
    for (std::size_t k = 2; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += n;
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace puzle::utf8
