// SARIF 2.1.0 for GitHub code scanning.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

const char* sarif_level(std::string_view severity) {
  switch (severity_rank(severity)) {
    case 0:
    case 1: return "error";
    case 2: return "warning";
    default: return "note";
  }
}

/// A catalogue string in `lang`, falling back to English, or a plain string as it is.
std::string text_in(const json& rule, std::string_view key, Lang lang) {
  auto it = rule.find(key);
  if (it == rule.end()) return {};
  if (it->is_string()) return to_valid_utf8(it->get_ref<const std::string&>());
  if (!it->is_object()) return {};
  for (const char* l : {lang == Lang::fr ? "fr" : "en", "en"}) {
    auto t = it->find(l);
    if (t != it->end() && t->is_string() && !t->get_ref<const std::string&>().empty())
      return to_valid_utf8(t->get_ref<const std::string&>());
  }
  return {};
}

std::string str_in(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? to_valid_utf8(it->get_ref<const std::string&>()) : std::string();
}

/// "No advertising SDK" → "NoAdvertisingSdk": SARIF rule names are identifiers.
std::string pascal_case(std::string_view s) {
  std::string out;
  bool start = true;
  for (unsigned char c : s) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum) {
      start = true;
      continue;
    }
    if (start && c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
    else if (!start && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    out += static_cast<char>(c);
    start = false;
  }
  return out;
}

/// A SARIF message text: one or more sentences ending with a period (SARIF2001).
std::string sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  if (s.empty()) return s;
  char last = s.back();
  if (last != '.' && last != '!' && last != '?') s += '.';
  return s;
}

struct RuleEntry {
  std::string id;
  json descriptor;
};

json rule_descriptor(const std::string& id, std::string_view principle, std::string_view severity,
                     const std::string& title_en, const std::string& title, const std::string& rationale,
                     const std::string& remediation, const std::vector<Reference>& refs, Lang lang) {
  json d;
  d["id"] = id;
  std::string name = pascal_case(title_en.empty() ? id : title_en);
  d["name"] = name.empty() ? pascal_case(id) : name;
  d["shortDescription"] = {{"text", sentence(title.empty() ? id : title)}};
  d["fullDescription"] = {{"text", sentence(rationale.empty() ? (title.empty() ? id : title) : rationale)}};

  std::string text, md;
  const std::string_view colon = label(L::colon, lang), colon_mark = colon.substr(0, colon.size() - 1);
  if (!rationale.empty()) {
    text += rationale + "\n\n";
    md += md_escape(rationale) + "\n\n";
  }
  if (!remediation.empty()) {
    text += fmt::format("{}{}{}\n", label(L::remediation, lang), colon, remediation);
    md += fmt::format("**{}{}** {}\n", label(L::remediation, lang), colon_mark, md_escape(remediation));
  }
  bool first_ref = true;
  for (const auto& r : refs) {
    if (r.title.empty() && r.url.empty()) continue;
    if (first_ref) {
      text += fmt::format("\n{}{}\n", label(L::references, lang), colon_mark);
      md += fmt::format("\n**{}{}**\n\n", label(L::references, lang), colon_mark);
      first_ref = false;
    }
    text += fmt::format("- {}{}{}\n", r.title, r.title.empty() ? "" : " ", r.url);
    if (is_web_url(r.url))
      md += fmt::format("- [{}](<{}>)\n", md_escape(r.title.empty() ? r.url : r.title), r.url);
    else
      md += fmt::format("- {}\n", md_escape(r.title + " " + r.url));
  }
  if (text.empty()) {
    text = title.empty() ? id : title;
    md = md_escape(text);
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  while (!md.empty() && md.back() == '\n') md.pop_back();
  d["help"] = {{"text", text}, {"markdown", md}};
  for (const auto& r : refs)
    if (is_web_url(r.url)) {
      d["helpUri"] = r.url;
      break;
    }
  d["defaultConfiguration"] = {{"level", sarif_level(severity)}};
  json tags = json::array({"compliance", "pacte"});
  if (!principle.empty()) tags.push_back(principle);
  d["properties"] = {{"principle", principle}, {"severity", severity}, {"tags", tags}};
  return d;
}

json physical_location(const std::string& path, int line, const std::string& snippet) {
  std::string p = path;
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  while (!p.empty() && p.front() == '/') p.erase(0, 1);
  json loc;
  loc["artifactLocation"] = {{"uri", uri_encode_path(p)}, {"uriBaseId", "%SRCROOT%"}};
  // A finding about a whole file (a licence file that is not the original, a charter field
  // that is missing) points at its first line: code-scanning pages need a region to show the
  // file, and SARIF validators ask for one on every result (SARIF2017).
  json region = {{"startLine", line > 0 ? line : 1}};
  if (line > 0 && !snippet.empty()) region["snippet"] = {{"text", snippet}};
  loc["region"] = region;
  return json{{"physicalLocation", loc}};
}

}  // namespace

std::string render_sarif(const json& report, Lang lang) {
  ReportView view = read_report(report);

  // Rules: the report's catalogue in its order, then any rule a result names that it lacks.
  std::vector<RuleEntry> rules;
  std::map<std::string, std::size_t> rule_index;
  const json* catalog_rules = nullptr;
  if (report.is_object() && report.contains("rules") && report["rules"].is_array()) catalog_rules = &report["rules"];
  if (catalog_rules)
    for (const auto& r : *catalog_rules) {
      if (!r.is_object()) continue;
      std::string id = str_in(r, "id");
      if (id.empty() || rule_index.count(id)) continue;
      std::vector<Reference> refs;
      if (r.contains("references") && r["references"].is_array())
        for (const auto& ref : r["references"])
          if (ref.is_object()) refs.push_back({text_in(ref, "title", lang), str_in(ref, "url")});
      rule_index[id] = rules.size();
      rules.push_back({id, rule_descriptor(id, str_in(r, "principle"), str_in(r, "severity"), text_in(r, "title", Lang::en),
                                           text_in(r, "title", lang), text_in(r, "rationale", lang),
                                           text_in(r, "remediation", lang), refs, lang)});
      // A built-in rule's help page; a rule pack's rule keeps its first web reference.
      if (std::string help = rule_help_url(view, id); !help.empty()) rules.back().descriptor["helpUri"] = help;
    }
  for (const auto& f : view.results) {
    if (rule_index.count(f.rule)) continue;
    rule_index[f.rule] = rules.size();
    rules.push_back({f.rule, rule_descriptor(f.rule, f.principle, f.severity, f.title, f.title, "", f.remediation,
                                             f.references, lang)});
  }

  // Where a finding without file evidence is shown: the charter, or where one would be written.
  std::string charter_file = view.charter_path.empty() ? "pacte.yml" : view.charter_path;

  std::vector<const Finding*> failures = failures_by_severity(view);
  std::size_t left_out = failures.size() > kSarifMaxResults ? failures.size() - kSarifMaxResults : 0;
  if (left_out) failures.resize(kSarifMaxResults);
  // Back to report order, so that the file reads like the report.
  std::sort(failures.begin(), failures.end(), [](const Finding* a, const Finding* b) { return a->index < b->index; });

  json results = json::array();
  for (const Finding* f : failures) {
    json r;
    r["ruleId"] = f->rule;
    r["ruleIndex"] = rule_index[f->rule];
    r["level"] = sarif_level(f->severity);
    std::string text = f->message.empty() ? f->title : f->message;
    std::vector<const Evidence*> located;
    for (const auto& e : f->evidence)
      if (!e.path.empty()) located.push_back(&e);
    if (located.size() > 1)
      text = sentence(text) + " " + sentence(fmt::format("{}{}{}", label(L::evidence, lang), label(L::colon, lang), [&] {
               std::string list;
               for (std::size_t i = 0; i < located.size() && i < 10; ++i)
                 list += (i ? ", " : "") + evidence_location(*located[i]);
               if (located.size() > 10)
                 list += ", " + fmt::format(fmt::runtime(label(L::more_locations, lang)), located.size() - 10);
               return list;
             }()));
    else if (located.empty())
      text = sentence(text) + " " + std::string(label(L::sarif_charter_location, lang));
    r["message"] = {{"text", sentence(text)}};
    if (located.empty()) {
      r["locations"] = json::array({physical_location(charter_file, 0, "")});
    } else {
      r["locations"] = json::array({physical_location(located[0]->path, located[0]->line, located[0]->snippet)});
      json related = json::array();
      for (std::size_t i = 1; i < located.size() && i <= 50; ++i) {
        json rel = physical_location(located[i]->path, located[i]->line, located[i]->snippet);
        rel["id"] = i;
        std::string note = located[i]->note.empty() ? evidence_location(*located[i]) : located[i]->note;
        rel["message"] = {{"text", note}};
        related.push_back(std::move(rel));
      }
      if (!related.empty()) r["relatedLocations"] = std::move(related);
    }
    std::string fingerprint = f->fingerprint;
    if (fingerprint.empty()) fingerprint = finding_key(report["results"][f->index]);
    r["partialFingerprints"] = {{"pacte/v1", fingerprint}};
    if (f->is_new) r["baselineState"] = *f->is_new ? "new" : "unchanged";
    r["properties"] = {{"principle", f->principle}, {"severity", f->severity}};
    results.push_back(std::move(r));
  }

  json notifications = json::array();
  for (const auto& e : view.charter_errors)
    notifications.push_back({{"level", "error"}, {"message", {{"text", sentence(e)}}}});
  for (const auto& w : view.charter_warnings)
    notifications.push_back({{"level", "warning"}, {"message", {{"text", sentence(w)}}}});
  for (const auto& f : view.results)
    if (f.status == "error")
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", sentence(fmt::format("{} {}{}{}", label(L::charter_error_note, lang), f.rule, label(L::colon, lang),
                                                                          f.message.empty() ? f.title : f.message))}}},
                               {"associatedRule", {{"id", f.rule}, {"index", rule_index[f.rule]}}}});
  // Files not read and files left out of the tracker search: a code-scanning page shows them
  // next to the results they weaken.
  if (std::string note = unreadable_sentence(view.stats, lang); !note.empty())
    notifications.push_back({{"level", "warning"}, {"message", {{"text", sentence(note)}}}});
  if (std::string note = left_out_sentence(view.stats, lang); !note.empty())
    notifications.push_back({{"level", "note"}, {"message", {{"text", sentence(note)}}}});
  if (left_out)
    notifications.push_back(
        {{"level", "warning"},
         {"message", {{"text", fmt::format(fmt::runtime(label(L::results_not_included, lang)), left_out, kSarifMaxResults)}}}});

  json driver;
  driver["name"] = "pacte";
  driver["version"] = view.pacte_version;
  driver["semanticVersion"] = view.pacte_version;
  driver["informationUri"] = std::string(kPacteInformationUri);
  json rule_array = json::array();
  for (auto& r : rules) rule_array.push_back(std::move(r.descriptor));
  driver["rules"] = std::move(rule_array);

  json invocation = {{"executionSuccessful", true}};
  if (!view.generated_at.empty()) invocation["endTimeUtc"] = view.generated_at;
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = json::array({std::move(invocation)});
  run["originalUriBaseIds"] = json::object();  // filled below when the root is known
  if (!view.repo_path.empty() && view.repo_path.front() == '/') {
    std::string root = "file://" + uri_encode_path(view.repo_path);
    if (root.back() != '/') root += '/';
    run["originalUriBaseIds"]["%SRCROOT%"] = {{"uri", root}};
  } else {
    run.erase("originalUriBaseIds");
  }
  if (!view.commit.empty()) {
    json vcs = {{"revisionId", view.commit}, {"mappedTo", {{"uriBaseId", "%SRCROOT%"}}}};
    // The forge's web address when known, else the URL that was audited.
    std::string url = !view.forge.web_url.empty() ? view.forge.web_url
                      : report.contains("repository") && report["repository"].is_object() ? str_in(report["repository"], "url")
                                                                                          : std::string();
    if (is_web_url(url)) vcs["repositoryUri"] = url;
    else if (run.contains("originalUriBaseIds")) vcs["repositoryUri"] = run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    if (!view.ref.empty() && view.ref != "HEAD") vcs["branch"] = view.ref;
    if (vcs.contains("repositoryUri")) run["versionControlProvenance"] = json::array({std::move(vcs)});
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  run["properties"] = {{"score", view.score ? json(*view.score) : json()}, {"verdict", view.verdict}};
  // Undeclared rules are not results: nothing in the code is wrong, no charter says what they
  // judge. They are listed on the run, beside the evidence and declaration scores.
  if (view.evidence_score || view.declaration_score) {
    run["properties"]["evidence_score"] = view.evidence_score ? json(*view.evidence_score) : json();
    run["properties"]["declaration_score"] = view.declaration_score ? json(*view.declaration_score) : json();
  }
  json undeclared = json::array();
  for (const auto& f : view.results)
    if (f.status == "undeclared") undeclared.push_back(f.rule);
  if (!undeclared.empty()) run["properties"]["undeclared"] = std::move(undeclared);

  json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = json::array({std::move(run)});
  return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pacte
