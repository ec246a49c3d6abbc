// dsl layer (checker), pass "declare": collects the named declarations of every module
// (profile fields, providers, solutions, segments, rules, tests, the roadmap), reports
// duplicates, and assigns ids in sorted-name order so that file order never matters.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <variant>

#include "check/context.hpp"
#include "check/passes.hpp"

namespace puzle::check {
namespace {

// A link a reader may follow: a web page or a mail address. Anything else (javascript:, data:,
// a file path) would become a live link in `puzle doc --format html`, so it is refused here.
std::string checked_url(CheckContext& cx, const ast::Text& url) {
  for (const char* scheme : {"https://", "http://", "mailto:"})
    if (url.value.rfind(scheme, 0) == 0 && url.value.size() > std::string_view(scheme).size()) return url.value;
  cx.error(Code::E305, url.span, "url \"" + url.value + "\" is not a web or mail address",
           "write an address that starts with https://, http:// or mailto:");
  return {};
}

template <typename Decl>
struct Named {
  std::string name;
  Span span;
  Located<Decl> where;
};

bool source_before(Span a, Span b) { return a.file != b.file ? a.file < b.file : a.begin < b.begin; }

// Sorts by name, reports every later duplicate, returns the survivors in name order.
template <typename Decl>
std::vector<Named<Decl>> unique_sorted(CheckContext& cx, std::vector<Named<Decl>> items, const char* what) {
  // (name, position) is a total order, since two declarations never share a position: a plain
  // sort gives the same order as a stable one, faster, and one compare() per step. It sorts
  // indices: a swap then moves 4 bytes, not a name and its locations.
  std::vector<std::uint32_t> order(items.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&items](std::uint32_t i, std::uint32_t j) {
    const auto& a = items[i];
    const auto& b = items[j];
    if (int c = a.name.compare(b.name)) return c < 0;
    return source_before(a.span, b.span);
  });
  std::vector<Named<Decl>> out;
  out.reserve(items.size());
  for (auto i : order) {
    auto& item = items[i];
    if (!out.empty() && out.back().name == item.name) {
      auto& d = cx.error(Code::E201, item.span, std::string(what) + " '" + item.name + "' is declared twice",
                         "rename one of them or remove the duplicate");
      cx.note(d, out.back().span, "first declared here");
      continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

std::vector<ir::Label> localized_labels(CheckContext& cx, const std::optional<ast::Text>& main,
                                        const std::vector<ast::Localized>& extra, const char* what) {
  std::vector<ir::Label> out;
  std::vector<Span> spans;
  if (main) {
    out.push_back({"ca", main->value});
    spans.push_back(main->span);
  }
  for (const auto& l : extra) {
    std::string lang = l.lang ? l.lang->text : "ca";
    auto same = std::find_if(out.begin(), out.end(), [&](const ir::Label& x) { return x.lang == lang; });
    if (same != out.end()) {
      auto& d = cx.error(Code::E205, l.text.span, std::string(what) + " in language '" + lang + "' is given twice");
      cx.note(d, spans[static_cast<std::size_t>(same - out.begin())], "first given here");
      continue;
    }
    out.push_back({lang, l.text.value});
    spans.push_back(l.text.span);
  }
  return out;
}

void declare(CheckContext& cx) {
  std::vector<Named<ast::ProfileField>> fields;
  std::vector<Named<ast::ProviderDecl>> providers;
  std::vector<Named<ast::SolutionDecl>> solutions;
  std::vector<Named<ast::SegmentDecl>> segments;
  std::vector<Named<ast::RuleDecl>> rules;
  std::vector<Named<ast::RuleDecl>> warnings;
  std::vector<Named<ast::TestDecl>> tests;

  for (const auto& m : cx.modules) {
    for (const auto& decl : m.decls) {
      if (auto* p = std::get_if<ast::ProfileDecl>(&decl)) {
        for (const auto& f : p->fields) fields.push_back({f.name.text, f.name.span, {&m, &f}});
      } else if (auto* pr = std::get_if<ast::ProviderDecl>(&decl)) {
        providers.push_back({pr->name.text, pr->name.span, {&m, pr}});
      } else if (auto* s = std::get_if<ast::SolutionDecl>(&decl)) {
        solutions.push_back({s->name.joined(), s->name.span, {&m, s}});
      } else if (auto* sg = std::get_if<ast::SegmentDecl>(&decl)) {
        segments.push_back({sg->name.text, sg->name.span, {&m, sg}});
      } else if (auto* r = std::get_if<ast::RuleDecl>(&decl)) {
        (r->warning ? warnings : rules).push_back({r->name.text, r->name.span, {&m, r}});
      } else if (auto* t = std::get_if<ast::TestDecl>(&decl)) {
        tests.push_back({t->name.value, t->name.span, {&m, t}});
      } else if (auto* rm = std::get_if<ast::RoadmapDecl>(&decl)) {
        if (cx.roadmap) {
          auto& d = cx.error(Code::E406, rm->span, "the roadmap is declared twice",
                             "a rulebase has one roadmap; merge the phases into it");
          cx.note(d, cx.roadmap->decl->span, "first declared here");
        } else {
          cx.roadmap = Located<ast::RoadmapDecl>{&m, rm};
        }
      }
    }
  }

  for (auto& f : unique_sorted(cx, std::move(fields), "profile field")) {
    cx.fields[f.name] = static_cast<ir::FieldId>(cx.program.fields.size());
    ir::Field field;
    field.name = f.name;
    field.span = f.span;
    cx.program.fields.push_back(std::move(field));
    cx.field_decls.push_back(f.where);
  }
  for (auto& p : unique_sorted(cx, std::move(providers), "provider")) {
    cx.providers[p.name] = static_cast<ir::ProviderId>(cx.program.providers.size());
    ir::Provider prov;
    prov.id = p.name;
    prov.labels = localized_labels(cx, p.where.decl->label, p.where.decl->labels, "label");
    prov.descriptions = localized_labels(cx, std::nullopt, p.where.decl->descriptions, "description");
    if (p.where.decl->url) prov.url = checked_url(cx, *p.where.decl->url);
    prov.span = p.span;
    cx.program.providers.push_back(std::move(prov));
    cx.provider_decls.push_back(p.where);
  }
  for (auto& s : unique_sorted(cx, std::move(solutions), "solution")) {
    cx.solutions[s.name] = static_cast<ir::SolutionId>(cx.program.solutions.size());
    ir::Solution sol;
    sol.id = s.name;
    sol.labels = localized_labels(cx, s.where.decl->label, s.where.decl->labels, "label");
    sol.descriptions = localized_labels(cx, std::nullopt, s.where.decl->descriptions, "description");
    if (s.where.decl->url) sol.url = checked_url(cx, *s.where.decl->url);
    sol.span = s.span;
    cx.program.solutions.push_back(std::move(sol));
    cx.solution_decls.push_back(s.where);
  }
  for (auto& s : unique_sorted(cx, std::move(segments), "segment")) {
    if (cx.fields.count(s.name)) {
      auto& d = cx.error(Code::E201, s.span, "segment '" + s.name + "' has the name of a profile field",
                         "give the segment another name");
      cx.note(d, cx.program.fields[cx.fields[s.name]].span, "the field is declared here");
      continue;
    }
    cx.segments[s.name] = static_cast<ir::SegmentId>(cx.program.segments.size());
    ir::Segment seg;
    seg.id = s.name;
    if (s.where.decl->label) seg.label = s.where.decl->label->value;
    seg.span = s.where.decl->span;
    cx.program.segments.push_back(std::move(seg));
    cx.segment_decls.push_back(s.where);
  }
  cx.segment_used.assign(cx.program.segments.size(), false);
  cx.segment_refs.assign(cx.program.segments.size(), {});
  auto unique_rules = unique_sorted(cx, std::move(rules), "rule");
  cx.program.rules.reserve(unique_rules.size());  // the largest table: no copies while it grows
  cx.rule_decls.reserve(unique_rules.size());
  for (auto& r : unique_rules) {
    ir::Rule rule;
    rule.id = r.name;
    rule.span = r.where.decl->span;
    cx.program.rules.push_back(std::move(rule));
    cx.rule_decls.push_back(r.where);
  }
  for (auto& w : unique_sorted(cx, std::move(warnings), "warning")) {
    ir::Rule warning;
    warning.id = w.name;
    warning.span = w.where.decl->span;
    cx.program.warnings.push_back(std::move(warning));
    cx.warning_decls.push_back(w.where);
  }
  for (auto& t : unique_sorted(cx, std::move(tests), "test")) {
    ir::Test test;
    test.name = t.name;
    test.span = t.where.decl->span;
    cx.program.tests.push_back(std::move(test));
    cx.test_decls.push_back(t.where);
  }
}

}  // namespace puzle::check
