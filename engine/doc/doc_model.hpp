// engine layer (documentation): the plain data behind `puzle doc`, read once from the checked
// Program so the Markdown and HTML writers only lay it out.
#pragma once

#include <string>
#include <vector>

#include "puzle/rulebase.hpp"

namespace puzle::doc {

struct Link {  // a reference to an element: its anchor and its Catalan label
  std::string anchor;
  std::string label;
};

struct RuleRef {
  std::string rule;
  std::string effect;  // "require", "suggest +20", ...
};

struct Element {
  std::string id, path, anchor, label, label_es, label_en, description;
  std::string effort, cost;  // empty when not declared
  std::string maturity;      // "2 (ajuntament)": the maturity it needs; empty when none
  bool city_scale = false;   // `city_scale`
  std::vector<Link> requires_, needed_by;
  std::vector<std::string> solutions;  // "Consorci AOC · e-NOTUM"
  std::vector<RuleRef> rules;
};

struct Group {  // an area, a domain or a block
  std::string id, path, anchor, label, label_es, label_en, description;
  std::size_t element_count = 0;
  std::vector<Group> children;    // domains of an area, blocks of a domain
  std::vector<Element> elements;  // elements of a block
};

struct Solution {
  std::string id, label, description, url, eligible;  // eligible: the condition as written
  std::string cost;                                   // "0" (free), "1500", "" when not stated
  std::vector<Link> covers;
};

struct Provider {
  std::string id, label, description, url;
  std::string serves;  // its `serves when` condition as written; "" when none
  std::vector<Solution> solutions;
};

struct Segment {
  std::string id, label, condition;
};

struct Phase {
  std::string id, label, limits;  // limits: "size 3..4, effort ..30"
};

struct Rule {
  std::string id, title, at;  // at: file:line
  std::vector<std::string> sources, effects;
  std::string validity;  // "from 2016-10-02", "" when always
};

struct Model {
  std::string digest;
  std::size_t domains = 0, blocks = 0, elements = 0, tests = 0;
  std::vector<Group> areas;
  std::vector<Provider> providers;
  std::vector<Segment> segments;
  std::vector<Phase> phases;
  std::string priority;  // the roadmap's ranking as written; "" without `priority`
  std::vector<Rule> rules;
  std::vector<Rule> warnings;  // `warning` declarations: no effects
};

Model build_model(const Rulebase& rulebase);

}  // namespace puzle::doc
