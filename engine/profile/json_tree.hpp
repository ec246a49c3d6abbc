// engine layer (profiles): a JSON document as a tree that keeps the source span of every value
// and the exact text of every number, so profile errors can point at line:column and numbers
// never pass through binary floating point.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "puzle/diagnostic.hpp"
#include "puzle/source.hpp"

namespace puzle::json {

struct Member;

struct Value {
  enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
  bool boolean = false;
  std::string text;  // the number's literal text, or the decoded string
  std::vector<Value> items;
  std::vector<Member> members;  // in document order
  std::vector<Span> key_spans;  // parallel to members
  Span span;
};

struct Member {
  std::string key;
  Value value;
};

inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxBytes = 1u << 20;  // a profile is small

// Parses file `file` of `sources`. On a syntax error reports E600 (with the parser's own
// message and position) and returns nullopt.
std::optional<Value> parse(const SourceSet& sources, FileId file, Diagnostics& diags);

const char* kind_name(Value::Kind k);

}  // namespace puzle::json
