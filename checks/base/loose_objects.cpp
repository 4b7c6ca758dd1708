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

// Inflates `data` to nowhere, keeping the first bytes (the "type size\0" header).
Inflate inflate_all(const std::string& data, std::string& header) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return Inflate::corrupt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::vector<unsigned char> out(1 << 16);
  Inflate result = Inflate::truncated;
  bool first = true;
  while (true) {
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
    // No progress possible: the input ended before the stream did.
    if (zs.avail_in == 0 || (rc == Z_BUF_ERROR && produced == 0)) {
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
      std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      ++result.checked;
      std::string header;
      if (inflate_all(data, header) != Inflate::truncated) continue;
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
