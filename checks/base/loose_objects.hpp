// A guard against truncated loose objects. libgit2 1.5.1 loops forever inflating a loose
// object whose zlib stream is cut short (libgit2 issue #7342, fixed after 1.5.1), so before
// libgit2 reads anything pacte inflates every loose object itself, with a bounded loop.
#pragma once
#include <set>
#include <string>

struct git_repository;

namespace pacte {

struct LooseObjectCheck {
  std::set<std::string> truncated_blobs;  // hex ids: never handed to libgit2, reported unreadable
  std::string fatal;                      // a truncated commit, tree or tag: nothing can be audited
  std::size_t checked = 0;
};

/// Inflates every loose object of `repo` (objects/??/*) and lists the truncated ones.
LooseObjectCheck check_loose_objects(git_repository* repo);

}  // namespace pacte
