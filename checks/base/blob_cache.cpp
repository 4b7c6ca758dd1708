#include "checks/base/blob_cache.hpp"

namespace pacte {

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

const std::string* BlobCache::object(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = objects_.find(std::string(id));
  return it == objects_.end() ? nullptr : &it->second;
}

const std::string& BlobCache::keep_object(std::string_view id, std::string_view raw) {
  std::lock_guard lock(mutex_);
  return objects_.try_emplace(std::string(id), raw).first->second;
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

}  // namespace pacte
