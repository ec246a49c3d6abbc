// Public API: exact decimal numbers for weights, scores, money, effort and levels.
// A fixed-point value with kScale fractional digits: a sign and a 128-bit magnitude (the value
// times 10^kScale), so any magnitude below 2^128 is exact; no binary floating point anywhere,
// and overflow is reported, never wrapped. The arithmetic lives in engine/value/decimal.cpp, so
// that including this header costs nothing of the multiprecision library behind it.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace puzle {

class Decimal {
 public:
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
  std::optional<Decimal> times(const Decimal& o) const;       // rounds half to even at kScale
  std::optional<Decimal> divided_by(const Decimal& o) const;  // nullopt also on division by zero
  Decimal negated() const;
  Decimal floor() const;  // largest whole number <= this
  Decimal ceil() const;   // smallest whole number >= this

  bool is_integer() const;
  bool is_zero() const { return high_ == 0 && low_ == 0; }
  bool is_negative() const { return negative_; }
  // The magnitude of the scaled value (|value| * 10^kScale) as two 64-bit words.
  std::uint64_t magnitude_high() const { return high_; }
  std::uint64_t magnitude_low() const { return low_; }
  // The whole part of |value| (truncated), when it fits 64 bits.
  std::optional<std::uint64_t> whole_magnitude() const;

  friend bool operator==(const Decimal& a, const Decimal& b) = default;
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    if (a.negative_ != b.negative_) return a.negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
    const auto magnitude = a.high_ != b.high_ ? a.high_ <=> b.high_ : a.low_ <=> b.low_;
    return a.negative_ ? 0 <=> magnitude : magnitude;  // a larger magnitude is a smaller negative
  }

 private:
  Decimal(bool negative, std::uint64_t high, std::uint64_t low)
      : high_(high), low_(low), negative_(negative && (high | low) != 0) {}
  friend struct DecimalAccess;
  std::uint64_t high_ = 0, low_ = 0;  // the magnitude
  bool negative_ = false;             // never true for zero, so that == compares fields
};

}  // namespace puzle
