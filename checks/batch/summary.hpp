// The summary of a batch: one row per repository, and the `summary.json` document made of the
// rows (cli/formats renders `summary.csv` and `index.html` from that document). Rows hold nothing that changes from one run
// to the next (no timing, no date), and are sorted by location, so that merged shards give
// byte-identical summaries to one batch over the whole list.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/base/text.hpp"
#include "checks/batch/batch_list.hpp"

namespace pacte::batch {

/// A rule that failed in one repository's audit, as the summary keeps it: enough to say which
/// critical rules fail, which principles fail, and what changed since a previous run.
struct FailedRule {
  std::string rule;       // rule id
  std::string severity;   // critical | high | medium | low (as the rule declares it)
  std::string principle;  // openness | neutrality | continuity | equal_access (as the rule declares it)
  bool operator==(const FailedRule&) const = default;
};

/// What changed for one repository since a previous run of `pacte batch` (`--previous DIR`).
struct RowChange {
  bool added = false;                    // the previous run had no row for this list line
  std::optional<double> previous_score;  // empty when added or not audited then
  std::string previous_verdict;          // empty when added or not audited then
  bool rules_compared = false;           // both runs say which rules failed
  std::vector<std::string> new_failures;    // rule ids failing now and not then, sorted
  std::vector<std::string> fixed_failures;  // rule ids failing then and not now, sorted
};

/// One repository's line in the summary.
struct SummaryRow {
  std::string location;
  std::string charter;  // as the list line set it, or empty
  std::string rev;      // as the list line set it, or empty
  std::string report;   // "<stem>.json" next to the summary, or empty when not audited
  std::string commit;   // audited commit, or empty
  std::optional<double> score;
  std::optional<double> evidence_score;  // the score over evidence rules: ranks charter-less services
  std::string verdict;
  std::optional<double> principles[4];  // openness, neutrality, continuity, equal_access
  int failures = 0;                     // results with status "fail"
  int critical_failures = 0;
  int undeclared = 0;                   // results with status "undeclared"
  std::vector<FailedRule> failed_rules;  // sorted by rule id, each once
  bool failed_rules_known = true;        // false for a row read from a summary that predates the list
  std::optional<RowChange> change;       // only when the run was compared with a previous one
  std::string gate;   // "pass" | "fail" | "none" (no gate asked), or empty when not audited
  std::string error;     // why the repository could not be audited, or empty
  std::string error_fr;  // the same in French, when it has a French wording (else empty)

  bool audited() const { return error.empty(); }
  std::string sort_key() const { return location + '\n' + charter + '\n' + rev; }
};

/// The row of an audited repository, from its report (and the gate verdict pacte batch tagged
/// it with, `report["batch"]["gate"]`).
SummaryRow row_from_report(const BatchEntry& entry, const nlohmann::json& report);

/// The object `pacte batch` adds to each report it writes (`report["batch"]`), so that a
/// report alone says which list line it answers (pacte merge reads it back).
nlohmann::json batch_tag(const BatchEntry& entry, const std::string& gate);

/// The row of a report written by `pacte batch` (with its `batch` object); nullopt when the
/// document is not such a report.
std::optional<SummaryRow> row_from_batch_report(const nlohmann::json& report, const std::string& report_file);

nlohmann::json row_to_json(const SummaryRow& row);
/// Throws std::runtime_error when `j` is not a valid summary row: a field of the wrong type, a
/// score outside 0-100, an unknown verdict or gate word, a report that is not a plain file name.
SummaryRow row_from_json(const nlohmann::json& j);
/// Why `row` is not a valid summary row (see row_from_json), or empty when it is.
std::string row_problem(const SummaryRow& row);

/// The format version of `summary.json` (its "pacte_batch" member); merge reads only this one.
inline constexpr int kSummaryFormatVersion = 1;

/// Sorts rows by location (then charter, rev) and drops duplicates of one list line,
/// keeping an audited row over an error row, else the later one.
void sort_and_dedupe(std::vector<SummaryRow>& rows);

/// Counts for the summary header and the exit code.
struct SummaryCounts {
  int total = 0, audited = 0, failed = 0, gate_failed = 0;
};
SummaryCounts count_rows(const std::vector<SummaryRow>& rows);

/// The rows of a previous run that no longer appear in this one, and where that run was.
struct PreviousRun {
  std::string folder;                // as the user gave it to --previous
  std::vector<SummaryRow> removed;   // rows of the previous run with no row in this one
};

/// Compares `rows` with the rows of a previous run: sets each row's `change` (score and verdict
/// then, rules failing now and not then, fixed ones) and returns the previous rows that have
/// no row now. Rows are matched by list line (location, charter, rev).
PreviousRun compare_with_previous(std::vector<SummaryRow>& rows, const std::vector<SummaryRow>& previous, const std::string& folder);

/// The `summary.json` document: {"pacte_batch": 1, "pacte_version", "counts": {...}, "rows": [...]},
/// and {"previous": {"folder", "removed": [...]}} when the run was compared with a previous one.
nlohmann::json summary_document(const std::vector<SummaryRow>& rows, const PreviousRun* previous = nullptr);
/// `summary.json`: the summary document, indented, with a final newline.
std::string render_summary_json(const std::vector<SummaryRow>& rows);
/// Whether `doc` is a `summary.json` document.
bool is_summary_json(const nlohmann::json& doc);
/// The rows of a `summary.json` document. Throws std::runtime_error when malformed, of another
/// format version, or when a row is not valid (row_from_json).
std::vector<SummaryRow> rows_from_summary_json(const nlohmann::json& doc);

}  // namespace pacte::batch
