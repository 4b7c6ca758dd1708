#include "checks/base/packed_blob.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <vector>

namespace pacte {

namespace {

constexpr std::size_t kHashSize = 20;                     // SHA-1 only
constexpr std::size_t kReadPiece = 64 * 1024;             // compressed input read at a time
constexpr std::size_t kDefaultChunk = 1024 * 1024;        // output piece when the caller gives 0
constexpr std::uint64_t kFanoutEnd = 8 + 256 * 4;         // index v2: magic, version, fanout table
constexpr std::uint64_t kEntryBytes = kHashSize + 4 + 4;  // index v2: id, CRC32, offset per object
constexpr std::uint64_t kPackHeader = 12;                 // "PACK", version, object count

// A file opened read-only, closed on every path out. O_NONBLOCK so that a FIFO planted under a
// pack name cannot block the open (it has no effect on regular files).
class File {
 public:
  explicit File(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  bool ok() const { return fd_ >= 0; }

  // The size of a regular file; anything else (a folder, a device, a FIFO) is refused, as its
  // size says nothing about what can be read from it.
  bool regular_size(std::uint64_t& size, std::string& why) const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
      why = std::strerror(errno);
      return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < 0) {
      why = "it is not a regular file";
      return false;
    }
    size = static_cast<std::uint64_t>(st.st_size);
    return true;
  }

  // Reads exactly `n` bytes at `offset`. On failure `why` says what happened: a read error, or a
  // file shorter than its sizes said (it changed under us).
  bool read_at(void* buf, std::size_t n, std::uint64_t offset, std::string& why) const {
    auto* p = static_cast<unsigned char*>(buf);
    while (n > 0) {
      if (offset > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max())) {
        why = "offset " + std::to_string(offset) + " is beyond what this system can read";
        return false;
      }
      const ssize_t got = ::pread(fd_, p, n, static_cast<off_t>(offset));
      if (got < 0) {
        if (errno == EINTR) continue;
        why = "cannot be read at offset " + std::to_string(offset) + ": " + std::strerror(errno);
        return false;
      }
      if (got == 0) {
        why = "it ends at offset " + std::to_string(offset) + ", earlier than its size said";
        return false;
      }
      p += got;
      n -= static_cast<std::size_t>(got);
      offset += static_cast<std::uint64_t>(got);
    }
    return true;
  }

 private:
  int fd_;
};

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

std::uint64_t be64(const unsigned char* p) { return (std::uint64_t{be32(p)} << 32) | be32(p + 4); }

// The 20 raw bytes of a 40-digit lower-case hex id; false for anything else.
bool parse_oid(std::string_view hex, unsigned char* out) {
  if (hex.size() != 2 * kHashSize) return false;
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < kHashSize; ++i) {
    const int hi = digit(hex[2 * i]);
    const int lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return true;
}

// Where an index puts an object, and what the pack must look like for the index to be its own.
struct IndexEntry {
  std::uint64_t offset = 0;
  std::uint32_t crc = 0;
  std::uint32_t objects = 0;
  unsigned char pack_checksum[kHashSize] = {};
};

enum class Lookup { found, absent, damaged };

// Looks `oid` up in the index at `path` with a handful of small reads (the fanout table, then a
// binary search over the ids): an index can be megabytes, and this runs once per large file.
Lookup find_in_index(const std::string& path, const unsigned char* oid, std::string_view oid_hex, IndexEntry& entry,
                     std::string& error) {
  File idx(path);
  if (!idx.ok()) {
    // Removed between listing and opening, as a concurrent `git gc` does: its objects are in
    // another pack by now.
    if (errno == ENOENT) return Lookup::absent;
    error = "pack index " + path + " cannot be opened: " + std::strerror(errno);
    return Lookup::damaged;
  }
  auto damaged = [&](const std::string& why) {
    error = "pack index " + path + " is damaged: " + why;
    return Lookup::damaged;
  };
  std::uint64_t size = 0;
  std::string why;
  if (!idx.regular_size(size, why)) return damaged(why);
  if (size < 8) return damaged("it is only " + std::to_string(size) + " bytes long");
  unsigned char head[kFanoutEnd];
  if (!idx.read_at(head, 8, 0, why)) return damaged(why);
  // A version-1 index has no magic, and a later version is not one this reader knows: either way
  // the object is left to libgit2, which reads (or rejects) such an index itself.
  if (std::memcmp(head, "\377tOc", 4) != 0 || be32(head + 4) != 2) return Lookup::absent;
  if (size < kFanoutEnd + 2 * kHashSize)
    return damaged("it is only " + std::to_string(size) + " bytes long, too short for its fanout table");
  if (!idx.read_at(head + 8, kFanoutEnd - 8, 8, why)) return damaged(why);

  std::uint32_t fanout[256];
  for (std::size_t i = 0; i < 256; ++i) {
    fanout[i] = be32(head + 8 + 4 * i);
    // Each count includes the previous ones; a decreasing table would send the search outside
    // the ids.
    if (i > 0 && fanout[i] < fanout[i - 1]) return damaged("its fanout table decreases at entry " + std::to_string(i));
  }
  const std::uint64_t n = fanout[255];
  const std::uint64_t min_size = kFanoutEnd + n * kEntryBytes + 2 * kHashSize;
  if (size < min_size)
    return damaged("it lists " + std::to_string(n) + " objects but is only " + std::to_string(size) + " bytes long");

  // The ids starting with the same byte as `oid` are the sorted run [fanout[b-1], fanout[b]).
  std::uint64_t lo = oid[0] == 0 ? 0 : fanout[oid[0] - 1];
  std::uint64_t hi = fanout[oid[0]];
  bool found = false;
  while (lo < hi) {  // halves every pass: at most 32 reads
    const std::uint64_t mid = lo + (hi - lo) / 2;
    unsigned char id[kHashSize];
    if (!idx.read_at(id, kHashSize, kFanoutEnd + mid * kHashSize, why)) return damaged(why);
    const int cmp = std::memcmp(oid, id, kHashSize);
    if (cmp == 0) {
      lo = mid;
      found = true;
      break;
    }
    if (cmp < 0) hi = mid;
    else lo = mid + 1;
  }
  if (!found) return Lookup::absent;

  unsigned char field[8];
  if (!idx.read_at(field, 4, kFanoutEnd + n * kHashSize + lo * 4, why)) return damaged(why);
  entry.crc = be32(field);
  if (!idx.read_at(field, 4, kFanoutEnd + n * (kHashSize + 4) + lo * 4, why)) return damaged(why);
  const std::uint32_t offset = be32(field);
  if (offset & 0x80000000u) {
    // An offset past 2 GiB: the low 31 bits index the table of 8-byte offsets between the
    // offsets and the two trailing checksums.
    const std::uint64_t table = kFanoutEnd + n * kEntryBytes;
    const std::uint64_t entries = (size - 2 * kHashSize - table) / 8;
    const std::uint64_t large = offset & 0x7fffffffu;
    if (large >= entries)
      return damaged("object " + std::string(oid_hex) + " has large offset " + std::to_string(large) +
                     ", but the table holds " + std::to_string(entries));
    if (!idx.read_at(field, 8, table + large * 8, why)) return damaged(why);
    entry.offset = be64(field);
  } else {
    entry.offset = offset;
  }
  if (!idx.read_at(entry.pack_checksum, kHashSize, size - 2 * kHashSize, why)) return damaged(why);
  entry.objects = static_cast<std::uint32_t>(n);
  return Lookup::found;
}

const char* type_name(int type) {
  switch (type) {
    case 1: return "commit";
    case 2: return "tree";
    case 4: return "tag";
    default: return nullptr;
  }
}

// ------------------------------------------------------------------ deltas
//
// A blob stored as a delta is rebuilt from its base, itself whole or a delta (a chain, 50 deep
// in a clone from GitHub). git rebuilds it in memory; here each base of the chain is rebuilt
// into a temporary file, unlinked as soon as made, and the delta's copy instructions read it
// back with pread: memory stays a few buffers whatever the blob's size, and the disk holds at
// most two versions at a time.

constexpr int kMaxDeltaDepth = 4095;  // git's own limit on pack.depth

/// Where bytes go: the caller's sink, or a temporary file.
using Out = std::function<bool(const unsigned char*, std::size_t)>;

/// A temporary file in $TMPDIR (or /tmp), created on the first write and unlinked at once: it
/// is gone when closed, whatever happens.
class TempFile {
 public:
  TempFile() = default;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool write(const unsigned char* data, std::size_t n, std::string& why) {
    if (fd_ < 0 && !open(why)) return false;
    while (n > 0) {
      const ssize_t put = ::write(fd_, data, n);
      if (put < 0) {
        if (errno == EINTR) continue;
        why = "cannot write a temporary file to rebuild it (" + std::string(std::strerror(errno)) + ")";
        return false;
      }
      data += put;
      n -= static_cast<std::size_t>(put);
      size_ += static_cast<std::uint64_t>(put);
    }
    return true;
  }
  bool read_at(unsigned char* buf, std::size_t n, std::uint64_t offset, std::string& why) const {
    while (n > 0) {
      const ssize_t got = ::pread(fd_, buf, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        why = "cannot read back a temporary file";
        return false;
      }
      buf += got;
      n -= static_cast<std::size_t>(got);
      offset += static_cast<std::uint64_t>(got);
    }
    return true;
  }
  std::uint64_t size() const { return size_; }

 private:
  bool open(std::string& why) {
    const char* dir = std::getenv("TMPDIR");
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/pacte-delta-XXXXXX";
    fd_ = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd_ < 0) {
      why = "cannot create a temporary file to rebuild it in " + path.substr(0, path.rfind('/')) + " (" +
            std::strerror(errno) + ")";
      return false;
    }
    ::unlink(path.c_str());
    return true;
  }
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

/// The header of the object at `offset` of a pack: its type and size, where its zlib data
/// starts, and for a delta where its base is.
struct ObjectHeader {
  int type = 0;
  std::uint64_t size = 0;
  std::uint64_t data = 0;                 // first byte of the zlib stream
  std::uint64_t base_offset = 0;          // OFS_DELTA
  unsigned char base_id[kHashSize] = {};  // REF_DELTA
  unsigned char raw[64] = {};             // the header's bytes, for the CRC32
  std::size_t raw_size = 0;
};

bool read_object_header(const File& pack, std::uint64_t offset, std::uint64_t end, ObjectHeader& h, std::string& why) {
  if (offset < kPackHeader || offset >= end) {
    why = "an object offset (" + std::to_string(offset) + ") lies outside the pack";
    return false;
  }
  const std::size_t avail = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof h.raw, end - offset));
  if (!pack.read_at(h.raw, avail, offset, why)) return false;
  std::size_t used = 0;
  unsigned char c = h.raw[used++];
  h.type = (c >> 4) & 7;
  h.size = c & 15;
  unsigned shift = 4;
  while (c & 0x80) {
    if (used >= avail || shift > 57) {
      why = "the header of the object at offset " + std::to_string(offset) + " is malformed";
      return false;
    }
    c = h.raw[used++];
    h.size |= std::uint64_t{c & 0x7fu} << shift;
    shift += 7;
  }
  if (h.type == 6) {  // the base's distance back, in git's own variable-length form
    if (used >= avail) {
      why = "the delta at offset " + std::to_string(offset) + " is cut short";
      return false;
    }
    c = h.raw[used++];
    std::uint64_t back = c & 127;
    while (c & 128) {
      if (used >= avail || back >= (std::uint64_t{1} << 56)) {
        why = "the base offset of the delta at offset " + std::to_string(offset) + " is malformed";
        return false;
      }
      c = h.raw[used++];
      back = ((back + 1) << 7) + (c & 127);
    }
    if (back == 0 || back >= offset) {
      why = "the delta at offset " + std::to_string(offset) + " names a base outside the pack";
      return false;
    }
    h.base_offset = offset - back;
  } else if (h.type == 7) {
    if (used + kHashSize > avail) {
      why = "the delta at offset " + std::to_string(offset) + " is cut short";
      return false;
    }
    std::memcpy(h.base_id, h.raw + used, kHashSize);
    used += kHashSize;
  }
  h.raw_size = used;
  h.data = offset + used;
  return true;
}

/// The zlib stream of one pack object, inflated on demand, with the CRC32 of the raw bytes it
/// consumed (header included).
class PackInflater {
 public:
  PackInflater(const File& pack, std::uint64_t pos, std::uint64_t end)
      : pack_(pack), pos_(pos), end_(end), in_(kReadPiece) {}
  ~PackInflater() {
    if (started_) inflateEnd(&zs_);
  }
  PackInflater(const PackInflater&) = delete;
  PackInflater& operator=(const PackInflater&) = delete;

  bool start(const unsigned char* header, std::size_t header_size, std::string& why) {
    if (inflateInit(&zs_) != Z_OK) {
      why = "zlib cannot start";
      return false;
    }
    started_ = true;
    crc_ = crc32(crc32(0L, Z_NULL, 0), header, static_cast<uInt>(header_size));
    return true;
  }
  /// Up to `n` bytes into `out`; fewer only at the stream's end. -1 on damage (`why` set).
  long long read(unsigned char* out, std::size_t n, std::string& why) {
    std::size_t got = 0;
    while (got < n && !ended_) {
      if (zs_.avail_in == 0 && pos_ < end_) {
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(kReadPiece, end_ - pos_));
        if (!pack_.read_at(in_.data(), take, pos_, why)) return -1;
        pos_ += take;
        zs_.next_in = in_.data();
        zs_.avail_in = static_cast<uInt>(take);
      }
      const unsigned char* in_before = zs_.next_in;
      const uInt avail_in_before = zs_.avail_in;
      zs_.next_out = out + got;
      zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(n - got, UINT_MAX));
      const uInt avail_out_before = zs_.avail_out;
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      const uInt consumed = avail_in_before - zs_.avail_in;
      const uInt produced = avail_out_before - zs_.avail_out;
      crc_ = crc32(crc_, in_before, consumed);
      got += produced;
      if (rc == Z_STREAM_END) {
        ended_ = true;
        break;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        why = std::string("its compressed data is invalid (zlib: ") + (zs_.msg ? zs_.msg : "error") + ")";
        return -1;
      }
      if (consumed == 0 && produced == 0) {
        why = zs_.avail_in == 0 && pos_ >= end_ ? "its compressed data is truncated" : "inflating it makes no progress";
        return -1;
      }
    }
    return static_cast<long long>(got);
  }
  bool ended() const { return ended_; }
  uLong crc() const { return crc_; }

 private:
  const File& pack_;
  std::uint64_t pos_, end_;
  std::vector<unsigned char> in_;
  z_stream zs_{};
  bool started_ = false, ended_ = false;
  uLong crc_ = 0;
};

/// The bytes of a delta's instruction stream, read one or a few at a time.
class DeltaReader {
 public:
  explicit DeltaReader(PackInflater& z) : z_(z), buf_(kReadPiece) {}
  /// The next byte; false at the end of the stream.
  bool next(unsigned char& c, std::string& why) {
    if (at_ == held_ && !fill(why)) return false;
    c = buf_[at_++];
    return true;
  }
  /// git's size varint (7 bits a byte, least significant first).
  bool size(std::uint64_t& out, std::string& why) {
    out = 0;
    unsigned shift = 0;
    unsigned char c = 0x80;
    while (c & 0x80) {
      if (shift > 63 || !next(c, why)) {
        if (why.empty()) why = "its delta header is cut short";
        return false;
      }
      out |= std::uint64_t{c & 0x7fu} << shift;
      shift += 7;
    }
    return true;
  }
  /// Hands the next `n` bytes to `out` as they come.
  bool copy(std::size_t n, const Out& out, std::string& why) {
    while (n > 0) {
      if (at_ == held_ && !fill(why)) {
        if (why.empty()) why = "an insert runs past the end of its delta";
        return false;
      }
      const std::size_t take = std::min(n, held_ - at_);
      if (!out(buf_.data() + at_, take)) return false;
      at_ += take;
      n -= take;
    }
    return true;
  }

 private:
  bool fill(std::string& why) {
    const long long got = z_.read(buf_.data(), buf_.size(), why);
    if (got <= 0) return false;
    at_ = 0;
    held_ = static_cast<std::size_t>(got);
    return true;
  }
  PackInflater& z_;
  std::vector<unsigned char> buf_;
  std::size_t at_ = 0, held_ = 0;
};

/// Inflates the rest of `z`, exactly `size` bytes, to `out`. False on damage (`why` set) or when
/// `out` refuses.
bool inflate_exactly(PackInflater& z, std::uint64_t size, const Out& out, std::string& why) {
  std::vector<unsigned char> piece(
      static_cast<std::size_t>(std::min<std::uint64_t>(kReadPiece, std::max<std::uint64_t>(size, 1))));
  std::uint64_t total = 0;
  while (!z.ended()) {
    const long long got = z.read(piece.data(), piece.size(), why);
    if (got < 0) return false;
    total += static_cast<std::uint64_t>(got);
    if (total > size) {
      why = "it inflates to more than its " + std::to_string(size) + " bytes";
      return false;
    }
    if (got > 0 && !out(piece.data(), static_cast<std::size_t>(got))) return false;
  }
  if (total != size) {
    why = "it inflates to " + std::to_string(total) + " bytes, not " + std::to_string(size);
    return false;
  }
  return true;
}

/// Hands bytes on to the caller's sink in pieces of `cap` bytes, the last one shorter.
class Pieces {
 public:
  Pieces(const std::function<bool(std::string_view)>& sink, std::size_t cap) : sink_(sink), cap_(cap) {
    buffer_.reserve(cap);
  }
  /// False once the sink asked to stop.
  bool add(const unsigned char* p, std::size_t n) {
    while (n > 0) {
      const std::size_t take = std::min(n, cap_ - buffer_.size());
      buffer_.append(reinterpret_cast<const char*>(p), take);
      p += take;
      n -= take;
      if (buffer_.size() == cap_ && !hand_on()) return false;
    }
    return true;
  }
  /// Hands on what is left; false when the sink asked to stop.
  bool finish() { return buffer_.empty() || hand_on(); }
  bool stopped() const { return stopped_; }

 private:
  bool hand_on() {
    stopped_ = !sink_(buffer_);
    buffer_.clear();
    return !stopped_;
  }
  const std::function<bool(std::string_view)>& sink_;
  std::size_t cap_;
  std::string buffer_;
  bool stopped_ = false;
};

/// What a delta chain is rebuilt from: the pack, its index (for a base named by id), and where
/// to say what went wrong.
struct ChainContext {
  const File& pack;
  const std::string& idx_path;
  std::uint64_t end;
  const std::function<void()>& tick;
  std::uint64_t since_tick = 0;  // bytes written to temporary files since `tick` was last called
  std::string why;
};

/// Writes the content of the object at `offset` to `out`: inflated if whole, rebuilt if a
/// delta. `crc`, when given, must match the CRC32 of the object's raw bytes. The object must
/// in the end be a blob.
bool emit_object(ChainContext& ctx, std::uint64_t offset, int depth, const std::uint32_t* crc, std::uint64_t& size_out,
                 const Out& out) {
  if (depth > kMaxDeltaDepth) {
    ctx.why = "a delta chain is deeper than " + std::to_string(kMaxDeltaDepth);
    return false;
  }
  ObjectHeader h;
  if (!read_object_header(ctx.pack, offset, ctx.end, h, ctx.why)) return false;
  PackInflater z(ctx.pack, h.data, ctx.end);
  if (!z.start(h.raw, h.raw_size, ctx.why)) return false;
  std::uint64_t total = 0;
  if (h.type == 3) {
    if (!inflate_exactly(z, h.size, out, ctx.why)) return false;
    total = h.size;
  } else if (h.type == 6 || h.type == 7) {
    // The base, rebuilt into a temporary file first.
    std::uint64_t base_at = h.base_offset;
    std::uint32_t base_crc = 0;
    const std::uint32_t* base_crc_ptr = nullptr;
    if (h.type == 7) {
      IndexEntry base;
      char hex[2 * kHashSize + 1];
      for (std::size_t i = 0; i < kHashSize; ++i) std::snprintf(hex + 2 * i, 3, "%02x", h.base_id[i]);
      if (find_in_index(ctx.idx_path, h.base_id, hex, base, ctx.why) != Lookup::found) {
        if (ctx.why.empty()) ctx.why = "the base " + std::string(hex) + " of a delta is not in its pack";
        return false;
      }
      base_at = base.offset;
      base_crc = base.crc;
      base_crc_ptr = &base_crc;
    }
    TempFile base_file;
    std::uint64_t base_size = 0;
    const Out to_base = [&](const unsigned char* p, std::size_t n) {
      if (ctx.tick && (ctx.since_tick += n) >= (1u << 20)) {
        ctx.since_tick = 0;
        ctx.tick();
      }
      return base_file.write(p, n, ctx.why);
    };
    if (!emit_object(ctx, base_at, depth + 1, base_crc_ptr, base_size, to_base)) return false;
    DeltaReader d(z);
    std::uint64_t said_base = 0, result = 0;
    if (!d.size(said_base, ctx.why) || !d.size(result, ctx.why)) return false;
    if (said_base != base_size) {
      ctx.why = "a delta expects a base of " + std::to_string(said_base) + " bytes, its base has " +
                std::to_string(base_size);
      return false;
    }
    std::vector<unsigned char> copied(kReadPiece);
    const Out counted = [&](const unsigned char* p, std::size_t n) {
      total += n;
      if (total > result) {
        ctx.why = "a delta builds more than the " + std::to_string(result) + " bytes it announces";
        return false;
      }
      return out(p, n);
    };
    unsigned char cmd = 0;
    while (d.next(cmd, ctx.why)) {
      if (cmd & 0x80) {  // copy from the base: offset and size bytes as the low bits say
        std::uint64_t from = 0, count = 0;
        unsigned char b = 0;
        auto operand = [&](std::uint64_t& into, int byte) {
          if (!d.next(b, ctx.why)) {
            if (ctx.why.empty()) ctx.why = "a copy instruction is cut short";
            return false;
          }
          into |= std::uint64_t{b} << (8 * byte);
          return true;
        };
        for (int i = 0; i < 4; ++i)
          if ((cmd & (1 << i)) && !operand(from, i)) return false;
        for (int i = 0; i < 3; ++i)
          if ((cmd & (0x10 << i)) && !operand(count, i)) return false;
        if (count == 0) count = 0x10000;
        if (from + count > base_size) {
          ctx.why = "a delta copies past the end of its base";
          return false;
        }
        while (count > 0) {
          const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(count, copied.size()));
          if (!base_file.read_at(copied.data(), take, from, ctx.why) || !counted(copied.data(), take)) return false;
          from += take;
          count -= take;
        }
      } else if (cmd != 0) {  // insert the next `cmd` bytes of the delta
        if (!d.copy(cmd, counted, ctx.why)) return false;
      } else {
        ctx.why = "a delta holds the reserved instruction 0";
        return false;
      }
    }
    if (!ctx.why.empty()) return false;
    if (total != result) {
      ctx.why =
          "a delta builds " + std::to_string(total) + " bytes, not the " + std::to_string(result) + " it announces";
      return false;
    }
  } else {
    const char* name = type_name(h.type);
    ctx.why = "the object at offset " + std::to_string(offset) + " is " +
              (name ? std::string("a ") + name : "of an invalid type") + ", not a blob";
    return false;
  }
  if (crc && z.crc() != *crc) {
    ctx.why = "the object at offset " + std::to_string(offset) + " does not match the CRC32 its index records";
    return false;
  }
  size_out = total;
  return true;
}

// Streams the object `entry` points at in the pack at `path`, checking it is a whole blob of
// `size` bytes whose raw bytes match the index's CRC32.
PackedRead stream_from_pack(const std::string& path, std::string_view oid_hex, const IndexEntry& entry,
                            std::uint64_t size, std::size_t chunk, const std::function<bool(std::string_view)>& sink,
                            std::string& error, const std::function<void()>& tick) {
  const std::string object = "object " + std::string(oid_hex);
  auto damaged = [&](const std::string& why) {
    error = "pack " + path + " is damaged: " + why;
    return PackedRead::damaged;
  };
  File pack(path);
  if (!pack.ok()) {
    // Its index holds the object, so a pack that cannot be opened (even a missing one) is a
    // damaged repository, not an object to look for elsewhere.
    error = "pack " + path + " cannot be opened: " + std::strerror(errno);
    return PackedRead::damaged;
  }
  std::uint64_t pack_size = 0;
  std::string why;
  if (!pack.regular_size(pack_size, why)) return damaged(why);
  if (pack_size < kPackHeader + kHashSize) return damaged("it is only " + std::to_string(pack_size) + " bytes long");

  unsigned char head[kHashSize];
  if (!pack.read_at(head, kPackHeader, 0, why)) return damaged(why);
  if (std::memcmp(head, "PACK", 4) != 0) return damaged("it does not start with PACK");
  const std::uint32_t version = be32(head + 4);
  if (version != 2 && version != 3) return damaged("its version is " + std::to_string(version) + ", not 2 or 3");
  if (be32(head + 8) != entry.objects)
    return damaged("it holds " + std::to_string(be32(head + 8)) + " objects, its index " +
                   std::to_string(entry.objects));
  // The index records the checksum of the pack it was made for: a mismatch means the offsets
  // are another pack's.
  if (!pack.read_at(head, kHashSize, pack_size - kHashSize, why)) return damaged(why);
  if (std::memcmp(head, entry.pack_checksum, kHashSize) != 0) return damaged("its index was made for another pack");

  // An object's compressed data ends before the trailing checksum.
  const std::uint64_t end = pack_size - kHashSize;
  if (entry.offset < kPackHeader || entry.offset >= end)
    return damaged("its index puts " + object + " at offset " + std::to_string(entry.offset) + ", outside the pack");

  ObjectHeader h;
  if (!read_object_header(pack, entry.offset, end, h, why)) return damaged(why);
  if (h.type != 3 && h.type != 6 && h.type != 7) {
    if (const char* name = type_name(h.type)) {
      error = object + " in pack " + path + " is a " + name + ", not a blob";
      return PackedRead::damaged;
    }
    return damaged(object + " has the invalid type " + std::to_string(h.type));
  }
  if (h.type == 3 && h.size != size)
    return damaged(object + " is " + std::to_string(h.size) + " bytes, not the " + std::to_string(size) + " expected");

  // Whole, or a delta rebuilt from its chain of bases (emit_object checks sizes and the index's
  // CRC32 as it goes), handed on in pieces of at most `chunk` bytes. Memory depends on `chunk`
  // and the input piece only; a small blob needs no bigger buffer than itself.
  const std::string idx_path = path.substr(0, path.size() - 5) + ".idx";
  ChainContext ctx{pack, idx_path, end, tick, 0, {}};
  Pieces pieces(sink, size == 0 ? 1 : static_cast<std::size_t>(std::min<std::uint64_t>(chunk, size)));
  std::uint64_t built = 0;
  if (!emit_object(ctx, entry.offset, 0, &entry.crc, built,
                   [&](const unsigned char* p, std::size_t n) { return pieces.add(p, n); })) {
    if (pieces.stopped()) return PackedRead::stopped;
    return damaged(object + (h.type == 3 ? ": " : " cannot be rebuilt from its delta: ") + ctx.why);
  }
  if (built != size)
    return damaged(object + " is rebuilt as " + std::to_string(built) + " bytes, not the " + std::to_string(size) +
                   " expected");
  if (!pieces.finish()) return PackedRead::stopped;
  return PackedRead::streamed;
}

}  // namespace

PackedRead stream_loose_blob(const std::string& objects_dir, std::string_view oid_hex, std::uint64_t size,
                             std::size_t chunk, const std::function<bool(std::string_view)>& sink, std::string& error) {
  error.clear();
  unsigned char oid[kHashSize];
  if (!parse_oid(oid_hex, oid)) return PackedRead::not_found;
  if (chunk == 0) chunk = kDefaultChunk;
  const std::string path = objects_dir + "/" + std::string(oid_hex.substr(0, 2)) + "/" + std::string(oid_hex.substr(2));
  const std::string object = "object " + std::string(oid_hex);
  File file(path);
  if (!file.ok()) {
    if (errno == ENOENT || errno == ENOTDIR) return PackedRead::not_found;
    error = path + ": cannot be opened: " + std::strerror(errno);
    return PackedRead::damaged;
  }
  auto damaged = [&](const std::string& why) {
    error = path + ": " + why + " (corrupt repository: git fsck)";
    return PackedRead::damaged;
  };
  std::uint64_t file_size = 0;
  std::string why;
  if (!file.regular_size(file_size, why)) return damaged(why);

  // The inflated object is "blob <size>\0" then the content. The header (at most 32 bytes) is
  // read a byte at a time, so that no content byte is taken for it.
  PackInflater z(file, 0, file_size);
  if (!z.start(nullptr, 0, why)) return damaged(why);
  std::string header;
  for (unsigned char c = 1; c != 0;) {
    const long long got = z.read(&c, 1, why);
    if (got < 0) return damaged(why);
    if (got == 0 || (c != 0 && header.size() >= 32)) return damaged("its header is malformed");
    if (c != 0) header += static_cast<char>(c);
  }
  if (header != "blob " + std::to_string(size))
    return damaged("its header is \"" + header + "\", not a blob of " + std::to_string(size) + " bytes");
  Pieces pieces(sink, size == 0 ? 1 : static_cast<std::size_t>(std::min<std::uint64_t>(chunk, size)));
  if (!inflate_exactly(
          z, size, [&](const unsigned char* p, std::size_t n) { return pieces.add(p, n); }, why))
    return pieces.stopped() ? PackedRead::stopped : damaged(object + ": " + why);
  if (!pieces.finish()) return PackedRead::stopped;
  return PackedRead::streamed;
}

PackedRead stream_packed_blob(const std::string& objects_dir, std::string_view oid_hex, std::uint64_t size,
                              std::size_t chunk, const std::function<bool(std::string_view)>& sink, std::string& error,
                              const std::function<void()>& tick) {
  namespace fs = std::filesystem;
  error.clear();
  unsigned char oid[kHashSize];
  if (!parse_oid(oid_hex, oid)) return PackedRead::not_found;
  if (chunk == 0) chunk = kDefaultChunk;

  // Sorted, so that which copy is read (an object can be in two packs) does not depend on the
  // order the file system lists them in.
  const fs::path folder = fs::path(objects_dir) / "pack";
  std::vector<std::string> indexes;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), last; !ec && it != last; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 9 && name.compare(0, 5, "pack-") == 0 && name.compare(name.size() - 4, 4, ".idx") == 0)
      indexes.push_back(name);
  }
  std::sort(indexes.begin(), indexes.end());

  // A damaged index may belong to a pack that does not hold the object: it is only the answer
  // when no pack has the object.
  std::string index_error;
  for (const std::string& name : indexes) {
    IndexEntry entry;
    std::string why;
    const Lookup lookup = find_in_index((folder / name).string(), oid, oid_hex, entry, why);
    if (lookup == Lookup::absent) continue;
    if (lookup == Lookup::damaged) {
      if (index_error.empty()) index_error = why;
      continue;
    }
    const std::string pack = (folder / name.substr(0, name.size() - 4)).string() + ".pack";
    return stream_from_pack(pack, oid_hex, entry, size, chunk, sink, error, tick);
  }
  if (!index_error.empty()) {
    error = index_error;
    return PackedRead::damaged;
  }
  return PackedRead::not_found;
}

}  // namespace pacte
