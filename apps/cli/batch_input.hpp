// apps layer: what batch, coverage, diff and report share: opening the profiles (a file or
// standard input, JSON Lines or CSV) and the progress line on a terminal.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <vector>
#include <string>

#include <CLI/CLI.hpp>

#include "puzle/batch.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

struct BatchInputOptions {
  std::string input;            // a path, or "-"
  std::string format = "auto";  // auto (by extension; JSON Lines for stdin), jsonl, csv
  unsigned jobs = 0;            // 0: every core
  std::string date;
  bool progress = true;         // --no-progress turns it off
};

// Adds INPUT, --format, --jobs, --date and --no-progress to a subcommand.
void add_batch_input_options(CLI::App& cmd, BatchInputOptions& o);

class BatchInput {
 public:
  // Everything a batch command needs before it runs: on failure, the reason is printed on
  // stderr and `failed()` is the exit code (1 for bad input, 2 for an unreadable file).
  // Opens the input; on failure `error` says why and reader() is null.
  BatchInput(const BatchInputOptions& o, const Rulebase& rb);
  RecordReader* reader() { return reader_.get(); }
  const std::string& error() const { return error_; }
  int failed() const;
  // The batch options every command shares: the input's name, the jobs, the date.
  BatchOptions options() const;
  // Bad records on stderr (clearing the progress line first), and progress after each wave.
  BatchSink reporting_sink();
  const std::string& name() const { return name_; }
  unsigned jobs() const { return jobs_; }
  // After each wave: a progress line on stderr when it is a terminal; finish() clears it.
  void progress(std::uint64_t done);
  void finish_progress();

 private:
  bool open(const Rulebase& rb);
  BatchInputOptions o_;
  std::string name_, error_, format_;
  std::ifstream file_;
  std::unique_ptr<RecordReader> reader_;
  unsigned jobs_ = 1;
  bool show_progress_ = false;
  std::uintmax_t size_ = 0;
  double started_ = 0;
};

// Loads a rulebase for a command; on errors prints them and sets `exit_code`.
std::optional<Rulebase> load_rules(const std::vector<std::string>& paths, int& exit_code);

}  // namespace puzle::cli
