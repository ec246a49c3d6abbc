// store layer: rulebases kept by digest beside the database (include/puzle/archive.hpp). A
// folder is named by the content's digest, so a kept rulebase is never rewritten: keeping it
// again finds it there.
#include "puzle/archive.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "io/bounded_read.hpp"
#include "io/output_file.hpp"
#include "puzle/store.hpp"

namespace puzle::store {
namespace {

namespace fs = std::filesystem;

bool is_digest(const std::string& d) {
  return d.size() == 64 &&
         std::all_of(d.begin(), d.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The names the files are kept under: their paths relative to the folder they share, so a
// rulebase loaded from `rules/` keeps `model/...`, `regles/...`. A path that would leave the
// archive's folder (`..`, absolute) is kept as `<n>-<file name>`; names never change the digest,
// and every file ends in .pzl, so loading the folder reads them all.
std::vector<std::string> kept_names(const SourceSet& sources) {
  std::vector<fs::path> paths;
  for (FileId i = 0; i < sources.size(); ++i) paths.push_back(fs::path(sources.file(i).path()).lexically_normal());
  fs::path common = paths.empty() ? fs::path() : paths.front().parent_path();
  for (const auto& p : paths)
    while (!common.empty() && fs::path(p).lexically_relative(common).native().starts_with(".."))
      common = common.parent_path();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    fs::path rel = common.empty() ? paths[i] : paths[i].lexically_relative(common);
    bool safe = !rel.empty() && rel.is_relative();
    for (const auto& part : rel) safe = safe && part != ".." && part != ".";
    std::string name = safe ? rel.generic_string() : std::to_string(i) + "-" + paths[i].filename().string();
    if (!name.ends_with(".pzl")) name += ".pzl";
    out.push_back(std::move(name));
  }
  return out;
}

// Beside the files: "kept name<TAB>original path" per line, in the rulebase's order. Not a .pzl
// file, so loading the folder as rules ignores it.
constexpr const char* kManifest = "SOURCES";

[[noreturn]] void io_error(const std::string& doing, const std::string& why) {
  throw StoreError(StoreError::Kind::Io, doing + ": " + why);
}

}  // namespace

RulebaseArchive RulebaseArchive::beside(const std::string& db_path) { return RulebaseArchive(db_path + ".rulebases"); }

std::string RulebaseArchive::folder_of(const std::string& digest) const {
  if (!is_digest(digest))
    throw StoreError(StoreError::Kind::Invalid, "'" + digest + "' is not a rulebase digest (64 hex digits)");
  return (fs::path(folder_) / digest).string();
}

bool RulebaseArchive::has(const std::string& digest) const {
  std::error_code ec;
  return fs::is_directory(folder_of(digest), ec);
}

void RulebaseArchive::keep(const Rulebase& rulebase) const {
  const std::string target = folder_of(rulebase.digest());
  if (has(rulebase.digest())) return;
  const std::string doing = "keeping the rulebase " + rulebase.digest().substr(0, 12) + " in '" + folder_ + "'";
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec) io_error(doing, ec.message());
  // A temporary folder of this process; removed whatever happens unless renamed.
  const fs::path temp = fs::path(folder_) / (".partial-" + rulebase.digest() + "-" + std::to_string(::getpid()));
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      if (!p.empty()) fs::remove_all(p, e);
    }
  } cleanup{temp};
  fs::remove_all(temp, ec);
  fs::create_directories(temp, ec);
  if (ec) io_error(doing, ec.message());
  const SourceSet& sources = rulebase.sources();
  const std::vector<std::string> names = kept_names(sources);
  // The files' original paths, in their order: explanations name rules by file and line, so a
  // decision computed again reads each file under the name it was first read under.
  std::string manifest;
  for (FileId i = 0; i < sources.size(); ++i) manifest += names[i] + "\t" + sources.file(i).path() + "\n";
  {
    io::OutputFile out;
    if (!out.open((temp / kManifest).string())) io_error(doing, out.error());
    out.stream() << manifest;
    if (!out.commit()) io_error(doing, out.error());
  }
  for (FileId i = 0; i < sources.size(); ++i) {
    const fs::path file = temp / names[i];
    fs::create_directories(file.parent_path(), ec);
    if (ec) io_error(doing, ec.message());
    io::OutputFile out;
    if (!out.open(file.string())) io_error(doing, out.error());
    out.stream() << sources.file(i).text();
    if (!out.commit()) io_error(doing, out.error());
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    // Another process kept it meanwhile: the same content, by its name.
    if ((errno == EEXIST || errno == ENOTEMPTY) && has(rulebase.digest())) return;
    io_error(doing, io::error_text(errno));
  }
  cleanup.p.clear();
  if (!io::sync_folder(folder_)) io_error(doing, "syncing the folder failed: " + io::error_text(errno));
}

Rulebase RulebaseArchive::load(const std::string& digest) const {
  const std::string folder = folder_of(digest);
  if (!has(digest))
    throw StoreError(StoreError::Kind::NotFound,
                     "the rulebase " + digest.substr(0, 12) + "… is not kept in '" + folder_ + "'");
  // With its manifest, each file under its original name and in its original order; without
  // one (a folder copied by hand), the folder as any rulebase.
  RulebaseLoad load;
  std::ifstream manifest(fs::path(folder) / kManifest, std::ios::binary);
  if (manifest) {
    std::vector<std::pair<std::string, std::string>> files;
    for (std::string line; std::getline(manifest, line);) {
      const auto tab = line.find('\t');
      std::string text;
      const std::string kept = (fs::path(folder) / line.substr(0, tab)).string();
      if (tab == std::string::npos || line.substr(0, tab).find("..") != std::string::npos ||
          !io::read_file(kept, std::size_t{64} << 20, true, text))
        throw StoreError(StoreError::Kind::Corrupt, "the rulebase kept in '" + folder + "' is not whole: its " +
                                                        kManifest + " names '" + line.substr(0, tab) + "'");
      files.emplace_back(line.substr(tab + 1), std::move(text));
    }
    load = Rulebase::from_text(files);
  } else {
    load = Rulebase::load({folder});
  }
  if (!load.rulebase)
    throw StoreError(StoreError::Kind::Corrupt, "the rulebase kept in '" + folder + "' does not load: " +
                                                    std::to_string(load.diagnostics.error_count()) + " error(s)");
  if (load.rulebase->digest() != digest)
    throw StoreError(StoreError::Kind::Corrupt, "the rulebase kept in '" + folder + "' has changed: its digest is " +
                                                    load.rulebase->digest() + ", not its folder's name");
  return *load.rulebase;
}

}  // namespace puzle::store
