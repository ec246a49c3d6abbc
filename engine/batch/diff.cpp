// engine layer (batch): `puzle diff`: both rulebases on each profile, compared by element path.
#include "puzle/diff.hpp"

#include <map>

#include "batch/batch_internal.hpp"
#include "batch/waves.hpp"
#include "puzle/version.hpp"
#include "text/json_writer.hpp"

namespace puzle {
namespace {

// The elements of both rulebases matched by path, in path order: computed once per diff, so
// that comparing a profile's two results goes by index.
struct Paired {
  std::string path, label;  // the label of the rulebase after the change, when it has the element
  ir::ElementId before = ir::kNone, after = ir::kNone;
};

std::string label_of(const ir::Node& n) { return n.labels.empty() ? n.id : n.labels.front().text; }

// Both Programs list their elements sorted by path, so one merge pairs them.
std::vector<Paired> pair_elements(const ir::Program& a, const ir::Program& b) {
  std::vector<Paired> out;
  ir::ElementId i = 0, j = 0;
  while (i < a.elements.size() || j < b.elements.size()) {
    const std::string* pa = i < a.elements.size() ? &a.element_node(i).path : nullptr;
    const std::string* pb = j < b.elements.size() ? &b.element_node(j).path : nullptr;
    if (pa && (!pb || *pa < *pb)) {
      out.push_back({*pa, label_of(a.element_node(i)), i, ir::kNone});
      ++i;
    } else if (pb && (!pa || *pb < *pa)) {
      out.push_back({*pb, label_of(b.element_node(j)), ir::kNone, j});
      ++j;
    } else {
      out.push_back({*pa, label_of(b.element_node(j)), i, j});
      ++i, ++j;
    }
  }
  return out;
}

// Each element's phase id in a result: "" when not in the roadmap, "unscheduled" when no phase took it.
std::vector<std::string> phases_of(const ir::Program& p, const EvalResult& r) {
  std::vector<std::string> out(p.elements.size());
  for (const auto& pl : r.roadmap.placements) out[pl.element] = p.phases[pl.phase].id;
  for (auto e : r.roadmap.unscheduled) out[e] = "unscheduled";
  return out;
}

bool in_puzzle_of(const EvalResult& r, ir::ElementId e) { return e != ir::kNone && in_puzzle(r.verdicts[e].status); }

struct DiffDone {
  MunicipalityDiff diff;
  std::string error;
  bool other = false;  // another shard's record
};

}  // namespace

DiffSummary run_diff(const Rulebase& before, const Rulebase& after, RecordReader& reader, const BatchOptions& o,
                     const BatchSink& sink, const std::function<void(const MunicipalityDiff&)>& changed) {
  EvalOptions eo;
  eo.date = o.date;
  eo.trace = EvalOptions::Trace::Fired;  // the diff compares verdicts and roadmaps, not traces
  const std::vector<Paired> paired = pair_elements(before.program(), after.program());
  const batch::NamedFields names(before.program());
  auto work = [&](const BatchRecord& record, unsigned) {
    DiffDone d;
    auto a = batch::load_record(before, o.input_name, record);
    if (!batch::takes(o, before, record, a)) {
      d.other = true;
      return d;
    }
    auto b = batch::load_record(after, o.input_name, record);
    if (!a.profile || !b.profile) {
      d.error = !a.profile ? a.error + " (rules before)" : b.error + " (rules after)";
      return d;
    }
    const EvalResult ra = evaluate(before, *a.profile, eo), rb = evaluate(after, *b.profile, eo);
    for (const auto* r : {&ra, &rb})
      for (const auto& e : r->errors)
        d.error += (d.error.empty() ? "" : "\n") + o.input_name + ":" + std::to_string(record.line) +
                   ": error: " + error_text((r == &ra ? before : after).program(), e);
    if (!d.error.empty()) return d;
    d.diff.line = record.line;
    if (o.key != ir::kNone) d.diff.key = batch::key_text(before, *a.profile, o.key);
    if (names.name != ir::kNone && a.profile->values[names.name].kind == ir::TypeKind::Text)
      d.diff.name = a.profile->values[names.name].text;
    const auto phase_a = phases_of(before.program(), ra), phase_b = phases_of(after.program(), rb);
    for (const Paired& e : paired) {
      const bool was = in_puzzle_of(ra, e.before), is = in_puzzle_of(rb, e.after);
      if (!was && is) {
        d.diff.gained.push_back({e.path, e.label, "", phase_b[e.after]});
      } else if (was && !is) {
        d.diff.lost.push_back({e.path, e.label, phase_a[e.before], ""});
      } else if (was && is) {
        if (phase_a[e.before] != phase_b[e.after])
          d.diff.moved.push_back({e.path, e.label, phase_a[e.before], phase_b[e.after]});
        const Decimal& x = ra.verdicts[e.before].score;
        const Decimal& y = rb.verdicts[e.after].score;
        if (x != y) d.diff.rescored.push_back({e.path, e.label, x.to_string(), y.to_string()});
      }
    }
    return d;
  };
  DiffSummary s;
  s.before_digest = before.digest();
  s.after_digest = after.digest();
  s.date = o.date;
  s.shard = o.shard;
  std::map<std::string, DiffSummary::Count> counts;
  auto emit = [&](const BatchRecord& record, DiffDone&& d) {
    if (d.other) return;
    ++s.profiles;
    if (!d.error.empty()) {
      ++s.failed;
      if (sink.error) sink.error(record.line, d.error);
      return;
    }
    ++s.evaluated;
    if (d.diff.empty()) return;
    ++s.changed;
    auto count = [&](const std::vector<MunicipalityDiff::Change>& cs, std::uint64_t DiffSummary::Count::*field) {
      for (const auto& c : cs) {
        auto& k = counts[c.element];
        k.element = c.element;
        k.label = c.label;
        ++(k.*field);
      }
    };
    count(d.diff.gained, &DiffSummary::Count::gained);
    count(d.diff.lost, &DiffSummary::Count::lost);
    count(d.diff.moved, &DiffSummary::Count::moved);
    count(d.diff.rescored, &DiffSummary::Count::rescored);
    if (changed) changed(d.diff);
  };
  const batch::WavesRun run = batch::run_waves<DiffDone>(
      reader, o.jobs, o.wave, o.stop, [](unsigned) {}, work, emit, sink.progress);
  s.interrupted = run.interrupted;
  s.threads_short = run.threads_short;
  for (auto& [path, c] : counts) s.elements.push_back(std::move(c));
  return s;
}

std::string render_diff_text(const DiffSummary& s) {
  std::string o = "Rule change over " + std::to_string(s.profiles) + " profiles: " + std::to_string(s.changed) +
                  (s.changed == 1 ? " municipality changes (" : " municipalities change (") +
                  std::to_string(s.evaluated) + " evaluated, " + std::to_string(s.failed) + " failed)\nrules before " +
                  s.before_digest.substr(0, 12) + "…  after " + s.after_digest.substr(0, 12) + "…  date " +
                  s.date.to_string() + "\n";
  if (s.elements.empty()) return o + "\nNo municipality's puzzle, roadmap or scores change.\n";
  std::size_t w = 7;
  for (const auto& c : s.elements) w = std::max(w, c.element.size());
  auto right = [](std::uint64_t n, std::size_t width) {
    const std::string t = std::to_string(n);
    return std::string(t.size() < width ? width - t.size() : 0, ' ') + t;
  };
  o += "\n  " + std::string("element") + std::string(w - 7, ' ') + "  gained    lost   moved  rescored\n";
  for (const auto& c : s.elements)
    o += "  " + c.element + std::string(w - c.element.size(), ' ') + "  " + right(c.gained, 6) + "  " +
         right(c.lost, 6) + "  " + right(c.moved, 6) + "  " + right(c.rescored, 8) + "\n";
  return o;
}

std::string render_diff_municipality_text(const MunicipalityDiff& d) {
  auto phase = [](const std::string& p) { return p.empty() ? std::string("none") : p; };
  std::string o = "  " +
                  (d.name.empty() ? std::string("line ") + std::to_string(d.line)
                                  : d.name + " (line " + std::to_string(d.line) + ")") +
                  "\n";
  for (const auto& c : d.gained) o += "    + " + c.element + " (phase " + phase(c.after) + ")\n";
  for (const auto& c : d.lost) o += "    - " + c.element + " (was in phase " + phase(c.before) + ")\n";
  for (const auto& c : d.moved)
    o += "    ~ " + c.element + ": phase " + phase(c.before) + " → " + phase(c.after) + "\n";
  for (const auto& c : d.rescored) o += "    ± " + c.element + ": score " + c.before + " → " + c.after + "\n";
  return o;
}

std::string render_diff_json(const DiffSummary& s) {
  std::string out;
  json::Writer w(out, 2);
  w.begin_object();
  w.key("engine").begin_object().field("name", "puzle").field("version", kVersion).end();
  w.key("rulebase_before").begin_object().field("digest", s.before_digest).end();
  w.key("rulebase_after").begin_object().field("digest", s.after_digest).end();
  w.field("date", s.date.to_string());
  batch::shard_field(w, s.shard);
  w.field("profiles", s.profiles).field("evaluated", s.evaluated).field("failed", s.failed);
  w.field("changed", s.changed);
  w.key("elements").begin_array();
  for (const auto& c : s.elements) {
    w.begin_object().field("element", c.element).field("label", c.label).field("gained", c.gained);
    w.field("lost", c.lost).field("moved", c.moved).field("rescored", c.rescored).end();
  }
  w.end().end();
  out += '\n';
  return out;
}

std::string render_diff_municipality_json(const MunicipalityDiff& d) {
  std::string out;
  json::Writer w(out);
  w.begin_object().field("line", d.line).key("key");
  if (d.key)
    w.string(*d.key);
  else
    w.null();
  w.field("name", d.name);
  auto changes = [&](const char* key, const std::vector<MunicipalityDiff::Change>& cs) {
    w.key(key).begin_array();
    for (const auto& c : cs)
      w.begin_object().field("element", c.element).field("before", c.before).field("after", c.after).end();
    w.end();
  };
  changes("gained", d.gained);
  changes("lost", d.lost);
  changes("moved", d.moved);
  changes("rescored", d.rescored);
  w.end();
  out += '\n';
  return out;
}

}  // namespace puzle
