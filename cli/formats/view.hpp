// Internal to the output formats: the report JSON read once into typed values (missing or
// ill-typed fields become defaults, every string valid UTF-8), labels in both languages, and
// the escaping each medium needs.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/base/text.hpp"
#include "checks/base/url.hpp"
#include "checks/base/vocabulary.hpp"

namespace pacte::formats {

using nlohmann::json;

struct Reference {
  std::string title;
  std::string url;
};

struct Waiver {
  std::string reason;
  std::string until;
};

/// One rule result of the report.
struct Finding {
  std::size_t index = 0;  ///< Position in `results`, for stable ordering.
  std::string rule;
  std::string principle;
  std::string severity;
  std::string status;
  std::string basis;  ///< "evidence", "declaration", "cross-check"; empty in reports older than the basis.
  std::string title;  ///< Falls back to the rule id.
  std::string message;
  std::string remediation;
  std::string fingerprint;
  std::vector<Reference> references;
  std::vector<Evidence> evidence;
  std::optional<bool> is_new;
  std::optional<Waiver> waiver;
};

struct PrincipleSummary {
  std::string key;
  std::optional<double> score;
  std::optional<double> evidence_score, declaration_score;  ///< Absent in older reports.
  long long passed = 0, failed = 0, skipped = 0, errors = 0, waived = 0, undeclared = 0;
};

struct MonthActivity {
  std::string month;  ///< "YYYY-MM"
  long long commits = 0;
};

/// A file the audit could not read, and why.
struct UnreadFile {
  std::string path;
  std::string reason;
};

/// What the audit read (`stats` of the report).
struct ScanStats {
  long long files_scanned = 0;
  long long files_unreadable = 0;
  std::vector<UnreadFile> unreadable;
  long long commits_walked = 0;
  long long duration_ms = 0;
  long long files_left_out = 0;  ///< Vendored, generated, minified or lock files the tracker search skipped.
  std::vector<std::string> left_out_examples;
};

/// "Left out of the tracker search: 12 vendored, … files (dist/, vendor/)"; empty when none
/// was left out. Every format prints it: a "no tracker" over files never searched must say so.
std::string left_out_sentence(const ScanStats& stats, Lang lang);

/// "3 files could not be read"; empty when every file was read.
std::string unreadable_sentence(const ScanStats& stats, Lang lang);

struct ReportView {
  std::string pacte_version;
  std::string generated_at;
  std::string repo_path;
  std::string repo_url;  ///< The URL given to `pacte audit URL` (credentials removed), else empty.
  Forge forge;           ///< `repository.forge`: empty kind when unknown.
  std::vector<std::string> builtin_rules;  ///< Ids the catalogue marks `builtin` (they have a help page).
  /// What names the audited repository for a reader: the URL when one was given, else the path.
  const std::string& repo_shown() const { return repo_url.empty() ? repo_path : repo_url; }
  std::string commit;  ///< Empty when unknown.
  std::string ref;
  bool worktree = false;
  std::string charter_path;
  std::string charter_source;
  std::string service_name;  ///< The charter's service.name, else empty.
  std::vector<std::string> charter_errors;
  std::vector<std::string> charter_warnings;
  std::optional<double> score;
  std::optional<double> evidence_score, declaration_score;  ///< Absent in older reports.
  std::string verdict;
  std::vector<PrincipleSummary> principles;  ///< The four principles in the report's order, then any other.
  std::vector<Finding> results;
  bool has_history = false;
  std::vector<MonthActivity> monthly;
  json facts;  ///< Raw, for the facts section of the HTML page.
  std::optional<long long> new_failures;
  std::optional<long long> known_failures;
  ScanStats stats;
  json policy;  ///< `policy` of the report (the charter's policy), null when the charter has none.
};

/// "Policy applied": one sentence per rule the charter's policy disabled or re-graded, per
/// scoped waiver (the findings it waived), and the gate's defaults; empty when the report has
/// no policy or it changed nothing. Every format but SARIF prints them.
std::vector<std::string> policy_sentences(const ReportView& view, Lang lang);

/// Reads a report document; never throws on a malformed one.
ReportView read_report(const json& report);

/// A CSS class token from a report key (`equal_access`, `non-compliant`): [a-z0-9_-] only,
/// upper case lowered, anything else `_`; "none" for an empty key.
std::string css_token(std::string_view s);

/// The colour of a verdict (green, amber, red; grey for any other value), with white text on it
/// at a contrast of at least 4.5:1. The overall score takes it: a critical failure makes the
/// score red whatever its value.
const char* verdict_colour(std::string_view verdict);

/// Failing findings, most severe first, new before known, then in report order.
std::vector<const Finding*> failures_by_severity(const ReportView& view);

// ---- Escaping ----------------------------------------------------------------------------

// xml_clean, xml_escape and html_escape are in checks/base/text.hpp.

/// Text for Markdown outside code spans: one line, Markdown and HTML syntax neutralised,
/// '@' mentions broken so that a PR comment pings nobody.
std::string md_escape(std::string_view s);

/// A Markdown code span holding `s` on one line, whatever backticks it contains.
std::string md_code(std::string_view s);

/// Percent-encodes a repository-relative path for a URI reference: everything but unreserved
/// characters and '/' (so spaces, '%', ':', '#', '?', non-ASCII bytes).
std::string uri_encode_path(std::string_view path);

/// Whether `url` is an absolute http(s) URL safe to put in an href.
bool is_web_url(std::string_view url);

/// GitHub workflow command escaping: data (`%`, CR, LF) and properties (also `:` and `,`).
std::string gh_escape_data(std::string_view s);
std::string gh_escape_property(std::string_view s);

/// At most `max` bytes of `s`, cut at a UTF-8 character boundary, with "…" when cut.
std::string truncate_utf8(std::string_view s, std::size_t max);

/// Newlines, tabs and runs of spaces as single spaces, trimmed.
std::string one_line(std::string_view s);

/// "path:line", "path" when line is 0, or "" without a path.
std::string evidence_location(const Evidence& e);

/// The help page of a rule compiled into pacte (docs/rules/<id>.md in pacte's repository);
/// empty for a rule from a user's rule pack.
std::string rule_help_url(std::string_view rule_id);
std::string rule_help_url(const ReportView& view, std::string_view rule_id);

/// The web address of a piece of evidence (its file and line at the audited commit) when the
/// report knows the forge and the commit; empty otherwise (a worktree audit has no commit).
std::string evidence_url(const ReportView& view, const Evidence& e);

}  // namespace pacte::formats
