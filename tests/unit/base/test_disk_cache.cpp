// The result cache on disk (`--cache DIR`): what one audit computed is found by the next, a
// value kept under another version key is never found, and a damaged file is ignored and its
// values computed again, never trusted.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checks/base/blob_cache.hpp"
#include "tests/unit/shell.hpp"

using namespace pacte;
using pacte::test_shell::TempFolder;
namespace fs = std::filesystem;

namespace {

FileEntry blob(std::string path, std::string id) {
  FileEntry e;
  e.path = std::move(path);
  e.object_id = std::move(id);
  return e;
}

std::vector<fs::path> segments_in(const std::string& folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".seg") out.push_back(e.path());
  return out;
}

const FileEntry kPage = blob("web/index.html", "1111111111111111111111111111111111111111");

// Saves one segment under the version key "v1" of the cache in `dir`, holding the tracker
// value "matomo" for kPage, and returns its path.
fs::path save_one_segment(const std::string& dir) {
  std::string error;
  BlobCache first;
  REQUIRE(first.open(dir, "v1", error));
  BlobCache::through<std::string>(&first, "trackers", kPage, [] { return std::string("matomo"); });
  REQUIRE(first.save(error));
  auto segs = segments_in(dir + "/results/v1");
  REQUIRE(segs.size() == 1);
  return segs[0];
}

}  // namespace

TEST_CASE("what one process computed and saved is found by the next, under the same version key only") {
  TempFolder tmp;
  std::string error;
  int computed = 0;
  auto compute = [&] {
    ++computed;
    return std::string("matomo line 3");
  };
  {
    BlobCache first;
    REQUIRE(first.open(tmp.path, "v1", error));
    CHECK(BlobCache::through<std::string>(&first, "trackers", kPage, compute) == "matomo line 3");
    REQUIRE(first.save(error));
  }
  CHECK(computed == 1);
  {
    BlobCache second;
    REQUIRE(second.open(tmp.path, "v1", error));
    CHECK(BlobCache::through<std::string>(&second, "trackers", kPage, [] { return std::string("never computed"); }) ==
          "matomo line 3");
    // Another kind, another path or another blob is not the same value.
    CHECK(BlobCache::through<std::string>(&second, "licence", kPage, compute) == "matomo line 3");
    CHECK(computed == 2);
  }
  {
    // Other signatures, another build: another version key, nothing found.
    BlobCache other;
    REQUIRE(other.open(tmp.path, "v2", error));
    CHECK(BlobCache::through<std::string>(&other, "trackers", kPage, compute) == "matomo line 3");
    CHECK(computed == 3);
  }
}

TEST_CASE("optional values and their absence both round-trip through the disk") {
  TempFolder tmp;
  std::string error;
  const FileEntry other = blob("NOTICE", "2222222222222222222222222222222222222222");
  {
    BlobCache first;
    REQUIRE(first.open(tmp.path, "v1", error));
    BlobCache::through<std::optional<int>>(&first, "n", kPage, [] { return std::optional<int>(7); });
    BlobCache::through<std::optional<int>>(&first, "n", other, [] { return std::optional<int>(); });
    REQUIRE(first.save(error));
  }
  BlobCache second;
  REQUIRE(second.open(tmp.path, "v1", error));
  CHECK(BlobCache::through<std::optional<int>>(&second, "n", kPage, [] { return std::optional<int>(0); }) == 7);
  CHECK_FALSE(BlobCache::through<std::optional<int>>(&second, "n", other, [] { return std::optional<int>(9); }).has_value());
}

TEST_CASE("a damaged or truncated segment is ignored: its values are computed again, never trusted") {
  TempFolder tmp;
  std::string error;
  const std::string folder = tmp.path + "/results/v1";
  const fs::path segment = save_one_segment(tmp.path);
  SUBCASE("a byte changed inside a value") {
    std::fstream f(segment, std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto at = bytes.find("matomo");
    REQUIRE(at != std::string::npos);
    f.seekp(static_cast<std::streamoff>(at));
    f.put('X');
  }
  SUBCASE("the file cut in the middle") {
    fs::resize_file(segment, fs::file_size(segment) / 2);
  }
  BlobCache second;
  REQUIRE(second.open(tmp.path, "v1", error));
  CHECK(BlobCache::through<std::string>(&second, "trackers", kPage, [] { return std::string("recomputed"); }) == "recomputed");
  // The damaged file is gone; the value computed again is kept by the next save.
  CHECK(segments_in(folder).empty());
  REQUIRE(second.save(error));
  CHECK(segments_in(folder).size() == 1);
}

TEST_CASE("segments are merged into one when there are more than kMaxSegments, and nothing is lost") {
  TempFolder tmp;
  std::string error;
  const std::size_t runs = BlobCache::kMaxSegments + 3;
  for (std::size_t i = 0; i < runs; ++i) {
    BlobCache run;
    REQUIRE(run.open(tmp.path, "v1", error));
    const FileEntry e = blob("f" + std::to_string(i), std::string(40, static_cast<char>('a' + i % 6)));
    BlobCache::through<int>(&run, "n", e, [i] { return static_cast<int>(i); });
    REQUIRE(run.save(error));
    CHECK(segments_in(tmp.path + "/results/v1").size() <= BlobCache::kMaxSegments);
  }
  BlobCache all;
  REQUIRE(all.open(tmp.path, "v1", error));
  for (std::size_t i = 0; i < runs; ++i) {
    const FileEntry e = blob("f" + std::to_string(i), std::string(40, static_cast<char>('a' + i % 6)));
    CHECK(BlobCache::through<int>(&all, "n", e, [] { return -1; }) == static_cast<int>(i));
  }
}

TEST_CASE("kept objects (history records) are saved and found by object id") {
  TempFolder tmp;
  std::string error;
  const std::string id(20, '\x07');
  {
    BlobCache first;
    REQUIRE(first.open(tmp.path, "v1", error));
    first.keep_object(id, "parent 0123\nauthor A <a@example.org> 1 +0000\n");
    REQUIRE(first.save(error));
  }
  BlobCache second;
  REQUIRE(second.open(tmp.path, "v1", error));
  REQUIRE(second.object(id) != nullptr);
  CHECK(*second.object(id) == "parent 0123\nauthor A <a@example.org> 1 +0000\n");
  CHECK(second.object(std::string(20, '\x08')) == nullptr);
}

TEST_CASE("a cache folder that cannot be created is refused, naming it") {
  TempFolder tmp;
  // A regular file where a folder is needed: not even root can create the cache there.
  std::ofstream(tmp.path + "/file") << "not a folder";
  BlobCache cache;
  std::string error;
  CHECK_FALSE(cache.open(tmp.path + "/file/cache", "v1", error));
  CHECK(error.find(tmp.path + "/file/cache") != std::string::npos);
}

TEST_CASE("kept objects and values both survive the merge of the segments, and a later run finds them") {
  TempFolder tmp;
  std::string error;
  const std::size_t runs = BlobCache::kMaxSegments + 2;
  auto id_of = [](std::size_t i) { return std::string(20, static_cast<char>(i + 1)); };
  for (std::size_t i = 0; i < runs; ++i) {
    BlobCache run;
    REQUIRE(run.open(tmp.path, "v1", error));
    run.keep_object(id_of(i), "commit record " + std::to_string(i));
    const FileEntry e = blob("f" + std::to_string(i), std::string(40, static_cast<char>('a' + i % 6)));
    BlobCache::through<int>(&run, "n", e, [i] { return static_cast<int>(i); });
    REQUIRE(run.save(error));
  }
  CHECK(segments_in(tmp.path + "/results/v1").size() < runs);
  BlobCache all;
  REQUIRE(all.open(tmp.path, "v1", error));
  for (std::size_t i = 0; i < runs; ++i) {
    const std::string* kept = all.object(id_of(i));
    REQUIRE(kept != nullptr);
    CHECK(*kept == "commit record " + std::to_string(i));
    const FileEntry e = blob("f" + std::to_string(i), std::string(40, static_cast<char>('a' + i % 6)));
    CHECK(BlobCache::through<int>(&all, "n", e, [] { return -1; }) == static_cast<int>(i));
  }
  // Kept objects are not values: no value lookup finds one.
  CHECK(all.object(std::string(20, '\x7f')) == nullptr);
}

TEST_CASE("a segment that is not one (another layout, a foreign file) is ignored and deleted, never trusted") {
  TempFolder tmp;
  std::string error;
  const std::string folder = tmp.path + "/results/v1";
  const fs::path segment = save_one_segment(tmp.path);
  SUBCASE("an empty file") { fs::resize_file(segment, 0); }
  SUBCASE("the layout byte of another version") {
    std::fstream f(segment, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(16);
    f.put('\x01');
  }
  SUBCASE("bytes added at the end") { std::ofstream(segment, std::ios::binary | std::ios::app) << "more"; }
  BlobCache second;
  REQUIRE(second.open(tmp.path, "v1", error));
  CHECK(BlobCache::through<std::string>(&second, "trackers", kPage, [] { return std::string("recomputed"); }) == "recomputed");
  CHECK(segments_in(folder).empty());
}
