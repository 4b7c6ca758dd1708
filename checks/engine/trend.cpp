#include "checks/engine/trend.hpp"

#include <git2.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>
#include <vector>

#include "checks/base/git.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/scoring.hpp"

namespace pacte {

std::optional<TrendSpec> parse_trend_spec(const std::string& text, std::string& error) {
  if (text == "tags") return TrendSpec{TrendMode::tags, 0};
  if (text == "monthly") return TrendSpec{TrendMode::monthly, 0};
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) {
    if (n >= 2 && n <= kMaxTrendPoints) return TrendSpec{TrendMode::count, n};
    error = "--trend " + text + ": give between 2 and " + std::to_string(kMaxTrendPoints) + " points";
    return std::nullopt;
  }
  error = "--trend " + text + ": expected tags, monthly or a number of points (2 to " + std::to_string(kMaxTrendPoints) + ")";
  return std::nullopt;
}

namespace {

struct RepoHandle {
  git_repository* repo = nullptr;
  ~RepoHandle() {
    if (repo) git_repository_free(repo);
  }
};

struct CommitHandle {
  git_commit* commit = nullptr;
  ~CommitHandle() {
    if (commit) git_commit_free(commit);
  }
};

/// One revision of the trend: what to audit, or why it cannot be.
struct TrendRevision {
  std::string commit;  // hex id; empty for a point that names no readable commit
  std::string tag;
  std::time_t date = 0;
  std::string error;
};

std::string hex_of(const git_oid* oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, oid);
  return hex;
}

/// The first-parent line back from `head`, newest first, at most `limit` commits, ending with
/// the first commit dated before `stop_before` (0: no date limit). Sets `broken` to the error
/// met when a parent cannot be read (the boundary of a shallow clone, or missing objects).
std::vector<std::pair<std::string, std::time_t>> first_parent_line(git_repository* repo, const git_oid& head, std::size_t limit,
                                                                   std::string& broken, std::time_t stop_before = 0) {
  std::vector<std::pair<std::string, std::time_t>> line;
  CommitHandle current;
  if (git_commit_lookup(&current.commit, repo, &head) != 0) {
    broken = git_message();
    return line;
  }
  while (line.size() < limit) {
    line.emplace_back(hex_of(git_commit_id(current.commit)), git_commit_time(current.commit));
    if (git_commit_parentcount(current.commit) == 0 || line.back().second < stop_before) break;
    CommitHandle parent;
    if (git_commit_parent(&parent.commit, current.commit, 0) != 0) {
      broken = git_message();
      break;
    }
    std::swap(current.commit, parent.commit);
  }
  return line;
}

/// The message of a point beyond the history the repository holds.
std::string truncated_history_error(bool shallow, const std::string& why) {
  if (shallow)
    return "the repository is a shallow clone: older revisions are not in it (git fetch --unshallow, or clone without --depth)";
  return "older revisions cannot be read: " + why;
}

/// Every tag whose commit is `head` or one of its ancestors, oldest first (by commit date,
/// then name), the newest kMaxTrendPoints kept. A tag whose object cannot be read is kept as
/// an error point.
std::vector<TrendRevision> tag_revisions(git_repository* repo, const git_oid& head) {
  std::vector<TrendRevision> out;
  git_reference_iterator* it = nullptr;
  if (git_reference_iterator_glob_new(&it, repo, "refs/tags/*") != 0) return out;
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it) == 0) {
    TrendRevision r;
    r.tag = git_reference_shorthand(ref);
    git_object* peeled = nullptr;
    if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) != 0) {
      r.error = "the tag's commit cannot be read: " + git_message();
      out.push_back(std::move(r));
    } else {
      const git_oid* id = git_object_id(peeled);
      if (git_oid_equal(id, &head) || git_graph_descendant_of(repo, &head, id) == 1) {
        r.commit = hex_of(id);
        r.date = git_commit_time(reinterpret_cast<git_commit*>(peeled));
        out.push_back(std::move(r));
      }
      git_object_free(peeled);
    }
    git_reference_free(ref);
  }
  git_reference_iterator_free(it);
  std::stable_sort(out.begin(), out.end(), [](const TrendRevision& a, const TrendRevision& b) {
    return std::tie(a.date, a.tag) < std::tie(b.date, b.tag);
  });
  if (out.size() > static_cast<std::size_t>(kMaxTrendPoints)) out.erase(out.begin(), out.end() - kMaxTrendPoints);
  return out;
}

/// The first day (00:00 UTC) of the month `months_back` months before the month of `t`.
std::time_t month_start(std::time_t t, int months_back) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  int month = tm.tm_year * 12 + tm.tm_mon - months_back;
  std::tm start{};
  start.tm_year = month / 12;
  start.tm_mon = month % 12;
  start.tm_mday = 1;
  return timegm(&start);
}

/// The main line as it stood at the end of each of the 11 months before the month of `now`
/// (the current month is the audited revision itself), oldest first; a month before the first
/// commit has no point, and the months the repository's history does not reach (a shallow
/// clone) are one error point, dated at the end of the newest of them.
std::vector<TrendRevision> monthly_revisions(git_repository* repo, const git_oid& head, std::time_t now, bool shallow) {
  std::string broken;
  auto line = first_parent_line(repo, head, 1000000, broken, month_start(now, 10));
  std::vector<TrendRevision> out;
  for (int back = 1; back <= 11; ++back) {
    const std::time_t end = month_start(now, back - 1);  // the month ends where the next one starts
    auto at = std::find_if(line.begin(), line.end(), [&](const auto& c) { return c.second < end; });
    TrendRevision r;
    if (at != line.end()) {
      r.commit = at->first;
      r.date = at->second;
    } else if (!broken.empty()) {
      // One point for every month the repository cannot go back to: the newest of them.
      r.date = end - 1;
      r.error = truncated_history_error(shallow, broken);
      out.push_back(std::move(r));
      break;
    } else {
      break;  // before the first commit
    }
    out.push_back(std::move(r));
  }
  std::reverse(out.begin(), out.end());
  // A month without a commit on the main line shows nothing new: one point per revision.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const TrendRevision& a, const TrendRevision& b) { return !a.commit.empty() && a.commit == b.commit; }),
            out.end());
  return out;
}

/// `points` commits evenly spaced along the first-parent line back from `head` (the oldest
/// the line reaches first, `head` last), fewer when the line is shorter.
std::vector<TrendRevision> spaced_revisions(git_repository* repo, const git_oid& head, int points, bool shallow) {
  std::string broken;
  auto line = first_parent_line(repo, head, 1000000, broken);
  std::vector<TrendRevision> out;
  if (!broken.empty()) {
    TrendRevision r;
    r.date = line.empty() ? 0 : line.back().second;
    r.error = truncated_history_error(shallow, broken);
    out.push_back(std::move(r));
  }
  if (line.empty()) return out;
  std::vector<std::size_t> picked;
  const std::size_t last = line.size() - 1;
  for (int i = points - 1; i >= 0; --i) {
    std::size_t index = last * static_cast<std::size_t>(i) / static_cast<std::size_t>(points - 1);
    if (picked.empty() || picked.back() != index) picked.push_back(index);
  }
  for (std::size_t index : picked) out.push_back({line[index].first, "", line[index].second, ""});
  return out;
}

/// The ids of the rules a report shows failing.
std::set<std::string> failing_rules(const nlohmann::json& report) {
  std::set<std::string> out;
  for (const auto& r : report["results"])
    if (r.value("status", "") == "fail") out.insert(r.value("rule", ""));
  return out;
}

/// A point of the trend from the report of its revision.
nlohmann::json point_of(const TrendRevision& rev, const nlohmann::json& report) {
  nlohmann::json principles = nlohmann::json::object();
  for (const auto& [name, p] : report["principles"].items()) principles[name] = p["score"];
  return {{"commit", report["repository"]["commit"]},
          {"tag", rev.tag.empty() ? nlohmann::json(nullptr) : nlohmann::json(rev.tag)},
          {"date", iso8601(rev.date)},
          {"score", report["score"]},
          {"verdict", report["verdict"]},
          {"principles", principles},
          {"charter", report["charter"]["path"]},
          {"error", nullptr}};
}

nlohmann::json error_point(const TrendRevision& rev, const std::string& why) {
  return {{"commit", rev.commit.empty() ? nlohmann::json(nullptr) : nlohmann::json(rev.commit)},
          {"tag", rev.tag.empty() ? nlohmann::json(nullptr) : nlohmann::json(rev.tag)},
          {"date", rev.date ? nlohmann::json(iso8601(rev.date)) : nlohmann::json(nullptr)},
          {"score", nullptr},
          {"verdict", "error"},
          {"principles", nlohmann::json::object()},
          {"charter", nullptr},
          {"error", to_valid_utf8(why)}};
}

}  // namespace

nlohmann::json run_trend_audit(const AuditOptions& options, const RuleSet& rules, const TrendSpec& spec) {
  BlobCache cache;
  if (!options.result_cache_dir.empty()) open_result_cache(cache, options);
  AuditOptions head_options = options;
  head_options.blob_cache = &cache;
  nlohmann::json report = run_audit(head_options, rules);
  const std::string head_hex = report["repository"]["commit"].is_string() ? report["repository"]["commit"].get<std::string>() : "";
  if (head_hex.empty()) throw AuditError(options.path + ": --trend needs a commit to go back from");

  // run_audit has opened the repository once already: its checks (ownership, worktree,
  // object format) have passed.
  RepoHandle handle;
  if (git_repository_open_ext(&handle.repo, options.path.c_str(), 0, nullptr) != 0)
    throw AuditError(options.path + ": the repository cannot be opened: " + git_message());
  git_oid head;
  git_oid_fromstr(&head, head_hex.c_str());
  const bool shallow = report["repository"].value("shallow", false);
  CommitHandle head_commit;
  if (git_commit_lookup(&head_commit.commit, handle.repo, &head) != 0)
    throw AuditError(options.path + ": " + head_hex + " cannot be read: " + git_message());
  const std::time_t head_date = git_commit_time(head_commit.commit);

  std::vector<TrendRevision> revisions;
  switch (spec.mode) {
    case TrendMode::tags: revisions = tag_revisions(handle.repo, head); break;
    case TrendMode::monthly: revisions = monthly_revisions(handle.repo, head, options.as_of ? *options.as_of : audit_now(), shallow); break;
    case TrendMode::count: revisions = spaced_revisions(handle.repo, head, spec.points, shallow); break;
  }
  // The audited revision is the last point, audited as of now: its point is the report's.
  std::string head_tag;
  revisions.erase(std::remove_if(revisions.begin(), revisions.end(),
                                 [&](const TrendRevision& r) {
                                   if (r.commit != head_hex) return false;
                                   if (head_tag.empty()) head_tag = r.tag;
                                   return true;
                                 }),
                  revisions.end());
  revisions.push_back({head_hex, head_tag, head_date, ""});

  nlohmann::json trend = nlohmann::json::array();
  std::optional<std::set<std::string>> previous;
  for (const auto& rev : revisions) {
    nlohmann::json point;
    std::optional<std::set<std::string>> failing;
    if (!rev.error.empty()) {
      point = error_point(rev, rev.error);
    } else if (rev.commit == head_hex) {
      point = point_of(rev, report);
      failing = failing_rules(report);
    } else {
      AuditOptions at = head_options;
      at.rev = rev.commit;
      at.as_of = rev.date;
      at.source_url.clear();
      try {
        nlohmann::json older = run_audit(at, rules);
        point = point_of(rev, older);
        failing = failing_rules(older);
      } catch (const TimeLimitExceeded&) {
        throw;
      } catch (const CharterInvalid& e) {
        std::string why = "the charter of this revision is not valid";
        if (!e.problems().empty()) why += ": " + e.problems().front();
        point = error_point(rev, why);
      } catch (const AuditError& e) {
        point = error_point(rev, e.in(options.lang));
      } catch (const std::exception& e) {
        point = error_point(rev, e.what());
      }
    }
    nlohmann::json started = nlohmann::json::array(), stopped = nlohmann::json::array();
    if (failing && previous) {
      for (const auto& id : *failing)
        if (!previous->count(id)) started.push_back(id);
      for (const auto& id : *previous)
        if (!failing->count(id)) stopped.push_back(id);
    }
    point["new_failures"] = started;
    point["fixed"] = stopped;
    if (failing) previous = std::move(failing);
    trend.push_back(std::move(point));
  }
  report["trend"] = std::move(trend);
  report["stats"]["trend_cache"] = {{"hits", cache.hits()}, {"misses", cache.misses()}};
  save_result_cache(cache);
  return report;
}

}  // namespace pacte
