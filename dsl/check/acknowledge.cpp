// dsl layer (checker), acknowledged warnings: `acknowledge W500 "reason"` on a rule, a segment,
// a provider or a solution. Pass "acknowledgements" checks each clause (a warning's code, a
// reason, once per declaration); pass "acknowledge", the last, marks the warnings each one
// matches on its declaration, and reports one that matches none (W504), so that an
// acknowledgement never outlives its warning unseen.
#include <algorithm>
#include <variant>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\n\r") == std::string::npos; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

bool acknowledgeable(const CodeInfo& c) { return c.severity == Severity::Warning && c.code != Code::W504; }

std::string acknowledgeable_list() {
  std::string out;
  std::vector<std::string_view> ids;
  for (const auto& c : all_codes())
    if (acknowledgeable(c)) ids.push_back(c.id);
  for (std::size_t i = 0; i < ids.size(); ++i)
    out += std::string(i == 0 ? "" : i + 1 == ids.size() ? " or " : ", ") + std::string(ids[i]);
  return out;
}

// The warning's code an acknowledgement names; reports E200 or E203 and gives nullopt otherwise.
std::optional<Code> warning_code(CheckContext& cx, const ast::Acknowledgement& a) {
  const std::string& id = a.code.text;
  for (const auto& c : all_codes()) {
    if (c.id != id) continue;
    if (acknowledgeable(c)) return c.code;
    if (c.code == Code::W504)
      cx.error(Code::E203, a.code.span, "'W504' cannot be acknowledged: it reports an acknowledgement that is stale",
               "remove the stale acknowledgement instead");
    else
      cx.error(Code::E203, a.code.span,
               "'" + id + "' is " + (c.severity == Severity::Error ? "an error" : "a note") +
                   ", not a warning: only warnings can be acknowledged",
               c.severity == Severity::Error ? "fix the error; acknowledge only " + acknowledgeable_list()
                                             : "a note fails nothing; remove the acknowledgement");
    return std::nullopt;
  }
  std::string hint = "acknowledge one of the checker's warnings: " + acknowledgeable_list();
  for (const auto& c : all_codes())
    if (acknowledgeable(c) && same_ignoring_case(id, c.id)) hint = "did you mean '" + std::string(c.id) + "'?";
  cx.error(Code::E200, a.code.span, "unknown warning code '" + id + "'", hint);
  return std::nullopt;
}

void collect(CheckContext& cx, const std::vector<ast::Acknowledgement>& acks, Span decl, const std::string& owner) {
  std::vector<std::pair<Code, Span>> given;  // the codes already acknowledged here
  for (const auto& a : acks) {
    const auto code = warning_code(cx, a);
    const bool reason = !blank(a.reason.value);
    if (!reason)
      cx.error(Code::E305, a.reason.span,
               "the acknowledgement of '" + a.code.text + "' on " + owner + " gives no reason",
               "say why the warning is intended, e.g. acknowledge " + a.code.text +
                   " \"kept on purpose until the decree of 2027\"");
    if (!code) continue;
    auto same = std::find_if(given.begin(), given.end(), [&](const auto& g) { return g.first == *code; });
    if (same != given.end()) {
      auto& d = cx.error(Code::E205, a.code.span, "'" + a.code.text + "' is acknowledged twice on " + owner,
                         "keep one acknowledgement, with every reason in it");
      cx.note(d, same->second, "first acknowledged here");
      continue;
    }
    given.emplace_back(*code, a.code.span);
    if (reason) cx.acknowledgements.push_back({*code, decl, a.code.span, a.reason.value, owner});
  }
}

bool within(Span inner, Span outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

}  // namespace

void acknowledgements(CheckContext& cx) {
  for (const auto& m : cx.modules) {
    for (const auto& decl : m.decls) {
      if (const auto* r = std::get_if<ast::RuleDecl>(&decl)) {
        if (!r->warning) {
          collect(cx, r->acknowledgements, r->span, "rule '" + r->name.text + "'");
          continue;
        }
        for (const auto& a : r->acknowledgements)
          cx.error(Code::E405, a.span, "'acknowledge' does not apply to warning '" + r->name.text + "'",
                   "the checker reports no warning on a warning declaration; remove the acknowledgement");
      } else if (const auto* s = std::get_if<ast::SegmentDecl>(&decl)) {
        collect(cx, s->acknowledgements, s->span, "segment '" + s->name.text + "'");
      } else if (const auto* p = std::get_if<ast::ProviderDecl>(&decl)) {
        collect(cx, p->acknowledgements, p->span, "provider '" + p->name.text + "'");
      } else if (const auto* sol = std::get_if<ast::SolutionDecl>(&decl)) {
        collect(cx, sol->acknowledgements, sol->span, "solution '" + sol->name.joined() + "'");
      }
    }
  }
}

void acknowledge(CheckContext& cx) {
  // With errors, lint did not run: an acknowledgement without its warning proves nothing then.
  const bool linted = !cx.diags.has_errors();
  std::vector<const CheckContext::Acknowledgement*> stale;
  for (const auto& ack : cx.acknowledgements) {
    bool matched = false, gave_up = false;
    for (std::size_t i = 0; i < cx.diags.items().size(); ++i) {
      const Diagnostic& d = cx.diags.items()[i];
      if (!within(d.span, ack.decl)) continue;
      gave_up = gave_up || d.code == Code::N503;  // the analysis did not look for W500 or W501 here
      if (d.code == ack.code) matched = cx.diags.acknowledge(i, ack.reason) || matched;
    }
    if (!matched && linted && !gave_up) stale.push_back(&ack);
  }
  for (const auto* ack : stale) {
    const std::string id(code_info(ack->code).id);
    cx.error(Code::W504, ack->at, ack->owner + " acknowledges " + id + ", but no " + id + " is reported on it",
             "remove the acknowledgement: the warning it was for is gone");
  }
}

}  // namespace puzle::check
