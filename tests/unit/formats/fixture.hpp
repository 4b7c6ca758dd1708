// Report documents built inline for the format tests: a realistic report whose strings carry
// everything that breaks a careless format (quotes, markup, newlines, control characters,
// non-ASCII and U+FFFD in paths), and helpers to check what the formats write.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace pacte::test {

using nlohmann::json;

inline json principle(double score, int passed, int failed, int skipped = 0, int errors = 0, int waived = 0) {
  return {{"score", score}, {"passed", passed}, {"failed", failed}, {"skipped", skipped}, {"errors", errors}, {"waived", waived}};
}

inline json monthly_history() {
  json months = json::array();
  for (int i = 0; i < 24; ++i) {
    int year = 2024 + (i + 11) / 12, month = (i + 11) % 12 + 1;
    char name[8];
    std::snprintf(name, sizeof name, "%04d-%02d", year, month);
    months.push_back({{"month", name}, {"commits", (i * 7) % 13 + (i == 20 ? 30 : 0)}});
  }
  return {{"last_commit", "2026-11-20T14:41:09Z"}, {"commits_90d", 12}, {"commits_365d", 140}, {"contributors_365d", 6},
          {"contributor_absence_factor", 2}, {"tags", 14}, {"last_tag", "v2.3.0"}, {"last_tag_date", "2026-05-02T09:00:00Z"},
          {"monthly", months}};
}

/// A report with one result of every status and hostile strings everywhere a user's repository
/// can put them.
inline json sample_report() {
  json r;
  r["pacte_version"] = "1.0.0";
  r["schema"] = 1;
  r["lang"] = "en";
  r["generated_at"] = "2026-11-27T10:00:00Z";
  r["repository"] = {{"path", "/home/ci/trouve ton emploi"}, {"commit", "3f2a9c0d1e4b5a6978877665544332211ffeeddc"},
                     {"ref", "HEAD"}, {"worktree", false}};
  r["charter"] = {{"path", "pacte.yml"}, {"source", "pacte"}, {"errors", json::array()},
                  {"warnings", {"pacte.yml:4:3: unknown key 'licence' (did you mean 'license'?)"}}};
  r["score"] = 62.5;
  r["verdict"] = "non-compliant";
  r["principles"] = {{"openness", principle(90.0, 9, 1)},
                     {"neutrality", principle(40.0, 2, 3)},
                     {"continuity", principle(75.0, 3, 1, 0, 1, 1)},
                     {"equal_access", principle(55.5, 4, 2, 1)}};
  json results = json::array();
  results.push_back({{"rule", "NEUT-AD-SDK"}, {"principle", "neutrality"}, {"severity", "critical"}, {"status", "fail"},
                     {"title", "No advertising SDK"},
                     {"message", "Advertising SDK com.google.android.gms:play-services-ads (Google AdMob)"},
                     {"remediation", "Remove the SDK and any ad placement; declare `advertising: false`."},
                     {"references", {{{"title", "Pacte, neutrality"}, {"url", "https://example.org/pacte#neutrality"}}}},
                     {"evidence",
                      {{{"path", "app/build.gradle"}, {"line", 42},
                        {"snippet", "implementation 'com.google.android.gms:play-services-ads:22.0.0' // ``ads``"},
                        {"note", "Google AdMob (ads)"}},
                       {{"path", "app/src/main/AndroidManifest.xml"}, {"line", 7},
                        {"snippet", "<meta-data android:name=\"com.google.android.gms.ads.APPLICATION_ID\"/>"}}}},
                     {"fingerprint", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"}});
  results.push_back({{"rule", "A11Y-IMG-ALT"}, {"principle", "equal_access"}, {"severity", "high"}, {"status", "fail"},
                     {"title", "Images have a text alternative"},
                     {"message", "Image without alt text <img src=\"logo.png\" onerror=\"alert(1)\">\nsecond line: 100% sure, @team"},
                     {"remediation", "Add an alt attribute (RGAA 1.1) & check <script>alert('x')</script>."},
                     {"references", {{{"title", "RGAA 1.1"}, {"url", "javascript:alert(1)"}}}},
                     {"evidence",
                      {{{"path", "src/pages/Accessibilité.tsx"}, {"line", 12}, {"snippet", "<img src={logo} />"},
                        {"note", "<script>alert(\"x\")</script>"}},
                       {{"path", "src/pages/Mon fichier 100%#?.tsx"}, {"line", 3}, {"snippet", "a|b `c` \u0001\u001b[31m"}},
                       {{"path", "docs/caf\xEF\xBF\xBD \"quoted\".html"}, {"line", 0}, {"snippet", ""}}}},
                     {"fingerprint", "b1b2c3d4e5f60718293a4b5c6d7e8f9012345678"}});
  results.push_back({{"rule", "CONT-MAINTAINERS"}, {"principle", "continuity"}, {"severity", "medium"}, {"status", "fail"},
                     {"title", "At least two maintainers"}, {"message", "Only one maintainer is declared."},
                     {"remediation", "Declare a second maintainer in continuity.maintainers."},
                     {"references", json::array()}, {"evidence", json::array()},
                     {"fingerprint", "c1b2c3d4e5f60718293a4b5c6d7e8f9012345678"}});
  results.push_back({{"rule", "OPEN-CONTRIBUTING"}, {"principle", "openness"}, {"severity", "low"}, {"status", "fail"},
                     {"title", "Contribution guide"}, {"message", "CONTRIBUTING.md is missing"},
                     {"remediation", "Write a CONTRIBUTING.md."}, {"references", json::array()},
                     {"evidence", {{{"path", "README.md"}, {"line", 0}, {"snippet", ""}, {"note", "no link to a guide"}}}},
                     {"fingerprint", "d1b2c3d4e5f60718293a4b5c6d7e8f9012345678"}});
  results.push_back({{"rule", "OPEN-LICENSE"}, {"principle", "openness"}, {"severity", "critical"}, {"status", "pass"},
                     {"title", "An open licence"}, {"message", "AGPL-3.0-or-later"}, {"evidence", json::array()},
                     {"fingerprint", "e1"}});
  results.push_back({{"rule", "EQ-PRICING"}, {"principle", "equal_access"}, {"severity", "medium"}, {"status", "skip"},
                     {"title", "Pricing declared"}, {"message", "The service is free of charge."}, {"evidence", json::array()},
                     {"fingerprint", "e2"}});
  results.push_back({{"rule", "CONT-HISTORY"}, {"principle", "continuity"}, {"severity", "high"}, {"status", "error"},
                     {"title", "Recent activity"}, {"message", "could not read history: object 1234 missing"},
                     {"evidence", json::array()}, {"fingerprint", "e3"}});
  results.push_back({{"rule", "CONT-BUS-FACTOR"}, {"principle", "continuity"}, {"severity", "high"}, {"status", "waived"},
                     {"title", "Bus factor"}, {"message", "One person wrote 90% of the code."}, {"evidence", json::array()},
                     {"fingerprint", "e4"}, {"waiver", {{"reason", "Second maintainer joins in January"}, {"until", "2027-02-01"}}}});
  r["results"] = results;
  r["facts"] = {{"licenses", {{{"path", "LICENSE"}, {"spdx", "AGPL-3.0-or-later"}, {"confidence", 0.99}}}},
                {"trackers", {{{"name", "Google AdMob"}, {"category", "ads"}, {"vendor", "Google"},
                               {"evidence", {{{"path", "app/build.gradle"}, {"line", 42}}}}}}},
                {"languages", {"en", "fr"}},
                {"accessibility_statement", "docs/a11y.md"},
                {"history", monthly_history()}};
  r["stats"] = {{"files_scanned", 1234}, {"bytes_scanned", 5678901}, {"files_unreadable", 0}, {"commits_walked", 400},
                {"duration_ms", 850}};
  return r;
}

/// The rule catalogue of `pacte rules --format json` for the sample's rules (two left out, to
/// check that a rule missing from the catalogue still gets a descriptor).
inline json sample_catalog() {
  auto rule = [](const char* id, const char* principle, const char* severity, const char* title_en, const char* title_fr) {
    return json{{"id", id},
                {"principle", principle},
                {"severity", severity},
                {"title", {{"en", title_en}, {"fr", title_fr}}},
                {"rationale", {{"en", std::string("Why ") + title_en + " matters."}, {"fr", std::string("Pourquoi : ") + title_fr}}},
                {"remediation", {{"en", "Fix it."}, {"fr", "Corrigez."}}},
                {"references", {{{"title", "Pacte"}, {"url", "https://example.org/pacte"}}}},
                {"check", "file"}};
  };
  json rules = json::array();
  rules.push_back(rule("OPEN-LICENSE", "openness", "critical", "An open licence", "Une licence libre"));
  rules.push_back(rule("OPEN-CONTRIBUTING", "openness", "low", "Contribution guide", "Guide de contribution"));
  rules.push_back(rule("NEUT-AD-SDK", "neutrality", "critical", "No advertising SDK", "Pas de SDK publicitaire"));
  rules.push_back(rule("A11Y-IMG-ALT", "equal_access", "high", "Images have a text alternative <alt>", "Images avec alternative"));
  rules.push_back(rule("CONT-MAINTAINERS", "continuity", "medium", "At least two maintainers", "Au moins deux mainteneurs"));
  rules.push_back(rule("CONT-HISTORY", "continuity", "high", "Recent activity", "Activité récente"));
  return {{"rules", rules}};
}

/// `report` carrying the rules of `catalog` (what `pacte rules --format json` prints) as its
/// rule catalogue, the way `pacte audit` writes every report.
inline json with_catalogue(json report, const json& catalog) {
  report["rules"] = catalog["rules"];
  return report;
}

/// A report with `n` failing results of rotating severities, each with evidence.
inline json report_with_failures(std::size_t n) {
  json r = sample_report();
  json results = json::array();
  const char* severities[] = {"low", "medium", "high", "critical"};
  for (std::size_t i = 0; i < n; ++i)
    results.push_back({{"rule", "NEUT-TRACKER-" + std::to_string(i % 7)}, {"principle", "neutrality"},
                       {"severity", severities[i % 4]}, {"status", "fail"}, {"title", "No hidden tracker"},
                       {"message", "Tracker number " + std::to_string(i) + " found in the code"},
                       {"remediation", "Remove it."},
                       {"evidence", {{{"path", "src/file" + std::to_string(i) + ".js"}, {"line", static_cast<int>(i % 50 + 1)},
                                      {"snippet", "track(" + std::to_string(i) + ")"}}}},
                       {"fingerprint", "fp" + std::to_string(i)}});
  r["results"] = results;
  return r;
}

/// Runs `command` and returns its exit status (-1 when it could not run).
inline int run(const std::string& command) {
  int status = std::system(command.c_str());
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline bool have_xmllint() { return run("command -v xmllint >/dev/null 2>&1") == 0; }

/// Writes `content` to a fresh file in the temp folder and returns its path.
inline std::string write_temp(const std::string& name, const std::string& content) {
  auto dir = std::filesystem::temp_directory_path() / ("pacte-formats-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

/// Where the sample outputs go when PACTE_FORMATS_SAMPLES names a folder (for the e2e checks).
inline void save_sample(const std::string& name, const std::string& content) {
  const char* dir = std::getenv("PACTE_FORMATS_SAMPLES");
  if (!dir || !*dir) return;
  std::filesystem::create_directories(dir);
  std::ofstream(std::filesystem::path(dir) / name, std::ios::binary) << content;
}

}  // namespace pacte::test
