#include "checks/history/history.hpp"

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <exception>
#include <memory>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "checks/base/blob_cache.hpp"
#include "checks/base/git.hpp"
#include "checks/base/text.hpp"

namespace pacte {

namespace {

constexpr std::time_t kDay = 86400;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string last_git_error(std::string_view what) {
  const git_error* e = git_error_last();
  std::string msg(what);
  if (e && e->message) msg += std::string(": ") + e->message;
  return msg;
}

// RAII for libgit2 handles.
template <typename T, void (*Free)(T*)>
struct GitPtr {
  T* p = nullptr;
  GitPtr() = default;
  GitPtr(const GitPtr&) = delete;
  GitPtr& operator=(const GitPtr&) = delete;
  ~GitPtr() {
    if (p) Free(p);
  }
  T** out() { return &p; }
  T* get() const { return p; }
};
using OdbPtr = GitPtr<git_odb, git_odb_free>;
using OdbObjectPtr = GitPtr<git_odb_object, git_odb_object_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;
using ConfigPtr = GitPtr<git_config, git_config_free>;

struct OidHash {
  std::size_t operator()(const git_oid& o) const noexcept {
    std::size_t h;
    std::memcpy(&h, o.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const noexcept {
    return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) == 0;
  }
};
using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

// The commits met by the walk: an open-addressing set (object ids are uniformly distributed,
// so their first bytes are a good hash), several times faster than std::unordered_set here.
class SeenSet {
 public:
  SeenSet() : slots_(1u << 12), used_(slots_.size(), 0) {}
  /// Inserts `id`; returns false when it was already there.
  bool insert(const git_oid& id) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    if (!place(id)) return false;
    ++count_;
    return true;
  }

 private:
  bool place(const git_oid& id) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = OidHash{}(id) & mask;; i = (i + 1) & mask) {
      if (!used_[i]) {
        slots_[i] = id;
        used_[i] = 1;
        return true;
      }
      if (OidEq{}(slots_[i], id)) return false;
    }
  }
  void grow() {
    std::vector<git_oid> old = std::move(slots_);
    std::vector<unsigned char> old_used = std::move(used_);
    slots_.assign(old.size() * 2, git_oid{});
    used_.assign(slots_.size(), 0);
    for (std::size_t i = 0; i < old.size(); ++i)
      if (old_used[i]) place(old[i]);
  }
  std::vector<git_oid> slots_;
  std::vector<unsigned char> used_;
  std::size_t count_ = 0;
};

// Reads raw commit objects straight from the object database's backends (packs, loose
// objects, alternates), in their priority order, as git_odb_read does but without storing each
// object in libgit2's object cache and without re-hashing it: the walk reads every commit
// exactly once, so both would be pure overhead (about a third of the time on 80,000 commits).
// Falls back on git_odb_read when no backend answers (a pack written since the odb was opened).
class CommitReader {
 public:
  explicit CommitReader(git_odb* odb) : odb_(odb) {
    std::size_t n = git_odb_num_backends(odb);
    for (std::size_t i = 0; i < n; ++i) {
      git_odb_backend* b = nullptr;
      if (git_odb_get_backend(&b, odb, i) == 0 && b && b->read) backends_.push_back(b);
    }
  }
  CommitReader(const CommitReader&) = delete;
  CommitReader& operator=(const CommitReader&) = delete;
  ~CommitReader() { release(); }

  /// Reads object `id`; on success `data` stays valid until the next read.
  bool read(const git_oid& id, std::string_view& data, git_object_t& type) {
    release();
    for (git_odb_backend* b : backends_) {
      void* buf = nullptr;
      std::size_t len = 0;
      git_object_t t = GIT_OBJECT_INVALID;
      int rc = b->read(&buf, &len, &t, b, &id);
      if (rc == 0) {
        data_ = buf;
        owner_ = b;
        data = std::string_view(static_cast<const char*>(buf), len);
        type = t;
        return true;
      }
      if (buf) git_odb_backend_data_free(b, buf);
    }
    git_error_clear();
    if (git_odb_read(fallback_.out(), odb_, &id) != 0) return false;
    data = std::string_view(static_cast<const char*>(git_odb_object_data(fallback_.get())),
                            git_odb_object_size(fallback_.get()));
    type = git_odb_object_type(fallback_.get());
    return true;
  }

 private:
  void release() {
    if (data_) git_odb_backend_data_free(owner_, data_);
    data_ = nullptr;
    owner_ = nullptr;
    if (fallback_.p) git_odb_object_free(fallback_.p);
    fallback_.p = nullptr;
  }
  git_odb* odb_;
  std::vector<git_odb_backend*> backends_;
  void* data_ = nullptr;
  git_odb_backend* owner_ = nullptr;
  OdbObjectPtr fallback_;
};

// A person line ("Name <email> 1700000000 +0100") split as git's split_ident_line does:
// the email runs from the first '<' to the next '>', the name is what precedes it without
// trailing blanks, the time follows the last '>'.
struct Ident {
  std::string_view name, email;
  std::time_t time = 0;
  std::string_view person;  // "Name <email>": the cache key for mailmap lookups
};

Ident split_ident(std::string_view line) {
  Ident id;
  std::size_t lt = line.find('<');
  if (lt == std::string_view::npos) {
    std::size_t end = line.size();
    while (end > 0 && is_space(line[end - 1])) --end;
    id.name = line.substr(0, end);
    id.person = id.name;
    return id;
  }
  std::size_t gt = line.find('>', lt + 1);
  if (gt == std::string_view::npos) gt = line.size();
  std::size_t name_end = lt;
  while (name_end > 0 && is_space(line[name_end - 1])) --name_end;
  id.name = line.substr(0, name_end);
  id.email = line.substr(lt + 1, gt - lt - 1);
  id.person = line.substr(0, std::min(gt + 1, line.size()));
  std::size_t last_gt = line.rfind('>');
  if (last_gt != std::string_view::npos) {
    std::size_t p = last_gt + 1;
    while (p < line.size() && is_space(line[p])) ++p;
    long long t = 0;
    bool any = false;
    while (p < line.size() && line[p] >= '0' && line[p] <= '9' && t < (1LL << 55)) {
      t = t * 10 + (line[p] - '0');
      ++p;
      any = true;
    }
    if (any) id.time = static_cast<std::time_t>(t);
  }
  return id;
}

// The header fields of a raw commit this module needs.
struct CommitHeader {
  Ident author, committer;
  std::array<git_oid, 2> parents_inline{};
  std::vector<git_oid> parents_more;  // parents beyond the second (octopus merges)
  int parent_count = 0;
  bool ok = true;
};

void add_parent(CommitHeader& h, const git_oid& oid) {
  if (h.parent_count < 2)
    h.parents_inline[static_cast<std::size_t>(h.parent_count)] = oid;
  else
    h.parents_more.push_back(oid);
  ++h.parent_count;
}

const git_oid& parent_at(const CommitHeader& h, int i) {
  return i < 2 ? h.parents_inline[static_cast<std::size_t>(i)]
               : h.parents_more[static_cast<std::size_t>(i - 2)];
}

void parse_commit_header(std::string_view raw, CommitHeader& h) {
  h.parent_count = 0;
  h.parents_more.clear();
  h.author = Ident{};
  h.committer = Ident{};
  h.ok = true;
  bool have_author = false, have_committer = false;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t eol = raw.find('\n', pos);
    if (eol == std::string_view::npos) eol = raw.size();
    std::string_view line = raw.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) break;  // end of the header
    if (line.starts_with("parent ")) {
      git_oid oid;
      if (line.size() >= 7 + GIT_OID_HEXSZ && git_oid_fromstrn(&oid, line.data() + 7, GIT_OID_HEXSZ) == 0)
        add_parent(h, oid);
      else
        h.ok = false;
    } else if (!have_author && line.starts_with("author ")) {
      h.author = split_ident(line.substr(7));
      have_author = true;
    } else if (!have_committer && line.starts_with("committer ")) {
      h.committer = split_ident(line.substr(10));
      have_committer = true;
      break;  // parents and author come before the committer
    }
  }
}

// What the walk needs of a raw commit, as kept in a BlobCache (and on disk with --cache): its
// header up to and including the committer line, without the tree line. parse_commit_header
// stops at the committer line, so it reads the same from this record as from the whole
// object.
std::string_view commit_record(std::string_view raw) {
  std::size_t pos = 0, end = raw.size();
  while (pos < raw.size()) {
    std::size_t eol = raw.find('\n', pos);
    if (eol == std::string_view::npos) eol = raw.size();
    std::string_view line = raw.substr(pos, eol - pos);
    if (line.empty()) {
      end = pos;
      break;
    }
    pos = std::min(eol + 1, raw.size());
    if (line.starts_with("committer ")) {
      end = pos;
      break;
    }
  }
  std::string_view record = raw.substr(0, end);
  if (record.starts_with("tree ")) {
    std::size_t eol = record.find('\n');
    record = eol == std::string_view::npos ? std::string_view() : record.substr(eol + 1);
  }
  return record;
}

std::string lower(std::string_view s) { return ascii_lower(s); }

// Reads a regular file of at most `max` bytes; false when it is missing, not a regular file
// or larger.
bool read_file(const std::string& path, bool follow_symlinks, std::string& out, std::uint64_t max) {
  struct stat st {};
  if ((follow_symlinks ? stat(path.c_str(), &st) : lstat(path.c_str(), &st)) != 0) return false;
  if (!S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) > max) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(static_cast<std::size_t>(st.st_size), '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

// Reads a blob of at most `max` bytes, its size checked before it is inflated.
bool read_blob(git_repository* repo, const git_oid& id, std::string& out, std::uint64_t max) {
  OdbPtr odb;
  if (git_repository_odb(odb.out(), repo) != 0) return false;
  std::size_t size = 0;
  git_object_t type{};
  if (git_odb_read_header(&size, &type, odb.get(), &id) != 0 || type != GIT_OBJECT_BLOB || size > max) return false;
  ObjectPtr blob;
  if (git_object_lookup(blob.out(), repo, &id, GIT_OBJECT_BLOB) != 0) return false;
  auto* b = reinterpret_cast<git_blob*>(blob.get());
  out.assign(static_cast<const char*>(git_blob_rawcontent(b)), static_cast<std::size_t>(git_blob_rawsize(b)));
  return true;
}

bool read_blob_spec(git_repository* repo, const std::string& spec, std::string& out, std::uint64_t max) {
  ObjectPtr obj;
  if (revparse_single(obj.out(), repo, spec.c_str()) != 0) return false;
  ObjectPtr blob;
  if (git_object_peel(blob.out(), obj.get(), GIT_OBJECT_BLOB) != 0) return false;
  return read_blob(repo, *git_object_id(blob.get()), out, max);
}

// Start of the UTC month `months` months after January 1970.
std::time_t month_start(int months) {
  std::tm tm{};
  tm.tm_year = months / 12 - 1900 + 1970;
  tm.tm_mon = months % 12;
  tm.tm_mday = 1;
  return timegm(&tm);
}

// The date of a tag reference: the tagger date of an annotated tag (or of the first tag in a
// chain that has one), else the committer date of the commit it points to. A tag that names
// no commit (a blob, a tree, a missing object) is no release: nullopt.
std::optional<std::time_t> tag_date(git_repository* repo, const git_oid& target) {
  ObjectPtr obj;
  if (git_object_lookup(obj.out(), repo, &target, GIT_OBJECT_ANY) != 0) return std::nullopt;
  ObjectPtr commit;
  if (git_object_peel(commit.out(), obj.get(), GIT_OBJECT_COMMIT) != 0) return std::nullopt;
  if (git_object_type(obj.get()) == GIT_OBJECT_TAG) {
    auto* tag = reinterpret_cast<git_tag*>(obj.get());
    if (const git_signature* s = git_tag_tagger(tag)) return static_cast<std::time_t>(s->when.time);
  }
  return static_cast<std::time_t>(git_commit_time(reinterpret_cast<git_commit*>(commit.get())));
}

struct TagScan {
  git_repository* repo = nullptr;
  int count = 0;
  std::string last;
  std::time_t last_date = 0;
};

int on_tag(const char* name, git_oid* oid, void* payload) {
  auto* scan = static_cast<TagScan*>(payload);
  std::string_view n(name);
  if (n.starts_with("refs/tags/")) n.remove_prefix(10);
  std::optional<std::time_t> d = tag_date(scan->repo, *oid);
  git_error_clear();
  if (!d) return 0;
  ++scan->count;
  if (scan->last.empty() || *d > scan->last_date || (*d == scan->last_date && n > scan->last)) {
    scan->last = std::string(n);
    scan->last_date = *d;
  }
  return 0;
}

std::optional<std::string> nullable_time(std::time_t t) {
  if (t == 0) return std::nullopt;
  return iso8601(t);
}

// Reads the shallow boundary: the commits whose parents the clone does not have.
OidSet read_shallow(git_repository* repo) {
  OidSet out;
  std::string text;
  const char* dir = git_repository_commondir(repo);
  if (!dir || !read_file(std::string(dir) + "shallow", true, text, 64ull << 20)) return out;
  std::istringstream in(text);
  std::string line;
  git_oid oid;
  while (std::getline(in, line))
    if (line.size() >= GIT_OID_HEXSZ && git_oid_fromstrn(&oid, line.data(), GIT_OID_HEXSZ) == 0) out.insert(oid);
  return out;
}

}  // namespace

// ------------------------------------------------------------------------------ mailmap

void Mailmap::add(std::optional<std::string> new_name, std::optional<std::string> new_email,
                  std::optional<std::string> old_name, std::optional<std::string> old_email) {
  // As git's add_mapping: with a single email, that email is the one to match.
  if (!old_email) {
    old_email = std::move(new_email);
    new_email.reset();
  }
  Entry& e = entries_[lower(*old_email)];
  if (!old_name) {
    if (new_name) e.simple.name = std::move(new_name);
    if (new_email) e.simple.email = std::move(new_email);
  } else {
    e.by_name[lower(*old_name)] = Info{std::move(new_name), std::move(new_email)};
  }
}

namespace {
// git's parse_name_and_email: reads "Name <email>" from `s`, returns the rest after '>' or
// nullopt when no email was found.
std::optional<std::string_view> parse_name_and_email(std::string_view s, std::optional<std::string>& name,
                                                     std::optional<std::string>& email, bool allow_empty_email) {
  name.reset();
  email.reset();
  std::size_t left = s.find('<');
  if (left == std::string_view::npos) return std::nullopt;
  std::size_t right = s.find('>', left + 1);
  if (right == std::string_view::npos) return std::nullopt;
  if (!allow_empty_email && right == left + 1) return std::nullopt;
  std::size_t b = 0, e = left;
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  if (e > b) name = std::string(s.substr(b, e - b));
  email = std::string(s.substr(left + 1, right - left - 1));
  return s.substr(right + 1);
}
}  // namespace

void Mailmap::parse(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#') continue;
    std::optional<std::string> name1, email1, name2, email2;
    auto rest = parse_name_and_email(line, name1, email1, false);
    if (!email1) continue;
    if (rest && !rest->empty()) parse_name_and_email(*rest, name2, email2, true);
    add(std::move(name1), std::move(email1), std::move(name2), std::move(email2));
  }
}

bool Mailmap::resolve(std::string& name, std::string& email) const {
  auto it = entries_.find(lower(email));
  if (it == entries_.end()) return false;
  const Info* info = &it->second.simple;
  if (!it->second.by_name.empty()) {
    auto sub = it->second.by_name.find(lower(name));
    if (sub != it->second.by_name.end()) info = &sub->second;
  }
  if (!info->name && !info->email) return false;
  if (info->email) email = *info->email;
  if (info->name) name = *info->name;
  return true;
}

Mailmap load_mailmap(git_repository* repo, const git_oid& commit) {
  Mailmap mm;
  std::string text;
  // Same order as git's read_mailmap, the working tree file replaced by the audited commit's.
  {
    ObjectPtr obj;
    git_tree* tree = nullptr;
    git_tree_entry* entry = nullptr;
    if (git_object_lookup(obj.out(), repo, &commit, GIT_OBJECT_COMMIT) == 0 &&
        git_commit_tree(&tree, reinterpret_cast<git_commit*>(obj.get())) == 0 &&
        git_tree_entry_bypath(&entry, tree, ".mailmap") == 0 && git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
        read_blob(repo, *git_tree_entry_id(entry), text, kMaxMailmapBytes))
      mm.parse(text);
    git_tree_entry_free(entry);
    git_tree_free(tree);
  }
  ConfigPtr cfg;
  std::string blob_spec, file_path;
  if (git_repository_config_snapshot(cfg.out(), repo) == 0) {
    git_buf buf = GIT_BUF_INIT;
    if (git_config_get_string_buf(&buf, cfg.get(), "mailmap.blob") == 0) blob_spec.assign(buf.ptr, buf.size);
    git_buf_dispose(&buf);
    if (git_config_get_path(&buf, cfg.get(), "mailmap.file") == 0) file_path.assign(buf.ptr, buf.size);
    git_buf_dispose(&buf);
  }
  if (!blob_spec.empty() && read_blob_spec(repo, blob_spec, text, kMaxMailmapBytes)) mm.parse(text);
  if (!file_path.empty() && read_file(file_path, true, text, kMaxMailmapBytes)) mm.parse(text);
  git_error_clear();
  return mm;
}

// ------------------------------------------------------------------------------ bots, CHAOSS

bool is_bot(std::string_view name_in, std::string_view email_in) {
  std::string name = lower(name_in), email = lower(email_in);
  auto ends = [](std::string_view s, std::string_view suffix) { return s.ends_with(suffix); };
  if (ends(name, "[bot]") || ends(name, "-bot") || ends(name, " bot") || ends(name, "(bot)") ||
      ends(name, "_bot"))
    return true;
  std::string_view local = email;
  if (auto at = local.find('@'); at != std::string_view::npos) local = local.substr(0, at);
  if (ends(local, "[bot]") || ends(local, "-bot") || ends(local, "_bot")) return true;
  static constexpr std::string_view kNames[] = {
      "dependabot", "dependabot-preview", "renovate", "renovatebot", "github-actions",
      "github action", "github actions", "greenkeeper", "greenkeeperio-bot", "snyk bot",
      "pre-commit-ci", "imgbot", "mergify", "allcontributors", "weblate", "hosted weblate",
      "gitlab-bot", "forgejo-actions", "gitea-actions", "woodpecker", "codecov", "pyup.io bot",
      "deepsource-autofix", "copilot", "transifex", "crowdin bot", "semantic-release"};
  for (auto n : kNames)
    if (name == n) return true;
  static constexpr std::string_view kEmails[] = {
      "bot@renovateapp.com",     "support@dependabot.com", "noreply@weblate.org",
      "hosted@weblate.org",      "action@github.com",      "actions@github.com",
      "github-actions@github.com", "bot@greenkeeper.io",   "support@snyk.io",
      "noreply@pre-commit.ci",   "renovate@whitesourcesoftware.com"};
  for (auto e : kEmails)
    if (email == e) return true;
  return false;
}

int contributor_absence_factor(std::vector<int> commits) {
  std::sort(commits.begin(), commits.end(), std::greater<>());
  long long total = 0;
  for (int c : commits) total += c;
  if (total <= 0) return 0;
  long long sum = 0;
  int n = 0;
  for (int c : commits) {
    sum += c;
    ++n;
    if (2 * sum >= total) break;
  }
  return n;
}

// ------------------------------------------------------------------------------ the walk

namespace {

// The history is walked by the calling thread and, on a long history, by more threads (the
// audit's `--jobs`): they share the commits still to read and the set of commits met; each
// reads its commits through a repository handle of its own (libgit2 handles are used by one
// thread at a time) and counts them in a tally of its own. The tallies are added up at the
// end, so the facts do not depend on which thread read which commit, nor in what order.

// Commits the calling thread reads alone before it asks other threads to help: most
// histories are shorter, and for them a thread would cost more than it saves.
constexpr int kWalkAloneCommits = 2048;

// What a contributor's figures take from one commit, or from another walker's tally: the
// identity kept is that of the most recent commit, ties broken by the smaller name, then
// email, so that it is the same whatever the order the commits were read in.
void take_identity(Contributor& c, std::time_t t, const std::string& name, const std::string& email) {
  if (c.commits_total == 0 || t > c.last_commit ||
      (t == c.last_commit && (name < c.name || (name == c.name && email < c.email)))) {
    c.last_commit = t;
    c.name = name;
    c.email = email;
  }
}

// What one walker counted.
struct Tally {
  int commits_total = 0, commits_90d = 0, commits_365d = 0;
  std::time_t first_commit = 0, last_commit = 0;
  std::array<int, 24> month_counts{};
  std::vector<Contributor> people;
  std::unordered_map<std::string, std::size_t> by_key;  // lower-cased mailmapped email → people
  // The raw author "Name <email>" of a commit → its contributor and mailmapped identity: the
  // mailmap is consulted once per distinct raw identity.
  struct Person {
    std::size_t owner = 0;
    std::string name, email;
  };
  std::unordered_map<std::string, Person> by_person;
};

// The commits still to read and those already met, shared by the walkers.
struct WalkFront {
  std::mutex mutex;
  std::condition_variable more;  // a commit was added, or the walk ended
  std::vector<git_oid> stack;
  SeenSet seen;
  int reading = 0;  // walkers holding a commit they have not yet followed
  bool stop = false;
  std::string error;           // the first commit that could not be read, said once
  std::exception_ptr failure;  // the first exception a walker met (the time limit, say)
};

// What every walker reads and nothing writes.
struct WalkSetup {
  const OidSet* shallow = nullptr;
  const Mailmap* mailmap = nullptr;
  std::time_t since90 = 0, since365 = 0;
  const std::array<std::time_t, 25>* bounds = nullptr;
  bool shallow_repo = false;
  const Deadline* deadline = nullptr;
  BlobCache* objects = nullptr;
};

class Walker {
 public:
  Walker(git_repository* repo, WalkFront& front, const WalkSetup& setup) : repo_(repo), front_(front), setup_(setup) {}
  Walker(const Walker&) = delete;
  Walker& operator=(const Walker&) = delete;

  /// Opens the object database; false with the reason when it cannot.
  bool open(std::string& error) {
    if (git_repository_odb(odb_.out(), repo_) != 0) {
      error = last_git_error("cannot open the object database");
      return false;
    }
    reader_ = std::make_unique<CommitReader>(odb_.get());
    return true;
  }

  /// Reads commits from the front until none is left (or the walk stops). `after_each`
  /// is called with the number of commits this walker has read, after each one.
  template <class AfterEach>
  void run(AfterEach&& after_each) {
    git_oid id{};
    bool holding = false;  // `id` was taken from the front by the previous step
    try {
      for (;;) {
        if (!holding) {
          std::unique_lock<std::mutex> lock(front_.mutex);
          front_.more.wait(lock, [&] { return front_.stop || !front_.stack.empty() || front_.reading == 0; });
          if (front_.stop || front_.stack.empty()) {
            front_.more.notify_all();
            return;
          }
          id = front_.stack.back();
          front_.stack.pop_back();
          ++front_.reading;
        }
        if (!read(id)) return;
        // The first parent not yet met is followed by this walker; the others go to the front.
        bool pushed = false;
        holding = false;
        {
          std::lock_guard<std::mutex> lock(front_.mutex);
          if (front_.stop) return;
          if (setup_.shallow->empty() || !setup_.shallow->count(id)) {
            for (int i = 0; i < hdr_.parent_count; ++i) {
              const git_oid& p = parent_at(hdr_, i);
              if (!front_.seen.insert(p)) continue;
              if (!holding) {
                id = p;
                holding = true;
              } else {
                front_.stack.push_back(p);
                pushed = true;
              }
            }
          }
          if (!holding) --front_.reading;
        }
        if (pushed) front_.more.notify_one();
        if (!holding) front_.more.notify_all();  // the walk may have ended
        after_each(tally_.commits_total);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(front_.mutex);
      if (!front_.failure) front_.failure = std::current_exception();
      front_.stop = true;
      front_.more.notify_all();
    }
  }

  Tally& tally() { return tally_; }

 private:
  // Stops the walk with `message` (the first one said wins).
  void fail(std::string message) {
    std::lock_guard<std::mutex> lock(front_.mutex);
    if (front_.error.empty() && !front_.failure) front_.error = std::move(message);
    front_.stop = true;
    front_.more.notify_all();
  }

  // Reads and counts commit `id`; false when the walk must stop.
  bool read(const git_oid& id) {
    // Every 1,024 commits of each walker: never more than a few thousand commits in all.
    if ((tally_.commits_total & 1023) == 1023) setup_.deadline->check();
    std::string_view raw;
    git_object_t type = GIT_OBJECT_INVALID;
    const std::string_view key(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
    const std::string* kept = setup_.objects ? setup_.objects->object(key) : nullptr;
    if (kept) {
      raw = *kept;
      type = GIT_OBJECT_COMMIT;
      parse_commit_header(raw, hdr_);
      // A record an earlier walk kept always parses; should one not, the object is read again.
      if (!hdr_.ok) kept = nullptr;
    }
    char hex[GIT_OID_HEXSZ + 1];
    if (!kept && !reader_->read(id, raw, type)) {
      git_oid_tostr(hex, sizeof hex, &id);
      // libgit2 says "not found" for a pack it could not open or map: say what is wrong.
      if (std::string damage = setup_.shallow_repo ? std::string() : object_store_damage(repo_, &id); !damage.empty())
        fail(std::string("cannot read commit ") + hex + ": " + damage);
      else
        fail(last_git_error(std::string("cannot read commit ") + hex +
                            (setup_.shallow_repo ? " (shallow clone)" : " (damaged repository?)")));
      return false;
    }
    if (type != GIT_OBJECT_COMMIT) {
      git_oid_tostr(hex, sizeof hex, &id);
      fail(std::string("object ") + hex + " is a parent but not a commit (damaged repository?)");
      return false;
    }
    if (!kept) {
      parse_commit_header(raw, hdr_);
      if (setup_.objects && hdr_.ok) setup_.objects->keep_object(key, commit_record(raw));
    }
    if (!hdr_.ok) {
      git_oid_tostr(hex, sizeof hex, &id);
      fail(std::string("cannot parse commit ") + hex);
      return false;
    }
    count();
    return true;
  }

  // Counts the commit in hdr_.
  void count() {
    Tally& f = tally_;
    const std::time_t t = hdr_.committer.time;
    ++f.commits_total;
    if (f.commits_total == 1 || t > f.last_commit) f.last_commit = t;
    if (f.commits_total == 1 || t < f.first_commit) f.first_commit = t;
    const bool in365 = t >= setup_.since365;
    if (t >= setup_.since90) ++f.commits_90d;
    if (in365) ++f.commits_365d;
    const auto& bounds = *setup_.bounds;
    if (t >= bounds[0] && t < bounds[24]) {
      auto it = std::upper_bound(bounds.begin(), bounds.end(), t);
      ++f.month_counts[static_cast<std::size_t>(it - bounds.begin() - 1)];
    }

    key_buf_.assign(hdr_.author.person);
    auto [pit, inserted] = f.by_person.try_emplace(key_buf_);
    Tally::Person& person = pit->second;
    if (inserted) {
      std::string name(hdr_.author.name), email(hdr_.author.email);
      setup_.mailmap->resolve(name, email);
      std::string key = email.empty() ? "<" + lower(name) : lower(email);
      auto [kit, new_person] = f.by_key.try_emplace(key, f.people.size());
      if (new_person) f.people.emplace_back();
      if (is_bot(name, email)) f.people[kit->second].bot = true;
      person.owner = kit->second;
      person.name = std::move(name);
      person.email = std::move(email);
    }
    Contributor& c = f.people[person.owner];
    take_identity(c, t, person.name, person.email);
    ++c.commits_total;
    if (in365) ++c.commits_365d;
  }

  git_repository* repo_;
  WalkFront& front_;
  const WalkSetup& setup_;
  OdbPtr odb_;
  std::unique_ptr<CommitReader> reader_;
  Tally tally_;
  CommitHeader hdr_;
  std::string key_buf_;
};

// Adds `from` to `into`.
void add_tally(Tally& into, const Tally& from) {
  if (from.commits_total == 0) return;
  if (into.commits_total == 0 || from.last_commit > into.last_commit) into.last_commit = from.last_commit;
  if (into.commits_total == 0 || from.first_commit < into.first_commit) into.first_commit = from.first_commit;
  into.commits_total += from.commits_total;
  into.commits_90d += from.commits_90d;
  into.commits_365d += from.commits_365d;
  for (std::size_t i = 0; i < into.month_counts.size(); ++i) into.month_counts[i] += from.month_counts[i];
  for (const auto& [key, index] : from.by_key) {
    const Contributor& c = from.people[index];
    auto [it, added] = into.by_key.try_emplace(key, into.people.size());
    if (added) into.people.emplace_back();
    Contributor& mine = into.people[it->second];
    take_identity(mine, c.last_commit, c.name, c.email);
    mine.commits_total += c.commits_total;
    mine.commits_365d += c.commits_365d;
    mine.bot = mine.bot || c.bot;
  }
}

}  // namespace

std::optional<HistoryFacts> analyze_history(git_repository* repo, const git_oid& head, std::time_t now,
                                            std::string* error, const Deadline& deadline, BlobCache* objects,
                                            unsigned jobs) {
  auto fail = [&](std::string msg) -> std::optional<HistoryFacts> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  if (!repo) return fail("no repository");

  HistoryFacts facts;
  facts.shallow = git_repository_is_shallow(repo) == 1;

  // The starting commit: `head` may name a tag.
  git_oid start;
  {
    ObjectPtr obj, commit;
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &head);
    if (git_object_lookup(obj.out(), repo, &head, GIT_OBJECT_ANY) != 0)
      return fail(last_git_error(std::string("cannot read the commit ") + hex));
    if (git_object_peel(commit.out(), obj.get(), GIT_OBJECT_COMMIT) != 0)
      return fail(last_git_error(std::string(hex) + " does not name a commit"));
    git_oid_cpy(&start, git_object_id(commit.get()));
  }

  const OidSet shallow = facts.shallow ? read_shallow(repo) : OidSet{};
  const Mailmap mailmap = load_mailmap(repo, start);

  // Month boundaries: 24 months ending with the audit month, plus the end of that month.
  std::tm now_tm{};
  gmtime_r(&now, &now_tm);
  const int now_month = (now_tm.tm_year + 1900 - 1970) * 12 + now_tm.tm_mon;
  std::array<std::time_t, 25> bounds{};
  for (int i = 0; i < 25; ++i) bounds[static_cast<std::size_t>(i)] = month_start(now_month - 23 + i);

  WalkSetup setup;
  setup.shallow = &shallow;
  setup.mailmap = &mailmap;
  setup.since90 = now - 90 * kDay;
  setup.since365 = now - 365 * kDay;
  setup.bounds = &bounds;
  setup.shallow_repo = facts.shallow;
  setup.deadline = &deadline;
  setup.objects = objects;

  WalkFront front;
  front.stack.push_back(start);
  front.seen.insert(start);

  std::string open_error;
  Walker first(repo, front, setup);
  if (!first.open(open_error)) return fail(open_error);

  // The helpers, started once the calling thread has read kWalkAloneCommits commits. Each
  // opens the repository again; one that cannot leaves its share to the others.
  struct Helper {
    std::unique_ptr<git_repository, void (*)(git_repository*)> repo{nullptr, git_repository_free};
    std::unique_ptr<Walker> walker;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Helper>> helpers;
  auto start_helpers = [&] {
    helpers.reserve(jobs - 1);  // a started helper is never left outside the list, which joins it
    for (unsigned i = 1; i < jobs; ++i) {
      auto h = std::make_unique<Helper>();
      git_repository* own = open_repository_again(repo);
      if (!own) return;
      h->repo.reset(own);
      h->walker = std::make_unique<Walker>(own, front, setup);
      std::string ignored;
      if (!h->walker->open(ignored)) {
        git_error_clear();
        return;
      }
      try {
        h->thread = std::thread([w = h->walker.get()] { w->run([](int) {}); });
      } catch (...) {
        return;  // no thread to spare, or no memory for one: the others walk on
      }
      helpers.push_back(std::move(h));  // within the capacity reserved: cannot throw
    }
  };
  // Whatever way the walk ends, every helper is stopped and joined before the front goes.
  struct JoinHelpers {
    WalkFront& front;
    std::vector<std::unique_ptr<Helper>>& helpers;
    ~JoinHelpers() {
      {
        std::lock_guard<std::mutex> lock(front.mutex);
        front.stop = true;
      }
      front.more.notify_all();
      for (auto& h : helpers)
        if (h->thread.joinable()) h->thread.join();
    }
  } join_helpers{front, helpers};

  first.run([&](int read) {
    if (jobs > 1 && read == kWalkAloneCommits) start_helpers();
  });
  // The calling thread returns when the front is empty and no walker holds a commit, or when
  // the walk stopped: the helpers return too.
  for (auto& h : helpers) h->thread.join();
  if (front.failure) std::rethrow_exception(front.failure);
  if (!front.error.empty()) return fail(front.error);

  Tally all = std::move(first.tally());
  for (auto& h : helpers) add_tally(all, h->walker->tally());

  facts.commits_total = all.commits_total;
  facts.commits_90d = all.commits_90d;
  facts.commits_365d = all.commits_365d;
  facts.first_commit = all.first_commit;
  facts.last_commit = all.last_commit;
  const std::array<int, 24>& month_counts = all.month_counts;
  std::vector<Contributor> people = std::move(all.people);
  // Humans only for the contributor figures; a contributor is a bot by any of their names.
  std::vector<int> human_counts;
  for (const Contributor& c : people) {
    if (c.bot) {
      facts.bot_commits_365d += c.commits_365d;
    } else if (c.commits_365d > 0) {
      ++facts.contributors_365d;
      human_counts.push_back(c.commits_365d);
    }
  }
  facts.contributor_absence_factor = contributor_absence_factor(std::move(human_counts));
  std::sort(people.begin(), people.end(), [](const Contributor& a, const Contributor& b) {
    if (a.commits_365d != b.commits_365d) return a.commits_365d > b.commits_365d;
    if (a.commits_total != b.commits_total) return a.commits_total > b.commits_total;
    if (a.name != b.name) return a.name < b.name;
    return a.email < b.email;
  });
  facts.contributors = std::move(people);

  facts.monthly.reserve(24);
  for (int i = 0; i < 24; ++i) {
    int m = now_month - 23 + i;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", 1970 + m / 12, m % 12 + 1);
    facts.monthly.push_back({buf, month_counts[static_cast<std::size_t>(i)]});
  }

  TagScan scan;
  scan.repo = repo;
  if (git_tag_foreach(repo, on_tag, &scan) != 0) git_error_clear();
  facts.tags = scan.count;
  facts.last_tag = scan.last;
  facts.last_tag_date = scan.last_date;
  return facts;
}

nlohmann::json history_to_json(const HistoryFacts& f) {
  nlohmann::json j;
  auto time_or_null = [](std::time_t t) -> nlohmann::json {
    if (auto s = nullable_time(t)) return *s;
    return nullptr;
  };
  j["last_commit"] = time_or_null(f.last_commit);
  j["commits_90d"] = f.commits_90d;
  j["commits_365d"] = f.commits_365d;
  j["contributors_365d"] = f.contributors_365d;
  j["contributor_absence_factor"] = f.contributor_absence_factor;
  j["tags"] = f.tags;
  j["last_tag"] = f.last_tag.empty() ? nlohmann::json(nullptr) : nlohmann::json(to_valid_utf8(f.last_tag));
  j["last_tag_date"] = f.last_tag.empty() ? nlohmann::json(nullptr) : time_or_null(f.last_tag_date);
  j["first_commit"] = time_or_null(f.first_commit);
  j["commits_total"] = f.commits_total;
  j["bot_commits_365d"] = f.bot_commits_365d;
  j["shallow"] = f.shallow;
  nlohmann::json months = nlohmann::json::array();
  for (const auto& m : f.monthly) months.push_back({{"month", m.month}, {"commits", m.commits}});
  j["monthly"] = std::move(months);
  return j;
}

}  // namespace pacte
