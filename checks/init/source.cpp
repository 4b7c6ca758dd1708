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

}  // namespace


DraftSource::DraftSource(const std::string& path, bool worktree) {
  namespace fs = std::filesystem;
  ensure_libgit2();
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
    remote_url_ = remote_url_of(repo_);
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
