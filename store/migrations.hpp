// store layer: the schema, as numbered migrations (docs/store.md).
#pragma once

#include <SQLiteCpp/Database.h>

namespace puzle::store {

// The number of the last migration: the schema this puzle writes (Store::kSchemaVersion).
int latest_schema();

// Brings a database at schema `from` to schema `to` (by default the latest), one migration per
// transaction, each setting PRAGMA user_version (and, the first, the application id). Tests
// stop at an earlier `to` to build the files earlier versions of puzle wrote.
void migrate(SQLite::Database& db, int from, int application_id, int to = -1);

}  // namespace puzle::store
