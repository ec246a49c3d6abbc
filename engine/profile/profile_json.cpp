// engine layer (profiles): JSON profile -> Profile, validated field by field against the schema.
#include <algorithm>

#include "io/bounded_read.hpp"
#include "json_tree.hpp"
#include "puzle/digest.hpp"
#include "puzle/profile.hpp"
#include "puzle/suggest.hpp"
#include "text/display.hpp"

namespace puzle {
namespace {

using TK = ir::TypeKind;
using JK = json::Value::Kind;

std::string expected(const ir::Field& f) {
  switch (f.type.kind) {
    case TK::Int: return "a whole number";
    case TK::Decimal: return "a number";
    case TK::Money: return "an amount of money, e.g. 1500.00";
    case TK::Bool: return "true or false";
    case TK::Text: return "a string";
    case TK::Enum: {
      std::string s = "one of ";
      for (std::size_t i = 0; i < f.enum_values.size(); ++i) s += (i ? ", \"" : "\"") + f.enum_values[i] + "\"";
      return s;
    }
    case TK::Level: return "a whole number from " + f.lo.to_string() + " to " + f.hi.to_string();
    case TK::PerAreaLevel:
      return "a level from " + f.lo.to_string() + " to " + f.hi.to_string() + ", or an object {\"AREA\": level, ...}";
    case TK::Set: return "an array of element names";
    default: return "a value";
  }
}

class Loader {
 public:
  Loader(const Rulebase& rb, const SourceSet& sources, Diagnostics& diags)
      : rb_(rb), p_(rb.program()), src_(sources), diags_(diags) {}

  std::optional<std::vector<ir::Value>> load(const json::Value& doc) {
    if (doc.kind != JK::Object) {
      diags_.add(Code::E602, doc.span,
                 std::string("a profile is a JSON object {\"field\": value, ...}, not ") + json::kind_name(doc.kind));
      return std::nullopt;
    }
    std::vector<std::optional<ir::Value>> values(p_.fields.size());
    std::vector<Span> given(p_.fields.size());
    std::vector<bool> seen(p_.fields.size(), false);
    bool ok = true;
    for (std::size_t i = 0; i < doc.members.size(); ++i) {
      const std::string& key = doc.members[i].key;
      const json::Value& value = doc.members[i].value;
      const Span key_span = doc.members[i].key_span;
      auto f = std::find_if(p_.fields.begin(), p_.fields.end(),
                            [&name = key](const ir::Field& x) { return x.name == name; });
      if (f == p_.fields.end()) {
        std::vector<std::string> names;
        std::string list;
        for (const auto& x : p_.fields) {
          names.push_back(x.name);
          list += (list.empty() ? "" : ", ") + x.name;
        }
        auto hint = did_you_mean(key, names);
        diags_.add(Code::E603, key_span, "unknown field \"" + text::excerpt(key) + "\"",
                   hint.empty() ? "the fields are: " + list : hint);
        ok = false;
        continue;
      }
      const auto id = static_cast<ir::FieldId>(f - p_.fields.begin());
      if (seen[id]) {
        auto& d = diags_.add(Code::E606, key_span, "field \"" + text::excerpt(key) + "\" is given twice");
        d.notes.push_back({given[id], true, "first given here"});
        ok = false;
        continue;
      }
      seen[id] = true;
      given[id] = key_span;
      values[id] = convert(*f, value);
      if (!values[id]) ok = false;
    }
    std::vector<ir::Value> out;
    for (ir::FieldId id = 0; id < p_.fields.size(); ++id) {
      if (values[id]) {
        out.push_back(std::move(*values[id]));
      } else if (!seen[id] && p_.fields[id].default_value) {
        out.push_back(*p_.fields[id].default_value);
      } else {
        if (!seen[id]) {
          diags_.add(Code::E601, Span{doc.span.file, doc.span.begin, doc.span.begin + 1},
                     "missing field \"" + p_.fields[id].name + "\": it expects " + expected(p_.fields[id]) +
                         " and has no default",
                     "add \"" + p_.fields[id].name + "\": ... to the profile");
          ok = false;
        }
        out.emplace_back();
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

 private:
  // The value as written, on one line (a line break and the indentation after it become one
  // space), cut to about 60 bytes at a character boundary.
  std::string text_of(const json::Value& v) const {
    const auto& t = src_.file(v.span.file).text();
    std::string s;
    for (std::uint32_t i = v.span.begin; i < v.span.end; ++i) {
      if (t[i] != '\n' && t[i] != '\r') {
        s += t[i];
        continue;
      }
      while (i + 1 < v.span.end && (t[i + 1] == ' ' || t[i + 1] == '\t' || t[i + 1] == '\n' || t[i + 1] == '\r')) ++i;
      s += ' ';
    }
    if (s.size() > 60) {
      std::size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
      s = s.substr(0, cut) + "...";
    }
    return s;
  }

  // The field's value, checked by the one validator of values (puzle/value_check.hpp), each
  // problem said in a profile's words.
  std::optional<ir::Value> convert(const ir::Field& f, const json::Value& v) {
    std::vector<ValueProblem> problems;
    auto value = check_value(p_, rb_.names(), f, v, NameSyntax::Strings, f.default_value, problems);
    for (const auto& pr : problems) report(f, pr);
    return value;
  }

  void report(const ir::Field& f, const ValueProblem& pr) {
    using PK = ValueProblem::Kind;
    const json::Value& v = *pr.value;
    const std::string field = "field \"" + f.name + "\"";
    switch (pr.kind) {
      case PK::WrongKind:
        diags_.add(Code::E602, v.span, field + " expects " + expected(f) + ", not " + text_of(v));
        return;
      case PK::Exponent:
        diags_.add(Code::E602, v.span, field + " expects " + expected(f) + ", not " + text::excerpt(v.text),
                   "write the number without an exponent");
        return;
      case PK::TooPrecise:
        diags_.add(Code::E602, v.span, field + ": " + text::excerpt(v.text) + " has more than 6 decimal places");
        return;
      case PK::TooLarge: diags_.add(Code::E602, v.span, field + ": " + text::excerpt(v.text) + " is too large"); return;
      case PK::NotWhole:
        diags_.add(Code::E602, v.span, field + " expects " + expected(f) + ", not " + text::excerpt(v.text));
        return;
      case PK::OutOfRange:
        diags_.add(Code::E604, v.span,
                   field + " is a level from " + f.lo.to_string() + " to " + f.hi.to_string() + "; " + v.text +
                       " is out of range");
        return;
      case PK::UnknownEnumValue:
        diags_.add(Code::E605, v.span, field + " expects " + expected(f) + ", not " + text_of(v),
                   did_you_mean(v.text, f.enum_values));
        return;
      case PK::UnknownArea: {
        std::vector<std::string> names;
        std::string list;
        for (auto node : p_.areas) {
          names.push_back(p_.nodes[node].id);
          list += (list.empty() ? "" : ", ") + names.back();
        }
        auto hint = did_you_mean(pr.text, names);
        diags_.add(Code::E605, pr.span, field + ": unknown area \"" + text::excerpt(pr.text) + "\"",
                   hint.empty() ? "the areas are: " + list : hint);
        return;
      }
      case PK::AreaTwice:
        diags_.add(Code::E606, pr.span, field + ": area \"" + text::excerpt(pr.text) + "\" is given twice");
        return;
      case PK::MissingAreas:
        diags_.add(Code::E601, v.span, field + " gives no level for: " + pr.text + ", and has no default");
        return;
      case PK::NotAnElementName:
        diags_.add(Code::E602, v.span, field + " lists element names as strings, not " + text_of(v));
        return;
      case PK::UnknownElement: {
        std::vector<std::string> names;
        for (const auto& el : p_.elements) names.push_back(p_.nodes[el.node].id);
        diags_.add(Code::E605, v.span, field + ": unknown element \"" + text::excerpt(v.text) + "\"",
                   did_you_mean(v.text, names));
        return;
      }
      case PK::AmbiguousElement: {
        std::string list;
        for (auto c : pr.elements) list += (list.empty() ? "" : ", ") + p_.element_node(c).path;
        diags_.add(Code::E605, v.span, field + ": \"" + text::excerpt(v.text) + "\" is ambiguous: it names " + list,
                   "write the full path");
        return;
      }
    }
  }

  const Rulebase& rb_;
  const ir::Program& p_;
  const SourceSet& src_;
  Diagnostics& diags_;
};

}  // namespace

ProfileLoad load_profile(const Rulebase& rulebase, std::string source, std::string json_text) {
  ProfileLoad out;
  auto sources = std::make_shared<SourceSet>();
  const std::string digest = sha256_hex(json_text);
  FileId file = sources->add(source, std::move(json_text));
  out.sources = sources;
  auto doc = json::parse(*sources, file, out.diagnostics);
  if (doc) {
    Loader loader(rulebase, *sources, out.diagnostics);
    if (auto values = loader.load(*doc)) out.profile = Profile{std::move(*values), digest, source, rulebase.digest()};
  }
  out.diagnostics.sort();
  return out;
}

ProfileLoad load_profile_file(const Rulebase& rulebase, const std::string& path) {
  // The limit applies while reading: a huge file or an endless stream costs at most the limit.
  std::string text;
  const io::ReadResult read =
      path == "-" ? io::read_fd(0, json::kMaxBytes, text) : io::read_file(path, json::kMaxBytes, true, text);
  if (read) return load_profile(rulebase, path, std::move(text));
  ProfileLoad out;
  auto sources = std::make_shared<SourceSet>();
  const FileId f = sources->add(path, "");
  if (read.failure == io::ReadFailure::TooLarge)
    out.diagnostics.add(Code::E600, Span{f, 0, 0},
                        "the profile is larger than the limit of " + std::to_string(json::kMaxBytes) + " bytes");
  else
    out.diagnostics.add(Code::E106, Span{f, 0, 0}, "cannot read the profile '" + path + "': " + read.reason,
                        "give the path of a JSON file, or - for standard input");
  out.sources = sources;
  return out;
}

std::optional<std::pair<std::size_t, std::size_t>> field_value_span(std::string_view json_text,
                                                                    std::string_view field) {
  SourceSet sources;
  const FileId file = sources.add("-", std::string(json_text));
  Diagnostics diags;
  const auto doc = json::parse(sources, file, diags);
  if (!doc || doc->kind != json::Value::Kind::Object) return std::nullopt;
  for (const auto& m : doc->members)
    if (m.key == field) return std::make_pair(std::size_t{m.value.span.begin}, std::size_t{m.value.span.end});
  return std::nullopt;
}

}  // namespace puzle
