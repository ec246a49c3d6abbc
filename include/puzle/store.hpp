// Public API: the town halls' memory (docs/store.md). One SQLite file holds the municipalities,
// every visit (the profile as the agent recorded it, append-only) and the decisions computed
// from them. Every write is one transaction: it happens whole or not at all, and a failure
// leaves the file as it was. Errors are StoreError, with what failed in words.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace puzle::store {

// What went wrong, so that callers (the CLI's exit codes, the server's statuses) can tell a
// user's mistake from a damaged or busy file.
class StoreError : public std::runtime_error {
 public:
  enum class Kind : std::uint8_t {
    NotFound,  // no such municipality or visit
    Invalid,   // the input was refused (an unknown code, a profile that fails validation...)
    Busy,      // another process held the database longer than the busy timeout
    Corrupt,   // not a puzle database, or damaged
    Newer,     // written by a newer puzle: this one does not know its schema
    Io,        // the file could not be read or written (a full disk, permissions)
  };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct Municipality {
  std::string code;  // the INE code, e.g. "25100"
  std::string name, comarca, province;
  std::int64_t population = 0;
};

// A visit: a snapshot of the town hall as the agent recorded it. Never changed once stored.
struct Visit {
  std::int64_t id = 0;       // given by the store
  std::string municipality;  // its code
  std::string date;          // YYYY-MM-DD, the day of the visit
  std::string agent;
  std::string notes;
  std::string profile;          // the profile as JSON, as recorded
  std::string profile_digest;   // SHA-256 of `profile`
  std::string rulebase_digest;  // the rulebase it was validated against
};

// A decision: what puzle answered for a visit, with everything needed to compute it again
// (the rulebase kept by digest, the stored profile, the date). Never changed once stored.
struct Decision {
  std::int64_t id = 0;     // given by the store
  std::int64_t visit = 0;  // the visit it was computed from
  std::string rulebase_digest, engine_version, profile_digest;
  std::string date;           // the evaluation's date, YYYY-MM-DD
  std::string result;         // the answer as puzle rendered it (docs/store.md: the roadmap's JSON)
  std::string result_digest;  // SHA-256 of `result`
};

class Store {
 public:
  // The schema version this puzle writes (PRAGMA user_version); migrations bring older files to it.
  static constexpr int kSchemaVersion = 2;
  // Opens (with `create`, creating) the database at `path`, migrating an older schema. A file
  // of another application, a newer schema or a damaged file is refused. `busy_ms` bounds the
  // wait for another process's write.
  static Store open(const std::string& path, bool create, int busy_ms = 5000);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  int schema_version() const;
  // Adds the municipalities not yet known, in one transaction; returns how many were added.
  std::size_t add_municipalities(const std::vector<Municipality>& ms);
  std::vector<Municipality> municipalities() const;  // by code
  std::optional<Municipality> municipality(const std::string& code) const;

  // Stores a visit (its id is ignored) and returns its id. The municipality must be known.
  // With `decide`, the decision computed for it is stored in the same transaction: `decide` is
  // called with the new visit's id, and whatever it throws leaves the database as it was. The
  // decision's rulebase is recorded as one the database relies on (rulebases()).
  std::int64_t add_visit(const Visit& v, const std::function<Decision(std::int64_t visit_id)>& decide = {});
  std::optional<Visit> visit(std::int64_t id) const;
  std::vector<Visit> visits_of(const std::string& code) const;      // by date, then id
  std::vector<Decision> decisions_of(std::int64_t visit_id) const;  // in the order stored
  // The digests of the rulebases that stored decisions name, by digest.
  std::vector<std::string> rulebases() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace puzle::store
