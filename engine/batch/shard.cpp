// engine layer (batch): which records a shard takes, and the key a line carries. The hash is
// of the record's own content, never of its place in the input, so any split of the input gives
// every record to the same shard (docs/scale.md).
#include "batch/batch_internal.hpp"
#include "eval/shown.hpp"

namespace puzle {
namespace {

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // the FNV-1a 64-bit offset basis and prime
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

bool in_shard(const Shard& shard, std::string_view key, std::string_view record_text) {
  if (shard.count == 0) return true;
  return fnv1a(key.empty() ? record_text : key) % shard.count == shard.index;
}

namespace batch {

std::string key_text(const Rulebase& rb, const Profile& profile, ir::FieldId key) {
  if (key == ir::kNone) return "";
  return explain::value_text(rb.program(), profile.values[key], rb.program().fields[key]);
}

bool takes(const BatchOptions& o, const Rulebase& rb, const BatchRecord& record, const LoadedRecord& loaded) {
  if (o.shard.count == 0) return true;
  const std::string key = loaded.profile ? key_text(rb, *loaded.profile, o.key) : std::string();
  return in_shard(o.shard, key, record.json);
}

}  // namespace batch
}  // namespace puzle
