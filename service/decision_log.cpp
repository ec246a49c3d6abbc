// service layer: the decision log (include/puzle/decision_log.hpp): JSON lines, hash-chained,
// appended with group commit.
#include "puzle/decision_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "puzle/profile.hpp"

#include "puzle/digest.hpp"
#include "text/json_writer.hpp"

namespace puzle::log {

std::string entry_line(const Entry& e) {
  std::string out;
  json::Writer w(out);
  w.begin_object();
  w.field("seq", e.seq).field("id", e.id).field("time", e.time);
  w.field("rulebase", e.rulebase).field("engine", e.engine);
  w.field("source", e.source).field("profile", e.profile).field("profile_digest", e.profile_digest);
  w.key("masked").begin_array();
  for (const auto& m : e.masked)
    w.begin_object().field("field", m.field).field("salt", m.salt).field("digest", m.digest).end();
  w.end();
  w.field("date", e.date).field("view", e.view).field("element", e.element);
  w.field("result_digest", e.result_digest);
  w.key("explain").raw(e.explain.empty() ? "null" : e.explain);
  w.field("prev", e.prev);
  w.end();
  return out;
}

std::optional<Entry> parse_entry(const std::string& line, std::string& error) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  Entry e;
  try {
    e.seq = j.at("seq").get<std::uint64_t>();
    for (auto [field, key] :
         std::initializer_list<std::pair<std::string Entry::*, const char*>>{{&Entry::id, "id"},
                                                                             {&Entry::time, "time"},
                                                                             {&Entry::rulebase, "rulebase"},
                                                                             {&Entry::engine, "engine"},
                                                                             {&Entry::source, "source"},
                                                                             {&Entry::profile, "profile"},
                                                                             {&Entry::profile_digest, "profile_digest"},
                                                                             {&Entry::date, "date"},
                                                                             {&Entry::view, "view"},
                                                                             {&Entry::element, "element"},
                                                                             {&Entry::result_digest, "result_digest"},
                                                                             {&Entry::prev, "prev"}})
      e.*field = j.at(key).get<std::string>();
    e.explain = j.at("explain").is_null() ? "" : j.at("explain").dump();
    for (const auto& m : j.at("masked"))
      e.masked.push_back(
          {m.at("field").get<std::string>(), m.at("salt").get<std::string>(), m.at("digest").get<std::string>()});
  } catch (const nlohmann::json::exception& x) {
    error = std::string("not a log entry: ") + x.what();
    return std::nullopt;
  }
  return e;
}

namespace {

std::string placeholder(const std::string& field) { return json::quoted("@masked:" + field); }

std::string fresh_salt() {
  static thread_local std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string salt;
  for (int i = 0; i < 16; ++i) {
    const unsigned byte = device() & 0xffu;
    salt += kHex[byte >> 4];
    salt += kHex[byte & 0xfu];
  }
  return salt;
}

}  // namespace

std::string mask_profile(std::string_view profile, const std::vector<std::string>& fields,
                         std::vector<Entry::Masked>& masked) {
  // The spans, last first, so that replacing one leaves the others where they were.
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string>> spans;
  for (const auto& f : fields)
    if (const auto span = field_value_span(profile, f)) spans.emplace_back(*span, f);
  std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.first.first > b.first.first; });
  std::string out(profile);
  for (const auto& [span, field] : spans) {
    const std::string value(profile.substr(span.first, span.second - span.first));
    Entry::Masked m{field, fresh_salt(), ""};
    m.digest = sha256_hex(m.salt + value);
    masked.push_back(std::move(m));
    out.replace(span.first, span.second - span.first, placeholder(field));
  }
  std::sort(masked.begin(), masked.end(), [](const auto& a, const auto& b) { return a.field < b.field; });
  return out;
}

std::optional<std::string> unmask_profile(const Entry& e, const std::map<std::string, std::string>& unmask,
                                          std::string& error) {
  std::string out = e.profile;
  for (const auto& m : e.masked) {
    const auto given = unmask.find(m.field);
    if (given == unmask.end()) {
      error = "`" + m.field + "` is masked: give its value as it was sent (--unmask " + m.field + "=VALUE)";
      return std::nullopt;
    }
    if (sha256_hex(m.salt + given->second) != m.digest) {
      error = "the value given for `" + m.field + "` is not the one logged";
      return std::nullopt;
    }
    const auto at = out.find(placeholder(m.field));
    if (at == std::string::npos) {
      error = "the logged profile lost the place of `" + m.field + "`";
      return std::nullopt;
    }
    out.replace(at, placeholder(m.field).size(), given->second);
  }
  return out;
}

ChainCheck verify_chain(const std::string& path) {
  ChainCheck c;
  // A device or a pipe could be read forever: a log is a regular file.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    c.problem = "'" + path + "' is not a regular file";
    return c;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    c.problem = "cannot read '" + path + "'";
    return c;
  }
  std::string line, prev;
  std::uint64_t n = 0;
  while (std::getline(in, line)) {
    if (in.eof()) {  // no line break: a write cut short, never synced whole nor acknowledged
      c.note = "its last line is cut short (" + std::to_string(line.size()) +
               " bytes, never acknowledged); the server removes it when it starts";
      break;
    }
    ++n;
    std::string error;
    const auto e = parse_entry(line, error);
    if (!e) {
      c.problem = "line " + std::to_string(n) + ": " + error;
      return c;
    }
    if (e->seq != n) {
      c.problem = "line " + std::to_string(n) + ": entry " + std::to_string(e->seq) + " where " + std::to_string(n) +
                  " was due: entries were removed or reordered";
      return c;
    }
    if (e->prev != prev) {
      c.problem = "line " + std::to_string(n) +
                  ": it does not follow the line before (an entry was edited, removed "
                  "or inserted)";
      return c;
    }
    prev = sha256_hex(line);
    ++c.entries;
  }
  if (in.bad()) c.problem = "reading '" + path + "' failed";
  c.head = prev;
  return c;
}

std::unique_ptr<Writer> Writer::open(const std::string& path, std::string& error, std::string& note) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    error = "cannot open the decision log '" + path + "': " + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<Writer> w(new Writer());
  w->fd_ = fd;
  // A last line without its line break was being written when the process died: never synced
  // whole, never acknowledged. It goes; what came before stays.
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    if (::pread(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
      error = "cannot read the decision log '" + path + "'";
      return nullptr;
    }
    if (text.back() != '\n') {
      const auto keep = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
      if (::ftruncate(fd, static_cast<off_t>(keep)) != 0 || ::fsync(fd) != 0) {
        error = "cannot remove the cut last line of '" + path + "': " + std::strerror(errno);
        return nullptr;
      }
      note = "the decision log's last line was cut short (" + std::to_string(text.size() - keep) +
             " bytes, never acknowledged): removed";
    }
  }
  const ChainCheck c = verify_chain(path);
  if (!c.problem.empty()) {
    error = "the decision log '" + path + "' is broken: " + c.problem + " (puzle log verify)";
    return nullptr;
  }
  w->next_seq_ = c.entries + 1;
  w->durable_ = c.entries;
  w->head_ = c.head;
  if (::lseek(fd, 0, SEEK_END) < 0) {
    error = std::strerror(errno);
    return nullptr;
  }
  return w;
}

Writer::~Writer() {
  if (fd_ >= 0) ::close(fd_);
}

bool Writer::append(Entry& e) {
  std::unique_lock lock(mu_);
  if (!error_.empty()) return false;
  e.seq = next_seq_++;
  e.prev = head_;
  std::string line = entry_line(e);
  head_ = sha256_hex(line);
  pending_ += line;
  pending_ += '\n';
  const std::uint64_t mine = e.seq;
  while (durable_ < mine && error_.empty()) {
    if (flushing_) {
      cv_.wait(lock);
      continue;
    }
    // This caller syncs everything pending, its own line and those queued behind it.
    flushing_ = true;
    std::string batch = std::move(pending_);
    pending_.clear();
    const std::uint64_t upto = next_seq_ - 1;
    lock.unlock();
    std::string failure;
    for (std::size_t done = 0; done < batch.size();) {
      const ssize_t n = ::write(fd_, batch.data() + done, batch.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failure = std::string("writing the decision log failed: ") + std::strerror(errno);
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    if (failure.empty() && ::fdatasync(fd_) != 0)
      failure = std::string("syncing the decision log failed: ") + std::strerror(errno);
    lock.lock();
    flushing_ = false;
    if (failure.empty())
      durable_ = upto;
    else
      error_ = failure;
    cv_.notify_all();
  }
  return error_.empty();
}

std::string Writer::error() const {
  const std::lock_guard lock(mu_);
  return error_;
}

std::uint64_t Writer::last_seq() const {
  const std::lock_guard lock(mu_);
  return durable_;
}

std::string Writer::head() const {
  const std::lock_guard lock(mu_);
  return head_;
}

}  // namespace puzle::log
