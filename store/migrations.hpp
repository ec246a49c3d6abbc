// store layer: the schema, as numbered migrations (docs/store.md).
#pragma once

#include <SQLiteCpp/Database.h>

namespace puzle::store {

// Brings a database at schema `from` to Store::kSchemaVersion, one migration per transaction,
// each setting PRAGMA user_version (and, the first, the application id).
void migrate(SQLite::Database& db, int from, int application_id);

}  // namespace puzle::store
