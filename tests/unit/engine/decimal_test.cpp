#include "puzle/decimal.hpp"

#include <gtest/gtest.h>

namespace puzle::decimal_test {
namespace {

Decimal d(const char* s) { return *Decimal::parse(s); }

TEST(Decimal, ParsesAndPrintsCanonically) {
  EXPECT_EQ(d("1500.00").to_string(), "1500");
  EXPECT_EQ(d("1500.00").to_string(2), "1500.00");
  EXPECT_EQ(d("-2.50").to_string(), "-2.5");
  EXPECT_EQ(d("0.000001").to_string(), "0.000001");
  EXPECT_EQ(d("7").to_string(), "7");
}

// Values within 64 bits are formatted by a fast path, larger ones by boost: both agree on
// signs, zeros, padding of the fraction and its trailing zeros, at and around the boundary.
TEST(Decimal, PrintsTheSameOnBothSidesOfTheFastPath) {
  EXPECT_EQ(d("0").to_string(), "0");
  EXPECT_EQ(d("-0").to_string(), "0");
  EXPECT_EQ(d("0").to_string(2), "0.00");
  EXPECT_EQ(d("-0.5").to_string(), "-0.5");
  EXPECT_EQ(d("0.05").to_string(1), "0.05");
  EXPECT_EQ(d("3").to_string(8), "3.000000");  // never more than the scale
  EXPECT_EQ(d("-12.340000").to_string(3), "-12.340");
  // 2^64 - 1 is the last raw magnitude on the fast path: 18446744073709.551615.
  EXPECT_EQ(d("18446744073709.551615").to_string(), "18446744073709.551615");
  EXPECT_EQ(d("-18446744073709.551615").to_string(), "-18446744073709.551615");
  EXPECT_EQ(d("18446744073709.551616").to_string(), "18446744073709.551616");
  EXPECT_EQ(d("18446744073709.6").to_string(2), "18446744073709.60");
  EXPECT_EQ(d("-123456789012345678901234.5").to_string(), "-123456789012345678901234.5");
  EXPECT_EQ(d("100000000000000000000").to_string(2), "100000000000000000000.00");
}

TEST(Decimal, AppendsWhatItPrints) {
  std::string out = "score ";
  d("-12.5").append_to(out);
  out += ' ';
  d("-123456789012345678901234.5").append_to(out, 2);
  out += ' ';
  d("7").append_to(out, 1);
  EXPECT_EQ(out, "score -12.5 -123456789012345678901234.50 7.0");
}

TEST(Decimal, RejectsMalformedTooPreciseAndTooLarge) {
  Decimal::ParseError why{};
  EXPECT_FALSE(Decimal::parse("1.", &why));
  EXPECT_EQ(why, Decimal::ParseError::Syntax);
  EXPECT_FALSE(Decimal::parse("1.0000001", &why));
  EXPECT_EQ(why, Decimal::ParseError::TooPrecise);
  EXPECT_TRUE(Decimal::parse("1.0000000"));  // extra zeros change nothing
  EXPECT_FALSE(Decimal::parse(std::string(31, '9'), &why));
  EXPECT_EQ(why, Decimal::ParseError::TooLarge);
  EXPECT_FALSE(Decimal::parse("abc"));
  EXPECT_FALSE(Decimal::parse(""));
}

TEST(Decimal, AddsExactly) {
  EXPECT_EQ(*d("0.1").plus(d("0.2")), d("0.3"));
  EXPECT_EQ(*d("0.3").minus(d("0.1")), d("0.2"));
}

TEST(Decimal, AddsAndSubtractsAcrossSignsAndMagnitudes) {
  auto sum = [](const char* a, const char* b) { return d(a).plus(d(b))->to_string(); };
  auto difference = [](const char* a, const char* b) { return d(a).minus(d(b))->to_string(); };
  EXPECT_EQ(sum("-3.5", "1.25"), "-2.25");
  EXPECT_EQ(difference("0", "0.000001"), "-0.000001");
  EXPECT_EQ(sum("-0.000001", "0.000001"), "0");
  EXPECT_EQ(sum("4611686018427.387903", "4611686018427.387903"), "9223372036854.775806");
  EXPECT_EQ(difference("-4611686018427.387903", "4611686018427.387903"), "-9223372036854.775806");
  EXPECT_EQ(sum("4611686018427.387904", "-0.000001"), "4611686018427.387903");
  EXPECT_EQ(difference("-4611686018427.387904", "-4611686018427.387904"), "0");
  EXPECT_EQ(sum("123456789012345678901234.5", "-0.5"), "123456789012345678901234");
}

TEST(Decimal, MultipliesAndDividesWithHalfEvenRounding) {
  EXPECT_EQ(*d("1.5").times(d("2")), d("3"));
  EXPECT_EQ(*d("0.000001").times(d("0.5")), d("0"));         // 0.0000005 -> even 0
  EXPECT_EQ(*d("0.000003").times(d("0.5")), d("0.000002"));  // 0.0000015 -> even 2
  EXPECT_EQ(*d("1").divided_by(d("3")), d("0.333333"));
  EXPECT_FALSE(d("1").divided_by(d("0")));
}

TEST(Decimal, ReportsOverflowInsteadOfWrapping) {
  Decimal big = d("999999999999999999999999999999");
  std::optional<Decimal> acc = big;
  for (int i = 0; i < 400 && acc; ++i) acc = acc->times(d("10"));
  EXPECT_FALSE(acc.has_value());
  EXPECT_FALSE(big.times(big).has_value());
}

TEST(Decimal, OrdersNumerically) {
  EXPECT_LT(d("-1"), d("0.5"));
  EXPECT_GT(d("10"), d("9.999999"));
  EXPECT_EQ(d("2.0"), d("2"));
}

}  // namespace
}  // namespace puzle::decimal_test
