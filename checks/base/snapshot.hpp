// The files of the audited snapshot: one interface whether they come from a commit's tree
// (read from the object database, no checkout), from a folder on disk, or from memory (tests).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <set>
#include <unordered_set>
#include <vector>

#include "checks/base/deadline.hpp"

struct git_repository;

namespace pacte {

class BlobCache;

enum class EntryKind { file, symlink, submodule };

/// One entry of the snapshot. `path` is repository-relative with '/' separators; it holds the
/// raw bytes of the name (which may be invalid UTF-8: convert with to_valid_utf8 for output).
struct FileEntry {
  std::string path;
  std::uint64_t size = 0;
  EntryKind kind = EntryKind::file;
  bool executable = false;
  std::string link_target;  // for symlinks: where the link points (never followed)
  std::string object_id;    // hex blob id in git mode, empty on disk
};

/// A file that could not be read, and why (missing object, over the size cap, I/O error).
struct Unreadable {
  std::string path;
  std::string reason;
  bool over_size_limit = false;  // skipped by choice (--max-file-size), not missing or corrupt
};

/// The files of one snapshot. Entries are sorted by path. Symlinks and submodules are listed
/// but never read through. Reads are cached for the duration of an audit only when asked.
class Snapshot {
 public:
  virtual ~Snapshot() = default;

  /// Every entry, sorted by path.
  const std::vector<FileEntry>& files() const { return files_; }

  /// The entry at exactly `path`, or nullptr.
  const FileEntry* find(std::string_view path) const;

  /// Reads a regular file. Returns nullopt for symlinks, submodules, files over the size
  /// cap and files that cannot be read; the last two are recorded in `unreadable()`.
  std::optional<std::string> read(const FileEntry& entry) const;
  std::optional<std::string> read(std::string_view path) const;

  /// Files that could not be read, in the order they were met, each once.
  const std::vector<Unreadable>& unreadable() const { return unreadable_; }

  /// Bytes of distinct files successfully read so far, and the number of those files.
  std::uint64_t bytes_read() const { return bytes_read_; }
  std::uint64_t files_read() const { return files_read_; }

  /// Files larger than this are not read (reported as unreadable). Default 16 MiB.
  void set_max_file_size(std::uint64_t bytes) { max_file_size_ = bytes; }
  std::uint64_t max_file_size() const { return max_file_size_; }

  /// Every read first checks this limit (throws TimeLimitExceeded once it has passed).
  void set_deadline(const Deadline& deadline) { deadline_ = deadline; }

  /// True when the snapshot comes from a git commit.
  virtual bool from_git() const = 0;

  /// The cache of content-derived evidence shared by the revisions of one trend (null for a
  /// single audit): evidence modules look a blob's results up there before reading it.
  void set_blob_cache(BlobCache* cache) { blob_cache_ = cache; }
  BlobCache* blob_cache() const { return blob_cache_; }

 protected:
  /// Loads the contents of `entry` into `out`; on failure returns false and sets `error`.
  virtual bool load(const FileEntry& entry, std::string& out, std::string& error) const = 0;
  void sort_entries();
  void mark_unreadable(const std::string& path, std::string reason, bool over_size_limit = false) const;

  std::vector<FileEntry> files_;

 private:
  mutable std::vector<Unreadable> unreadable_;
  mutable std::unordered_set<const FileEntry*> read_entries_;
  mutable std::uint64_t bytes_read_ = 0;
  mutable std::uint64_t files_read_ = 0;
  std::uint64_t max_file_size_ = 16ull << 20;
  Deadline deadline_;
  BlobCache* blob_cache_ = nullptr;
};

/// A snapshot held in memory: for tests and for fuzzing.
class MemorySnapshot : public Snapshot {
 public:
  MemorySnapshot() = default;
  /// Adds a regular file.
  MemorySnapshot& add(std::string path, std::string content, bool executable = false);
  /// Adds a symlink entry pointing at `target`.
  MemorySnapshot& add_symlink(std::string path, std::string target);
  bool from_git() const override { return false; }

 protected:
  bool load(const FileEntry& entry, std::string& out, std::string& error) const override;

 private:
  std::vector<std::pair<std::string, std::string>> contents_;
};

/// The files of a folder on disk (the `--worktree` mode). `.git` is skipped; symlinks are
/// listed with their target and never followed. When the folder is (inside) a git work tree,
/// what git ignores (.gitignore, .git/info/exclude, the global excludes) is left out, as
/// `git status` leaves it out, unless the file is tracked.
class DiskSnapshot : public Snapshot {
 public:
  /// Lists `root` recursively. Throws std::runtime_error when `root` is not a readable folder.
  explicit DiskSnapshot(std::string root);
  bool from_git() const override { return false; }
  const std::string& root() const { return root_; }

 protected:
  bool load(const FileEntry& entry, std::string& out, std::string& error) const override;

 private:
  std::string root_;
};

/// The tree of a commit, read from the object database.
class GitSnapshot : public Snapshot {
 public:
  /// Lists the tree `tree_id` (hex) of `repo`. `repo` must outlive the snapshot. Blobs whose
  /// ids are in `unsafe_blobs` (truncated loose objects) are never read.
  GitSnapshot(git_repository* repo, const std::string& tree_id, std::set<std::string> unsafe_blobs = {});
  bool from_git() const override { return true; }

 protected:
  bool load(const FileEntry& entry, std::string& out, std::string& error) const override;

 private:
  git_repository* repo_;
  std::set<std::string> unsafe_blobs_;
};

/// True when `content` is a Git LFS pointer file rather than the file itself.
bool is_lfs_pointer(std::string_view content);

}  // namespace pacte
