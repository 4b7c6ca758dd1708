// Running a batch: a pool of worker threads audits the entries, each with its own libgit2
// repository (run_audit opens one per call), hands every report to a writer as soon as it is
// done and keeps only the summary row, so memory does not grow with the number of
// repositories.
//
// Time limit (--timeout): pacte never abandons a running thread (the audit owns libgit2
// handles and memory that only it can release). The limit is checked while a remote is cloned
// or fetched (the transfer stops at it), and inside the audit at every file read, every 4,096
// commits of the history walk and between rules (checks/base/deadline.hpp): the audit then
// unwinds, releasing what it holds, and the repository gets an error row with no report.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/engine/audit.hpp"
#include "checks/engine/gate.hpp"
#include "checks/batch/batch_list.hpp"
#include "checks/batch/summary.hpp"

namespace pacte::batch {

struct BatchOptions {
  AuditOptions audit;        // applied to each entry; the entry's target, rev and charter override
  std::string out_dir;       // reports are read from here for --resume
  std::string cache_dir;     // mirrors of remote repositories
  unsigned jobs = 1;         // worker threads
  bool resume = false;       // skip entries whose report in out_dir is still current
  double timeout_seconds = 0;  // per repository; 0: no limit
  int retries = 2;             // network retries per remote
  std::chrono::milliseconds backoff{1000};

  Gate gate;                   // --fail-under, --fail-on: each report's `batch.gate`
  /// Whether --fail-under and --fail-on were given: an option not given leaves each
  /// repository's own policy (`policy.gate` of its charter) in force (gate_with_policy).
  bool fail_under_given = false, fail_on_given = false;

  /// Receives each report on a worker thread, its `batch.gate` set: an audit that just ran
  /// (`fresh`) or a current report found by --resume (`retagged` when its gate changed since
  /// it was written). Writes the report files. May throw std::exception: the entry then gets
  /// an error row.
  std::function<void(const BatchEntry&, const nlohmann::json& report, bool fresh, bool retagged)> on_report;
};

/// What a batch produced: one row per entry, in entry order, and counts for the log.
struct BatchOutcome {
  std::vector<SummaryRow> rows;
  int skipped = 0;  // reused by --resume
  unsigned jobs_refused = 0;  // worker threads the system would not create (the others did the work)
};

/// Progress on a stream: a single updating line on a terminal (done / failed / running,
/// repositories per second, ETA), plain log lines otherwise, in `lang`. Thread-safe.
class Progress {
 public:
  Progress(std::ostream& err, bool tty, bool quiet, std::size_t total, Lang lang = Lang::en);
  void started();
  void finished(const SummaryRow& row, bool skipped, double seconds);
  /// Ends the updating line.
  void close();

 private:
  void draw_locked();
  std::ostream& err_;
  bool tty_, quiet_;
  Lang lang_;
  std::size_t total_, done_ = 0, failed_ = 0, skipped_ = 0, running_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mu_;
};

/// The commit `rev` names in the repository at `path`, or empty when it cannot be resolved.
std::string resolve_commit(const std::string& path, const std::string& rev);

/// The largest charter file a list line may name (`charter=PATH`), read with this cap.
inline constexpr std::uint64_t kMaxCharterBytes = 1ull << 20;
/// The largest report or summary pacte batch and pacte merge read back (--resume, merge inputs).
inline constexpr std::uint64_t kMaxReportBytes = 256ull << 20;
/// The largest LIST file pacte batch reads.
inline constexpr std::uint64_t kMaxListBytes = 64ull << 20;

/// A hash of every option that changes what an audit detects, beyond the rules and the
/// language: --max-file-size, --max-matches, the content of each --signatures file and the
/// files of --license-data (names, sizes, modification times). Stored in each report's
/// `batch.options_hash`; --resume reuses a report only when it is the same.
std::string detection_options_hash(const AuditOptions& options);

/// Whether `report` (read from out_dir) is still current for `entry`: same pacte version,
/// language, rule-set hash, detection options (`options_hash`, see detection_options_hash; a
/// report without one is never current), commit and charter (the charter file's hash, or the
/// tree's charter when the commit is the same). `commit` is the commit the entry resolves to now.
bool report_is_current(const nlohmann::json& report, const std::string& commit, const std::string& charter_file,
                       const std::string& rules_hash, const std::string& options_hash, Lang lang);

/// Audits every entry with `options.jobs` threads. Never throws for one entry's failure: the
/// entry gets a row with its error.
BatchOutcome run_batch(const std::vector<BatchEntry>& entries, const RuleSet& rules, const BatchOptions& options,
                       Progress& progress);

}  // namespace pacte::batch
