// The files of the audited snapshot: one interface whether they come from a commit's tree
// (read from the object database, no checkout), from a folder on disk, or from memory (tests).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <set>
#include <unordered_map>
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

/// The bytes of one file as loaded, held without a copy: the string read from disk or memory,
/// or the buffer libgit2 inflated the blob into (kept while this object lives).
class FileContent {
 public:
  virtual ~FileContent() = default;
  /// The file's bytes; valid while this object lives.
  std::string_view bytes() const { return bytes_; }

 protected:
  std::string_view bytes_;
};

/// The files of one snapshot. Entries are sorted by path. Symlinks and submodules are listed
/// but never read through. Every file is loaded (inflated, for a blob) once per audit: what was
/// loaded is kept in the snapshot, up to a byte budget, and handed to every reader. Reads are
/// safe from several threads at once.
class Snapshot {
 public:
  virtual ~Snapshot() = default;

  /// Every entry, sorted by path.
  const std::vector<FileEntry>& files() const { return files_; }

  /// The entry at exactly `path`, or nullptr.
  const FileEntry* find(std::string_view path) const;

  /// Reads a regular file. Returns nullopt for symlinks, submodules, files over the size
  /// cap and files that cannot be read; the last two are recorded in `unreadable()`.
  /// The copy is the caller's; `content` reads without one.
  std::optional<std::string> read(const FileEntry& entry) const;
  std::optional<std::string> read(std::string_view path) const;

  /// The content of a regular file without a copy, or null when `read` would give nullopt.
  /// The same object is handed to every reader while the content budget holds it.
  std::shared_ptr<const FileContent> content(const FileEntry& entry) const;

  /// How a streamed read ended.
  enum class StreamEnd {
    done,        // every byte was handed to the sink
    stopped,     // the sink asked to stop (a binary file, say): what it saw was read
    unreadable,  // recorded in unreadable(): what the sink was given must be dropped
  };
  using Sink = std::function<bool(std::string_view)>;
  /// Hands the bytes of a regular file to `sink` front to back, in pieces of at most `chunk`
  /// bytes, never holding the whole file: for a check that reads, in one pass, a file over
  /// max_file_size() (which `content` refuses). Memory does not grow with the file: a file on
  /// disk is read piece by piece, a blob inflated piece by piece from its loose object or its
  /// pack, or rebuilt from its delta chain through temporary files (packed_blob.hpp). `sink`
  /// returns false to stop. Nothing of a streamed file is kept; it counts as one load.
  StreamEnd stream(const FileEntry& entry, std::size_t chunk, const Sink& sink) const;

  /// Files that could not be read, sorted by path, each once (the same whatever the number
  /// of threads that read them). Read it once no other thread reads files any more.
  const std::vector<Unreadable>& unreadable() const { return unreadable_; }
  /// How many files are in `unreadable()` so far; safe while other threads read files.
  std::size_t unreadable_count() const;

  /// Bytes of distinct files successfully read so far, and the number of those files.
  std::uint64_t bytes_read() const;
  std::uint64_t files_read() const;
  /// How many times a file's content was loaded (inflated, for a blob), failed loads left
  /// out. Equal to files_read() when every file was loaded once.
  std::uint64_t loads() const;

  /// Bytes of content kept for the other readers of the same file (default 256 MiB). A file
  /// that does not fit in what is left is handed to its reader and let go: a later reader of
  /// it loads it again. 0 keeps nothing.
  void set_content_budget(std::uint64_t bytes) { content_budget_ = bytes; }
  std::uint64_t content_budget() const { return content_budget_; }

  /// Threads the evidence modules may use to scan the files of this snapshot (1: the calling
  /// thread only, the default).
  void set_jobs(unsigned jobs) { jobs_ = jobs == 0 ? 1 : jobs; }
  unsigned jobs() const { return jobs_; }

  /// Files larger than this are not read (reported as unreadable). Default 16 MiB.
  void set_max_file_size(std::uint64_t bytes) { max_file_size_ = bytes; }
  std::uint64_t max_file_size() const { return max_file_size_; }

  /// Every read first checks this limit (throws TimeLimitExceeded once it has passed).
  void set_deadline(const Deadline& deadline) { deadline_ = deadline; }

  /// A function shown each file's content as a reader loads it (on that reader's thread, once
  /// per load, failed loads aside): a check that will read the file later derives what it needs
  /// then, and need not load it again once it has left the content budget. It must not throw
  /// or read the snapshot.
  using LoadObserver = std::function<void(const FileEntry&, const FileContent&)>;
  /// Adds an observer, while no other thread reads (files loaded before are not shown to it).
  void add_load_observer(LoadObserver observer) { observers_.push_back(std::move(observer)); }
  /// Removes every observer, once no file is read any more.
  void clear_load_observers() { observers_.clear(); }

  /// Notes, in each file loaded from now on, whether it holds `word` (lower-case ASCII, matched
  /// ignoring case; at most 8 words), for a check that only reads the files holding it: a file
  /// known not to hold it need not be loaded again. While no other thread reads.
  void note_word(std::string word);
  /// False when `entry` was loaded and does not hold `word` (a word noted before it was
  /// loaded); true otherwise.
  bool may_hold(const FileEntry& entry, std::string_view word) const;

  /// True when the snapshot comes from a git commit.
  virtual bool from_git() const = 0;

  /// The cache of content-derived evidence shared by the revisions of one trend (null for a
  /// single audit): evidence modules look a blob's results up there before reading it.
  void set_blob_cache(BlobCache* cache) { blob_cache_ = cache; }
  BlobCache* blob_cache() const { return blob_cache_; }

 protected:
  /// Loads the contents of `entry` into `out`; on failure returns false and sets `error`.
  virtual bool load(const FileEntry& entry, std::string& out, std::string& error) const = 0;
  /// Loads the contents of `entry` without a copy; on failure returns null and sets `error`.
  /// By default, the string `load` fills, moved into the result. May run on several threads.
  virtual std::shared_ptr<const FileContent> load_content(const FileEntry& entry, std::string& error) const;
  /// Streams `entry` for `stream`; on failure returns unreadable and sets `error`. By default, the
  /// content loaded whole (load_content) and handed out in pieces: for a snapshot in memory.
  virtual StreamEnd stream_content(const FileEntry& entry, std::size_t chunk, const Sink& sink,
                                   std::string& error) const;
  /// Throws TimeLimitExceeded once the audit's time limit has passed (for a long read).
  void check_deadline() const { deadline_.check(); }
  void sort_entries();
  void mark_unreadable(const std::string& path, std::string reason, bool over_size_limit = false) const;
  /// Lets go of every kept content (for a subclass whose contents need it alive).
  void drop_contents() const;

  std::vector<FileEntry> files_;

 private:
  /// What is known of one file's content: kept, known unreadable, or not loaded (yet, or
  /// again once let go). `loading` is held while it loads, so two readers load it once.
  struct ContentSlot {
    std::mutex loading;
    std::shared_ptr<const FileContent> kept;
    bool failed = false;
    bool counted = false;  // counted in bytes_read/files_read
    bool words_known = false;   // `absent` was set by a load
    std::uint8_t absent = 0;    // bit i: the content does not hold words_[i]
  };

  mutable std::mutex mutex_;  // guards the members below and the slot table
  mutable std::vector<Unreadable> unreadable_;
  mutable std::unordered_map<const FileEntry*, std::unique_ptr<ContentSlot>> slots_;
  mutable std::uint64_t bytes_read_ = 0;
  mutable std::uint64_t files_read_ = 0;
  mutable std::uint64_t loads_ = 0;
  mutable std::uint64_t kept_bytes_ = 0;
  std::uint64_t content_budget_ = 256ull << 20;
  std::uint64_t max_file_size_ = 16ull << 20;
  unsigned jobs_ = 1;
  std::vector<LoadObserver> observers_;
  std::vector<std::string> words_;
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
  /// The file read piece by piece.
  StreamEnd stream_content(const FileEntry& entry, std::size_t chunk, const Sink& sink,
                           std::string& error) const override;

 private:
  std::string root_;
};

/// The tree of a commit, read from the object database.
class GitSnapshot : public Snapshot {
 public:
  /// Lists the tree `tree_id` (hex) of `repo`. `repo` must outlive the snapshot. Blobs whose
  /// ids are in `unsafe_blobs` (truncated loose objects) are never read.
  GitSnapshot(git_repository* repo, const std::string& tree_id, std::set<std::string> unsafe_blobs = {});
  ~GitSnapshot() override;
  bool from_git() const override { return true; }

 protected:
  bool load(const FileEntry& entry, std::string& out, std::string& error) const override;
  /// The blob viewed in libgit2's buffer, through a repository handle of the reading thread's
  /// own (libgit2 objects are not shared between threads).
  std::shared_ptr<const FileContent> load_content(const FileEntry& entry, std::string& error) const override;
  /// The blob inflated piece by piece from its pack or its loose object (packed_blob.hpp), else
  /// (an alternate object store) through libgit2's read stream.
  StreamEnd stream_content(const FileEntry& entry, std::size_t chunk, const Sink& sink,
                           std::string& error) const override;

 private:
  struct Handle;
  /// A repository handle no other thread uses, opened on the same repository; the caller's
  /// handle (under a lock) when the repository cannot be opened again by its path.
  std::shared_ptr<Handle> acquire_handle() const;
  void release_handle(std::shared_ptr<Handle> handle) const;

  git_repository* repo_;
  std::set<std::string> unsafe_blobs_;
  mutable std::mutex handles_mutex_;
  mutable std::vector<std::shared_ptr<Handle>> idle_handles_;
  mutable std::mutex shared_repo_mutex_;  // held while the caller's own handle is used
};

/// True when `content` is a Git LFS pointer file rather than the file itself.
bool is_lfs_pointer(std::string_view content);

}  // namespace pacte
