// Acknowledged warnings: how a diagnostic list counts and renders a warning that the rulebase
// acknowledges (`acknowledge W500 "reason"`).
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "puzle/diagnostic.hpp"

namespace puzle::acknowledge_test {
namespace {

// ---- the diagnostic list ------------------------------------------------------------------

struct Listed {
  SourceSet sources;
  Diagnostics diags;
  std::size_t error = 0, warning = 0, note = 0;
};

// A file with one error, one warning and one note, in that order of items.
Listed listed() {
  Listed l;
  const FileId f = l.sources.add("a.pzl", "segment petit = population < 1000\n");
  l.diags.add(Code::E200, Span{f, 16, 26}, "unknown name 'population'");
  l.warning = l.diags.items().size();
  l.diags.add(Code::W502, Span{f, 8, 13}, "segment 'petit' is never used", "use it in a rule's condition or remove it");
  l.note = l.diags.items().size();
  l.diags.add(Code::N503, Span{f, 8, 13}, "the analysis stopped");
  return l;
}

TEST(AcknowledgedDiagnostics, AnAcknowledgedWarningCountsApartFromTheWarnings) {
  Listed l = listed();
  EXPECT_EQ(l.diags.warning_count(), 1u);
  EXPECT_EQ(l.diags.acknowledged_count(), 0u);
  EXPECT_TRUE(l.diags.acknowledge(l.warning, "kept for 2027"));
  EXPECT_EQ(l.diags.error_count(), 1u);
  EXPECT_EQ(l.diags.warning_count(), 0u);
  EXPECT_EQ(l.diags.acknowledged_count(), 1u);
  EXPECT_EQ(l.diags.items()[l.warning].acknowledged, std::optional<std::string>("kept for 2027"));
  // Twice is still one; the last reason stays.
  EXPECT_TRUE(l.diags.acknowledge(l.warning, "kept for 2028"));
  EXPECT_EQ(l.diags.warning_count(), 0u);
  EXPECT_EQ(l.diags.acknowledged_count(), 1u);
  EXPECT_EQ(l.diags.items()[l.warning].acknowledged, std::optional<std::string>("kept for 2028"));
}

TEST(AcknowledgedDiagnostics, OnlyAWarningCanBeAcknowledged) {
  Listed l = listed();
  EXPECT_FALSE(l.diags.acknowledge(l.error, "no"));
  EXPECT_FALSE(l.diags.acknowledge(l.note, "no"));
  EXPECT_FALSE(l.diags.acknowledge(l.diags.items().size(), "no"));
  EXPECT_EQ(l.diags.error_count(), 1u);
  EXPECT_EQ(l.diags.warning_count(), 1u);
  EXPECT_EQ(l.diags.acknowledged_count(), 0u);
  for (const auto& d : l.diags.items()) EXPECT_FALSE(d.acknowledged.has_value());
}

TEST(AcknowledgedDiagnostics, SortingAndAppendingKeepTheAcknowledgement) {
  Listed l = listed();
  ASSERT_TRUE(l.diags.acknowledge(l.warning, "kept"));
  l.diags.sort();  // the warning and the note come first now (offset 8)
  EXPECT_EQ(l.diags.warning_count(), 0u);
  EXPECT_EQ(l.diags.acknowledged_count(), 1u);
  EXPECT_EQ(l.diags.items()[0].code, Code::W502);
  EXPECT_EQ(l.diags.items()[0].acknowledged, std::optional<std::string>("kept"));
  Diagnostics all;
  all.append(l.diags);
  EXPECT_EQ(all.error_count(), 1u);
  EXPECT_EQ(all.warning_count(), 0u);
  EXPECT_EQ(all.acknowledged_count(), 1u);
}

// ---- rendering ----------------------------------------------------------------------------

TEST(AcknowledgedDiagnostics, TextShowsTheReasonUnderTheSourceLine) {
  Listed l = listed();
  ASSERT_TRUE(l.diags.acknowledge(l.warning, "kept\nfor 2027"));  // user text: shown escaped
  EXPECT_EQ(render_text(l.diags.items()[l.warning], l.sources),
            "a.pzl:1:9: warning[W502]: segment 'petit' is never used\n"
            " 1 | segment petit = population < 1000\n"
            "   |         ^^^^^\n"
            "  acknowledged: kept\\nfor 2027\n"
            "  hint: use it in a rule's condition or remove it\n");
  // The others are as they were.
  EXPECT_EQ(render_text(l.diags.items()[l.error], l.sources).find("acknowledged"), std::string::npos);
}

TEST(AcknowledgedDiagnostics, JsonCarriesTheReasonAfterTheMessage) {
  Listed l = listed();
  ASSERT_TRUE(l.diags.acknowledge(l.warning, "kept \"on purpose\""));
  const auto j = nlohmann::ordered_json::parse(render_json(l.diags, l.sources));
  ASSERT_EQ(j.size(), 3u);
  EXPECT_FALSE(j[0].contains("acknowledged"));
  EXPECT_FALSE(j[2].contains("acknowledged"));
  EXPECT_EQ(j[1]["acknowledged"], "kept \"on purpose\"");
  EXPECT_EQ(j[1]["severity"], "warning");
  std::vector<std::string> keys;
  for (auto it = j[1].begin(); it != j[1].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"code", "severity", "file", "line", "column", "end_line", "end_column",
                                            "message", "acknowledged", "hint"}));
}

}  // namespace
}  // namespace puzle::acknowledge_test
