// Evidence derived from a file's content, kept across the audits of one process (the revisions
// of `pacte audit --trend`) and, with `--cache DIR`, across processes: a git blob id names the
// content exactly, so what a module derived from one blob (tracker matches, template defects, a
// licence identification) is computed once and reused by every revision, and every later
// audit, that holds the same blob at the same path. The commits read by a history walk are
// kept the same way, by commit id.
#pragma once
#include <any>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/base/snapshot.hpp"
#include "checks/base/text.hpp"

namespace pacte {

/// A value kept in the result cache as one compact array of its fields, in order (no keys:
/// the cache stays small), and back: each cached type's to_json/from_json pair is one call of
/// each, listing the same fields in the same order.
template <class... Fields>
void to_cache_array(nlohmann::json& j, const Fields&... fields) {
  j = nlohmann::json::array({nlohmann::json(fields)...});
}
template <class... Fields>
void from_cache_array(const nlohmann::json& j, Fields&... fields) {
  std::size_t i = 0;
  (j.at(i++).get_to(fields), ...);
}

/// Evidence and texts as kept in the result cache (compact arrays, in field order).
void to_json(nlohmann::json& j, const Evidence& evidence);
void from_json(const nlohmann::json& j, Evidence& evidence);
void to_json(nlohmann::json& j, const Text& text);
void from_json(const nlohmann::json& j, Text& text);

/// A store of content-derived values, keyed by what was derived (`kind`, e.g. "trackers"), the
/// blob id and the path (evidence names its file, and some modules judge a file by its name
/// too). Values are copied in and out. Files without a blob id (a folder on disk, memory) are
/// never cached: their content has no name that proves it unchanged. Thread-safe.
///
/// On disk (`open`), values are kept as CBOR in segment files under
/// `<dir>/results/<version key>/`: one segment per audit that computed something new, merged
/// into one when there are more than `kMaxSegments`. A value type is stored through its
/// nlohmann `to_json`/`from_json` pair, defined next to the type.
class BlobCache {
 public:
  BlobCache() = default;
  BlobCache(const BlobCache&) = delete;
  BlobCache& operator=(const BlobCache&) = delete;

  /// Segments kept for one version key before they are merged into one.
  static constexpr std::size_t kMaxSegments = 8;

  /// Loads the values kept on disk in `<dir>/results/<version_key>/` (created if missing), and
  /// keeps new values there on `save()`. `version_key` must change whenever anything that a
  /// kept value was derived from may have changed (the program, its built-in data, the user's
  /// data files, the options that change what a module derives). Returns false with `error`
  /// set when the folder cannot be created or written. A damaged segment is ignored (a warning
  /// on standard error, once per process): its values are computed again.
  bool open(const std::string& dir, const std::string& version_key, std::string& error);
  /// Writes the values computed since `open` as one new segment (written to a temporary file,
  /// then renamed: readers never see a partial file), then merges the segments when there are
  /// too many. Does nothing without `open`. Returns false with `error` set when it could not
  /// write (the audit's result is not affected).
  bool save(std::string& error);
  /// The folder of the segments (empty without `open`).
  const std::string& folder() const { return folder_; }

  /// The value stored for `kind` of the blob of `entry`, or compute(), stored for the next
  /// revision. With no cache (`cache` null) or no blob id, compute() every time. A value kept
  /// on disk that cannot be decoded is computed again (and the warning printed once).
  template <class T, class Compute>
  static T through(BlobCache* cache, std::string_view kind, const FileEntry& entry, Compute&& compute) {
    return through_checked<T>(cache, kind, entry, std::forward<Compute>(compute), [] { return true; });
  }

  /// As above, for a value read from `snapshot`: a value computed while a file of the snapshot
  /// could not be read (a damaged object, a file over the size limit) is kept for this process
  /// only, never on disk, where a repaired repository would still find it.
  template <class T, class Compute>
  static T through(const Snapshot& snapshot, std::string_view kind, const FileEntry& entry, Compute&& compute) {
    BlobCache* cache = snapshot.blob_cache();
    if (!cache || entry.object_id.empty()) return compute();
    // Files are read on several threads: a file another thread could not read meanwhile also
    // keeps this value off the disk, which only costs a recomputation next time.
    const std::size_t unreadable_before = snapshot.unreadable_count();
    return through_checked<T>(cache, kind, entry, std::forward<Compute>(compute),
                              [&] { return snapshot.unreadable_count() == unreadable_before; });
  }

  /// The raw bytes of a git object kept by an earlier reader (the commits of a history walk),
  /// by binary object id; nullptr when not kept. An object id names its bytes for ever, so a
  /// second walk over the same commits inflates none of them again.
  const std::string* object(std::string_view id) const;
  /// Keeps the raw bytes of the object `id` and returns the kept copy (valid while the cache
  /// lives); kept on disk too after `open`.
  const std::string& keep_object(std::string_view id, std::string_view raw);

  /// Lookups answered from the cache, and lookups that had to compute.
  std::uint64_t hits() const;
  std::uint64_t misses() const;
  /// Values held.
  std::size_t size() const;

 private:
  template <class T, class Compute, class Persist>
  static T through_checked(BlobCache* cache, std::string_view kind, const FileEntry& entry, Compute&& compute,
                           Persist&& may_persist) {
    if (!cache || entry.object_id.empty()) return compute();
    const std::string key = key_of(kind, entry);
    if (const std::any* found = cache->find(key)) return std::any_cast<const T&>(*found);
    if (const std::string_view* kept = cache->stored(key)) {
      try {
        T value = nlohmann::json::from_cbor(*kept).get<T>();
        cache->store(key, std::any(value));
        return value;
      } catch (const std::exception&) {
        cache->report_damage("an entry that cannot be decoded");
      }
    }
    T value = compute();
    if (cache->on_disk() && may_persist()) cache->keep_new(key, nlohmann::json::to_cbor(nlohmann::json(value)));
    cache->store(key, std::any(value));
    return value;
  }

  static std::string key_of(std::string_view kind, const FileEntry& entry);
  const std::any* find(const std::string& key);
  void store(const std::string& key, std::any value);
  // The bytes loaded from disk for `key`, or nullptr.
  const std::string_view* stored(std::string_view key) const;
  bool on_disk() const { return !folder_.empty(); }
  void keep_new(const std::string& key, const std::vector<std::uint8_t>& bytes);
  void report_damage(const std::string& what) const;
  void report_damage_in(const std::string& path) const;
  // Reads the segment at `path` into segment_bytes_ and its pairs into `pairs` (views of it);
  // false when it is damaged.
  bool load_segment(const std::string& path, std::vector<std::pair<std::string_view, std::string_view>>& pairs);

  mutable std::mutex mutex_;
  // Values are never removed while the cache lives: a pointer to one stays valid.
  std::unordered_map<std::string, std::unique_ptr<std::any>> values_;
  // Node-based: a kept object's bytes do not move when the table grows.
  std::unordered_map<std::string, std::string> objects_;
  std::uint64_t hits_ = 0, misses_ = 0;

  // On disk: the folder, the bytes of the segments read (kept while the cache lives), what
  // they hold (read-only once loaded: values as views of those bytes, kept objects by object
  // id, copied once as object() hands out strings), the segments read, and what was computed
  // since (written by save()).
  std::string folder_;
  std::vector<std::unique_ptr<const std::string>> segment_bytes_;
  std::unordered_map<std::string_view, std::string_view> loaded_;
  std::unordered_map<std::string_view, std::string> loaded_objects_;
  std::vector<std::string> segments_;
  std::unordered_map<std::string, std::string> fresh_;
};

}  // namespace pacte

namespace nlohmann {

/// An optional value as JSON: null when empty (nlohmann 3.11.2 has no std::optional support).
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value)
      j = *value;
    else
      j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null())
      value.reset();
    else
      value = j.get<T>();
  }
};

}  // namespace nlohmann
