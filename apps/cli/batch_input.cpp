// apps layer: opening batch inputs, showing progress, and saying whether all of it was read.
#include "batch_input.hpp"

#include <chrono>
#include <iostream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.hpp"
#include "files.hpp"
#include "interrupt.hpp"
#include "io/output_file.hpp"
#include "loading.hpp"

namespace puzle::cli {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool ends_with_csv(const std::string& s) {
  if (s.size() < 4) return false;
  std::string tail = s.substr(s.size() - 4);
  for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".csv";
}

}  // namespace

void add_batch_input_options(CLI::App& cmd, BatchInputOptions& o) {
  cmd.add_option(
         "input", o.input,
         "Profiles: a .csv file with a header, a .jsonl file (one JSON profile per line), or - for standard input")
      ->required();
  cmd.add_option("--input-format", o.format,
                 "auto (by the file's extension; JSON Lines for standard input), jsonl or csv")
      ->check(CLI::IsMember({"auto", "jsonl", "csv"}));
  cmd.add_option("--jobs,-j", o.jobs,
                 "Threads evaluating at once (default: every core; at most " + std::to_string(kMaxJobs) + ")");
  add_date_option(cmd, o.date, "today, UTC");
  cmd.add_flag("!--no-progress", o.progress, "Do not show the progress line (it only shows on a terminal)");
  cmd.add_option("--shard", o.shard,
                 "I/N: evaluate only the I-th of N shares of the records, chosen by a hash of each record's key, so "
                 "that N runs cover the input once (docs/scale.md)");
  cmd.add_option("--key", o.key,
                 "The profile field that identifies a record, in each line and for --shard (default: the field the "
                 "schema marks `key`)");
}

bool BatchInput::read_shard_and_key(const Rulebase& rb) {
  const ir::Program& p = rb.program();
  key_ = p.key_field;
  if (!o_.key.empty()) {
    key_ = ir::kNone;
    for (ir::FieldId f = 0; f < p.fields.size(); ++f)
      if (p.fields[f].name == o_.key) key_ = f;
    const auto kind = key_ == ir::kNone ? ir::TypeKind::Bool : p.fields[key_].type.kind;
    if (kind != ir::TypeKind::Text && kind != ir::TypeKind::Int && kind != ir::TypeKind::Enum) {
      std::string fields;
      for (const auto& f : p.fields)
        if (f.type.kind == ir::TypeKind::Text || f.type.kind == ir::TypeKind::Int || f.type.kind == ir::TypeKind::Enum)
          fields += (fields.empty() ? "" : ", ") + f.name;
      error_ = "--key " + o_.key + ": " +
               (key_ == ir::kNone ? "the profile has no such field" : "a key is a text, int or enum field") +
               " (it may be one of: " + fields + ")";
      error_code_ = exit_code::kUsage;
      return false;
    }
  }
  if (o_.shard.empty()) return true;
  // I/N, 1 <= I <= N: digits only, so that "1/4 " or "+1/4" is no shard anyone meant.
  const auto slash = o_.shard.find('/');
  const auto number = [](const std::string& t, std::uint32_t& out) {
    if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos) return false;
    out = static_cast<std::uint32_t>(std::stoul(t));
    return true;
  };
  std::uint32_t i = 0, n = 0;
  if (slash == std::string::npos || !number(o_.shard.substr(0, slash), i) || !number(o_.shard.substr(slash + 1), n) ||
      n == 0 || i == 0 || i > n) {
    error_ = "--shard " + o_.shard + ": expected I/N with 1 <= I <= N, e.g. 1/4 (the first of four shares)";
    error_code_ = exit_code::kUsage;
    return false;
  }
  shard_ = Shard{i - 1, n};
  return true;
}

BatchInput::BatchInput(const BatchInputOptions& o, const Rulebase& rb) : o_(o) {
  name_ = o.input;
  format_ = o.format;
  if (format_ == "auto") format_ = ends_with_csv(o.input) ? "csv" : "jsonl";
  jobs_ = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (jobs_ > kMaxJobs) {
    std::cerr << "puzle: warning: --jobs " << jobs_ << " is more than " << kMaxJobs << "; using " << kMaxJobs << "\n";
    jobs_ = kMaxJobs;
  }
  show_progress_ = o.progress && isatty(fileno(stderr));
  started_ = now_seconds();
  if (read_shard_and_key(rb)) open(rb);
}

BatchInput::~BatchInput() {
  if (fd_ > 0) ::close(fd_);
}

bool BatchInput::open(const Rulebase& rb) {
  fd_ = 0;
  if (o_.input != "-") {
    if (!note_input(o_.input, "the input")) {
      error_code_ = exit_code::kUsage;
      return false;
    }
    fd_ = ::open(o_.input.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    const int err = fd_ < 0 ? errno : ::fstat(fd_, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (err) {
      error_ =
          "cannot read '" + o_.input + "': " + (err == EISDIR ? std::string("it is a folder") : io::error_text(err));
      error_code_ = exit_code::kUsage;
      return false;
    }
    if (S_ISREG(st.st_mode)) size_ = static_cast<std::uintmax_t>(st.st_size);
  }
  buf_ = std::make_unique<io::FdReader>(fd_, &stop_flag());
  stream_ = std::make_unique<std::istream>(buf_.get());
  if (format_ == "csv") {
    std::string header_error;
    reader_ = csv_reader(*stream_, rb, header_error);
    if (!reader_) {
      error_ = o_.input + ": " + header_error;
      error_code_ = exit_code::kInput;
    }
  } else {
    reader_ = jsonl_reader(*stream_);
  }
  return reader_ != nullptr;
}

int BatchInput::failed() const {
  if (reader_) return exit_code::kOk;
  if (!error_.empty()) std::cerr << "puzle: " << error_ << "\n";
  return error_code_;
}

BatchOptions BatchInput::options() const {
  BatchOptions bo;
  bo.input_name = name_;
  bo.jobs = jobs_;
  bo.date = o_.date.value_or(today_utc());
  bo.stop = &stop_flag();
  bo.shard = shard_;
  bo.key = key_;
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

int BatchInput::finish(const BatchSummary& summary, bool to_file) {
  if (summary.threads_short)
    std::cerr << "puzle: warning: the system refused to start " << summary.threads_short
              << " of the worker threads; the others did the work\n";
  const std::string counts = std::to_string(summary.profiles) + " profiles (" + std::to_string(summary.evaluated) +
                             " evaluated, " + std::to_string(summary.failed) + " failed)";
  if (interrupt_signal()) {
    std::cerr << "puzle: interrupted after " << counts << "; "
              << (to_file ? "no output file was written" : "the output is incomplete") << "\n";
    return interrupted_exit_code();
  }
  if (buf_ && buf_->error()) {
    std::cerr << "puzle: cannot read '" << name_ << "' to its end: " << io::error_text(buf_->error())
              << "; stopped after " << counts
              << (to_file ? "; no output file was written" : "; the output is incomplete") << "\n";
    return exit_code::kIo;
  }
  return exit_code::kOk;
}

void BatchInput::progress(std::uint64_t done) {
  if (!show_progress_) return;
  const double elapsed = now_seconds() - started_;
  std::string line = "\r" + std::to_string(done) + " profiles";
  if (size_ > 0 && buf_) {
    const auto pct =
        static_cast<int>(std::min(100.0, 100.0 * static_cast<double>(buf_->consumed()) / static_cast<double>(size_)));
    const int bar = pct / 5;
    line = "\r[" + std::string(static_cast<std::size_t>(bar), '#') +
           std::string(static_cast<std::size_t>(20 - bar), ' ') + "] " + std::to_string(pct) + "% · " +
           std::to_string(done) + " profiles";
  }
  if (elapsed > 0) line += " · " + std::to_string(static_cast<long long>(static_cast<double>(done) / elapsed)) + "/s";
  std::cerr << line << "   " << std::flush;
}

void BatchInput::finish_progress() {
  if (show_progress_) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
}

}  // namespace puzle::cli
