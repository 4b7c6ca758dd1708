// Remote repository URLs as pacte shows them: never with the credentials they may carry.
#pragma once
#include <string>
#include <string_view>

namespace pacte {

/// `text` with the user information of every URL in it hidden: `https://user:token@host/x`
/// and `https://token@host/x` become `https://***@host/x`. Used on every URL (and every
/// message that may quote one, libgit2's included) before it reaches a report, a summary, a
/// log line or a file on disk.
std::string redact_credentials(std::string_view text);

/// `url` without credentials: `https://user:token@host/x` becomes `https://host/x`; scp-like
/// addresses (`git@host:path`) and local paths are returned as they are.
std::string strip_credentials(std::string_view url);

}  // namespace pacte

namespace pacte {

/// A code forge a repository lives on, for links to a file and line at a commit.
struct Forge {
  /// "github", "gitlab", "gitea" (Gitea, Forgejo, Codeberg) or "bitbucket".
  std::string kind;
  /// The repository's web address, without ".git" or a trailing slash:
  /// "https://gitlab.com/team/service".
  std::string web_url;
};

/// The forge of a repository URL, as a remote, a charter or publiccode.yml writes it
/// (`https://host/owner/repo(.git)`, `ssh://git@host/owner/repo.git`, `git@host:owner/repo.git`),
/// or an empty kind when the host is not recognised. Known hosts: github.com, gitlab.com,
/// framagit.org, salsa.debian.org, forge.apps.education.fr, codeberg.org, bitbucket.org; any
/// host whose name holds "github", "gitlab", "gitea" or "forgejo" (self-hosted instances:
/// gitlab.example.gouv.fr). Credentials are dropped.
Forge forge_of(std::string_view url);

/// The web address of `path` (and `line`, when > 0) at `commit` on `forge`: GitHub
/// `/blob/<commit>/<path>#L<line>`, GitLab `/-/blob/...#L<line>`, Gitea and Forgejo
/// `/src/commit/<commit>/<path>#L<line>`, Bitbucket `/src/<commit>/<path>#lines-<line>`.
/// Empty when the forge or the commit is unknown. Path segments are percent-encoded.
std::string forge_file_url(const Forge& forge, std::string_view commit, std::string_view path, long long line);

}  // namespace pacte
