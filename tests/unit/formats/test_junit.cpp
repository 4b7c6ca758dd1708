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

}  // namespace

TEST_CASE("JUnit: one suite per principle, one case per result, counts that add up") {
  std::string xml = render_junit(sample_report(), Lang::en);
  pacte::test::save_sample("report.junit.xml", xml);
  CHECK(xml_problem(xml) == "");
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0) == 0);
  CHECK(xml.find("tests=\"8\" failures=\"4\" errors=\"1\" skipped=\"2\"") != std::string::npos);
  CHECK(count(xml, "<testsuite ") == 4);
  CHECK(count(xml, "<testcase ") == 8);
  CHECK(xml.find("<testsuite name=\"pacte.continuity\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"1\"") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"pacte.neutrality\" name=\"NEUT-AD-SDK: No advertising SDK\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"Advertising SDK com.google.android.gms:play-services-ads (Google AdMob)\" type=\"critical\">") !=
        std::string::npos);
  CHECK(xml.find("app/build.gradle:42: implementation &#39;com.google.android.gms:play-services-ads:22.0.0&#39;") != std::string::npos);
  CHECK(xml.find("<skipped message=\"Waived: Second maintainer joins in January (until 2027-02-01)\"/>") != std::string::npos);
  CHECK(xml.find("<error message=\"could not read history: object 1234 missing\" type=\"error\">") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"pacte.openness\" name=\"OPEN-LICENSE: An open licence\" time=\"0\"/>") != std::string::npos);
}

TEST_CASE("JUnit: markup, quotes, newlines and control characters are escaped or dropped") {
  std::string xml = render_junit(sample_report(), Lang::en);
  CHECK(xml.find("<script>") == std::string::npos);
  CHECK(xml.find("<img") == std::string::npos);
  CHECK(xml.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") != std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
  CHECK(xml.find('\x1b') == std::string::npos);
  CHECK(xml.find("src/pages/Accessibilité.tsx:12") != std::string::npos);
  // A message with a newline stays on one line in the attribute.
  CHECK(xml.find("onerror=&quot;alert(1)&quot;&gt; second line") != std::string::npos);
}

TEST_CASE("JUnit: French labels, deterministic, and well-formed for a hostile or empty report") {
  std::string fr = render_junit(sample_report(), Lang::fr);
  CHECK(xml_problem(fr) == "");
  CHECK(fr.find("Dérogation\u00A0: Second maintainer") != std::string::npos);
  CHECK(fr.find("Correction\u00A0: ") != std::string::npos);
  CHECK(fr == render_junit(sample_report(), Lang::fr));

  json hostile = sample_report();
  hostile["results"][0]["rule"] = "X\"<&>'\x02";
  hostile["results"][0]["principle"] = "weird \"principle\" <b>";
  hostile["results"][0]["message"] = std::string("bad \xC3\x28 byte ]]> \xEF\xBF\xBF end");
  std::string xml = render_junit(hostile, Lang::en);
  CHECK(xml_problem(xml) == "");
  CHECK(xml.find("pacte.weird &quot;principle&quot; &lt;b&gt;") != std::string::npos);

  std::string empty = render_junit(json::object(), Lang::en);
  CHECK(xml_problem(empty) == "");
  CHECK(empty.find("tests=\"0\"") != std::string::npos);
}

TEST_CASE("JUnit: xmllint agrees that the output is well-formed") {
  if (!pacte::test::have_xmllint()) {
    MESSAGE("xmllint not installed (Debian package libxml2-utils): skipped");
    return;
  }
  std::string path = pacte::test::write_temp("report.junit.xml", render_junit(sample_report(), Lang::fr));
  CHECK(pacte::test::run("xmllint --noout '" + path + "'") == 0);
}
