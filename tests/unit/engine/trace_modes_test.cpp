// A trace of what fired only (EvalOptions::Trace::Fired) lets evaluation skip the rules that a
// false memoized test keeps from firing (SkipIndex, engine/rulebase/plan.hpp). It must not change what
// fires, what fails, the verdicts or the roadmap. And a result evaluated over a reused
// EvalResult must be the result evaluated afresh.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "eval_helper.hpp"
#include "generate_rulebase.hpp"
#include "puzle/render.hpp"
#include "rulebase/plan.hpp"

namespace puzle::trace_modes_test {
namespace {

using namespace testing_helpers;

EvalOptions options(EvalOptions::Trace trace) {
  EvalOptions o;
  o.date = *Date::parse("2026-01-01");
  o.trace = trace;
  return o;
}

// What a Fired trace keeps of a full one: the outcomes that fired or failed, in order.
std::vector<RuleOutcome> fired_or_failed(const EvalResult& full) {
  std::vector<RuleOutcome> out;
  for (const auto& o : full.outcomes)
    if (o.kind == RuleOutcome::Kind::Fired || o.kind == RuleOutcome::Kind::Error) out.push_back(o);
  return out;
}

// Everything but the trace: verdicts, errors and roadmap.
void expect_same_result(const EvalResult& a, const EvalResult& b) {
  EXPECT_EQ(a.errors, b.errors);
  ASSERT_EQ(a.verdicts.size(), b.verdicts.size());
  for (std::size_t e = 0; e < a.verdicts.size(); ++e) {
    SCOPED_TRACE("element " + std::to_string(e));
    EXPECT_EQ(a.verdicts[e].status, b.verdicts[e].status);
    EXPECT_EQ(a.verdicts[e].score, b.verdicts[e].score);
    EXPECT_EQ(a.verdicts[e].needed_by, b.verdicts[e].needed_by);
    EXPECT_EQ(a.verdicts[e].blocked_by, b.verdicts[e].blocked_by);
    EXPECT_EQ(a.verdicts[e].solutions, b.verdicts[e].solutions);
    EXPECT_EQ(a.verdicts[e].contributions_count, b.verdicts[e].contributions_count);
  }
  ASSERT_EQ(a.roadmap.placements.size(), b.roadmap.placements.size());
  for (std::size_t i = 0; i < a.roadmap.placements.size(); ++i) {
    EXPECT_EQ(a.roadmap.placements[i].element, b.roadmap.placements[i].element);
    EXPECT_EQ(a.roadmap.placements[i].phase, b.roadmap.placements[i].phase);
    EXPECT_EQ(a.roadmap.placements[i].rank, b.roadmap.placements[i].rank);
  }
  EXPECT_EQ(a.roadmap.unscheduled, b.roadmap.unscheduled);
}

void expect_same_outcomes(const std::vector<RuleOutcome>& a, const std::vector<RuleOutcome>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].rule, b[i].rule) << "outcome " << i;
    EXPECT_EQ(a[i].binding, b[i].binding) << "outcome " << i;
    EXPECT_EQ(a[i].kind, b[i].kind) << "outcome " << i;
    EXPECT_EQ(a[i].fault, b[i].fault) << "outcome " << i;
  }
}

// Evaluates both ways and compares them; returns how many outcomes the Fired trace kept.
std::size_t expect_fired_part_of_full(const Rulebase& rb, const Profile& profile) {
  const EvalResult full = evaluate(rb, profile, options(EvalOptions::Trace::Full));
  const EvalResult fired = evaluate(rb, profile, options(EvalOptions::Trace::Fired));
  expect_same_result(full, fired);
  expect_same_outcomes(fired_or_failed(full), fired.outcomes);
  return fired.outcomes.size();
}

const char* const kFiles[][2] = {
    {"schema.pzl", R"(profile {
  population: int = 1000
  province: enum { barcelona, girona, lleida, tarragona } = barcelona
  budget_eur: money = 0
  in_place: set<element> = []
  needs: set<element> = []
}
)"},
    {"metamodel.pzl", R"(area viure "Viure" {
  domain energia "Energia" {
    block llum "Llum" {
      element a "A" { cost 100 }
      element b "B" { requires a }
      element c "C"
      element d "D"
      element e1 "E1"
    }
  }
}
)"},
    // Faults before, after and inside the tests a skip could rest on: only the tests before
    // the first that may fail can keep a rule from running.
    {"rules.pzl", R"(segment costly = population * 100000000000000000000000000000 > 1
segment small = population < 10
rule fault_first
  when budget_eur * 100000000000000000000000000000 > 1 and population < 10
  suggest a
rule fault_after
  when population < 10 and budget_eur * 100000000000000000000000000000 > 1
  suggest b
rule fault_in_segment
  when costly and small
  suggest c
rule fault_in_where
  for e in needs where e.cost * 100000000000000000000000000000 * 100000 > 1
  when small
  suggest e
rule skipped_for
  for e in needs where not in_place(e)
  when small and province == girona
  boost e weight 3
rule fires
  when population >= 10 and not small
  suggest d
rule negated
  when not (province == girona) and budget_eur < 5
  penalize d weight 2
rule plain
  suggest e1
)"},
};

Rulebase faults_rulebase() {
  Files files;
  for (const auto& f : kFiles) files.emplace_back(f[0], f[1]);
  return make_rulebase(files);
}

TEST(TraceModes, SkippingNeverHidesAFaultNorAFiring) {
  const Rulebase rb = faults_rulebase();
  EXPECT_FALSE(plan_of(rb).skip_slots.empty()) << "the rulebase exercises skipping";
  for (const char* json : {R"({"population": 5, "province": "girona", "needs": ["a", "c"]})",
                           R"({"population": 5, "budget_eur": 1000000, "needs": ["a"]})",
                           R"({"population": 5000, "budget_eur": 1000000, "needs": ["a", "b"]})",
                           R"({"population": 100000000000000, "province": "lleida"})", R"({})"}) {
    SCOPED_TRACE(json);
    const Profile profile = make_profile(rb, json);
    expect_fired_part_of_full(rb, profile);
  }
}

TEST(TraceModes, TheFaultsAreTheOnesTheRulesMeet) {
  const Rulebase rb = faults_rulebase();
  const Profile profile = make_profile(rb, R"({"population": 5000, "budget_eur": 1000000, "needs": ["a"]})");
  const EvalResult fired = evaluate(rb, profile, options(EvalOptions::Trace::Fired));
  // fault_after stops at `population < 10`; the others meet their arithmetic first.
  std::vector<std::string> texts;
  for (const auto& e : fired.errors) texts.push_back(error_text(rb.program(), e));
  EXPECT_EQ(texts,
            (std::vector<std::string>{"rule 'fault_first': overflow in '*'", "rule 'fault_in_segment': overflow in '*'",
                                      "rule 'fault_in_where': overflow in '*'"}));
}

// The generated 3,000-rule shape at a smaller size, over varied generated profiles.
TEST(TraceModes, AFiredTraceOfAGeneratedRulebaseIsTheFiredPartOfTheFullOne) {
  bench::RulebaseShape shape;
  shape.elements = 120;
  shape.rules = 600;
  shape.rules_per_file = 200;
  const Rulebase rb = make_rulebase(bench::generate_rulebase(shape));
  const ir::Program& p = rb.program();
  std::istringstream lines(bench::generate_profiles(40));
  std::size_t fired_total = 0, i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    // Generated profiles declare no needs and nothing in place: add some, so that the rules'
    // `for e in needs` and `in_place(x)` tests vary too.
    std::string needs, in_place;
    for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
      const std::string id = "\"" + p.element_node(e).id + "\"";
      if ((e * 7 + i) % 9 == 0)
        needs += (needs.empty() ? "" : ",") + id;
      else if ((e * 5 + i) % 11 == 0)
        in_place += (in_place.empty() ? "" : ",") + id;
    }
    line.insert(line.rfind('}'), ", \"needs\": [" + needs + "], \"in_place\": [" + in_place + "]");
    SCOPED_TRACE(line);
    const Profile profile = make_profile(rb, line);
    fired_total += expect_fired_part_of_full(rb, profile);
  }
  EXPECT_GT(fired_total, 40u) << "the profiles make rules fire";
}

// A batch evaluates record after record into one result per worker.
TEST(TraceModes, AReusedResultIsTheFreshResult) {
  const Rulebase rb = faults_rulebase();
  std::vector<Profile> profiles;
  // The first puts b, which requires a, in the puzzle; the next ones do not.
  for (const char* json :
       {R"({"population": 5, "budget_eur": 1})", R"({"population": 5000, "budget_eur": 1000000, "needs": ["a", "b"]})",
        R"({"population": 5, "province": "girona", "needs": ["a", "c"], "in_place": ["c"]})", R"({})",
        R"({"population": 100000000000000, "province": "lleida"})"})
    profiles.push_back(make_profile(rb, json));
  for (const auto trace : {EvalOptions::Trace::Full, EvalOptions::Trace::Fired}) {
    EvalResult reused;
    for (int round = 0; round < 2; ++round)
      for (const Profile& profile : profiles) {
        EvalOptions o = options(trace);
        if (trace == EvalOptions::Trace::Full) o.explain = EvalOptions::Explain::All;  // records reused too
        evaluate(rb, profile, o, reused);
        const EvalResult fresh = evaluate(rb, profile, o);
        if (trace == EvalOptions::Trace::Full) {
          EXPECT_EQ(render_json_line({rb, profile, reused}), render_json_line({rb, profile, fresh}));
        }
        EXPECT_EQ(render_json({rb, profile, reused}, JsonView::Roadmap),
                  render_json({rb, profile, fresh}, JsonView::Roadmap));
        expect_same_result(reused, fresh);
        expect_same_outcomes(reused.outcomes, fresh.outcomes);
        EXPECT_EQ(reused.contribution_order, fresh.contribution_order);
        EXPECT_EQ(reused.segments, fresh.segments);
      }
  }
}

}  // namespace
}  // namespace puzle::trace_modes_test
