// Engine values: exact decimal arithmetic. Every operation that can overflow says so.
#include "puzle/decimal.hpp"

#include <limits>
#include <stdexcept>

namespace puzle {
namespace {

constexpr unsigned long long kOne = [] {  // 10^kScale, the raw value of 1
  unsigned long long r = 1;
  for (int i = 0; i < Decimal::kScale; ++i) r *= 10;
  return r;
}();

const Decimal::Raw& scale_factor() {
  static const Decimal::Raw f = [] {
    Decimal::Raw r = 1;
    for (int i = 0; i < Decimal::kScale; ++i) r *= 10;
    return r;
  }();
  return f;
}

// Rounds n / d to the nearest integer, ties to even. d > 0.
Decimal::Raw div_round_half_even(const Decimal::Raw& n, const Decimal::Raw& d) {
  Decimal::Raw q = n / d;
  Decimal::Raw r = n % d;
  if (r == 0) return q;
  Decimal::Raw twice = (r < 0 ? -r : r) * 2;
  bool away = twice > d || (twice == d && (q % 2) != 0);
  if (away) q += (n < 0 ? -1 : 1);
  return q;
}

}  // namespace

Decimal Decimal::from_int(long long v) { return Decimal(Raw(v) * scale_factor()); }

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
  Raw value = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (int_digits >= 30) return fail(ParseError::TooLarge);
    value = value * 10 + (text[i] - '0');
  }
  if (int_digits == 0) return fail(ParseError::Syntax);
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits >= kScale) {
        if (text[i] != '0') return fail(ParseError::TooPrecise);
        continue;  // trailing zeros beyond the scale change nothing
      }
      value = value * 10 + (text[i] - '0');
    }
    if (frac_digits == 0) return fail(ParseError::Syntax);
  }
  if (i != text.size()) return fail(ParseError::Syntax);
  for (std::size_t k = std::min<std::size_t>(frac_digits, kScale); k < kScale; ++k) value *= 10;
  return Decimal(negative ? Raw(-value) : value);
}

std::string Decimal::to_string(int min_fraction) const {
  std::string out;
  append_to(out, min_fraction);
  return out;
}

void Decimal::append_to(std::string& out, int min_fraction) const {
  // Scores, weights and money fit 64 bits almost always: format those in one buffer. The
  // magnitude is read from boost's first limb (signed-magnitude keeps the sign apart), since
  // boost's general conversion costs hundreds of instructions and rendering calls this a lot.
  const auto& b = raw_.backend();
  if (b.size() == 1 && *b.limbs() <= std::numeric_limits<unsigned long long>::max()) {
    const auto v = static_cast<unsigned long long>(*b.limbs());
    const bool negative = b.sign() && v != 0;
    unsigned long long whole = v / kOne, frac = v % kOne;
    int frac_digits = kScale;
    while (frac_digits > min_fraction && frac % 10 == 0) {  // no trailing zeros beyond min_fraction
      frac /= 10;
      --frac_digits;
    }
    char buf[48];  // sign, 20 digits, point, kScale digits
    char* const end = buf + sizeof buf;
    char* p = end;
    if (frac_digits > 0) {
      for (int i = 0; i < frac_digits; ++i, frac /= 10) *--p = static_cast<char>('0' + frac % 10);
      *--p = '.';
    }
    do {
      *--p = static_cast<char>('0' + whole % 10);
      whole /= 10;
    } while (whole != 0);
    if (negative) *--p = '-';
    out.append(p, end);
    return;
  }
  const bool negative = raw_ < 0;
  const Raw mag = negative ? Raw(-raw_) : raw_;
  std::string digits = mag.str();  // at least kScale + 1 digits below
  if (digits.size() < static_cast<std::size_t>(kScale) + 1) digits.insert(0, kScale + 1 - digits.size(), '0');
  std::string frac = digits.substr(digits.size() - kScale);
  while (static_cast<int>(frac.size()) > min_fraction && !frac.empty() && frac.back() == '0') frac.pop_back();
  if (negative) out += '-';
  out.append(digits, 0, digits.size() - kScale);
  if (!frac.empty()) {
    out += '.';
    out += frac;
  }
}

std::optional<Decimal> Decimal::plus(const Decimal& o) const {
  try {
    return Decimal(Raw(raw_ + o.raw_));
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

std::optional<Decimal> Decimal::minus(const Decimal& o) const {
  try {
    return Decimal(Raw(raw_ - o.raw_));
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

std::optional<Decimal> Decimal::times(const Decimal& o) const {
  try {
    // The product of two scaled values carries the scale twice; 256 bits hold it without loss.
    using Wide = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<
        256, 256, boost::multiprecision::signed_magnitude, boost::multiprecision::checked, void>>;
    Wide p = Wide(raw_) * Wide(o.raw_);
    Wide f = Wide(scale_factor());
    Wide r = p / f;
    Wide rem = p % f;
    if (rem != 0) {
      Wide twice = (rem < 0 ? Wide(-rem) : rem) * 2;
      if (twice > f || (twice == f && (r % 2) != 0)) r += (p < 0 ? -1 : 1);
    }
    return Decimal(Raw(r));
  } catch (const std::overflow_error&) {
    return std::nullopt;
  } catch (const std::range_error&) {
    return std::nullopt;
  }
}

std::optional<Decimal> Decimal::divided_by(const Decimal& o) const {
  if (o.raw_ == 0) return std::nullopt;
  try {
    Raw n = raw_ * scale_factor();
    Raw d = o.raw_;
    if (d < 0) {
      d = -d;
      n = -n;
    }
    return Decimal(div_round_half_even(n, d));
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

Decimal Decimal::negated() const { return Decimal(Raw(-raw_)); }

Decimal Decimal::floor() const {
  Raw q = raw_ / scale_factor();  // truncates toward zero
  if (raw_ < 0 && q * scale_factor() != raw_) q -= 1;
  return Decimal(Raw(q * scale_factor()));
}

Decimal Decimal::ceil() const {
  Raw q = raw_ / scale_factor();
  if (raw_ > 0 && q * scale_factor() != raw_) q += 1;
  return Decimal(Raw(q * scale_factor()));
}

bool Decimal::is_integer() const { return raw_ % scale_factor() == 0; }

}  // namespace puzle
