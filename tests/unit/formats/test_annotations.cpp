#include <doctest/doctest.h>

#include <sstream>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("Annotations: one workflow command per failure, most severe first, escaped") {
  std::string text = github_annotations(sample_report(), Lang::en);
  auto lines = lines_of(text);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] ==
        "::error file=app/build.gradle,line=42,title=NEUT-AD-SDK%3A No advertising SDK::Advertising SDK "
        "com.google.android.gms:play-services-ads (Google AdMob)%0ARemediation: Remove the SDK and any ad placement; "
        "declare `advertising: false`.");
  CHECK(lines[1].rfind("::error file=src/pages/Accessibilité.tsx,line=12,title=A11Y-IMG-ALT%3A Images have a text alternative::", 0) == 0);
  CHECK(lines[1].find("%0Asecond line: 100%25 sure, @team") != std::string::npos);
  // No evidence: the charter file; medium → warning, low → notice; line 0 → no line.
  CHECK(lines[2].rfind("::warning file=pacte.yml,title=CONT-MAINTAINERS%3A At least two maintainers::", 0) == 0);
  CHECK(lines[3].rfind("::notice file=README.md,title=OPEN-CONTRIBUTING%3A Contribution guide::", 0) == 0);
  CHECK(text.back() == '\n');
}

TEST_CASE("Annotations: properties escape ':' and ',', data escape '%', CR and LF") {
  json report = sample_report();
  report["results"][0]["evidence"][0]["path"] = "dir,with:odd%chars\r\n.js";
  report["results"][0]["message"] = "a\r\nb %0A";
  report["results"][0]["remediation"] = "";
  auto lines = lines_of(github_annotations(report, Lang::en));
  CHECK(lines[0] == "::error file=dir%2Cwith%3Aodd%25chars%0D%0A.js,line=42,title=NEUT-AD-SDK%3A No advertising SDK::a%0D%0Ab %250A");
}

TEST_CASE("Annotations: at most `max`, then a notice counting the rest") {
  json report = pacte::test::report_with_failures(25);
  auto lines = lines_of(github_annotations(report, Lang::en));
  REQUIRE(lines.size() == 11);
  for (std::size_t i = 0; i < 6; ++i) CHECK(lines[i].rfind("::error ", 0) == 0);  // 6 critical + 6 high, critical first
  CHECK(lines[0].find("title=NEUT-TRACKER-3") != std::string::npos);
  CHECK(lines[10] == "::notice::15 more findings not shown, see the full report");
  CHECK(lines_of(github_annotations(report, Lang::fr, 3)).back() == "::notice::22 autres constats non affichés, voir le rapport complet");
  CHECK(github_annotations(sample_report(), Lang::en, 0) == "::notice::4 more findings not shown, see the full report\n");
  CHECK(github_annotations(json::object(), Lang::en).empty());
}

TEST_CASE("Annotations: new findings come before known ones of the same severity") {
  json base = pacte::test::report_with_failures(8);
  json report = pacte::test::report_with_failures(12);  // fp8..fp11 are new
  report = mark_new_findings(report, base);
  auto lines = lines_of(github_annotations(report, Lang::en));
  // Critical: fp3, fp7 known, fp11 new → fp11 first, marked new.
  CHECK(lines[0].find("title=NEUT-TRACKER-4%3A No hidden tracker (new)") != std::string::npos);
  CHECK(lines[0].find("Tracker number 11 ") != std::string::npos);
}
