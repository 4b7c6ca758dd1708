#include "checks/base/blob_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "checks/base/output_file.hpp"

namespace pacte {

namespace {

namespace fs = std::filesystem;

// What a segment file starts with, and the layout version of what follows. Layout 2: the magic,
// one byte of format, the payload's length and checksum (8 bytes each, little-endian), then the
// payload: key and value in turn, each as its length (4 bytes, little-endian) and its bytes. The
// values themselves are CBOR. Layout 1 was a CBOR document holding the payload as a CBOR byte
// string, decoded twice, byte by byte (nlohmann's reader copies byte strings one byte at a
// time): a quarter of a warm audit of git/git went to it.
constexpr std::string_view kSegmentMagic = "pacte-blob-cache";
constexpr unsigned char kSegmentFormat = 2;
constexpr std::size_t kSegmentHeader = kSegmentMagic.size() + 1 + 8 + 8;
// Kept objects (commits) share the segments with values under this kind.
constexpr std::string_view kObjectKind = "object";

std::string object_key(std::string_view id) {
  std::string key(kObjectKind);
  key.push_back('\0');
  key.append(id);
  return key;
}

// A name no other writer picks: time, process and a random number.
std::string unique_name() {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  const auto now = std::chrono::system_clock::now().time_since_epoch().count();
  return fmt::format("{:x}-{:x}-{:x}-{:08x}", now, static_cast<long>(::getpid()), counter++, random());
}

// The checksum of a segment's payload: a damaged file is detected, not trusted.
std::uint64_t checksum_of(std::string_view payload) { return std::hash<std::string_view>{}(payload); }

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::uint64_t get_le(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= std::uint64_t(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return value;
}

std::string encode_segment(const std::vector<std::pair<std::string_view, std::string_view>>& entries) {
  std::size_t payload_size = 0;
  for (const auto& [key, value] : entries) payload_size += 8 + key.size() + value.size();
  std::string bytes;
  bytes.reserve(kSegmentHeader + payload_size);
  bytes.append(kSegmentMagic);
  bytes.push_back(static_cast<char>(kSegmentFormat));
  bytes.append(16, '\0');  // length and checksum, set once the payload is written
  for (const auto& [key, value] : entries) {
    // Lengths are 4 bytes: a value of 4 GiB or more (none is) is not kept.
    if (key.size() > 0xFFFFFFFFu || value.size() > 0xFFFFFFFFu) continue;
    put_le(bytes, key.size(), 4);
    put_le(bytes, value.size(), 4);
    bytes.append(key);
    bytes.append(value);
  }
  const std::string_view payload = std::string_view(bytes).substr(kSegmentHeader);
  std::string sizes;
  put_le(sizes, payload.size(), 8);
  put_le(sizes, checksum_of(payload), 8);
  bytes.replace(kSegmentMagic.size() + 1, 16, sizes);
  return bytes;
}

std::atomic<bool> damage_reported{false};

}  // namespace

void to_json(nlohmann::json& j, const Evidence& e) { to_cache_array(j, e.path, e.line, e.snippet, e.note, e.note_fr); }

void from_json(const nlohmann::json& j, Evidence& e) { from_cache_array(j, e.path, e.line, e.snippet, e.note, e.note_fr); }

void to_json(nlohmann::json& j, const Text& t) { to_cache_array(j, t.en, t.fr); }

void from_json(const nlohmann::json& j, Text& t) { from_cache_array(j, t.en, t.fr); }

std::string BlobCache::key_of(std::string_view kind, const FileEntry& entry) {
  std::string key;
  key.reserve(kind.size() + entry.object_id.size() + entry.path.size() + 2);
  key.append(kind).push_back('\0');
  key.append(entry.object_id).push_back('\0');
  key.append(entry.path);
  return key;
}

const std::any* BlobCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = values_.find(key);
  if (it == values_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  return it->second.get();
}

void BlobCache::store(const std::string& key, std::any value) {
  std::lock_guard lock(mutex_);
  values_.emplace(key, std::make_unique<std::any>(std::move(value)));
}

const std::string_view* BlobCache::stored(std::string_view key) const {
  // Read-only once open() returned: no lock needed.
  auto it = loaded_.find(key);
  return it == loaded_.end() ? nullptr : &it->second;
}

void BlobCache::keep_new(const std::string& key, const std::vector<std::uint8_t>& bytes) {
  std::lock_guard lock(mutex_);
  fresh_.insert_or_assign(key, std::string(bytes.begin(), bytes.end()));
}

void BlobCache::report_damage(const std::string& what) const {
  if (!damage_reported.exchange(true))
    std::cerr << "pacte: warning: the result cache " << (folder_.empty() ? std::string("in memory") : folder_) << " holds " << what
              << "; it is ignored and what it held is computed again\n";
}

const std::string* BlobCache::object(std::string_view id) const {
  // Those loaded from disk first: read-only once open() returned, no lock needed.
  if (auto it = loaded_objects_.find(id); it != loaded_objects_.end()) return &it->second;
  std::lock_guard lock(mutex_);
  auto it = objects_.find(std::string(id));
  return it == objects_.end() ? nullptr : &it->second;
}

const std::string& BlobCache::keep_object(std::string_view id, std::string_view raw) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = objects_.try_emplace(std::string(id), raw);
  if (inserted && !folder_.empty()) {
    std::string key = object_key(id);
    if (!loaded_objects_.count(id)) fresh_.insert_or_assign(std::move(key), std::string(raw));
  }
  return it->second;
}

std::uint64_t BlobCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::uint64_t BlobCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

std::size_t BlobCache::size() const {
  std::lock_guard lock(mutex_);
  return values_.size();
}

// ------------------------------------------------------------------------------ on disk

bool BlobCache::load_segment(const std::string& path, std::vector<std::pair<std::string_view, std::string_view>>& pairs) {
  // One read of the whole file into a buffer of its size.
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return true;  // removed by a writer merging segments since the folder was listed
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  auto bytes = std::make_unique<std::string>(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes->data(), size);
  if (in.gcount() != size) return false;
  const std::string_view view(*bytes);
  if (view.size() < kSegmentHeader || view.substr(0, kSegmentMagic.size()) != kSegmentMagic ||
      static_cast<unsigned char>(view[kSegmentMagic.size()]) != kSegmentFormat)
    return false;
  const std::string_view payload = view.substr(kSegmentHeader);
  if (get_le(view, kSegmentMagic.size() + 1, 8) != payload.size() ||
      get_le(view, kSegmentMagic.size() + 9, 8) != checksum_of(payload))
    return false;
  // The checksum holds: the pairs are read in one pass, as views of the bytes (kept).
  const std::size_t first = pairs.size();
  for (std::size_t at = 0; at < payload.size();) {
    if (payload.size() - at < 8 || payload.size() - at - 8 < get_le(payload, at, 4) + get_le(payload, at + 4, 4)) {
      pairs.resize(first);
      return false;
    }
    const std::size_t key_size = get_le(payload, at, 4), value_size = get_le(payload, at + 4, 4);
    at += 8;
    pairs.emplace_back(payload.substr(at, key_size), payload.substr(at + key_size, value_size));
    at += key_size + value_size;
  }
  segment_bytes_.push_back(std::move(bytes));
  return true;
}

bool BlobCache::open(const std::string& dir, const std::string& version_key, std::string& error) {
  const fs::path folder = fs::path(dir) / "results" / version_key;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    error = dir + ": cannot create the result cache " + folder.string() + " (" + ec.message() + "); give a writable --cache DIR";
    return false;
  }
  // Writable? A probe file, created and removed.
  {
    const fs::path probe = folder / (".probe-" + unique_name());
    std::ofstream out(probe, std::ios::binary);
    bool ok = out && (out << "probe") && (out.close(), !out.fail());
    fs::remove(probe, ec);
    if (!ok) {
      error = dir + ": the result cache " + folder.string() + " is not writable; give a writable --cache DIR";
      return false;
    }
  }
  std::vector<std::string> paths;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".seg") paths.push_back(it->path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  for (const auto& p : paths) {
    if (load_segment(p, pairs)) {
      segments_.push_back(p);
    } else {
      report_damage_in(p);
      fs::remove(p, ec);  // its values go into the next segment written
    }
  }
  // One table sized once for every segment; the first segment holding a key gives its value.
  const std::string prefix = object_key("");
  std::size_t objects = 0;
  for (const auto& pair : pairs) objects += pair.first.starts_with(prefix);
  loaded_.reserve(pairs.size() - objects);
  loaded_objects_.reserve(objects);
  for (const auto& [k, v] : pairs) {
    if (k.starts_with(prefix))
      loaded_objects_.try_emplace(k.substr(prefix.size()), v);
    else
      loaded_.try_emplace(k, v);
  }
  folder_ = folder.string();
  return true;
}

void BlobCache::report_damage_in(const std::string& path) const {
  if (!damage_reported.exchange(true))
    std::cerr << "pacte: warning: " << path << " is a damaged result cache file; it is ignored and what it held is computed again\n";
}

bool BlobCache::save(std::string& error) {
  if (folder_.empty()) return true;
  std::lock_guard lock(mutex_);
  if (fresh_.empty()) return true;
  const bool merge = segments_.size() + 1 > kMaxSegments;
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  entries.reserve(fresh_.size() + (merge ? loaded_.size() + loaded_objects_.size() : 0));
  for (const auto& [k, v] : fresh_) entries.emplace_back(k, v);
  std::deque<std::string> object_keys;  // a deque: the views of its strings stay valid
  if (merge) {
    for (const auto& [k, v] : loaded_)
      if (!fresh_.count(std::string(k))) entries.emplace_back(k, v);
    for (const auto& [id, v] : loaded_objects_)
      if (const std::string& key = object_keys.emplace_back(object_key(id)); !fresh_.count(key)) entries.emplace_back(key, v);
  }
  const std::string path = (fs::path(folder_) / (unique_name() + ".seg")).string();
  try {
    std::ostringstream unused;
    write_output(path, encode_segment(entries), unused);
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  if (merge) {
    // Only the segments this process read, and whose values the new one holds: those another
    // writer added since stay.
    std::error_code ec;
    for (const auto& p : segments_) fs::remove(p, ec);
    segments_.clear();
  }
  segments_.push_back(path);
  fresh_.clear();
  return true;
}

}  // namespace pacte
