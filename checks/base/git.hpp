// Small libgit2 helpers every module shares.
#pragma once
#include <string>

struct git_object;
struct git_repository;

namespace pacte {

/// libgit2's last error message, or "unknown error".
std::string git_message();

/// git_revparse_single, without its leak: libgit2 1.5.1 leaks the reference it resolved when
/// the object that reference names cannot be read (a corrupt or missing commit). Branch, tag
/// and other reference names are resolved here and the reference freed; anything else (ids,
/// `HEAD~2`, `v1^{tree}`) goes to git_revparse_single.
int revparse_single(git_object** out, git_repository* repo, const char* spec);

/// The URL of the remote `origin`, or of the only remote, without credentials; empty when
/// there is none or several. Read from a config snapshot with a plain iterator (libgit2 1.5's
/// remote lookup leaks its regex match data on every config entry).
std::string remote_url_of(git_repository* repo);

}  // namespace pacte
