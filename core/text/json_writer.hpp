// core layer: JSON written straight into a string, with no document in between. Every JSON the
// engine renders goes through it (docs/json.md), so that the same values always give the same
// bytes: compact (`indent` < 0) for JSON Lines, or indented for documents, laid out as
// nlohmann::json's dump() lays them out (the form the documents have always had).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace puzle::json {

// `s` as a JSON string, quotes included: `"` and `\` escaped, \b \f \n \r \t by name, other
// control characters as \u00xx; UTF-8 is kept as it is, and an ill-formed sequence becomes
// U+FFFD (each maximal ill-formed part once), so the output is always valid UTF-8.
void append_string(std::string& out, std::string_view s);
std::string quoted(std::string_view s);

class Writer {
 public:
  explicit Writer(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

  Writer& begin_object();
  Writer& begin_array();
  Writer& end();  // closes the innermost object or array

  // In an object, each value follows its key (escaped as a string is).
  Writer& key(std::string_view k);
  Writer& string(std::string_view s);
  Writer& number(std::uint64_t n);
  Writer& boolean(bool b);
  Writer& null();
  // A value already rendered as compact JSON (e.g. a string quoted once for a whole batch):
  // copied as it is, so it must be a scalar when the writer indents.
  Writer& raw(std::string_view json);

  // key(k) then the value.
  Writer& field(std::string_view k, std::string_view s) { return key(k).string(s); }
  Writer& field(std::string_view k, const char* s) { return key(k).string(s); }
  Writer& field(std::string_view k, const std::string& s) { return key(k).string(s); }
  Writer& field(std::string_view k, std::uint64_t n) { return key(k).number(n); }
  Writer& field(std::string_view k, bool b) { return key(k).boolean(b); }
  Writer& raw_field(std::string_view k, std::string_view json) { return key(k).raw(json); }

  // Arrays of strings, written whole.
  Writer& strings(const std::vector<std::string>& items);

  std::size_t depth() const { return open_.size(); }

 private:
  void before_value();  // the comma and line break that come before an item
  void newline(std::size_t depth);

  struct Level {
    bool object = false;
    std::size_t items = 0;
  };
  std::string& out_;
  int indent_;
  std::vector<Level> open_;
  bool after_key_ = false;
};

}  // namespace puzle::json
