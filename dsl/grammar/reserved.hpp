// dsl layer: what a name is made of, for the grammar's `ident` rule: identifier characters (as
// pg::identifier: ASCII letters, digits and '_', not starting with a digit) and the reserved words,
// which can never be used as names (docs/language.md lists the same 39; language_doc_test checks
// both). `ident` scans an identifier once and looks it up here.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace puzle::dsl::grammar {

namespace detail {
constexpr bool identifier_first(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool identifier_other(unsigned char c) { return identifier_first(c) || (c >= '0' && c <= '9'); }
template <bool (*Is)(unsigned char)>
constexpr std::array<bool, 256> char_table() {
  std::array<bool, 256> table{};
  for (std::size_t c = 0; c < table.size(); ++c) table[c] = Is(static_cast<unsigned char>(c));
  return table;
}
}  // namespace detail

// Indexed by the character as an unsigned char.
inline constexpr auto kIdentifierFirst = detail::char_table<detail::identifier_first>();
inline constexpr auto kIdentifierOther = detail::char_table<detail::identifier_other>();

// Sorted, lower case: the words that start with one letter are contiguous.
inline constexpr std::string_view kReservedWords[] = {
    "and",      "area",     "because", "block",   "boost",    "cost",    "covers",   "description", "domain", "effort",
    "element",  "eligible", "exclude", "expect",  "false",    "for",     "given",    "in",          "label",  "not",
    "or",       "penalize", "phase",   "profile", "provider", "require", "requires", "roadmap",     "rule",   "segment",
    "solution", "source",   "suggest", "test",    "true",     "valid",   "weight",   "when",        "where"};

namespace detail {
constexpr bool sorted_lower_case() {
  for (std::size_t i = 0; i < std::size(kReservedWords); ++i) {
    for (char c : kReservedWords[i])
      if (c < 'a' || c > 'z') return false;
    if (i > 0 && !(kReservedWords[i - 1] < kReservedWords[i])) return false;
  }
  return true;
}
static_assert(sorted_lower_case(), "kReservedWords must be sorted and lower case");

// first[c - 'a'] up to first[c - 'a' + 1]: the indices of the words that start with letter c.
inline constexpr auto kFirstWithLetter = [] {
  std::array<std::uint8_t, 27> first{};
  std::size_t w = 0;
  for (std::size_t c = 0; c < 26; ++c) {
    first[c] = static_cast<std::uint8_t>(w);
    while (w < std::size(kReservedWords) && static_cast<std::size_t>(kReservedWords[w][0] - 'a') == c) ++w;
  }
  first[26] = static_cast<std::uint8_t>(w);
  return first;
}();
}  // namespace detail

// Is this whole identifier a reserved word? Compares it only with the words of its first letter.
constexpr bool is_reserved(std::string_view word) {
  if (word.empty() || word[0] < 'a' || word[0] > 'z') return false;
  const auto c = static_cast<std::size_t>(word[0] - 'a');
  for (std::size_t i = detail::kFirstWithLetter[c]; i < detail::kFirstWithLetter[c + 1]; ++i)
    if (kReservedWords[i] == word) return true;
  return false;
}

}  // namespace puzle::dsl::grammar
