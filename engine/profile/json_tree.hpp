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
#include "puzle/value_check.hpp"

namespace puzle::json {

// A JSON value is a value as written (puzle/value_check.hpp), so a profile is checked field by
// field without a copy: null is Kind::Other, an array Kind::List.
using Value = WrittenValue;
using Member = WrittenValue::Member;

inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxBytes = 1u << 20;  // a profile is small

// Parses file `file` of `sources`. On a syntax error reports E600 (with the parser's own
// message and position) and returns nullopt.
std::optional<Value> parse(const SourceSet& sources, FileId file, Diagnostics& diags);

const char* kind_name(Value::Kind k);

}  // namespace puzle::json
