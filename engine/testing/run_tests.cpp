// engine layer: the rule-test runner (`puzle test`): the rulebase's `test` blocks evaluated
// and their expectations judged, each failure with the explanation of its element.
#include "puzle/testing.hpp"

#include <algorithm>

#include "puzle/render.hpp"
#include "render/explain_model.hpp"
#include "text/display.hpp"

namespace puzle {
namespace {

const char* cmp_text(ir::Op op) { return ir::op_info(op).dump; }  // a comparison: "<", "==", ...

bool compare(const Decimal& a, ir::Op op, const Decimal& b) {
  switch (op) {
    case ir::Op::Ne: return a != b;
    case ir::Op::Lt: return a < b;
    case ir::Op::Le: return a <= b;
    case ir::Op::Gt: return a > b;
    case ir::Op::Ge: return a >= b;
    default: return a == b;
  }
}

ir::PhaseId phase_of(const EvalResult& r, ir::ElementId e) {
  for (const auto& pl : r.roadmap.placements)
    if (pl.element == e) return pl.phase;
  return ir::kNone;
}

}  // namespace

bool TestResult::passed() const {
  for (const auto& e : expectations)
    if (!e.passed) return false;
  return true;
}

// `expect [not] warning CODE`: whether the warning holds for the profile, and which ones did.
ExpectationResult warning_result(const ir::Program& p, const EvalResult& r, const ir::Expectation& x) {
  ExpectationResult er;
  er.expectation = &x;
  const std::string code = p.warnings[x.warning].id;
  er.expected = std::string("expect ") + (x.negated ? "not " : "") + "warning " + code;
  std::string found;
  bool holds = false;
  for (const ProfileWarning& w : r.warnings) {
    holds = holds || w.warning == x.warning;
    found += (found.empty() ? "" : ", ") + p.warnings[w.warning].id +
             (w.binding == ir::kNone ? "" : " (" + p.element_node(w.binding).id + ")");
  }
  er.passed = holds != x.negated;
  er.actual = found.empty() ? "no warning holds" : "the warnings that hold are: " + found;
  return er;
}

std::vector<TestResult> run_tests(const Rulebase& rb, const EvalOptions& options) {
  const ir::Program& p = rb.program();
  std::vector<TestResult> out;
  for (const ir::Test& t : p.tests) {
    const Profile profile{t.given, "", "test \"" + t.name + "\"", rb.digest()};  // validated by the checker
    EvalOptions explained = options;  // a failure shows the element's explanation
    explained.trace = EvalOptions::Trace::Full;
    explained.explain = EvalOptions::Explain::All;
    const EvalResult r = evaluate(rb, profile, explained);
    const RenderInput in{rb, profile, r};
    TestResult tr;
    tr.test = &t;
    std::vector<ir::ElementId> explain;
    for (const ir::Expectation& x : t.expectations) {
      if (x.kind == ir::Expectation::Kind::Warning) {
        tr.expectations.push_back(warning_result(p, r, x));
        continue;
      }
      const Verdict& v = r.verdicts[x.element];
      const std::string id = p.element_node(x.element).id;
      ExpectationResult er;
      er.expectation = &x;
      const std::string no = x.negated ? "not " : "";
      bool holds = false;
      switch (x.kind) {
        case ir::Expectation::Kind::Suggested:
          holds = in_puzzle(v.status);
          er.expected = "expect " + no + "suggested " + id;
          break;
        case ir::Expectation::Kind::Required:
          holds = v.status == Status::Required;
          er.expected = "expect " + no + "required " + id;
          break;
        case ir::Expectation::Kind::Excluded:
          holds = v.status == Status::Excluded;
          er.expected = "expect " + no + "excluded " + id;
          break;
        case ir::Expectation::Kind::Blocked:
          holds = v.status == Status::Blocked;
          er.expected = "expect " + no + "blocked " + id;
          break;
        case ir::Expectation::Kind::PhaseContains: {
          const ir::PhaseId ph = phase_of(r, x.element);
          holds = ph == x.phase;
          er.expected = "expect " + no + "phase " + p.phases[x.phase].id + " contains " + id;
          break;
        }
        case ir::Expectation::Kind::Score:
          holds = compare(v.score, x.cmp, x.value);
          er.expected = "expect score " + id + " " + cmp_text(x.cmp) + " " + x.value.to_string();
          break;
        case ir::Expectation::Kind::Warning: break;  // warning_result, above
      }
      er.passed = holds != x.negated;
      const ir::PhaseId ph = phase_of(r, x.element);
      er.actual = id + " is " + status_name(v.status) + ", score " + v.score.to_string() +
                  (ph == ir::kNone ? ", not on the roadmap" : ", in phase " + p.phases[ph].id);
      if (!er.passed && std::find(explain.begin(), explain.end(), x.element) == explain.end()) {
        explain.push_back(x.element);
        tr.explanation += in_puzzle(v.status) ? render_explain_text(in, x.element) : render_why_not_text(in, x.element);
      }
      tr.expectations.push_back(std::move(er));
    }
    out.push_back(std::move(tr));
  }
  return out;
}

std::string render_test_report(const Rulebase& rb, const std::vector<TestResult>& results) {
  std::string out;
  std::size_t passed = 0, failed = 0;
  for (const auto& tr : results) {
    const auto at = explain::where(RenderInput{rb, Profile{}, EvalResult{}}, tr.test->span);
    if (tr.passed()) {
      ++passed;
      out += "ok    " + text::one_line(tr.test->name) + "\n";
      continue;
    }
    ++failed;
    out += "FAIL  " + text::one_line(tr.test->name) + "   " + text::one_line(at.file) + ":" + std::to_string(at.line) +
           "\n";
    for (const auto& e : tr.expectations) {
      if (e.passed) continue;
      const auto ea = explain::where(RenderInput{rb, Profile{}, EvalResult{}}, e.expectation->span);
      out += "      " + e.expected + "   (line " + std::to_string(ea.line) + ")\n";
      out += "      but " + text::one_line(e.actual) + "\n";
    }
    std::string indented;
    for (std::size_t i = 0, start = 0; i <= tr.explanation.size(); ++i)
      if (i == tr.explanation.size() || tr.explanation[i] == '\n') {
        if (i > start) indented += "      | " + tr.explanation.substr(start, i - start) + "\n";
        start = i + 1;
      }
    out += indented;
  }
  out += std::to_string(passed) + " passed, " + std::to_string(failed) + " failed\n";
  return out;
}

}  // namespace puzle
