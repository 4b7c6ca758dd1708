// The report's `facts` section: what the repository shows, independent of any charter.
#include "checks/facts.hpp"

#include <cmath>

#include "checks/audit.hpp"

namespace pacte {

nlohmann::json collect_facts(AuditContext& ctx) {
  nlohmann::json facts;
  nlohmann::json lic = nlohmann::json::array();
  for (const auto& f : license_files(ctx)) {
    nlohmann::json j = {{"path", to_valid_utf8(f.path)},
                        {"spdx", f.match.spdx ? nlohmann::json(*f.match.spdx) : nlohmann::json(nullptr)},
                        {"confidence", std::round(f.match.confidence * 1000) / 1000}};
    if (!f.match.closest.empty()) j["closest"] = f.match.closest;
    if (!f.match.note.empty()) j["note"] = f.match.note;
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
  if (st.found)
    facts["accessibility"] = {{"status", st.status.empty() ? nlohmann::json(nullptr) : nlohmann::json(st.status)},
                              {"standard", st.standard},
                              {"audit_date", st.audit_date},
                              {"missing", st.missing}};
  facts["accessibility_defects"] = template_defects(ctx).size();
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
      if (auto content = ctx.snapshot.read(e); content && is_lfs_pointer(*content))
        special.push_back({{"path", to_valid_utf8(e.path)}, {"kind", "lfs_pointer"},
                           {"note", "Git LFS pointer: the file's content is not in the repository and was not checked"}});
  }
  facts["special_files"] = special;
  return facts;
}

}  // namespace pacte
