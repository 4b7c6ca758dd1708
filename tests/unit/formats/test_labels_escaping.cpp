#include <doctest/doctest.h>

#include "cli/formats/view.hpp"

using namespace pacte;
using namespace pacte::formats;

TEST_CASE("Labels: every label exists in English and French") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(L::count_); ++i) {
    CHECK_FALSE(label(static_cast<L>(i), Lang::en).empty());
    CHECK_FALSE(label(static_cast<L>(i), Lang::fr).empty());
  }
  CHECK(verdict_label("compliant", Lang::fr) == "conforme");
  CHECK(verdict_label("conditional", Lang::fr) == "conforme sous conditions");
  CHECK(verdict_label("non-compliant", Lang::fr) == "non conforme");
  CHECK(verdict_label("non-compliant", Lang::en) == "non-compliant");
  CHECK(principle_label("openness", Lang::fr) == "Ouverture");
  CHECK(principle_label("neutrality", Lang::fr) == "Neutralité");
  CHECK(principle_label("continuity", Lang::fr) == "Continuité");
  CHECK(principle_label("equal_access", Lang::fr) == "Égalité d'accès");
  CHECK(principle_label("equal_access", Lang::en) == "Equal access");
  CHECK(format_score(72.5, Lang::fr) == "72,5");
  CHECK(format_score(std::nullopt, Lang::en) == "\xE2\x80\x93");
  CHECK(format_delta(-0.04, Lang::en) == "\xC2\xB1" "0.0");
}

TEST_CASE("Escaping: XML drops illegal characters and escapes markup") {
  CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
  CHECK(xml_escape("x\x01y\x1bz\x7f\xC2\x85w") == "xyzw");
  CHECK(xml_escape("\xEF\xBF\xBE|\xEF\xBF\xBF|\xEF\xBF\xBD") == "||\xEF\xBF\xBD");
  CHECK(xml_escape("bad \xC3\x28") == "bad \xEF\xBF\xBD(");
  CHECK(xml_escape("l1\nl2\r\t", true) == "l1&#10;l2&#13;&#9;");
  CHECK(xml_escape("l1\nl2", false) == "l1\nl2");
}

TEST_CASE("Escaping: Markdown text and code spans") {
  CHECK(md_escape("a *b* _c_ [d](e) `f` <g> | h") == "a \\*b\\* \\_c\\_ \\[d\\]\\(e\\) \\`f\\` &lt;g&gt; \\| h");
  CHECK(md_escape("- item") == "\\- item");
  CHECK(md_escape("line\nbreak") == "line break");
  CHECK(md_escape("@user") == "@\xE2\x81\xA0user");
  CHECK(md_escape("a @ b") == "a @ b");
  CHECK(md_code("plain") == "`plain`");
  CHECK(md_code("a`b") == "``a`b``");
  CHECK(md_code("`x`") == "`` `x` ``");
  CHECK(md_code("") == "` `");
}

TEST_CASE("Escaping: URI paths, web URLs, workflow commands, truncation") {
  CHECK(uri_encode_path("src/a b/é%#?:.js") == "src/a%20b/%C3%A9%25%23%3F%3A.js");
  CHECK(uri_encode_path("A-Z_a.z~0/9") == "A-Z_a.z~0/9");
  CHECK(is_web_url("https://example.org/x?y=1"));
  CHECK(is_web_url("HTTP://example.org"));
  CHECK_FALSE(is_web_url("javascript:alert(1)"));
  CHECK_FALSE(is_web_url("https://a.org/\"onclick"));
  CHECK_FALSE(is_web_url("https://"));
  CHECK(gh_escape_data("50%\r\n:,") == "50%25%0D%0A:,");
  CHECK(gh_escape_property("a:b,c%") == "a%3Ab%2Cc%25");
  CHECK(truncate_utf8("abcdef", 10) == "abcdef");
  CHECK(truncate_utf8("ééééé", 6) == "\xC3\xA9\xE2\x80\xA6");
  CHECK(one_line("  a \n\t b  ") == "a b");
}
