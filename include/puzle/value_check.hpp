// Public API: whether a value fits a profile field, decided once for every syntax it is written
// in: a JSON profile (and a CSV row, made JSON), a field's default and a rule test's `given`
// block in a rule file. The caller turns a value as written into a WrittenValue, and the
// problems back into its own diagnostics (codes E3xx for rule files, E6xx for profiles).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "puzle/ir.hpp"
#include "puzle/names.hpp"
#include "puzle/source.hpp"

namespace puzle {

struct WrittenValue {
  enum class Kind : std::uint8_t { Number, String, Bool, Name, List, Object, Other };
  struct Member;
  Kind kind = Kind::Other;
  std::string text;  // Number: the literal; String: the decoded text; Name: the name (dotted)
  bool boolean = false;
  std::vector<WrittenValue> items;  // List
  std::vector<Member> members;      // Object, in the order written
  Span span;
};

struct WrittenValue::Member {
  std::string key;
  Span key_span;
  WrittenValue value;
};

// How names are written: in JSON an enum value or an element is a string ("girona"); in a
// rule file it is a name (girona).
enum class NameSyntax : std::uint8_t { Strings, Names };

// What does not fit, and where.
struct ValueProblem {
  enum class Kind : std::uint8_t {
    WrongKind,         // not the kind of value the field takes
    Exponent,          // a number written with an exponent
    TooPrecise,        // more decimals than exact numbers keep
    TooLarge,          // more digits than exact numbers keep
    NotWhole,          // a fraction in a whole-number field (or a level)
    OutOfRange,        // a level outside its range
    UnknownEnumValue,  // `text` is not one of the enum's values
    UnknownArea,       // a per-area level names an area that does not exist (`text`)
    AreaTwice,         // ... names an area twice (`text`)
    MissingAreas,      // ... leaves areas without a level and the field has no default (`text`: them)
    NotAnElementName,  // a set's item is not a name of an element
    UnknownElement,    // a set's item names no element (`text`)
    AmbiguousElement,  // ... names several (`elements`)
  };
  Kind kind = Kind::WrongKind;
  const WrittenValue* value = nullptr;  // the value (or item) at fault
  Span span;                            // where: the value, or an object's key
  std::string text;
  std::vector<ir::ElementId> elements;
};

// The value of field `f` written as `v`, or nullopt with the reasons in `problems` (every one
// found, in the order written). A per-area level that leaves areas out takes them from
// `defaults` when it has one level per area.
std::optional<ir::Value> check_value(const ir::Program& program, const NodeNames& names, const ir::Field& f,
                                     const WrittenValue& v, NameSyntax syntax, const std::optional<ir::Value>& defaults,
                                     std::vector<ValueProblem>& problems);

}  // namespace puzle
