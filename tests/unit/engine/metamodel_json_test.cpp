// render_metamodel_json: the metamodel for a client to draw, with every label by language.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "eval_helper.hpp"
#include "puzle/render.hpp"

namespace puzle::metamodel_json_test {
namespace {

using testing_helpers::make_rulebase;

TEST(MetamodelJson, NestsAreasDomainsBlocksElementsWithTheirLabels) {
  const Rulebase rb = make_rulebase({{"model.pzl", R"(area ajuntament "Ajuntament" {
  label es "Ayuntamiento"
  label en "Town hall"
  domain admin "Administració" {
    block relacio "Relació" {
      element seu "Seu electrònica" {
        label en "E-office"
        description "Tràmits amb garanties"
        effort 1
        cost 1500
      }
      element notificacions "Notificacions" {
        requires seu
      }
    }
  }
}
area viure "Viure"
)"},
                                     {"rules.pzl", "profile {\n  population: int\n}\n"}});
  const std::string text = render_metamodel_json(rb);
  EXPECT_EQ(text, render_metamodel_json(rb)) << "same rulebase, same bytes";
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["rulebase"]["digest"], rb.digest());
  EXPECT_EQ(j["counts"]["elements"], 2);
  ASSERT_EQ(j["areas"].size(), 2u);
  const auto& area = j["areas"][0];
  EXPECT_EQ(area["id"], "ajuntament");
  EXPECT_EQ(area["labels"], (nlohmann::json{{"ca", "Ajuntament"}, {"es", "Ayuntamiento"}, {"en", "Town hall"}}));
  const auto& seu = area["domains"][0]["blocks"][0]["elements"][1];
  EXPECT_EQ(seu["id"], "seu");
  EXPECT_EQ(seu["path"], "ajuntament.admin.relacio.seu");
  EXPECT_EQ(seu["labels"]["en"], "E-office");
  EXPECT_EQ(seu["descriptions"]["ca"], "Tràmits amb garanties");
  EXPECT_EQ(seu["effort"], "1");
  EXPECT_EQ(seu["cost"], "1500.00");
  EXPECT_EQ(area["domains"][0]["blocks"][0]["elements"][0]["requires"],
            nlohmann::json::array({"ajuntament.admin.relacio.seu"}));
  EXPECT_TRUE(j["areas"][1]["domains"].empty());
}

}  // namespace
}  // namespace puzle::metamodel_json_test
