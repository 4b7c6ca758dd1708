#include "checks/engine/audit.hpp"

#include <git2.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include "checks/base/git.hpp"
#include "checks/base/loose_objects.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/scoring.hpp"
#include "pacte/version.hpp"

namespace pacte {

const char* pacte_version() { return PACTE_VERSION; }

namespace {

struct GitLib {
  GitLib() { git_libgit2_init(); }
  ~GitLib() { git_libgit2_shutdown(); }
};

struct RepoHandle {
  git_repository* repo = nullptr;
  ~RepoHandle() {
    if (repo) git_repository_free(repo);
  }
};

nlohmann::json evidence_json(const Evidence& e) {
  nlohmann::json j = {{"path", to_valid_utf8(e.path)}};
  j["line"] = e.line > 0 ? nlohmann::json(e.line) : nlohmann::json(nullptr);
  if (!e.snippet.empty()) j["snippet"] = to_valid_utf8(e.snippet);
  if (!e.note.empty()) j["note"] = to_valid_utf8(e.note);
  return j;
}

nlohmann::json both_languages(const Text& t) { return {{"en", to_valid_utf8(t.en)}, {"fr", to_valid_utf8(t.fr)}}; }

}  // namespace

nlohmann::json rule_catalogue_entry(const Rule& rule) {
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& ref : rule.references) refs.push_back({{"title", both_languages(ref.title)}, {"url", to_valid_utf8(ref.url)}});
  return {{"id", rule.id},
          {"principle", rule.principle},
          {"severity", severity_name(rule.severity)},
          {"title", both_languages(rule.title)},
          {"rationale", both_languages(rule.rationale)},
          {"remediation", both_languages(rule.remediation)},
          {"references", refs}};
}

nlohmann::json run_audit(const AuditOptions& opt, const RuleSet& rules) {
  static GitLib gitlib;
  auto started = std::chrono::steady_clock::now();
  std::time_t now = audit_now();
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(opt.path, ec)) throw AuditError(opt.path + ": no such file or folder");
  if (!fs::is_directory(opt.path, ec))
    throw AuditError(opt.path + ": not a folder; give the path of a repository (or a folder inside one)");

  RepoHandle handle;
  int rc = git_repository_open_ext(&handle.repo, opt.path.c_str(), 0, nullptr);
  if (rc != 0) handle.repo = nullptr;
  if (!handle.repo && !opt.worktree)
    throw AuditError(opt.path + ": not a git repository; use --worktree to audit the files of a plain folder");

  std::unique_ptr<Snapshot> snap;
  std::string commit_hex;
  std::string repo_path = fs::absolute(opt.path, ec).lexically_normal().string();
  bool shallow = false;
  LooseObjectCheck loose;
  if (handle.repo) {
    loose = check_loose_objects(handle.repo);
    if (!loose.fatal.empty() && !opt.worktree) throw AuditError(opt.path + ": " + loose.fatal);
    shallow = git_repository_is_shallow(handle.repo) == 1;
    const char* wd = git_repository_workdir(handle.repo);
    repo_path = wd ? std::string(wd) : std::string(git_repository_path(handle.repo));
    while (repo_path.size() > 1 && repo_path.back() == '/') repo_path.pop_back();
    git_object* obj = nullptr;
    bool has_head = revparse_single(&obj, handle.repo, opt.rev.c_str()) == 0;
    std::string rev_error = has_head ? std::string() : git_message();  // before other calls reset it
    git_commit* commit = nullptr;
    if (has_head) {
      if (git_object_peel(reinterpret_cast<git_object**>(&commit), obj, GIT_OBJECT_COMMIT) != 0) {
        git_object_free(obj);
        throw AuditError(opt.path + ": '" + opt.rev + "' does not name a commit");
      }
      git_object_free(obj);
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, git_commit_id(commit));
      commit_hex = hex;
    } else if (!opt.worktree || opt.rev != "HEAD") {
      bool empty = git_repository_head_unborn(handle.repo) == 1 && opt.rev == "HEAD";
      if (empty) throw AuditError(opt.path + ": the repository has no commit yet; commit first, or audit the files with --worktree");
      throw AuditError(opt.path + ": unknown revision '" + opt.rev + "': " + rev_error + "; give a branch, tag or commit of the repository");
    }
    if (opt.worktree) {
      if (!wd) throw AuditError(opt.path + ": a bare repository has no working tree; audit it without --worktree");
      snap = std::make_unique<DiskSnapshot>(repo_path);
    } else {
      char tree_hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(tree_hex, sizeof tree_hex, git_commit_tree_id(commit));
      try {
        snap = std::make_unique<GitSnapshot>(handle.repo, tree_hex, loose.truncated_blobs);
      } catch (const std::exception& e) {
        git_commit_free(commit);
        throw AuditError(opt.path + ": " + e.what());
      }
    }
    if (commit) git_commit_free(commit);
  } else {
    try {
      snap = std::make_unique<DiskSnapshot>(repo_path);
    } catch (const std::exception& e) {
      throw AuditError(e.what());
    }
  }
  snap->set_max_file_size(opt.max_file_size);
  snap->set_deadline(opt.deadline);
  opt.deadline.check();

  Charter charter;
  if (!opt.charter_file.empty()) {
    std::ifstream in(opt.charter_file, std::ios::binary);
    if (!in) throw InputError(opt.charter_file, {}, "cannot read the charter file");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    charter = load_charter(text, opt.charter_file, now, opt.lang);
  } else {
    charter = find_charter(*snap, now, opt.lang);
  }

  AuditContext ctx(*snap, charter, now);
  ctx.repo = handle.repo;
  ctx.head = commit_hex;
  ctx.history_available = handle.repo && !commit_hex.empty() && loose.fatal.empty();
  ctx.shallow = shallow;
  ctx.options = opt.evidence;
  ctx.deadline = opt.deadline;

  std::vector<RuleResult> results = evaluate_rules(rules, ctx);
  Score score = compute_score(results);
  nlohmann::json facts = collect_facts(ctx);

  nlohmann::json report;
  report["pacte_version"] = pacte_version();
  report["schema"] = 1;
  report["lang"] = opt.lang == Lang::fr ? "fr" : "en";
  report["generated_at"] = iso8601(now);
  report["repository"] = {{"path", to_valid_utf8(repo_path)},
                          {"commit", opt.worktree || commit_hex.empty() ? nlohmann::json(nullptr) : nlohmann::json(commit_hex)},
                          {"ref", opt.rev},
                          {"worktree", opt.worktree},
                          {"shallow", shallow}};
  nlohmann::json charter_errors = nlohmann::json::array(), charter_warnings = nlohmann::json::array();
  for (const auto& e : charter.errors) charter_errors.push_back(to_valid_utf8(e));
  for (const auto& w : charter.warnings) charter_warnings.push_back(to_valid_utf8(w));
  report["charter"] = {{"path", charter.source == "none" ? nlohmann::json(nullptr) : nlohmann::json(to_valid_utf8(charter.path))},
                       {"source", charter.source},
                       {"errors", charter_errors},
                       {"warnings", charter_warnings},
                       {"hash", fingerprint_of({charter.doc.dump()})}};
  report["rules_hash"] = rules.hash;
  report["score"] = score.score;
  report["verdict"] = score.verdict;
  nlohmann::json principles_json = nlohmann::json::object();
  for (const auto& p : principles()) {
    const auto& ps = score.principles[p];
    principles_json[p] = {{"score", ps.score ? nlohmann::json(*ps.score) : nlohmann::json(nullptr)},
                          {"passed", ps.passed},
                          {"failed", ps.failed},
                          {"skipped", ps.skipped},
                          {"errors", ps.errors},
                          {"waived", ps.waived}};
  }
  report["principles"] = principles_json;
  nlohmann::json results_json = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json j;
    j["rule"] = r.rule->id;
    j["principle"] = r.rule->principle;
    j["severity"] = severity_name(r.rule->severity);
    j["status"] = status_name(r.status);
    j["title"] = r.rule->title.in(opt.lang);
    j["message"] = to_valid_utf8(r.message.in(opt.lang));
    j["messages"] = {{"en", to_valid_utf8(r.message.in(Lang::en))}, {"fr", to_valid_utf8(r.message.in(Lang::fr))}};
    j["remediation"] = r.rule->remediation.in(opt.lang);
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& ref : r.rule->references) refs.push_back({{"title", ref.title.in(opt.lang)}, {"url", ref.url}});
    j["references"] = refs;
    nlohmann::json ev = nlohmann::json::array();
    for (const auto& e : r.evidence) ev.push_back(evidence_json(e));
    j["evidence"] = ev;
    j["fingerprint"] = r.fingerprint;
    if (r.waiver) j["waiver"] = {{"reason", r.waiver->reason}, {"until", r.waiver->until}};
    results_json.push_back(std::move(j));
  }
  report["results"] = results_json;
  // The catalogue of every rule in force, so that the report alone can be rendered again in
  // any format and either language (`pacte render`), SARIF rule descriptors included.
  nlohmann::json catalogue = nlohmann::json::array();
  for (const auto& rule : rules.rules) catalogue.push_back(rule_catalogue_entry(rule));
  report["rules"] = std::move(catalogue);
  report["facts"] = facts;
  nlohmann::json unreadable = nlohmann::json::array();
  for (const auto& u : snap->unreadable()) unreadable.push_back({{"path", to_valid_utf8(u.path)}, {"reason", to_valid_utf8(u.reason)}});
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  report["stats"] = {{"files_total", snap->files().size()},
                     {"files_scanned", snap->files_read()},
                     {"bytes_scanned", snap->bytes_read()},
                     {"files_unreadable", snap->unreadable().size()},
                     {"unreadable", unreadable},
                     {"commits_walked", ctx.commits_walked},
                     {"duration_ms", elapsed}};
  return report;
}

}  // namespace pacte
