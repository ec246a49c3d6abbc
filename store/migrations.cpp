// store layer: the numbered migrations. Migration N brings schema N-1 to N; it is never edited
// once released (a change is a new migration), so every earlier file can be brought forward.
#include "migrations.hpp"

#include <SQLiteCpp/Transaction.h>

#include <array>
#include <string>

namespace puzle::store {
namespace {

// [N - 1]: the SQL of migration N.
constexpr std::array<const char*, 2> kMigrations{{
    // 1: municipalities, visits (append-only), decisions (append-only).
    R"sql(
CREATE TABLE municipality (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  comarca TEXT NOT NULL,
  province TEXT NOT NULL,
  population INTEGER NOT NULL
) STRICT;
CREATE TABLE visit (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipality (code),
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  agent TEXT NOT NULL,
  notes TEXT NOT NULL,
  profile TEXT NOT NULL,
  profile_digest TEXT NOT NULL,
  rulebase_digest TEXT NOT NULL
) STRICT;
CREATE INDEX visit_by_municipality ON visit (municipality, date, id);
CREATE TABLE decision (
  id INTEGER PRIMARY KEY,
  visit INTEGER NOT NULL REFERENCES visit (id),
  rulebase_digest TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  profile_digest TEXT NOT NULL,
  date TEXT NOT NULL,
  result TEXT NOT NULL,
  result_digest TEXT NOT NULL
) STRICT;
CREATE TRIGGER visit_no_update BEFORE UPDATE ON visit
  BEGIN SELECT RAISE(ABORT, 'visits are append-only: record a new visit instead'); END;
CREATE TRIGGER visit_no_delete BEFORE DELETE ON visit
  BEGIN SELECT RAISE(ABORT, 'visits are append-only: record a new visit instead'); END;
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
)sql",
    // 2: the rulebases that decisions name, kept by digest beside the database (the archive
    // holds their files; this table says which the database relies on, and since when).
    R"sql(
CREATE TABLE rulebase (
  digest TEXT PRIMARY KEY CHECK (length(digest) = 64),
  first_used TEXT NOT NULL CHECK (first_used GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
CREATE TRIGGER rulebase_no_update BEFORE UPDATE ON rulebase
  BEGIN SELECT RAISE(ABORT, 'rulebases are kept as they were first used'); END;
CREATE TRIGGER rulebase_no_delete BEFORE DELETE ON rulebase
  BEGIN SELECT RAISE(ABORT, 'a decision may name this rulebase: it is kept'); END;
CREATE INDEX decision_by_visit ON decision (visit, id);
)sql",
}};

}  // namespace

int latest_schema() { return static_cast<int>(kMigrations.size()); }

void migrate(SQLite::Database& db, int from, int application_id, int to) {
  if (to < 0) to = latest_schema();
  for (int n = from + 1; n <= to; ++n) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated it meanwhile: read the version again under the lock.
    if (db.execAndGet("PRAGMA user_version").getInt() >= n) continue;
    db.exec(kMigrations[static_cast<std::size_t>(n - 1)]);
    if (n == 1) db.exec("PRAGMA application_id = " + std::to_string(application_id));
    db.exec("PRAGMA user_version = " + std::to_string(n));
    tx.commit();
  }
}

}  // namespace puzle::store
