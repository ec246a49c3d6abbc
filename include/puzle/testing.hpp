// Public API: running a rulebase's own `test` blocks. Each test's `given` profile (defaults
// filled in by the checker) is evaluated, and each expectation is compared with the result.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "puzle/evaluate.hpp"

namespace puzle {

struct ExpectationResult {
  const ir::Expectation* expectation = nullptr;
  bool passed = false;
  std::string expected;  // the expectation, in words
  std::string actual;    // what happened
};

struct TestResult {
  const ir::Test* test = nullptr;
  std::vector<ExpectationResult> expectations;
  std::string explanation;  // explain / why-not text of the elements of failed expectations
  bool passed() const;
};

// Expectations: `suggested E` holds when E is in the puzzle to be done (required, suggested or
// needed); `required`, `excluded` and `blocked` when E has that status; `phase P contains E`
// when the roadmap puts E in P; `score E OP N` compares E's score. `not` negates.
std::vector<TestResult> run_tests(const Rulebase& rulebase, const EvalOptions& options);
// The day rule tests are judged on unless told otherwise: fixed, so that tests do not age.
inline constexpr std::string_view kTestDate = "2026-01-01";
std::string render_test_report(const Rulebase& rulebase, const std::vector<TestResult>& results);

}  // namespace puzle
