// Small libgit2 helpers every module shares.
#pragma once
#include <string>

struct git_object;
struct git_oid;
struct git_repository;

namespace pacte {

/// Initialises libgit2 once for the process (thread-safe) and shuts it down at exit. Every
/// function that opens a repository calls it first.
void ensure_libgit2();

/// Has libgit2 load the system's CA certificates, before the first HTTPS connection (pacte
/// connects only to a remote URL the user gives). Builds linked with PACTE_STATIC_DEPS skip
/// that load when libgit2 initialises, a fifth of a local audit's start-up: until this is
/// called, the certificate chain is empty and a connection would fail its check, never pass
/// it. Elsewhere it does nothing (libgit2 loaded them as it initialised).
void ensure_tls_certificates();

/// libgit2's last error message, or "unknown error".
std::string git_message();

/// A second handle on `repo`'s repository, opened from its git folder, for use on another
/// thread (libgit2 handles are used by one thread at a time); null when it cannot be opened
/// (an in-memory repository, say), with libgit2's error cleared. The caller frees it.
git_repository* open_repository_again(git_repository* repo);

/// git_revparse_single, without its leak: libgit2 1.5.1 leaks the reference it resolved when
/// the object that reference names cannot be read (a corrupt or missing commit). Branch, tag
/// and other reference names are resolved here and the reference freed; anything else (ids,
/// `HEAD~2`, `v1^{tree}`) goes to git_revparse_single.
int revparse_single(git_object** out, git_repository* repo, const char* spec);

/// The URL of the remote `origin`, or of the only remote, without credentials; empty when
/// there is none or several. Read from a config snapshot with a plain iterator (libgit2 1.5's
/// remote lookup leaks its regex match data on every config entry).
std::string remote_url_of(git_repository* repo);

/// "too many open files (the limit is N open files per process; raise it with ulimit -n)":
/// what to say when opening a file fails with EMFILE or ENFILE.
std::string too_many_open_files_message();

/// Why the object store of `repo` cannot give objects, when libgit2 says only "object not
/// found" (libgit2 1.5.1 does not tell a damaged pack, a pack it could not open or map, and a
/// missing object apart). Looks for, in this order: no file descriptor left; a pack or pack
/// index that cannot be opened (permissions), is truncated, or does not match its index (a
/// truncated pack); a pack that cannot be mapped into memory. When none of these is found and
/// `wanted` (the object libgit2 failed to read) is listed in a pack index, says that the
/// object is there but could not be read. Returns "" when nothing is wrong that pacte can see
/// (the object is then simply missing). Each message names the file and ends with what to do
/// next (git fsck). Reads only the pack indexes and the first and last bytes of each pack.
std::string object_store_damage(git_repository* repo, const git_oid* wanted = nullptr);

/// object_store_damage for the object that revision `spec` (a reference name, HEAD or an id)
/// names, when the reference resolves but the object cannot be read; "" otherwise.
std::string revision_object_store_damage(git_repository* repo, const char* spec);

}  // namespace pacte
