// Loading a profile (engine/profile/): every E6xx error with its exact message, line and column,
// defaults, per-area levels, element names, strings and numbers.
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "eval_helper.hpp"
#include "puzle/profile.hpp"

namespace puzle::profile_test {
namespace {

using namespace testing_helpers;

const char* const kProfileSchema = R"(profile {
  name: text = ""
  population: int
  province: enum { barcelona, girona, lleida, tarragona }
  maturity: level[area] 0..5 = { ajuntament: 2, viure: 1 }
  budget_eur: money = 0
  area_km2: decimal = 0
  agenda_digital: bool = false
  broadband: level 0..3 = 1
  in_place: set<element> = []
  needs: set<element> = [seu_electronica]
}
)";

// Two elements share the short id `portal`.
const char* const kProfileMetamodel = R"(area ajuntament "Ajuntament" {
  domain admin "Administració" {
    block relacio "Relació" {
      element seu_electronica "Seu electrònica"
      element portal "Portal de l'ajuntament"
    }
  }
}

area viure "Viure" {
  domain turisme "Turisme" {
    block promocio "Promoció" {
      element portal "Portal turístic"
    }
  }
}
)";

const Rulebase& profile_rulebase() {
  static const Rulebase rb = make_rulebase({{"schema.pzl", kProfileSchema}, {"metamodel.pzl", kProfileMetamodel}});
  return rb;
}

// A rulebase whose per-area field has no default.
const Rulebase& strict_rulebase() {
  static const Rulebase rb =
      make_rulebase({{"schema.pzl", "profile {\n  population: int = 0\n  maturity: level[area] 0..5\n}\n"},
                     {"metamodel.pzl", kProfileMetamodel}});
  return rb;
}

struct Diag {
  std::string code;
  std::uint32_t line = 0, column = 0;
  std::string message, hint;
  bool operator==(const Diag&) const = default;
};

void PrintTo(const Diag& d, std::ostream* os) {
  *os << d.code << " " << d.line << ":" << d.column << " " << d.message << " [" << d.hint << "]";
}

std::vector<Diag> errors(const std::string& json, const Rulebase& rb = profile_rulebase()) {
  const ProfileLoad load = load_profile(rb, "p.json", json);
  EXPECT_FALSE(load.profile.has_value());
  std::vector<Diag> out;
  for (const auto& d : load.diagnostics.items()) {
    const auto lc = load.sources->file(d.span.file).line_col(d.span.begin);
    out.push_back({std::string(code_info(d.code).id), lc.line, lc.column, d.message, d.hint});
  }
  return out;
}

Diag only_error(const std::string& json, const Rulebase& rb = profile_rulebase()) {
  auto all = errors(json, rb);
  EXPECT_EQ(all.size(), 1u) << json;
  return all.empty() ? Diag{} : all.front();
}

const ir::Value& field(const Rulebase& rb, const Profile& p, const std::string& name) {
  const auto& fields = rb.program().fields;
  for (std::size_t f = 0; f < fields.size(); ++f)
    if (fields[f].name == name) return p.values[f];
  throw std::runtime_error("no field " + name);
}

std::vector<std::string> levels(const ir::Value& v) {
  std::vector<std::string> out;
  for (const auto& l : v.levels) out.push_back(l.to_string());
  return out;
}

// ---- E600: not JSON ----------------------------------------------------------------------------------

TEST(Profile, InvalidJsonNamesTheSpotAndWhatWasExpected) {
  EXPECT_EQ(only_error(R"({"population": 1,})"), (Diag{"E600", 1, 18,
                                                       "the profile is not valid JSON: syntax error while parsing "
                                                       "object key - unexpected '}'; expected string literal",
                                                       ""}));
  EXPECT_EQ(
      only_error("{\n  \"population\": 1\n  \"province\": \"lleida\"\n}"),
      (Diag{
          "E600", 3, 12,  // the last character of the unexpected token
          "the profile is not valid JSON: syntax error while parsing object - unexpected string literal; expected '}'",
          ""}));
  EXPECT_EQ(only_error(""), (Diag{"E600", 1, 1,
                                  "the profile is not valid JSON: syntax error while parsing value - unexpected end of "
                                  "input; expected '[', '{', or a literal",
                                  ""}));
}

// Found by fuzz/profile_fuzzer (fuzz/profile_corpus/regress_number_overflow.json): a number
// beyond a double before the syntax error made nlohmann/json, which only words the message,
// throw out_of_range out of load_profile. The error is where the grammar stopped.
TEST(Profile, InvalidJsonWithANumberBeyondADoubleIsStillE600) {
  EXPECT_EQ(only_error(R"({"population": 1e999, "province": "lleida")"),
            (Diag{"E600", 1, 43, "the profile is not valid JSON: syntax error - unexpected end of input", ""}));
  EXPECT_EQ(only_error(R"([1E+400 2])"),
            (Diag{"E600", 1, 9, "the profile is not valid JSON: syntax error - unexpected '2'", ""}));
  EXPECT_EQ(only_error("{\"a\": -1e999}\x01"),
            (Diag{"E600", 1, 14, "the profile is not valid JSON: syntax error - unexpected byte 0x01", ""}));
  // Valid JSON with such a number is read exactly and judged by its field.
  EXPECT_EQ(only_error(R"({"population": 1e999, "province": "lleida"})").code, "E602");
}

TEST(Profile, TooDeep) {
  auto nested = [](int arrays) {
    return R"({"population": 1, "province": "lleida", "name": )" + std::string(arrays, '[') + std::string(arrays, ']') +
           "}";
  };
  EXPECT_EQ(only_error(nested(70)), (Diag{"E600", 1, 1, "the profile nests deeper than 64 levels", ""}));
  // The parser counts values as it tries them, including the value it looks for inside the
  // innermost empty array: the object, 62 arrays and that attempt make 64.
  EXPECT_EQ(only_error(nested(62)),
            (Diag{"E602", 1, 49, "field \"name\" expects a string, not " + std::string(57, '[') + "...", ""}));
  EXPECT_EQ(only_error(nested(63)).code, "E600");
}

TEST(Profile, TooLarge) {
  const std::string big = "{\"name\": \"" + std::string(1u << 20, 'x') + "\"}";
  EXPECT_EQ(only_error(big), (Diag{"E600", 1, 1, "the profile is 1048588 bytes; the limit is 1048576", ""}));
}

TEST(Profile, UnreadableFile) {
  const auto load = load_profile_file(profile_rulebase(), "/nonexistent/dir/p.json");
  ASSERT_FALSE(load.profile);
  ASSERT_EQ(load.diagnostics.items().size(), 1u);
  EXPECT_EQ(load.diagnostics.items()[0].code, Code::E106);
  EXPECT_EQ(load.diagnostics.items()[0].message,
            "cannot read the profile '/nonexistent/dir/p.json': no such file or folder");
}

TEST(Profile, TheSizeLimitHoldsWhileReadingAndOnlyRegularFilesAreRead) {
  const auto path =
      std::filesystem::temp_directory_path() / ("puzle-big-profile-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"name\": \"" << std::string(2u << 20, 'x') << "\"}";
  }
  auto load = load_profile_file(profile_rulebase(), path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(load.profile);
  ASSERT_EQ(load.diagnostics.items().size(), 1u);
  EXPECT_EQ(load.diagnostics.items()[0].code, Code::E600);
  EXPECT_EQ(load.diagnostics.items()[0].message, "the profile is larger than the limit of 1048576 bytes");
  // A device (or a pipe) could never end, or never start: it is refused before a byte is read.
  load = load_profile_file(profile_rulebase(), "/dev/zero");
  ASSERT_EQ(load.diagnostics.items().size(), 1u);
  EXPECT_EQ(load.diagnostics.items()[0].code, Code::E106);
  EXPECT_EQ(load.diagnostics.items()[0].message,
            "cannot read the profile '/dev/zero': it is not a regular file (a pipe or a device)");
}

TEST(Profile, AByteOrderMarkIsIgnored) {
  const std::string text = "\xEF\xBB\xBF{\"population\": 1, \"province\": \"lleida\"}";
  const Profile p = make_profile(profile_rulebase(), text);
  EXPECT_EQ(field(profile_rulebase(), p, "population").number.to_string(), "1");
  // The mark is no column: `true` is the 16th character a reader sees.
  EXPECT_EQ(only_error("\xEF\xBB\xBF{\"population\": true, \"province\": \"lleida\"}"),
            (Diag{"E602", 1, 16, "field \"population\" expects a whole number, not true", ""}));
}

// ---- E601: missing ------------------------------------------------------------------------------------

TEST(Profile, MissingFieldWithoutDefault) {
  EXPECT_EQ(
      errors("\n  {\"province\": \"lleida\"}"),
      (std::vector<Diag>{{"E601", 2, 3, "missing field \"population\": it expects a whole number and has no default",
                          "add \"population\": ... to the profile"}}));
  EXPECT_EQ(
      errors("{}"),
      (std::vector<Diag>{{"E601", 1, 1, "missing field \"population\": it expects a whole number and has no default",
                          "add \"population\": ... to the profile"},
                         {"E601", 1, 1,
                          "missing field \"province\": it expects one of \"barcelona\", \"girona\", \"lleida\", "
                          "\"tarragona\" and has no default",
                          "add \"province\": ... to the profile"}}));
}

TEST(Profile, PerAreaLevelsWithoutDefaultMustNameEveryArea) {
  EXPECT_EQ(only_error(R"({"maturity": {"viure": 4}})", strict_rulebase()),
            (Diag{"E601", 1, 14, "field \"maturity\" gives no level for: ajuntament, and has no default", ""}));
  EXPECT_EQ(only_error("{}", strict_rulebase()), (Diag{"E601", 1, 1,
                                                       "missing field \"maturity\": it expects a level from 0 to 5, or "
                                                       "an object {\"AREA\": level, ...} and has no default",
                                                       "add \"maturity\": ... to the profile"}));
}

// ---- E602: wrong type ------------------------------------------------------------------------------------

TEST(Profile, WrongTypeNamesFieldValueAndExpectation) {
  EXPECT_EQ(only_error(R"({"population": "190", "province": "lleida"})"),
            (Diag{"E602", 1, 16, "field \"population\" expects a whole number, not \"190\"", ""}));
  EXPECT_EQ(only_error(R"({"population": 190.5, "province": "lleida"})"),
            (Diag{"E602", 1, 16, "field \"population\" expects a whole number, not 190.5", ""}));
  EXPECT_EQ(
      only_error(R"({"population": 1, "province": 2})"),
      (Diag{"E602", 1, 31,
            "field \"province\" expects one of \"barcelona\", \"girona\", \"lleida\", \"tarragona\", not 2", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "budget_eur": "1500"})"),
            (Diag{"E602", 1, 55, "field \"budget_eur\" expects an amount of money, e.g. 1500.00, not \"1500\"", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "agenda_digital": "yes"})"),
            (Diag{"E602", 1, 59, "field \"agenda_digital\" expects true or false, not \"yes\"", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "name": null})"),
            (Diag{"E602", 1, 49, "field \"name\" expects a string, not null", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "area_km2": [1]})"),
            (Diag{"E602", 1, 53, "field \"area_km2\" expects a number, not [1]", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "broadband": 1.5})"),
            (Diag{"E602", 1, 54, "field \"broadband\" expects a whole number from 0 to 3, not 1.5", ""}));
  EXPECT_EQ(
      only_error(R"({"population": 1, "province": "lleida", "maturity": "high"})"),
      (Diag{"E602", 1, 53,
            "field \"maturity\" expects a level from 0 to 5, or an object {\"AREA\": level, ...}, not \"high\"", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "needs": "portal"})"),
            (Diag{"E602", 1, 50, "field \"needs\" expects an array of element names, not \"portal\"", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "needs": [1]})"),
            (Diag{"E602", 1, 51, "field \"needs\" lists element names as strings, not 1", ""}));
  EXPECT_EQ(only_error("[1, 2]"),
            (Diag{"E602", 1, 1, "a profile is a JSON object {\"field\": value, ...}, not an array", ""}));
}

TEST(Profile, ALongOrMultiLineValueIsShownOnOneLineAndCutAtACharacter) {
  std::string value = "\"a";
  for (int i = 0; i < 40; ++i) value += "\xC3\xA9";  // é
  value += "\"";
  const Diag d = only_error("{\"population\": " + value + ", \"province\": \"lleida\"}");
  // 57 bytes would end inside an é: the cut moves back to the character before.
  std::string shown = "\"a";
  for (int i = 0; i < 27; ++i) shown += "\xC3\xA9";
  EXPECT_EQ(d.message, "field \"population\" expects a whole number, not " + shown + "...");
  EXPECT_EQ(only_error("{\"population\": [\n    1,\n    2\n  ], \"province\": \"lleida\"}").message,
            "field \"population\" expects a whole number, not [ 1, 2 ]");
}

// ---- numbers --------------------------------------------------------------------------------------------

TEST(Profile, NumbersAreExactDecimalsWithoutExponent) {
  EXPECT_EQ(only_error(R"({"population": 1e3, "province": "lleida"})"),
            (Diag{"E602", 1, 16, "field \"population\" expects a whole number, not 1e3",
                  "write the number without an exponent"}));
  EXPECT_EQ(
      only_error(R"({"population": 1, "province": "lleida", "area_km2": 2.5E-1})"),
      (Diag{"E602", 1, 53, "field \"area_km2\" expects a number, not 2.5E-1", "write the number without an exponent"}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "area_km2": 1.1234567})"),
            (Diag{"E602", 1, 53, "field \"area_km2\": 1.1234567 has more than 6 decimal places", ""}));
  EXPECT_EQ(only_error(R"({"population": 1234567890123456789012345678901, "province": "lleida"})"),
            (Diag{"E602", 1, 16, "field \"population\": 1234567890123456789012345678901 is too large", ""}));
  const Profile p = make_profile(
      profile_rulebase(), R"({"population": 190.0, "province": "lleida", "area_km2": 0.123456, "budget_eur": 1500.5})");
  EXPECT_EQ(field(profile_rulebase(), p, "population").number.to_string(), "190");
  EXPECT_EQ(field(profile_rulebase(), p, "area_km2").number.to_string(), "0.123456");
  EXPECT_EQ(field(profile_rulebase(), p, "budget_eur").number.to_string(2), "1500.50");
}

// ---- E603: unknown field ------------------------------------------------------------------------------------

TEST(Profile, UnknownFieldListsTheFieldsOrGuesses) {
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "zzz": 1})"),
            (Diag{"E603", 1, 41, "unknown field \"zzz\"",
                  "the fields are: agenda_digital, area_km2, broadband, budget_eur, in_place, maturity, name, needs, "
                  "population, province"}));
  const auto typo = errors(R"({"populaton": 1, "province": "lleida"})");
  ASSERT_EQ(typo.size(), 2u);  // and population is missing
  EXPECT_EQ(typo[1], (Diag{"E603", 1, 2, "unknown field \"populaton\"", "did you mean 'population'?"}));
}

// ---- E604: level out of range ---------------------------------------------------------------------------------

TEST(Profile, LevelsOutOfRange) {
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "broadband": 4})"),
            (Diag{"E604", 1, 54, "field \"broadband\" is a level from 0 to 3; 4 is out of range", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "maturity": {"viure": 6}})"),
            (Diag{"E604", 1, 63, "field \"maturity\" is a level from 0 to 5; 6 is out of range", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "maturity": -1})"),
            (Diag{"E604", 1, 53, "field \"maturity\" is a level from 0 to 5; -1 is out of range", ""}));
}

// ---- E605: unknown names -------------------------------------------------------------------------------------

TEST(Profile, UnknownEnumValueElementAndArea) {
  EXPECT_EQ(
      only_error(R"({"population": 1, "province": "lerida"})"),
      (Diag{"E605", 1, 31,
            "field \"province\" expects one of \"barcelona\", \"girona\", \"lleida\", \"tarragona\", not \"lerida\"",
            "did you mean 'lleida'?"}));
  EXPECT_EQ(
      only_error(R"({"population": 1, "province": "lleida", "needs": ["seu_electronic"]})"),
      (Diag{"E605", 1, 51, "field \"needs\": unknown element \"seu_electronic\"", "did you mean 'seu_electronica'?"}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "in_place": ["qwerty"]})"),
            (Diag{"E605", 1, 54, "field \"in_place\": unknown element \"qwerty\"", ""}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "maturity": {"viur": 2}})"),
            (Diag{"E605", 1, 54, "field \"maturity\": unknown area \"viur\"", "did you mean 'viure'?"}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "maturity": {"xx": 2}})"),
            (Diag{"E605", 1, 54, "field \"maturity\": unknown area \"xx\"", "the areas are: ajuntament, viure"}));
}

TEST(Profile, AmbiguousElement) {
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "needs": ["portal"]})"),
            (Diag{"E605", 1, 51,
                  "field \"needs\": \"portal\" is ambiguous: it names ajuntament.admin.relacio.portal, "
                  "viure.turisme.promocio.portal",
                  "write the full path"}));
}

// ---- E606: duplicates -------------------------------------------------------------------------------------------

TEST(Profile, DuplicateKeys) {
  const auto load = load_profile(profile_rulebase(), "p.json",
                                 "{\"population\": 1,\n \"province\": \"lleida\",\n \"population\": 2}");
  ASSERT_FALSE(load.profile);
  ASSERT_EQ(load.diagnostics.items().size(), 1u);
  const Diagnostic& d = load.diagnostics.items()[0];
  EXPECT_EQ(d.code, Code::E606);
  EXPECT_EQ(d.message, "field \"population\" is given twice");
  const auto lc = load.sources->file(0).line_col(d.span.begin);
  EXPECT_EQ(lc.line, 3u);
  EXPECT_EQ(lc.column, 2u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "first given here");
  EXPECT_EQ(load.sources->file(0).line_col(d.notes[0].span.begin).line, 1u);
  EXPECT_EQ(load.sources->file(0).line_col(d.notes[0].span.begin).column, 2u);
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "maturity": {"viure": 2, "viure": 3}})"),
            (Diag{"E606", 1, 66, "field \"maturity\": area \"viure\" is given twice", ""}));
}

TEST(Profile, EveryErrorIsReportedInPositionOrder) {
  const auto all = errors(R"({"province": "lerida", "broadband": 9, "zzz": true})");
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].code, "E601");  // at the opening brace
  EXPECT_EQ(all[1].code, "E605");
  EXPECT_EQ(all[2].code, "E604");
  EXPECT_EQ(all[3].code, "E603");
}

// ---- what a valid profile holds -----------------------------------------------------------------------------------

TEST(Profile, DefaultsAreFilledIn) {
  const std::string text = R"({"population": 190, "province": "lleida"})";
  const Profile p = make_profile(profile_rulebase(), text);
  const Rulebase& rb = profile_rulebase();
  EXPECT_EQ(p.values.size(), rb.program().fields.size());
  EXPECT_EQ(field(rb, p, "name").text, "");
  EXPECT_EQ(field(rb, p, "population").number.to_string(), "190");
  EXPECT_EQ(field(rb, p, "province").index, 2u);  // lleida
  EXPECT_EQ(levels(field(rb, p, "maturity")), (std::vector<std::string>{"2", "1"}));
  EXPECT_EQ(field(rb, p, "budget_eur").number.to_string(), "0");
  EXPECT_FALSE(field(rb, p, "agenda_digital").boolean);
  EXPECT_EQ(field(rb, p, "broadband").number.to_string(), "1");
  EXPECT_TRUE(field(rb, p, "in_place").elements.empty());
  EXPECT_EQ(ids(rb, field(rb, p, "needs").elements), (std::vector<std::string>{"seu_electronica"}));
  EXPECT_EQ(p.source, "profile.json");
  EXPECT_EQ(p.digest, "40719ae156730d60accdbf0054709708908d0e906a26979626f71f53ee861077");  // sha256sum of the text
}

TEST(Profile, PerAreaLevelsTakeMissingAreasFromTheDefault) {
  const Rulebase& rb = profile_rulebase();
  EXPECT_EQ(levels(field(rb, make_profile(rb, R"({"population": 1, "province": "lleida", "maturity": {"viure": 4}})"),
                         "maturity")),
            (std::vector<std::string>{"2", "4"}));
  EXPECT_EQ(
      levels(field(rb, make_profile(rb, R"({"population": 1, "province": "lleida", "maturity": {}})"), "maturity")),
      (std::vector<std::string>{"2", "1"}));
  EXPECT_EQ(
      levels(field(rb, make_profile(rb, R"({"population": 1, "province": "lleida", "maturity": 3})"), "maturity")),
      (std::vector<std::string>{"3", "3"}));
  EXPECT_EQ(
      levels(field(strict_rulebase(), make_profile(strict_rulebase(), R"({"maturity": {"viure": 5, "ajuntament": 0}})"),
                   "maturity")),
      (std::vector<std::string>{"0", "5"}));
}

TEST(Profile, ElementsByShortIdFullPathOrPathSuffix) {
  const Rulebase& rb = profile_rulebase();
  const Profile p = make_profile(rb, R"({"population": 1, "province": "lleida",
    "needs": ["viure.turisme.promocio.portal", "relacio.portal", "seu_electronica", "ajuntament.admin.relacio.seu_electronica"],
    "in_place": ["admin.relacio.portal", "promocio.portal"]})");
  EXPECT_EQ(field(rb, p, "needs").elements,
            (std::vector<ir::ElementId>{el(rb, "ajuntament.admin.relacio.portal"), el(rb, "seu_electronica"),
                                        el(rb, "viure.turisme.promocio.portal")}));  // sorted, without repeats
  EXPECT_EQ(field(rb, p, "in_place").elements, (std::vector<ir::ElementId>{el(rb, "ajuntament.admin.relacio.portal"),
                                                                           el(rb, "viure.turisme.promocio.portal")}));
  EXPECT_EQ(only_error(R"({"population": 1, "province": "lleida", "needs": ["turisme.portal"]})").message,
            "field \"needs\": unknown element \"turisme.portal\"");
}

TEST(Profile, StringsAreUtf8WithEscapesAndSurrogatePairs) {
  const Rulebase& rb = profile_rulebase();
  const Profile p = make_profile(
      rb,
      R"({"population": 1, "province": "lleida", "name": "G\u00f3sol \ud83d\ude00 \u20ac \"q\" \\ \/ \t|\n| Gósol"})");
  EXPECT_EQ(field(rb, p, "name").text, "G\xC3\xB3sol \xF0\x9F\x98\x80 \xE2\x82\xAC \"q\" \\ / \t|\n| G\xC3\xB3sol");
  // A lone surrogate is not a character: it becomes U+FFFD.
  const Profile lone =
      make_profile(rb, R"({"population": 1, "province": "lleida", "name": "a\ud800b\udc00c\ud83d\u0041"})");
  EXPECT_EQ(field(rb, lone, "name").text,
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD"
            "A");
  // Keys are decoded too.
  const Profile key = make_profile(rb, R"({"popul\u0061tion": 5, "province": "lleida"})");
  EXPECT_EQ(field(rb, key, "population").number.to_string(), "5");
}

TEST(Profile, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(only_error(R"({"name": "Gósol", "population": "x", "province": "lleida"})"),
            (Diag{"E602", 1, 33, "field \"population\" expects a whole number, not \"x\"", ""}));
}

}  // namespace
}  // namespace puzle::profile_test
