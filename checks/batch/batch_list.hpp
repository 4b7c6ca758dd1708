// What `pacte batch` audits: the repositories of a LIST file or of a folder, their stable
// report names, and a deterministic share of them for job arrays (`--shard I/N`).
//
// LIST file syntax, one repository per line:
//
//   # a comment (a '#' at the start of a line or after a blank starts a comment)
//   LOCATION [charter=PATH] [rev=REV]
//
// - LOCATION is a local path (working copy, folder inside one, bare mirror), relative to the
//   folder of the LIST file unless absolute, or a git URL: `https://…`, `ssh://…`, `git://…`,
//   `file://…`, or scp-like `user@host:path`. URLs are cloned into the cache, paths are read
//   where they are.
// - `charter=PATH`: a charter file on disk for this repository (like `--charter`), relative to
//   the folder of the LIST file unless absolute.
// - `rev=REV`: the revision to audit (like `--rev`), e.g. a tag or a branch.
// - A token holding blanks may be written in double quotes: `"/srv/my repos/a" rev=v1`.
// - Blank lines are ignored. An unknown `key=value` or a second LOCATION is an error at
//   LIST:line:col.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pacte::batch {

/// One repository to audit, as the list (or the folder discovery) names it.
struct BatchEntry {
  std::string location;  // normalised, as written: what the summary shows and rows sort by
  std::string target;    // what is opened: an absolute path, or the URL for remotes
  std::string charter;   // charter file on disk (absolute), or empty: use --charter / the tree
  std::string rev;       // revision, or empty: use --rev
  bool remote = false;   // a URL, cloned into the cache
  int line = 0;          // line in the LIST file (0 for folder discovery)

  /// The identity of the row: location, plus charter and rev when the line sets them.
  std::string key() const;
  /// Stable file name stem of the report: "<slug>-<8 hex>" (see report_stem).
  std::string stem() const;
};

/// Whether `location` is a git URL (scheme://… or scp-like user@host:path), not a path.
bool is_remote(std::string_view location);

/// Normalises a location so that equivalent spellings hash alike: URLs get a lower-case
/// scheme and host and lose trailing slashes; paths are lexically normalised ("./a/" -> "a").
std::string normalise_location(std::string_view location);

/// 64-bit FNV-1a: stable across platforms and runs (std::hash is not).
std::uint64_t stable_hash(std::string_view s);

/// "<slug>-<8 hex>": a readable slug of the location's last components (owner-repo for URLs,
/// the folder name for paths, without ".git"), then a short hash of `key` so that two
/// repositories with the same name never share a file.
std::string report_stem(std::string_view location, std::string_view key);

/// Parses a LIST file (syntax above). `list_dir` is the folder relative paths are resolved
/// against. Throws InputError naming `display_path`, line and column.
std::vector<BatchEntry> parse_list(std::string_view text, const std::string& display_path, const std::string& list_dir);

/// Every repository under `dir`: working copies (a `.git` folder or file) and bare
/// repositories (HEAD, objects/ and refs/), found recursively without descending into a
/// repository, into hidden folders or through symbolic links; sorted by path. Throws
/// InputError when `dir` cannot be read. A folder under `dir` that cannot be listed (no
/// permission, an I/O error) is never skipped silently: it goes to `unreadable` (path and
/// reason), since repositories under it were not found.
struct UnreadableFolder {
  std::string path;    // normalised, as a location would be
  std::string reason;  // the system's message
};
std::vector<BatchEntry> discover_repositories(const std::string& dir, std::vector<UnreadableFolder>* unreadable = nullptr);

/// `--shard I/N`: I in 1..N (1-based, as job arrays count from 0 add 1).
struct Shard {
  std::uint32_t index = 1;
  std::uint32_t count = 1;
  /// Whether `entry` belongs to this shard: stable_hash(normalised location) mod N == I-1.
  /// The same location always lands in the same shard, whatever the order of the list.
  bool contains(const BatchEntry& entry) const;
};

/// Parses "I/N"; returns false and sets `why` when malformed or out of range.
bool parse_shard(std::string_view text, Shard& shard, std::string& why);

}  // namespace pacte::batch
