// The report vocabulary: every fixed word and sentence a user reads in a report, a summary or
// a command's output, in English and French, and the French way of writing numbers. One
// catalogue for every command and format: nothing else spells a verdict, a status, a severity
// or a principle.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "checks/base/text.hpp"

namespace pacte {

/// Every fixed string a user reads, in English and French.
enum class L {
  // Commands: pacte rules, explain, validate, init, batch progress.
  rules_in_force, explain_why, explain_how_checked, explain_only_when, explain_how_to_fix, defined_in, unknown_rule,
  did_you_mean, warning, no_charter_here, is_a_folder, cannot_read_file, valid_charter, charter_one_error,
  charter_many_errors, progress_audited, progress_current, progress_error, progress_line, progress_eta, progress_up_to_date, init_score,
  init_best_changes, init_now, init_fix, init_nothing_to_suggest, points, gate_failed, gate_score_below, gate_rule_failed, gate_rule_error, gate_critical_failed,
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
  // Text report and batch index.
  colon, audit_of, worktree_short, charter_none_short, not_available, new_since_baseline, count_passed,
  count_failed, count_errors, count_waived, count_skipped, not_evaluated, batch_title, batch_counts,
  batch_charter, gate, gate_pass, gate_fail,
  // Batch dashboard (index.html) and the comparison with a previous run.
  batch_verdicts, batch_not_audited, batch_principle_scores, batch_band_high, batch_band_mid, batch_band_low,
  batch_repositories, batch_critical, batch_change, batch_search, batch_filter_principle, batch_shown, batch_sorted,
  batch_previous, batch_removed, batch_removed_none, batch_added, batch_new_failures, batch_fixed_failures, batch_was,
  batch_rules_not_compared, batch_no_change, batch_distribution,
  // Per-repository page.
  evidence_count, activity_dormant,
  // What the audit read and left out: every format says it.
  files_not_read, read_summary, left_out_search, files_not_read_count,
  // The charter's policy (rules disabled or re-graded, findings waived, gate defaults).
  policy_applied, policy_disabled, policy_regraded, policy_findings_waived, policy_gate,
  // Evidence apart from declaration: the basis of a rule, its scores, the `undeclared` status.
  undeclared, undeclared_status, count_undeclared, undeclared_section, evidence_score, declaration_score, basis, gate_none,
  // The trend over earlier revisions (--trend).
  trend_title, trend_date, trend_revision, trend_changes, trend_chart, trend_no_change,
  count_  // not a label: the number of labels
};

std::string_view label(L id, Lang lang);

/// The four principles of the Pact, by key, in the order every report shows them.
inline constexpr std::string_view kPrinciples[] = {"openness", "neutrality", "continuity", "equal_access"};

/// Localised name of a principle key ("equal_access" → "Equal access" / "Égalité d'accès");
/// an unknown key is returned as it is.
std::string principle_label(std::string_view key, Lang lang);

/// "compliant" → "compliant" / "conforme", "no-charter" → "no charter" / "sans charte"; an
/// unknown verdict is returned as it is.
std::string verdict_label(std::string_view verdict, Lang lang);

/// The severities, most severe first: the one order every command and format uses.
inline constexpr std::string_view kSeverities[] = {"critical", "high", "medium", "low"};

/// Position of a severity in kSeverities (0 critical … 3 low), 4 for anything else.
int severity_rank(std::string_view severity);

/// A severity inside a sentence: "critical" → "critical" / "critique", "high" → "élevée".
std::string severity_word(std::string_view severity, Lang lang);

/// "critical" → "Critical" / "Critique".
std::string severity_label(std::string_view severity, Lang lang);

/// What a rule's verdict rests on: "evidence" → "evidence (the code alone)" / "preuves (le code
/// seul)", "declaration", "cross-check"; an unknown basis is returned as it is.
std::string basis_label(std::string_view basis, Lang lang);

/// The basis in one word, for tables: "evidence" / "preuves", "declaration" / "déclaration",
/// "cross-check" / "recoupement".
std::string basis_word(std::string_view basis, Lang lang);

/// "fail" → "Failed" / "Échec", "undeclared" → "Undeclared" / "Non déclarée".
std::string status_label(std::string_view status, Lang lang);

/// A score with one decimal, with a decimal comma in French; "–" when absent.
std::string format_score(std::optional<double> score, Lang lang);

/// A signed change with one decimal ("+7.5", "−2,0", "±0.0").
std::string format_delta(double delta, Lang lang);

/// A number with `decimals` decimals: "72.5" in English, "72,5" in French (decimal comma).
std::string format_number(double value, int decimals, Lang lang);

/// A percentage (`percent` out of 100) with `decimals` decimals: "72.5%" in English,
/// "72,5 %" in French (decimal comma, non-breaking space before %).
std::string format_percent(double percent, int decimals, Lang lang);

/// The non-breaking space (U+00A0) French typography puts before : ; ? ! % and inside « ».
inline constexpr std::string_view kNbsp = "\xC2\xA0";

/// `text` written with French typography when `lang` is French: the plain space before
/// `:` `;` `?` `!` `%` `»` and after `«` becomes a non-breaking space, and a digit directly
/// followed by `%` gets one. Text in English is returned unchanged. Identifiers such as
/// "file:12:3" or "https://" are left alone (no space precedes their colon).
std::string typeset(std::string_view text, Lang lang);

/// "1 error" / "3 errors": `one` when `count` is 1 (or 0 in French), `many` otherwise; the
/// label's "{}" receives the count.
std::string counted(std::size_t count, L one, L many, Lang lang);

}  // namespace pacte
