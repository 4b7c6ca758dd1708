// summary.csv and index.html of a batch, rendered from the summary.json document.
#include <doctest/doctest.h>

#include <fstream>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;

namespace {

/// A file of tests/unit/formats/data/batch: summary.json and what pacte wrote from it before
/// the summary files moved to cli/formats (byte for byte), the French page since written with
/// French typography (decimal comma, non-breaking space before the colon, catalogue verdicts).
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

TEST_CASE("batch summary: the same bytes as before the move to cli/formats, for the same rows") {
  json summary = json::parse(golden("summary.json"));
  CHECK(render_summary_csv(summary) == golden("summary.csv"));
  CHECK(render_index_html(summary, Lang::en) == golden("index.en.html"));
  CHECK(render_index_html(summary, Lang::fr) == golden("index.fr.html"));
}

TEST_CASE("batch summary: CSV quoting, HTML escaping, no external resource") {
  json summary = two_rows();
  std::string csv = render_summary_csv(summary);
  CHECK(csv.rfind("location,charter,rev,report,commit,score,verdict,", 0) == 0);
  CHECK(csv.find("\"https://example.org/a,b\"\"c\"") != std::string::npos);
  CHECK(csv.find(",72.5,conditional,90.0,,,,3,0,pass,\n") != std::string::npos);
  CHECK(csv.find(",\"no such file, or folder\"\n") != std::string::npos);
  std::string html = render_index_html(summary, Lang::fr);
  CHECK(html.find("&lt;missing&gt;") != std::string::npos);
  CHECK(html.find("href=\"a-b-c-12345678.html\"") != std::string::npos);
  CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
  CHECK(html.find("2 dépôts\u00A0: 1 audités, 1 non audités, 0 en échec au seuil.") != std::string::npos);
  // French page: decimal comma in the cells, a decimal point in the sort keys the script reads.
  CHECK(html.find("<td class=\"n\" data-v=\"72.5\">72,5</td>") != std::string::npos);
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
