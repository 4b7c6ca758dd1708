// Report output formats: pure functions from the report JSON document (docs/report.md) to the
// bytes a user, a CI system or a reviewer reads. A format never decides a verdict or a score;
// it only shows what the report says, in the report's language, escaped for its medium.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/base/text.hpp"

namespace pacte {

using nlohmann::json;

/// Where SARIF consumers send a user who wants to know what pacte is (`tool.driver.informationUri`).
inline constexpr std::string_view kPacteInformationUri = "https://github.com/pacte-service-public/pacte";

/// GitHub code scanning accepts at most this many results per SARIF run.
inline constexpr std::size_t kSarifMaxResults = 25000;

/// Default size cap of `render_markdown`: under GitHub's 65,536-character limit for a
/// pull-request comment, and far under the 1 MiB of `$GITHUB_STEP_SUMMARY`.
inline constexpr std::size_t kMarkdownMaxBytes = 60000;

/// The plain-text report for a terminal or a CI log (the default format): a one-screen summary,
/// then failures with evidence and remediation, errors and waivers. `color` adds ANSI colours.
std::string render_text(const json& report, Lang lang, bool color);

/// SARIF 2.1.0 for GitHub code scanning. Every rule of the report's catalogue
/// (`report["rules"]`, as `pacte rules --format json` describes them) becomes a
/// `tool.driver.rules` entry, then any rule a result names that the catalogue lacks; each
/// failing result is a SARIF result whose `partialFingerprints["pacte/v1"]` is the report's
/// fingerprint. Results without evidence are located on the charter file (or `pacte.yml`,
/// where one would be written), because GitHub rejects results without a location.
std::string render_sarif(const json& report, Lang lang);

/// The plain-text report (the default format), with ANSI colours when `color`.
std::string render_text(const json& report, Lang lang, bool color);

/// JUnit XML (GitLab, Jenkins): one `<testsuite>` per principle, one `<testcase>` per result.
std::string render_junit(const json& report, Lang lang);

/// A Markdown summary for `$GITHUB_STEP_SUMMARY` and pull-request comments: summary table, then
/// failures by severity with evidence and remediation, cut to at most `max_bytes` with a note
/// saying how many findings were left out.
std::string render_markdown(const json& report, Lang lang, std::size_t max_bytes = kMarkdownMaxBytes);

/// One self-contained HTML page (no network resource, works offline and printed): score,
/// verdict, a chart per principle, the 24-month activity chart, failures with evidence and
/// remediation, then the other results, with filters that need no JavaScript.
std::string render_html(const json& report, Lang lang);

/// A shields-style SVG badge, "pacte | 72.5 conditional", coloured by verdict.
std::string render_badge_svg(const json& report, Lang lang);

/// GitHub Actions workflow commands for failing results (`::error file=…,line=…,title=…::…`),
/// most severe first (new findings before known ones), at most `max` of them, then one
/// `::notice::` line counting the findings not shown. Each line ends with '\n'.
std::string github_annotations(const json& report, Lang lang, std::size_t max = 10);

/// The report with `"new": true|false` on every failing result: a failure is known when the
/// baseline has a failing result with the same rule and the same fingerprint (the engine
/// computes fingerprints from the rule, evidence paths and snippets, not line numbers). Adds
/// `report["baseline"] = {"new_failures": N, "known_failures": M}`.
json mark_new_findings(const json& report, const json& baseline);

/// Identity of a finding across runs: rule and fingerprint (or, for a report without
/// fingerprints, rule and evidence paths and snippets).
std::string finding_key(const json& result);

/// A score before and after; `std::nullopt` where a report has none (no rule evaluated).
struct ScoreChange {
  std::optional<double> before;
  std::optional<double> after;
  /// `after - before`, when both exist.
  std::optional<double> delta() const;
};

/// One finding named in a diff.
struct DiffFinding {
  std::string rule;
  std::string principle;
  std::string severity;
  std::string title;
  std::string message;
  std::string location;     ///< First evidence as `path:line`, or empty.
  std::string fingerprint;
  std::string status_now;   ///< For a fixed finding: the rule's status in the new report ("pass", "skip", "error", "waived", or "" when the rule is gone).
};

/// What changed between two reports of the same repository.
struct ReportDiff {
  ScoreChange score;
  std::string verdict_before;
  std::string verdict_after;
  std::vector<std::pair<std::string, ScoreChange>> principles;  ///< openness, neutrality, continuity, equal_access, then any other, in that order.
  std::vector<DiffFinding> new_failures;                        ///< Failing in the new report, not in the old one (by rule and fingerprint).
  std::vector<DiffFinding> fixed;                               ///< Failing in the old report, not in the new one.
  std::string old_commit;
  std::string new_commit;
};

ReportDiff diff_reports(const json& old_report, const json& new_report);

/// The diff for a terminal; `color` adds ANSI colours.
std::string render_diff(const ReportDiff& diff, Lang lang, bool color);

json diff_to_json(const ReportDiff& diff);

/// The report with its texts in `lang`: each result's title and remediation from the report's
/// rule catalogue (`rules`), its message from `messages`, and `lang` set. What the report does
/// not carry in `lang` (a report written before these fields, a rule missing from the
/// catalogue) stays as it is; French falls back to English where a text has no French.
json report_in_language(const json& report, Lang lang);

/// `summary.csv` of a batch, from the `summary.json` document (`{"pacte_batch": 1, "counts",
/// "rows": [...]}`): RFC 4180 quoting, LF line ends, header line first, numbers with one decimal.
std::string render_summary_csv(const json& summary);

/// `index.html` of a batch, from the `summary.json` document: one self-contained page (no
/// external resource), a table that reads well without JavaScript and sorts on a header click
/// with a few lines of inline script; each repository links to its HTML report.
std::string render_index_html(const json& summary, Lang lang);

/// Whether something got worse: a new failure, a lower score overall or in any principle, or a
/// worse verdict. `pacte diff` exits 1 when this is true.
bool diff_got_worse(const ReportDiff& diff);

}  // namespace pacte
