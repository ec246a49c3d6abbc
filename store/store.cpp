// store layer: the town halls' memory in SQLite (docs/store.md), through SQLiteCpp. The schema
// comes from numbered migrations (migrations.cpp), each in one transaction, keyed on
// PRAGMA user_version; visits and decisions are append-only, enforced by triggers.
#include "puzle/store.hpp"

#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "migrations.hpp"

namespace puzle::store {

namespace {

// "puzl": marks the file as a puzle database (PRAGMA application_id).
constexpr int kApplicationId = 0x70757a6c;

// A SQLite failure, as the caller can act on it. A write that fails for want of space leaves
// the file as it was (the transaction is rolled back), and says so: SQLITE_FULL when write(2)
// reports ENOSPC (or the database reached max_page_count), SQLITE_IOERR_WRITE when it reports
// anything else, among which a full quota (EDQUOT) and a file-size limit (EFBIG).
[[noreturn]] void rethrow(const SQLite::Exception& e, const std::string& doing) {
  using K = StoreError::Kind;
  K kind = K::Io;
  std::string why = e.what();
  switch (e.getErrorCode() & 0xff) {  // the primary code, should extended codes be turned on
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = K::Busy;
      why = "the database is busy (another process is writing to it); try again";
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      kind = K::Corrupt;
      why = "the file is not a puzle database, or it is damaged";
      break;
    case SQLITE_CONSTRAINT: kind = K::Invalid; break;
    case SQLITE_FULL:
      why =
          "the disk is full (or the database reached its size limit): nothing was recorded; free some space and "
          "try again";
      break;
    case SQLITE_IOERR:
      if (e.getExtendedErrorCode() == SQLITE_IOERR_WRITE)
        why =
            "the file could not be written (a full disk or quota, a file-size limit, or a failing disk): nothing "
            "was recorded";
      break;
    default: break;
  }
  throw StoreError(kind, doing + ": " + why);
}

Municipality municipality_of(SQLite::Statement& q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getInt64()};
}

Visit visit_of(SQLite::Statement& q) {
  Visit v;
  v.id = q.getColumn(0).getInt64();
  v.municipality = q.getColumn(1).getString();
  v.date = q.getColumn(2).getString();
  v.agent = q.getColumn(3).getString();
  v.notes = q.getColumn(4).getString();
  v.profile = q.getColumn(5).getString();
  v.profile_digest = q.getColumn(6).getString();
  v.rulebase_digest = q.getColumn(7).getString();
  return v;
}

constexpr const char* kVisitColumns = "id, municipality, date, agent, notes, profile, profile_digest, rulebase_digest";

}  // namespace

struct Store::Impl {
  SQLite::Database db;
  std::string path;
  Impl(const std::string& p, int flags, int busy_ms) : db(p, flags, busy_ms), path(p) {}
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

Store Store::open(const std::string& path, bool create, int busy_ms) {
  if (!create && !std::filesystem::exists(path))
    throw StoreError(StoreError::Kind::NotFound, "no database at '" + path + "' (puzle db init creates one)");
  std::unique_ptr<Impl> impl;
  const std::string doing = "opening '" + path + "'";
  try {
    impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0), busy_ms);
    SQLite::Database& db = impl->db;
    const int app = db.execAndGet("PRAGMA application_id").getInt();
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    const int tables = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    if (app != kApplicationId && !(app == 0 && version == 0 && tables == 0))
      throw StoreError(StoreError::Kind::Corrupt, doing + ": the file is a SQLite database of another application");
    if (version > Store::kSchemaVersion)
      throw StoreError(StoreError::Kind::Newer, doing + ": written by a newer puzle (schema " +
                                                    std::to_string(version) + "; this one knows up to " +
                                                    std::to_string(Store::kSchemaVersion) + ")");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");  // a visit recorded is a visit kept, power cut or not
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db, version, kApplicationId);
  } catch (const SQLite::Exception& e) {
    rethrow(e, doing);
  }
  return Store(std::move(impl));
}

int Store::schema_version() const { return impl_->db.execAndGet("PRAGMA user_version").getInt(); }

std::size_t Store::add_municipalities(const std::vector<Municipality>& ms) {
  try {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(impl_->db,
                        "INSERT OR IGNORE INTO municipality (code, name, comarca, province, population) "
                        "VALUES (?, ?, ?, ?, ?)");
    std::size_t added = 0;
    for (const Municipality& m : ms) {
      q.bind(1, m.code);
      q.bind(2, m.name);
      q.bind(3, m.comarca);
      q.bind(4, m.province);
      q.bind(5, m.population);
      added += static_cast<std::size_t>(q.exec());
      q.reset();
    }
    tx.commit();
    return added;
  } catch (const SQLite::Exception& e) {
    rethrow(e, "adding municipalities to '" + impl_->path + "'");
  }
}

std::vector<Municipality> Store::municipalities() const {
  try {
    SQLite::Statement q(impl_->db, "SELECT code, name, comarca, province, population FROM municipality ORDER BY code");
    std::vector<Municipality> out;
    while (q.executeStep()) out.push_back(municipality_of(q));
    return out;
  } catch (const SQLite::Exception& e) {
    rethrow(e, "reading '" + impl_->path + "'");
  }
}

std::optional<Municipality> Store::municipality(const std::string& code) const {
  try {
    SQLite::Statement q(impl_->db, "SELECT code, name, comarca, province, population FROM municipality WHERE code = ?");
    q.bind(1, code);
    if (!q.executeStep()) return std::nullopt;
    return municipality_of(q);
  } catch (const SQLite::Exception& e) {
    rethrow(e, "reading '" + impl_->path + "'");
  }
}

std::int64_t Store::add_visit(const Visit& v, const std::function<Decision(std::int64_t)>& decide) {
  if (!municipality(v.municipality))
    throw StoreError(StoreError::Kind::NotFound, "no municipality with the code '" + v.municipality + "'");
  try {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(impl_->db,
                        "INSERT INTO visit (municipality, date, agent, notes, profile, profile_digest, "
                        "rulebase_digest) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, v.municipality);
    q.bind(2, v.date);
    q.bind(3, v.agent);
    q.bind(4, v.notes);
    q.bind(5, v.profile);
    q.bind(6, v.profile_digest);
    q.bind(7, v.rulebase_digest);
    q.exec();
    const std::int64_t id = impl_->db.getLastInsertRowid();
    if (decide) {
      const Decision d = decide(id);
      SQLite::Statement r(impl_->db, "INSERT OR IGNORE INTO rulebase (digest, first_used) VALUES (?, ?)");
      r.bind(1, d.rulebase_digest);
      r.bind(2, v.date);
      r.exec();
      SQLite::Statement w(impl_->db,
                          "INSERT INTO decision (visit, rulebase_digest, engine_version, profile_digest, date, result, "
                          "result_digest) VALUES (?, ?, ?, ?, ?, ?, ?)");
      w.bind(1, id);
      w.bind(2, d.rulebase_digest);
      w.bind(3, d.engine_version);
      w.bind(4, d.profile_digest);
      w.bind(5, d.date);
      w.bind(6, d.result);
      w.bind(7, d.result_digest);
      w.exec();
    }
    tx.commit();
    return id;
  } catch (const SQLite::Exception& e) {
    rethrow(e, "recording a visit in '" + impl_->path + "'");
  }
}

std::optional<Visit> Store::visit(std::int64_t id) const {
  try {
    SQLite::Statement q(impl_->db, std::string("SELECT ") + kVisitColumns + " FROM visit WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return visit_of(q);
  } catch (const SQLite::Exception& e) {
    rethrow(e, "reading '" + impl_->path + "'");
  }
}

std::vector<Visit> Store::visits_of(const std::string& code) const {
  try {
    SQLite::Statement q(
        impl_->db, std::string("SELECT ") + kVisitColumns + " FROM visit WHERE municipality = ? ORDER BY date, id");
    q.bind(1, code);
    std::vector<Visit> out;
    while (q.executeStep()) out.push_back(visit_of(q));
    return out;
  } catch (const SQLite::Exception& e) {
    rethrow(e, "reading '" + impl_->path + "'");
  }
}

}  // namespace puzle::store

namespace puzle::store {

std::vector<Decision> Store::decisions_of(std::int64_t visit_id) const {
  try {
    SQLite::Statement q(
        impl_->db,
        "SELECT id, visit, rulebase_digest, engine_version, profile_digest, date, result, result_digest "
        "FROM decision WHERE visit = ? ORDER BY id");
    q.bind(1, visit_id);
    std::vector<Decision> out;
    while (q.executeStep()) {
      Decision d;
      d.id = q.getColumn(0).getInt64();
      d.visit = q.getColumn(1).getInt64();
      d.rulebase_digest = q.getColumn(2).getString();
      d.engine_version = q.getColumn(3).getString();
      d.profile_digest = q.getColumn(4).getString();
      d.date = q.getColumn(5).getString();
      d.result = q.getColumn(6).getString();
      d.result_digest = q.getColumn(7).getString();
      out.push_back(std::move(d));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    rethrow(e, "reading '" + impl_->path + "'");
  }
}

std::vector<std::string> Store::rulebases() const {
  try {
    SQLite::Statement q(impl_->db, "SELECT digest FROM rulebase ORDER BY digest");
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  } catch (const SQLite::Exception& e) {
    rethrow(e, "reading '" + impl_->path + "'");
  }
}

}  // namespace puzle::store
