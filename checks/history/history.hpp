// History facts: what the commit history says about a service's continuity (activity,
// contributors, releases). One streaming pass over the commits reachable from a revision.
//
// Date convention. A commit's date is its *committer* date, everywhere in this module (the
// 90/365-day windows, the monthly series, first/last commit, a contributor's last commit).
// It is the date `git rev-list --since` and `git log --since` filter on, so for an ordinary
// history (committer dates never older than a parent's) every count here equals
//   git rev-list --count --since=@<now - N*86400> <head>
// and every contributor set equals the mailmapped authors of
//   git log --use-mailmap --format=%aE --since=@<now - N*86400> <head>.
// A window holds the commits whose date is >= now - N days (future-dated commits included,
// as git does). When dates are skewed (a commit older than one of its parents), git's
// `--since` stops at the first too-old commit while this module counts every reachable commit
// in the window, like `git rev-list --since-as-filter`.
//
// Identities. Authors are mapped through the repository's mailmap exactly as
// `git log --use-mailmap` does: `.mailmap` in the working tree (for a bare repository,
// `HEAD:.mailmap`, or the blob named by `mailmap.blob`), then the file named by `mailmap.file`;
// email and name matching is case-insensitive, as in git. (libgit2 1.5.1's own mailmap
// matches case-sensitively, so the module parses mailmaps itself.) A contributor is one
// mailmapped email, compared lower-cased: two names with one email are one contributor.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <git2/oid.h>
#include <git2/types.h>
#include <nlohmann/json.hpp>

#include "checks/base/deadline.hpp"

namespace pacte {

class BlobCache;

/// One author, after mailmap. `name` and `email` are the mailmapped name and email of their
/// most recent commit (of several at the same time, the smallest name, then email).
struct Contributor {
  std::string name, email;
  int commits_365d = 0;
  int commits_total = 0;
  std::time_t last_commit = 0;
  bool bot = false;
};

/// Commits whose date falls in one calendar month (UTC), `month` as "2026-01".
struct MonthActivity {
  std::string month;
  int commits = 0;
};

/// What the history reachable from one commit shows. Times are Unix seconds, 0 when unknown.
struct HistoryFacts {
  std::time_t last_commit = 0, first_commit = 0;
  int commits_total = 0, commits_90d = 0, commits_365d = 0;
  int contributors_365d = 0;           // humans with a commit in the last 365 days, mailmap-merged
  int bot_commits_365d = 0;            // commits authored by bots in the last 365 days
  int contributor_absence_factor = 0;  // CHAOSS, over 365 days, humans only; 0 when no commits
  int tags = 0;                        // every refs/tags/* reference, reachable or not
  std::string last_tag;                // most recent tag by date (ties: greatest name)
  std::time_t last_tag_date = 0;       // tagger date (annotated) or the commit's date
  std::vector<MonthActivity> monthly;  // exactly 24 entries, oldest first, ending with the audit month
  std::vector<Contributor> contributors;  // bots included (flagged); sorted by commits_365d desc,
                                          // then commits_total desc, then name
  bool shallow = false;                // a shallow clone: the history is truncated
};

/// Walks the history reachable from `head` (a commit, or a tag peeled to one) once, in no
/// particular order, reading each commit object once. `now` is the audit time. In a shallow
/// repository the walk stops at the shallow boundary (as git does) and `shallow` is set.
/// Returns nullopt and sets `error` (when not null) when `head` or a reachable commit cannot be
/// read. libgit2 must be initialised by the caller.
/// The walk checks `deadline` every 1,024 commits each thread reads (throws TimeLimitExceeded).
/// With `objects` (the revisions of a trend, the result cache of `--cache`), what the walk
/// needs of each commit read (its header up to the committer line) is kept there, and the
/// commits an earlier walk kept are not read again: the facts are the same as without it.
/// With `jobs` above 1, a long history (over a few thousand commits) is read by that many
/// threads, each through a repository handle of its own opened from `repo`'s path; the facts
/// are the same as with one.
std::optional<HistoryFacts> analyze_history(git_repository* repo, const git_oid& head,
                                            std::time_t now, std::string* error,
                                            const Deadline& deadline = {}, BlobCache* objects = nullptr,
                                            unsigned jobs = 1);

/// The report's `facts.history` object (docs/report.md): last_commit, commits_90d, commits_365d,
/// contributors_365d, contributor_absence_factor, tags, last_tag, last_tag_date (times as
/// ISO 8601 UTC strings, null when unknown), plus first_commit, commits_total,
/// bot_commits_365d, shallow and monthly [{month, commits}].
nlohmann::json history_to_json(const HistoryFacts& facts);

/// Whether an author is an automated account: a name ending in `[bot]`, `-bot`, ` bot` or
/// `(bot)`, an email whose local part ends in `[bot]` or `-bot`, or a known bot (dependabot,
/// renovate, github-actions, greenkeeper, snyk, pre-commit-ci, weblate, ...).
bool is_bot(std::string_view name, std::string_view email);

/// The CHAOSS contributor absence factor of `commits` (one count per contributor): the
/// smallest number of contributors whose commits, counted from the largest down, add up to at
/// least half of the total. 0 when the total is 0.
int contributor_absence_factor(std::vector<int> commits);

/// A parsed mailmap, with git's semantics (case-insensitive matching; an entry with a commit
/// name applies only to that name; later entries override earlier ones).
class Mailmap {
 public:
  /// Adds the entries of a mailmap file's text.
  void parse(std::string_view text);
  /// Maps `name` and `email` in place. Returns true when an entry applied.
  bool resolve(std::string& name, std::string& email) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Info {
    std::optional<std::string> name, email;
  };
  struct Entry {
    Info simple;                                        // entry without a commit name
    std::unordered_map<std::string, Info> by_name;      // lower-cased commit name -> info
  };
  void add(std::optional<std::string> new_name, std::optional<std::string> new_email,
           std::optional<std::string> old_name, std::optional<std::string> old_email);
  std::unordered_map<std::string, Entry> entries_;  // lower-cased commit email -> entry
};

/// The largest mailmap read (a `.mailmap` blob or a `mailmap.file`); a larger one is ignored.
inline constexpr std::uint64_t kMaxMailmapBytes = 4ull << 20;

/// Loads the mailmap for an audit of `commit`: the `.mailmap` of that commit's tree (as
/// `git log --use-mailmap` reads it in a bare repository), never the working tree's, so the
/// same commit gives the same facts; then `mailmap.blob` and `mailmap.file` from the
/// repository's configuration. Missing files are not an error: the mailmap is then empty.
Mailmap load_mailmap(git_repository* repo, const git_oid& commit);

}  // namespace pacte
