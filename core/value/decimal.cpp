// core layer: exact decimal arithmetic. Every operation that can overflow says so.
// Sums, comparisons and text work on the 128-bit magnitude directly; products and quotients,
// which need more bits on the way, go through Boost.Multiprecision, kept to this file.
#include "puzle/decimal.hpp"

#include <limits>
#include <stdexcept>

#include <boost/multiprecision/cpp_int.hpp>

namespace puzle {

__extension__ typedef unsigned __int128 U128;  // GCC and Clang; -Wpedantic knows it is an extension

struct DecimalAccess {
  static U128 magnitude(const Decimal& d) { return (static_cast<U128>(d.high_) << 64) | d.low_; }
  static Decimal make(bool negative, U128 m) {
    return Decimal(negative, static_cast<std::uint64_t>(m >> 64), static_cast<std::uint64_t>(m));
  }
};

namespace {

namespace mp = boost::multiprecision;
// Checked signed-magnitude integers: 128 bits (the value) and 256 (a product on its way).
using Raw = mp::number<mp::cpp_int_backend<128, 128, mp::signed_magnitude, mp::checked, void>>;
using Wide = mp::number<mp::cpp_int_backend<256, 256, mp::signed_magnitude, mp::checked, void>>;

constexpr std::uint64_t kOne = [] {  // 10^kScale, the scaled value of 1
  std::uint64_t r = 1;
  for (int i = 0; i < Decimal::kScale; ++i) r *= 10;
  return r;
}();

U128 magnitude(const Decimal& d) { return DecimalAccess::magnitude(d); }
Decimal make(bool negative, U128 m) { return DecimalAccess::make(negative, m); }

template <class Big>
Big to_big(const Decimal& d) {
  Big b = d.magnitude_high();
  b <<= 64;
  b |= d.magnitude_low();
  return d.is_negative() ? Big(-b) : b;
}

// A Boost integer whose magnitude is below 2^128, as a Decimal's scaled value.
template <class Big>
Decimal from_big(const Big& b) {
  const bool negative = b < 0;
  const Big m = negative ? Big(-b) : b;
  const Big mask = Big(std::numeric_limits<std::uint64_t>::max());
  const auto low = static_cast<std::uint64_t>(m & mask);
  const auto high = static_cast<std::uint64_t>(m >> 64);
  return make(negative, (static_cast<U128>(high) << 64) | low);
}

// Rounds n / d to the nearest integer, ties to even. d > 0.
Raw div_round_half_even(const Raw& n, const Raw& d) {
  Raw q = n / d;
  Raw r = n % d;
  if (r == 0) return q;
  Raw twice = (r < 0 ? -r : r) * 2;
  bool away = twice > d || (twice == d && (q % 2) != 0);
  if (away) q += (n < 0 ? -1 : 1);
  return q;
}

}  // namespace

Decimal Decimal::from_int(long long v) {
  const auto m = v < 0 ? 0 - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  return make(v < 0, static_cast<U128>(m) * kOne);  // at most 2^63 * 10^6: far below 2^128
}

std::optional<Decimal> Decimal::parse(std::string_view text, ParseError* why) {
  auto fail = [&](ParseError e) -> std::optional<Decimal> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (why) *why = ParseError::None;
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  std::size_t int_digits = 0, frac_digits = 0;
  U128 value = 0;  // at most 30 + kScale digits: below 10^36 < 2^128
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (int_digits >= 30) return fail(ParseError::TooLarge);
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  if (int_digits == 0) return fail(ParseError::Syntax);
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits >= kScale) {
        if (text[i] != '0') return fail(ParseError::TooPrecise);
        continue;  // trailing zeros beyond the scale change nothing
      }
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    if (frac_digits == 0) return fail(ParseError::Syntax);
  }
  if (i != text.size()) return fail(ParseError::Syntax);
  for (std::size_t k = std::min<std::size_t>(frac_digits, kScale); k < kScale; ++k) value *= 10;
  return make(negative, value);
}

std::string Decimal::to_string(int min_fraction) const {
  std::string out;
  append_to(out, min_fraction);
  return out;
}

void Decimal::append_to(std::string& out, int min_fraction) const {
  // Scores, weights and money fit 64 bits almost always: those are divided in 64 bits, which
  // costs far less than 128-bit division; rendering calls this a lot.
  U128 whole;
  std::uint64_t frac;
  if (high_ == 0) {
    whole = low_ / kOne;
    frac = low_ % kOne;
  } else {
    const U128 m = magnitude(*this);
    whole = m / kOne;
    frac = static_cast<std::uint64_t>(m % kOne);
  }
  int frac_digits = kScale;
  while (frac_digits > min_fraction && frac % 10 == 0) {  // no trailing zeros beyond min_fraction
    frac /= 10;
    --frac_digits;
  }
  char buf[56];  // sign, 39 digits, point, kScale digits
  char* const end = buf + sizeof buf;
  char* p = end;
  if (frac_digits > 0) {
    for (int i = 0; i < frac_digits; ++i, frac /= 10) *--p = static_cast<char>('0' + frac % 10);
    *--p = '.';
  }
  do {
    *--p = static_cast<char>('0' + static_cast<unsigned>(whole % 10));
    whole /= 10;
  } while (whole != 0);
  if (negative_) *--p = '-';
  out.append(p, end);
}

std::optional<Decimal> Decimal::plus(const Decimal& o) const {
  const U128 a = magnitude(*this), b = magnitude(o);
  if (negative_ == o.negative_) {
    U128 sum;
    if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
    return make(negative_, sum);
  }
  return a >= b ? make(negative_, a - b) : make(o.negative_, b - a);
}

std::optional<Decimal> Decimal::minus(const Decimal& o) const { return plus(o.negated()); }

std::optional<Decimal> Decimal::times(const Decimal& o) const {
  try {
    // The product of two scaled values carries the scale twice; 256 bits hold it without loss.
    Wide p = to_big<Wide>(*this) * to_big<Wide>(o);
    Wide f = Wide(kOne);
    Wide r = p / f;
    Wide rem = p % f;
    if (rem != 0) {
      Wide twice = (rem < 0 ? Wide(-rem) : rem) * 2;
      if (twice > f || (twice == f && (r % 2) != 0)) r += (p < 0 ? -1 : 1);
    }
    return from_big(Raw(r));  // Raw(r) throws when r needs more than 128 bits
  } catch (const std::overflow_error&) {
    return std::nullopt;
  } catch (const std::range_error&) {
    return std::nullopt;
  }
}

std::optional<Decimal> Decimal::divided_by(const Decimal& o) const {
  if (o.is_zero()) return std::nullopt;
  try {
    Raw n = to_big<Raw>(*this) * Raw(kOne);
    Raw d = to_big<Raw>(o);
    if (d < 0) {
      d = -d;
      n = -n;
    }
    return from_big(div_round_half_even(n, d));
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

Decimal Decimal::negated() const { return Decimal(!negative_, high_, low_); }

Decimal Decimal::floor() const {
  const U128 m = magnitude(*this);
  U128 q = m / kOne;  // truncates toward zero
  if (negative_ && m % kOne != 0) q += 1;
  U128 r;
  if (__builtin_mul_overflow(q, static_cast<U128>(kOne), &r)) throw std::overflow_error("Decimal::floor");
  return make(negative_, r);
}

Decimal Decimal::ceil() const {
  const U128 m = magnitude(*this);
  U128 q = m / kOne;
  if (!negative_ && m % kOne != 0) q += 1;
  U128 r;
  if (__builtin_mul_overflow(q, static_cast<U128>(kOne), &r)) throw std::overflow_error("Decimal::ceil");
  return make(negative_, r);
}

bool Decimal::is_integer() const {
  return (high_ == 0 ? low_ % kOne : static_cast<std::uint64_t>(magnitude(*this) % kOne)) == 0;
}

std::optional<std::uint64_t> Decimal::whole_magnitude() const {
  const U128 whole = magnitude(*this) / kOne;
  if (whole > std::numeric_limits<std::uint64_t>::max()) return std::nullopt;
  return static_cast<std::uint64_t>(whole);
}

}  // namespace puzle
