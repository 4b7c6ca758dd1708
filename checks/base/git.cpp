#include "checks/base/git.hpp"

#include <git2.h>

#include <utility>
#include <vector>

#include "checks/base/url.hpp"

namespace pacte {

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


}  // namespace pacte
