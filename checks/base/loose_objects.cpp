#include "checks/base/loose_objects.hpp"

#include "checks/base/git.hpp"

#include <git2.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace pacte {

namespace {

enum class Inflate { complete, truncated, corrupt };

// Inflates the object read from `in` to nowhere, keeping the first bytes (the "type size\0"
// header). Read and inflated piece by piece: a large object costs no more memory than a small one.
// `input` and `out` are the caller's buffers, allocated once for every object.
Inflate inflate_all(std::istream& in, std::string& header, std::vector<unsigned char>& input,
                    std::vector<unsigned char>& out) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return Inflate::corrupt;
  Inflate result = Inflate::truncated;
  bool first = true, input_ended = false;
  while (true) {
    if (zs.avail_in == 0 && !input_ended) {
      in.read(reinterpret_cast<char*>(input.data()), static_cast<std::streamsize>(input.size()));
      const auto got = static_cast<uInt>(in.gcount());
      input_ended = got < input.size();
      zs.next_in = input.data();
      zs.avail_in = got;
    }
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&zs, Z_NO_FLUSH);
    std::size_t produced = out.size() - zs.avail_out;
    if (first && produced > 0) {
      header.assign(reinterpret_cast<const char*>(out.data()), std::min<std::size_t>(produced, 32));
      first = false;
    }
    if (rc == Z_STREAM_END) {
      result = Inflate::complete;
      break;
    }
    if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR || rc == Z_STREAM_ERROR) {
      result = Inflate::corrupt;
      break;
    }
    // No progress possible: the input ended before the stream did (output still pending in
    // zlib is let out first).
    if (zs.avail_in == 0 && input_ended && produced == 0) {
      result = Inflate::truncated;
      break;
    }
  }
  inflateEnd(&zs);
  return result;
}

}  // namespace

LooseObjectCheck check_loose_objects(git_repository* repo) {
  LooseObjectCheck result;
  namespace fs = std::filesystem;
  fs::path objects = fs::path(git_repository_commondir(repo)) / "objects";
  std::error_code ec;
  std::vector<unsigned char> input(1 << 16), out(1 << 16);
  for (const auto& dir : fs::directory_iterator(objects, ec)) {
    std::string d = dir.path().filename().string();
    if (d.size() != 2 || !std::isxdigit(static_cast<unsigned char>(d[0])) || !std::isxdigit(static_cast<unsigned char>(d[1]))) continue;
    std::error_code ec2;
    for (const auto& f : fs::directory_iterator(dir.path(), ec2)) {
      std::string name = f.path().filename().string();
      if (name.size() != 38) continue;
      std::ifstream in(f.path(), std::ios::binary);
      if (!in) {
        // An object that cannot be opened is not a truncated one: say why it cannot be read.
        const int why = errno;
        if (result.fatal.empty())
          result.fatal = why == EMFILE || why == ENFILE
                             ? "the repository's object store cannot be read: " + too_many_open_files_message()
                             : "the repository's object store cannot be read: " + f.path().string() + ": " + std::strerror(why) +
                                   "; check its permissions, then run git fsck in the repository";
        continue;
      }
      ++result.checked;
      std::string header;
      if (inflate_all(in, header, input, out) != Inflate::truncated) continue;
      std::string id = d + name;
      if (header.rfind("blob ", 0) == 0) {
        result.truncated_blobs.insert(id);
      } else if (result.fatal.empty()) {
        result.fatal = "object " + id + " (" + f.path().string() +
                       ") is truncated; libgit2 cannot read it safely: repair the repository (git fsck) or audit a fresh clone";
      }
    }
  }
  return result;
}

}  // namespace pacte
