// The lexers that tell code, strings and comments apart before a tracker finding is judged:
// one family after the other, with trailing comments, unterminated comments and odd cases.
#include <doctest/doctest.h>

#include "checks/base/source_text.hpp"

using namespace pacte;

namespace {

// The kind of the region where `needle` starts in `text` (the `nth` occurrence, from 0).
std::string kind(std::string_view text, LexFamily family, std::string_view needle, int nth = 0) {
  std::size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string_view::npos; ++i) at = text.find(needle, at + 1);
  REQUIRE_MESSAGE(at != std::string_view::npos, "no '" << needle << "' in the text");
  return std::string(region_kind_name(region_at(lex_regions(text, family), at)));
}

std::string kind_in(std::string_view path, std::string_view text, std::string_view needle, int nth = 0) {
  return kind(text, lex_family_for(path), needle, nth);
}

}  // namespace

TEST_CASE("families by file name") {
  CHECK(lex_family_for("app/src/main/java/org/example/AdHandler.kt") == LexFamily::nested_c);
  CHECK(lex_family_for("web/src/App.TSX") == LexFamily::javascript);
  CHECK(lex_family_for("grails-app/views/layouts/main.gsp") == LexFamily::jsp);
  CHECK(lex_family_for("resources/views/welcome.blade.php") == LexFamily::blade);
  CHECK(lex_family_for("index.php") == LexFamily::php);
  CHECK(lex_family_for("app/views/layouts/application.html.haml") == LexFamily::haml);
  CHECK(lex_family_for("app/views/layouts/application.html.erb") == LexFamily::erb);
  CHECK(lex_family_for("Views/Shared/_Layout.cshtml") == LexFamily::razor);
  CHECK(lex_family_for("templates/base.html.twig") == LexFamily::markup);
  CHECK(lex_family_for("views/layout.pug") == LexFamily::pug);
  CHECK(lex_family_for("views/layout.slim") == LexFamily::slim);
  CHECK(lex_family_for("Dockerfile") == LexFamily::hash);
  CHECK(lex_family_for("Gemfile") == LexFamily::ruby);
  CHECK(lex_family_for("config/application.properties") == LexFamily::properties);
  CHECK(lex_family_for("db/schema.sql") == LexFamily::sql);
  CHECK(lex_family_for("photo.png") == LexFamily::none);
}

TEST_CASE("C-like: line, block and trailing comments; strings; code") {
  std::string_view src =
      "// import com.google.android.gms.ads.MobileAds\n"
      "val url = \"https://example.org/a//b\" // trailing note\n"
      "/* AdView(this)\n"
      " * loadAd()\n"
      " */\n"
      "fun live() = MobileAds.init()\n";
  CHECK(kind(src, LexFamily::c_like, "import com.google") == "comment");
  CHECK(kind(src, LexFamily::c_like, "example.org") == "string");
  CHECK(kind(src, LexFamily::c_like, "trailing note") == "comment");
  CHECK(kind(src, LexFamily::c_like, "AdView") == "comment");
  CHECK(kind(src, LexFamily::c_like, "loadAd") == "comment");
  CHECK(kind(src, LexFamily::c_like, "MobileAds", 1) == "code");
}

TEST_CASE("C-like: a comment opener inside a string, quotes inside a comment, escapes") {
  std::string_view src = "s = \"a /* not a comment\"; t = 'x'; // it's \"quoted\"\nu = \"\\\"\" + track()\n";
  CHECK(kind(src, LexFamily::c_like, "not a comment") == "string");
  CHECK(kind(src, LexFamily::c_like, "t = ") == "code");
  CHECK(kind(src, LexFamily::c_like, "quoted") == "comment");
  CHECK(kind(src, LexFamily::c_like, "track()") == "code");
}

TEST_CASE("C-like: an unterminated block comment runs to the end; an unterminated string ends its line") {
  std::string_view comment = "live();\n/* old code\nads.load();\n";
  CHECK(kind(comment, LexFamily::c_like, "ads.load") == "comment");
  std::string_view str = "s = \"open\nads.load();\n";
  CHECK(kind(str, LexFamily::c_like, "ads.load") == "code");
}

TEST_CASE("Kotlin, Swift and Dart block comments nest; Java's do not") {
  std::string_view src = "/* outer /* inner */ still outer AdRequest() */ live()\n";
  CHECK(kind(src, LexFamily::nested_c, "AdRequest") == "comment");
  CHECK(kind(src, LexFamily::nested_c, "live") == "code");
  CHECK(kind(src, LexFamily::c_like, "AdRequest") == "code");
}

TEST_CASE("C-like: raw and multi-line strings (Kotlin, Java text blocks, Go, C# verbatim)") {
  std::string_view kt = "val html = \"\"\"\n  <script src=\"https://x.example/t.js\"></script> // not a comment\n\"\"\"\n";
  CHECK(kind(kt, LexFamily::nested_c, "not a comment") == "string");
  std::string_view go = "const page = `\n// inside a raw string\n`\nfunc f() {}\n";
  CHECK(kind(go, LexFamily::c_like, "inside a raw") == "string");
  CHECK(kind(go, LexFamily::c_like, "func f") == "code");
  std::string_view cs = "var s = @\"C:\\dir\\ \"\" // still the string\n end\"; Track();\n";
  CHECK(kind(cs, LexFamily::c_like, "still the string") == "string");
  CHECK(kind(cs, LexFamily::c_like, "Track()") == "code");
}

TEST_CASE("JavaScript: template literals, regular expressions and JSX comments") {
  std::string_view js =
      "const re = /\\/\\/\"[a-z]/g; gtag('config', 'G-1');\n"
      "const t = `line one\n// line two`;\n"
      "const half = a / b; // ga('send')\n"
      "return (<div>{/* <Analytics/> */}</div>);\n";
  CHECK(kind(js, LexFamily::javascript, "gtag") == "code");
  CHECK(kind(js, LexFamily::javascript, "line two") == "string");
  CHECK(kind(js, LexFamily::javascript, "ga('send')") == "comment");
  CHECK(kind(js, LexFamily::javascript, "<Analytics/>") == "comment");
  CHECK(kind(js, LexFamily::javascript, "return") == "code");
}

TEST_CASE("CSS and SCSS: url(//host) is not a comment") {
  std::string_view css = "a { background: url(//cdn.example.net/x.png); } /* old: url(https://t.example) */\n";
  CHECK(kind(css, LexFamily::css, "cdn.example.net") == "code");
  CHECK(kind(css, LexFamily::css, "t.example") == "comment");
  std::string_view scss = "$u: url(//cdn.example.net/a.css);\n// @import 'tracker';\n";
  CHECK(kind(scss, LexFamily::scss, "cdn.example.net") == "code");
  CHECK(kind(scss, LexFamily::scss, "@import") == "comment");
}

TEST_CASE("Python: # comments, trailing comments, strings and docstrings") {
  std::string_view py =
      "import sentry_sdk  # errors\n"
      "# sentry_sdk.init(dsn)\n"
      "url = 'https://x.example/#anchor'\n"
      "doc = \"\"\"\n# not a comment\n\"\"\"\n";
  CHECK(kind(py, LexFamily::python, "import sentry_sdk") == "code");
  CHECK(kind(py, LexFamily::python, "errors") == "comment");
  CHECK(kind(py, LexFamily::python, "sentry_sdk.init") == "comment");
  CHECK(kind(py, LexFamily::python, "anchor") == "string");
  CHECK(kind(py, LexFamily::python, "not a comment") == "string");
}

TEST_CASE("Ruby: # comments, interpolation in strings, =begin/=end") {
  std::string_view rb =
      "gem 'newrelic_rpm' # monitoring\n"
      "name = \"#{user}\"\n"
      "=begin\n"
      "Analytics.track(user)\n"
      "=end\n"
      "Analytics.identify(user)\n";
  CHECK(kind(rb, LexFamily::ruby, "monitoring") == "comment");
  CHECK(kind(rb, LexFamily::ruby, "#{user}") == "string");
  CHECK(kind(rb, LexFamily::ruby, "Analytics.track") == "comment");
  CHECK(kind(rb, LexFamily::ruby, "Analytics.identify") == "code");
}

TEST_CASE("shell, YAML, TOML and conf: # at the start of a word") {
  std::string_view yml =
      "# tracking: enabled\n"
      "host: analytics.example.org  # trailing\n"
      "color: \"#fff\"\n"
      "anchor: page#top\n";
  CHECK(kind(yml, LexFamily::hash, "tracking") == "comment");
  CHECK(kind(yml, LexFamily::hash, "analytics.example") == "code");
  CHECK(kind(yml, LexFamily::hash, "trailing") == "comment");
  CHECK(kind(yml, LexFamily::hash, "#fff") == "string");
  CHECK(kind(yml, LexFamily::hash, "top") == "code");
  std::string_view sh = "echo ${#list} # count\n";
  CHECK(kind(sh, LexFamily::hash, "list") == "code");
  CHECK(kind(sh, LexFamily::hash, "count") == "comment");
}

TEST_CASE("properties and ini: comments only at line start") {
  std::string_view props = "# sentry.dsn=https://a@o1.ingest.sentry.io/1\n  ! old\nurl=https://x.example/#frag\n";
  CHECK(kind(props, LexFamily::properties, "sentry.dsn") == "comment");
  CHECK(kind(props, LexFamily::properties, "old") == "comment");
  CHECK(kind(props, LexFamily::properties, "frag") == "code");
  std::string_view ini = "; tracker=on\nkey=value ; kept\n";
  CHECK(kind(ini, LexFamily::ini, "tracker") == "comment");
  CHECK(kind(ini, LexFamily::ini, "kept") == "code");
}

TEST_CASE("SQL: -- and /* */ comments, strings") {
  std::string_view sql = "-- INSERT INTO t VALUES ('ga')\nSELECT '--not' FROM t; /* old */ SELECT 1;\n";
  CHECK(kind(sql, LexFamily::sql, "INSERT") == "comment");
  CHECK(kind(sql, LexFamily::sql, "--not") == "string");
  CHECK(kind(sql, LexFamily::sql, "old") == "comment");
  CHECK(kind(sql, LexFamily::sql, "SELECT 1") == "code");
}

TEST_CASE("HTML and XML: <!-- --> comments, scripts as JavaScript, styles as CSS") {
  std::string_view html =
      "<!-- <script src=\"https://www.googletagmanager.com/gtm.js\"></script> -->\n"
      "<a href=\"https://example.org\">see https://example.org // not a comment</a>\n"
      "<script>\n"
      "  // gtag('config')\n"
      "  fbq('init', '1'); /* old */\n"
      "</script>\n"
      "<p>// text after the script</p>\n"
      "<script type=\"text/x-template\">// a client template</script>\n"
      "<style>/* .ad {} */ .live {}</style>\n";
  CHECK(kind(html, LexFamily::markup, "googletagmanager") == "markup-comment");
  CHECK(kind(html, LexFamily::markup, "not a comment") == "code");
  CHECK(kind(html, LexFamily::markup, "gtag") == "comment");
  CHECK(kind(html, LexFamily::markup, "fbq") == "code");
  CHECK(kind(html, LexFamily::markup, "text after") == "code");
  CHECK(kind(html, LexFamily::markup, "a client template") == "code");
  CHECK(kind(html, LexFamily::markup, ".ad") == "comment");
  CHECK(kind(html, LexFamily::markup, ".live") == "code");
  std::string_view xml = "<manifest>\n  <!--\n  <meta-data android:name=\"com.google.android.gms.ads.APPLICATION_ID\"/>\n  -->\n</manifest>\n";
  CHECK(kind(xml, LexFamily::markup, "com.google") == "markup-comment");
  CHECK(kind(xml, LexFamily::markup, "</manifest>") == "code");
}

TEST_CASE("HTML: an unterminated <!-- runs to the end; an unterminated {# is text") {
  CHECK(kind("<p>a</p>\n<!-- <script src=x></script>\n", LexFamily::markup, "<script") == "markup-comment");
  CHECK(kind("<p>{# not closed</p>\n<script src=x></script>\n", LexFamily::markup, "<script") == "code");
}

TEST_CASE("template comments: Jinja/Twig/Nunjucks, Handlebars, Go templates, Liquid and Django") {
  std::string_view t =
      "{# <script src=\"https://a.example\"></script> #}\n"
      "{{!-- hotjar() --}} {{! intercom() }}\n"
      "{{/* gtag() */}}\n"
      "{% comment %} fbq() {% endcomment %}\n"
      "{%- comment -%} ttq() {%- endcomment -%}\n"
      "{% # inline liquid comment %}\n"
      "{% if user %}live(){% endif %}\n";
  for (auto needle : {"a.example", "hotjar", "intercom", "gtag", "fbq", "ttq", "inline liquid"})
    CHECK_MESSAGE(kind(t, LexFamily::markup, needle) == "comment", needle);
  CHECK(kind(t, LexFamily::markup, "live()") == "code");
}

TEST_CASE("template comments of JSP/GSP, Blade, Razor, ERB/EJS, FreeMarker, Velocity, Smarty") {
  CHECK(kind_in("x.gsp", "<%-- <script>hj('identify')</script> --%>\n<p/>\n", "hj(") == "comment");
  CHECK(kind_in("x.gsp", "%{-- FS.identify(user.email) --}%\n", "FS.identify") == "comment");
  CHECK(kind_in("x.jsp", "<%-- unterminated\n<script src=t.js>\n", "<script") == "comment");
  CHECK(kind_in("a.blade.php", "{{-- <script src=\"https://x\"></script> --}}\n", "<script") == "comment");
  CHECK(kind_in("a.cshtml", "@* <script>gtag()</script> *@\n<p>@Model.Name</p>\n", "gtag") == "comment");
  CHECK(kind_in("a.cshtml", "@* <script>gtag()</script> *@\n<p>@Model.Name</p>\n", "@Model") == "code");
  CHECK(kind_in("a.html.erb", "<%# render 'analytics' %>\n<%= render 'live' %>\n", "analytics") == "comment");
  CHECK(kind_in("a.html.erb", "<%# render 'analytics' %>\n<%= render 'live' %>\n", "live") == "code");
  CHECK(kind_in("a.ejs", "<%# include('tracking') %>\n", "tracking") == "comment");
  CHECK(kind_in("a.heex", "<%!-- <.analytics/> --%>\n", "analytics") == "comment");
  CHECK(kind_in("a.ftl", "<#-- <script src=t.js></script> -->\n", "<script") == "comment");
  CHECK(kind_in("a.vm", "## tracker\n#* block *#\n$live\n", "tracker") == "comment");
  CHECK(kind_in("a.vm", "## tracker\n#* block *#\n$live\n", "block") == "comment");
  CHECK(kind_in("a.vm", "## tracker\n#* block *#\n$live\n", "$live") == "code");
  CHECK(kind_in("a.tpl", "{* {include file='ga.tpl'} *}\n", "ga.tpl") == "comment");
}

TEST_CASE("template comments inside a <script> of a template") {
  std::string_view gsp = "<script>\n<%-- hj('identify', '${user.email}') --%>\n  live();\n</script>\n";
  CHECK(kind_in("x.gsp", gsp, "hj(") == "comment");
  CHECK(kind_in("x.gsp", gsp, "live()") == "code");
}

TEST_CASE("PHP: markup outside <?php ?>, //, # and /* */ inside; #[ is an attribute") {
  std::string_view php =
      "<p>// plain text</p>\n"
      "<?php\n"
      "// echo ga_tag();\n"
      "# echo fbq();\n"
      "#[Route('/')]\n"
      "echo live(); ?>\n"
      "<!-- <script src=\"t.js\"></script> -->\n"
      "<?php /* ?> */ echo after(); ?>\n";
  CHECK(kind(php, LexFamily::php, "plain text") == "code");
  CHECK(kind(php, LexFamily::php, "ga_tag") == "comment");
  CHECK(kind(php, LexFamily::php, "fbq") == "comment");
  CHECK(kind(php, LexFamily::php, "Route") == "code");
  CHECK(kind(php, LexFamily::php, "live()") == "code");
  CHECK(kind(php, LexFamily::php, "t.js") == "markup-comment");
  CHECK(kind(php, LexFamily::php, "after()") == "code");
}

TEST_CASE("PHP: a // comment ends at ?>") {
  std::string_view php = "<?php // note ?><script src=\"https://x.example/a.js\"></script>\n";
  CHECK(kind(php, LexFamily::php, "note") == "comment");
  CHECK(kind(php, LexFamily::php, "x.example") == "code");
}

TEST_CASE("HAML, Slim and Pug: comment lines hold the lines indented below them") {
  std::string_view haml =
      "%head\n"
      "  -# Analytics, disabled:\n"
      "    %script{src: 'https://www.googletagmanager.com/gtag/js'}\n"
      "\n"
      "    = render 'ga'\n"
      "  / IE only\n"
      "  %script{src: 'https://live.example/a.js'}\n";
  CHECK(kind(haml, LexFamily::haml, "googletagmanager") == "comment");
  CHECK(kind(haml, LexFamily::haml, "render 'ga'") == "comment");
  CHECK(kind(haml, LexFamily::haml, "IE only") == "markup-comment");
  CHECK(kind(haml, LexFamily::haml, "live.example") == "code");
  std::string_view slim = "head\n  / script src=\"https://t.example/a.js\"\n  /! html comment\n  script src=\"https://l.example\"\n";
  CHECK(kind(slim, LexFamily::slim, "t.example") == "comment");
  CHECK(kind(slim, LexFamily::slim, "html comment") == "markup-comment");
  CHECK(kind(slim, LexFamily::slim, "l.example") == "code");
  std::string_view pug = "head\n  //- script(src='https://t.example')\n    more\n  // shown\n  script(src='https://l.example')\n";
  CHECK(kind(pug, LexFamily::pug, "t.example") == "comment");
  CHECK(kind(pug, LexFamily::pug, "more") == "comment");
  CHECK(kind(pug, LexFamily::pug, "shown") == "markup-comment");
  CHECK(kind(pug, LexFamily::pug, "l.example") == "code");
}

TEST_CASE("lexing stops after the offset asked for, with the same regions before it") {
  std::string text = "/* a */ x(); /* b */ y(); /* c */\n";
  auto all = lex_regions(text, LexFamily::c_like);
  auto part = lex_regions(text, LexFamily::c_like, text.find("x()"));
  REQUIRE(all.size() == 3);
  REQUIRE(!part.empty());
  CHECK(part.size() < all.size());
  CHECK(part[0].begin == all[0].begin);
  CHECK(part[0].end == all[0].end);
}

TEST_CASE("odd input never throws: empty, a lone opener, binary bytes") {
  for (auto f : {LexFamily::c_like, LexFamily::javascript, LexFamily::markup, LexFamily::php, LexFamily::haml,
                 LexFamily::python, LexFamily::ruby, LexFamily::sql, LexFamily::jsp})
    for (std::string_view t : {std::string_view(""), std::string_view("/"), std::string_view("<"),
                               std::string_view("<?"), std::string_view("\"\\"), std::string_view("<script"),
                               std::string_view("{%"), std::string_view("=begin"), std::string_view("\0\xff\n", 3)}) {
      CHECK_NOTHROW(lex_regions(t, f));
      auto r = lex_regions(t, f);
      for (const auto& x : r) CHECK(x.end <= t.size());
    }
}
