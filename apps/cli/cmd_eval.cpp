// apps layer: `puzle puzzle|roadmap|explain|why-not`: evaluate a rulebase for one profile.
#include <iostream>

#include "commands.hpp"
#include "files.hpp"
#include "loading.hpp"
#include "puzle/date.hpp"
#include "puzle/evaluate.hpp"
#include "puzle/profile.hpp"
#include "puzle/render.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {
namespace {

enum class View { Puzzle, Roadmap, Explain, WhyNot };

struct Options {
  std::vector<std::string> rules{"rules"};
  std::string profile;
  std::string element;
  std::string format = "text";
  std::optional<Date> date;
};

int run(const Options& o, View view) {
  int code = 0;
  const auto loaded = load_rules(o.rules, code);
  if (!loaded) return code;
  const Rulebase& rb = *loaded;
  const auto profile = load_profile_arg(rb, o.profile, o.format, code);
  if (!profile) return code;
  ir::ElementId element = ir::kNone;
  if (view == View::Explain || view == View::WhyNot) {
    element = element_arg(rb, o.element);
    if (element == ir::kNone) return exit_code::kUsage;
  }
  EvalOptions eo;
  eo.date = o.date.value_or(today_utc());
  if (view == View::Explain) eo.explain = EvalOptions::Explain::Acts;
  if (view == View::WhyNot) eo.explain = EvalOptions::Explain::All;
  const EvalResult result = evaluate(rb, *profile, eo);
  const RenderInput in{rb, *profile, result};
  if (o.format == "json") {
    const JsonView jv = view == View::Puzzle    ? JsonView::Puzzle
                        : view == View::Roadmap ? JsonView::Roadmap
                        : view == View::Explain ? JsonView::Explain
                                                : JsonView::WhyNot;
    std::cout << render_json(in, jv, element);
  } else {
    switch (view) {
      case View::Puzzle: std::cout << render_puzzle_text(in); break;
      case View::Roadmap: std::cout << render_roadmap_text(in); break;
      case View::Explain: std::cout << render_explain_text(in, element); break;
      case View::WhyNot: std::cout << render_why_not_text(in, element); break;
    }
  }
  return result.errors.empty() ? exit_code::kOk : exit_code::kInput;
}

Runner add_view(CLI::App& app, const char* name, const char* help, View view) {
  auto* cmd = app.add_subcommand(name, help);
  auto o = std::make_shared<Options>();
  if (view == View::Explain || view == View::WhyNot)
    cmd->add_option("element", o->element, "The element: short id, full path or unique path suffix")->required();
  cmd->add_option("profile", o->profile, "The municipality's profile (JSON file, or - for standard input)")->required();
  add_rules_option(*cmd, o->rules);
  add_format_option(*cmd, o->format, "text (for people) or json (for programs)");
  add_date_option(*cmd, o->date, "today, UTC");
  return [o, view] { return run(*o, view); };
}

}  // namespace

Runner add_puzzle(CLI::App& app) {
  return add_view(app, "puzzle", "The aspirational puzzle: every element with its status, grouped by area",
                  View::Puzzle);
}
Runner add_roadmap(CLI::App& app) {
  return add_view(app, "roadmap", "The prioritised roadmap, phase by phase", View::Roadmap);
}
Runner add_explain(CLI::App& app) {
  return add_view(app, "explain", "Why an element has its status: every rule that acted on it, with its facts",
                  View::Explain);
}
Runner add_why_not(CLI::App& app) {
  return add_view(app, "why-not",
                  "Why an element is not suggested: the condition that failed, or the rule that excluded it",
                  View::WhyNot);
}

}  // namespace puzle::cli
