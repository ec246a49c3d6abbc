// Public API: exact decimal numbers for weights, scores, money, effort and levels.
// A fixed-point value with kScale fractional digits over a checked 128-bit integer
// (Boost.Multiprecision); no binary floating point anywhere, overflow is reported, never wrapped.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>

namespace puzle {

class Decimal {
 public:
  using Raw = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
      128, 128, boost::multiprecision::signed_magnitude, boost::multiprecision::checked, void>>;
  static constexpr int kScale = 6;  // fractional digits kept exactly

  Decimal() = default;
  static Decimal from_int(long long v);

  enum class ParseError { None, Syntax, TooPrecise, TooLarge };
  // Accepts [-]digits[.digits]; at most kScale fractional digits, at most 30 integer digits.
  static std::optional<Decimal> parse(std::string_view text, ParseError* why = nullptr);

  // Canonical text: no trailing fractional zeros beyond min_fraction digits ("1500", "0.3", "-2.5").
  std::string to_string(int min_fraction = 0) const;
  // The same text, appended to `out` (no string of its own: for renderers writing many).
  void append_to(std::string& out, int min_fraction = 0) const;

  // nullopt on overflow.
  std::optional<Decimal> plus(const Decimal& o) const;
  std::optional<Decimal> minus(const Decimal& o) const;
  std::optional<Decimal> times(const Decimal& o) const;  // rounds half to even at kScale
  std::optional<Decimal> divided_by(const Decimal& o) const;  // nullopt also on division by zero
  Decimal negated() const;
  Decimal floor() const;  // largest whole number <= this
  Decimal ceil() const;   // smallest whole number >= this

  bool is_integer() const;
  bool is_zero() const { return raw_ == 0; }
  bool is_negative() const { return raw_ < 0; }
  const Raw& raw() const { return raw_; }

  friend bool operator==(const Decimal& a, const Decimal& b) { return a.raw_ == b.raw_; }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    return a.raw_ < b.raw_ ? std::strong_ordering::less
           : a.raw_ > b.raw_ ? std::strong_ordering::greater
                              : std::strong_ordering::equal;
  }

 private:
  explicit Decimal(Raw raw) : raw_(std::move(raw)) {}
  Raw raw_ = 0;
};

}  // namespace puzle
