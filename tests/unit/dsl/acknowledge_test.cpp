// Acknowledged warnings (`acknowledge W500 "reason"`): how a diagnostic list counts and renders
// one, and what the checker makes of the clause: the warnings it matches on its declaration,
// stale acknowledgements (W504), and the clauses it refuses.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checker_helper.hpp"
#include "puzle/diagnostic.hpp"

namespace puzle::acknowledge_test {
namespace {

using namespace checker_tests;

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

// ---- the checker --------------------------------------------------------------------------

const char* const kMetamodel = R"(area ajuntament "Ajuntament" {
  domain admin "Administració electrònica" {
    block relacio "Relació" {
      element seu "Seu electrònica"
    }
  }
}
)";

CheckedRulebase check_rules(const std::string& rules) {
  return check({{"profile.pzl", kProfile}, {"model.pzl", kMetamodel}, {"rules.pzl", rules}});
}

// The diagnostics of rules.pzl, one per line: "line:col CODE message [acknowledged: reason]".
std::string listing(const CheckedRulebase& rb) {
  std::string out;
  for (const auto& d : rb.diagnostics.items()) {
    const auto lc = rb.sources.file(d.span.file).line_col(d.span.begin);
    out += std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + std::string(code_info(d.code).id) + " " +
           d.message + (d.acknowledged ? " [acknowledged: " + *d.acknowledged + "]" : "") + "\n";
  }
  return out;
}

TEST(Acknowledge, EveryKindOfWarningOnItsDeclaration) {
  auto rb = check_rules(R"(provider loc "Localret" {
  acknowledge W502 "its solutions come in 2027"
}

solution aoc.buida "Buida" {
  acknowledge W502 "covers elements of 2027"
}

provider aoc "Consorci AOC"

segment buit = population > 5000 and population < 1000
  acknowledge W501 "kept to show the contradiction"
  acknowledge W502 "no rule uses it yet"

rule mai
  acknowledge W500 "until the decree of 2027"
  when population < 1000 and population > 5000
  suggest seu

rule per_cada
  acknowledge W502 "the set is what matters"
  for e in needs
  suggest seu
)");
  EXPECT_EQ(listing(rb),
            "1:10 W502 provider 'loc' offers no solution [acknowledged: its solutions come in 2027]\n"
            "5:10 W502 solution 'aoc.buida' covers no element [acknowledged: covers elements of 2027]\n"
            "11:9 W501 segment 'buit' is empty: no profile satisfies 'population > 5000 and population < 1000' "
            "[acknowledged: kept to show the contradiction]\n"
            "11:9 W502 segment 'buit' is never used [acknowledged: no rule uses it yet]\n"
            "15:6 W500 rule 'mai' never fires: 'population < 1000 and population > 5000' can never be true "
            "[acknowledged: until the decree of 2027]\n"
            "22:7 W502 variable 'e' of rule 'per_cada' is never used [acknowledged: the set is what matters]\n");
  EXPECT_NE(rb.program, nullptr);
  EXPECT_EQ(rb.diagnostics.warning_count(), 0u);
  EXPECT_EQ(rb.diagnostics.acknowledged_count(), 6u);
}

TEST(Acknowledge, OnlyTheWarningsOfItsOwnDeclarationAndCode) {
  auto rb = check_rules(R"(rule mai
  acknowledge W500 "intended"
  for e in needs
  when population < 1000 and population > 5000
  suggest seu

rule tampoc
  when population < 1000 and population > 5000
  suggest seu
)");
  // The unused variable of 'mai' and the W500 of 'tampoc' are not acknowledged.
  EXPECT_EQ(listing(rb),
            "1:6 W500 rule 'mai' never fires: 'population < 1000 and population > 5000' can never be true "
            "[acknowledged: intended]\n"
            "3:7 W502 variable 'e' of rule 'mai' is never used\n"
            "7:6 W500 rule 'tampoc' never fires: 'population < 1000 and population > 5000' can never be true\n");
  EXPECT_EQ(rb.diagnostics.warning_count(), 2u);
  EXPECT_EQ(rb.diagnostics.acknowledged_count(), 1u);
}

TEST(Acknowledge, AnAcknowledgementThatMatchesNoWarningIsStale) {
  auto rb = check_rules(R"(segment petit = population < 1000
  acknowledge W501 "it was empty once"

rule seu_petits
  acknowledge W500 "the bounds were swapped"
  when petit
  suggest seu
)");
  EXPECT_EQ(full(rb),
            "rules.pzl:2:15: warning[W504]: segment 'petit' acknowledges W501, but no W501 is reported on it\n"
            " 2 |   acknowledge W501 \"it was empty once\"\n"
            "   |               ^^^^\n"
            "  hint: remove the acknowledgement: the warning it was for is gone\n"
            "rules.pzl:5:15: warning[W504]: rule 'seu_petits' acknowledges W500, but no W500 is reported on it\n"
            " 5 |   acknowledge W500 \"the bounds were swapped\"\n"
            "   |               ^^^^\n"
            "  hint: remove the acknowledgement: the warning it was for is gone\n");
  EXPECT_NE(rb.program, nullptr);
  EXPECT_EQ(rb.diagnostics.warning_count(), 2u);
  EXPECT_EQ(rb.diagnostics.acknowledged_count(), 0u);
}

// With errors the contradictions are not looked for: no acknowledgement can be called stale.
TEST(Acknowledge, NotStaleWhileTheRulebaseHasErrors) {
  auto rb = check_rules(R"(rule mai
  acknowledge W500 "intended"
  when population < 1000 and population > 5000
  suggest seu

rule trencada
  suggest no_existeix
)");
  EXPECT_EQ(brief(rb), "rules.pzl:7:11: E200 unknown element 'no_existeix'\n");
}

// Where the analysis gave up (N503) it did not look for the warning: not stale either.
TEST(Acknowledge, NotStaleWhereTheAnalysisGaveUp) {
  std::string rules = "segment s0 = population > 1\n";
  for (int i = 1; i <= 7; ++i) {
    const std::string p = "s" + std::to_string(i - 1);
    rules += "segment s" + std::to_string(i) + " = " + p + " and " + p + " or not " + p + "\n";
  }
  rules += "  acknowledge W501 \"too large to analyse, and meant to be\"\n  acknowledge W502 \"kept\"\n";
  auto rb = check_rules(rules);
  std::string codes;
  for (const auto& d : rb.diagnostics.items())
    codes += std::string(code_info(d.code).id) + (d.acknowledged ? "+" : "") + " ";
  EXPECT_EQ(codes, "W502+ N503 ");
}

TEST(Acknowledge, OnlyWarningCodesCanBeAcknowledged) {
  auto rb = check_rules(R"(segment petit = population < 1000
  acknowledge E300 "x"
  acknowledge w502 "x"
  acknowledge W599 "x"
  acknowledge N503 "x"
  acknowledge W504 "x"
)");
  EXPECT_EQ(full(rb),
            "rules.pzl:2:15: error[E203]: 'E300' is an error, not a warning: only warnings can be acknowledged\n"
            " 2 |   acknowledge E300 \"x\"\n"
            "   |               ^^^^\n"
            "  hint: fix the error; acknowledge only W500, W501 or W502\n"
            "rules.pzl:3:15: error[E200]: unknown warning code 'w502'\n"
            " 3 |   acknowledge w502 \"x\"\n"
            "   |               ^^^^\n"
            "  hint: did you mean 'W502'?\n"
            "rules.pzl:4:15: error[E200]: unknown warning code 'W599'\n"
            " 4 |   acknowledge W599 \"x\"\n"
            "   |               ^^^^\n"
            "  hint: acknowledge one of the checker's warnings: W500, W501 or W502\n"
            "rules.pzl:5:15: error[E203]: 'N503' is a note, not a warning: only warnings can be acknowledged\n"
            " 5 |   acknowledge N503 \"x\"\n"
            "   |               ^^^^\n"
            "  hint: a note fails nothing; remove the acknowledgement\n"
            "rules.pzl:6:15: error[E203]: 'W504' cannot be acknowledged: it reports an acknowledgement that is stale\n"
            " 6 |   acknowledge W504 \"x\"\n"
            "   |               ^^^^\n"
            "  hint: remove the stale acknowledgement instead\n");
  EXPECT_EQ(rb.program, nullptr);
}

TEST(Acknowledge, TheReasonIsRequired) {
  auto rb = check_rules(R"(provider aoc "Consorci AOC" {
  acknowledge W502 ""
}

rule mai
  acknowledge W500 "  "
  when population < 1000 and population > 5000
  suggest seu
)");
  EXPECT_EQ(full(rb),
            "rules.pzl:2:20: error[E305]: the acknowledgement of 'W502' on provider 'aoc' gives no reason\n"
            " 2 |   acknowledge W502 \"\"\n"
            "   |                    ^^\n"
            "  hint: say why the warning is intended, e.g. acknowledge W502 \"kept on purpose until the decree of "
            "2027\"\n"
            "rules.pzl:6:20: error[E305]: the acknowledgement of 'W500' on rule 'mai' gives no reason\n"
            " 6 |   acknowledge W500 \"  \"\n"
            "   |                    ^^^^\n"
            "  hint: say why the warning is intended, e.g. acknowledge W500 \"kept on purpose until the decree of "
            "2027\"\n");
  EXPECT_EQ(rb.program, nullptr);
}

TEST(Acknowledge, OneAcknowledgementPerCodeAndDeclaration) {
  auto rb = check_rules(R"(rule mai
  acknowledge W500 "one reason"
  acknowledge W500 "another"
  when population < 1000 and population > 5000
  suggest seu
)");
  EXPECT_EQ(full(rb),
            "rules.pzl:3:15: error[E205]: 'W500' is acknowledged twice on rule 'mai'\n"
            " 3 |   acknowledge W500 \"another\"\n"
            "   |               ^^^^\n"
            "  hint: keep one acknowledgement, with every reason in it\n"
            "  note: rules.pzl:2:15: first acknowledged here\n");
}

TEST(Acknowledge, AWarningDeclarationTakesNone) {
  auto rb = check_rules(R"(warning poc_pressupost "Poc pressupost"
  acknowledge W500 "no"
  when budget == 0
  because "Sense pressupost"
)");
  EXPECT_EQ(brief(rb), "rules.pzl:2:3: E405 'acknowledge' does not apply to warning 'poc_pressupost'\n");
}

}  // namespace
}  // namespace puzle::acknowledge_test
