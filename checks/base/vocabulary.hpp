// The report vocabulary: every fixed word and sentence a user reads in a report, a summary or
// a command's output, in English and French, and the French way of writing numbers. One
// catalogue for every command and format: nothing else spells a verdict, a status, a severity
// or a principle.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "checks/base/text.hpp"

namespace pacte {

/// Every fixed string a user reads, in English and French.
enum class L {
  report_title, score, verdict, principle, principles, passed, failed, skipped, errors, waived,
  total, failures, no_failures, other_results, evidence, remediation, references, rule, severity,
  status, message, repository, commit, ref, worktree, generated, charter, charter_none,
  charter_errors, charter_warnings, activity, activity_none, commits, commits_in_24_months,
  more_findings, more_locations, see_full_report, new_finding, known_finding, baseline_summary,
  waiver_until, filters, filter_principle, filter_status, facts, licenses, trackers, languages,
  accessibility_statement, history, last_commit, commits_90d, commits_365d, contributors_365d,
  contributor_absence_factor, last_tag, none, not_scored, data_table, month, line, note,
  score_out_of, diff_title, diff_new, diff_fixed, diff_now, diff_unchanged, diff_worse,
  diff_better, diff_same, findings_not_shown, results_not_included, sarif_charter_location,
  pass_status, fail_status, skip_status, error_status, waived_status, charter_error_note,
  license_unknown, stats, files_scanned, duration, month_axis, show_all,
  count_  // not a label: the number of labels
};

std::string_view label(L id, Lang lang);

/// Localised name of a principle key ("equal_access" → "Equal access" / "Égalité d'accès");
/// an unknown key is returned as it is.
std::string principle_label(std::string_view key, Lang lang);

/// "compliant" → "compliant" / "conforme"; an unknown verdict is returned as it is.
std::string verdict_label(std::string_view verdict, Lang lang);

/// "critical" → "Critical" / "Critique".
std::string severity_label(std::string_view severity, Lang lang);

/// "fail" → "Failed" / "Échec".
std::string status_label(std::string_view status, Lang lang);

/// A score with one decimal, with a decimal comma in French; "–" when absent.
std::string format_score(std::optional<double> score, Lang lang);

/// A signed change with one decimal ("+7.5", "−2,0", "±0.0").
std::string format_delta(double delta, Lang lang);

}  // namespace pacte
