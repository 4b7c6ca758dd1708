// Remote repositories for `pacte batch`: each URL is kept as a bare mirror in the cache
// folder (`--cache DIR`), cloned on the first run and fetched on later ones, so a daily batch
// downloads only what changed. This is the only place pacte makes network connections, and
// only for the URLs it is given.
#pragma once
#include <chrono>
#include <string>

#include "checks/base/deadline.hpp"

namespace pacte::batch {

struct MirrorOptions {
  std::string cache_dir;  // where mirrors live: <cache_dir>/<stem>.git
  int retries = 2;        // further attempts after a network failure
  std::chrono::milliseconds backoff{1000};  // wait before the first retry, doubled each time
  /// The repository's time limit (--timeout): transfers stop when it passes.
  Deadline deadline;
};

/// The outcome of `update_mirror`: the mirror's path, or why it could not be brought up to date.
struct MirrorResult {
  std::string path;
  std::string error;  // empty on success
  int attempts = 0;
  bool timed_out = false;
};

/// The cache folder of `url`: "<cache_dir>/<stem>.git".
std::string mirror_path(const std::string& cache_dir, const std::string& url);

/// Brings the bare mirror of `url` up to date: the first time, a new bare repository with
/// mirror refspecs (+refs/heads/*:refs/heads/*, +refs/tags/*:refs/tags/*) is fetched in a
/// temporary folder and renamed into place (a killed run leaves no half mirror); afterwards
/// the mirror is fetched (pruning deleted branches) and HEAD follows the remote's default
/// branch. Network failures are retried `retries` times with exponential backoff. Thread-safe
/// for different URLs; callers serialise calls for one URL.
MirrorResult update_mirror(const std::string& url, const MirrorOptions& options);

}  // namespace pacte::batch
