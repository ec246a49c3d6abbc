// apps layer: what batch, coverage, diff and report share: opening the profiles (a file or
// standard input, JSON Lines or CSV), the progress line on a terminal, and saying at the end
// whether the whole input was read.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "io/fd_reader.hpp"
#include "puzle/batch.hpp"
#include "puzle/date.hpp"
#include "puzle/rulebase.hpp"

namespace puzle::cli {

struct BatchInputOptions {
  std::string input;            // a path, or "-"
  std::string format = "auto";  // auto (by extension; JSON Lines for stdin), jsonl, csv
  unsigned jobs = 0;            // 0: every core
  std::optional<Date> date;     // default: today
  bool progress = true;         // --no-progress turns it off
  std::string shard;            // "I/N": only the I-th of N shares of the records (1-based)
  std::string key;              // the field that identifies a record (default: the schema's `key`)
};

// Adds INPUT, --format, --jobs, --date and --no-progress to a subcommand.
void add_batch_input_options(CLI::App& cmd, BatchInputOptions& o);

class BatchInput {
 public:
  // Opens the input (noting it, files.hpp). On failure `failed()` says why on stderr and gives
  // the exit code (2 for a path that cannot be read, 1 for a bad CSV header).
  BatchInput(const BatchInputOptions& o, const Rulebase& rb);
  ~BatchInput();
  BatchInput(const BatchInput&) = delete;
  BatchInput& operator=(const BatchInput&) = delete;
  RecordReader* reader() { return reader_.get(); }
  int failed() const;
  // The batch options every command shares: the input's name, the jobs, the date, the stop flag.
  BatchOptions options() const;
  // Bad records on stderr (clearing the progress line first), and progress after each wave.
  BatchSink reporting_sink();
  const std::string& name() const { return name_; }
  // After the run: 0, or the exit code after saying why the run is incomplete: interrupted
  // (130 for SIGINT) or the input could not be read to its end (3). `to_file`: the lines go to
  // a file, which is then not written at all.
  int finish(const BatchSummary& summary, bool to_file);
  // After each wave: a progress line on stderr when it is a terminal; finish() clears it.
  void progress(std::uint64_t done);
  void finish_progress();

 private:
  bool open(const Rulebase& rb);
  bool read_shard_and_key(const Rulebase& rb);  // false after setting error_
  BatchInputOptions o_;
  std::string name_, error_, format_;
  int error_code_ = 0;
  int fd_ = -1;
  std::unique_ptr<io::FdReader> buf_;
  std::unique_ptr<std::istream> stream_;
  std::unique_ptr<RecordReader> reader_;
  unsigned jobs_ = 1;
  Shard shard_;
  ir::FieldId key_ = ir::kNone;
  bool show_progress_ = false;
  std::uintmax_t size_ = 0;
  double started_ = 0;
};

}  // namespace puzle::cli
