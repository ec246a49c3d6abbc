// The town halls' memory (puzle::store): the schema made by its migrations, visits append-only,
// and every fault a clear StoreError that leaves the file as it was: an unknown code, a file of
// another application or of a newer puzle, a damaged file, a busy database, a writer killed in
// the middle of a transaction.
#include <filesystem>
#include <fstream>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_run.hpp"
#include "puzle/store.hpp"

namespace store_test {
namespace {

using namespace puzle::store;
namespace fs = std::filesystem;

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("puzle-store-" + std::to_string(getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string db() const { return (dir / "puzle.db").string(); }
};

// Raw SQL on the file, as another program (or an attacker of the rules) would run it.
int raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

Visit visit_to(const std::string& code, const std::string& date) {
  Visit v;
  v.municipality = code;
  v.date = date;
  v.agent = "anna";
  v.profile = R"({"population": 228, "province": "lleida"})";
  v.profile_digest = "p";
  v.rulebase_digest = "r";
  return v;
}

StoreError::Kind kind_of_open(const std::string& path) {
  try {
    Store::open(path, true);
  } catch (const StoreError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "opened";
  return StoreError::Kind::Io;
}

TEST(Store, MigratesAnEmptyFileAndKeepsVisitsInOrder) {
  const Scratch s;
  { std::ofstream(s.db()); }  // an empty file is a database with nothing in it yet
  Store st = Store::open(s.db(), true);
  EXPECT_EQ(st.schema_version(), Store::kSchemaVersion);
  EXPECT_EQ(st.add_municipalities(
                {{"25100", "Gósol", "Berguedà", "lleida", 228}, {"08001", "Abrera", "", "barcelona", 12821}}),
            2u);
  EXPECT_EQ(st.add_municipalities({{"25100", "Gósol", "Berguedà", "lleida", 228}}), 0u) << "added once";
  EXPECT_EQ(st.municipalities().front().code, "08001");
  const auto second = st.add_visit(visit_to("25100", "2026-09-01"));
  const auto first = st.add_visit(visit_to("25100", "2026-03-01"));
  const auto visits = st.visits_of("25100");
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(visits[0].id, first);
  EXPECT_EQ(visits[1].id, second);
  EXPECT_EQ(st.visit(first)->date, "2026-03-01");
  EXPECT_FALSE(st.visit(99).has_value());
  // Reopened, it is the same database, at the same schema.
  Store again = Store::open(s.db(), false);
  EXPECT_EQ(again.visits_of("25100").size(), 2u);
}

TEST(Store, VisitsAreAppendOnlyAndNeedAKnownMunicipality) {
  const Scratch s;
  Store st = Store::open(s.db(), true);
  st.add_municipalities({{"25100", "Gósol", "Berguedà", "lleida", 228}});
  try {
    st.add_visit(visit_to("99999", "2026-03-01"));
    ADD_FAILURE() << "stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::NotFound);
    EXPECT_STREQ(e.what(), "no municipality with the code '99999'");
  }
  Visit bad_date = visit_to("25100", "1/3/2026");
  EXPECT_THROW(st.add_visit(bad_date), StoreError);
  const auto id = st.add_visit(visit_to("25100", "2026-03-01"));
  EXPECT_NE(raw(s.db(), "UPDATE visit SET agent = 'x'"), SQLITE_OK);
  EXPECT_NE(raw(s.db(), "DELETE FROM visit"), SQLITE_OK);
  EXPECT_EQ(st.visit(id)->agent, "anna");
}

TEST(Store, RefusesFilesItCannotTrust) {
  const Scratch s;
  EXPECT_THROW(Store::open(s.db(), false), StoreError) << "no file, and not asked to create one";
  { std::ofstream(s.db()) << "not a database at all, but some text that is long enough to be read"; }
  EXPECT_EQ(kind_of_open(s.db()), StoreError::Kind::Corrupt);
  fs::remove(s.db());
  raw(s.db(), "CREATE TABLE t (x)");
  EXPECT_EQ(kind_of_open(s.db()), StoreError::Kind::Corrupt) << "another application's database";
  fs::remove(s.db());
  { Store::open(s.db(), true); }
  raw(s.db(), "PRAGMA user_version = 99");
  EXPECT_EQ(kind_of_open(s.db()), StoreError::Kind::Newer);
}

TEST(Store, ABusyDatabaseIsAClearErrorAfterABoundedWait) {
  const Scratch s;
  { Store::open(s.db(), true).add_municipalities({{"25100", "Gósol", "Berguedà", "lleida", 228}}); }
  sqlite3* holder = nullptr;
  sqlite3_open(s.db().c_str(), &holder);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  Store st = Store::open(s.db(), false, 50);
  try {
    st.add_visit(visit_to("25100", "2026-03-01"));
    ADD_FAILURE() << "written through another's lock";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Busy);
  }
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  EXPECT_GT(st.add_visit(visit_to("25100", "2026-03-01")), 0) << "free again";
}

TEST(Store, AWriterKilledInATransactionLeavesTheDatabaseAsItWas) {
  const Scratch s;
  { Store::open(s.db(), true).add_municipalities({{"25100", "Gósol", "Berguedà", "lleida", 228}}); }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // writes half a transaction, then dies without a word
    sqlite3* db = nullptr;
    sqlite3_open(s.db().c_str(), &db);
    sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO municipality VALUES ('08001', 'Abrera', '', 'barcelona', 1);",
                 nullptr, nullptr, nullptr);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  Store st = Store::open(s.db(), false);
  EXPECT_EQ(st.municipalities().size(), 1u);
  EXPECT_GT(st.add_visit(visit_to("25100", "2026-03-01")), 0);
}

TEST(StoreCli, InitAddShow) {
  using namespace puzle::testing_cli;
  const Scratch s;
  const std::string db = " --db " + q(s.db());
  CliRun r = run_puzle("db init" + db);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, s.db() + ": 947 municipalities added, 947 in all (schema 2)\n");
  r = run_puzle("visit add 25100 examples/profiles/gosol.json --agent anna --date 2026-03-01" + db);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "visit #1 recorded, with its decision\n");
  r = run_puzle("visit add 08001 examples/profiles/gosol.json" + db);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("ine_code is \"25100\", not the municipality visited (08001)"), std::string::npos) << r.err;
  r = run_puzle("town show 25100 --format json" + db);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"name\": \"Gósol\""), std::string::npos);
  EXPECT_NE(r.out.find("\"agent\": \"anna\""), std::string::npos);
  r = run_puzle("town show 00000" + db);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "puzle: no municipality with the code '00000'\n");
}

}  // namespace
}  // namespace store_test
