// Public API: the decision log (docs/server.md, "Decision log and replay"). Every evaluation the
// service answers or records appends one JSON line: what was asked (the profile, the date, the
// view), with what (the rulebase's digest, the engine's version), what was answered (the result's
// digest) and why (the compact explanation). Each line holds the SHA-256 of the line before it,
// so an entry removed or edited breaks the chain (`puzle log verify`); `puzle replay` computes
// entries again from the rulebases kept by digest beside the log and checks the bytes.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "puzle/archive.hpp"

namespace puzle::log {

struct Entry {
  std::uint64_t seq = 0;       // 1, 2, ... in the file's order
  std::string id;              // the decision id the answer carried (X-Puzle-Decision-Id)
  std::string time;            // UTC, ISO 8601, when it was answered
  std::string rulebase;        // digest
  std::string engine;          // version
  std::string source;          // the name the profile was read under ("-", "visit 3")
  std::string profile;         // the profile, byte for byte, but for the masked fields' values
  std::string profile_digest;  // of the profile as it was given, masked values included
  // A field whose value is not kept (puzle serve --mask): in `profile` its value is written
  // "@masked:FIELD"; the log keeps a salted digest of the value as it was written, so that an
  // auditor who gives the value can replay the entry, and no one can read it back.
  struct Masked {
    std::string field, salt, digest;  // digest: SHA-256 of salt + the value's text
  };
  std::vector<Masked> masked;
  std::string date;           // the evaluation's date
  std::string view, element;  // what was rendered (roadmap, puzzle, explain, why-not)
  std::string result_digest;  // SHA-256 of the answer's body
  std::string explain;        // the compact explanation, as JSON
  std::string prev;           // SHA-256 of the previous line ("" before the first)
};

// The line of an entry (without its line break), fields in a fixed order.
std::string entry_line(const Entry& e);
// An entry read back; nullopt (and `error`) when the line is not one.
std::optional<Entry> parse_entry(const std::string& line, std::string& error);

// Appends entries durably: a caller returns only once its line is on disk (written and synced),
// so an answer is never sent for a decision the log could lose. Callers that arrive while a sync
// is under way are synced together with the next one (group commit).
class Writer {
 public:
  // Opens (creating) the log at `path` and continues its chain. A last line cut short (a crash
  // in the middle of a write: it was never acknowledged) is removed, and `note` says so; a file
  // whose chain is broken is refused (`error`), since appending to it would hide the break.
  static std::unique_ptr<Writer> open(const std::string& path, std::string& error, std::string& note);
  ~Writer();
  // Fills seq and prev, writes and syncs; false (and error()) if the log cannot be written: the
  // caller must then not answer as if the decision were logged.
  bool append(Entry& e);
  std::string error() const;
  std::uint64_t last_seq() const;
  std::string head() const;  // SHA-256 of the last line: anchor it elsewhere to detect a cut tail

 private:
  Writer() = default;
  int fd_ = -1;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t next_seq_ = 1, durable_ = 0;
  std::string head_, pending_, error_;
  bool flushing_ = false;
};

// An entry computed again from the rulebase kept under its digest in `archive` (the log's:
// store::RulebaseArchive::beside(log path)): the same profile bytes, date and view. `same`: the
// answer has the logged digest; `explain_same`: so has the compact explanation. `problem` says
// why it could not be computed (the rulebase is not kept, the profile does not load...).
struct Replayed {
  bool same = false, explain_same = false;
  std::string result_digest;  // of the answer computed now
  std::string problem;
};
// `unmask` gives the values of masked fields as they were written (field -> JSON text, e.g.
// "budget_eur" -> "5000"): each must match its salted digest; a masked field without one, or
// with another value, is a `problem`.
Replayed replay(const store::RulebaseArchive& archive, const Entry& e,
                const std::map<std::string, std::string>& unmask = {});

// The profile as the log keeps it: the values of `fields` that `profile` has replaced by
// "@masked:FIELD", each with a fresh salt and its digest in `masked`.
std::string mask_profile(std::string_view profile, const std::vector<std::string>& fields,
                         std::vector<Entry::Masked>& masked);
// The profile given back its masked values (`unmask`), each checked against its digest; `error`
// says which is missing or wrong.
std::optional<std::string> unmask_profile(const Entry& e, const std::map<std::string, std::string>& unmask,
                                          std::string& error);

// What `puzle log verify` finds: the first problem, or none.
struct ChainCheck {
  std::uint64_t entries = 0;
  std::string head;     // SHA-256 of the last line
  std::string problem;  // "line 7: ..." ; empty when the chain holds
  std::string note;     // a last line cut short (a crash mid-write): not an entry, not a break
};
ChainCheck verify_chain(const std::string& path);

}  // namespace puzle::log
