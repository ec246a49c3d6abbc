// Public API: calendar dates (a rule's validity, the day an evaluation judges it on), written
// YYYY-MM-DD. A Date is checked once, when it is made from text; one made by default is no date
// at all, which evaluate() refuses: an empty date must never switch validity off.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace puzle {

class Date {
 public:
  Date() = default;  // no date
  // A real Gregorian date written YYYY-MM-DD; nullopt otherwise (date_problem says why).
  static std::optional<Date> parse(std::string_view text);
  // The day it is now in UTC (the default evaluation date of the CLI and the service).
  static Date today_utc();
  bool empty() const { return ymd_ == 0; }
  std::string to_string() const;  // YYYY-MM-DD; "" for no date
  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  explicit Date(std::uint32_t ymd) : ymd_(ymd) {}
  std::uint32_t ymd_ = 0;  // year * 10000 + month * 100 + day: ordered as the calendar
};

// Why `d` is not a real YYYY-MM-DD date, as a hint for the user; empty when it is one.
std::string date_problem(std::string_view d);

}  // namespace puzle
