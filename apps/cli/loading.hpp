// apps layer: what the commands share: their common options (--rules, --date, --format) and
// loading their inputs, the rules and a profile. Every file loaded is noted (files.hpp), so
// that no output can be written over it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "puzle/date.hpp"
#include "puzle/profile.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

// Adds --rules (default: rules; repeatable) to a subcommand.
void add_rules_option(CLI::App& cmd, std::vector<std::string>& rules);
// Adds --date: the day the rules' validity is judged on, checked as it is parsed (a bad date is
// a usage error); `default_text` says what an absent one means.
void add_date_option(CLI::App& cmd, std::optional<Date>& date, const std::string& default_text);
// Adds --format text|json (text by default).
void add_format_option(CLI::App& cmd, std::string& format, const std::string& help);

// Loads a rulebase; on errors prints them and sets `exit_code` (2 when a path cannot be read,
// 1 for errors in the rules).
std::optional<Rulebase> load_rules(const std::vector<std::string>& paths, int& exit_code);

// Loads a profile (a JSON file, or - for standard input); on errors prints them in `format`
// and sets `exit_code` (2 when it cannot be read, 1 for errors in it).
std::optional<Profile> load_profile_arg(const Rulebase& rb, const std::string& path, const std::string& format,
                                        int& exit_code);

// The element a command line names (short id, path or unique path suffix); when it names none
// or several, says so (with the paths it could mean) and returns kNone.
ir::ElementId element_arg(const Rulebase& rb, const std::string& name);

// The exit code for diagnostics with errors: 2 when a path could not be read (E106), else 1.
int exit_code_for(const Diagnostics& diags);

}  // namespace puzle::cli
