// `puzle doc`: the browsable view of a rulebase, in Markdown and HTML.
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "eval_helper.hpp"
#include "puzle/doc.hpp"

namespace puzle::doc_test {
namespace {

using testing_helpers::Files;
using testing_helpers::make_rulebase;

const Files kFiles = {{"model.pzl", R"(area ajuntament "Ajuntament" {
  label es "Ayuntamiento"
  domain admin "Administració electrònica" {
    block relacio "Relació <electrònica>" {
      element seu "Seu electrònica" {
        label en "E-office"
        description "Tràmits amb garanties & signatura"
        effort 1
        cost 1500
        city_scale
      }
      element notificacions "Notificacions" {
        requires seu
        effort 0.5
        maturity 2
      }
    }
  }
}
)"},
                      {"rules.pzl", R"(profile {
  population: int
  maturity: level[area] 0..5 = 0
}
segment petit "Fins a 5.000" = population <= 5000
provider aoc "Consorci AOC" {
  url "https://www.aoc.cat"
  serves when petit
}
solution aoc.enotum "e-NOTUM" {
  covers notificacions
  eligible when population < 20000
  cost 0
}
warning massa_gran "Massa gran"
  when population > 10000000
  because "{population} habitants"
roadmap {
  priority {
    required 40
    quick_win 20 effort ..0.5
  }
  phase curt "Curt termini" size 3..4
}
rule llei_notificacions "Notificacions obligatòries"
  source "Llei 39/2015, art. 41"
  valid from 2016-10-02
  require notificacions due 2020-10-02
rule seu_petit
  when petit
  suggest seu weight 20
  penalize notificacions weight 5
)"}};

// Every in-page link target (#x) of a page has an element with that id.
void expect_links_resolve(const std::string& page, const std::regex& link, const std::regex& anchor) {
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), anchor); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  int links = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator(); ++it, ++links)
    EXPECT_TRUE(ids.count((*it)[1])) << "dangling link #" << (*it)[1];
  EXPECT_GT(links, 5);
}

TEST(Doc, MarkdownShowsTheModelSolutionsSegmentsAndRules) {
  const auto rb = make_rulebase(kFiles);
  const std::string md = render_rulebase_doc(rb, DocFormat::Markdown);
  EXPECT_NE(
      md.find("1 area · 1 domain · 1 block · 2 elements · 1 provider · 1 solution · 1 segment · 2 rules · 0 tests"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("**Seu electrònica** `seu` — *en: E-office*"), std::string::npos);
  EXPECT_NE(md.find("Tràmits amb garanties & signatura"), std::string::npos);
  EXPECT_NE(md.find("effort 0.5 · needs maturity 2 (ajuntament) · requires [Seu"), std::string::npos) << md;
  EXPECT_NE(md.find("effort 1 · cost 1500 € · city scale · needed by [Notificacions](#ajuntament.admin.relacio."
                    "notificacions)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("solutions: Consorci AOC · e-NOTUM · rules: [`llei_notificacions`](#rule-llei_notificacions) "
                    "require due 2020-10-02, "
                    "[`seu_petit`](#rule-seu_petit) penalize -5"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("eligible: `population < 20000` · cost: free"), std::string::npos) << md;
  EXPECT_NE(md.find("Own provider of: `petit`"), std::string::npos) << md;
  EXPECT_NE(md.find("- <a id=\"warning-massa_gran\"></a>`massa_gran` Massa gran (rules.pzl:"), std::string::npos) << md;
  EXPECT_NE(md.find("| `petit` | Fins a 5.000 | `population <= 5000` |"), std::string::npos);
  EXPECT_NE(md.find("Ranking: score + `required 40, quick_win 20 effort ..0.5`.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("1. **Curt termini** `curt`: size 3..4"), std::string::npos);
  EXPECT_NE(md.find("`llei_notificacions` Notificacions obligatòries (rules.pzl:25): require notificacions due "
                    "2020-10-02 · in force from "
                    "2016-10-02 · Llei 39/2015, art. 41"),
            std::string::npos)
      << md;
  // Markdown specials in labels are escaped, so a label cannot open a tag.
  EXPECT_NE(md.find("Relació \\<electrònica\\>"), std::string::npos);
  expect_links_resolve(md, std::regex(R"(\]\(#([^)]+)\))"), std::regex(R"(<a id="([^"]+)\")"));
}

TEST(Doc, HtmlIsOneSelfContainedEscapedPage) {
  const auto rb = make_rulebase(kFiles);
  const std::string html = render_rulebase_doc(rb, DocFormat::Html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>\n"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("stylesheet"), std::string::npos);
  EXPECT_NE(html.find("Relació &lt;electrònica&gt;"), std::string::npos);
  EXPECT_NE(html.find("Tràmits amb garanties &amp; signatura"), std::string::npos);
  EXPECT_NE(html.find("<code>population &lt; 20000</code>"), std::string::npos);
  expect_links_resolve(html, std::regex(R"(href="#([^"]+)\")"), std::regex(R"(id="([^"]+)\")"));
}

TEST(Doc, FileOrderDoesNotChangeAByte) {
  const Files reversed = {kFiles[1], kFiles[0]};
  for (auto f : {DocFormat::Markdown, DocFormat::Html})
    EXPECT_EQ(render_rulebase_doc(make_rulebase(kFiles), f), render_rulebase_doc(make_rulebase(reversed), f));
}

}  // namespace
}  // namespace puzle::doc_test
