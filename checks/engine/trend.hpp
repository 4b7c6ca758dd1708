// The trend of an audit over time (`pacte audit --trend`): which revisions to audit (release
// tags, month ends, or evenly spaced commits), each audited as `--rev` does with the charter of
// that revision, and what changed between consecutive points.
#pragma once
#include <ctime>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "checks/engine/audit.hpp"

namespace pacte {

/// How the revisions of a trend are chosen.
enum class TrendMode {
  tags,     // every tag reachable from the audited revision, oldest first
  monthly,  // the main line as it stood at the end of each of the last 12 months
  count,    // N commits evenly spaced along the first-parent line back from the revision
};

/// The `--trend` value: `tags`, `monthly` or a number of points.
struct TrendSpec {
  TrendMode mode = TrendMode::monthly;
  int points = 0;  // for TrendMode::count
};

/// Most points a trend shows: the newest are kept when there are more tags, and a larger N is
/// refused.
inline constexpr int kMaxTrendPoints = 60;

/// Parses a `--trend` value; nullopt with `error` set when it is none of the accepted forms.
std::optional<TrendSpec> parse_trend_spec(const std::string& text, std::string& error);

/// Audits the revisions `spec` selects back from `options.rev`, oldest first, and returns the
/// report of `options.rev` itself (run_audit's) with a `trend` array added (docs/report.md):
/// one point per revision with its date, commit, tag, score, verdict, principle scores and the
/// rules that started (`new_failures`) or stopped (`fixed`) failing since the previous point.
/// Older revisions are audited as of their commit date; a revision that cannot be audited
/// (missing objects, an invalid charter, beyond a shallow clone's boundary) is an `error` point.
/// Evidence of unchanged blobs is computed once (BlobCache). Throws as run_audit does when the
/// audited revision itself cannot be audited.
nlohmann::json run_trend_audit(const AuditOptions& options, const RuleSet& rules, const TrendSpec& spec);

}  // namespace pacte
