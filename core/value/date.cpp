// core layer: calendar checks for YYYY-MM-DD dates (Gregorian leap years).
#include "puzle/date.hpp"

#include <ctime>

namespace puzle {

Date Date::today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return *parse(buf);
}

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

std::optional<Date> Date::parse(std::string_view text) {
  if (!date_problem(text).empty()) return std::nullopt;
  auto number = [&](std::size_t from, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = from; i < from + n; ++i) v = v * 10 + static_cast<std::uint32_t>(text[i] - '0');
    return v;
  };
  return Date(number(0, 4) * 10000 + number(5, 2) * 100 + number(8, 2));
}

std::string Date::to_string() const {
  if (empty()) return {};
  std::string out = "0000-00-00";
  auto put = [&](std::size_t end, std::uint32_t v, int n) {
    for (int i = 0; i < n; ++i, v /= 10) out[end - static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
  };
  put(3, ymd_ / 10000, 4);
  put(6, ymd_ / 100 % 100, 2);
  put(9, ymd_ % 100, 2);
  return out;
}

}  // namespace puzle
