// The town halls' memory under faults (docs/store.md, "The file"): a disk that fills up and a
// file-size limit fail the write with a clear StoreError (Kind::Io) and leave the file as it was,
// and the same connection writes again once there is room; readers beside a writer see whole
// visits, in order, and never wait; a writer that meets another process's transaction waits for
// it up to the busy timeout, then fails with Kind::Busy.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_run.hpp"
#include "puzle/digest.hpp"
#include "puzle/store.hpp"

namespace store_faults_test {
namespace {

using namespace puzle::store;
using puzle::testing_cli::Scratch;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

const Municipality kGosol{"25100", "Gósol", "Berguedà", "lleida", 228};

// Visit number n, as it reads back when it is the n-th of its database: its notes and its
// profile say n, the profile is padded to about `size` bytes, and its digest is its SHA-256.
Visit numbered_visit(std::int64_t n, std::size_t size = 200) {
  Visit v;
  v.id = n;  // ignored by add_visit
  v.municipality = "25100";
  v.date = "2026-03-01";
  v.agent = "anna";
  v.notes = "visit " + std::to_string(n);
  v.profile = R"({"n": )" + std::to_string(n) + R"(, "pad": ")" + std::string(size, 'x') + "\"}";
  v.profile_digest = puzle::sha256_hex(v.profile);
  v.rulebase_digest = "r";
  return v;
}

// A visit read back whole, as numbered_visit wrote it: no field missing or cut short.
bool whole(const Visit& v) {
  const std::string n = std::to_string(v.id);
  return v.municipality == "25100" && v.date == "2026-03-01" && v.agent == "anna" && v.notes == "visit " + n &&
         v.profile.starts_with(R"({"n": )" + n + ",") && v.profile.ends_with("\"}") &&
         v.profile_digest == puzle::sha256_hex(v.profile) && v.rulebase_digest == "r";
}

// Visits as comparable lines (the profile by its size and digest).
std::vector<std::string> rows(const std::vector<Visit>& vs) {
  std::vector<std::string> out;
  for (const Visit& v : vs)
    out.push_back("#" + std::to_string(v.id) + " " + v.municipality + " " + v.date + " " + v.agent + " [" + v.notes +
                  "] " + std::to_string(v.profile.size()) + " bytes " + v.profile_digest + " " + v.rulebase_digest +
                  (whole(v) ? "" : " TORN"));
  return out;
}

// A disk that fills up, under the SQLite connections this process opens while it lives:
// SQLite's own unix VFS, registered again as the default, where a write that would grow a file
// by more than the space left fails with SQLITE_FULL, as the unix VFS's write does when
// write(2) reports ENOSPC. A file is rewritten in place at no cost, as on a real disk.
class FullDisk {
 public:
  FullDisk() {
    real_ = sqlite3_vfs_find(nullptr);
    vfs_ = *real_;
    vfs_.zName = "puzle-test-full-disk";
    vfs_.pNext = nullptr;
    vfs_.xOpen = open;
    space_ = -1;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~FullDisk() { sqlite3_vfs_unregister(&vfs_); }  // the unix VFS is the default again
  FullDisk(const FullDisk&) = delete;
  FullDisk& operator=(const FullDisk&) = delete;
  // The bytes the disk can still take; -1: as many as asked.
  void set_space(std::int64_t bytes) { space_ = bytes; }

 private:
  // A file's methods: the unix VFS's, but for xWrite. The file itself is the unix VFS's own.
  struct Methods {
    sqlite3_io_methods methods;  // first: the file's pMethods points here
    const sqlite3_io_methods* real;
  };

  static const sqlite3_io_methods* wrapped(const sqlite3_io_methods* real) {
    static std::mutex mutex;
    static std::vector<std::unique_ptr<Methods>> all;  // kept while files may point to them
    const std::lock_guard lock(mutex);
    for (const auto& m : all)
      if (m->real == real) return &m->methods;
    all.push_back(std::make_unique<Methods>(Methods{*real, real}));
    all.back()->methods.xWrite = write;
    return &all.back()->methods;
  }

  static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    const int rc = real_->xOpen(real_, name, file, flags, out_flags);
    if (file->pMethods) file->pMethods = wrapped(file->pMethods);
    return rc;
  }

  static int write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    const sqlite3_io_methods* real = reinterpret_cast<const Methods*>(file->pMethods)->real;
    sqlite3_int64 size = 0;
    if (const int rc = real->xFileSize(file, &size); rc != SQLITE_OK) return rc;
    const std::int64_t growth = std::max<std::int64_t>(0, offset + amount - size);
    if (growth > 0 && space_ >= 0) {
      if (growth > space_) return SQLITE_FULL;
      space_ -= growth;
    }
    return real->xWrite(file, data, amount, offset);
  }

  static inline sqlite3_vfs* real_ = nullptr;
  static inline std::atomic<std::int64_t> space_{-1};
  sqlite3_vfs vfs_{};
};

TEST(StoreFaults, AFullDiskFailsTheWriteWithIoAndRecordsNothing) {
  const Scratch s("store-faults");
  const std::string db = s / "puzle.db";
  std::vector<Visit> before;  // what the file held when the disk was full
  {
    FullDisk disk;
    Store st = Store::open(db, true);
    st.add_municipalities({kGosol});
    disk.set_space(64 * 1024);
    std::optional<StoreError> full;
    for (int n = 1; n <= 100 && !full; ++n) {  // 4 KB visits until one does not fit
      try {
        EXPECT_EQ(st.add_visit(numbered_visit(n, 4000)), n);
        before = st.visits_of("25100");
      } catch (const StoreError& e) {
        full = e;
      }
    }
    ASSERT_TRUE(full) << "100 visits of 4 KB fitted in 64 KB";
    ASSERT_FALSE(before.empty()) << "the first visit did not fit";
    EXPECT_EQ(full->kind(), StoreError::Kind::Io);
    EXPECT_STREQ(full->what(), ("recording a visit in '" + db +
                                "': the disk is full (or the database reached its size limit): nothing was "
                                "recorded; free some space and try again")
                                   .c_str());
    EXPECT_EQ(rows(st.visits_of("25100")), rows(before)) << "half a visit recorded";
    // Still full, the file opens and reads as it was.
    EXPECT_EQ(rows(Store::open(db, false).visits_of("25100")), rows(before));
    disk.set_space(-1);  // room again: the same connection writes
    EXPECT_EQ(st.add_visit(numbered_visit(static_cast<std::int64_t>(before.size()) + 1, 4000)),
              static_cast<std::int64_t>(before.size()) + 1);
  }
  before.push_back(numbered_visit(static_cast<std::int64_t>(before.size()) + 1, 4000));
  EXPECT_EQ(rows(Store::open(db, false).visits_of("25100")), rows(before)) << "on the disk as it is";
}

// A few bytes at a time through a pipe: a length, then the text.
void send(int fd, const std::string& text) {
  const auto n = static_cast<std::uint32_t>(text.size());
  if (::write(fd, &n, sizeof n) != sizeof n || ::write(fd, text.data(), n) != static_cast<ssize_t>(n)) _exit(3);
}

std::optional<std::string> receive(int fd) {
  std::uint32_t n = 0;
  if (::read(fd, &n, sizeof n) != sizeof n) return std::nullopt;
  std::string text(n, '\0');
  for (std::size_t got = 0; got < n;) {
    const ssize_t r = ::read(fd, text.data() + got, n - got);
    if (r <= 0) return std::nullopt;
    got += static_cast<std::size_t>(r);
  }
  return text;
}

// Another process, forked before this one opens the database (a SQLite connection must not
// cross a fork), running `body(say, hear)`. It ends with the scope: its pipes are closed (a
// child waiting to hear gives up) and it is waited for, so that a failed assertion leaves no
// process behind.
class Child {
 public:
  template <class Body>
  explicit Child(Body body) {
    int up[2], down[2];
    if (pipe(up) != 0 || pipe(down) != 0) return;
    std::fflush(nullptr);  // or the child would print again what this process has yet to
    pid_ = fork();
    if (pid_ == 0) {
      close(up[0]);
      close(down[1]);
      try {
        body([&](const std::string& t) { send(up[1], t); }, [&] { return receive(down[0]); });
      } catch (...) {
        _exit(2);
      }
      _exit(0);
    }
    close(up[1]);
    close(down[0]);
    from_ = up[0];
    to_ = down[1];
  }
  ~Child() { wait(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  bool started() const { return pid_ > 0; }
  std::optional<std::string> hear() { return receive(from_); }
  void say(const std::string& text) { send(to_, text); }
  // The child's exit status (-1 if it did not exit).
  int wait() {
    for (int* fd : {&to_, &from_})
      if (*fd >= 0) close(std::exchange(*fd, -1));
    if (pid_ <= 0) return status_;
    int st = 0;
    waitpid(std::exchange(pid_, -1), &st, 0);
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int from_ = -1, to_ = -1, status_ = -1;
};

TEST(StoreFaults, AFileSizeLimitFailsTheWriteWithIoAndRecordsNothing) {
  const Scratch s("store-faults");
  const std::string db = s / "puzle.db";
  std::vector<Visit> before;
  {
    Store st = Store::open(db, true);
    st.add_municipalities({kGosol});
    st.add_visit(numbered_visit(1));
    st.add_visit(numbered_visit(2));
    before = st.visits_of("25100");
  }
  // Every file no larger than the database, or the write-ahead log's index (32 KB), and 32 KB.
  const auto limit = static_cast<rlim_t>(std::max<std::uintmax_t>(std::filesystem::file_size(db), 32768) + 32768);
  const Visit big = numbered_visit(3, 256 * 1024);  // its write-ahead log frames go past the limit
  Child writer([&](auto say, auto hear) {
    std::signal(SIGXFSZ, SIG_IGN);  // past the limit, write(2) fails with EFBIG instead of killing
    rlimit r{};
    getrlimit(RLIMIT_FSIZE, &r);
    const rlim_t lifted = r.rlim_cur;
    r.rlim_cur = limit;
    if (setrlimit(RLIMIT_FSIZE, &r) != 0) say("setrlimit failed");
    Store st = Store::open(db, false);
    try {
      say("written as #" + std::to_string(st.add_visit(big)));
    } catch (const StoreError& e) {
      say(std::to_string(static_cast<int>(e.kind())) + " " + e.what());
    }
    if (!hear()) return;  // the other process has read the file
    r.rlim_cur = lifted;
    setrlimit(RLIMIT_FSIZE, &r);
    say(std::to_string(st.add_visit(big)));
  });
  ASSERT_TRUE(writer.started());
  EXPECT_EQ(writer.hear(), std::to_string(static_cast<int>(StoreError::Kind::Io)) + " recording a visit in '" + db +
                               "': the file could not be written (a full disk or quota, a file-size limit, or a "
                               "failing disk): nothing was recorded");
  EXPECT_EQ(rows(Store::open(db, false).visits_of("25100")), rows(before)) << "half a visit recorded";
  writer.say("go on");
  EXPECT_EQ(writer.hear(), "3") << "the same connection, the limit lifted";
  EXPECT_EQ(writer.wait(), 0);
  const auto after = Store::open(db, false).visits_of("25100");
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(rows({after[0], after[1]}), rows(before));
  EXPECT_TRUE(whole(after[2]));
  EXPECT_EQ(after[2].profile, big.profile);
}

TEST(StoreFaults, ReadersSeeWholeVisitsInOrderWhileOneWriterAppendsAndNeverWait) {
  constexpr std::int64_t kVisits = 200;
  constexpr int kReaders = 3;
  const Scratch s("store-faults");
  const std::string db = s / "puzle.db";
  { Store::open(db, true).add_municipalities({kGosol}); }
  // One connection each, opened before any thread starts; the readers with no busy timeout: a
  // reader that had to wait for the writer would fail at once with Kind::Busy.
  Store writer_store = Store::open(db, false);
  std::vector<Store> reader_stores;
  for (int r = 0; r < kReaders; ++r) reader_stores.push_back(Store::open(db, false, 0));

  struct Log {
    int reads = 0;
    int while_writing = 0;  // reads that found some visits but not all
    std::vector<std::string> problems;
  };
  std::vector<Log> logs(kReaders + 1);  // the readers', then the writer's
  std::atomic<int> ready{0};
  std::atomic<bool> writing{true};
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  std::vector<std::thread> threads;
  for (int r = 0; r < kReaders; ++r)
    threads.emplace_back([&, r, st = std::move(reader_stores[static_cast<std::size_t>(r)])] {
      Log& log = logs[static_cast<std::size_t>(r)];
      auto problem = [&](const std::string& what) {
        if (log.problems.size() < 10) log.problems.push_back(what);
      };
      std::int64_t seen = 0;  // the most visits this reader has seen: it never sees fewer
      auto read = [&] {
        const std::vector<Visit> vs = st.visits_of("25100");
        const auto n = static_cast<std::int64_t>(vs.size());
        ++log.reads;
        if (n > 0 && n < kVisits) ++log.while_writing;
        if (n < seen) problem(std::to_string(n) + " visits after " + std::to_string(seen));
        for (std::int64_t i = 0; i < n; ++i) {
          const Visit& v = vs[static_cast<std::size_t>(i)];
          if (v.id != i + 1) problem("visit #" + std::to_string(v.id) + " in place " + std::to_string(i + 1));
          if (!whole(v)) problem("visit #" + std::to_string(v.id) + " torn");
        }
        seen = std::max(seen, n);
        if (n > 0) {  // the newest, by its id
          const auto v = st.visit(n);
          if (!v || !whole(*v) || v->profile != vs.back().profile) problem("visit #" + std::to_string(n) + " by id");
        }
        if (const auto next = st.visit(seen + 1)) {  // written since, perhaps
          if (!whole(*next)) problem("visit #" + std::to_string(seen + 1) + " by id, torn");
          seen = next->id;
        }
      };
      try {
        ++ready;
        while (writing && Clock::now() < deadline) read();
        read();  // after the last write: every visit
        if (seen != kVisits) problem("saw " + std::to_string(seen) + " visits at the end");
      } catch (const StoreError& e) {
        problem(std::string(e.kind() == StoreError::Kind::Busy ? "busy: " : "") + e.what());
      }
    });
  threads.emplace_back([&, st = std::move(writer_store)]() mutable {
    Log& log = logs.back();
    while (ready < kReaders) std::this_thread::yield();  // the readers are reading
    try {
      for (std::int64_t n = 1; n <= kVisits; ++n)
        if (const auto id = st.add_visit(numbered_visit(n)); id != n)
          log.problems.push_back("visit " + std::to_string(n) + " recorded as #" + std::to_string(id));
    } catch (const StoreError& e) {
      log.problems.push_back(e.what());
    }
    writing = false;
  });
  for (auto& t : threads) t.join();

  int while_writing = 0;
  for (std::size_t r = 0; r < logs.size(); ++r) {
    std::string problems;
    for (const auto& p : logs[r].problems) problems += "\n  " + p;
    EXPECT_TRUE(logs[r].problems.empty()) << (r < kReaders ? "reader " + std::to_string(r) : "writer") << problems;
    while_writing += logs[r].while_writing;
  }
  EXPECT_GT(while_writing, 0) << "no reader read while the writer wrote";
  const auto all = Store::open(db, false).visits_of("25100");
  ASSERT_EQ(static_cast<std::int64_t>(all.size()), kVisits);
  EXPECT_TRUE(std::all_of(all.begin(), all.end(), whole));
}

TEST(StoreFaults, AWriteWaitsForAnotherProcessesTransactionUpToTheBusyTimeout) {
  const Scratch s("store-faults");
  const std::string db = s / "puzle.db";
  {
    Store st = Store::open(db, true);
    st.add_municipalities({kGosol});
    st.add_visit(numbered_visit(1));
  }
  // Another process holds the write lock with visit 2 written, not committed, until told.
  Child holder([&](auto say, auto hear) {
    const Visit v = numbered_visit(2);
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    say(std::to_string(sqlite3_exec(h,
                                    ("BEGIN IMMEDIATE; INSERT INTO visit (municipality, date, agent, notes, profile, "
                                     "profile_digest, rulebase_digest) VALUES ('" +
                                     v.municipality + "', '" + v.date + "', '" + v.agent + "', '" + v.notes + "', '" +
                                     v.profile + "', '" + v.profile_digest + "', '" + v.rulebase_digest + "')")
                                        .c_str(),
                                    nullptr, nullptr, nullptr)));
    if (!hear()) return;
    std::this_thread::sleep_for(milliseconds(200));
    say(std::to_string(sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr)));
    sqlite3_close(h);
  });
  ASSERT_TRUE(holder.started());
  ASSERT_EQ(holder.hear(), std::to_string(SQLITE_OK));
  // Readers do not wait (no busy timeout), and see what was committed.
  EXPECT_EQ(rows(Store::open(db, false, 0).visits_of("25100")), rows({numbered_visit(1)}));
  // A writer waits up to its busy timeout, then fails.
  Store impatient = Store::open(db, false, 100);
  auto start = Clock::now();
  try {
    impatient.add_visit(numbered_visit(3));
    ADD_FAILURE() << "written through another process's lock";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Busy);
    EXPECT_STREQ(e.what(), ("recording a visit in '" + db +
                            "': the database is busy (another process is writing to it); try again")
                               .c_str());
  }
  auto waited = Clock::now() - start;
  EXPECT_GE(waited, milliseconds(90));
  EXPECT_LT(waited, milliseconds(3000));
  // The holder commits 200 ms from now: a writer with time to wait goes through after it.
  holder.say("commit");
  Store patient = Store::open(db, false, 5000);
  start = Clock::now();
  EXPECT_EQ(patient.add_visit(numbered_visit(3)), 3);
  waited = Clock::now() - start;
  EXPECT_GE(waited, milliseconds(100)) << "did not wait for the holder";
  EXPECT_EQ(holder.hear(), std::to_string(SQLITE_OK));
  EXPECT_EQ(holder.wait(), 0);
  EXPECT_EQ(impatient.add_visit(numbered_visit(4)), 4) << "free again";
  EXPECT_EQ(rows(Store::open(db, false).visits_of("25100")),
            rows({numbered_visit(1), numbered_visit(2), numbered_visit(3), numbered_visit(4)}));
}

TEST(StoreFaultsCli, VisitAddPastAFileSizeLimitExits3AndTheTownIsAsBefore) {
  using namespace puzle::testing_cli;
  const Scratch s("store-faults-cli");
  const std::string path = s / "puzle.db";
  const std::string db = " --db " + q(path);
  CliRun r = run_puzle("db init" + db);
  ASSERT_EQ(r.status, 0) << r.err;
  r = run_puzle("visit add 25100 examples/profiles/gosol.json --agent anna --date 2026-03-01" + db);
  ASSERT_EQ(r.status, 0) << r.err;
  const CliRun before = run_puzle("town show 25100" + db);
  ASSERT_EQ(before.status, 0) << before.err;
  // 64 KB per file (ulimit -f counts KB; SIGXFSZ ignored, so that a write past it fails with
  // EFBIG): the visit's 100 KB of notes do not fit in the write-ahead log.
  const std::string add =
      "visit add 25100 examples/profiles/gosol.json --date 2026-03-02 --notes \"$(printf '%*s' 100000 '' | tr ' ' "
      "n)\"" +
      db;
  r = shell("(trap '' XFSZ && ulimit -f 64 && exec " + puzle_path() + " " + add + ")");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "puzle: recording a visit in '" + path +
                       "': the file could not be written (a full disk or quota, a file-size limit, or a failing "
                       "disk): nothing was recorded\n");
  EXPECT_EQ(r.out, "");
  const CliRun after = run_puzle("town show 25100" + db);
  EXPECT_EQ(after.status, 0) << after.err;
  EXPECT_EQ(after.out, before.out);
  r = run_puzle(add);  // no limit
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "visit #2 recorded, with its decision\n");
}

}  // namespace
}  // namespace store_faults_test
