// Checker, output: the typed IR, its ids in sorted order, and its independence from the order of
// files and declarations.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checker_helper.hpp"
#include "test_files.hpp"

namespace puzle::checker_ir_test {
namespace {

using namespace checker_tests;
using test_files::slurp;

// ---- the typed IR -------------------------------------------------------------------------

std::string dec(const Decimal& d) { return d.to_string(); }
std::string dec(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }
std::string str(const std::optional<Date>& d) { return d ? d->to_string() : "-"; }

template <typename T>
std::string list(const std::vector<T>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ",";
    if constexpr (std::is_same_v<T, std::string>)
      out += v[i];
    else if constexpr (std::is_same_v<T, Decimal>)
      out += v[i].to_string();
    else
      out += std::to_string(v[i]);
  }
  return out + "]";
}

std::string labels(const std::vector<ir::Label>& ls) {
  std::string out;
  for (const auto& l : ls) out += " " + l.lang + "=\"" + l.text + "\"";
  return out;
}

std::string type(const ir::Type& t) {
  return std::to_string(static_cast<int>(t.kind)) + "/" + (t.field == ir::kNone ? "-" : std::to_string(t.field));
}

std::string value(const ir::Value& v) {
  return "{" + std::to_string(static_cast<int>(v.kind)) + " " + (v.boolean ? "T" : "F") + " " + dec(v.number) + " \"" +
         v.text + "\" " + (v.index == ir::kNone ? "-" : std::to_string(v.index)) + " " + list(v.elements) + " " +
         list(v.levels) + "}";
}

std::string id(ir::Id i) { return i == ir::kNone ? "-" : std::to_string(i); }

// Every field of a Program except source locations, which depend on where things are written.
std::string dump(const ir::Program& p) {
  std::ostringstream o;
  for (std::size_t i = 0; i < p.fields.size(); ++i) {
    const auto& f = p.fields[i];
    o << "field " << i << " " << f.name << " " << type(f.type) << " " << list(f.enum_values) << " " << dec(f.lo) << ".."
      << dec(f.hi) << " default " << (f.default_value ? value(*f.default_value) : "-") << "\n";
  }
  o << "key_field " << id(p.key_field) << "\n";
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const auto& n = p.nodes[i];
    o << "node " << i << " " << static_cast<int>(n.kind) << " " << n.id << " " << n.path << " parent " << id(n.parent)
      << " children " << list(n.children) << labels(n.labels) << " desc" << labels(n.descriptions) << " element "
      << id(n.element) << " area " << id(n.area) << "\n";
  }
  o << "areas " << list(p.areas) << "\n";
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const auto& e = p.elements[i];
    o << "element " << i << " node " << e.node << " area " << e.area << " domain " << e.domain << " block " << e.block
      << " effort " << dec(e.effort) << " cost " << dec(e.cost) << " requires " << list(e.requires_) << " solutions "
      << list(e.solutions) << "\n";
  }
  for (std::size_t i = 0; i < p.providers.size(); ++i) {
    const auto& v = p.providers[i];
    o << "provider " << i << " " << v.id << labels(v.labels) << " desc" << labels(v.descriptions) << " url " << v.url
      << " solutions " << list(v.solutions) << "\n";
  }
  for (std::size_t i = 0; i < p.solutions.size(); ++i) {
    const auto& s = p.solutions[i];
    o << "solution " << i << " " << s.id << " provider " << id(s.provider) << labels(s.labels) << " desc"
      << labels(s.descriptions) << " url " << s.url << " covers " << list(s.covers) << " eligible " << id(s.eligible)
      << "\n";
  }
  for (std::size_t i = 0; i < p.segments.size(); ++i) {
    const auto& s = p.segments[i];
    o << "segment " << i << " " << s.id << " \"" << s.label << "\" " << id(s.condition) << "\n";
  }
  for (std::size_t i = 0; i < p.rules.size(); ++i) {
    const auto& r = p.rules[i];
    o << "rule " << i << " " << r.id << " \"" << r.title << "\" sources " << list(r.sources) << " valid "
      << str(r.valid_from) << ".." << str(r.valid_until) << " for " << r.for_var << " in " << id(r.for_set) << " where "
      << id(r.where) << " when " << id(r.when) << "\n";
    for (const auto& e : r.effects)
      o << "  effect " << static_cast<int>(e.kind) << " " << id(e.target) << " " << dec(e.weight) << "\n";
    for (const auto& t : r.because) o << "  because \"" << t.text << "\" " << id(t.expr) << "\n";
  }
  for (std::size_t i = 0; i < p.phases.size(); ++i) {
    const auto& f = p.phases[i];
    o << "phase " << i << " " << f.id << " \"" << f.label << "\" size " << dec(f.size_min) << ".." << dec(f.size_max)
      << " effort " << dec(f.effort_min) << ".." << dec(f.effort_max) << " budget " << dec(f.budget_min) << ".."
      << dec(f.budget_max) << "\n";
  }
  for (std::size_t i = 0; i < p.tests.size(); ++i) {
    const auto& t = p.tests[i];
    o << "test " << i << " " << t.name << "\n";
    for (const auto& g : t.given) o << "  given " << value(g) << "\n";
    for (const auto& x : t.expectations)
      o << "  expect " << static_cast<int>(x.kind) << (x.negated ? " not " : " ") << id(x.element) << " phase "
        << id(x.phase) << " " << static_cast<int>(x.cmp) << " " << dec(x.value) << "\n";
  }
  for (std::size_t i = 0; i < p.exprs.size(); ++i) {
    const auto& e = p.exprs[i];
    o << "expr " << i << " op " << static_cast<int>(e.op) << " " << type(e.type) << " " << id(e.lhs) << " " << id(e.rhs)
      << " " << id(e.a) << " " << e.b << "\n";
  }
  for (std::size_t i = 0; i < p.constants.size(); ++i) o << "const " << i << " " << value(p.constants[i]) << "\n";
  o << "list_items " << list(p.list_items) << "\n";
  return o.str();
}

// Some declarations the minimal example lacks: covers, eligibility, a segment of a segment, a list,
// a key field.
const char* const kExtra = R"(profile {
  key ine_code: text = ""
}
provider gencat "Generalitat de Catalunya"
solution gencat.sentilo "Sentilo" {
  covers enllumenat_intelligent, seu_electronica
  eligible when province in [girona, lleida] and micro
}
segment micro_gironi = micro and province == girona
rule micro_gironi_boost
  when micro_gironi
  boost notificacions weight 5
  because "Municipi petit de Girona: {province}"
)";

// examples/minimal plus kExtra, one entry per file.
Files minimal_rulebase() {
  Files files;
  const std::filesystem::path dir = std::filesystem::path(PUZLE_SOURCE_DIR) / "examples" / "minimal";
  for (const char* name : {"metamodel.pzl", "profile.pzl", "rules.pzl", "solutions.pzl"})
    files.emplace_back(name, slurp(dir / name));
  files.emplace_back("extra.pzl", kExtra);
  return files;
}

// Splits a file into its top-level declarations (a line that starts with a keyword starts one).
std::vector<std::string> declarations(const std::string& text) {
  static const char* const kKeywords[] = {"profile ",  "area ",    "domain ", "block ",   "element ", "provider ",
                                          "solution ", "segment ", "rule ",   "roadmap ", "test "};
  std::vector<std::string> out(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    bool starts = false;
    for (const char* k : kKeywords) starts = starts || line.rfind(k, 0) == 0;
    if (starts && !out.back().empty()) out.emplace_back();
    out.back() += line + "\n";
  }
  return out;
}

TEST(CheckerIr, IdsAreInSortedOrder) {
  auto rb = check(minimal_rulebase());
  ASSERT_EQ(full(rb), "");
  ASSERT_NE(rb.program, nullptr);
  const auto& p = *rb.program;
  auto sorted = [](auto const& v, auto key) {
    return std::is_sorted(v.begin(), v.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  };
  EXPECT_TRUE(sorted(p.fields, [](const ir::Field& f) { return f.name; }));
  EXPECT_TRUE(sorted(p.nodes, [](const ir::Node& n) { return n.path; }));
  EXPECT_TRUE(sorted(p.areas, [&](ir::NodeId n) { return p.nodes[n].id; }));
  EXPECT_TRUE(sorted(p.elements, [&](const ir::Element& e) { return p.nodes[e.node].path; }));
  EXPECT_TRUE(sorted(p.providers, [](const ir::Provider& v) { return v.id; }));
  EXPECT_TRUE(sorted(p.solutions, [](const ir::Solution& s) { return s.id; }));
  EXPECT_TRUE(sorted(p.segments, [](const ir::Segment& s) { return s.id; }));
  EXPECT_TRUE(sorted(p.rules, [](const ir::Rule& r) { return r.id; }));
  EXPECT_TRUE(sorted(p.tests, [](const ir::Test& t) { return t.name; }));
  std::vector<std::string> fields, rules, phases;
  for (const auto& f : p.fields) fields.push_back(f.name);
  for (const auto& r : p.rules) rules.push_back(r.id);
  for (const auto& f : p.phases) phases.push_back(f.id);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"agenda_digital", "budget_eur", "comarca", "in_place", "in_progress", "ine_code",
                                      "maturity", "name", "needs", "objectives", "population", "province", "refused"}));
  EXPECT_EQ(rules, (std::vector<std::string>{"enllumenat_gran", "llei_39_2015_notificacions", "micro_gironi_boost",
                                             "necessitats_declarades", "no_enllumenat_micro"}));
  EXPECT_EQ(phases, (std::vector<std::string>{"curt", "mitja", "llarg"}));  // roadmap order, not sorted
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    EXPECT_EQ(p.nodes[p.elements[e].node].element, e);
    EXPECT_TRUE(std::is_sorted(p.elements[e].requires_.begin(), p.elements[e].requires_.end()));
    EXPECT_TRUE(std::is_sorted(p.elements[e].solutions.begin(), p.elements[e].solutions.end()));
  }
  for (const auto& s : p.solutions) EXPECT_TRUE(std::is_sorted(s.covers.begin(), s.covers.end()));
  ASSERT_NE(p.key_field, ir::kNone);
  EXPECT_EQ(p.fields[p.key_field].name, "ine_code");
}

TEST(CheckerIr, TheOrderOfFilesAndDeclarationsDoesNotChangeTheProgram) {
  const Files original = minimal_rulebase();
  auto base = check(original);
  ASSERT_EQ(full(base), "");
  ASSERT_NE(base.program, nullptr);
  const std::string expected = dump(*base.program);

  Files reversed(original.rbegin(), original.rend());
  auto rb = check(reversed);
  ASSERT_NE(rb.program, nullptr);
  EXPECT_EQ(dump(*rb.program), expected) << "files in reverse order";

  std::vector<std::string> decls;
  for (const auto& [name, text] : original)
    for (auto& d : declarations(text))
      if (!d.empty()) decls.push_back(std::move(d));
  ASSERT_GE(decls.size(), 20u);
  for (unsigned seed = 1; seed <= 5; ++seed) {
    std::mt19937 rng(seed);
    std::shuffle(decls.begin(), decls.end(), rng);
    Files shuffled(3);
    for (std::size_t i = 0; i < shuffled.size(); ++i) shuffled[i].first = "part" + std::to_string(i) + ".pzl";
    for (std::size_t i = 0; i < decls.size(); ++i) shuffled[i % 3].second += decls[i];
    auto s = check(shuffled);
    EXPECT_EQ(full(s), "") << "seed " << seed;
    ASSERT_NE(s.program, nullptr) << "seed " << seed;
    EXPECT_EQ(dump(*s.program), expected) << "declarations shuffled with seed " << seed;
  }
}

}  // namespace
}  // namespace puzle::checker_ir_test
