// Rule evaluation: the audit context that primitives read, the primitive registry, and the
// evaluation of a rule set into one result per rule.
#pragma once
#include <any>
#include <ctime>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/base/deadline.hpp"
#include "checks/base/snapshot.hpp"
#include "checks/base/text.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/rules.hpp"

struct git_repository;

namespace pacte {

struct HistoryState;
class PageJudgements;

/// The outcome of a rule. `undeclared`: the rule needs a declaration the audit has no
/// charter for (no charter at all, or a publiccode.yml that cannot say it); like `skip`, it is
/// left out of every score.
enum class Status { pass, fail, skip, error, waived, undeclared };
const char* status_name(Status s);

/// What a rule's verdict rests on: `evidence` judges the code alone (trackers found, licence
/// file, history, templates), `declaration` judges only what the charter says, `cross_check`
/// compares the declaration with the evidence.
enum class Basis { evidence, declaration, cross_check };
/// "evidence", "declaration" or "cross-check": the basis's name in reports and catalogues.
const char* basis_name(Basis b);

/// What a check primitive concludes.
struct CheckResult {
  Status status = Status::error;
  Text message;
  std::vector<Evidence> evidence;

  static CheckResult pass(Text msg, std::vector<Evidence> ev = {}) { return {Status::pass, std::move(msg), std::move(ev)}; }
  static CheckResult fail(Text msg, std::vector<Evidence> ev = {}) { return {Status::fail, std::move(msg), std::move(ev)}; }
  static CheckResult skip(Text msg) { return {Status::skip, std::move(msg), {}}; }
  static CheckResult error(Text msg) { return {Status::error, std::move(msg), {}}; }
  static CheckResult undeclared(Text msg, std::vector<Evidence> ev = {}) { return {Status::undeclared, std::move(msg), std::move(ev)}; }
};

/// Options that change what evidence modules look at.
struct EvidenceOptions {
  std::vector<std::string> signature_files;  // --signatures
  std::string license_data_dir;              // --license-data
  std::size_t max_evidence = 50;             // --max-matches: evidence kept per rule
};

/// Everything a primitive may look at. Expensive facts (licences, trackers, history...) are
/// computed once, on first use, and cached here.
class AuditContext {
 public:
  AuditContext(const Snapshot& snapshot, const Charter& charter, std::time_t now)
      : snapshot(snapshot), charter(charter), now(now) {}

  const Snapshot& snapshot;
  const Charter& charter;
  std::time_t now;
  git_repository* repo = nullptr;  // null outside git (--worktree on a plain folder)
  std::string head;                // commit id, empty outside git
  bool history_available = false;  // false for --worktree on a plain folder
  bool shallow = false;            // a shallow clone: history-based rules cannot judge
  std::uint64_t commits_walked = 0;
  /// The history walk started before this context (start_history_walk), which history_state
  /// waits for instead of walking again; null when none was started.
  const std::shared_future<HistoryState>* history_walk = nullptr;
  /// Pages judged while the tracker scan had them loaded (run_audit sets it), which the
  /// template scan takes instead of reading them again.
  PageJudgements* pages_ahead = nullptr;
  EvidenceOptions options;
  Deadline deadline;               // --timeout: checked between rules (and by the snapshot, history)

  /// Computes a fact once. `key` names it; `compute` runs on first use only. Safe from several
  /// threads at once: different keys are computed at the same time, and a thread that asks
  /// for a key being computed waits for that result. A `compute` that throws leaves the key
  /// to be computed again by the next caller.
  template <class T>
  T& cached(const std::string& key, const std::function<T()>& compute) {
    FactSlot* slot = nullptr;
    {
      std::lock_guard lock(cache_mutex_);
      auto& owned = cache_[key];
      if (!owned) owned = std::make_unique<FactSlot>();
      slot = owned.get();  // slots are never removed while the context lives
    }
    std::lock_guard computing(slot->computing);
    if (!slot->value) slot->value = std::make_shared<std::any>(compute());
    return std::any_cast<T&>(*slot->value);
  }

 private:
  /// One fact: its value once computed; `computing` is held while it is computed.
  struct FactSlot {
    std::mutex computing;
    std::shared_ptr<std::any> value;
  };
  std::mutex cache_mutex_;  // guards the table, not the facts
  std::map<std::string, std::unique_ptr<FactSlot>> cache_;
};

/// A check primitive: a C++ function rules refer to by name, with a JSON Schema for its
/// parameters (checked when a rule module is loaded) and what its verdict rests on.
struct Primitive {
  std::string name;
  Text description;
  nlohmann::json params_schema;
  std::function<CheckResult(AuditContext&, const nlohmann::json& params)> run;
  /// Optional further check of parameters at load time (e.g. that a pattern compiles);
  /// returns an error message, or "" when they are fine.
  std::function<std::string(const nlohmann::json& params)> validate;
  /// True when the primitive passes because something is absent from the files it reads
  /// (no tracker, no match, no binary). Such a pass cannot be trusted when files of the
  /// snapshot could not be read: the rule is then an `error`.
  bool passes_on_absence = false;
  /// What the primitive's verdict rests on; every registration states it.
  Basis basis = Basis::evidence;
  /// For a primitive that combines other checks (any_of): the basis from its parameters,
  /// replacing `basis` when set.
  std::function<Basis(const nlohmann::json& params)> basis_of;
};

/// The registry of built-in primitives.
const std::vector<Primitive>& primitives();
const Primitive* find_primitive(const std::string& name);

// Registration, one function per file of primitives (called by primitives()).
void register_general_primitives(std::vector<Primitive>& out);
void register_openness_primitives(std::vector<Primitive>& out);
void register_neutrality_primitives(std::vector<Primitive>& out);
void register_continuity_primitives(std::vector<Primitive>& out);
void register_equal_access_primitives(std::vector<Primitive>& out);

/// The basis of a check: its primitive's (or what a combining primitive derives from its
/// parameters); `evidence` for an unknown primitive.
Basis check_basis(const CheckSpec& check);

/// The basis of a rule: the basis of its check (conditions do not count).
Basis rule_basis(const Rule& rule);

/// The outcome of one rule.
struct RuleResult {
  const Rule* rule = nullptr;
  Status status = Status::error;
  Text message;
  std::vector<Evidence> evidence;
  std::size_t evidence_dropped = 0;  // evidence beyond the per-rule limit
  const Waiver* waiver = nullptr;    // the waiver that applied
  std::string fingerprint;           // stable across runs: rule + evidence paths and text
  std::vector<std::string> finding_fingerprints;  // one per evidence item (finding_fingerprint)
  std::size_t findings_waived = 0;                // findings removed by scoped policy waivers
  /// The scoped waivers that removed findings, each with how many (a finding is counted once,
  /// for the first waiver that covers it).
  std::vector<std::pair<const Waiver*, std::size_t>> scoped_waivers;
};

/// A stable fingerprint of one finding of rule `rule_id`: its path, whitespace-folded snippet
/// and note. `policy.waivers` may name it (or its first 8 digits or more) with `finding:`.
std::string finding_fingerprint(const std::string& rule_id, const Evidence& evidence);

/// Runs every rule of `rules` against `ctx`: conditions first (skip), then the check; an
/// exception inside a primitive becomes an `error` result, never a pass. Applicable waivers
/// turn failures into `waived`. Without any charter, a failure of a rule whose basis is not
/// `evidence` can only mean that the declaration is missing, and a `declaration` rule that
/// passes passes on absence: both become `undeclared`.
std::vector<RuleResult> evaluate_rules(const RuleSet& rules, AuditContext& ctx);

/// A stable hex fingerprint of `parts` (SHA-1 through libgit2).
std::string fingerprint_of(const std::vector<std::string>& parts);

}  // namespace pacte
