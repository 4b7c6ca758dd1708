// The report's `facts` section: what the repository shows, independent of any charter.
#include "checks/engine/facts.hpp"

#include <git2.h>

#include <cmath>
#include <future>
#include <memory>
#include <system_error>

#include "checks/base/git.hpp"
#include "checks/engine/audit.hpp"

namespace pacte {

// The accessors of facts.hpp: each fact is computed once per audit, on first use.

namespace {

HistoryState walk_with(git_repository* repo, const std::string& commit_hex, std::time_t now, const Deadline& deadline,
                       BlobCache* cache, unsigned jobs) {
  HistoryState st;
  git_oid oid;
  if (git_oid_fromstr(&oid, commit_hex.c_str()) != 0) {
    st.error = "bad commit id";
    return st;
  }
  std::string err;
  // Within a trend, the commits an earlier revision's walk read are not read again.
  st.facts = analyze_history(repo, oid, now, &err, deadline, cache, jobs);
  if (!st.facts) st.error = err.empty() ? "the history cannot be read" : err;
  return st;
}

}  // namespace

HistoryState walk_history(git_repository* repo, const std::string& commit_hex, std::time_t now, const Deadline& deadline,
                          BlobCache* cache, unsigned jobs) {
  std::unique_ptr<git_repository, void (*)(git_repository*)> own(open_repository_again(repo), git_repository_free);
  return walk_with(own ? own.get() : repo, commit_hex, now, deadline, cache, jobs);
}

std::shared_future<HistoryState> start_history_walk(git_repository* repo, const std::string& commit_hex, std::time_t now,
                                                    const Deadline& deadline, BlobCache* cache, unsigned jobs) {
  // Opened here: without a handle of its own, the walk waits to be asked for, on the
  // audit's thread and handle.
  std::shared_ptr<git_repository> own(open_repository_again(repo), git_repository_free);
  if (!own) return {};
  try {
    return std::async(std::launch::async, [=] { return walk_with(own.get(), commit_hex, now, deadline, cache, jobs); }).share();
  } catch (const std::exception&) {
    return {};  // no thread to spare (or no memory for one): the history is walked when first asked for
  }
}

const HistoryState& history_state(AuditContext& ctx) {
  return ctx.cached<HistoryState>("history", [&] {
    HistoryState st;
    if (ctx.history_walk && ctx.history_walk->valid())
      st = ctx.history_walk->get();
    else if (ctx.history_available && ctx.repo)
      st = walk_history(ctx.repo, ctx.head, ctx.now, ctx.deadline, ctx.snapshot.blob_cache(), ctx.snapshot.jobs());
    if (st.facts) ctx.commits_walked = static_cast<std::uint64_t>(st.facts->commits_total);
    return st;
  });
}

const std::vector<LicenseFile>& license_files(AuditContext& ctx) {
  return ctx.cached<std::vector<LicenseFile>>("licenses", [&] { return find_license_files(ctx.snapshot); });
}

std::future<void> prepare_audit_data() {
  // libgit2's initialisation runs on a thread of its own (a shared Debian libgit2, built with
  // mbedTLS, also parses the system's CA bundle there, about 6 ms; the static build defers that
  // to the first connection, see ensure_tls_certificates), while a second thread reads the
  // built-in signatures and the caller loads the rules. The audit's first libgit2 call waits for
  // it (ensure_libgit2 initialises once, whichever thread comes first). Without a thread (or the
  // memory for one), each is done when first needed.
  std::future<void> libgit2_ready;
  try {
    libgit2_ready = std::async(std::launch::async, ensure_libgit2);
  } catch (const std::exception&) {
  }
  try {
    return std::async(std::launch::async, [libgit2_ready = std::move(libgit2_ready)] {
      SignatureSet::builtin();
      if (libgit2_ready.valid()) libgit2_ready.wait();
    });
  } catch (const std::exception&) {
    return {};
  }
}

const SignatureSet& signature_set(AuditContext& ctx) {
  return *ctx.cached<std::shared_ptr<const SignatureSet>>("signatures", [&] {
    // The built-in set itself (never freed) unless --signatures adds to a copy of it.
    if (ctx.options.signature_files.empty())
      return std::shared_ptr<const SignatureSet>(std::shared_ptr<void>(), &SignatureSet::builtin());
    auto set = std::make_shared<SignatureSet>(SignatureSet::builtin());
    for (const auto& f : ctx.options.signature_files) set->load_file(f);
    return std::shared_ptr<const SignatureSet>(std::move(set));
  });
}

const TrackerState& tracker_state(AuditContext& ctx) {
  return ctx.cached<TrackerState>("trackers", [&] {
    TrackerState st;
    st.detections = detect_trackers(ctx.snapshot, signature_set(ctx), st.stats);
    return st;
  });
}

const StatementFacts& statement_facts(AuditContext& ctx) {
  return ctx.cached<StatementFacts>("statement", [&] {
    std::string path;
    if (const auto* v = ctx.charter.field("equal_access.accessibility.statement"); v && v->is_string()) {
      path = v->get<std::string>();
      while (path.rfind("./", 0) == 0) path.erase(0, 2);
      return read_statement_file(ctx.snapshot, path);
    }
    for (const auto& cand : find_statement_candidates(ctx.snapshot)) {
      StatementFacts f = read_statement_file(ctx.snapshot, cand);
      if (f.found) return f;
    }
    return StatementFacts{};
  });
}

const std::vector<AppStatement>& app_statement_facts(AuditContext& ctx) {
  return ctx.cached<std::vector<AppStatement>>("app-statements", [&] {
    if (ctx.charter.field("equal_access.accessibility.statement")) return std::vector<AppStatement>{};
    return app_statements(ctx.snapshot);
  });
}

namespace {

// What a statement states, as the report's facts give it.
nlohmann::json statement_json(const StatementFacts& st) {
  nlohmann::json j = {{"status", st.status.empty() ? nlohmann::json(nullptr) : nlohmann::json(st.status)},
                      {"standard", st.standard},
                      {"audit_date", st.audit_date},
                      {"missing", st.missing}};
  if (!st.status_path.empty()) j["status_source"] = {{"path", to_valid_utf8(st.status_path)}, {"line", st.status_line}};
  if (st.text_outside) {
    j["held_outside"] = st.held_outside;
    j["text_source"] = {{"path", to_valid_utf8(st.path)}, {"line", st.text_source_line}};
  }
  return j;
}

}  // namespace

PageSelection page_selection(const Charter& charter) {
  std::vector<std::string> globs;
  if (const auto* v = charter.field("equal_access.accessibility.exclude"); v && v->is_array())
    for (const auto& g : *v)
      if (g.is_string()) globs.push_back(g.get<std::string>());
  return PageSelection::from_globs(globs);
}

const TemplateScan& template_scan(AuditContext& ctx) {
  return ctx.cached<TemplateScan>("a11y-pages", [&] {
    return scan_templates(ctx.snapshot, page_selection(ctx.charter), ctx.pages_ahead);
  });
}

const std::vector<A11yDefect>& template_defects(AuditContext& ctx) { return template_scan(ctx).defects; }

const std::vector<LanguageEvidence>& language_evidence(AuditContext& ctx) {
  return ctx.cached<std::vector<LanguageEvidence>>("languages", [&] {
    // A default catalog whose text tells no language counts as the main declared language.
    std::string main_language;
    if (const auto* v = ctx.charter.field("equal_access.languages"); v && v->is_array() && !v->empty() && v->front().is_string())
      main_language = v->front().get<std::string>();
    return detect_languages(ctx.snapshot, main_language);
  });
}

nlohmann::json collect_facts(AuditContext& ctx) {
  nlohmann::json facts;
  nlohmann::json lic = nlohmann::json::array();
  for (const auto& f : license_files(ctx)) {
    nlohmann::json j = {{"path", to_valid_utf8(f.path)},
                        {"spdx", f.match.spdx ? nlohmann::json(*f.match.spdx) : nlohmann::json(nullptr)},
                        {"confidence", std::round(f.match.confidence * 1000) / 1000}};
    if (!f.match.closest.empty()) j["closest"] = f.match.closest;
    if (!f.match.note.empty()) j["note"] = f.match.note;
    if (!f.match.kind.empty()) j["kind"] = f.match.kind;
    if (!f.match.exception.empty()) j["exception"] = f.match.exception;
    if (!f.match.grant.empty()) j["grant"] = to_valid_utf8(f.match.grant);
    if (!f.match.difference.empty()) j["difference"] = to_valid_utf8(f.match.difference);
    if (!f.match.sections.empty()) {
      nlohmann::json sections = nlohmann::json::array();
      for (const auto& s : f.match.sections) {
        nlohmann::json sj = {{"spdx", s.spdx ? nlohmann::json(*s.spdx) : nlohmann::json(nullptr)},
                             {"kind", s.kind},
                             {"lines", {s.first_line, s.last_line}},
                             {"third_party", s.third_party},
                             {"confidence", std::round(s.confidence * 1000) / 1000}};
        if (!s.closest.empty()) sj["closest"] = s.closest;
        if (!s.exception.empty()) sj["exception"] = s.exception;
        if (!s.difference.empty()) sj["difference"] = to_valid_utf8(s.difference);
        sections.push_back(sj);
      }
      j["sections"] = sections;
    }
    lic.push_back(j);
  }
  facts["licenses"] = lic;
  const TrackerState& ts = tracker_state(ctx);
  facts["trackers"] = trackers_to_json(ts.detections);
  facts["scan"] = {{"files_scanned", ts.stats.files_scanned},
                   {"bytes_scanned", ts.stats.bytes_scanned},
                   {"files_skipped_vendored", ts.stats.files_skipped_vendored},
                   {"bytes_skipped", ts.stats.bytes_skipped},
                   {"skipped_examples", ts.stats.skipped_examples},
                   {"manifests_parsed", ts.stats.manifests_parsed}};
  nlohmann::json langs = nlohmann::json::array(), lang_detail = nlohmann::json::array();
  for (const auto& l : language_evidence(ctx)) {
    langs.push_back(l.tag);
    lang_detail.push_back({{"tag", l.tag}, {"path", to_valid_utf8(l.path)}, {"source", l.source}});
  }
  facts["languages"] = langs;
  facts["language_catalogs"] = lang_detail;
  const StatementFacts& st = statement_facts(ctx);
  facts["accessibility_statement"] = st.found && !st.path.empty() ? nlohmann::json(to_valid_utf8(st.path)) : nlohmann::json(nullptr);
  if (st.found) facts["accessibility"] = statement_json(st);
  if (const auto& apps = app_statement_facts(ctx); !apps.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : apps) {
      nlohmann::json j = {{"app", to_valid_utf8(a.app)},
                          {"statement", a.facts.found ? nlohmann::json(to_valid_utf8(a.facts.path)) : nlohmann::json(nullptr)}};
      if (a.facts.found) {
        j["accessibility"] = statement_json(a.facts);
        j["shared"] = a.shared;
      }
      if (!a.link_path.empty()) j["link"] = {{"path", to_valid_utf8(a.link_path)}, {"line", a.link_line}};
      list.push_back(std::move(j));
    }
    facts["accessibility_apps"] = std::move(list);
  }
  facts["accessibility_defects"] = template_defects(ctx).size();
  facts["accessibility_pages"] = {{"checked", template_scan(ctx).pages_checked}, {"left_out", template_scan(ctx).left_out}};
  const HistoryState& hs = history_state(ctx);
  facts["history"] = hs.facts ? history_to_json(*hs.facts) : nlohmann::json(nullptr);
  if (!hs.error.empty()) facts["history_error"] = hs.error;
  nlohmann::json ci = nlohmann::json::array();
  for (const auto& c : find_ci_configs(ctx.snapshot)) ci.push_back({{"system", c.system}, {"path", to_valid_utf8(c.path)}});
  facts["ci"] = ci;
  nlohmann::json special = nlohmann::json::array();
  for (const auto& e : ctx.snapshot.files()) {
    if (e.kind == EntryKind::submodule) special.push_back({{"path", to_valid_utf8(e.path)}, {"kind", "submodule"}, {"note", "not followed"}});
    else if (e.kind == EntryKind::symlink) special.push_back({{"path", to_valid_utf8(e.path)}, {"kind", "symlink"}, {"target", to_valid_utf8(e.link_target)}, {"note", "not followed"}});
    else if (e.size < 1024)  // a Git LFS pointer stands for a file whose content was not checked
      if (auto content = ctx.snapshot.content(e); content && is_lfs_pointer(content->bytes()))
        special.push_back({{"path", to_valid_utf8(e.path)}, {"kind", "lfs_pointer"},
                           {"note", "Git LFS pointer: the file's content is not in the repository and was not checked"}});
  }
  facts["special_files"] = special;
  return facts;
}

}  // namespace pacte
