// dsl layer: calendar checks for YYYY-MM-DD dates (Gregorian leap years).
#include "puzle/date.hpp"

namespace puzle {

std::string date_problem(std::string_view d) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return -1;
      v = v * 10 + (d[i] - '0');
    }
    return v;
  };
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return "write YYYY-MM-DD";
  const int y = digits(0, 4), m = digits(5, 2), day = digits(8, 2);
  if (y < 0 || m < 0 || day < 0) return "write YYYY-MM-DD";
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return "the month is from 01 to 12";
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int last = days[m - 1] + (m == 2 && leap ? 1 : 0);
  if (day < 1 || day > last)
    return "month " + std::string(d.substr(5, 2)) + " of " + std::string(d.substr(0, 4)) + " has " +
           std::to_string(last) + " days";
  return {};
}

}  // namespace puzle
