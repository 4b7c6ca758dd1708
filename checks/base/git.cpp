#include "checks/base/git.hpp"

#include <git2.h>

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

}  // namespace pacte
