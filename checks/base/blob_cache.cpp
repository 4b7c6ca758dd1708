#include "checks/base/blob_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
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

// What a segment file starts with, and the layout version of its payload.
constexpr std::string_view kSegmentMagic = "pacte-blob-cache";
constexpr int kSegmentFormat = 1;
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

std::string encode_segment(const std::vector<std::pair<const std::string*, const std::string*>>& entries) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [key, value] : entries) {
    pairs.push_back(nlohmann::json::binary(std::vector<std::uint8_t>(key->begin(), key->end())));
    pairs.push_back(nlohmann::json::binary(std::vector<std::uint8_t>(value->begin(), value->end())));
  }
  std::vector<std::uint8_t> payload = nlohmann::json::to_cbor(pairs);
  const std::string_view view(reinterpret_cast<const char*>(payload.data()), payload.size());
  nlohmann::json segment = nlohmann::json::array(
      {kSegmentMagic, kSegmentFormat, nlohmann::json::binary(std::move(payload)), checksum_of(view)});
  std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(segment);
  return std::string(bytes.begin(), bytes.end());
}

std::atomic<bool> damage_reported{false};

// The payload of a segment read as CBOR events: one array of byte strings, key and value in
// turn. Anything else is a damaged segment.
struct PairReader : nlohmann::json_sax<nlohmann::json> {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string pending_key;
  int depth = 0;
  bool have_key = false;

  bool complete() const { return depth == 0 && !have_key; }
  bool null() override { return false; }
  bool boolean(bool) override { return false; }
  bool number_integer(number_integer_t) override { return false; }
  bool number_unsigned(number_unsigned_t) override { return false; }
  bool number_float(number_float_t, const string_t&) override { return false; }
  bool string(string_t&) override { return false; }
  bool binary(binary_t& bytes) override {
    if (depth != 1) return false;
    if (!have_key) {
      pending_key.assign(bytes.begin(), bytes.end());
      have_key = true;
    } else {
      pairs.emplace_back(std::move(pending_key), std::string(bytes.begin(), bytes.end()));
      pending_key.clear();
      have_key = false;
    }
    return true;
  }
  bool start_object(std::size_t) override { return false; }
  bool key(string_t&) override { return false; }
  bool end_object() override { return false; }
  bool start_array(std::size_t) override { return ++depth == 1; }
  bool end_array() override { return --depth == 0; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

}  // namespace

void to_json(nlohmann::json& j, const Evidence& e) { j = nlohmann::json::array({e.path, e.line, e.snippet, e.note, e.note_fr}); }

void from_json(const nlohmann::json& j, Evidence& e) {
  j.at(0).get_to(e.path);
  j.at(1).get_to(e.line);
  j.at(2).get_to(e.snippet);
  j.at(3).get_to(e.note);
  j.at(4).get_to(e.note_fr);
}

void to_json(nlohmann::json& j, const Text& t) { j = nlohmann::json::array({t.en, t.fr}); }

void from_json(const nlohmann::json& j, Text& t) {
  j.at(0).get_to(t.en);
  j.at(1).get_to(t.fr);
}

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

const std::string* BlobCache::stored(const std::string& key) const {
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
  {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(std::string(id));
    if (it != objects_.end()) return &it->second;
  }
  if (loaded_.empty()) return nullptr;
  return stored(object_key(id));
}

const std::string& BlobCache::keep_object(std::string_view id, std::string_view raw) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = objects_.try_emplace(std::string(id), raw);
  if (inserted && !folder_.empty()) {
    std::string key = object_key(id);
    if (!loaded_.count(key)) fresh_.insert_or_assign(std::move(key), std::string(raw));
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

bool BlobCache::load_segment(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return true;  // removed by a writer merging segments since the folder was listed
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    const nlohmann::json segment = nlohmann::json::from_cbor(bytes);
    if (!segment.is_array() || segment.size() != 4 || segment[0] != kSegmentMagic || segment[1] != kSegmentFormat ||
        !segment[2].is_binary() || !segment[3].is_number_unsigned())
      return false;
    const auto& payload = segment[2].get_binary();
    const std::string_view view(reinterpret_cast<const char*>(payload.data()), payload.size());
    if (checksum_of(view) != segment[3].get<std::uint64_t>()) return false;
    // Read as events, not as a document: each key and value is copied once, into the table.
    PairReader reader;
    if (!nlohmann::json::sax_parse(payload, &reader, nlohmann::json::input_format_t::cbor) || !reader.complete()) return false;
    loaded_.reserve(loaded_.size() + reader.pairs.size());
    for (auto& [k, v] : reader.pairs) loaded_.try_emplace(std::move(k), std::move(v));
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
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
  for (const auto& p : paths) {
    if (load_segment(p)) {
      segments_.push_back(p);
    } else {
      report_damage_in(p);
      fs::remove(p, ec);  // its values go into the next segment written
    }
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
  std::vector<std::pair<const std::string*, const std::string*>> entries;
  entries.reserve(fresh_.size() + (merge ? loaded_.size() : 0));
  for (const auto& [k, v] : fresh_) entries.emplace_back(&k, &v);
  if (merge)
    for (const auto& [k, v] : loaded_)
      if (!fresh_.count(k)) entries.emplace_back(&k, &v);
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
