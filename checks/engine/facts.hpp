// Facts computed once per audit from the evidence modules, shared by the primitives that
// judge them and by the report's `facts` section.
#pragma once
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "checks/a11y/languages.hpp"
#include "checks/a11y/statement.hpp"
#include "checks/a11y/templates.hpp"
#include "checks/engine/evaluate.hpp"
#include "checks/history/continuity.hpp"
#include "checks/history/history.hpp"
#include "checks/license/license.hpp"
#include "checks/trackers/detect.hpp"

namespace pacte {

/// The history facts, or why there are none (`error` empty when history is simply not
/// available, e.g. --worktree on a plain folder).
struct HistoryState {
  std::optional<HistoryFacts> facts;
  std::string error;
};
/// The history facts of the audit: the walk `ctx.history_walk` started, when there is one,
/// else a walk made now (once per audit).
const HistoryState& history_state(AuditContext& ctx);

/// Walks the history reachable from `commit_hex` through a repository handle of its own
/// opened from `repo`'s folder (the audit's handle when it cannot be opened again), with
/// `jobs` threads on a long history.
HistoryState walk_history(git_repository* repo, const std::string& commit_hex, std::time_t now, const Deadline& deadline,
                          BlobCache* cache, unsigned jobs);

/// Starts walk_history on another thread, so that the walk of the commits and the reading of
/// the tree and the files share the machine's cores; give the result to the audit's context
/// (`history_walk`). Invalid when no thread could be started. The walk opens its own
/// repository handle: `repo` may be used meanwhile, but `cache` must outlive the result, which
/// waits for the walk when its last copy is destroyed. A time limit met by the walk is thrown
/// again by each `get()`.
std::shared_future<HistoryState> start_history_walk(git_repository* repo, const std::string& commit_hex, std::time_t now,
                                                    const Deadline& deadline, BlobCache* cache, unsigned jobs);

/// Starts loading, on other threads, the data every audit needs and only the first one of a
/// process loads: the built-in tracker signatures and their pattern database, both stored by
/// the build (a compile of the patterns when this machine cannot load the stored database),
/// and libgit2's initialisation (ensure_libgit2). The caller loads rules meanwhile. The
/// returned future waits for the work when destroyed; a failure there is met again, and
/// reported, when an audit asks for the data. Invalid when no thread could be started: the
/// data are then loaded when first asked for.
std::future<void> prepare_audit_data();

/// The tracker signatures in force: the built-in ones plus --signatures files.
const SignatureSet& signature_set(AuditContext& ctx);

/// Licence files of the snapshot, identified.
const std::vector<LicenseFile>& license_files(AuditContext& ctx);

/// Trackers detected in the snapshot (built-in signatures plus --signatures files).
struct TrackerState {
  std::vector<TrackerDetection> detections;
  TrackerScanStats stats;
};
const TrackerState& tracker_state(AuditContext& ctx);

/// The accessibility statement: the declared one, else the best candidate found.
const StatementFacts& statement_facts(AuditContext& ctx);

/// One statement per front end when the repository holds several (see `app_statements`);
/// empty for a single front end, and when the charter declares the statement's path.
const std::vector<AppStatement>& app_statement_facts(AuditContext& ctx);

/// The snapshot's web pages judged by the template checks, with the charter's
/// `equal_access.accessibility.exclude` globs applied, and the files left out by reason.
const TemplateScan& template_scan(AuditContext& ctx);

/// Which files count as pages, by the charter's `equal_access.accessibility.exclude` globs.
PageSelection page_selection(const Charter& charter);

/// Accessibility defects in the snapshot's web pages (those of `template_scan`).
const std::vector<A11yDefect>& template_defects(AuditContext& ctx);

/// Languages the snapshot's translation catalogs offer.
const std::vector<LanguageEvidence>& language_evidence(AuditContext& ctx);

}  // namespace pacte
