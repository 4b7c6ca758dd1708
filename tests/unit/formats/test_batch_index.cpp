// summary.csv and index.html of a batch, rendered from the summary.json document.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;

namespace {

/// A file of tests/unit/formats/data/batch: summary.json and the summary.csv and index.html
/// pacte writes from it (a summary written before rows listed their failed rules, so it also
/// checks that such a summary still renders).
std::string golden(const std::string& name) {
  std::string path = std::string(PACTE_SOURCE_DIR) + "/tests/unit/formats/data/batch/" + name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "missing test data " << path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

json two_rows() {
  json ok = {{"location", "https://example.org/a,b\"c"}, {"charter", nullptr}, {"rev", nullptr},
             {"report", "a-b-c-12345678.json"}, {"commit", nullptr}, {"score", 72.46}, {"verdict", "conditional"},
             {"principles", {{"openness", 90.0}, {"neutrality", nullptr}, {"continuity", nullptr}, {"equal_access", nullptr}}},
             {"failures", 3}, {"critical_failures", 0}, {"gate", "pass"}, {"error", nullptr}};
  json missing = {{"location", "<missing>"}, {"charter", nullptr}, {"rev", nullptr}, {"report", nullptr}, {"commit", nullptr},
                  {"score", nullptr}, {"verdict", nullptr}, {"principles", json::object()}, {"failures", 0},
                  {"critical_failures", 0}, {"gate", nullptr}, {"error", "no such file, or folder"}};
  return {{"pacte_batch", 1}, {"counts", {{"repositories", 2}, {"audited", 1}, {"failed", 1}, {"gate_failed", 0}}},
          {"rows", {missing, ok}}};
}

}  // namespace

/// With PACTE_UPDATE_GOLDEN=1 in the environment, writes `content` as the golden file `name`
/// instead of comparing (after a deliberate change to the pages: review the diff, commit it).
void update_golden(const std::string& name, const std::string& content) {
  std::ofstream(std::string(PACTE_SOURCE_DIR) + "/tests/unit/formats/data/batch/" + name, std::ios::binary) << content;
}

TEST_CASE("batch summary: the same bytes as the reviewed pages, for the same rows") {
  json summary = json::parse(golden("summary.json"));
  if (const char* update = std::getenv("PACTE_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    update_golden("summary.csv", render_summary_csv(summary));
    update_golden("index.en.html", render_index_html(summary, Lang::en));
    update_golden("index.fr.html", render_index_html(summary, Lang::fr));
  }
  CHECK(render_summary_csv(summary) == golden("summary.csv"));
  CHECK(render_index_html(summary, Lang::en) == golden("index.en.html"));
  CHECK(render_index_html(summary, Lang::fr) == golden("index.fr.html"));
}

TEST_CASE("batch summary: CSV quoting, HTML escaping, no external resource") {
  json summary = two_rows();
  std::string csv = render_summary_csv(summary);
  CHECK(csv.rfind("location,charter,rev,report,commit,score,verdict,", 0) == 0);
  CHECK(csv.find("\"https://example.org/a,b\"\"c\"") != std::string::npos);
  CHECK(csv.find(",72.5,conditional,90.0,,,,3,0,pass,,,,,,,,\n") != std::string::npos);
  CHECK(csv.find(",\"no such file, or folder\",,,,,,,\n") != std::string::npos);
  std::string html = render_index_html(summary, Lang::fr);
  CHECK(html.find("&lt;missing&gt;") != std::string::npos);
  CHECK(html.find("href=\"a-b-c-12345678.html\"") != std::string::npos);
  CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
  CHECK(html.find("2 dépôts\u00A0: 1 audités, 1 non audités, 0 en échec au seuil.") != std::string::npos);
  // French page: decimal comma in the cells, a decimal point in the sort keys the script reads.
  CHECK(html.find("<td class=\"n\" data-v=\"72.5\" data-label=\"Score\u00A0: \">72,5</td>") != std::string::npos);
  CHECK(html.find(">conforme sous conditions<") != std::string::npos);
  // The CSV is data for programs: the same decimal point and keys whatever the page's language.
  CHECK(csv.find("72,5") == std::string::npos);
  CHECK(html.find("http") == html.find("https://example.org"));  // no external resource
}

TEST_CASE("batch summary: a malformed document gives the header alone, never a crash") {
  for (const json& bad : {json(), json::array(), json{{"rows", "nope"}}, json{{"rows", {1, nullptr, json::object()}}}}) {
    std::string csv = render_summary_csv(bad);
    CHECK(csv.find("location,") == 0);
    CHECK_NOTHROW(render_index_html(bad, Lang::en));
  }
}

namespace {

// Arrays are spelled json::array(...): a braced list of one element is an array with GCC but
// the element itself with clang (nlohmann-json's initializer-list rules).
json dashboard_rows() {
  auto row = [](const std::string& location, double score, const std::string& verdict, json failed) {
    int critical = 0;
    for (const auto& f : failed) critical += f["severity"] == "critical";
    return json{{"location", location}, {"charter", nullptr}, {"rev", nullptr}, {"report", location + "-0000abcd.json"},
                {"commit", "abc"}, {"score", score}, {"verdict", verdict},
                {"principles", {{"openness", 85.0}, {"neutrality", 65.0}, {"continuity", 40.0}, {"equal_access", nullptr}}},
                {"failures", failed.size()}, {"critical_failures", critical}, {"gate", "pass"}, {"error", nullptr},
                {"failed_rules", failed}};
  };
  json ad = {{"rule", "NEUT-AD-SDK"}, {"severity", "critical"}, {"principle", "neutrality"}};
  json maint = {{"rule", "CONT-MAINTAINERS"}, {"severity", "medium"}, {"principle", "continuity"}};
  json a = row("alpha", 90.0, "compliant", json::array());
  json b = row("beta", 41.0, "non-compliant", json::array({ad, maint}));
  b["change"] = {{"added", false}, {"previous_score", 55.0}, {"score_delta", -14.0}, {"previous_verdict", "conditional"},
                 {"new_failures", json::array({"NEUT-AD-SDK"})}, {"fixed_failures", json::array({"OPEN-README"})}};
  json c = row("gamma", 70.0, "under-review", json::array({maint}));  // a verdict this page does not know
  c["change"] = {{"added", true}, {"previous_score", nullptr}, {"score_delta", nullptr}, {"previous_verdict", nullptr},
                 {"new_failures", nullptr}, {"fixed_failures", nullptr}};
  a["change"] = {{"added", false}, {"previous_score", 90.0}, {"score_delta", 0.0}, {"previous_verdict", "compliant"},
                 {"new_failures", json::array()}, {"fixed_failures", json::array()}};
  json broken = {{"location", "delta"}, {"score", nullptr}, {"verdict", nullptr}, {"error", "https://gitlab.example.org/ville/cantines-scolaires-et-restauration.git: cannot clone: the server did not "
                              "answer within 120 seconds (network failure); retried 2 times"}};
  return {{"pacte_batch", 1},
          {"rows", {a, b, c, broken}},
          {"previous", {{"folder", "runs/monday"}, {"removed", json::array({json{{"location", "omega"}, {"charter", nullptr}, {"rev", nullptr},
                                                                           {"score", 77.0}, {"verdict", "conditional"}}})}}}};
}

}  // namespace

TEST_CASE("batch dashboard: verdict distribution, principle bands, critical failures, filters") {
  json summary = dashboard_rows();
  std::string html = render_index_html(summary, Lang::en);
  pacte::test::save_sample("batch-index.html", html);
  // The distribution in words (readable without CSS) and a bar; an unknown verdict shown as it is,
  // in the neutral colour; the error row counted as not audited.
  CHECK(html.find("<li><span class=\"sw v-compliant\"></span>compliant: 1 (25%)</li>") != std::string::npos);
  CHECK(html.find("<li><span class=\"sw v-conditional\"></span>conditional: 0 (0%)</li>") != std::string::npos);
  CHECK(html.find("<li><span class=\"sw v-other\"></span>under-review: 1 (25%)</li>") != std::string::npos);
  CHECK(html.find("<li><span class=\"sw v-not-audited\"></span>not audited: 1 (25%)</li>") != std::string::npos);
  CHECK(html.find("<div class=\"bar\" role=\"img\" aria-label=\"compliant: 1 (25%), conditional: 0 (0%), non-compliant: 1 (25%)") !=
        std::string::npos);
  CHECK(html.find("<span class=\"v-compliant\" style=\"width:25.000%\"></span>") != std::string::npos);
  // Principle bands over the 3 audited rows: openness all 80+, continuity all under 60, equal access not scored.
  CHECK(html.find("<tr><th scope=\"row\">Openness</th><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td>") !=
        std::string::npos);
  CHECK(html.find("<tr><th scope=\"row\">Equal access</th><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">3</td>") !=
        std::string::npos);
  // Critical failures: how many and which.
  CHECK(html.find("data-label=\"Critical failures: \">1<ul class=\"ids\"><li><code>NEUT-AD-SDK</code></li></ul></td>") != std::string::npos);
  // Each row says its verdict and the principles it fails, for the filters.
  CHECK(html.find("<tr data-verdict=\"non-compliant\" data-failing=\"neutrality continuity\">") != std::string::npos);
  CHECK(html.find("<tr data-verdict=\"not-audited\" data-failing=\"\">") != std::string::npos);
  CHECK(html.find("<td class=\"verdict t-under-review\" data-label=\"Verdict: \">under-review</td>") != std::string::npos);
  // The filters wait for the script; the table is whole without it.
  CHECK(html.find("<form class=\"filters\" id=\"filters\" hidden") != std::string::npos);
  CHECK(html.find("<option value=\"under-review\">under-review</option>") != std::string::npos);
  CHECK(html.find("<td class=\"error\" data-label=\"Error: \">https://gitlab.example.org/ville/cantines") != std::string::npos);
  CHECK(html.find("src=") == std::string::npos);  // nothing from the network
  CHECK(html.find("href=\"http") == std::string::npos);
  pacte::test::save_sample("batch-index.fr.html", render_index_html(summary, Lang::fr));
}

TEST_CASE("batch dashboard: the change since the previous run, in the page and in summary.csv") {
  json summary = dashboard_rows();
  std::string html = render_index_html(summary, Lang::en);
  CHECK(html.find("<p id=\"previous\">Compared with the previous run in runs/monday: 1 added, 1 removed, 0 with a higher score, 1 with a "
                  "lower score, 1 with new failures.</p>") != std::string::npos);
  CHECK(html.find("<p class=\"down\">\xE2\x88\x92" "14.0</p><p>was conditional</p><p class=\"down\">new failures: NEUT-AD-SDK</p>"
                  "<p class=\"up\">fixed: OPEN-README</p>") != std::string::npos);
  CHECK(html.find("<span class=\"badge\">new in this run</span>") != std::string::npos);
  CHECK(html.find("<p class=\"muted\">no change</p>") != std::string::npos);
  CHECK(html.find("<h2 id=\"h-removed\">Removed since the previous run (1)</h2>") != std::string::npos);
  CHECK(html.find("<li><code>omega</code> — was conditional, 77.0</li>") != std::string::npos);

  std::string fr = render_index_html(summary, Lang::fr);
  CHECK(fr.find("nouveaux échecs\u00A0: NEUT-AD-SDK") != std::string::npos);
  CHECK(fr.find("précédent du dossier runs/monday. Dépôts ajoutés\u00A0: 1, retirés\u00A0: 1, en hausse\u00A0: 0, en baisse\u00A0: 1, "
                "avec de nouveaux échecs\u00A0: 1.") != std::string::npos);
  CHECK(fr.find("<li><span class=\"sw v-compliant\"></span>conforme\u00A0: 1 (25\u00A0%)</li>") != std::string::npos);

  std::string csv = render_summary_csv(summary);
  CHECK(csv.rfind("location,charter,rev,report,commit,score,verdict,openness,neutrality,continuity,equal_access,failures,"
                  "critical_failures,gate,error,critical_rules,change,previous_score,score_delta,previous_verdict,new_failures,"
                  "fixed_failures\n", 0) == 0);
  CHECK(csv.find(",pass,,NEUT-AD-SDK,changed,55.0,-14.0,conditional,NEUT-AD-SDK,OPEN-README\n") != std::string::npos);
  CHECK(csv.find(",pass,,,unchanged,90.0,0.0,compliant,,\n") != std::string::npos);
  CHECK(csv.find(",pass,,,added,,,,,\n") != std::string::npos);
  CHECK(csv.find("\nomega,,,,,,,,,,,,,,,,removed,77.0,,conditional,,\n") != std::string::npos);
  // Every line has the header's 22 fields.
  std::size_t lines = 0;
  for (std::size_t start = 0; start < csv.size(); ++lines) {
    std::size_t end = csv.find('\n', start);
    std::string line = csv.substr(start, end - start);
    if (line.find('"') == std::string::npos) CHECK(std::count(line.begin(), line.end(), ',') == 21);
    start = end + 1;
  }
  CHECK(lines == 6);  // header, 4 rows, 1 removed
}

TEST_CASE("batch index: an evidence score column ranks services that have no charter") {
  json summary = two_rows();
  summary["rows"][1]["evidence_score"] = 64.5;
  summary["rows"][1]["verdict"] = "no-charter";
  std::string en = render_index_html(summary, Lang::en);
  CHECK(en.find("<button type=\"button\">Evidence score</button></th>") != std::string::npos);
  CHECK(en.find("data-v=\"64.5\" data-label=\"Evidence score: \">64.5</td>") != std::string::npos);
  std::string fr = render_index_html(summary, Lang::fr);
  CHECK(fr.find("<button type=\"button\">Score des preuves</button></th>") != std::string::npos);
  CHECK(fr.find(">64,5</td>") != std::string::npos);
}
