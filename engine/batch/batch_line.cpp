// engine layer (batch): the compact JSON line of one municipality: digests, identity and the
// roadmap as element ids with status, score and rank. Written by hand: it is rendered once per
// profile, and a batch renders hundreds of thousands.
#include <string>
#include <string_view>

#include "batch/batch_internal.hpp"
#include "puzle/version.hpp"

namespace puzle::batch {
namespace {

void str(std::string& out, const std::string& s) { append_json_string(out, s); }

}  // namespace

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  // Ids and paths never need escaping: copy runs of plain characters whole.
  std::size_t plain = 0;
  auto needs_escape = [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; };
  while (plain < s.size() && !needs_escape(static_cast<unsigned char>(s[plain]))) ++plain;
  out.append(s, 0, plain);
  for (unsigned char c : std::string_view(s).substr(plain)) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

NamedFields::NamedFields(const ir::Program& p) {
  for (ir::FieldId f = 0; f < p.fields.size(); ++f) {
    if (p.fields[f].name == "name") name = f;
    if (p.fields[f].name == "province") province = f;
    if (p.fields[f].name == "population") population = f;
  }
}

std::string NamedFields::text(const ir::Program& p, const Profile& profile, ir::FieldId f) {
  if (f == ir::kNone) return "";
  const ir::Value& v = profile.values[f];
  switch (v.kind) {
    case ir::TypeKind::Text: return v.text;
    case ir::TypeKind::Enum: return v.index < p.fields[f].enum_values.size() ? p.fields[f].enum_values[v.index] : "";
    case ir::TypeKind::Int: case ir::TypeKind::Decimal: case ir::TypeKind::Money: case ir::TypeKind::Level:
      return v.number.to_string();
    default: return "";
  }
}

std::string batch_line(const Rulebase& rb, const NamedFields& fields, const BatchRecord& record, const Profile& profile,
                       const EvalResult& r) {
  const ir::Program& p = rb.program();
  std::string o;
  o.reserve(2048);
  o += "{\"line\":" + std::to_string(record.line) + ",\"name\":";
  str(o, NamedFields::text(p, profile, fields.name));
  o += ",\"province\":";
  str(o, NamedFields::text(p, profile, fields.province));
  o += ",\"population\":";
  str(o, NamedFields::text(p, profile, fields.population));
  o += ",\"engine\":";
  str(o, std::string(kVersion));
  o += ",\"rulebase\":\"" + r.rulebase_digest + "\",\"profile\":\"" + r.profile_digest + "\",\"date\":";
  str(o, r.date);
  o += ",\"phases\":[";
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    o += ph ? ",{\"id\":" : "{\"id\":";
    str(o, p.phases[ph].id);
    o += ",\"elements\":[";
    bool first = true;
    for (const auto& pl : r.roadmap.placements) {
      if (pl.phase != ph) continue;
      o += first ? "{\"id\":" : ",{\"id\":";
      first = false;
      str(o, p.element_node(pl.element).id);
      const Verdict& v = r.verdicts[pl.element];
      o += ",\"status\":\"";
      o += status_name(v.status);
      o += "\",\"score\":\"";
      o += v.score.to_string();
      o += "\",\"rank\":";
      o += std::to_string(pl.rank);
      o += '}';
    }
    o += "]}";
  }
  o += "],\"unscheduled\":[";
  for (std::size_t i = 0; i < r.roadmap.unscheduled.size(); ++i) {
    o += i ? "," : "";
    str(o, p.element_node(r.roadmap.unscheduled[i]).id);
  }
  o += "]}\n";
  return o;
}

}  // namespace puzle::batch
