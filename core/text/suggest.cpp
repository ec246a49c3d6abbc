// core layer: edit-distance suggestions for unknown names.
#include "puzle/suggest.hpp"

#include <algorithm>

namespace puzle {
namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  // Names are short; a long one is no near miss, and comparing it would cost its length times
  // every candidate's (a 1 MiB value in a profile).
  if (name.size() > 64) return {};
  std::size_t best = std::max<std::size_t>(2, name.size() / 3) + 1;
  std::string found;
  for (const auto& c : candidates) {
    const std::size_t gap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (gap > best) continue;  // too different in length to be close
    auto d = edit_distance(name, c);
    if (d < best || (d == best && !found.empty() && c < found)) {
      if (d < best) best = d;
      found = c;
    }
  }
  return found.empty() ? std::string() : "did you mean '" + found + "'?";
}

}  // namespace puzle
