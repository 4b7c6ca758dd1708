#include "checks/init/source.hpp"

#include <git2.h>

#include <filesystem>
#include <utility>
#include <vector>

#include "checks/base/git.hpp"
#include "checks/engine/audit.hpp"
#include "checks/engine/evaluate.hpp"

namespace pacte {

namespace {

// The URL of `origin`, or of the only remote. Read from a config snapshot with a plain
// iterator: libgit2 1.5's remote lookup and listing go through its config regexps, whose
// pcre2 match data leaks on every entry that does not match (about 20 KiB each).
std::string remote_of(git_repository* repo) {
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
  if (!origin.empty()) return strip_url_credentials(origin);
  if (urls.size() == 1) return strip_url_credentials(urls.front().second);
  return "";
}

}  // namespace

std::string strip_url_credentials(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;  // scp-like (git@host:path) or a local path
  auto host_start = scheme + 3;
  auto path_start = url.find('/', host_start);
  auto at = url.rfind('@', path_start == std::string::npos ? std::string::npos : path_start);
  if (at == std::string::npos || at < host_start) return url;
  return url.substr(0, host_start) + url.substr(at + 1);
}

DraftSource::DraftSource(const std::string& path, bool worktree) {
  namespace fs = std::filesystem;
  git_libgit2_init();
  std::error_code ec;
  if (!fs::exists(path, ec)) throw AuditError(path + ": no such file or folder");
  if (!fs::is_directory(path, ec)) throw AuditError(path + ": not a folder; give the path of a repository (or a folder inside one)");
  root_ = fs::absolute(path, ec).lexically_normal().string();
  if (git_repository_open_ext(&repo_, path.c_str(), 0, nullptr) != 0) repo_ = nullptr;
  if (repo_) {
    shallow_ = git_repository_is_shallow(repo_) == 1;
    bare_ = git_repository_is_bare(repo_) == 1;
    const char* wd = git_repository_workdir(repo_);
    root_ = wd ? std::string(wd) : std::string(git_repository_path(repo_));
    remote_url_ = remote_of(repo_);
    git_object* obj = nullptr;
    if (revparse_single(&obj, repo_, "HEAD") == 0) {
      git_commit* commit = nullptr;
      if (git_object_peel(reinterpret_cast<git_object**>(&commit), obj, GIT_OBJECT_COMMIT) != 0) {
        git_object_free(obj);
        throw AuditError(path + ": HEAD does not name a commit: " + git_message());
      }
      git_object_free(obj);
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, git_commit_id(commit));
      head_ = hex;
      if (!worktree || bare_) {
        char tree_hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(tree_hex, sizeof tree_hex, git_commit_tree_id(commit));
        try {
          snapshot_ = std::make_unique<GitSnapshot>(repo_, tree_hex);
        } catch (const std::exception& e) {
          git_commit_free(commit);
          throw AuditError(path + ": " + e.what());
        }
        commit_ = head_;
      }
      git_commit_free(commit);
    } else if (git_repository_is_empty(repo_) != 1) {
      throw AuditError(path + ": HEAD cannot be read: " + git_message());
    } else if (bare_) {
      throw AuditError(path + ": the bare repository has no commit yet; there is nothing to draft a charter from");
    }
  }
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  if (!snapshot_) {
    try {
      snapshot_ = std::make_unique<DiskSnapshot>(root_);
    } catch (const std::exception& e) {
      throw AuditError(e.what());
    }
  }
}

DraftSource::~DraftSource() {
  snapshot_.reset();
  if (repo_) git_repository_free(repo_);
  git_libgit2_shutdown();
}

std::string DraftSource::service_name() const {
  auto last_segment = [](std::string s) {
    while (!s.empty() && (s.back() == '/' || s.back() == '\\')) s.pop_back();
    auto cut = s.find_last_of("/:\\");
    if (cut != std::string::npos) s = s.substr(cut + 1);
    if (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0) s.resize(s.size() - 4);
    return s;
  };
  std::string name;
  if (!remote_url_.empty()) name = last_segment(remote_url_);
  if (name.empty() || name == ".") name = last_segment(root_);
  if (name == ".git" || name.empty()) name = last_segment(std::filesystem::path(root_).parent_path().string());
  return name.empty() ? "service" : name;
}

void DraftSource::prepare(AuditContext& ctx) const {
  ctx.repo = repo_;
  ctx.head = head_;
  ctx.history_available = repo_ && !head_.empty();
  ctx.shallow = shallow_;
}

}  // namespace pacte
