// One audit, from a path to a report document: open the repository, take the snapshot,
// load the charter, evaluate the rules, score, and gather facts and stats.
#pragma once
#include <cstdint>
#include <ctime>
#include <future>
#include <optional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "checks/base/blob_cache.hpp"
#include "checks/base/text.hpp"
#include "checks/engine/evaluate.hpp"
#include "checks/engine/rules.hpp"

namespace pacte {

/// Nothing could be audited (not a repository, bad revision, ...): exit code 2.
class AuditError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  /// A message with its French wording, for reports and batch rows in French.
  AuditError(const std::string& en, std::string fr) : std::runtime_error(en), fr_(std::move(fr)) {}
  /// The message in `lang` (English when no French wording was given).
  std::string in(Lang lang) const { return lang == Lang::fr && !fr_.empty() ? fr_ : std::string(what()); }

 private:
  std::string fr_;
};

struct AuditOptions {
  std::string path = ".";
  std::string rev = "HEAD";
  std::string charter_file;  // --charter: a file on disk, instead of looking in the tree
  bool worktree = false;     // --worktree: the files on disk, uncommitted changes included
  Lang lang = Lang::en;
  std::uint64_t max_file_size = 16ull << 20;
  EvidenceOptions evidence;
  Deadline deadline;  // --timeout: run_audit throws TimeLimitExceeded once it has passed
  /// The URL `pacte audit URL` was given (credentials removed), when `path` is its mirror:
  /// the report names it, and links to the evidence are built from it.
  std::string source_url;
  /// The audit time, when it is not now: a trend audits an older revision as of its commit
  /// date, so that time windows and waiver expiries are those of that day.
  std::optional<std::time_t> as_of;
  /// Content-derived evidence shared by the revisions of one trend (null: none kept).
  BlobCache* blob_cache = nullptr;
  /// `--cache DIR`: keep content-derived evidence and history records on disk in
  /// DIR/results/ for later audits (empty: none). Used when `blob_cache` is null.
  std::string result_cache_dir;
  /// Threads of one audit (`pacte audit --jobs`): above 1, the history is walked while the
  /// files are scanned, and the per-file scans use this many threads. 1 (the default, and what
  /// each job of `pacte batch` uses) runs the whole audit on the calling thread.
  unsigned jobs = 1;
};

/// The version key of the result cache for an audit with `options`: a hash of pacte's
/// version, of the running program (its code and built-in data, named by its build-id), of --max-file-size, of the
/// --signatures files and of the --license-data texts, so that a value kept by a run that
/// could derive anything else is never found. Empty when the program cannot be read.
std::string result_cache_key(const AuditOptions& options);

/// The GNU build-id of the running program (hex), which names its build in the version key;
/// empty when the linker wrote none (the key then hashes the program file instead).
std::string program_build_id();

/// Opens `cache` on disk in `options.result_cache_dir` (BlobCache::open) under
/// result_cache_key(). Throws AuditError naming the folder when it cannot be written; with no
/// key, warns once and leaves the cache in memory.
void open_result_cache(BlobCache& cache, const AuditOptions& options);

/// Writes what `cache` computed (BlobCache::save); a failure is a warning on standard error.
void save_result_cache(BlobCache& cache);

/// Runs one audit and returns the report document (docs/report.md). Throws AuditError,
/// InputError or CharterInvalid when nothing could be audited.
nlohmann::json run_audit(const AuditOptions& options, const RuleSet& rules);

/// One rule of the catalogue, as the report (`report["rules"]`) and `pacte rules --format json`
/// both carry it: id, principle, severity, then title, rationale and remediation each in both
/// languages (`{"en": ..., "fr": ...}`), and references (title, url). A report carrying these
/// can be rendered again, in any format and either language, without the rule modules.
nlohmann::json rule_catalogue_entry(const Rule& rule);

/// Gathers `facts` (docs/report.md) from the evidence modules; defined in facts.cpp.
nlohmann::json collect_facts(AuditContext& ctx);

/// pacte's version string.
const char* pacte_version();

}  // namespace pacte
