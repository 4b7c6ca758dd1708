#include "checks/base/snapshot.hpp"
#include "checks/base/text.hpp"

#include "checks/base/git.hpp"
#include "checks/base/packed_blob.hpp"

#include <git2.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <new>
#include <stdexcept>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pacte {

const FileEntry* Snapshot::find(std::string_view path) const {
  auto it = std::lower_bound(files_.begin(), files_.end(), path,
                             [](const FileEntry& e, std::string_view p) { return e.path < p; });
  return it != files_.end() && it->path == path ? &*it : nullptr;
}

void Snapshot::sort_entries() {
  drop_contents();  // contents are kept by entry, and entries move
  std::sort(files_.begin(), files_.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
}

std::size_t Snapshot::unreadable_count() const {
  std::lock_guard lock(mutex_);
  return unreadable_.size();
}

void Snapshot::mark_unreadable(const std::string& path, std::string reason, bool over_size_limit) const {
  std::lock_guard lock(mutex_);
  // Kept sorted by path: files are read on several threads, in an order that varies from one
  // run to the next, and the report (and the first file a message names) must not.
  auto at = std::lower_bound(unreadable_.begin(), unreadable_.end(), path,
                             [](const Unreadable& u, const std::string& p) { return u.path < p; });
  if (at != unreadable_.end() && at->path == path) return;
  unreadable_.insert(at, {path, std::move(reason), over_size_limit});
}

namespace {

/// Content held in a string of its own (a file read from disk or memory).
class OwnedContent : public FileContent {
 public:
  explicit OwnedContent(std::string text) : text_(std::move(text)) { bytes_ = text_; }

 private:
  std::string text_;
};

std::string out_of_memory_message(const FileEntry& entry) {
  return "out of memory while reading it (" + std::to_string(entry.size >> 20) +
         " MiB); lower --max-file-size, or give the audit more memory";
}

}  // namespace

std::shared_ptr<const FileContent> Snapshot::load_content(const FileEntry& entry, std::string& error) const {
  std::string out;
  if (!load(entry, out, error)) return nullptr;
  return std::make_shared<OwnedContent>(std::move(out));
}

std::shared_ptr<const FileContent> Snapshot::content(const FileEntry& entry) const {
  deadline_.check();
  if (entry.kind != EntryKind::file) return nullptr;
  if (entry.size > max_file_size_) {
    mark_unreadable(entry.path,
                    "larger than the size limit (" + std::to_string(max_file_size_ >> 20) + " MiB); raise it with --max-file-size",
                    true);
    return nullptr;
  }
  ContentSlot* slot = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto& owned = slots_[&entry];
    if (!owned) owned = std::make_unique<ContentSlot>();
    slot = owned.get();  // slots live as long as the snapshot (or until drop_contents)
  }
  std::lock_guard loading(slot->loading);
  if (slot->kept) return slot->kept;
  if (slot->failed) return nullptr;
  std::string error;
  std::shared_ptr<const FileContent> loaded;
  try {
    loaded = load_content(entry, error);
  } catch (const std::bad_alloc&) {
    // Not enough memory to hold this file: it was not read, and the audit goes on without it
    // (the rules that needed it are then in error, never judged on what was not read).
    loaded = nullptr;
    error = out_of_memory_message(entry);
  }
  if (!loaded) {
    slot->failed = true;
    mark_unreadable(entry.path, error);
    return nullptr;
  }
  std::uint8_t absent = 0;
  for (std::size_t i = 0; i < words_.size(); ++i)
    if (find_ascii_folded(loaded->bytes(), words_[i]) == std::string_view::npos) absent |= static_cast<std::uint8_t>(1u << i);
  {
    std::lock_guard lock(mutex_);
    slot->words_known = true;
    slot->absent = absent;
    ++loads_;
    const std::uint64_t size = loaded->bytes().size();
    if (!slot->counted) {
      slot->counted = true;
      bytes_read_ += size;
      ++files_read_;
    }
    if (size <= content_budget_ && kept_bytes_ <= content_budget_ - size) {
      kept_bytes_ += size;
      slot->kept = loaded;
    }
  }
  for (const auto& observe : observers_) observe(entry, *loaded);
  return loaded;
}

void Snapshot::note_word(std::string word) {
  if (words_.size() >= 8) throw std::invalid_argument("Snapshot::note_word: at most 8 words");
  words_.push_back(std::move(word));
}

bool Snapshot::may_hold(const FileEntry& entry, std::string_view word) const {
  auto noted = std::find(words_.begin(), words_.end(), word);
  if (noted == words_.end()) return true;
  std::lock_guard lock(mutex_);
  auto it = slots_.find(&entry);
  if (it == slots_.end() || !it->second->words_known) return true;
  return !(it->second->absent >> (noted - words_.begin()) & 1);
}

Snapshot::StreamEnd Snapshot::stream(const FileEntry& entry, std::size_t chunk, const Sink& sink) const {
  deadline_.check();
  if (entry.kind != EntryKind::file) return StreamEnd::unreadable;
  if (chunk == 0) chunk = 1u << 20;
  std::uint64_t total = 0;
  // The time limit holds between pieces too: a large file can take seconds.
  const Sink counted = [&](std::string_view piece) {
    deadline_.check();
    total += piece.size();
    return sink(piece);
  };
  std::string error;
  StreamEnd end = StreamEnd::unreadable;
  try {
    end = stream_content(entry, chunk, counted, error);
  } catch (const std::bad_alloc&) {
    end = StreamEnd::unreadable;
    error = out_of_memory_message(entry);
  }
  if (end == StreamEnd::unreadable) {
    mark_unreadable(entry.path, error.empty() ? "cannot be read" : error);
    return end;
  }
  std::lock_guard lock(mutex_);
  auto& owned = slots_[&entry];
  if (!owned) owned = std::make_unique<ContentSlot>();
  ++loads_;
  if (!owned->counted) {
    owned->counted = true;
    bytes_read_ += total;
    ++files_read_;
  }
  return end;
}

Snapshot::StreamEnd Snapshot::stream_content(const FileEntry& entry, std::size_t chunk, const Sink& sink,
                                             std::string& error) const {
  auto held = load_content(entry, error);
  if (!held) return StreamEnd::unreadable;
  std::string_view bytes = held->bytes();
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    if (!sink(bytes.substr(at, chunk))) return StreamEnd::stopped;
  return StreamEnd::done;
}

std::optional<std::string> Snapshot::read(const FileEntry& entry) const {
  auto held = content(entry);
  if (!held) return std::nullopt;
  try {
    return std::string(held->bytes());
  } catch (const std::bad_alloc&) {
    mark_unreadable(entry.path, out_of_memory_message(entry));
    return std::nullopt;
  }
}

void Snapshot::drop_contents() const {
  std::lock_guard lock(mutex_);
  slots_.clear();
  kept_bytes_ = 0;
}

std::uint64_t Snapshot::bytes_read() const {
  std::lock_guard lock(mutex_);
  return bytes_read_;
}

std::uint64_t Snapshot::files_read() const {
  std::lock_guard lock(mutex_);
  return files_read_;
}

std::uint64_t Snapshot::loads() const {
  std::lock_guard lock(mutex_);
  return loads_;
}

std::optional<std::string> Snapshot::read(std::string_view path) const {
  const FileEntry* e = find(path);
  return e ? read(*e) : std::nullopt;
}

// ---------------------------------------------------------------- memory

MemorySnapshot& MemorySnapshot::add(std::string path, std::string content, bool executable) {
  FileEntry e;
  e.path = path;
  e.size = content.size();
  e.executable = executable;
  files_.push_back(e);
  contents_.emplace_back(std::move(path), std::move(content));
  sort_entries();
  return *this;
}

MemorySnapshot& MemorySnapshot::add_symlink(std::string path, std::string target) {
  FileEntry e;
  e.path = std::move(path);
  e.kind = EntryKind::symlink;
  e.size = target.size();
  e.link_target = std::move(target);
  files_.push_back(std::move(e));
  sort_entries();
  return *this;
}

bool MemorySnapshot::load(const FileEntry& entry, std::string& out, std::string& error) const {
  for (const auto& [p, c] : contents_)
    if (p == entry.path) {
      out = c;
      return true;
    }
  error = "no such file";
  return false;
}

// ---------------------------------------------------------------- disk

namespace {

// Which paths of a folder git ignores, when the folder is (inside) a git work tree: the files
// `git status` does not show (build outputs, node_modules). A tracked file is never ignored,
// even when a pattern matches it, nor a folder holding one; nothing is ignored in a folder
// that git ignores as a whole.
class GitIgnoredPaths {
 public:
  explicit GitIgnoredPaths(const std::string& root) {
    namespace fs = std::filesystem;
    ensure_libgit2();
    if (git_repository_open_ext(&repo_, root.c_str(), 0, nullptr) != 0) {
      repo_ = nullptr;
      return;
    }
    std::string workdir = git_repository_workdir(repo_) ? git_repository_workdir(repo_) : "";
    while (workdir.size() > 1 && workdir.back() == '/') workdir.pop_back();
    std::error_code ec, wec;
    fs::path from = fs::weakly_canonical(root, ec), top = fs::weakly_canonical(workdir, wec);
    std::string rel = from.lexically_relative(top).generic_string();
    if (workdir.empty() || ec || wec || rel.empty() || rel.starts_with("..")) {
      close();
      return;
    }
    if (rel != ".") prefix_ = rel + "/";
    // A folder that git itself ignores (a scratch copy under build/) was named on purpose:
    // everything in it is audited.
    int root_ignored = 0;
    if (!prefix_.empty() && (git_ignore_path_is_ignored(&root_ignored, repo_, prefix_.c_str()) != 0 || root_ignored)) {
      close();
      return;
    }
    if (git_repository_index(&index_, repo_) != 0) index_ = nullptr;
  }
  ~GitIgnoredPaths() { close(); }
  GitIgnoredPaths(const GitIgnoredPaths&) = delete;
  GitIgnoredPaths& operator=(const GitIgnoredPaths&) = delete;

  /// True when git ignores `rel` (relative to the listed folder; `folder` for a folder).
  bool ignored(const std::string& rel, bool folder) const {
    if (!repo_) return false;
    std::string path = prefix_ + rel;
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, repo_, (folder ? path + "/" : path).c_str()) != 0 || !ignored) return false;
    if (!index_) return true;
    if (folder) {
      std::size_t at = 0;
      return git_index_find_prefix(&at, index_, (path + "/").c_str()) != 0;
    }
    return git_index_get_bypath(index_, path.c_str(), 0) == nullptr;
  }

 private:
  void close() {
    git_index_free(index_);
    git_repository_free(repo_);
    index_ = nullptr;
    repo_ = nullptr;
  }
  git_repository* repo_ = nullptr;
  git_index* index_ = nullptr;
  std::string prefix_;  // the listed folder, relative to the work tree, with a trailing '/'
};

}  // namespace

DiskSnapshot::DiskSnapshot(std::string root) : root_(std::move(root)) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) throw std::runtime_error(root_ + ": not a folder");
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  // Folders are listed one by one. A folder that cannot be listed, or whose listing stops part
  // way, is recorded as unreadable: the files it holds are unknown, so no check may pass for
  // want of finding them there.
  // In a git work tree, what git ignores is not the project's: build outputs, dependencies.
  const GitIgnoredPaths git_ignored(root_);
  std::vector<std::string> pending{""};  // repository-relative folders still to list
  while (!pending.empty()) {
    const std::string dir = std::move(pending.back());
    pending.pop_back();
    const std::string shown = dir.empty() ? "." : dir + "/";
    fs::directory_iterator it(dir.empty() ? fs::path(root_) : fs::path(root_) / dir, ec), end;
    if (ec) {
      if (dir.empty()) throw std::runtime_error(root_ + ": cannot list: " + ec.message());
      mark_unreadable(shown, "this folder cannot be listed (" + ec.message() + "); its files were not audited");
      ec.clear();
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      const std::string name = p.filename().string();
      if (dir.empty() && name == ".git") continue;
      std::string rel = dir.empty() ? name : dir + "/" + name;
      struct stat st {};
      if (::lstat(p.c_str(), &st) != 0) {
        if (git_ignored.ignored(rel, false)) continue;
        mark_unreadable(rel, std::string("cannot be examined (") + std::strerror(errno) + ")");
        continue;
      }
      if (git_ignored.ignored(rel, S_ISDIR(st.st_mode))) continue;
      FileEntry e;
      e.path = rel;
      if (S_ISLNK(st.st_mode)) {
        e.kind = EntryKind::symlink;
        std::error_code lec;
        e.link_target = fs::read_symlink(p, lec).generic_string();
        e.size = e.link_target.size();
        files_.push_back(std::move(e));
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        // A nested repository (a submodule checkout) is listed, not descended into.
        struct stat gst {};
        if (::lstat((p / ".git").c_str(), &gst) == 0) {
          e.kind = EntryKind::submodule;
          files_.push_back(std::move(e));
        } else {
          pending.push_back(std::move(rel));
        }
        continue;
      }
      if (!S_ISREG(st.st_mode)) continue;
      e.size = static_cast<std::uint64_t>(st.st_size);
      e.executable = (st.st_mode & S_IXUSR) != 0;
      files_.push_back(std::move(e));
    }
    if (ec) {
      mark_unreadable(shown, "the listing of this folder stopped (" + ec.message() + "); some of its files were not audited");
      ec.clear();
    }
  }
  sort_entries();
}

namespace {

const char* const kReplaced =
    "it was replaced during the audit by something that is not a regular file (a link, a folder or a device)";

// Why a listed file cannot be examined or opened (errno `why`): gone, out of file descriptors, or
// `what` with the system's reason.
std::string disk_error(int why, const char* what) {
  if (why == ENOENT || why == ENOTDIR) return "it disappeared during the audit (listed, then gone when it was read)";
  if (why == EMFILE || why == ENFILE) return too_many_open_files_message();
  return std::string(what) + " (" + std::strerror(why) + ")";
}

}  // namespace

bool DiskSnapshot::load(const FileEntry& entry, std::string& out, std::string& error) const {
  std::string full = root_ + "/" + entry.path;
  // Refuse to read through a symlink that appeared since listing.
  struct stat st {};
  if (::lstat(full.c_str(), &st) != 0) {
    error = disk_error(errno, "cannot be examined");
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = kReplaced;
    return false;
  }
  // The file may have grown since it was listed: the size cap holds at the read itself.
  if (static_cast<std::uint64_t>(st.st_size) > max_file_size()) {
    error = "grew larger than the size limit (";
    error += std::to_string(max_file_size() >> 20) + " MiB) after it was listed";
    return false;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    const int why = errno;
    if (why == EMFILE || why == ENFILE) error = too_many_open_files_message();
    else if (why == ENOENT) error = "it disappeared during the audit (listed, then gone when it was read)";
    else error = std::strerror(why);
    return false;
  }
  // One read of the whole file: far faster than streaming through istreambuf_iterator.
  out.resize(static_cast<std::size_t>(st.st_size));
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    error = "read error";
    return false;
  }
  return true;
}

Snapshot::StreamEnd DiskSnapshot::stream_content(const FileEntry& entry, std::size_t chunk, const Sink& sink,
                                                 std::string& error) const {
  std::string full = root_ + "/" + entry.path;
  // O_NOFOLLOW: never read through a symlink that appeared since listing; O_NONBLOCK: a FIFO
  // that did cannot block the open (fstat then refuses it).
  const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    error = errno == ELOOP ? kReplaced : disk_error(errno, "cannot be opened");
    return StreamEnd::unreadable;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = kReplaced;
    return StreamEnd::unreadable;
  }
  std::string buffer(chunk, '\0');
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("read error (") + std::strerror(errno) + ")";
      return StreamEnd::unreadable;
    }
    if (n == 0) return StreamEnd::done;
    if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) return StreamEnd::stopped;
  }
}

// ---------------------------------------------------------------- git

namespace {
struct WalkState {
  git_repository* repo;
  std::vector<FileEntry>* files;
  git_odb* odb;
  std::vector<std::pair<std::string, std::string>> missing;  // (path, reason)
  git_oid first_missing{};                                    // the first object that could not be read
};

int walk_cb(const char* root, const git_tree_entry* te, void* payload) {
  auto* st = static_cast<WalkState*>(payload);
  git_filemode_t mode = git_tree_entry_filemode(te);
  if (mode == GIT_FILEMODE_TREE) return 0;
  FileEntry e;
  e.path = std::string(root) + git_tree_entry_name(te);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, git_tree_entry_id(te));
  e.object_id = hex;
  if (mode == GIT_FILEMODE_COMMIT) {
    e.kind = EntryKind::submodule;
  } else {
    size_t len = 0;
    git_object_t type{};
    if (git_odb_read_header(&len, &type, st->odb, git_tree_entry_id(te)) == 0) {
      e.size = len;
    } else {
      const git_error* err = git_error_last();
      if (st->missing.empty()) git_oid_cpy(&st->first_missing, git_tree_entry_id(te));
      st->missing.emplace_back(e.path, "object " + e.object_id + " cannot be read: " + (err ? err->message : "missing"));
    }
    if (mode == GIT_FILEMODE_LINK) {
      e.kind = EntryKind::symlink;
      git_blob* blob = nullptr;
      if (git_blob_lookup(&blob, st->repo, git_tree_entry_id(te)) == 0) {
        e.link_target.assign(static_cast<const char*>(git_blob_rawcontent(blob)),
                             static_cast<size_t>(git_blob_rawsize(blob)));
        git_blob_free(blob);
      }
    }
    e.executable = mode == GIT_FILEMODE_BLOB_EXECUTABLE;
  }
  st->files->push_back(std::move(e));
  return 0;
}
}  // namespace

GitSnapshot::GitSnapshot(git_repository* repo, const std::string& tree_id, std::set<std::string> unsafe_blobs)
    : repo_(repo), unsafe_blobs_(std::move(unsafe_blobs)) {
  git_oid oid;
  if (git_oid_fromstr(&oid, tree_id.c_str()) != 0) throw std::runtime_error("bad tree id " + tree_id);
  git_tree* tree = nullptr;
  if (git_tree_lookup(&tree, repo, &oid) != 0) {
    const git_error* err = git_error_last();
    std::string why = std::string("cannot read tree ") + tree_id + ": " + (err ? err->message : "unknown error");
    if (std::string damage = object_store_damage(repo, &oid); !damage.empty()) why = damage;
    throw std::runtime_error(why);
  }
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo) != 0) {
    git_tree_free(tree);
    throw std::runtime_error("cannot open the object database");
  }
  WalkState st{repo, &files_, odb, {}};
  int rc = git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &st);
  git_odb_free(odb);
  git_tree_free(tree);
  if (rc != 0) {
    const git_error* err = git_error_last();
    throw std::runtime_error(std::string("cannot walk tree ") + tree_id + ": " + (err ? err->message : "unknown error"));
  }
  sort_entries();
  // Blobs missing from the object database (a partial clone, a damaged repository) are known
  // from the listing: report them even if no check happens to read them.
  // libgit2 says "not found" alike for a blob missing from a partial clone and for one it could
  // not read (no file descriptor left, a damaged pack): look once at the object store, and when
  // it is at fault, say so for every such blob.
  std::string damage = st.missing.empty() ? std::string() : object_store_damage(repo, &st.first_missing);
  for (auto& [path, reason] : st.missing) mark_unreadable(path, damage.empty() ? std::move(reason) : damage);
}

/// A repository handle of one reading thread at a time.
struct GitSnapshot::Handle {
  git_repository* repo = nullptr;
  bool owned = false;  // opened by the snapshot (else the caller's handle, used under a lock)
  ~Handle() {
    if (owned && repo) git_repository_free(repo);
  }
};

namespace {

/// A blob viewed in libgit2's buffer; the blob (and the handle it was read through) live as
/// long as this object.
class BlobContent : public FileContent {
 public:
  BlobContent(git_blob* blob, std::shared_ptr<void> handle) : blob_(blob), handle_(std::move(handle)) {
    bytes_ = std::string_view(static_cast<const char*>(git_blob_rawcontent(blob)), static_cast<size_t>(git_blob_rawsize(blob)));
  }
  ~BlobContent() override { git_blob_free(blob_); }
  BlobContent(const BlobContent&) = delete;
  BlobContent& operator=(const BlobContent&) = delete;

 private:
  git_blob* blob_;
  std::shared_ptr<void> handle_;
};

}  // namespace

GitSnapshot::~GitSnapshot() {
  // Kept blobs may have been read through the caller's handle: let them go while it lives.
  drop_contents();
}

std::shared_ptr<GitSnapshot::Handle> GitSnapshot::acquire_handle() const {
  {
    std::lock_guard lock(handles_mutex_);
    if (!idle_handles_.empty()) {
      auto h = std::move(idle_handles_.back());
      idle_handles_.pop_back();
      return h;
    }
  }
  auto h = std::make_shared<Handle>();
  if ((h->repo = open_repository_again(repo_)) != nullptr) {
    h->owned = true;
    return h;
  }
  h->repo = repo_;  // an in-memory repository, say: the caller's handle, one thread at a time
  return h;
}

void GitSnapshot::release_handle(std::shared_ptr<Handle> handle) const {
  if (!handle->owned) return;
  std::lock_guard lock(handles_mutex_);
  idle_handles_.push_back(std::move(handle));
}

std::shared_ptr<const FileContent> GitSnapshot::load_content(const FileEntry& entry, std::string& error) const {
  if (unsafe_blobs_.count(entry.object_id)) {
    error = "object " + entry.object_id + " is a truncated loose object (corrupt repository: git fsck)";
    return nullptr;
  }
  git_oid oid;
  if (git_oid_fromstr(&oid, entry.object_id.c_str()) != 0) {
    error = "bad object id";
    return nullptr;
  }
  std::shared_ptr<Handle> handle = acquire_handle();
  std::unique_lock<std::mutex> shared_use;
  if (!handle->owned) shared_use = std::unique_lock(shared_repo_mutex_);
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, handle->repo, &oid) != 0) {
    const git_error* err = git_error_last();
    if (err && err->klass == GIT_ERROR_NOMEMORY)
      error = out_of_memory_message(entry);
    else
      error = std::string("object ") + entry.object_id + " cannot be read: " + (err ? err->message : "missing");
    shared_use = {};
    release_handle(std::move(handle));
    return nullptr;
  }
  std::shared_ptr<const FileContent> out;
  try {
    // The content keeps the handle its blob came from alive (an owned handle only: the
    // caller's outlives the snapshot, which lets go of its contents first).
    out = std::make_shared<BlobContent>(blob, handle->owned ? std::shared_ptr<void>(handle) : std::shared_ptr<void>());
  } catch (...) {
    git_blob_free(blob);
    throw;
  }
  shared_use = {};
  release_handle(std::move(handle));
  return out;
}

Snapshot::StreamEnd GitSnapshot::stream_content(const FileEntry& entry, std::size_t chunk, const Sink& sink,
                                                std::string& error) const {
  if (unsafe_blobs_.count(entry.object_id)) {
    error = "object " + entry.object_id + " is a truncated loose object (corrupt repository: git fsck)";
    return StreamEnd::unreadable;
  }
  git_oid oid;
  if (git_oid_fromstr(&oid, entry.object_id.c_str()) != 0) {
    error = "bad object id";
    return StreamEnd::unreadable;
  }
  // Most blobs of a clone sit in a pack, which libgit2 1.5 only inflates whole: the blob is read
  // from the pack directly, rebuilt from its delta chain if need be (packed_blob.hpp).
  const char* common = git_repository_commondir(repo_);
  if (!common) common = git_repository_path(repo_);  // null for a repository held in memory
  std::string packed_error;
  bool handed = false;  // part of a damaged packed copy went to the sink: no second try then
  const Sink counted = [&](std::string_view piece) {
    handed = true;
    return sink(piece);
  };
  const std::string objects = common ? std::string(common) + "objects" : std::string();
  // The time limit holds while a delta's bases are rebuilt too.
  PackedRead read = common ? stream_packed_blob(objects, entry.object_id, entry.size, chunk, counted, packed_error,
                                                [this] { check_deadline(); })
                           : PackedRead::not_found;
  // Not in a pack (or a damaged pack that gave nothing yet): a loose object, read the same way.
  std::string loose_error;
  bool loose_found = false;  // a damaged loose object is never handed to libgit2 (which can hang on one)
  if (common && (read == PackedRead::not_found || (read == PackedRead::damaged && !handed)))
    if (PackedRead loose = stream_loose_blob(objects, entry.object_id, entry.size, chunk, counted, loose_error);
        loose != PackedRead::not_found) {
      read = loose;
      packed_error = loose_error;
      loose_found = true;
    }
  switch (read) {
    case PackedRead::streamed: return StreamEnd::done;
    case PackedRead::stopped: return StreamEnd::stopped;
    case PackedRead::damaged:
      if (handed || loose_found) {
        error = packed_error;
        return StreamEnd::unreadable;
      }
      break;  // perhaps in an alternate object store: the damage is said if it is not
    case PackedRead::not_found: break;
  }
  // An object of an alternate object store: libgit2 inflates a loose object piece by piece.
  std::shared_ptr<Handle> handle = acquire_handle();
  std::unique_lock<std::mutex> shared_use;
  if (!handle->owned) shared_use = std::unique_lock(shared_repo_mutex_);
  struct Release {
    const GitSnapshot* snap;
    std::shared_ptr<Handle>& handle;
    std::unique_lock<std::mutex>& lock;
    ~Release() {
      if (lock.owns_lock()) lock.unlock();
      snap->release_handle(std::move(handle));
    }
  } release{this, handle, shared_use};
  auto libgit2_error = [&](const char* what) {
    const git_error* err = git_error_last();
    error = "object " + entry.object_id + " " + what + ": " + (err ? err->message : "unknown error");
    return StreamEnd::unreadable;
  };
  git_odb* odb_raw = nullptr;
  if (git_repository_odb(&odb_raw, handle->repo) != 0) return libgit2_error("cannot be read");
  std::unique_ptr<git_odb, void (*)(git_odb*)> odb(odb_raw, git_odb_free);
  git_odb_stream* stream_raw = nullptr;
  size_t length = 0;
  git_object_t type{};
  if (git_odb_open_rstream(&stream_raw, &length, &type, odb.get(), &oid) != 0) {
    if (!packed_error.empty()) {
      error = packed_error;
      return StreamEnd::unreadable;
    }
    return libgit2_error(entry.size > max_file_size()
                             ? "cannot be read piece by piece (it is neither loose nor stored whole in a pack)"
                             : "cannot be read");
  }
  std::unique_ptr<git_odb_stream, void (*)(git_odb_stream*)> stream(stream_raw, git_odb_stream_free);
  if (type != GIT_OBJECT_BLOB || length != entry.size) {
    error = "object " + entry.object_id + " is not the blob its tree names (corrupt repository: git fsck)";
    return StreamEnd::unreadable;
  }
  std::string buffer(std::min<std::uint64_t>(chunk, std::max<std::uint64_t>(length, 1)), '\0');
  std::uint64_t total = 0;
  for (;;) {
    const int n = git_odb_stream_read(stream.get(), buffer.data(), buffer.size());
    if (n < 0) return libgit2_error("cannot be inflated");
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > length) break;
    if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) return StreamEnd::stopped;
  }
  if (total != length) {
    error = "object " + entry.object_id + " inflates to " + std::to_string(total) + " bytes, not the " +
            std::to_string(length) + " its header says (corrupt repository: git fsck)";
    return StreamEnd::unreadable;
  }
  return StreamEnd::done;
}

bool GitSnapshot::load(const FileEntry& entry, std::string& out, std::string& error) const {
  auto held = load_content(entry, error);
  if (!held) return false;
  out.assign(held->bytes());
  return true;
}

bool is_lfs_pointer(std::string_view content) {
  return content.size() < 1024 && content.rfind("version https://git-lfs.github.com/spec/v1", 0) == 0;
}

}  // namespace pacte
