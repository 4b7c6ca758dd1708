#include "checks/batch/mirror.hpp"

#include <git2.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "checks/base/git.hpp"
#include "checks/base/url.hpp"
#include "checks/batch/batch_list.hpp"

namespace pacte::batch {

namespace fs = std::filesystem;

namespace {

// Failures worth retrying: the network, TLS, HTTP and SSH transports.
bool transient(int klass) {
  return klass == GIT_ERROR_NET || klass == GIT_ERROR_SSL || klass == GIT_ERROR_HTTP || klass == GIT_ERROR_SSH;
}

struct Payload {
  Deadline deadline;
  bool timed_out = false;
};

int on_transfer(const git_indexer_progress*, void* payload) {
  auto* p = static_cast<Payload*>(payload);
  if (p->deadline.expired()) {
    p->timed_out = true;
    return -1;  // stops the fetch with GIT_EUSER
  }
  return 0;
}

int on_sideband(const char*, int, void* payload) { return on_transfer(nullptr, payload); }

struct Repo {
  git_repository* repo = nullptr;
  git_remote* remote = nullptr;
  ~Repo() {
    if (remote) git_remote_free(remote);
    if (repo) git_repository_free(repo);
  }
};

// HEAD follows the remote's default branch; without one (the server did not say), an unborn
// HEAD is pointed at main, master or the first branch.
void update_head(Repo& r) {
  git_buf buf = GIT_BUF_INIT;
  if (git_remote_default_branch(&buf, r.remote) == 0) {
    git_repository_set_head(r.repo, buf.ptr);
    git_buf_dispose(&buf);
    return;
  }
  git_buf_dispose(&buf);
  git_object* obj = nullptr;
  if (revparse_single(&obj, r.repo, "HEAD") == 0) {
    git_object_free(obj);
    return;
  }
  for (const char* name : {"refs/heads/main", "refs/heads/master"}) {
    git_reference* ref = nullptr;
    if (git_reference_lookup(&ref, r.repo, name) == 0) {
      git_reference_free(ref);
      git_repository_set_head(r.repo, name);
      return;
    }
  }
  git_branch_iterator* it = nullptr;
  if (git_branch_iterator_new(&it, r.repo, GIT_BRANCH_LOCAL) == 0) {
    git_reference* ref = nullptr;
    git_branch_t type;
    if (git_branch_next(&ref, &type, it) == 0) {
      git_repository_set_head(r.repo, git_reference_name(ref));
      git_reference_free(ref);
    }
    git_branch_iterator_free(it);
  }
}

}  // namespace

std::string mirror_path(const std::string& cache_dir, const std::string& url) {
  return (fs::path(cache_dir) / (report_stem(url, url) + ".git")).string();
}

MirrorResult update_mirror(const std::string& url, const MirrorOptions& opt) {
  ensure_tls_certificates();  // the one place pacte connects: a remote the user named
  MirrorResult res;
  // Credentials in the URL are used to fetch and nowhere else: not in the mirror's name, its
  // configuration or any message.
  const std::string shown = redact_credentials(url);
  res.path = mirror_path(opt.cache_dir, shown);
  std::error_code ec;
  fs::create_directories(opt.cache_dir, ec);
  if (ec) {
    res.error = opt.cache_dir + ": cannot create the cache folder (" + ec.message() + "); give a writable --cache DIR";
    return res;
  }

  Repo r;
  std::string work_path = res.path;
  bool fresh = false;
  if (fs::exists(res.path, ec)) {
    if (git_repository_open_bare(&r.repo, res.path.c_str()) != 0) {
      res.error = res.path + ": the cached mirror is unusable (" + git_message() + "); delete that folder to clone afresh";
      return res;
    }
  } else {
    static std::atomic<unsigned> counter{0};
    fresh = true;
    work_path = res.path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    git_config* cfg = nullptr;
    bool ok = git_repository_init(&r.repo, work_path.c_str(), 1) == 0 && git_repository_config(&cfg, r.repo) == 0 &&
              git_config_set_string(cfg, "remote.origin.url", shown.c_str()) == 0;  // says what the mirror is of
    if (cfg) git_config_free(cfg);
    if (!ok) {
      res.error = shown + ": cannot create a mirror in " + work_path + " (" + redact_credentials(git_message()) + ")";
      fs::remove_all(work_path, ec);
      return res;
    }
  }
  // An in-memory remote with explicit refspecs. A named remote would be read back from the
  // config, and libgit2 1.5's remote lookup matches config entries with pcre2 and leaks the
  // match data of every entry that does not match (about 20 KiB each, per repository).
  // The user's url.*.insteadOf rewrites are not applied: the list's URL is fetched as written.
  git_remote_create_options ro;
  git_remote_create_options_init(&ro, GIT_REMOTE_CREATE_OPTIONS_VERSION);
  ro.repository = r.repo;
  ro.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
  if (git_remote_create_with_opts(&r.remote, url.c_str(), &ro) != 0) {
    res.error = shown + ": not a URL libgit2 can fetch (" + redact_credentials(git_message()) + ")";
    if (fresh) {
      git_repository_free(r.repo);
      r.repo = nullptr;
      fs::remove_all(work_path, ec);
    }
    return res;
  }
  char heads[] = "+refs/heads/*:refs/heads/*";
  char tags[] = "+refs/tags/*:refs/tags/*";
  char* specs[] = {heads, tags};
  const git_strarray refspecs{specs, 2};

  Payload payload{opt.deadline};
  git_fetch_options fo;
  git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
  fo.callbacks.transfer_progress = on_transfer;
  fo.callbacks.sideband_progress = on_sideband;
  fo.callbacks.payload = &payload;
  fo.prune = GIT_FETCH_PRUNE;
  fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
  fo.proxy_opts.type = GIT_PROXY_AUTO;

  std::string last_error;
  auto wait = opt.backoff;
  for (int attempt = 0; attempt <= opt.retries; ++attempt) {
    ++res.attempts;
    if (git_remote_fetch(r.remote, &refspecs, &fo, "pacte batch: fetch") == 0) {
      last_error.clear();
      break;
    }
    const git_error* e = git_error_last();
    int klass = e ? e->klass : 0;
    last_error = redact_credentials(git_message());
    if (payload.timed_out) break;
    if (!transient(klass) || attempt == opt.retries) break;
    auto now = std::chrono::steady_clock::now();
    if (opt.deadline.limited() && now + wait > opt.deadline.at()) {
      payload.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(wait);
    wait *= 2;
  }
  if (payload.timed_out) {
    res.timed_out = true;
    res.error = shown + ": the transfer did not finish before the --timeout";
  } else if (!last_error.empty()) {
    res.error = shown + ": cannot " + std::string(fresh ? "clone" : "fetch") + " (" + last_error + ")" +
                (res.attempts > 1 ? "; tried " + std::to_string(res.attempts) + " times" : std::string()) +
                "; check the URL, the network and the credentials";
  }
  if (!res.error.empty()) {
    if (fresh) {
      git_remote_free(r.remote);
      r.remote = nullptr;
      git_repository_free(r.repo);
      r.repo = nullptr;
      fs::remove_all(work_path, ec);
    }
    return res;
  }
  update_head(r);
  if (fresh) {
    git_remote_free(r.remote);
    r.remote = nullptr;
    git_repository_free(r.repo);
    r.repo = nullptr;
    fs::rename(work_path, res.path, ec);
    if (ec) {
      // Another process cloned the same URL meanwhile: use its mirror.
      std::error_code ec2;
      fs::remove_all(work_path, ec2);
      if (!fs::exists(res.path, ec2)) res.error = res.path + ": cannot move the new mirror into place (" + ec.message() + ")";
    }
  }
  return res;
}

}  // namespace pacte::batch
