// engine layer (batch): `puzle merge`: summaries of parts of a run added into the summary of
// the whole. A batch summary is all counters beside names, so it merges field by field; a
// coverage report and a diff summary also list what is derived from their counters (the rules
// that never fired, sorted by count...), which is derived again from the sums.
#include "puzle/merge.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace puzle {
namespace {

using J = nlohmann::ordered_json;

// A part that does not merge: which one, which field, why.
struct MergeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& part, const std::string& field, const std::string& why) {
  throw MergeError(part + ": " + (field.empty() ? "" : "field " + field + ": ") + why);
}

enum class Kind { Batch, Coverage, Diff };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Batch: return "a batch summary";
    case Kind::Coverage: return "a coverage report";
    case Kind::Diff: return "a diff summary";
  }
  return "";
}

Kind kind_of(const SummaryPart& part, const J& j) {
  if (!j.is_object()) fail(part.name, "", "not a JSON object");
  if (j.contains("groups")) return Kind::Batch;
  if (j.contains("unfired_rules")) return Kind::Coverage;
  if (j.contains("rulebase_before")) return Kind::Diff;
  fail(part.name, "", "not the JSON summary of puzle batch (--summary), coverage (--format json) or diff (--summary)");
}

std::string shown(const J& v) {
  std::string s = v.dump(-1, ' ', false, J::error_handler_t::replace);
  return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

const J& field(const SummaryPart& part, const J& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) fail(part.name, name, "missing");
  return j.at(name);
}

std::uint64_t counter(const SummaryPart& part, const J& j, const std::string& path) {
  if (!j.is_number_unsigned()) fail(part.name, path, "expected a count, found " + shown(j));
  return j.get<std::uint64_t>();
}

std::uint64_t add(const SummaryPart& part, const std::string& path, std::uint64_t a, std::uint64_t b) {
  if (a > UINT64_MAX - b) fail(part.name, path, "the sum overflows");
  return a + b;
}

// Adds `from` into `into`, field by field: the same shape, the same names, counts added.
void add_into(J& into, const J& from, const SummaryPart& part, const SummaryPart& first, const std::string& path) {
  const auto differs = [&] {
    fail(part.name, path.empty() ? "(the document)" : path,
         shown(from) + " where " + first.name + " has " + shown(into) + ": not parts of one run");
  };
  if (into.type() != from.type() && !(into.is_number_unsigned() && from.is_number_unsigned())) differs();
  if (into.is_object()) {
    if (into.size() != from.size()) differs();
    auto a = into.begin();
    auto b = from.begin();
    for (; a != into.end(); ++a, ++b) {
      if (a.key() != b.key()) fail(part.name, path + (path.empty() ? "" : ".") + b.key(), "not in " + first.name);
      add_into(a.value(), b.value(), part, first, path + (path.empty() ? "" : ".") + a.key());
    }
  } else if (into.is_array()) {
    if (into.size() != from.size()) differs();
    for (std::size_t i = 0; i < into.size(); ++i)
      add_into(into[i], from[i], part, first, path + "[" + std::to_string(i) + "]");
  } else if (into.is_number_unsigned()) {
    into = add(part, path, into.get<std::uint64_t>(), from.get<std::uint64_t>());
  } else if (into != from) {
    differs();
  }
}

// The fields that say which run a part belongs to must be the same in every part.
void same_run(const std::vector<SummaryPart>& parts, const std::vector<J>& docs, const std::vector<const char*>& keys) {
  for (std::size_t i = 1; i < docs.size(); ++i)
    for (const char* k : keys) {
      const J& a = field(parts[0], docs[0], k);
      const J& b = field(parts[i], docs[i], k);
      if (a != b)
        fail(parts[i].name, k,
             shown(b) + " where " + parts[0].name + " has " + shown(a) + ": summaries of different runs do not merge");
    }
}

// Parts made with --shard must be the N shards of one run, each once; the merge is the run's
// summary, which says no shard. Parts without shards merge as they are.
void take_shards(const std::vector<SummaryPart>& parts, std::vector<J>& docs) {
  std::size_t with = 0;
  for (const J& d : docs) with += d.contains("shard") ? 1 : 0;
  if (with == 0) return;
  if (with != docs.size()) {
    for (std::size_t i = 0; i < docs.size(); ++i)
      if (!docs[i].contains("shard"))
        fail(parts[i].name, "shard", "missing, and other parts are shards: merge the shards of one run only");
  }
  std::uint64_t count = 0;
  std::set<std::uint64_t> seen;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const J& s = docs[i]["shard"];
    const std::uint64_t index = counter(parts[i], field(parts[i], s, "index"), "shard.index");
    const std::uint64_t n = counter(parts[i], field(parts[i], s, "count"), "shard.count");
    if (i == 0) count = n;
    if (n != count)
      fail(parts[i].name, "shard.count",
           std::to_string(n) + " where " + parts[0].name + " has " + std::to_string(count));
    if (index == 0 || index > n)
      fail(parts[i].name, "shard.index",
           std::to_string(index) + " is not between 1 and the count " + std::to_string(n));
    if (!seen.insert(index).second)
      fail(parts[i].name, "shard", std::to_string(index) + "/" + std::to_string(n) + " is given twice");
  }
  for (std::uint64_t k = 1; k <= count; ++k)
    if (!seen.count(k))
      throw MergeError("shard " + std::to_string(k) + "/" + std::to_string(count) +
                       " is missing: a merge covers every shard of the run once");
  for (J& d : docs) d.erase("shard");
}

// A coverage report: its counters add; the lists read off them are made again.
J merge_coverage(const std::vector<SummaryPart>& parts, const std::vector<J>& docs) {
  J out = docs[0];
  for (const char* k : {"profiles", "evaluated", "failed"}) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < docs.size(); ++i)
      sum = add(parts[i], k, sum, counter(parts[i], field(parts[i], docs[i], k), k));
    out[k] = sum;
  }
  // Rules by id (the report lists them by count): the same rules, at the same places, in every part.
  std::map<std::string, J> rules;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::size_t n = 0;
    for (const J& r : field(parts[i], docs[i], "rules")) {
      const std::string path = "rules[" + std::to_string(n++) + "]";
      const std::string id = field(parts[i], r, "id").get<std::string>();
      const std::uint64_t fired = counter(parts[i], field(parts[i], r, "fired"), path + ".fired");
      auto [it, fresh] = rules.try_emplace(id, r);
      if (fresh) {
        if (i > 0) fail(parts[i].name, path, "rule " + id + " is not in " + parts[0].name);
        continue;
      }
      if (it->second["at"] != field(parts[i], r, "at"))
        fail(parts[i].name, path + ".at", "the rule is elsewhere in " + parts[0].name);
      it->second["fired"] = add(parts[i], path + ".fired", it->second["fired"].get<std::uint64_t>(), fired);
    }
    if (n != rules.size()) fail(parts[i].name, "rules", "fewer rules than " + parts[0].name);
  }
  std::vector<J> by_count;
  for (auto& [id, r] : rules) by_count.push_back(std::move(r));
  // The most fired first, then by id (the order of the rules in the rulebase).
  std::stable_sort(by_count.begin(), by_count.end(), [](const J& a, const J& b) {
    return a["fired"].get<std::uint64_t>() > b["fired"].get<std::uint64_t>();
  });
  out["rules"] = J::array();
  J unfired = J::array();
  for (J& r : by_count) {
    if (r["fired"] == 0u) unfired.push_back(r["id"]);
    out["rules"].push_back(std::move(r));
  }
  std::sort(unfired.begin(), unfired.end());
  out["unfired_rules"] = unfired;
  // Elements and segments: in the same order in every part.
  const auto sum_list = [&](const char* list, const char* name, const char* count, const char* derived) {
    J& into = out[list];
    for (std::size_t i = 1; i < docs.size(); ++i) {
      const J& from = field(parts[i], docs[i], list);
      if (from.size() != into.size()) fail(parts[i].name, list, "not the same list as in " + parts[0].name);
      for (std::size_t k = 0; k < into.size(); ++k) {
        const std::string path = std::string(list) + "[" + std::to_string(k) + "]";
        if (field(parts[i], from[k], name) != into[k][name])
          fail(parts[i].name, path + "." + name,
               shown(from[k][name]) + " where " + parts[0].name + " has " + shown(into[k][name]));
        into[k][count] = add(parts[i], path, counter(parts[0], into[k][count], path),
                             counter(parts[i], field(parts[i], from[k], count), path + "." + count));
      }
    }
    J none = J::array();
    for (const J& x : into)
      if (x[count] == 0u) none.push_back(x[name]);
    out[derived] = none;
  };
  sum_list("elements", "path", "in_puzzle", "elements_in_no_puzzle");
  sum_list("segments", "id", "municipalities", "empty_segments");
  return out;
}

// A diff summary: its counters add, per element path (an element appears where it changed).
J merge_diff(const std::vector<SummaryPart>& parts, const std::vector<J>& docs) {
  J out = docs[0];
  for (const char* k : {"profiles", "evaluated", "failed", "changed"}) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < docs.size(); ++i)
      sum = add(parts[i], k, sum, counter(parts[i], field(parts[i], docs[i], k), k));
    out[k] = sum;
  }
  std::map<std::string, J> elements;  // by path, as the diff lists them
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::size_t n = 0;
    for (const J& e : field(parts[i], docs[i], "elements")) {
      const std::string path = "elements[" + std::to_string(n++) + "]";
      const std::string id = field(parts[i], e, "element").get<std::string>();
      auto [it, fresh] = elements.try_emplace(id, e);
      if (fresh) continue;
      if (it->second["label"] != field(parts[i], e, "label"))
        fail(parts[i].name, path + ".label",
             shown(e["label"]) + " where another part has " + shown(it->second["label"]));
      for (const char* c : {"gained", "lost", "moved", "rescored"})
        it->second[c] = add(parts[i], path + "." + c, it->second[c].get<std::uint64_t>(),
                            counter(parts[i], field(parts[i], e, c), path + "." + c));
    }
  }
  out["elements"] = J::array();
  for (auto& [path, e] : elements) out["elements"].push_back(std::move(e));
  return out;
}

}  // namespace

MergedSummary merge_summaries(const std::vector<SummaryPart>& parts) {
  MergedSummary out;
  try {
    if (parts.empty()) throw MergeError("no summary to merge");
    std::vector<J> docs;
    for (const SummaryPart& part : parts) {
      J j = J::parse(part.text, nullptr, false);
      if (j.is_discarded()) fail(part.name, "", "not valid JSON");
      docs.push_back(std::move(j));
    }
    const Kind kind = kind_of(parts[0], docs[0]);
    for (std::size_t i = 1; i < docs.size(); ++i)
      if (kind_of(parts[i], docs[i]) != kind)
        fail(parts[i].name, "",
             std::string(kind_name(kind_of(parts[i], docs[i]))) + ", and " + parts[0].name + " is " + kind_name(kind) +
                 ": only summaries of one kind merge");
    take_shards(parts, docs);
    J merged;
    switch (kind) {
      case Kind::Batch:
        same_run(parts, docs, {"engine", "rulebase", "date"});
        merged = docs[0];
        for (std::size_t i = 1; i < docs.size(); ++i) add_into(merged, docs[i], parts[i], parts[0], "");
        break;
      case Kind::Coverage:
        same_run(parts, docs, {"engine", "rulebase", "date"});
        merged = merge_coverage(parts, docs);
        break;
      case Kind::Diff:
        same_run(parts, docs, {"engine", "rulebase_before", "rulebase_after", "date"});
        merged = merge_diff(parts, docs);
        break;
    }
    out.json = merged.dump(2, ' ', false, J::error_handler_t::replace) + "\n";
  } catch (const MergeError& e) {
    out.error = e.what();
  } catch (const J::exception& e) {  // a field of the wrong type
    out.error = std::string("a part is not a summary as docs/json.md describes it: ") + e.what();
  }
  return out;
}

}  // namespace puzle
