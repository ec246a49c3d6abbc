// The JSON writer: the same bytes as nlohmann::json's dump() for the same document (the form the
// documents had before it), compact and indented, and valid UTF-8 whatever the input.
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "text/json_writer.hpp"

namespace json_writer_test {
namespace {

using J = nlohmann::ordered_json;
using puzle::json::Writer;

std::string dumped(const J& j, int indent) { return j.dump(indent, ' ', false, J::error_handler_t::replace); }

// Writes `j` with the writer, walking it as a renderer would.
void write(Writer& w, const J& j) {
  switch (j.type()) {
    case J::value_t::object:
      w.begin_object();
      for (const auto& [k, v] : j.items()) {
        w.key(k);
        write(w, v);
      }
      w.end();
      break;
    case J::value_t::array:
      w.begin_array();
      for (const auto& v : j) write(w, v);
      w.end();
      break;
    case J::value_t::string: w.string(j.get<std::string>()); break;
    case J::value_t::boolean: w.boolean(j.get<bool>()); break;
    case J::value_t::null: w.null(); break;
    default: w.number(j.get<std::uint64_t>()); break;
  }
}

std::string written(const J& j, int indent) {
  std::string out;
  Writer w(out, indent);
  write(w, j);
  EXPECT_EQ(w.depth(), 0u);
  return out;
}

TEST(JsonWriter, EscapesAsNlohmannDoes) {
  const std::string samples[] = {
      "",
      "plain_id_0123456789",
      "with \"quotes\" and \\ backslash",
      "tab\there\nnew line\r\b\f",
      std::string("nul\0inside", 10),
      "\x01\x1f\x7f",
      "Sant Cugat del Vallès · l'Hospitalet — 😀 Pallars Sobirà",
      "exactly8",
      "sixteen bytes ok",
      "a longer plain run that crosses several words of eight bytes \" then a quote",
  };
  for (const auto& s : samples) {
    EXPECT_EQ(puzle::json::quoted(s), dumped(J(s), -1)) << s;
  }
}

TEST(JsonWriter, IllFormedUtf8BecomesReplacementCharacters) {
  // Each maximal ill-formed part is one U+FFFD (Unicode's recommended practice).
  EXPECT_EQ(puzle::json::quoted("a\xff"
                                "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(puzle::json::quoted("\xE2\x82"), "\"\xEF\xBF\xBD\"");                              // truncated at the end
  EXPECT_EQ(puzle::json::quoted("\xE2\x82x"), "\"\xEF\xBF\xBDx\"");                            // truncated before x
  EXPECT_EQ(puzle::json::quoted("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong: two parts
  EXPECT_EQ(puzle::json::quoted("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  EXPECT_EQ(puzle::json::quoted("\xF4\x90\x80\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  // Whatever the bytes, nlohmann reads the result back.
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string s(rng() % 24, ' ');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    const std::string q = puzle::json::quoted(s);
    EXPECT_TRUE(J::accept(q)) << i;
  }
}

TEST(JsonWriter, LaysOutDocumentsAsDumpDoes) {
  const J doc = J::parse(R"({"engine":{"name":"puzle","version":"0.1"},"errors":[],"warnings":[{}],
    "n":42,"ok":true,"no":false,"none":null,"phases":[{"id":"curt","elements":[{"id":"a","needed_by":["b","c"]}],
    "limits":{}},{"id":"mig","elements":[]}],"deep":[[[]],[1,[2,{"x":[]}]]]})");
  EXPECT_EQ(written(doc, -1), dumped(doc, -1));
  EXPECT_EQ(written(doc, 2), dumped(doc, 2));
  EXPECT_EQ(written(doc, 4), dumped(doc, 4));
}

TEST(JsonWriter, KeysAreEscapedLikeStrings) {
  J doc;
  doc["plain"] = 1u;
  doc["with \"quote\" and \\"] = 2u;
  doc["province=girona"] = 3u;
  doc["Vallès"] = 4u;
  EXPECT_EQ(written(doc, -1), doc.dump());
}

TEST(JsonWriter, RawValuesAndFieldsAreCopied) {
  std::string out;
  Writer w(out);
  w.begin_object().raw_field("id", puzle::json::quoted("x\"y")).field("n", std::uint64_t{3}).key("l");
  w.strings({"a", "b"}).end();
  EXPECT_EQ(out, R"({"id":"x\"y","n":3,"l":["a","b"]})");
}

TEST(JsonWriter, MisuseIsALogicError) {
  std::string out;
  Writer w(out);
  EXPECT_THROW(w.end(), std::logic_error);
  w.begin_object();
  EXPECT_THROW(w.string("a value without its key"), std::logic_error);
  w.key("k");
  EXPECT_THROW(w.key("a second key"), std::logic_error);
}

}  // namespace
}  // namespace json_writer_test
