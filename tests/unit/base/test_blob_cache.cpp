// The evidence cache of `pacte audit --trend`: what was derived from a blob is reused by every
// revision holding the same blob at the same path, and recomputed as soon as either changes. A
// stale hit would show last month's trackers in this month's report.
#include <doctest/doctest.h>

#include <string>

#include "checks/base/blob_cache.hpp"

using namespace pacte;

namespace {

FileEntry blob(std::string path, std::string id) {
  FileEntry e;
  e.path = std::move(path);
  e.object_id = std::move(id);
  return e;
}

}  // namespace

TEST_CASE("the same blob at the same path is computed once, then answered from the cache") {
  BlobCache cache;
  int computed = 0;
  auto count_lines = [&] {
    ++computed;
    return 3;
  };
  const FileEntry january = blob("web/index.html", "1111111111111111111111111111111111111111");
  const FileEntry february = january;  // the next revision, file unchanged
  CHECK(BlobCache::through<int>(&cache, "lines", january, count_lines) == 3);
  CHECK(BlobCache::through<int>(&cache, "lines", february, count_lines) == 3);
  CHECK(computed == 1);
  CHECK(cache.hits() == 1);
  CHECK(cache.misses() == 1);
  CHECK(cache.size() == 1);
}

TEST_CASE("a changed blob, another path or another kind of evidence is computed again") {
  BlobCache cache;
  int computed = 0;
  auto compute = [&] { return ++computed; };
  const FileEntry before = blob("web/index.html", "1111111111111111111111111111111111111111");
  CHECK(BlobCache::through<int>(&cache, "a11y-page", before, compute) == 1);
  // The file was edited: a new blob id, never last revision's result.
  CHECK(BlobCache::through<int>(&cache, "a11y-page", blob("web/index.html", "2222222222222222222222222222222222222222"), compute) == 2);
  // The same content under another name: evidence names its file, so it is not shared.
  CHECK(BlobCache::through<int>(&cache, "a11y-page", blob("web/copy.html", "1111111111111111111111111111111111111111"), compute) == 3);
  // Another module's evidence of the same blob.
  CHECK(BlobCache::through<int>(&cache, "trackers", before, compute) == 4);
  CHECK(cache.hits() == 0);
  CHECK(cache.misses() == 4);
  // And the first one is still there.
  CHECK(BlobCache::through<int>(&cache, "a11y-page", before, compute) == 1);
  CHECK(cache.hits() == 1);
}

TEST_CASE("files without a blob id, or without a cache, are computed every time") {
  BlobCache cache;
  int computed = 0;
  auto compute = [&] { return ++computed; };
  const FileEntry on_disk = blob("LICENSE", "");  // --worktree: no name proves the content unchanged
  CHECK(BlobCache::through<int>(&cache, "licence", on_disk, compute) == 1);
  CHECK(BlobCache::through<int>(&cache, "licence", on_disk, compute) == 2);
  CHECK(cache.size() == 0);
  const FileEntry in_git = blob("LICENSE", "3333333333333333333333333333333333333333");
  CHECK(BlobCache::through<int>(nullptr, "licence", in_git, compute) == 3);
  CHECK(BlobCache::through<int>(nullptr, "licence", in_git, compute) == 4);
}

TEST_CASE("values are copies: changing what was returned does not change the cache") {
  BlobCache cache;
  const FileEntry e = blob("a.js", "4444444444444444444444444444444444444444");
  auto first = BlobCache::through<std::string>(&cache, "trackers", e, [] { return std::string("matomo"); });
  first += " changed";
  CHECK(BlobCache::through<std::string>(&cache, "trackers", e, [] { return std::string("never computed"); }) == "matomo");
}

TEST_CASE("a git object kept by one history walk is found by the next, by its binary id") {
  BlobCache cache;
  const std::string commit_a(20, '\x01'), commit_b(20, '\x02');
  CHECK(cache.object(commit_a) == nullptr);
  const std::string& kept = cache.keep_object(commit_a, "tree 4b825dc6\nauthor A <a@example.org> 1 +0000\n");
  // Keeping many more objects does not move the bytes already handed out.
  for (int i = 0; i < 5000; ++i) cache.keep_object(std::string(19, '\x03') + static_cast<char>(i % 256) + std::to_string(i), "x");
  REQUIRE(cache.object(commit_a) != nullptr);
  CHECK(cache.object(commit_a) == &kept);
  CHECK(kept == "tree 4b825dc6\nauthor A <a@example.org> 1 +0000\n");
  CHECK(cache.object(commit_b) == nullptr);
}
