// apps layer: each subcommand registers itself on the CLI11 app and returns its runner.
// A runner returns the process exit code (files.hpp: exit_code).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "puzle/date.hpp"
#include "puzle/diagnostic.hpp"
#include "puzle/source.hpp"

namespace puzle::cli {

using Runner = std::function<int()>;

Runner add_parse(CLI::App& app);
Runner add_check(CLI::App& app);
Runner add_puzzle(CLI::App& app);
Runner add_roadmap(CLI::App& app);
Runner add_explain(CLI::App& app);
Runner add_why_not(CLI::App& app);
Runner add_test(CLI::App& app);
Runner add_fmt(CLI::App& app);
Runner add_doc(CLI::App& app);
Runner add_batch(CLI::App& app);
Runner add_coverage(CLI::App& app);
Runner add_report(CLI::App& app);
Runner add_diff(CLI::App& app);
Runner add_merge(CLI::App& app);
Runner add_db(CLI::App& app);
Runner add_town(CLI::App& app);
Runner add_visit(CLI::App& app);
Runner add_serve(CLI::App& app);
Runner add_log(CLI::App& app);
Runner add_replay(CLI::App& app);

// Today's date (UTC): the default day on which validity dates are judged.
Date today_utc();

// Shared by commands that print diagnostics: "text" or "json" on stderr / stdout.
void print_diagnostics(const Diagnostics& diags, const SourceSet& sources, const std::string& format);

}  // namespace puzle::cli
