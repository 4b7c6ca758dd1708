// The charter's policy in every human-readable format: a "Policy applied" section naming the
// rules disabled or re-graded and the findings waived, with the reason, in both languages.
#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

json report_with_policy() {
  json report = sample_report();
  report["policy"] = {
      {"disabled", json::array({{{"rule", "CONT-RELEASES"}, {"severity", "medium"}, {"reason", "continuous deployment"}, {"where", "pacte.yml:30:7"}}})},
      {"regraded", json::array({{{"rule", "OPEN-README"}, {"from", "medium"}, {"to", "low"}, {"reason", "an internal tool"}, {"where", "pacte.yml:31:7"}}})},
      {"waivers", json::array({{{"rule", "EQ-IMG-ALT"}, {"paths", json::array({"app/views/pdf/**"})}, {"reason", "PDF render templates"},
                                {"until", "2027-06-30"}, {"applies", true}, {"where", "pacte.yml:27:7"}, {"findings_waived", 3}},
                               {{"rule", "EQ-FORM-LABELS"}, {"paths", json::array({"docs/**"})}, {"reason", "unused"},
                                {"until", "2027-06-30"}, {"applies", true}, {"where", "pacte.yml:28:7"}, {"findings_waived", 0}}})},
      {"gate", {{"fail_on", "high"}}}};
  return report;
}

}  // namespace

TEST_CASE("text, HTML and Markdown say what the charter's policy applied, and why") {
  json report = report_with_policy();
  const std::string disabled = "CONT-RELEASES disabled by the charter: continuous deployment";
  const std::string regraded = "OPEN-README re-graded from medium to low by the charter: an internal tool";
  const std::string waived = "EQ-IMG-ALT: 3 finding(s) waived (app/views/pdf/**) until 2027-06-30: PDF render templates";
  std::string text = render_text(report, Lang::en, false);
  CHECK(has(text, "Policy applied (4)"));
  CHECK(has(text, disabled));
  CHECK(has(text, regraded));
  CHECK(has(text, waived));
  CHECK(has(text, "Gate defaults from the charter: --fail-on high"));
  CHECK_FALSE(has(text, "EQ-FORM-LABELS: 0"));  // a waiver that waived nothing is a charter warning, not a policy line
  std::string html = render_html(report, Lang::en);
  CHECK(has(html, "<section id=\"policy\">"));
  CHECK(has(html, "app/views/pdf/**"));
  std::string md = render_markdown(report, Lang::en);
  CHECK(has(md, "**Policy applied**"));
  CHECK(has(md, "CONT-RELEASES disabled by the charter"));
  std::string fr = render_text(report, Lang::fr, false);
  CHECK(has(fr, "Politique appliquée"));
  CHECK(has(fr, "OPEN-README reclassée de moyenne à faible par la charte\u00A0: an internal tool"));
}

TEST_CASE("a report without a policy has no policy section") {
  json report = sample_report();
  CHECK_FALSE(has(render_text(report, Lang::en, false), "Policy applied"));
  CHECK_FALSE(has(render_html(report, Lang::en), "id=\"policy\""));
}
