#include "checks/engine/audit.hpp"

#include <git2.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <optional>
#include <vector>

#include "checks/base/git.hpp"
#include "checks/base/url.hpp"
#include "checks/base/loose_objects.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/facts.hpp"
#include "checks/engine/policy.hpp"
#include "checks/engine/scoring.hpp"
#include "pacte/version.hpp"

namespace pacte {

const char* pacte_version() { return PACTE_VERSION; }

namespace {


struct RepoHandle {
  git_repository* repo = nullptr;
  ~RepoHandle() {
    if (repo) git_repository_free(repo);
  }
};

nlohmann::json evidence_json(const Evidence& e, Lang lang) {
  nlohmann::json j = {{"path", to_valid_utf8(e.path)}};
  j["line"] = e.line > 0 ? nlohmann::json(e.line) : nlohmann::json(nullptr);
  if (!e.snippet.empty()) j["snippet"] = to_valid_utf8(e.snippet);
  if (!e.note_in(lang).empty()) j["note"] = to_valid_utf8(e.note_in(lang));
  // A note with words carries both languages, so the report can be rendered in the other one.
  if (!e.note_fr.empty()) j["notes"] = {{"en", to_valid_utf8(e.note)}, {"fr", to_valid_utf8(e.note_fr)}};
  return j;
}

/// The git folder (a bare repository or a `.git` folder) that `path` is, or lies inside, or
/// nullopt. A git folder is named `.git`, or holds HEAD, objects/ and refs/.
std::optional<std::string> enclosing_git_folder(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  if (ec) return std::nullopt;
  for (; !p.empty(); p = p.parent_path()) {
    bool is_git = p.filename() == ".git" ||
                  (fs::is_regular_file(p / "HEAD", ec) && fs::is_directory(p / "objects", ec) && fs::is_directory(p / "refs", ec));
    if (is_git) return p.string();
    if (p == p.root_path()) break;
  }
  return std::nullopt;
}

/// The git folder of the repository at or above `path`: its `.git` entry (folder or file), or
/// the bare repository itself; nullopt when there is none.
std::optional<std::string> enclosing_git_entry(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::path p = fs::weakly_canonical(path, ec); !p.empty(); p = p.parent_path()) {
    if (fs::exists(fs::symlink_status(p / ".git", ec))) return (p / ".git").string();
    if (fs::is_regular_file(p / "HEAD", ec) && fs::is_directory(p / "objects", ec) && fs::is_directory(p / "refs", ec)) return p.string();
    if (p == p.root_path()) break;
  }
  return std::nullopt;
}

/// True when `gitdir` belongs to another user than the one running pacte.
bool owned_by_another_user(const std::string& gitdir) {
  struct stat st {};
  return ::stat(gitdir.c_str(), &st) == 0 && st.st_uid != ::geteuid();
}

/// The `core.worktree` that the config file of `gitdir` sets, or "".
std::string configured_worktree(const std::string& gitdir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path file = fs::path(gitdir) / "config";
  if (!fs::is_regular_file(file, ec)) return "";
  std::string value;
  git_config* config = nullptr;
  if (git_config_open_ondisk(&config, file.c_str()) == 0) {
    git_buf buf = GIT_BUF_INIT;
    if (git_config_get_string_buf(&buf, config, "core.worktree") == 0) value.assign(buf.ptr, buf.size);
    git_buf_dispose(&buf);
    git_config_free(config);
  }
  return value;
}

/// True when the repository at or above `path` declares the SHA-256 object format.
bool uses_sha256(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::path p = fs::weakly_canonical(path, ec); !p.empty(); p = p.parent_path()) {
    for (const fs::path& config : {p / ".git" / "config", p / "config"}) {
      if (!fs::is_regular_file(config, ec) || fs::file_size(config, ec) > (1u << 20)) continue;
      std::ifstream in(config);
      std::string line;
      while (std::getline(in, line)) {
        std::string squeezed;
        for (char c : line)
          if (c != ' ' && c != '\t') squeezed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (squeezed == "objectformat=sha256") return true;
      }
    }
    if (p == p.root_path()) break;
  }
  return false;
}

/// Whether the repository's working tree is not the folder that holds its `.git`
/// (`core.worktree` pointing elsewhere, `/etc` say, or a bare mirror whose configuration does
/// not say `bare = true`). With `refuse` (--worktree), throws AuditError instead: pacte audits
/// the folder it was given, never one its configuration names.
bool foreign_worktree(git_repository* repo, const std::string& given, bool refuse) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const char* wd = git_repository_workdir(repo);
  if (!wd) return false;
  fs::path workdir = fs::weakly_canonical(wd, ec);
  // The folder that holds the `.git` entry met first on the way up from the given path.
  fs::path natural;
  for (fs::path p = fs::weakly_canonical(given, ec); !p.empty(); p = p.parent_path()) {
    if (fs::exists(fs::symlink_status(p / ".git", ec))) {
      natural = p;
      break;
    }
    if (p == p.root_path()) break;
  }
  if (!natural.empty() && workdir == natural) return false;
  // A commit audit reads the object database only: the working tree libgit2 chose is never
  // read, so it is enough not to name it. Only --worktree would read it.
  if (!refuse) return true;
  std::string setting;
  git_config* config = nullptr;
  if (git_repository_config_snapshot(&config, repo) == 0) {
    git_buf value = GIT_BUF_INIT;
    if (git_config_get_string_buf(&value, config, "core.worktree") == 0) setting = std::string(value.ptr, value.size);
    git_buf_dispose(&value);
    git_config_free(config);
  }
  std::string where = workdir.string();
  if (!setting.empty())
    throw AuditError(given + ": the repository's configuration sets core.worktree = " + setting + " (" + where +
                     "), outside the folder given; pacte never audits files its configuration points at: remove the setting "
                     "(git config --unset core.worktree) or audit that folder itself");
  throw AuditError(given + ": the repository's working tree is " + where +
                   ", outside the folder given; pacte never audits files its configuration points at");
}

/// What to say when HEAD names a branch that has no commit: an empty repository, or a HEAD
/// left on a branch that does not exist while others do.
std::string unborn_head_message(git_repository* repo, const std::string& given) {
  std::string branch = "?";
  git_reference* head = nullptr;
  if (git_reference_lookup(&head, repo, "HEAD") == 0) {
    if (const char* target = git_reference_symbolic_target(head)) branch = target;
    git_reference_free(head);
  }
  std::string shown = branch.rfind("refs/heads/", 0) == 0 ? branch.substr(11) : branch;
  std::vector<std::string> others;
  git_reference_iterator* it = nullptr;
  if (git_reference_iterator_glob_new(&it, repo, "refs/heads/*") == 0) {
    git_reference* ref = nullptr;
    while (others.size() < 5 && git_reference_next(&ref, it) == 0) {
      others.push_back(git_reference_shorthand(ref));
      git_reference_free(ref);
    }
    git_reference_iterator_free(it);
  }
  if (others.empty())
    return given + ": HEAD points to branch '" + shown + "', which has no commit yet (an empty repository); commit first, or audit the files with --worktree";
  std::string list;
  for (const auto& o : others) list += (list.empty() ? "" : ", ") + o;
  return given + ": HEAD points to branch '" + shown + "', which does not exist; the repository has other branches (" + list +
         "): give one with --rev";
}

nlohmann::json both_languages(const Text& t) { return {{"en", to_valid_utf8(t.en)}, {"fr", to_valid_utf8(t.fr)}}; }

}  // namespace

nlohmann::json rule_catalogue_entry(const Rule& rule) {
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& ref : rule.references) refs.push_back({{"title", both_languages(ref.title)}, {"url", to_valid_utf8(ref.url)}});
  return {{"id", rule.id},
          {"principle", rule.principle},
          {"severity", severity_name(rule.severity)},
          {"basis", basis_name(rule_basis(rule))},
          {"title", both_languages(rule.title)},
          {"rationale", both_languages(rule.rationale)},
          {"remediation", both_languages(rule.remediation)},
          {"references", refs},
          {"builtin", rule.builtin}};
}

nlohmann::json run_audit(const AuditOptions& opt, const RuleSet& rules) {
  ensure_libgit2();
  auto started = std::chrono::steady_clock::now();
  std::time_t now = opt.as_of ? *opt.as_of : audit_now();
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(opt.path, ec))
    throw AuditError(opt.path + ": no such file or folder", opt.path + "\u00a0: aucun fichier ni dossier de ce nom");
  if (!fs::is_directory(opt.path, ec))
    throw AuditError(opt.path + ": not a folder; give the path of a repository (or a folder inside one)");

  // --worktree audits the files of a working copy: a git folder (bare repository, `.git`)
  // holds git's own files, which would be audited as if they were the project's.
  if (opt.worktree) {
    if (auto gitdir = enclosing_git_folder(opt.path))
      throw AuditError(opt.path + ": " + (*gitdir == fs::weakly_canonical(opt.path, ec).string() ? "this folder" : *gitdir) +
                       " is a git folder (a bare repository or a .git folder), not a working copy; --worktree audits the files of "
                       "a working copy: give its folder, or audit the repository without --worktree");
  }

  RepoHandle handle;
  int rc = git_repository_open_ext(&handle.repo, opt.path.c_str(), 0, nullptr);
  if (rc != 0) {
    std::string why = git_message();
    handle.repo = nullptr;
    // libgit2 1.5.1 reports an untrusted owner as GIT_ENOTFOUND ("config value 'safe.directory'
    // was not found"): the owner of the git folder is compared here.
    const auto gitdir = enclosing_git_entry(opt.path);
    const std::string configured = gitdir ? configured_worktree(*gitdir) : std::string();
    if (!configured.empty())
      throw AuditError(opt.path + ": the repository's configuration sets core.worktree = " + configured +
                       ", which cannot be used (" + why + "); pacte never audits files its configuration points at: remove the "
                       "setting (git config --unset core.worktree)");
    const bool untrusted = rc == GIT_EOWNER || (gitdir && owned_by_another_user(*gitdir) &&
                                                (why.find("safe.directory") != std::string::npos || why.find("owne") != std::string::npos));
    if (untrusted && !opt.worktree)
      throw AuditError(opt.path + ": the repository is owned by another user, and git (like libgit2) refuses such a repository "
                       "unless it is trusted; if you trust it: git config --global --add safe.directory " +
                       fs::absolute(opt.path, ec).lexically_normal().string());
    if (!opt.worktree && (why.find("objectformat") != std::string::npos || uses_sha256(opt.path)))
      throw AuditError(opt.path + ": a SHA-256 repository (extensions.objectformat = sha256); libgit2 1.5, which pacte uses, cannot "
                       "read SHA-256 repositories: audit a SHA-1 mirror, or the files with --worktree");
    if (rc != GIT_ENOTFOUND && !opt.worktree)
      throw AuditError(opt.path + ": the repository cannot be opened: " + why);
  }
  if (!handle.repo && !opt.worktree)
    throw AuditError(opt.path + ": not a git repository; use --worktree to audit the files of a plain folder");
  const bool foreign = handle.repo && foreign_worktree(handle.repo, opt.path, opt.worktree);

  // --cache DIR: a result cache of this audit's own, unless a trend shares one.
  std::unique_ptr<BlobCache> own_cache;
  if (!opt.blob_cache && !opt.result_cache_dir.empty()) {
    own_cache = std::make_unique<BlobCache>();
    open_result_cache(*own_cache, opt);
  }
  BlobCache* const blob_cache = own_cache ? own_cache.get() : opt.blob_cache;
  // With more than one thread, the history is walked on its own from the moment the commit is
  // known, while this thread reads the tree, the charter and the files. Declared after the
  // cache it reads, and before the context: it is waited for before either goes.
  std::shared_future<HistoryState> history_walk;

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
    repo_path = wd && !foreign ? std::string(wd) : std::string(git_repository_path(handle.repo));
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
      if (opt.jobs > 1 && loose.fatal.empty())
        history_walk = start_history_walk(handle.repo, commit_hex, now, opt.deadline, blob_cache, opt.jobs);
    } else if (!opt.worktree || opt.rev != "HEAD") {
      if (git_repository_head_unborn(handle.repo) == 1 && opt.rev == "HEAD") throw AuditError(unborn_head_message(handle.repo, opt.path));
      // libgit2 says "not found" for a pack it could not open, map or read: say what is wrong.
      if (std::string damage = revision_object_store_damage(handle.repo, opt.rev.c_str()); !damage.empty())
        throw AuditError(opt.path + ": " + damage);
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
  snap->set_blob_cache(blob_cache);
  snap->set_jobs(opt.jobs);
  opt.deadline.check();

  Charter charter;
  if (!opt.charter_file.empty()) {
    charter = load_charter(read_charter_file(opt.charter_file, opt.lang), opt.charter_file, now, opt.lang);
  } else {
    charter = find_charter(*snap, now, opt.lang);
  }
  {
    std::vector<std::string> rule_ids;
    for (const auto& rule : rules.rules) rule_ids.push_back(rule.id);
    warn_unknown_waivers(charter, rule_ids, opt.lang);
  }
  // The charter's policy: red lines checked (CharterInvalid), then disabled rules left out and
  // re-graded rules given their new severity, for the results, the scores and the catalogue.
  check_policy(charter, rules, opt.lang);
  const RuleSet in_force = apply_rule_policy(rules, charter);

  AuditContext ctx(*snap, charter, now);
  ctx.repo = handle.repo;
  ctx.head = commit_hex;
  ctx.history_available = handle.repo && !commit_hex.empty() && loose.fatal.empty();
  ctx.shallow = shallow;
  ctx.options = opt.evidence;
  ctx.deadline = opt.deadline;

  if (ctx.history_available && history_walk.valid()) ctx.history_walk = &history_walk;
  // The checks that read files after the tracker scan take what they need from each file while
  // it is loaded (the pages are judged, the statement search notes the files that never say
  // "accessib"): a tree larger than the snapshot's content budget is then inflated once.
  PageJudgements pages_ahead(*snap, page_selection(charter));
  snap->note_word(std::string(kAccessibilityWord));
  snap->add_load_observer([&pages_ahead](const FileEntry& entry, const FileContent& content) {
    pages_ahead.observe(entry, content);
  });
  struct ForgetObservers {
    Snapshot& snapshot;
    ~ForgetObservers() { snapshot.clear_load_observers(); }
  } forget_observers{*snap};
  ctx.pages_ahead = &pages_ahead;
  if (ctx.history_walk) {
    // Meanwhile this thread reads the files: the facts every report carries (collect_facts
    // below) are computed now, before a rule that judges the history waits for the walk. A
    // fact that fails is left to the rules that ask for it, which report it as an error.
    const std::function<void()> file_facts[] = {
        [&] { tracker_state(ctx); }, [&] { template_scan(ctx); },     [&] { license_files(ctx); },
        [&] { statement_facts(ctx); }, [&] { app_statement_facts(ctx); }, [&] { language_evidence(ctx); }};
    for (const auto& fact : file_facts) {
      try {
        fact();
      } catch (const TimeLimitExceeded&) {
        throw;
      } catch (...) {
      }
    }
  }
  std::vector<RuleResult> results = evaluate_rules(in_force, ctx);
  warn_unused_waivers(charter, results, opt.lang);
  Score score = compute_score(results, charter.source != "none");
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
  if (!opt.source_url.empty()) report["repository"]["url"] = to_valid_utf8(opt.source_url);
  // The forge, for links to each piece of evidence at the audited commit: the URL audited,
  // else the remote of the repository, else the repository the charter declares.
  {
    std::pair<std::string, std::string> candidates[] = {
        {"url", opt.source_url}, {"remote", handle.repo ? remote_url_of(handle.repo) : std::string()}, {"charter", std::string()}};
    if (const nlohmann::json* declared = charter.field("service.repository"); declared && declared->is_string())
      candidates[2].second = declared->get<std::string>();
    for (const auto& [from, url] : candidates) {
      Forge forge = forge_of(url);
      if (forge.kind.empty()) continue;
      report["repository"]["forge"] = {{"kind", forge.kind}, {"url", to_valid_utf8(forge.web_url)}, {"from", from}};
      break;
    }
  }
  nlohmann::json charter_errors = nlohmann::json::array(), charter_warnings = nlohmann::json::array();
  for (const auto& e : charter.errors) charter_errors.push_back(to_valid_utf8(e));
  for (const auto& w : charter.warnings) charter_warnings.push_back(to_valid_utf8(w));
  report["charter"] = {{"path", charter.source == "none" ? nlohmann::json(nullptr) : nlohmann::json(to_valid_utf8(charter.path))},
                       {"source", charter.source},
                       {"errors", charter_errors},
                       {"warnings", charter_warnings},
                       {"hash", fingerprint_of({charter.doc.dump()})}};
  if (charter.policy.present) report["policy"] = policy_report(charter, rules, results);
  // The service's name, for the titles of the pages a reviewer reads (pacte.yml's service.name,
  // or publiccode.yml's name when it stands as the charter).
  if (const nlohmann::json* name = charter.field("service.name"); name && name->is_string() && !name->get<std::string>().empty())
    report["charter"]["service_name"] = to_valid_utf8(name->get<std::string>());
  report["rules_hash"] = rules.hash;
  auto optional_score = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  report["score"] = score.score;
  report["evidence_score"] = optional_score(score.evidence_score);
  report["declaration_score"] = optional_score(score.declaration_score);
  report["verdict"] = score.verdict;
  nlohmann::json principles_json = nlohmann::json::object();
  for (const auto& p : principles()) {
    const auto& ps = score.principles[p];
    principles_json[p] = {{"score", optional_score(ps.score)},
                          {"evidence_score", optional_score(ps.evidence_score)},
                          {"declaration_score", optional_score(ps.declaration_score)},
                          {"passed", ps.passed},
                          {"failed", ps.failed},
                          {"skipped", ps.skipped},
                          {"errors", ps.errors},
                          {"waived", ps.waived},
                          {"undeclared", ps.undeclared}};
  }
  report["principles"] = principles_json;
  nlohmann::json results_json = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json j;
    j["rule"] = r.rule->id;
    j["principle"] = r.rule->principle;
    j["severity"] = severity_name(r.rule->severity);
    j["status"] = status_name(r.status);
    j["basis"] = basis_name(rule_basis(*r.rule));
    j["title"] = r.rule->title.in(opt.lang);
    j["message"] = to_valid_utf8(r.message.in(opt.lang));
    j["messages"] = {{"en", to_valid_utf8(r.message.in(Lang::en))}, {"fr", to_valid_utf8(r.message.in(Lang::fr))}};
    j["remediation"] = r.rule->remediation.in(opt.lang);
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& ref : r.rule->references) refs.push_back({{"title", ref.title.in(opt.lang)}, {"url", ref.url}});
    j["references"] = refs;
    nlohmann::json ev = nlohmann::json::array();
    for (std::size_t i = 0; i < r.evidence.size(); ++i) {
      ev.push_back(evidence_json(r.evidence[i], opt.lang));
      if (i < r.finding_fingerprints.size()) ev.back()["fingerprint"] = r.finding_fingerprints[i];
    }
    j["evidence"] = ev;
    j["fingerprint"] = r.fingerprint;
    if (r.waiver) {
      j["waiver"] = {{"reason", r.waiver->reason}, {"until", r.waiver->until}};
      if (!r.waiver->paths.empty()) j["waiver"]["paths"] = r.waiver->paths;
      if (!r.waiver->finding.empty()) j["waiver"]["finding"] = r.waiver->finding;
    }
    if (r.findings_waived > 0) j["findings_waived"] = r.findings_waived;
    results_json.push_back(std::move(j));
  }
  report["results"] = results_json;
  // The catalogue of every rule in force, so that the report alone can be rendered again in
  // any format and either language (`pacte render`), SARIF rule descriptors included.
  nlohmann::json catalogue = nlohmann::json::array();
  for (const auto& rule : in_force.rules) catalogue.push_back(rule_catalogue_entry(rule));
  report["rules"] = std::move(catalogue);
  report["facts"] = facts;
  nlohmann::json unreadable = nlohmann::json::array();
  for (const auto& u : snap->unreadable()) unreadable.push_back({{"path", to_valid_utf8(u.path)}, {"reason", to_valid_utf8(u.reason)}});
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  report["stats"] = {{"files_total", snap->files().size()},
                     {"files_scanned", snap->files_read()},
                     {"bytes_scanned", snap->bytes_read()},
                     {"file_loads", snap->loads()},
                     {"files_unreadable", snap->unreadable().size()},
                     {"files_skipped_vendored", facts["scan"].value("files_skipped_vendored", std::uint64_t{0})},
                     {"unreadable", unreadable},
                     {"commits_walked", ctx.commits_walked},
                     {"duration_ms", elapsed}};
  if (own_cache) save_result_cache(*own_cache);
  return report;
}

}  // namespace pacte
