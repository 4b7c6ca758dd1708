#include <doctest/doctest.h>

#include <set>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_catalog;
using pacte::test::with_catalogue;
using pacte::test::sample_report;

namespace {

const json& result_for(const json& sarif, std::string_view rule) {
  for (const auto& r : sarif["runs"][0]["results"])
    if (r["ruleId"] == rule) return r;
  static const json none;
  FAIL("no SARIF result for " << rule);
  return none;
}

}  // namespace

TEST_CASE("SARIF: a 2.1.0 log with the tool, every catalogued rule and one result per failure") {
  std::string text = render_sarif(with_catalogue(sample_report(), sample_catalog()), Lang::en);
  pacte::test::save_sample("report.sarif", text);
  json sarif = json::parse(text);
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["$schema"].get<std::string>().find("sarif") != std::string::npos);
  REQUIRE(sarif["runs"].size() == 1);
  const json& run = sarif["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "pacte");
  CHECK(driver["version"] == "1.0.0");
  CHECK(driver["semanticVersion"] == "1.0.0");
  CHECK(driver["informationUri"].get<std::string>().rfind("https://", 0) == 0);

  // The six catalogued rules, then the two the report names that the catalogue lacks.
  std::vector<std::string> ids;
  for (const auto& r : driver["rules"]) ids.push_back(r["id"]);
  CHECK(ids == std::vector<std::string>{"OPEN-LICENSE", "OPEN-CONTRIBUTING", "NEUT-AD-SDK", "A11Y-IMG-ALT", "CONT-MAINTAINERS",
                                        "CONT-HISTORY", "EQ-PRICING", "CONT-BUS-FACTOR"});
  for (const auto& r : driver["rules"]) {
    CHECK(r["shortDescription"]["text"].is_string());
    CHECK(r["fullDescription"]["text"].is_string());
    CHECK(r["help"]["text"].is_string());
    CHECK(r["help"]["markdown"].is_string());
    CHECK(r["defaultConfiguration"]["level"].is_string());
    CHECK(r["properties"]["principle"].is_string());
    CHECK(r["properties"]["severity"].is_string());
  }
  const json& ad = driver["rules"][2];
  CHECK(ad["name"] == "NoAdvertisingSdk");
  CHECK(ad["defaultConfiguration"]["level"] == "error");
  CHECK(ad["properties"]["principle"] == "neutrality");
  CHECK(ad["properties"]["severity"] == "critical");
  CHECK(ad["helpUri"] == "https://example.org/pacte");

  // Only failures are results; ruleIndex points at the rule.
  REQUIRE(run["results"].size() == 4);
  for (const auto& r : run["results"]) {
    CHECK(driver["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
    CHECK(r["message"]["text"].get<std::string>().size() > 0);
    CHECK(r["locations"].size() == 1);
    CHECK(r["partialFingerprints"]["pacte/v1"].is_string());
  }
  CHECK(result_for(sarif, "NEUT-AD-SDK")["level"] == "error");
  CHECK(result_for(sarif, "A11Y-IMG-ALT")["level"] == "error");
  CHECK(result_for(sarif, "CONT-MAINTAINERS")["level"] == "warning");
  CHECK(result_for(sarif, "OPEN-CONTRIBUTING")["level"] == "note");
  CHECK(result_for(sarif, "NEUT-AD-SDK")["partialFingerprints"]["pacte/v1"] == "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");

  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK(run["versionControlProvenance"][0]["revisionId"] == "3f2a9c0d1e4b5a6978877665544332211ffeeddc");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///home/ci/trouve%20ton%20emploi/");
}

TEST_CASE("SARIF: locations are repo-relative URIs, percent-encoded, with a line only when there is one") {
  json sarif = json::parse(render_sarif(with_catalogue(sample_report(), sample_catalog()), Lang::en));
  const json& ad = result_for(sarif, "NEUT-AD-SDK");
  const json& loc = ad["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "app/build.gradle");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(loc["region"]["startLine"] == 42);
  CHECK(ad["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/src/main/AndroidManifest.xml");

  const json& img = result_for(sarif, "A11Y-IMG-ALT");
  CHECK(img["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/pages/Accessibilit%C3%A9.tsx");
  const json& related = img["relatedLocations"];
  REQUIRE(related.size() == 2);
  CHECK(related[0]["physicalLocation"]["artifactLocation"]["uri"] == "src/pages/Mon%20fichier%20100%25%23%3F.tsx");
  CHECK(related[1]["physicalLocation"]["artifactLocation"]["uri"] == "docs/caf%EF%BF%BD%20%22quoted%22.html");
  // Line 0 (the whole file): the first line, with no snippet (SARIF2017 wants a region).
  CHECK(related[1]["physicalLocation"]["region"] == json{{"startLine", 1}});

  // No file evidence: located on the charter file.
  const json& maint = result_for(sarif, "CONT-MAINTAINERS");
  CHECK(maint["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pacte.yml");
  // Line 0: the file's first line.
  CHECK(result_for(sarif, "OPEN-CONTRIBUTING")["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
  CHECK(maint["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);

  // Every message is a sentence (SARIF2001).
  for (const auto& r : sarif["runs"][0]["results"]) CHECK(r["message"]["text"].get<std::string>().back() == '.');
}

TEST_CASE("SARIF: without a charter, findings without evidence point where pacte.yml would be") {
  json report = sample_report();
  report["charter"] = {{"path", nullptr}, {"source", "none"}, {"errors", json::array()}};
  report["repository"]["commit"] = nullptr;  // --worktree
  report["repository"]["worktree"] = true;
  std::string text = render_sarif(with_catalogue(report, sample_catalog()), Lang::en);
  pacte::test::save_sample("report.nocharter.sarif", text);
  json sarif = json::parse(text);
  CHECK(result_for(sarif, "CONT-MAINTAINERS")["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pacte.yml");
  CHECK_FALSE(sarif["runs"][0].contains("versionControlProvenance"));
}

TEST_CASE("SARIF: French report takes the French catalogue texts") {
  std::string text = render_sarif(with_catalogue(mark_new_findings(sample_report(), json::object()), sample_catalog()), Lang::fr);
  pacte::test::save_sample("report.fr.sarif", text);
  json sarif = json::parse(text);
  const json& ad = sarif["runs"][0]["tool"]["driver"]["rules"][2];
  CHECK(ad["shortDescription"]["text"] == "Pas de SDK publicitaire.");
  CHECK(ad["name"] == "NoAdvertisingSdk");  // identifiers stay English
  CHECK(ad["help"]["text"].get<std::string>().find("Correction") != std::string::npos);
}

TEST_CASE("SARIF: baseline state, error notifications, deterministic output") {
  json report = mark_new_findings(sample_report(), json::object());
  std::string a = render_sarif(with_catalogue(report, sample_catalog()), Lang::en);
  CHECK(a == render_sarif(with_catalogue(report, sample_catalog()), Lang::en));
  json sarif = json::parse(a);
  CHECK(result_for(sarif, "NEUT-AD-SDK")["baselineState"] == "new");
  const json& notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  bool history_error = false, charter_warning = false;
  for (const auto& n : notes) {
    if (n.contains("associatedRule") && n["associatedRule"]["id"] == "CONT-HISTORY") history_error = n["level"] == "error";
    if (n["message"]["text"].get<std::string>().find("licence") != std::string::npos) charter_warning = n["level"] == "warning";
  }
  CHECK(history_error);
  CHECK(charter_warning);
}

TEST_CASE("SARIF: at most 25,000 results, the most severe kept, and a notification for the rest") {
  json report = pacte::test::report_with_failures(kSarifMaxResults + 8);
  json sarif = json::parse(render_sarif(report, Lang::en));
  const json& results = sarif["runs"][0]["results"];
  CHECK(results.size() == kSarifMaxResults);
  std::size_t notes = 0;
  for (const auto& r : results) notes += r["level"] == "note";
  CHECK(notes == (kSarifMaxResults + 8) / 4 - 8);  // the eight left out are low-severity ones
  bool notified = false;
  for (const auto& n : sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"])
    notified = notified || n["message"]["text"].get<std::string>().find("25000") != std::string::npos;
  CHECK(notified);
}

TEST_CASE("SARIF: a malformed report still gives a valid log") {
  for (const json& report : {json(), json::array(), json{{"results", "nope"}}, json{{"results", {1, "x", nullptr}}}}) {
    json sarif = json::parse(render_sarif(report, Lang::en));
    CHECK(sarif["runs"][0]["results"].empty());
  }
  json bad_utf8 = sample_report();
  bad_utf8["results"][0]["message"] = std::string("bad \xC3\x28 byte");
  bad_utf8["results"][0]["evidence"][0]["path"] = std::string("src/\xFF\xFE.js");
  json sarif = json::parse(render_sarif(with_catalogue(bad_utf8, sample_catalog()), Lang::en));
  CHECK(result_for(sarif, "NEUT-AD-SDK")["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "src/%EF%BF%BD%EF%BF%BD.js");
}
