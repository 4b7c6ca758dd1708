#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

TEST_CASE("Markdown: summary table, then failures by severity with evidence and remediation") {
  std::string md = render_markdown(sample_report(), Lang::en);
  pacte::test::save_sample("report.md", md);
  CHECK(md.find("## pacte \xE2\x80\x94 Compliance report") == 0);
  CHECK(md.find("**Score: 62.5/100**") != std::string::npos);
  CHECK(md.find("**Verdict: non-compliant**") != std::string::npos);
  CHECK(md.find("| Principle | Score | Passed | Failed | Skipped | Errors | Waived |") != std::string::npos);
  CHECK(md.find("| Neutrality | 40.0 | 2 | 3 | 0 | 0 | 0 |") != std::string::npos);
  CHECK(md.find("| Equal access | 55.5 | 4 | 2 | 1 | 0 | 0 |") != std::string::npos);
  CHECK(md.find("### Failures (4)") != std::string::npos);
  // Severity order: critical, high, medium, low.
  auto critical = md.find("#### Critical"), high = md.find("#### High"), medium = md.find("#### Medium"), low = md.find("#### Low");
  CHECK(critical < high);
  CHECK(high < medium);
  CHECK(medium < low);
  CHECK(low != std::string::npos);
  CHECK(md.find("- **NEUT-AD-SDK** No advertising SDK") != std::string::npos);
  CHECK(md.find("`app/build.gradle:42`") != std::string::npos);
  CHECK(md.find("**Remediation:** Remove the SDK") != std::string::npos);
  CHECK(md.find("Charter warnings") != std::string::npos);
}

TEST_CASE("Markdown: user text cannot inject Markdown, HTML or mentions") {
  std::string md = render_markdown(sample_report(), Lang::en);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("<img src=\"logo.png\"") == std::string::npos);
  CHECK(md.find("&lt;img src=\"logo.png\"") != std::string::npos);
  CHECK(md.find("&lt;script&gt;") != std::string::npos);
  CHECK(md.find("@team") == std::string::npos);  // a word joiner follows '@'
  CHECK(md.find('\x01') == std::string::npos);
  // The message's newline does not break the list item.
  CHECK(md.find("onerror=\"alert\\(1\\)\"&gt; second line: 100% sure") != std::string::npos);
  // Backticks in a snippet: a longer fence around it.
  CHECK(md.find("``` implementation 'com.google.android.gms:play-services-ads:22.0.0' // ``ads`` ```") != std::string::npos);
  // Table cells cannot be split by a '|' in a principle name.
  json report = sample_report();
  report["principles"]["x|y"] = pacte::test::principle(1, 1, 1);
  CHECK(render_markdown(report, Lang::en).find("| x\\|y |") != std::string::npos);
}

TEST_CASE("Markdown: French labels and decimal comma") {
  std::string md = render_markdown(sample_report(), Lang::fr);
  CHECK(md.find("Rapport de conformité") != std::string::npos);
  CHECK(md.find("**Score\u00A0: 62,5/100**") != std::string::npos);
  CHECK(md.find("**Verdict\u00A0: non conforme**") != std::string::npos);
  CHECK(md.find("| Égalité d'accès | 55,5 |") != std::string::npos);
  CHECK(md.find("#### Critique") != std::string::npos);
  CHECK(md.find("**Correction\u00A0:**") != std::string::npos);
}

TEST_CASE("Markdown: capped in size, with a note counting what was left out") {
  json report = pacte::test::report_with_failures(5000);
  std::string md = render_markdown(report, Lang::en);
  CHECK(md.size() <= kMarkdownMaxBytes);
  CHECK(md.size() > kMarkdownMaxBytes - 2000);
  CHECK(md.find("more findings, see the full report.") != std::string::npos);
  std::string small = render_markdown(report, Lang::en, 4000);
  CHECK(small.size() <= 4000);
  CHECK(small.find("more findings, see the full report.") != std::string::npos);
  // A report that fits has no note.
  CHECK(render_markdown(sample_report(), Lang::en).find("more findings") == std::string::npos);
}

TEST_CASE("Markdown: baseline marks new failures; deterministic") {
  json base = sample_report();
  base["results"].erase(1);  // A11Y-IMG-ALT is new
  json report = mark_new_findings(sample_report(), base);
  std::string md = render_markdown(report, Lang::en);
  CHECK(md.find("Against the baseline: 1 new failures, 3 already known.") != std::string::npos);
  CHECK(md.find("Images have a text alternative \xF0\x9F\x86\x95 _new_") != std::string::npos);
  CHECK(md == render_markdown(report, Lang::en));
}
