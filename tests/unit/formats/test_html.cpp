#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"
#include "tests/unit/formats/xml_check.hpp"

using namespace pacte;
using pacte::test::sample_report;
using pacte::test::xml_problem;

namespace {

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

/// Whether `what` occurs inside a tag (between '<' and '>'), not in escaped text.
bool in_a_tag(const std::string& html, std::string_view what) {
  for (auto open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    auto close = html.find('>', open);
    auto hit = html.find(what, open);
    if (hit != std::string::npos && hit < close) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("HTML: one well-formed page with score, verdict, charts, failures first") {
  std::string html = render_html(sample_report(), Lang::en);
  pacte::test::save_sample("report.html", html);
  CHECK(xml_problem(html) == "");
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  // Without a service name, the repository's folder names the page.
  CHECK(html.find("<title>trouve ton emploi \xE2\x80\x94 Compliance report \xE2\x80\x94 non-compliant</title>") != std::string::npos);
  CHECK(html.find("<h1>trouve ton emploi</h1>") != std::string::npos);
  CHECK(html.find("Verdict: non-compliant</p>") != std::string::npos);
  CHECK(html.find("<title id=\"score-title\">Score 62.5 out of 100</title>") != std::string::npos);
  // One donut for the score, one per principle, one activity chart.
  CHECK(count(html, "<svg class=\"donut\"") == 5);
  CHECK(count(html, "<svg class=\"activity\"") == 1);
  CHECK(count(html, "fill=\"#1d5fa8\"") == 24);
  CHECK(html.find("<title>2026-08: 40 commits</title>") != std::string::npos);
  // Failures (articles) before the other results table; most severe first.
  auto ad = html.find("<code>NEUT-AD-SDK</code>"), img = html.find("<code>A11Y-IMG-ALT</code>");
  auto others = html.find("Other results (4)");
  CHECK(ad < img);
  CHECK(img < others);
  CHECK(others < html.find("<code>OPEN-LICENSE</code>"));
  CHECK(count(html, "<article class=\"finding r ") == 4);
  CHECK(html.find("<h5>Remediation</h5>") != std::string::npos);
  CHECK(html.find("<code class=\"loc\">app/build.gradle:42</code>") != std::string::npos);
  // Table headers for accessibility.
  CHECK(html.find("<th scope=\"col\">Principle</th>") != std::string::npos);
  CHECK(html.find("<th scope=\"row\">Equal access</th>") != std::string::npos);
}

TEST_CASE("HTML: self-contained: no script, no external resource, a CSP that forbids the network") {
  std::string html = render_html(sample_report(), Lang::en);
  CHECK(html.find("<script") == std::string::npos);
  CHECK_FALSE(in_a_tag(html, " src="));
  CHECK_FALSE(in_a_tag(html, "url("));  // CSS urls other than fragment ones
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(http") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  // The only http(s) URLs are reference links; a javascript: reference is not a link.
  CHECK(html.find("<a href=\"https://example.org/pacte#neutrality\" rel=\"noopener noreferrer\">") != std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(count(html, "href=") == 1);
}

TEST_CASE("HTML: every report value is escaped") {
  std::string html = render_html(sample_report(), Lang::en);
  CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;img src=&quot;logo.png&quot; onerror=&quot;alert(1)&quot;&gt;") != std::string::npos);
  CHECK(html.find("src/pages/Accessibilité.tsx:12") != std::string::npos);
  CHECK(html.find("docs/caf\xEF\xBF\xBD &quot;quoted&quot;.html") != std::string::npos);
  CHECK(html.find('\x01') == std::string::npos);

  json hostile = sample_report();
  hostile["results"][0]["principle"] = "\"><svg onload=alert(1)>";
  hostile["results"][0]["severity"] = "x\" onmouseover=\"alert(1)";
  hostile["results"][0]["status"] = "fail";
  hostile["verdict"] = "<b>bold</b>";
  hostile["facts"]["licenses"][0]["path"] = "</code><script>";
  hostile["facts"]["history"]["monthly"][0]["month"] = "<i>";
  hostile["repository"]["path"] = "/tmp/<x>&";
  std::string page = render_html(hostile, Lang::en);
  CHECK(xml_problem(page) == "");
  CHECK(page.find("<svg onload") == std::string::npos);
  CHECK(page.find("onmouseover=\"alert") == std::string::npos);
  CHECK(page.find("<b>bold") == std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("HTML: filters work without JavaScript (checkboxes and CSS :has), hidden in print") {
  std::string html = render_html(sample_report(), Lang::en);
  CHECK(html.find("<input type=\"checkbox\" id=\"fp-neutrality\" checked=\"checked\"/> Neutrality") != std::string::npos);
  CHECK(html.find("<input type=\"checkbox\" id=\"fs-pass\" checked=\"checked\"/> Passed") != std::string::npos);
  CHECK(html.find("body:has(#fp-neutrality:not(:checked)) .r.p-neutrality{display:none}") != std::string::npos);
  CHECK(html.find("body:has(#fs-fail:not(:checked)) .r.s-fail{display:none}") != std::string::npos);
  CHECK(html.find("@media print{\n  .filters") != std::string::npos);
  CHECK(html.find("<tr class=\"r p-continuity s-waived\">") != std::string::npos);
}

TEST_CASE("HTML: French page, and no activity chart without history") {
  json report = sample_report();
  report["facts"]["history"] = nullptr;
  std::string html = render_html(report, Lang::fr);
  pacte::test::save_sample("report.fr.html", html);
  CHECK(xml_problem(html) == "");
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"fr\">", 0) == 0);
  CHECK(html.find("Rapport de conformité") != std::string::npos);
  CHECK(html.find("Verdict\u00A0: non conforme") != std::string::npos);
  CHECK(html.find("62,5") != std::string::npos);
  CHECK(html.find("Égalité d&#39;accès") != std::string::npos);
  CHECK(html.find("<svg class=\"activity\"") == std::string::npos);
  CHECK(html.find("Pas d&#39;historique git") != std::string::npos);
  // French typography in the facts and the principle donuts: non-breaking space before the colon.
  CHECK(html.find("<li><code>LICENSE</code>\u00A0: AGPL-3.0-or-later</li>") != std::string::npos);
  CHECK(html.find("Neutralité\u00A0: 40,0 sur 100") != std::string::npos);
  CHECK(html.find(" : ") == std::string::npos);
  CHECK(html == render_html(report, Lang::fr));
}

TEST_CASE("HTML: an empty report still renders a valid page") {
  std::string html = render_html(json::object(), Lang::en);
  CHECK(xml_problem(html) == "");
  CHECK(html.find("No rule failed.") != std::string::npos);
}

TEST_CASE("HTML: xmllint agrees that the page is well-formed") {
  if (!pacte::test::have_xmllint()) {
    MESSAGE("xmllint not installed (Debian package libxml2-utils): skipped");
    return;
  }
  std::string path = pacte::test::write_temp("report.html", render_html(sample_report(), Lang::fr));
  CHECK(pacte::test::run("xmllint --noout '" + path + "'") == 0);
}

TEST_CASE("HTML: the service's name is the page's title and heading") {
  json report = sample_report();
  report["charter"]["service_name"] = "Trouve ton emploi <beta>";
  std::string html = render_html(report, Lang::fr);
  CHECK(html.find("<title>Trouve ton emploi &lt;beta&gt; \xE2\x80\x94 Rapport de conformité \xE2\x80\x94 non conforme</title>") !=
        std::string::npos);
  CHECK(html.find("<p class=\"kicker\">Rapport de conformité</p>\n<h1>Trouve ton emploi &lt;beta&gt;</h1>") != std::string::npos);
}

TEST_CASE("HTML: evidence is collapsible, open for critical and high failures only") {
  std::string html = render_html(sample_report(), Lang::en);
  CHECK(xml_problem(html) == "");
  // NEUT-AD-SDK (critical, 2 locations) and A11Y-IMG-ALT (high, 3) open; OPEN-CONTRIBUTING (low) closed.
  CHECK(count(html, "<details class=\"evidence\" open=\"open\"><summary>") == 2);
  CHECK(html.find("<details class=\"evidence\" open=\"open\"><summary>Evidence (2)</summary>") != std::string::npos);
  CHECK(html.find("<details class=\"evidence\" open=\"open\"><summary>Evidence (3)</summary>") != std::string::npos);
  CHECK(html.find("<details class=\"evidence\"><summary>Evidence (1)</summary>") != std::string::npos);
  CHECK(html.find("<h5>Evidence</h5>") == std::string::npos);
  std::string fr = render_html(sample_report(), Lang::fr);
  CHECK(fr.find("<summary>Preuves (2)</summary>") != std::string::npos);
}

TEST_CASE("HTML: a filter that hides every finding of a group hides its heading too") {
  std::string html = render_html(sample_report(), Lang::en);
  // One group per severity of failure, each with its heading inside.
  CHECK(html.find("<div class=\"sev-group\" id=\"sev-critical\">\n<h3 class=\"sev-heading\">Critical</h3>") != std::string::npos);
  CHECK(count(html, "<div class=\"sev-group\"") == 4);
  // The critical group holds only a neutrality failure: unchecking neutrality or "failed" hides it.
  CHECK(html.find("body:is(:has(#fp-neutrality:not(:checked)),:has(#fs-fail:not(:checked))) #sev-critical{display:none}") !=
        std::string::npos);
  // The other results: hidden when every (principle, status) they hold is filtered out.
  CHECK(html.find(":is(:has(#fp-openness:not(:checked)),:has(#fs-pass:not(:checked)))") != std::string::npos);
  CHECK(html.find(" #other-results{display:none}") != std::string::npos);
  CHECK(html.find("<div id=\"other-results\">\n<h3>Other results (4)</h3>") != std::string::npos);
}

TEST_CASE("HTML: a dormant repository gets a sentence, not an empty chart") {
  json report = sample_report();
  for (auto& m : report["facts"]["history"]["monthly"]) m["commits"] = 0;
  std::string html = render_html(report, Lang::en);
  CHECK(html.find("<svg class=\"activity\"") == std::string::npos);
  CHECK(html.find("<p class=\"activity-none\">No commit in the last 24 months: the repository is dormant.</p>") != std::string::npos);
  std::string fr = render_html(report, Lang::fr);
  CHECK(fr.find("Aucun commit au cours des 24 derniers mois\u00A0: le dépôt est en sommeil.") != std::string::npos);
  // No history at all keeps its own sentence.
  report["facts"]["history"] = nullptr;
  CHECK(render_html(report, Lang::en).find("No git history") != std::string::npos);
}

TEST_CASE("HTML: the principle table counts undeclared rules only when a report has some") {
  auto report = sample_report();
  std::string with_charter = render_html(report, Lang::en);
  CHECK(with_charter.find("<th scope=\"col\" class=\"num\">Undeclared</th>") == std::string::npos);
  report["principles"]["neutrality"]["undeclared"] = 3;
  report["verdict"] = "no-charter";
  std::string html = render_html(report, Lang::en);
  CHECK(xml_problem(html) == "");
  CHECK(count(html, "<th scope=\"col\" class=\"num\">Undeclared</th>") == 1);
  // One cell per principle row: 3 for neutrality, 0 for the others.
  auto row = html.find("<th scope=\"row\">Neutrality</th>");
  REQUIRE(row != std::string::npos);
  auto end = html.find("</tr>", row);
  CHECK(html.substr(row, end - row).find("<td class=\"num\">3</td>") != std::string::npos);
  CHECK(count(html, "<td class=\"num\">0</td></tr>") >= 1);
}
