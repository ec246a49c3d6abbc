// One validator of values (puzle/value_check.hpp): the same value written as JSON and as a rule
// file's constant gives the same profile value, or the same problem.
#include <gtest/gtest.h>

#include "puzle/frontend.hpp"
#include "puzle/value_check.hpp"

namespace puzle::value_check_test {
namespace {

using WK = WrittenValue::Kind;
using PK = ValueProblem::Kind;

const CheckedRulebase& rulebase() {
  static const CheckedRulebase rb = load_rulebase_from_text({{"r.pzl", R"(profile {
  population: int
  budget: money = 0
  province: enum { barcelona, girona } = barcelona
  maturity: level[area] 0..5 = 0
  in_place: set<element> = []
}
area ajuntament "A" {
  domain d "D" {
    block b "B" {
      element seu "Seu"
    }
  }
}
area viure "V"
)"}});
  return rb;
}

WrittenValue scalar(WK kind, std::string text) {
  WrittenValue v;
  v.kind = kind;
  v.text = std::move(text);
  return v;
}

// The field named `name`, checked with a value in both syntaxes: names as strings (JSON) and as
// names (a rule file).
struct Both {
  std::optional<ir::Value> json, pzl;
  std::vector<ValueProblem> json_problems, pzl_problems;
};
Both check(const std::string& name, const WrittenValue& json, const WrittenValue& pzl) {
  const auto& p = *rulebase().program;
  const NodeNames names(p);
  const auto& f = *std::find_if(p.fields.begin(), p.fields.end(), [&](const ir::Field& x) { return x.name == name; });
  Both b;
  b.json = check_value(p, names, f, json, NameSyntax::Strings, f.default_value, b.json_problems);
  b.pzl = check_value(p, names, f, pzl, NameSyntax::Names, f.default_value, b.pzl_problems);
  return b;
}

std::vector<PK> kinds(const std::vector<ValueProblem>& ps) {
  std::vector<PK> out;
  for (const auto& p : ps) out.push_back(p.kind);
  return out;
}

TEST(ValueCheck, TheSameValueInBothSyntaxes) {
  ASSERT_TRUE(rulebase().program);
  auto b = check("province", scalar(WK::String, "girona"), scalar(WK::Name, "girona"));
  ASSERT_TRUE(b.json && b.pzl);
  EXPECT_EQ(b.json->index, 1u);
  EXPECT_EQ(b.pzl->index, 1u);
  WrittenValue set_json, set_pzl;
  set_json.kind = set_pzl.kind = WK::List;
  set_json.items = {scalar(WK::String, "seu"), scalar(WK::String, "d.b.seu")};
  set_pzl.items = {scalar(WK::Name, "seu"), scalar(WK::Name, "d.b.seu")};
  b = check("in_place", set_json, set_pzl);
  ASSERT_TRUE(b.json && b.pzl);
  EXPECT_EQ(b.json->elements, b.pzl->elements);
  EXPECT_EQ(b.json->elements.size(), 1u);  // the same element twice is one
  // A per-area level that leaves areas out takes them from the default.
  WrittenValue levels;
  levels.kind = WK::Object;
  levels.members.push_back({"viure", {}, scalar(WK::Number, "3")});
  b = check("maturity", levels, levels);
  ASSERT_TRUE(b.json && b.pzl);
  EXPECT_EQ(b.json->levels[1].to_string(), "3");
  EXPECT_EQ(b.json->levels[0].to_string(), "0");
}

TEST(ValueCheck, TheSameProblemsInBothSyntaxes) {
  auto b = check("population", scalar(WK::Number, "12.5"), scalar(WK::Number, "12.5"));
  EXPECT_EQ(kinds(b.json_problems), std::vector<PK>{PK::NotWhole});
  EXPECT_EQ(kinds(b.pzl_problems), std::vector<PK>{PK::NotWhole});
  b = check("province", scalar(WK::String, "mars"), scalar(WK::Name, "mars"));
  EXPECT_EQ(kinds(b.json_problems), std::vector<PK>{PK::UnknownEnumValue});
  EXPECT_EQ(kinds(b.pzl_problems), std::vector<PK>{PK::UnknownEnumValue});
  // A name where JSON wants a string, and the other way round, is the wrong kind of value.
  b = check("province", scalar(WK::Name, "girona"), scalar(WK::String, "girona"));
  EXPECT_EQ(kinds(b.json_problems), std::vector<PK>{PK::WrongKind});
  EXPECT_EQ(kinds(b.pzl_problems), std::vector<PK>{PK::WrongKind});
  WrittenValue levels;
  levels.kind = WK::Object;
  levels.members.push_back({"mars", {}, scalar(WK::Number, "1")});
  levels.members.push_back({"viure", {}, scalar(WK::Number, "9")});
  levels.members.push_back({"viure", {}, scalar(WK::Number, "1")});
  b = check("maturity", levels, levels);
  EXPECT_EQ(kinds(b.json_problems), (std::vector<PK>{PK::UnknownArea, PK::OutOfRange, PK::AreaTwice}));
  EXPECT_FALSE(b.json);
}

}  // namespace
}  // namespace puzle::value_check_test
