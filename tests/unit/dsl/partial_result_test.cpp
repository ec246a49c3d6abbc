// A rulebase being edited has errors most of the time; an editor must still resolve its names.
// load_rulebase gives what the checker resolved (CheckedRulebase::partial), errors or not.
#include <gtest/gtest.h>

#include "puzle/frontend.hpp"
#include "puzle/names.hpp"

namespace puzle::partial_result_test {
namespace {

const char* const kMetamodel = R"(area ajuntament "Ajuntament" {
  domain admin "Administració" {
    block relacio "Relació" {
      element seu "Seu electrònica"
      element notificacions "Notificacions" { requires seu }
    }
  }
}
)";

TEST(PartialResult, ARulebaseWithErrorsStillResolvesItsNames) {
  // A type error: the checker runs, the program is refused, the partial result is there.
  const auto typed = load_rulebase_from_text(
      {{"m.pzl", kMetamodel}, {"r.pzl", "profile {\n  population: int\n}\nsegment s = population > \"x\"\n"}});
  ASSERT_TRUE(typed.diagnostics.has_errors());
  EXPECT_FALSE(typed.program);
  ASSERT_TRUE(typed.partial);
  const NodeNames names(*typed.partial);
  EXPECT_NE(names.element("notificacions"), ir::kNone);
  EXPECT_NE(names.element("relacio.seu"), ir::kNone);
  EXPECT_EQ(typed.partial->segments.size(), 1u);

  // A syntax error in one file: the other files' declarations still resolve.
  const auto broken = load_rulebase_from_text({{"m.pzl", kMetamodel}, {"r.pzl", "rule r\n  when population >\n"}});
  ASSERT_TRUE(broken.diagnostics.has_errors());
  EXPECT_EQ(broken.diagnostics.items().size(), 1u) << "only the syntax error is shown";
  ASSERT_TRUE(broken.partial);
  EXPECT_NE(NodeNames(*broken.partial).element("seu"), ir::kNone);

  // Without errors, the partial result is the program itself.
  const auto clean = load_rulebase_from_text({{"m.pzl", kMetamodel}});
  ASSERT_TRUE(clean.program);
  EXPECT_EQ(clean.partial, clean.program);
}

}  // namespace
}  // namespace puzle::partial_result_test
