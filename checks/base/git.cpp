#include "checks/base/git.hpp"

#include <git2.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "checks/base/url.hpp"

namespace pacte {

#ifdef PACTE_DEFER_TLS_CERTIFICATES
// Linked with -Wl,--wrap=mbedtls_x509_crt_parse_file (CMakeLists.txt, PACTE_STATIC_DEPS):
// libgit2's call in git_libgit2_init, which parses the whole CA bundle (about 6 ms of CPU that
// the audit waited for), comes here. It is skipped, the bundle's path kept, until
// ensure_tls_certificates() lets libgit2 load it; every later call goes through.
namespace {
std::atomic<bool> g_defer_certificates{true};
std::string g_deferred_bundle;  // written during git_libgit2_init, read after it
}  // namespace

extern "C" int __real_mbedtls_x509_crt_parse_file(void* chain, const char* path);
extern "C" int __wrap_mbedtls_x509_crt_parse_file(void* chain, const char* path) {
  if (g_defer_certificates.load()) {
    g_deferred_bundle = path ? path : "";
    return 0;  // an empty chain: nothing is trusted yet
  }
  return __real_mbedtls_x509_crt_parse_file(chain, path);
}
#endif

void ensure_tls_certificates() {
  ensure_libgit2();
#ifdef PACTE_DEFER_TLS_CERTIFICATES
  static std::once_flag once;
  std::call_once(once, [] {
    g_defer_certificates.store(false);
    if (!g_deferred_bundle.empty())
      git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, g_deferred_bundle.c_str(), nullptr);
  });
#endif
}

void ensure_libgit2() {
  struct Library {
    Library() {
      git_libgit2_init();
      // Objects are not hashed again on every read: git does not do it either (only fsck and
      // transfer.fsckObjects do), and it was a twelfth of an audit's CPU on large trees. A
      // damaged object still fails zlib's checksum when it is inflated.
      git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    }
    ~Library() { git_libgit2_shutdown(); }
  };
  static Library library;
}

git_repository* open_repository_again(git_repository* repo) {
  git_repository* own = nullptr;
  const char* gitdir = git_repository_path(repo);
  if (!gitdir || git_repository_open_ext(&own, gitdir, GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE, nullptr) != 0) {
    git_error_clear();
    return nullptr;
  }
  return own;
}

std::string git_message() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown error";
}

int revparse_single(git_object** out, git_repository* repo, const char* spec) {
  *out = nullptr;
  git_reference* ref = nullptr;
  if (git_reference_dwim(&ref, repo, spec) == 0) {
    git_reference* resolved = nullptr;
    int rc = git_reference_resolve(&resolved, ref);
    git_reference_free(ref);
    if (rc != 0) return rc;
    rc = git_object_lookup(out, repo, git_reference_target(resolved), GIT_OBJECT_ANY);
    git_reference_free(resolved);
    return rc;
  }
  return git_revparse_single(out, repo, spec);
}

// The URL of `origin`, or of the only remote. Read from a config snapshot with a plain
// iterator: libgit2 1.5's remote lookup and listing go through its config regexps, whose
// pcre2 match data leaks on every entry that does not match (about 20 KiB each).
std::string remote_url_of(git_repository* repo) {
  git_config* cfg = nullptr;
  if (git_repository_config_snapshot(&cfg, repo) != 0) return "";
  std::string origin;
  std::vector<std::pair<std::string, std::string>> urls;  // remote name, url
  git_config_iterator* it = nullptr;
  if (git_config_iterator_new(&it, cfg) == 0) {
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, it) == 0) {
      std::string name = entry->name ? entry->name : "";
      // Section and key are lower-cased by libgit2; the subsection (the remote's name) is not.
      if (name.size() < 12 || name.compare(0, 7, "remote.") != 0 || name.compare(name.size() - 4, 4, ".url") != 0)
        continue;
      std::string remote = name.substr(7, name.size() - 11);
      std::string url = entry->value ? entry->value : "";
      if (remote == "origin") origin = url;
      urls.emplace_back(remote, url);
    }
    git_config_iterator_free(it);
  }
  git_config_free(cfg);
  if (!origin.empty()) return strip_credentials(origin);
  if (urls.size() == 1) return strip_credentials(urls.front().second);
  return "";
}

std::string too_many_open_files_message() {
  struct rlimit lim {};
  std::string limit;
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    limit = "the limit is " + std::to_string(static_cast<unsigned long long>(lim.rlim_cur)) + " open files per process; ";
  return "too many open files (" + limit + "raise it with ulimit -n)";
}

namespace {

// An open file descriptor, closed when it goes.
struct Fd {
  int fd = -1;
  explicit Fd(const std::string& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

// Reads exactly `n` bytes at `offset`; false on a short read or an error.
bool read_at(int fd, std::uint64_t offset, unsigned char* out, std::size_t n) {
  std::size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd, out + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    done += static_cast<std::size_t>(r);
  }
  return true;
}

std::uint32_t big_endian32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

constexpr const char* kNextStep = "; run git fsck in the repository, or audit a fresh clone";

// What a failed open() of `shown` says: the damage message, or "" when the file is missing.
std::string open_failure(const std::string& shown, int error) {
  if (error == EMFILE || error == ENFILE) return "the repository's object store cannot be read: " + too_many_open_files_message();
  if (error == ENOENT) return "";
  return "the repository's object store cannot be read: " + shown + ": " + std::strerror(error) +
         (error == EACCES ? " (check the file's permissions)" : "") + kNextStep;
}

// One pack and its index, as far as they can be checked without inflating anything.
struct PackCheck {
  std::string problem;    // the message, when the pack or its index is damaged or unreadable
  bool lists_wanted = false;
};

// Checks `idx_path` (format 1 or 2) and the pack beside it; looks `wanted` up in the index.
PackCheck check_pack(const std::filesystem::path& idx_path, const std::string& shown_dir, const git_oid* wanted) {
  PackCheck out;
  const std::string idx_shown = shown_dir + idx_path.filename().string();
  std::filesystem::path pack_path = idx_path;
  pack_path.replace_extension(".pack");
  const std::string pack_shown = shown_dir + pack_path.filename().string();

  Fd idx(idx_path.string());
  if (idx.fd < 0) {
    out.problem = open_failure(idx_shown, errno);
    return out;
  }
  struct stat st {};
  if (::fstat(idx.fd, &st) != 0) return out;
  const std::uint64_t idx_size = static_cast<std::uint64_t>(st.st_size);
  std::array<unsigned char, 8> head{};
  const auto truncated_idx = [&](std::uint64_t expected) {
    return "the repository's object store is damaged: the pack index " + idx_shown + " is truncated (" + std::to_string(idx_size) +
           " bytes, at least " + std::to_string(expected) + " expected)" + kNextStep;
  };
  if (!read_at(idx.fd, 0, head.data(), head.size())) {
    out.problem = truncated_idx(8 + 1024 + 40);
    return out;
  }
  const bool v2 = head[0] == 0xff && head[1] == 't' && head[2] == 'O' && head[3] == 'c';
  const std::uint64_t fanout_at = v2 ? 8 : 0;
  std::array<unsigned char, 1024> fanout{};
  if (!read_at(idx.fd, fanout_at, fanout.data(), fanout.size())) {
    out.problem = truncated_idx(fanout_at + 1024 + 40);
    return out;
  }
  const std::uint64_t count = big_endian32(fanout.data() + 1020);
  // Format 2: names (20), CRCs (4) and offsets (4) per object; format 1: offset and name.
  const std::uint64_t names_at = fanout_at + 1024;
  const std::uint64_t expected = v2 ? names_at + count * 28 + 40 : names_at + count * 24 + 40;
  if (idx_size < expected) {
    out.problem = truncated_idx(expected);
    return out;
  }
  std::array<unsigned char, 20> pack_sum_in_idx{};
  read_at(idx.fd, idx_size - 40, pack_sum_in_idx.data(), pack_sum_in_idx.size());

  if (wanted) {
    // The names are sorted: binary search within the fan-out bucket of the first byte.
    const unsigned first = wanted->id[0];
    std::uint64_t lo = first == 0 ? 0 : big_endian32(fanout.data() + 4 * (first - 1));
    std::uint64_t hi = big_endian32(fanout.data() + 4 * first);
    const std::uint64_t stride = v2 ? 20 : 24, skip = v2 ? 0 : 4;
    std::array<unsigned char, 20> name{};
    while (lo < hi && hi <= count) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      if (!read_at(idx.fd, names_at + mid * stride + skip, name.data(), name.size())) break;
      const int c = std::memcmp(name.data(), wanted->id, name.size());
      if (c == 0) {
        out.lists_wanted = true;
        break;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
  }

  Fd pack(pack_path.string());
  if (pack.fd < 0) {
    out.problem = open_failure(pack_shown, errno);
    if (out.problem.empty())
      out.problem = "the repository's object store is damaged: the pack " + pack_shown + " of the index " + idx_shown + " is missing" + kNextStep;
    return out;
  }
  if (::fstat(pack.fd, &st) != 0) return out;
  const std::uint64_t pack_size = static_cast<std::uint64_t>(st.st_size);
  std::array<unsigned char, 12> pack_head{};
  std::array<unsigned char, 20> pack_sum{};
  const bool header_ok = read_at(pack.fd, 0, pack_head.data(), pack_head.size()) && std::memcmp(pack_head.data(), "PACK", 4) == 0;
  if (!header_ok || pack_size < 32 || big_endian32(pack_head.data() + 8) != count ||
      !read_at(pack.fd, pack_size - 20, pack_sum.data(), pack_sum.size()) || pack_sum != pack_sum_in_idx) {
    out.problem = "the repository's object store is damaged: the pack " + pack_shown + " (" + std::to_string(pack_size) +
                  " bytes) is truncated or does not match its index " + idx_shown + kNextStep;
    return out;
  }
  // libgit2 maps packs into memory to read them: a pack that cannot be mapped cannot be read.
  void* map = ::mmap(nullptr, static_cast<std::size_t>(pack_size), PROT_READ, MAP_PRIVATE, pack.fd, 0);
  if (map == MAP_FAILED) {
    const int error = errno;
    out.problem = "the repository's object store cannot be read: the pack " + pack_shown + " (" + std::to_string(pack_size >> 20) +
                  " MiB) cannot be mapped into memory (" + std::strerror(error) + (error == ENOMEM ? ": out of memory" : "") +
                  "); give pacte more memory (ulimit -v)";
    return out;
  }
  ::munmap(map, static_cast<std::size_t>(pack_size));
  return out;
}

}  // namespace

std::string object_store_damage(git_repository* repo, const git_oid* wanted) {
  namespace fs = std::filesystem;
  // No descriptor left: libgit2 could open neither packs nor loose objects.
  {
    Fd probe("/dev/null");
    if (probe.fd < 0 && (errno == EMFILE || errno == ENFILE))
      return "the repository's object store cannot be read: " + too_many_open_files_message();
  }
  const fs::path objects = fs::path(git_repository_commondir(repo)) / "objects";
  const fs::path packs = objects / "pack";
  std::error_code ec;
  std::vector<fs::path> indexes;
  fs::directory_iterator it(packs, ec), end;
  if (ec) {
    if (ec.value() == ENOENT) return "";
    return "the repository's object store cannot be read: objects/pack/: " + ec.message() + kNextStep;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (it->path().extension() == ".idx") indexes.push_back(it->path());
  }
  bool listed = false;
  std::string listed_in;
  for (const auto& idx : indexes) {
    PackCheck c = check_pack(idx, "objects/pack/", wanted);
    if (!c.problem.empty()) return c.problem;
    if (c.lists_wanted && !listed) {
      listed = true;
      listed_in = "objects/pack/" + idx.filename().replace_extension(".pack").string();
    }
  }
  if (listed) {
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, wanted);
    return "the repository's object store cannot be read: object " + std::string(hex) + " is listed in the pack " + listed_in +
           " but libgit2 could not read it (out of memory, or a damaged pack)" + kNextStep;
  }
  return "";
}

std::string revision_object_store_damage(git_repository* repo, const char* spec) {
  git_oid id;
  bool have_id = false;
  git_reference* ref = nullptr;
  if (git_reference_dwim(&ref, repo, spec) == 0) {
    git_reference* resolved = nullptr;
    if (git_reference_resolve(&resolved, ref) == 0) {
      if (const git_oid* target = git_reference_target(resolved)) {
        git_oid_cpy(&id, target);
        have_id = true;
      }
      git_reference_free(resolved);
    }
    git_reference_free(ref);
  } else if (std::strlen(spec) == GIT_OID_HEXSZ && git_oid_fromstr(&id, spec) == 0) {
    have_id = true;
  }
  // A reference that names nothing (an unborn branch) or a spec that is no reference: nothing
  // to diagnose unless the object store itself cannot be opened.
  return object_store_damage(repo, have_id ? &id : nullptr);
}

}  // namespace pacte
