// Streaming a blob out of a pack file without inflating it whole: the bytes must be exactly what
// git stored, whole or as a delta chain; an object in no pack must be sent back to the caller, and a damaged pack
// or index must give `damaged`, never a crash, a hang or wrong bytes reported as good.
#include <doctest/doctest.h>

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "checks/base/packed_blob.hpp"
#include "tests/unit/shell.hpp"

using namespace pacte;
using pacte::test_shell::sh_out;
using pacte::test_shell::TempFolder;
namespace fs = std::filesystem;

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// About `bytes` bytes of text lines made of pseudo-random words: it compresses, but to far more
// than one 64 KiB read, so the stream is inflated across many input and output pieces.
std::string big_text(std::size_t bytes, std::uint32_t seed) {
  static const char* const kWords[] = {"audit",   "charter", "pacte",  "privacy", "tracker", "cookie",
                                       "consent", "service", "public", "access",  "report",  "notice",
                                       "module",  "source",  "legal",  "review"};
  std::string out;
  std::uint32_t x = seed;
  for (std::size_t line = 1; out.size() < bytes; ++line) {
    out += "line " + std::to_string(line) + ":";
    for (int w = 0; w < 8; ++w) {
      x = x * 1664525u + 1013904223u;
      out += ' ';
      out += kWords[(x >> 24) % 16];
    }
    out += '\n';
  }
  return out;
}

// One object line of `git verify-pack -v`; a delta has a depth and a base.
struct PackEntry {
  std::string id, type;
  std::uint64_t size = 0, size_in_pack = 0, offset = 0;
  bool delta = false;
};

// A repository built with the git CLI, isolated from the user's configuration.
struct Repo {
  TempFolder tmp;
  std::string dir = tmp.path + "/repo";

  Repo() { run("git init -q " + quote(dir)); }

  std::string run(const std::string& cmd) const {
    return sh_out("mkdir -p " + quote(dir) + " && cd " + quote(dir) + " && export HOME=" + quote(tmp.path) +
                  " GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org"
                  " GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org && " +
                  cmd);
  }
  std::string objects() const { return dir + "/.git/objects"; }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(dir + "/" + name, std::ios::binary) << content;
  }
  void commit(const std::string& message) const { run("git add -A && git commit -q -m " + quote(message)); }
  std::string blob_id(const std::string& path) const { return trim(run("git rev-parse HEAD:" + quote(path))); }
  std::string cat(const std::string& id) const { return run("git cat-file blob " + id); }
  std::string pack_path() const { return trim(run("ls .git/objects/pack/pack-*.pack")); }
  std::string idx_path() const { return trim(run("ls .git/objects/pack/pack-*.idx")); }

  std::vector<PackEntry> verify_pack() const {
    std::vector<PackEntry> out;
    std::istringstream in(run("git verify-pack -v .git/objects/pack/pack-*.idx"));
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      PackEntry e;
      if (!(fields >> e.id >> e.type >> e.size >> e.size_in_pack >> e.offset) || e.id.size() != 40) continue;
      std::string depth;
      e.delta = static_cast<bool>(fields >> depth);
      out.push_back(e);
    }
    return out;
  }
  PackEntry entry_of(const std::string& id) const {
    for (const PackEntry& e : verify_pack())
      if (e.id == id) return e;
    FAIL("object " << id << " is in no pack");
    return {};
  }
};

// What a caller of stream_packed_blob sees.
struct Streamed {
  PackedRead result = PackedRead::not_found;
  std::string bytes;
  std::vector<std::size_t> pieces;
  std::string error;
};

using Reader = PackedRead (*)(const std::string&, std::string_view, std::uint64_t, std::size_t,
                              const std::function<bool(std::string_view)>&, std::string&);

PackedRead packed_reader(const std::string& objects, std::string_view id, std::uint64_t size, std::size_t chunk,
                         const std::function<bool(std::string_view)>& sink, std::string& error) {
  return stream_packed_blob(objects, id, size, chunk, sink, error);
}

// What `read` (stream_packed_blob by default) hands on, stopping after `stop_after` pieces (0: never).
Streamed stream(const std::string& objects, const std::string& id, std::uint64_t size, std::size_t chunk = 65536,
                std::size_t stop_after = 0, Reader read = packed_reader) {
  Streamed s;
  s.result = read(
      objects, id, size, chunk,
      [&](std::string_view piece) {
        s.bytes.append(piece);
        s.pieces.push_back(piece.size());
        return stop_after == 0 || s.pieces.size() < stop_after;
      },
      s.error);
  return s;
}

void flip_byte(const std::string& path, std::uint64_t offset) {
  fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(f);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x5a));
  REQUIRE(f);
}

// A repository holding one ~3 MiB text file, packed whole.
struct BigBlobRepo {
  Repo repo;
  std::string text = big_text(3 * 1024 * 1024, 7);
  std::string id;
  BigBlobRepo() {
    repo.write("big.txt", text);
    repo.write("small.txt", "hello\n");
    repo.commit("big file");
    repo.run("git repack -q -adf");
    id = repo.blob_id("big.txt");
  }
};

}  // namespace

TEST_CASE("a large blob stored whole in a pack streams byte for byte, in pieces no larger than asked") {
  BigBlobRepo fx;
  REQUIRE_FALSE(fx.repo.entry_of(fx.id).delta);
  const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size(), 65536);
  CHECK(s.result == PackedRead::streamed);
  CHECK(s.error.empty());
  CHECK(s.bytes.size() == fx.text.size());
  CHECK(s.bytes == fx.repo.cat(fx.id));
  CHECK(s.pieces.size() >= fx.text.size() / 65536);
  for (std::size_t p : s.pieces) CHECK(p <= 65536);

  // A chunk of 0 means the default piece (1 MiB), never a piece of nothing.
  const Streamed d = stream(fx.repo.objects(), fx.id, fx.text.size(), 0);
  CHECK(d.result == PackedRead::streamed);
  CHECK(d.bytes == fx.text);
  for (std::size_t p : d.pieces) CHECK((p > 0 && p <= 1024 * 1024));
}

TEST_CASE("a blob stored as a delta is rebuilt byte for byte, and its base still streams") {
  Repo repo;
  const std::string first = big_text(2 * 1024 * 1024, 11);
  std::string second = first;
  for (std::size_t at : {1000u, 400000u, 1500000u}) second.replace(at, 7, "CHANGED");
  repo.write("first.txt", first);
  repo.write("second.txt", second);
  repo.commit("two similar files");
  repo.run("git repack -q -adf --window=50 --depth=50");
  const std::string first_id = repo.blob_id("first.txt");
  const std::string second_id = repo.blob_id("second.txt");
  const bool first_is_delta = repo.entry_of(first_id).delta;
  const bool second_is_delta = repo.entry_of(second_id).delta;
  REQUIRE(first_is_delta != second_is_delta);
  const std::string delta_id = first_is_delta ? first_id : second_id;
  const std::string whole_id = first_is_delta ? second_id : first_id;
  const std::string& delta_text = first_is_delta ? first : second;
  const std::string& whole_text = first_is_delta ? second : first;

  const Streamed d = stream(repo.objects(), delta_id, delta_text.size());
  CHECK(d.result == PackedRead::streamed);
  CHECK(d.error.empty());
  CHECK(d.bytes == delta_text);
  for (std::size_t p : d.pieces) CHECK(p <= 65536);
  CHECK(stream(repo.objects(), delta_id, delta_text.size(), 65536, 1).result == PackedRead::stopped);

  const Streamed w = stream(repo.objects(), whole_id, whole_text.size());
  CHECK(w.result == PackedRead::streamed);
  CHECK(w.bytes == whole_text);
  CHECK(w.bytes == repo.cat(whole_id));
}

TEST_CASE("every version of a long delta chain is rebuilt, by offset or by id, leaving no temporary file") {
  TempFolder scratch;
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", scratch.path.c_str(), 1);
  for (const char* offsets : {"true", "false"}) {  // OFS_DELTA, then REF_DELTA
    CAPTURE(offsets);
    Repo repo;
    std::string text = big_text(600 * 1024, 5);
    std::vector<std::pair<std::string, std::string>> versions;  // id, content
    for (int v = 0; v < 12; ++v) {
      text.replace(static_cast<std::size_t>(v) * 40000 + 100, 9, "VERSION" + std::to_string(10 + v));
      text += "appended line " + std::to_string(v) + "\n";
      repo.write("data.txt", text);
      repo.commit("version " + std::to_string(v));
      versions.emplace_back(repo.blob_id("data.txt"), text);
    }
    repo.run(std::string("git -c repack.useDeltaBaseOffset=") + offsets + " repack -q -adf --window=20 --depth=50");
    int deltas = 0;
    for (const auto& version : versions) {
      const std::string& id = version.first;
      const std::string& content = version.second;
      CAPTURE(id);
      deltas += repo.entry_of(id).delta ? 1 : 0;
      const Streamed s = stream(repo.objects(), id, content.size(), 100000);
      CHECK(s.result == PackedRead::streamed);
      CHECK(s.error.empty());
      CHECK(s.bytes == content);
    }
    CHECK(deltas >= 10);
    // A time limit that passes while the bases are rebuilt stops the read, files gone: the
    // versions deep enough in the chain to rebuild more than a MiB of bases are stopped.
    int stopped = 0;
    for (const auto& [id, content] : versions) {
      std::string error;
      try {
        stream_packed_blob(
            repo.objects(), id, content.size(), 0, [](std::string_view) { return true; }, error,
            [] { throw std::runtime_error("time limit"); });
      } catch (const std::runtime_error&) {
        ++stopped;
      }
    }
    CHECK(stopped >= 1);
  }
  CHECK(fs::is_empty(scratch.path));
  if (old_tmpdir) ::setenv("TMPDIR", saved.c_str(), 1);
  else ::unsetenv("TMPDIR");
}

TEST_CASE("an object in no pack is not found, to be read another way") {
  BigBlobRepo fx;
  // Written after the repack: a loose object.
  const std::string loose = trim(fx.repo.run("echo 'written later' | git hash-object -w --stdin"));
  CHECK(fs::exists(fx.repo.objects() + "/" + loose.substr(0, 2) + "/" + loose.substr(2)));
  const Streamed l = stream(fx.repo.objects(), loose, 14);
  CHECK(l.result == PackedRead::not_found);
  CHECK(l.bytes.empty());

  // An id no object has, sorted before, among, and after the packed ones.
  for (const std::string missing :
       {"0000000000000000000000000000000000000000", "0123456789abcdef0123456789abcdef01234567",
        "ffffffffffffffffffffffffffffffffffffffff"}) {
    CAPTURE(missing);
    CHECK(stream(fx.repo.objects(), missing, 10).result == PackedRead::not_found);
  }
  // Something that is not an id at all.
  CHECK(stream(fx.repo.objects(), "not-an-id", 10).result == PackedRead::not_found);
  CHECK(stream(fx.repo.objects(), std::string(fx.id).replace(0, 1, "G"), 10).result == PackedRead::not_found);

  // A repository that was never packed has no pack folder content at all.
  Repo fresh;
  fresh.write("a.txt", "a\n");
  fresh.commit("loose only");
  CHECK(stream(fresh.objects(), fresh.blob_id("a.txt"), 2).result == PackedRead::not_found);
  CHECK(stream(fresh.tmp.path + "/no-such-folder", fx.id, fx.text.size()).result == PackedRead::not_found);
}

TEST_CASE("a sink that says stop stops the stream after that piece") {
  BigBlobRepo fx;
  const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size(), 65536, 1);
  CHECK(s.result == PackedRead::stopped);
  CHECK(s.pieces.size() == 1);
  CHECK(s.bytes == fx.text.substr(0, s.bytes.size()));
}

TEST_CASE("a damaged pack or index gives damaged, naming the file, and never a crash or a hang") {
  BigBlobRepo fx;
  const PackEntry big = fx.repo.entry_of(fx.id);
  REQUIRE(big.size_in_pack > 1000);

  SUBCASE("a byte flipped inside the blob's compressed data") {
    const std::string pack = fx.repo.pack_path();
    flip_byte(fx.repo.dir + "/" + pack, big.offset + big.size_in_pack / 2);
    const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size());
    CHECK(s.result == PackedRead::damaged);
    REQUIRE_FALSE(s.error.empty());
    CHECK(s.error.find(fs::path(pack).filename().string()) != std::string::npos);
  }
  SUBCASE("the last byte of the blob's compressed data flipped: only the checksums can tell") {
    flip_byte(fx.repo.dir + "/" + fx.repo.pack_path(), big.offset + big.size_in_pack - 1);
    const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK_FALSE(s.error.empty());
  }
  SUBCASE("a size the pack disagrees with") {
    const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size() + 1);
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.bytes.empty());
  }
  SUBCASE("an index cut to 500 bytes") {
    const std::string idx = fx.repo.dir + "/" + fx.repo.idx_path();
    fs::permissions(idx, fs::perms::owner_write, fs::perm_options::add);
    fs::resize_file(idx, 500);
    const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size());
    CHECK((s.result == PackedRead::damaged || s.result == PackedRead::not_found));
    CHECK(s.bytes.empty());
    if (s.result == PackedRead::damaged) CHECK(s.error.find(idx) != std::string::npos);
  }
  SUBCASE("a pack cut in the middle of the blob") {
    const std::string pack = fx.repo.dir + "/" + fx.repo.pack_path();
    fs::permissions(pack, fs::perms::owner_write, fs::perm_options::add);
    fs::resize_file(pack, big.offset + big.size_in_pack / 2);
    const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find(pack) != std::string::npos);
  }
  SUBCASE("an index without its pack") {
    const std::string pack = fx.repo.dir + "/" + fx.repo.pack_path();
    fs::remove(pack);
    const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find(pack) != std::string::npos);
  }
}

TEST_CASE("a blob behind a 64-bit offset entry of the index streams the same") {
  BigBlobRepo fx;
  const std::string pack = fx.repo.pack_path();
  const std::string idx = fx.repo.idx_path();
  const auto small_idx_size = fs::file_size(fx.repo.dir + "/" + idx);
  // Every offset above 0x10 goes to the table of 8-byte offsets.
  fx.repo.run("git index-pack --index-version=2,0x10 -o new.idx " + quote(pack) + " >/dev/null && chmod u+w " +
              quote(idx) + " && mv new.idx " + quote(idx));
  REQUIRE(fs::file_size(fx.repo.dir + "/" + idx) > small_idx_size);

  const Streamed s = stream(fx.repo.objects(), fx.id, fx.text.size());
  CHECK(s.result == PackedRead::streamed);
  CHECK(s.bytes == fx.text);
  const Streamed small = stream(fx.repo.objects(), fx.repo.blob_id("small.txt"), 6);
  CHECK(small.result == PackedRead::streamed);
  CHECK(small.bytes == "hello\n");
}

TEST_CASE("an empty blob packed whole streams as nothing") {
  Repo repo;
  repo.write("empty", "");
  repo.commit("empty file");
  repo.run("git repack -q -adf");
  const std::string id = repo.blob_id("empty");
  REQUIRE(id == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  const Streamed s = stream(repo.objects(), id, 0);
  CHECK(s.result == PackedRead::streamed);
  CHECK(s.bytes.empty());
  CHECK(s.pieces.size() <= 1);
  // Any other size is a disagreement with the pack.
  CHECK(stream(repo.objects(), id, 1).result == PackedRead::damaged);
}

namespace {

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// The header git puts before an object in a pack: type, then the size 4 and then 7 bits a byte.
std::string object_header(int type, std::uint64_t size) {
  std::string out(1, static_cast<char>((type << 4) | (size & 15)));
  size >>= 4;
  while (size > 0) {
    out.back() = static_cast<char>(out.back() | 0x80);
    out += static_cast<char>(size & 0x7f);
    size >>= 7;
  }
  return out;
}

std::string deflated(const std::string& data) {
  uLongf n = compressBound(static_cast<uLong>(data.size()));
  std::string out(n, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(data.data()),
                   static_cast<uLong>(data.size())) == Z_OK);
  out.resize(n);
  return out;
}

std::uint32_t crc_of(const std::string& bytes) {
  return static_cast<std::uint32_t>(
      crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

constexpr const char* kCraftedId = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

// A one-object pack and its index, written by hand to hold damage git itself never writes. The
// object is `entry` (header and compressed data) at offset 12; `offset_field` is the index's
// 4-byte offset of it.
struct CraftedPack {
  TempFolder tmp;
  std::string objects = tmp.path + "/objects";
  std::string pack = objects + "/pack/pack-crafted.pack";

  void write(const std::string& entry, std::uint32_t crc, std::uint32_t offset_field = 12) const {
    fs::create_directories(objects + "/pack");
    const std::string trailer(20, 'T');  // only compared with the index's copy
    std::ofstream(pack, std::ios::binary) << "PACK" << be32(2) << be32(1) << entry << trailer;
    std::string idx = "\377tOc" + be32(2);
    for (int i = 0; i < 256; ++i) idx += be32(i < 0x5a ? 0 : 1);
    for (int i = 0; i < 20; ++i) idx += '\x5a';
    idx += be32(crc) + be32(offset_field) + trailer + std::string(20, '\0');
    std::ofstream(objects + "/pack/pack-crafted.idx", std::ios::binary) << idx;
  }
  void write(const std::string& entry) const { write(entry, crc_of(entry)); }
};

}  // namespace

TEST_CASE("hand-made damage in a pack gives damaged, whatever the sink was already given") {
  CraftedPack fx;
  const std::string data = big_text(300 * 1024, 3);

  SUBCASE("an intact object streams (the fixture itself is sound)") {
    fx.write(object_header(3, data.size()) + deflated(data));
    const Streamed s = stream(fx.objects, kCraftedId, data.size(), 4096);
    CHECK(s.result == PackedRead::streamed);
    CHECK(s.bytes == data);
  }
  SUBCASE("compressed data that stops before the blob does") {
    const std::string z = deflated(data);
    fx.write(object_header(3, data.size()) + z.substr(0, z.size() / 2));
    const Streamed s = stream(fx.objects, kCraftedId, data.size(), 4096);
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find(fx.pack) != std::string::npos);
  }
  SUBCASE("a stream that inflates to more than the header says") {
    fx.write(object_header(3, 100) + deflated(data));
    CHECK(stream(fx.objects, kCraftedId, 100).result == PackedRead::damaged);
  }
  SUBCASE("a stream that ends before the size the header says") {
    fx.write(object_header(3, data.size() + 10) + deflated(data));
    CHECK(stream(fx.objects, kCraftedId, data.size() + 10).result == PackedRead::damaged);
  }
  SUBCASE("a CRC32 in the index that does not match the entry") {
    const std::string entry = object_header(3, data.size()) + deflated(data);
    fx.write(entry, crc_of(entry) ^ 1);
    const Streamed s = stream(fx.objects, kCraftedId, data.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find("CRC32") != std::string::npos);
  }
  SUBCASE("a size header whose bytes never end") {
    fx.write(std::string(40, '\xbf'));
    CHECK(stream(fx.objects, kCraftedId, 10).result == PackedRead::damaged);
  }
  SUBCASE("a tree where a blob was expected") {
    fx.write(object_header(2, data.size()) + deflated(data));
    const Streamed s = stream(fx.objects, kCraftedId, data.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find("is a tree, not a blob") != std::string::npos);
  }
  SUBCASE("an offset outside the pack") {
    fx.write(object_header(3, data.size()) + deflated(data), 0, 0x7fffffff);
    CHECK(stream(fx.objects, kCraftedId, data.size()).result == PackedRead::damaged);
  }
  SUBCASE("a large offset beyond the index's table of large offsets") {
    fx.write(object_header(3, data.size()) + deflated(data), 0, 0x80000005);
    const Streamed s = stream(fx.objects, kCraftedId, data.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find("pack-crafted.idx") != std::string::npos);
  }
  SUBCASE("garbage instead of compressed data") {
    fx.write(object_header(3, data.size()) + std::string(5000, '\x33'));
    const Streamed s = stream(fx.objects, kCraftedId, data.size());
    CHECK(s.result == PackedRead::damaged);
    CHECK(s.error.find("zlib") != std::string::npos);
  }
}

TEST_CASE("a loose blob streams byte for byte; a truncated or mislabelled one is damaged, never a hang") {
  Repo repo;
  const std::string text = big_text(2 * 1024 * 1024, 11);
  repo.write("big.txt", text);
  repo.commit("loose");
  const std::string id = repo.blob_id("big.txt");
  auto loose = [&](std::uint64_t size, std::size_t stop_after = 0) {
    return stream(repo.objects(), id, size, 65536, stop_after, stream_loose_blob);
  };
  Streamed s = loose(text.size());
  CHECK(s.result == PackedRead::streamed);
  CHECK(s.bytes == text);
  for (std::size_t p : s.pieces) CHECK(p <= 65536);
  CHECK(loose(text.size(), 1).result == PackedRead::stopped);

  // The size the tree gives must be the object's own.
  s = loose(text.size() - 1);
  CHECK(s.result == PackedRead::damaged);
  CHECK(s.error.find("not a blob of") != std::string::npos);

  // No such loose object: to be read another way. A packed one is not loose.
  std::string error;
  auto none = [](std::string_view) { return true; };
  CHECK(stream_loose_blob(repo.objects(), std::string(40, 'a'), 1, 0, none, error) == PackedRead::not_found);
  CHECK(stream_loose_blob(repo.objects(), "not an id", 1, 0, none, error) == PackedRead::not_found);

  // Cut short: damaged, naming the file.
  const std::string file = repo.objects() + "/" + id.substr(0, 2) + "/" + id.substr(2);
  fs::permissions(file, fs::perms::owner_write, fs::perm_options::add);
  fs::resize_file(file, fs::file_size(file) / 2);
  s = loose(text.size());
  CHECK(s.result == PackedRead::damaged);
  CHECK(s.error.find(file) != std::string::npos);
  CHECK(s.error.find("truncated") != std::string::npos);
}
