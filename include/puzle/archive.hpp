// Public API: rulebases kept by digest (docs/store.md, "Rulebases kept by digest"). Every
// decision the store records names the rulebase it was computed with by its digest; the
// archive keeps that rulebase's files in a folder named by the digest, beside the database, so
// that any stored decision can be computed again, and any puzle command can read them.
#pragma once

#include <string>

#include "puzle/rulebase.hpp"

namespace puzle::store {

class RulebaseArchive {
 public:
  // The archive of the database at `db_path`: the folder `db_path` + ".rulebases".
  static RulebaseArchive beside(const std::string& db_path);
  explicit RulebaseArchive(std::string folder) : folder_(std::move(folder)) {}

  const std::string& folder() const { return folder_; }
  // Where the rulebase with this digest is (or would be) kept. A digest that is not 64 hex
  // digits is refused (StoreError Invalid): it names a folder, and a damaged one must not escape.
  std::string folder_of(const std::string& digest) const;
  bool has(const std::string& digest) const;
  // Keeps the rulebase unless it is kept already: its files are written to a temporary folder,
  // each synced, then the folder is renamed to its digest, so a kept rulebase is always whole.
  // Failures are StoreError Io (a full disk, permissions), and leave nothing behind.
  void keep(const Rulebase& rulebase) const;
  // Loads the rulebase kept under `digest`. StoreError NotFound when it is not kept; Corrupt
  // when its files do not load, or load to another digest (edited by hand, damaged).
  Rulebase load(const std::string& digest) const;

 private:
  std::string folder_;
};

}  // namespace puzle::store
