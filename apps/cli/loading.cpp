// apps layer: loading rules and profiles for the commands.
#include "loading.hpp"

#include <iostream>

#include "commands.hpp"
#include "files.hpp"

namespace puzle::cli {

void add_rules_option(CLI::App& cmd, std::vector<std::string>& rules) {
  cmd.add_option("--rules", rules, "Rule files or folders (default: rules); repeat for several")
      ->allow_extra_args(false);
}

void add_date_option(CLI::App& cmd, std::optional<Date>& date, const std::string& default_text) {
  cmd.add_option_function<std::string>(
         "--date",
         [&date](const std::string& text) {
           date = Date::parse(text);
           if (!date)
             throw CLI::ValidationError("--date",
                                        "'" + text + "' is not a real date YYYY-MM-DD: " + date_problem(text));
         },
         "Judge the rules' validity on this day, YYYY-MM-DD (default: " + default_text + ")")
      ->type_name("DATE");
}

void add_format_option(CLI::App& cmd, std::string& format, const std::string& help) {
  cmd.add_option("--format", format, help)->check(CLI::IsMember({"text", "json"}));
}

int exit_code_for(const Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.code == Code::E106) return exit_code::kUsage;
  return diags.has_errors() ? exit_code::kInput : exit_code::kOk;
}

std::optional<Rulebase> load_rules(const std::vector<std::string>& paths, int& exit_code) {
  auto load = Rulebase::load(paths);
  if (!note_rule_files(*load.sources)) {
    exit_code = exit_code::kUsage;
    return std::nullopt;
  }
  if (load.rulebase) return std::move(load.rulebase);
  print_diagnostics(load.diagnostics, *load.sources, "text");
  exit_code = exit_code_for(load.diagnostics);
  if (exit_code == exit_code::kOk) exit_code = exit_code::kInternal;  // no rulebase, yet no error
  return std::nullopt;
}

std::optional<Profile> load_profile_arg(const Rulebase& rb, const std::string& path, const std::string& format,
                                        int& exit_code) {
  if (!note_input(path, "the profile")) {
    exit_code = exit_code::kUsage;
    return std::nullopt;
  }
  auto pl = load_profile_file(rb, path);
  if (pl.profile) return std::move(pl.profile);
  print_diagnostics(pl.diagnostics, *pl.sources, format);
  exit_code = exit_code_for(pl.diagnostics);
  if (exit_code == exit_code::kOk) exit_code = exit_code::kInternal;
  return std::nullopt;
}

ir::ElementId element_arg(const Rulebase& rb, const std::string& name) {
  std::vector<ir::ElementId> candidates;
  const ir::ElementId element = rb.find_element(name, &candidates);
  if (element != ir::kNone) return element;
  std::cerr << "puzle: " << (candidates.size() > 1 ? "ambiguous" : "unknown") << " element '" << name << "'";
  if (candidates.size() > 1) {
    std::cerr << "; it names:";
    for (auto c : candidates) std::cerr << " " << rb.program().element_node(c).path;
  }
  std::cerr << "\n";
  return ir::kNone;
}

}  // namespace puzle::cli
