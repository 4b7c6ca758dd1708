// Streaming a blob out of the object store. libgit2 1.5.1 (Debian 12) can stream only loose
// objects (git_odb_open_rstream, which maps the whole compressed file first); a packed blob is
// always inflated whole into memory. A blob git stored whole is one zlib stream at an offset the
// pack index gives, so pacte inflates it piece by piece itself; a blob stored as a delta is
// rebuilt from its chain of bases, each base rebuilt into a temporary file (unlinked at once) that
// the delta's copy instructions read back. Either way a file of hundreds of MiB is scanned
// without being held: memory is a few buffers, the disk holds at most two versions at a time.
// The pack and its index are read as untrusted input: every length is checked against the file
// sizes and every loop is bounded, so a damaged repository gives `damaged`, never a crash or a
// hang.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace pacte {

/// How a packed-blob read ended.
enum class PackedRead {
  streamed,   // every byte handed to the sink, size and CRC checked
  not_found,  // in no pack of this object folder (a loose object, an alternate, or a v1 index): read it another way
  damaged,    // the pack or its index is damaged: `error` says where; what the sink was given must be dropped
  stopped,    // the sink returned false
};

/// Streams blob `oid_hex` (40 lower-case hex digits), stored whole or as a delta, from one of the packs of
/// `objects_dir` (a repository's `objects` folder: looks at `objects_dir/pack/pack-*.idx`),
/// handing its bytes to `sink` in pieces of at most `chunk` bytes. `size` is the blob's size as
/// the caller knows it (from the tree / odb header); a pack that disagrees is `damaged`.
/// `tick`, when given, is called about every MiB rebuilt into a temporary file (a delta's base,
/// which the sink does not see): for a time limit, and it may throw.
PackedRead stream_packed_blob(const std::string& objects_dir, std::string_view oid_hex, std::uint64_t size,
                              std::size_t chunk, const std::function<bool(std::string_view)>& sink, std::string& error,
                              const std::function<void()>& tick = {});

/// The same for a loose object (`objects_dir/xx/yyyy…`). `not_found` when there is no such file.
PackedRead stream_loose_blob(const std::string& objects_dir, std::string_view oid_hex, std::uint64_t size,
                             std::size_t chunk, const std::function<bool(std::string_view)>& sink, std::string& error);

}  // namespace pacte
