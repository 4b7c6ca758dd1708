// Where `pacte init` reads its evidence: the tree of the current commit of a repository (as
// `pacte audit` does by default), or the files on disk of a working copy or a plain folder.
#pragma once
#include <memory>
#include <string>

#include "checks/base/snapshot.hpp"

struct git_repository;

namespace pacte {

class AuditContext;

/// An opened repository or folder and the snapshot a draft is built from. Not copyable; the
/// snapshot lives as long as the source.
class DraftSource {
 public:
  /// Opens `path`: a working copy (or any folder inside one), a bare repository, or a plain
  /// folder. The snapshot is HEAD's tree, or the files on disk when `worktree` is set, when
  /// the repository has no commit yet, and for a plain folder. Throws AuditError (the path is
  /// missing, not a folder, or HEAD cannot be read) with a message that says what to do.
  DraftSource(const std::string& path, bool worktree);
  ~DraftSource();
  DraftSource(const DraftSource&) = delete;
  DraftSource& operator=(const DraftSource&) = delete;

  const Snapshot& snapshot() const { return *snapshot_; }
  /// The repository, or nullptr for a plain folder.
  git_repository* repo() const { return repo_; }
  /// The commit whose tree is read (hex), empty when the files on disk are read.
  const std::string& commit() const { return commit_; }
  /// The id of HEAD's commit (hex) even in worktree mode; empty when there is none.
  const std::string& head() const { return head_; }
  /// The working tree root; for a bare repository, the git directory.
  const std::string& root() const { return root_; }
  bool bare() const { return bare_; }
  /// Whether the snapshot is the files on disk (not a commit's tree).
  bool reads_worktree() const { return commit_.empty(); }
  /// The URL of the remote `origin` (else the only remote), with any user name or password
  /// removed; empty when there is none.
  const std::string& remote_url() const { return remote_url_; }
  /// A name for the service from the remote or the folder: the last path segment without
  /// `.git` ("trouve-ton-emploi").
  std::string service_name() const;

  /// Sets what an audit context needs from the repository: the libgit2 handle, the head
  /// commit and whether history is available (also in worktree mode, when HEAD exists).
  void prepare(AuditContext& ctx) const;

 private:
  git_repository* repo_ = nullptr;
  std::unique_ptr<Snapshot> snapshot_;
  std::string commit_, head_, root_, remote_url_;
  bool bare_ = false;
  bool shallow_ = false;
};

}  // namespace pacte
