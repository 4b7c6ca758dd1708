// Tracker findings judged with the lexers and the decoder: a commented-out SDK is a comment, a
// UTF-16 page is read, every template language is scanned.
#include <doctest/doctest.h>

#include "checks/trackers/detect.hpp"

using namespace pacte;

namespace {

const SignatureSet& builtin() {
  static const SignatureSet set = SignatureSet::builtin();
  return set;
}

std::vector<TrackerDetection> scan(const MemorySnapshot& snap) {
  TrackerScanStats stats;
  return detect_trackers(snap, builtin(), stats);
}

const TrackerDetection* find(const std::vector<TrackerDetection>& dets, std::string_view id) {
  for (const auto& d : dets)
    if (d.signature->id == id) return &d;
  return nullptr;
}

// The contexts of the hits of `id` in `path`, in line order, as "line:context".
std::vector<std::string> contexts(const std::vector<TrackerDetection>& dets, std::string_view id, std::string_view path) {
  std::vector<std::string> out;
  if (const auto* d = find(dets, id))
    for (const auto& h : d->hits)
      if (h.evidence.path == path) out.push_back(std::to_string(h.evidence.line) + ":" + h.context);
  return out;
}

// `ascii` as UTF-16 with a BOM.
std::string utf16(std::string_view ascii, bool big_endian) {
  std::string out = big_endian ? std::string("\xFE\xFF", 2) : std::string("\xFF\xFE", 2);
  for (char c : ascii) {
    out += big_endian ? '\0' : c;
    out += big_endian ? c : '\0';
  }
  return out;
}

}  // namespace

TEST_CASE("a Kotlin ad handler inside a block comment is a comment, not shipped advertising") {
  // Modelled on an app whose ads were switched off years ago: the handler is kept, commented out.
  MemorySnapshot snap;
  snap.add("app/src/main/java/org/example/notes/AdHandler.kt",
           "package org.example.notes\n"
           "\n"
           "/*\n"
           "import com.google.android.gms.ads.AdRequest\n"
           "import com.google.android.gms.ads.AdView\n"
           "\n"
           "class AdHandler(private val view: AdView) {\n"
           "    fun show() = view.loadAd(AdRequest.Builder().build())\n"
           "}\n"
           "*/\n");
  auto dets = scan(snap);
  const auto* admob = find(dets, "google-admob");
  REQUIRE(admob);
  CHECK(admob->only_dev_or_test);
  CHECK(contexts(dets, "google-admob", "app/src/main/java/org/example/notes/AdHandler.kt") ==
        std::vector<std::string>{"4:comment", "5:comment"});
  CHECK(admob->hits[0].evidence.note.find("inside a comment") != std::string::npos);
  auto json = trackers_to_json(dets);
  CHECK(json[0]["context"] == "comment");
}

TEST_CASE("a trailing comment after code is a comment; the code before it is code") {
  MemorySnapshot snap;
  snap.add("app/src/main/java/org/example/A.java",
           "class A { void f() { run(); } } // was: com.google.android.gms.ads.MobileAds.initialize(this)\n");
  snap.add("deploy/site.yml", "analytics_host: self.example.org  # before: www.google-analytics.com\n");
  auto dets = scan(snap);
  CHECK(contexts(dets, "google-admob", "app/src/main/java/org/example/A.java") == std::vector<std::string>{"1:comment"});
  CHECK(contexts(dets, "google-analytics", "deploy/site.yml") == std::vector<std::string>{"1:comment"});
  MemorySnapshot live;
  live.add("app/src/main/java/org/example/B.java",
           "class B { void f() { com.google.android.gms.ads.MobileAds.initialize(this); } } // ads\n");
  CHECK(contexts(scan(live), "google-admob", "app/src/main/java/org/example/B.java") == std::vector<std::string>{"1:code"});
}

TEST_CASE("an AndroidManifest entry inside <!-- --> is a comment") {
  MemorySnapshot snap;
  snap.add("app/src/main/AndroidManifest.xml",
           "<manifest>\n  <application>\n    <!--\n    <meta-data android:name=\"com.google.android.gms.ads.APPLICATION_ID\"\n"
           "               android:value=\"ca-app-pub-0~0\"/>\n    -->\n  </application>\n</manifest>\n");
  auto dets = scan(snap);
  CHECK(contexts(dets, "google-admob", "app/src/main/AndroidManifest.xml") == std::vector<std::string>{"4:comment"});
  CHECK(find(dets, "google-admob")->only_dev_or_test);
}

TEST_CASE("a UTF-16 page with a BOM is read: AdSense and Google Analytics in code, at their lines") {
  std::string page =
      "<!DOCTYPE html>\r\n<html>\r\n<head>\r\n"
      "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0\"></script>\r\n"
      "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-TEST000\"></script>\r\n"
      "</head>\r\n<body>\r\n<p>Horaires</p>\r\n</body>\r\n</html>\r\n";
  for (bool be : {false, true}) {
    INFO((be ? "UTF-16BE" : "UTF-16LE"));
    MemorySnapshot snap;
    snap.add("public/index.html", utf16(page, be));
    auto dets = scan(snap);
    const auto* adsense = find(dets, "google-adsense");
    REQUIRE(adsense);
    CHECK_FALSE(adsense->only_dev_or_test);
    CHECK(adsense->hits[0].evidence.line == 4);
    CHECK(adsense->hits[0].evidence.snippet.find("pagead2.googlesyndication.com") != std::string::npos);
    CHECK(adsense->hits[0].evidence.note.find(be ? "UTF-16BE" : "UTF-16LE") != std::string::npos);
    CHECK(contexts(dets, "google-analytics", "public/index.html") == std::vector<std::string>{"5:code"});
  }
}

TEST_CASE("a Latin-1 template gives a valid UTF-8 snippet") {
  MemorySnapshot snap;
  snap.add("templates/base.html", "<p>R\xE9gie</p>\n<script src=\"https://www.google-analytics.com/analytics.js\"></script><p>\xE9t\xE9</p>\n");
  auto dets = scan(snap);
  const auto* ga = find(dets, "google-analytics");
  REQUIRE(ga);
  CHECK(ga->hits[0].evidence.line == 2);
  CHECK(ga->hits[0].evidence.snippet.find("<p>\xC3\xA9t\xC3\xA9</p>") != std::string::npos);
}

TEST_CASE("a GSP layout with a Hotjar snippet is scanned; a JSP comment is not live") {
  // Modelled on a Grails layout that identifies the signed-in user to a session-replay service.
  MemorySnapshot snap;
  snap.add("grails-app/views/layouts/main.gsp",
           "<!doctype html>\n<html>\n<head>\n"
           "<g:if test=\"${grailsApplication.config.hotjar.enabled}\">\n"
           "<script>\n"
           "  (function(h,o,t,j,a,r){ h._hjSettings={hjid:${hotjarId},hjsv:6};\n"
           "   r=o.createElement('script');r.src=t+h._hjSettings.hjid+j;\n"
           "  })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');\n"
           "  hj('identify', '${user.id}', {email: '${user.email}'});\n"
           "</script>\n"
           "</g:if>\n"
           "<%-- FullStory, removed:\n"
           "<script>window['_fs_org'] = 'o-1'; FS.identify('${user.id}')</script>\n"
           "--%>\n"
           "</head>\n</html>\n");
  auto dets = scan(snap);
  const auto* hotjar = find(dets, "hotjar");
  REQUIRE(hotjar);
  CHECK_FALSE(hotjar->only_dev_or_test);
  CHECK(contexts(dets, "hotjar", "grails-app/views/layouts/main.gsp").front() == "6:code");
  const auto* fullstory = find(dets, "fullstory");
  REQUIRE(fullstory);
  CHECK(fullstory->only_dev_or_test);
  CHECK(contexts(dets, "fullstory", "grails-app/views/layouts/main.gsp") == std::vector<std::string>{"13:comment"});
}

TEST_CASE("every template language is scanned, with its own comments") {
  struct Case {
    const char* path;
    const char* live;     // a line that loads Google Analytics
    const char* comment;  // the same, commented out in the language's syntax
  };
  const Case cases[] = {
      {"views/a.jsp", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "<%-- <script src=\"https://www.google-analytics.com/analytics.js\"></script> --%>"},
      {"app/views/a.html.haml", "%script{src: 'https://www.google-analytics.com/analytics.js'}",
       "-# %script{src: 'https://www.google-analytics.com/analytics.js'}"},
      {"app/views/a.html.slim", "script src=\"https://www.google-analytics.com/analytics.js\"",
       "/ script src=\"https://www.google-analytics.com/analytics.js\""},
      {"app/views/a.html.erb", "<%= javascript_include_tag 'https://www.google-analytics.com/analytics.js' %>",
       "<%# javascript_include_tag 'https://www.google-analytics.com/analytics.js' %>"},
      {"Views/Shared/_Layout.cshtml", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "@* <script src=\"https://www.google-analytics.com/analytics.js\"></script> *@"},
      {"templates/base.html.twig", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "{# <script src=\"https://www.google-analytics.com/analytics.js\"></script> #}"},
      {"resources/views/app.blade.php", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "{{-- <script src=\"https://www.google-analytics.com/analytics.js\"></script> --}}"},
      {"views/base.njk", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "{# <script src=\"https://www.google-analytics.com/analytics.js\"></script> #}"},
      {"views/base.hbs", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "{{!-- <script src=\"https://www.google-analytics.com/analytics.js\"></script> --}}"},
      {"layout/theme.liquid", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "{% comment %}<script src=\"https://www.google-analytics.com/analytics.js\"></script>{% endcomment %}"},
      {"views/base.ejs", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>",
       "<%# <script src=\"https://www.google-analytics.com/analytics.js\"></script> %>"},
      {"views/base.pug", "script(src='https://www.google-analytics.com/analytics.js')",
       "//- script(src='https://www.google-analytics.com/analytics.js')"},
  };
  for (const auto& c : cases) {
    INFO(c.path);
    MemorySnapshot snap;
    snap.add(c.path, std::string("<p>page</p>\n") + c.comment + "\n<p>more</p>\n" + c.live + "\n");
    auto dets = scan(snap);
    CHECK(contexts(dets, "google-analytics", c.path) == std::vector<std::string>{"2:comment", "4:code"});
  }
}

TEST_CASE("an import of a dev dependency inside a comment is a comment") {
  MemorySnapshot snap;
  snap.add("package.json", "{\n  \"devDependencies\": {\n    \"mixpanel-browser\": \"2.0.0\"\n  }\n}\n");
  snap.add("src/main.js", "/*\nimport mixpanel from 'mixpanel-browser'\n*/\nrun();\n");
  auto dets = scan(snap);
  const auto* d = find(dets, "mixpanel");
  REQUIRE(d);
  CHECK(d->only_dev_or_test);
  CHECK(contexts(dets, "mixpanel", "src/main.js") == std::vector<std::string>{"2:comment"});
}
