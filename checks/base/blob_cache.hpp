// Evidence derived from a file's content, kept across the audits of one process (the revisions
// of `pacte audit --trend`): a git blob id names the content exactly, so what a module derived
// from one blob (tracker matches, template defects, a licence identification) is computed once
// and reused by every revision that holds the same blob at the same path.
#pragma once
#include <any>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "checks/base/snapshot.hpp"

namespace pacte {

/// A store of content-derived values, keyed by what was derived (`kind`, e.g. "trackers"), the
/// blob id and the path (evidence names its file, and some modules judge a file by its name
/// too). Values are copied in and out. Files without a blob id (a folder on disk, memory) are
/// never cached: their content has no name that proves it unchanged.
class BlobCache {
 public:
  /// The value stored for `kind` of the blob of `entry`, or compute(), stored for the next
  /// revision. With no cache (`cache` null) or no blob id, compute() every time.
  template <class T, class Compute>
  static T through(BlobCache* cache, std::string_view kind, const FileEntry& entry, Compute&& compute) {
    if (!cache || entry.object_id.empty()) return compute();
    const std::string key = key_of(kind, entry);
    if (const std::any* found = cache->find(key)) return std::any_cast<const T&>(*found);
    T value = compute();
    cache->store(key, std::any(value));
    return value;
  }

  /// The raw bytes of a git object kept by an earlier reader (the commits of a history walk),
  /// by binary object id; nullptr when not kept. An object id names its bytes for ever, so a
  /// second walk over the same commits inflates none of them again.
  const std::string* object(std::string_view id) const;
  /// Keeps the raw bytes of the object `id` and returns the kept copy (valid while the cache
  /// lives).
  const std::string& keep_object(std::string_view id, std::string_view raw);

  /// Lookups answered from the cache, and lookups that had to compute.
  std::uint64_t hits() const;
  std::uint64_t misses() const;
  /// Values held.
  std::size_t size() const;

 private:
  static std::string key_of(std::string_view kind, const FileEntry& entry);
  const std::any* find(const std::string& key);
  void store(const std::string& key, std::any value);

  mutable std::mutex mutex_;
  // Values are never removed while the cache lives: a pointer to one stays valid.
  std::unordered_map<std::string, std::unique_ptr<std::any>> values_;
  // Node-based: a kept object's bytes do not move when the table grows.
  std::unordered_map<std::string, std::string> objects_;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace pacte
