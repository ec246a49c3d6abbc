// engine layer (profiles): JSON to a span-keeping tree, with PEGTL's RFC 8259 grammar.
#include "json_tree.hpp"

#include <algorithm>
#include <tuple>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/json.hpp>
#include <tao/pegtl/contrib/unescape.hpp>

#include <nlohmann/json.hpp>

namespace puzle::json {
namespace {

namespace pg = tao::pegtl;
namespace pj = tao::pegtl::json;

struct Builder {
  FileId file;
  std::vector<Value> stack;  // values under construction: arrays and objects
  std::vector<std::string> keys;
  std::vector<Span> key_spans;
  std::optional<Value> result;
  std::size_t depth = 0;

  void add(Value v) {
    if (stack.empty()) {
      result = std::move(v);
    } else if (stack.back().kind == Value::Kind::List) {
      stack.back().items.push_back(std::move(v));
    } else {
      stack.back().members.push_back(Member{std::move(keys.back()), key_spans.back(), std::move(v)});
      keys.pop_back();
      key_spans.pop_back();
    }
  }
};

struct too_deep {};

template <typename In>
Span span_of(const In& in, const Builder& b) {
  auto begin = static_cast<std::uint32_t>(in.iterator().byte);
  return Span{b.file, begin, begin + static_cast<std::uint32_t>(in.size())};
}

// Decodes the content of a JSON string (escapes, including \uXXXX surrogate pairs).
std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto hex = [&](std::size_t at) {
          return static_cast<unsigned>(std::stoul(std::string(s.substr(at, 4)), nullptr, 16));
        };
        unsigned cp = hex(i + 1);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < s.size() + 0 && s[i + 1] == '\\' && s[i + 2] == 'u') {
          unsigned lo = hex(i + 3);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // a lone surrogate is not a character
        (void)pg::unescape::utf8_append_utf32(out, cp);
        break;
      }
      default: out += c; break;  // " \ /
    }
  }
  return out;
}

template <typename Rule>
struct action : pg::nothing<Rule> {};

template <>
struct action<pj::null> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.span = span_of(in, b);
    b.add(std::move(v));
  }
};
template <>
struct action<pj::true_> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.kind = Value::Kind::Bool;
    v.boolean = true;
    v.span = span_of(in, b);
    b.add(std::move(v));
  }
};
template <>
struct action<pj::false_> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.kind = Value::Kind::Bool;
    v.span = span_of(in, b);
    b.add(std::move(v));
  }
};
template <>
struct action<pj::number> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.kind = Value::Kind::Number;
    v.text = in.string();
    v.span = span_of(in, b);
    b.add(std::move(v));
  }
};
template <>
struct action<pj::string> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.kind = Value::Kind::String;
    auto t = in.string_view();
    v.text = decode(t.substr(1, t.size() - 2));
    v.span = span_of(in, b);
    b.add(std::move(v));
  }
};
template <>
struct action<pj::key> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    auto t = in.string_view();
    b.keys.push_back(decode(t.substr(1, t.size() - 2)));
    b.key_spans.push_back(span_of(in, b));
  }
};
template <>
struct action<pj::begin_array> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.kind = Value::Kind::List;
    v.span = span_of(in, b);
    b.stack.push_back(std::move(v));
  }
};
template <>
struct action<pj::begin_object> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v;
    v.kind = Value::Kind::Object;
    v.span = span_of(in, b);
    b.stack.push_back(std::move(v));
  }
};
template <>
struct action<pj::array> {
  template <typename In>
  static void apply(const In& in, Builder& b) {
    Value v = std::move(b.stack.back());
    b.stack.pop_back();
    v.span = span_of(in, b);
    b.add(std::move(v));
  }
};
template <>
struct action<pj::object> : action<pj::array> {};

// Counts nesting so that `[[[[...]]]]` cannot exhaust the stack.
template <typename Rule>
struct control : pg::normal<Rule> {
  template <typename In>
  static void start(const In&, Builder& b) {
    if constexpr (std::is_same_v<Rule, pj::value>)
      if (++b.depth > kMaxDepth) throw too_deep{};
  }
  template <typename In>
  static void success(const In&, Builder& b) {
    if constexpr (std::is_same_v<Rule, pj::value>) --b.depth;
  }
  template <typename In>
  static void failure(const In&, Builder& b) {
    if constexpr (std::is_same_v<Rule, pj::value>) --b.depth;
  }
};

struct document : pg::seq<pj::text, pg::eof> {};

// How far the grammar got: the furthest byte at which it tried a rule.
template <typename Rule>
struct furthest_control : pg::normal<Rule> {
  template <typename In>
  static void start(const In& in, std::size_t& furthest) {
    furthest = std::max(furthest, static_cast<std::size_t>(in.iterator().byte));
  }
};

// Where and why the text is not JSON, for when nlohmann/json stops at something else first: a
// number beyond a double (out_of_range.406) before the syntax error. Called only after parse()
// went through the same text without exceeding kMaxDepth, so this pass nests no deeper.
std::pair<std::size_t, std::string> syntax_error_at(const std::string& text, std::size_t bom, const std::string& path) {
  std::size_t at = bom;
  pg::memory_input in(text.data() + bom, text.data() + text.size(), path, bom, 1, 1);
  (void)pg::parse<document, pg::nothing, furthest_control>(in, at);
  if (at >= text.size()) return {text.size(), "syntax error - unexpected end of input"};
  const auto c = static_cast<unsigned char>(text[at]);
  if (c > 0x20 && c < 0x7F) return {at, std::string("syntax error - unexpected '") + static_cast<char>(c) + "'"};
  static const char* hex = "0123456789ABCDEF";
  return {at, std::string("syntax error - unexpected byte 0x") + hex[c >> 4] + hex[c & 15]};
}

}  // namespace

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::Other: return "null";   // the only other thing JSON has
    case Value::Kind::Name: return "a name";  // never in JSON
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Number: return "a number";
    case Value::Kind::String: return "a string";
    case Value::Kind::List: return "an array";
    case Value::Kind::Object: return "an object";
  }
  return "?";
}

std::optional<Value> parse(const SourceSet& sources, FileId file, Diagnostics& diags) {
  const std::string& text = sources.file(file).text();
  if (text.size() > kMaxBytes) {
    diags.add(Code::E600, Span{file, 0, 0},
              "the profile is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(kMaxBytes));
    return std::nullopt;
  }
  Builder b{file, {}, {}, {}, std::nullopt, 0};
  bool ok = false;
  // A leading UTF-8 byte-order mark is ignored (RFC 8259, section 8.1); spans stay file offsets.
  const std::size_t bom = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  try {
    pg::memory_input in(text.data() + bom, text.data() + text.size(), sources.file(file).path(), bom, 1, 1);
    ok = pg::parse<document, action, control>(in, b);
  } catch (const too_deep&) {
    diags.add(Code::E600, Span{file, 0, 1}, "the profile nests deeper than " + std::to_string(kMaxDepth) + " levels");
    return std::nullopt;
  } catch (const pg::parse_error&) {
    ok = false;
  }
  if (ok && b.result) return std::move(b.result);
  // Ask nlohmann/json for a precise message and position; the grammar only says "no".
  std::size_t at = 0;
  std::string why = "not valid JSON";
  try {
    [[maybe_unused]] auto parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    at = e.byte > 0 ? e.byte - 1 : 0;
    why = e.what();
    if (auto p = why.find("syntax error"); p != std::string::npos) why = why.substr(p);
  } catch (const nlohmann::json::exception&) {
    // Not the syntax error but a number too large for a double, read before it: the profile
    // loader reads numbers exactly and would have accepted it. Find the syntax error itself.
    std::tie(at, why) = syntax_error_at(text, bom, sources.file(file).path());
  }
  at = std::min(at, text.size());
  diags.add(Code::E600,
            Span{file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(std::min(at + 1, text.size()))},
            "the profile is not valid JSON: " + why);
  return std::nullopt;
}

}  // namespace puzle::json
