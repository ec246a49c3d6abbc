// apps layer: opening batch inputs and showing progress.
#include "batch_input.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "commands.hpp"

namespace puzle::cli {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

void add_batch_input_options(CLI::App& cmd, BatchInputOptions& o) {
  cmd.add_option("input", o.input, "Profiles: a .csv file with a header, a .jsonl file (one JSON profile per line), or - for standard input")
      ->required();
  cmd.add_option("--input-format", o.format, "auto (by the file's extension; JSON Lines for standard input), jsonl or csv")
      ->check(CLI::IsMember({"auto", "jsonl", "csv"}));
  cmd.add_option("--jobs,-j", o.jobs, "Threads evaluating at once (default: every core)");
  cmd.add_option("--date", o.date, "Judge the rules' validity on this day, YYYY-MM-DD (default: today, UTC)")->check(date_validator());
  cmd.add_flag("!--no-progress", o.progress, "Do not show the progress line (it only shows on a terminal)");
}

BatchInput::BatchInput(const BatchInputOptions& o, const Rulebase& rb) : o_(o) {
  name_ = o.input;
  format_ = o.format;
  if (format_ == "auto") format_ = ends_with(o.input, ".csv") ? "csv" : "jsonl";
  jobs_ = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  show_progress_ = o.progress && isatty(fileno(stderr));
  if (o.input != "-") {
    std::error_code ec;
    size_ = std::filesystem::file_size(o.input, ec);
    if (ec) size_ = 0;
  }
  started_ = now_seconds();
  open(rb);
}

bool BatchInput::open(const Rulebase& rb) {
  std::istream* in = &std::cin;
  if (o_.input != "-") {
    file_.close();
    file_.clear();
    file_.open(o_.input, std::ios::binary);
    if (!file_) {
      error_ = "cannot read '" + o_.input + "'";
      return false;
    }
    in = &file_;
  }
  if (format_ == "csv") {
    std::string header_error;
    reader_ = csv_reader(*in, rb, header_error);
    if (!reader_) error_ = o_.input + ": " + header_error;
  } else {
    reader_ = jsonl_reader(*in);
  }
  return reader_ != nullptr;
}

int BatchInput::failed() const {
  if (reader_) return 0;
  std::cerr << "puzle: " << error_ << "\n";
  return error_.rfind("cannot read", 0) == 0 ? 2 : 1;
}

BatchOptions BatchInput::options() const {
  BatchOptions bo;
  bo.input_name = name_;
  bo.jobs = jobs_;
  bo.date = o_.date.empty() ? today_utc() : o_.date;
  return bo;
}

BatchSink BatchInput::reporting_sink() {
  BatchSink sink;
  sink.error = [this](std::uint64_t, const std::string& message) {
    finish_progress();
    std::cerr << message << "\n";
  };
  sink.progress = [this](std::uint64_t done) { progress(done); };
  return sink;
}

std::optional<Rulebase> load_rules(const std::vector<std::string>& paths, int& exit_code) {
  auto load = Rulebase::load(paths);
  if (load.rulebase) return std::move(load.rulebase);
  print_diagnostics(load.diagnostics, *load.sources, "text");
  exit_code = load.diagnostics.items().empty() ? 2 : 1;
  return std::nullopt;
}

void BatchInput::progress(std::uint64_t done) {
  if (!show_progress_) return;
  const double elapsed = now_seconds() - started_;
  std::string line = "\r" + std::to_string(done) + " profiles";
  if (size_ > 0 && file_.is_open()) {
    const auto pos = file_.tellg();
    if (pos >= 0) {
      const auto pct = static_cast<int>(100.0 * static_cast<double>(pos) / static_cast<double>(size_));
      const int bar = pct / 5;
      line = "\r[" + std::string(static_cast<std::size_t>(bar), '#') + std::string(static_cast<std::size_t>(20 - bar), ' ') +
             "] " + std::to_string(pct) + "% · " + std::to_string(done) + " profiles";
    }
  }
  if (elapsed > 0) line += " · " + std::to_string(static_cast<long long>(static_cast<double>(done) / elapsed)) + "/s";
  std::cerr << line << "   " << std::flush;
}

void BatchInput::finish_progress() {
  if (show_progress_) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
}

}  // namespace puzle::cli
