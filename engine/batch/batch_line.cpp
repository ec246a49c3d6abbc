// engine layer (batch): the compact JSON line of one municipality: digests, identity and the
// roadmap as element ids with status, score and rank. Written by hand: it is rendered once per
// profile, and a batch renders hundreds of thousands.
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "batch/batch_internal.hpp"
#include "puzle/version.hpp"

namespace puzle::batch {
namespace {

void str(std::string& out, const std::string& s) { append_json_string(out, s); }

// `","rank":N}`: an entry's tail, after its score.
void append_rank(std::string& out, std::uint32_t rank) {
  char buf[32] = "\",\"rank\":";
  char* const digits = buf + 9;
  char* const end = std::to_chars(digits, buf + sizeof buf - 1, rank).ptr;
  *end = '}';
  out.append(buf, end + 1);
}

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
    case ir::TypeKind::Int:
    case ir::TypeKind::Decimal:
    case ir::TypeKind::Money:
    case ir::TypeKind::Level: return v.number.to_string();
    default: return "";
  }
}

LineParts::LineParts(const Rulebase& rb) : fields(rb.program()) {
  const ir::Program& p = rb.program();
  append_json_string(engine, std::string(kVersion));
  element_ids.resize(p.elements.size());
  for (std::size_t s = 0; s < status_heads.size(); ++s)
    status_heads[s] = std::string(status_name(static_cast<Status>(s))) + "\",\"score\":\"";
  entry_heads.resize(p.elements.size());
  for (ir::ElementId e = 0; e < p.elements.size(); ++e) {
    append_json_string(element_ids[e], p.element_node(e).id);
    entry_heads[e] = ",{\"id\":" + element_ids[e] + ",\"status\":\"";
  }
  phase_ids.resize(p.phases.size());
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) append_json_string(phase_ids[ph], p.phases[ph].id);
}

namespace {

// ,"limits":{...}: the phase's limits for this profile and their use, as the JSON roadmap gives
// them (without the expressions, which are the rulebase's); null when there is no roadmap.
void append_limits(std::string& o, const Roadmap& roadmap, ir::PhaseId ph) {
  if (ph >= roadmap.capacity.size()) {
    o += ",\"limits\":null";
    return;
  }
  const PhaseCapacity& c = roadmap.capacity[ph];
  o += ",\"limits\":{";
  bool first = true;
  auto limit = [&](const char* name, const std::optional<Decimal>& max, const auto& used, int cents) {
    if (!max) return;
    o += first ? "\"" : ",\"";
    first = false;
    o += name;
    o += "\":{\"max\":\"";
    max->append_to(o, cents);
    o += "\",\"used\":\"";
    if constexpr (std::is_same_v<std::decay_t<decltype(used)>, Decimal>)
      used.append_to(o, cents);
    else
      o += std::to_string(used);
    o += "\"}";
  };
  limit("size", c.size, c.placed, 0);
  limit("effort", c.effort, c.effort_used, 0);
  limit("budget", c.budget, c.budget_used, 2);
  o += "}";
}

}  // namespace

std::string batch_line(const Rulebase& rb, const LineParts& parts, const BatchRecord& record, const Profile& profile,
                       const EvalResult& r, ir::FieldId key, const CompactExplainer* explainer) {
  const ir::Program& p = rb.program();
  const NamedFields& fields = parts.fields;
  std::string o;
  o.reserve(512 + 72 * r.roadmap.placements.size());  // a placement takes about 60 bytes
  o += "{\"line\":";
  o += std::to_string(record.line);
  o += ",\"key\":";
  if (key == ir::kNone)
    o += "null";
  else
    str(o, key_text(rb, profile, key));
  o += ",\"name\":";
  str(o, NamedFields::text(p, profile, fields.name));
  o += ",\"province\":";
  str(o, NamedFields::text(p, profile, fields.province));
  o += ",\"population\":";
  str(o, NamedFields::text(p, profile, fields.population));
  o += ",\"engine\":";
  o += parts.engine;
  o += ",\"rulebase\":\"";
  o += r.rulebase_digest;
  o += "\",\"profile\":\"";
  o += r.profile_digest;
  o += "\",\"date\":";
  str(o, r.date.to_string());
  o += ",\"phases\":[";
  for (ir::PhaseId ph = 0; ph < p.phases.size(); ++ph) {
    o += ph ? ",{\"id\":" : "{\"id\":";
    o += parts.phase_ids[ph];
    append_limits(o, r.roadmap, ph);
    o += ",\"elements\":[";
    bool first = true;
    for (const auto& pl : r.roadmap.placements) {
      if (pl.phase != ph) continue;
      o.append(std::string_view(parts.entry_heads[pl.element]).substr(first ? 1 : 0));
      first = false;
      const Verdict& v = r.verdicts[pl.element];
      o += parts.status_heads[static_cast<std::size_t>(v.status)];
      v.score.append_to(o);
      append_rank(o, pl.rank);
    }
    o += "]}";
  }
  // The candidates no phase took (all of them when the rulebase declares no roadmap), in rank
  // order, with their status and score like the phases' elements.
  o += "],\"unscheduled\":[";
  for (std::size_t i = 0; i < r.roadmap.unscheduled.size(); ++i) {
    const ir::ElementId e = r.roadmap.unscheduled[i];
    o.append(std::string_view(parts.entry_heads[e]).substr(i ? 0 : 1));
    o += parts.status_heads[static_cast<std::size_t>(r.verdicts[e].status)];
    r.verdicts[e].score.append_to(o);
    o += "\"}";
  }
  // The rulebase's warnings on this profile: code, and the element of its `for` (or null).
  o += "],\"warnings\":[";
  for (std::size_t i = 0; i < r.warnings.size(); ++i) {
    o += i ? ",{\"code\":" : "{\"code\":";
    str(o, p.warnings[r.warnings[i].warning].id);
    o += ",\"element\":";
    o += r.warnings[i].binding == ir::kNone ? std::string("null") : parts.element_ids[r.warnings[i].binding];
    o += "}";
  }
  o += "]";
  if (explainer) {
    o += ",\"explain\":";
    explainer->append_json(RenderInput{rb, profile, r}, o);
  }
  o += "}\n";
  return o;
}

}  // namespace puzle::batch
