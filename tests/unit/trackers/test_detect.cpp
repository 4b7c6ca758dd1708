#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>

#include "checks/trackers/detect.hpp"
#include "checks/trackers/workspaces.hpp"

using namespace pacte;

namespace {

struct Scan {
  std::vector<TrackerDetection> detections;
  TrackerScanStats stats;
  const TrackerDetection* find(const std::string& id) const {
    for (const auto& d : detections)
      if (d.signature->id == id) return &d;
    return nullptr;
  }
};

Scan scan(const MemorySnapshot& snap) {
  static const SignatureSet set = SignatureSet::builtin();
  Scan s;
  s.detections = detect_trackers(snap, set, s.stats);
  return s;
}

// The single code-context detection expected from a planted SDK.
void check_planted(const Scan& s, const std::string& id, const std::string& category, const std::string& path, int line,
                   const std::string& kind) {
  INFO("expected " << id << " at " << path << ":" << line);
  const TrackerDetection* d = s.find(id);
  REQUIRE(d);
  CHECK(d->signature->category == category);
  CHECK_FALSE(d->only_dev_or_test);
  bool found = false;
  for (const auto& h : d->hits)
    if (h.evidence.path == path && h.evidence.line == line && h.kind == kind && h.context == "code" && !h.dev)
      found = true;
  CHECK(found);
}

}  // namespace

TEST_CASE("Android: AdMob in Gradle, manifest meta-data, Kotlin import and layout") {
  MemorySnapshot snap;
  snap.add("app/build.gradle", "dependencies {\n    implementation 'com.google.android.gms:play-services-ads:22.6.0'\n}\n");
  snap.add("app/src/main/AndroidManifest.xml",
           "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n"
           "  <application>\n"
           "    <meta-data android:name=\"com.google.android.gms.ads.APPLICATION_ID\" android:value=\"ca-app-pub-1~2\"/>\n"
           "  </application>\n</manifest>\n");
  snap.add("app/src/main/java/org/example/MainActivity.kt",
           "package org.example\n\nimport com.google.android.gms.ads.MobileAds\n\nclass MainActivity\n");
  snap.add("app/src/main/res/layout/main.xml", "<LinearLayout>\n  <com.google.android.gms.ads.AdView android:id=\"@+id/ad\"/>\n</LinearLayout>\n");
  auto s = scan(snap);
  check_planted(s, "google-admob", "ads", "app/build.gradle", 2, "dependency");
  check_planted(s, "google-admob", "ads", "app/src/main/AndroidManifest.xml", 3, "android-manifest");
  check_planted(s, "google-admob", "ads", "app/src/main/java/org/example/MainActivity.kt", 3, "android-class");
  check_planted(s, "google-admob", "ads", "app/src/main/res/layout/main.xml", 2, "android-class");
  const auto* d = s.find("google-admob");
  CHECK(d->hits[0].evidence.snippet.find("play-services-ads") != std::string::npos);
  CHECK(s.detections.size() == 1);
}

TEST_CASE("Android: AD_ID permission, but not when the manifest removes it") {
  MemorySnapshot snap;
  snap.add("app/src/main/AndroidManifest.xml",
           "<manifest>\n  <uses-permission android:name=\"com.google.android.gms.permission.AD_ID\"/>\n</manifest>\n");
  check_planted(scan(snap), "android-advertising-id", "attribution", "app/src/main/AndroidManifest.xml", 2, "android-manifest");
  MemorySnapshot removed;
  removed.add("app/src/main/AndroidManifest.xml",
              "<manifest>\n  <uses-permission android:name=\"com.google.android.gms.permission.AD_ID\" tools:node=\"remove\"/>\n</manifest>\n");
  CHECK(scan(removed).detections.empty());
}

TEST_CASE("the longest pattern wins: the advertising ID client is not AdMob") {
  MemorySnapshot snap;
  snap.add("app/src/main/java/A.java", "import com.google.android.gms.ads.identifier.AdvertisingIdClient;\n");
  auto s = scan(snap);
  CHECK(s.find("android-advertising-id"));
  CHECK_FALSE(s.find("google-admob"));
}

TEST_CASE("Gradle version catalog references resolve to the using line, test-only entries are dev") {
  MemorySnapshot snap;
  snap.add("gradle/libs.versions.toml",
           "[libraries]\nappsflyer = \"com.appsflyer:af-android-sdk:6.12.1\"\nsentry-android = { module = \"io.sentry:sentry-android\", version = \"7.0.0\" }\n");
  snap.add("app/build.gradle.kts",
           "dependencies {\n    implementation(libs.appsflyer)\n    testImplementation(libs.sentry.android)\n}\n");
  auto s = scan(snap);
  check_planted(s, "appsflyer", "attribution", "app/build.gradle.kts", 2, "dependency");
  check_planted(s, "appsflyer", "attribution", "gradle/libs.versions.toml", 2, "dependency");
  const auto* sentry = s.find("sentry");
  REQUIRE(sentry);
  CHECK(sentry->only_dev_or_test);
}

TEST_CASE("iOS: Podfile, Info.plist keys, Swift package") {
  MemorySnapshot snap;
  snap.add("ios/Podfile", "target 'App' do\n  pod 'FBAudienceNetwork'\nend\n");
  snap.add("ios/App/Info.plist",
           "<plist><dict>\n\t<key>GADApplicationIdentifier</key>\n\t<string>ca-app-pub-1~2</string>\n"
           "\t<key>SKAdNetworkItems</key>\n\t<array/>\n</dict></plist>\n");
  snap.add("Package.swift", "let p = Package(dependencies: [\n  .package(url: \"https://github.com/getsentry/sentry-cocoa\", from: \"8.0.0\")\n])\n");
  auto s = scan(snap);
  check_planted(s, "meta-audience-network", "ads", "ios/Podfile", 2, "dependency");
  check_planted(s, "google-admob", "ads", "ios/App/Info.plist", 2, "plist");
  check_planted(s, "apple-skadnetwork", "attribution", "ios/App/Info.plist", 4, "plist");
  check_planted(s, "sentry", "crash", "Package.swift", 2, "dependency");
}

TEST_CASE("web: Google Tag Manager, Meta pixel, Matomo and Plausible in templates") {
  MemorySnapshot snap;
  snap.add("templates/base.html",
           "<html>\n<head>\n"
           "<script async src=\"https://www.googletagmanager.com/gtm.js?id=GTM-ABC123\"></script>\n"
           "<script>\n  fbq('init', '123');\n</script>\n"
           "<script defer data-domain=\"example.org\" src=\"https://plausible.io/js/script.js\"></script>\n"
           "</head>\n</html>\n");
  snap.add("src/matomo.js", "var _paq = window._paq = window._paq || [];\n_paq.push(['trackPageView']);\n");
  auto s = scan(snap);
  check_planted(s, "google-tag-manager", "analytics", "templates/base.html", 3, "domain");
  check_planted(s, "meta-pixel", "ad-pixel", "templates/base.html", 5, "snippet");
  check_planted(s, "plausible", "analytics", "templates/base.html", 7, "domain");
  check_planted(s, "matomo", "analytics", "src/matomo.js", 2, "snippet");
  CHECK(s.find("plausible")->signature->self_hostable);
}

TEST_CASE("web: gtag.js with a Google Ads id is Google Ads, not Google Tag Manager") {
  MemorySnapshot snap;
  snap.add("index.html", "<script async src=\"https://www.googletagmanager.com/gtag/js?id=AW-12345\"></script>\n"
                         "<script>gtag('config', 'AW-12345');</script>\n");
  auto s = scan(snap);
  check_planted(s, "google-ads-conversion", "ad-pixel", "index.html", 1, "domain");
  check_planted(s, "google-ads-conversion", "ad-pixel", "index.html", 2, "snippet");
  CHECK_FALSE(s.find("google-tag-manager"));
}

TEST_CASE("JavaScript ecosystem: npm dependency with line, dev dependency imported by shipped code") {
  MemorySnapshot snap;
  snap.add("package.json", "{\n  \"dependencies\": {\n    \"@amplitude/analytics-browser\": \"^2.0.0\"\n  },\n"
                           "  \"devDependencies\": {\n    \"vue-gtag\": \"^2.0.0\",\n    \"@sentry/cli\": \"^2.0.0\"\n  }\n}\n");
  snap.add("src/main.ts", "import { createApp } from 'vue'\nimport VueGtag from \"vue-gtag\"\n");
  auto s = scan(snap);
  check_planted(s, "amplitude", "analytics", "package.json", 3, "dependency");
  // vue-gtag is a devDependency, but the bundle imports it: it ships.
  check_planted(s, "google-analytics", "analytics", "src/main.ts", 2, "import");
  const auto* sentry = s.find("sentry");
  REQUIRE(sentry);
  CHECK(sentry->only_dev_or_test);
  CHECK(sentry->hits[0].dev);
}

TEST_CASE("Python, Ruby, PHP, Go, Dart and .NET manifests") {
  MemorySnapshot snap;
  snap.add("requirements.txt", "django\nposthog==3.0\n");
  snap.add("Gemfile", "source 'https://rubygems.org'\ngem 'mixpanel-ruby'\n");
  snap.add("composer.json", "{\n  \"require\": {\n    \"bugsnag/bugsnag-laravel\": \"^2.0\"\n  }\n}\n");
  snap.add("go.mod", "module x\n\nrequire github.com/rollbar/rollbar-go v1.4.5\n");
  snap.add("pubspec.yaml", "name: app\ndependencies:\n  appsflyer_sdk: ^6.0.0\n");
  snap.add("Service/Service.csproj", "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"Microsoft.AppCenter.Crashes\" Version=\"5.0.3\" />\n  </ItemGroup>\n</Project>\n");
  auto s = scan(snap);
  check_planted(s, "posthog", "analytics", "requirements.txt", 2, "dependency");
  check_planted(s, "mixpanel", "analytics", "Gemfile", 2, "dependency");
  check_planted(s, "bugsnag", "crash", "composer.json", 3, "dependency");
  check_planted(s, "rollbar", "crash", "go.mod", 3, "dependency");
  check_planted(s, "appsflyer", "attribution", "pubspec.yaml", 3, "dependency");
  check_planted(s, "app-center-crashes", "crash", "Service/Service.csproj", 3, "dependency");
}

TEST_CASE("look-alikes produce no detection in code context") {
  MemorySnapshot snap;
  snap.add("docs/adsense-docs.md", "# AdSense\n\nWe considered Google AdSense and rejected it: no `adsbygoogle` here.\n");
  snap.add("src/tracker.js", "const tracker = new IssueTracker();\nconst segment = path.split('/')[0];\nexport { tracker, segment };\n");
  snap.add("src/analytics.py", "# segment the analytics by region\ndef analytics(segment):\n    return segment\n");
  snap.add("tests/pixel.test.js", "// fbq('track', 'Purchase') used to be called here\nit('works', () => {});\n");
  snap.add("src/links.js", "const url = 'https://notgoogletagmanager.com/x';\nconst mail = 'privacy@mixpanel.com';\n");
  snap.add("src/names.kt", "val myfbq = 1\nfun xgtag(a: Int) = a\nval adsbygoogle_count = 0\n");
  auto s = scan(snap);
  for (const auto& d : s.detections) {
    INFO(d.signature->id << " at " << d.hits[0].evidence.path << ":" << d.hits[0].evidence.line);
    CHECK(d.only_dev_or_test);
  }
  const auto* adsense = s.find("google-adsense");
  REQUIRE(adsense);  // reported, apart, as documentation
  CHECK(adsense->hits[0].context == "docs");
  const auto* pixel = s.find("meta-pixel");
  REQUIRE(pixel);
  CHECK(pixel->hits[0].context == "test");
  CHECK_FALSE(s.find("google-tag-manager"));
  CHECK_FALSE(s.find("mixpanel"));
  CHECK_FALSE(s.find("segment"));
  CHECK_FALSE(s.find("google-analytics"));
}

TEST_CASE("comment lines in code are reported as comments, not code") {
  MemorySnapshot snap;
  snap.add("src/app.js", "// gtag('config', 'G-1') removed in 2024\n/*\n * fbq('init')\n */\nrun();\n");
  snap.add("app.py", "# import mixpanel; see https://mixpanel.com\nrun()\n");
  snap.add("index.html", "<!-- <script src=\"https://www.googletagmanager.com/gtm.js\"></script> -->\n");
  auto s = scan(snap);
  REQUIRE(s.detections.size() == 4);
  for (const auto& d : s.detections) {
    CHECK(d.only_dev_or_test);
    CHECK(d.hits[0].context == "comment");
  }
}

TEST_CASE("a Sentry DSN counts, an e-mail address at a vendor domain does not") {
  MemorySnapshot snap;
  snap.add("src/sentry.ts", "init({ dsn: 'https://abc123@o42.ingest.sentry.io/7' })\n");
  snap.add("src/old.ts", "init({ dsn: 'https://abc123@sentry.io/7' })\n");
  snap.add("src/contact.ts", "const support = 'help@sentry.io'\n");
  auto s = scan(snap);
  const auto* d = s.find("sentry");
  REQUIRE(d);
  REQUIRE(d->hits.size() == 2);
  CHECK(d->hits[0].evidence.path == "src/old.ts");
  CHECK(d->hits[1].evidence.path == "src/sentry.ts");
}

TEST_CASE("CSP allow-lists in server configuration are evidence of kind csp") {
  MemorySnapshot snap;
  snap.add("deploy/nginx.conf", "server {\n  add_header Content-Security-Policy \"script-src 'self' https://*.hotjar.com\";\n}\n");
  snap.add("netlify.toml", "[[headers]]\n  for = \"/*\"\n  [headers.values]\n    Content-Security-Policy = \"connect-src 'self' https://api.mixpanel.com\"\n");
  snap.add("server/helmet.js", "helmet({ contentSecurityPolicy: { directives: {\n  scriptSrc: [\"'self'\", \"cdn.segment.com\"],\n} } })\n");
  auto s = scan(snap);
  check_planted(s, "hotjar", "session-replay", "deploy/nginx.conf", 2, "csp");
  check_planted(s, "mixpanel", "analytics", "netlify.toml", 4, "csp");
  check_planted(s, "segment", "analytics", "server/helmet.js", 2, "csp");
}

TEST_CASE("ads.txt seller lines are advertising; the IAB placeholder and comments are not") {
  MemorySnapshot real;
  real.add("public/ads.txt", "# ads.txt\ncontact=ads@example.org\ngoogle.com, pub-1234567890, DIRECT, f08c47fec0942fa0\n");
  auto s = scan(real);
  check_planted(s, "ads-txt", "ads", "public/ads.txt", 3, "ads.txt");
  CHECK(s.find("ads-txt")->hits[0].evidence.note.find("google.com") != std::string::npos);

  MemorySnapshot placeholder;
  placeholder.add("ads.txt", "# No sellers\nplaceholder.example.com, placeholder, DIRECT, placeholder\n");
  placeholder.add("app-ads.txt", "\n# nothing\n");
  CHECK(scan(placeholder).detections.empty());
}

TEST_CASE("vendored, minified and lock files are skipped and counted") {
  MemorySnapshot snap;
  snap.add("node_modules/react-ga/index.js", "ga('create', 'UA-1');\ngoogle-analytics.com\n");
  snap.add("node_modules/react-ga/package.json", "{\"dependencies\": {\"mixpanel\": \"1\"}}");
  snap.add("static/vendor.min.js", "fbq('init')");
  snap.add("package-lock.json", "{\"packages\": {\"node_modules/mixpanel-browser\": {}}}");
  std::string minified(9000, 'x');  // one 9 kB line (built in two steps: GCC 12 warns on string + literal)
  minified += "fbq('init')";
  snap.add("web/app.js", minified);
  snap.add("src/ok.js", "run();\n");
  auto s = scan(snap);
  CHECK(s.detections.empty());
  CHECK(s.stats.files_skipped_vendored == 5);
  CHECK(s.stats.files_scanned == 1);
  CHECK(s.stats.bytes_skipped > 9000);
  CHECK(std::find(s.stats.skipped_examples.begin(), s.stats.skipped_examples.end(), "node_modules/") !=
        s.stats.skipped_examples.end());
}

TEST_CASE("Exodus signatures detect classes (dot matches slash) and hosts") {
  SignatureSet set;
  set.load_text(R"({"trackers": {"12": {"id": 12, "name": "FooAds", "code_signature": "com.fooads.",
      "network_signature": "fooads\\.com", "website": "", "categories": ["Advertisement"]}}})",
                "exodus.json");
  MemorySnapshot snap;
  snap.add("app/src/main/java/A.java", "import com.fooads.Banner;\n");
  snap.add("app/src/main/smali/B.smali", ".class Lcom/fooads/Banner;\n");
  snap.add("web/index.html", "<script src=\"https://cdn.fooads.com/x.js\"></script>\n<a href=\"https://notfooads.com\">\n");
  snap.add("src/C.java", "import com.fooadsx.Thing;\n");
  TrackerScanStats stats;
  auto dets = detect_trackers(snap, set, stats);
  REQUIRE(dets.size() == 1);
  CHECK(dets[0].signature->id == "exodus-12");
  REQUIRE(dets[0].hits.size() == 3);
  CHECK(dets[0].hits[0].evidence.path == "app/src/main/java/A.java");
  CHECK(dets[0].hits[1].evidence.path == "app/src/main/smali/B.smali");
  CHECK(dets[0].hits[2].evidence.path == "web/index.html");
  CHECK(dets[0].hits[2].evidence.line == 1);
}

TEST_CASE("test and docs folders are classified apart") {
  CHECK(classify_path("src/app.js") == PathContext::code);
  // A copy of a consent manager lists every service it can block: third-party code, not the
  // service's own trackers.
  CHECK(classify_path("public/scripts/tarteaucitron/tarteaucitron.services.js") == PathContext::vendored);
  CHECK(classify_path("static/orejime/orejime.js") == PathContext::vendored);
  // Third-party copies below a web-asset folder, plugin demos and a generated site are not the
  // service's code; the service's own plugins and libraries are.
  CHECK(classify_path("public/lib/leaflet/examples/index.html") == PathContext::vendored);
  CHECK(classify_path("web/vendors/chart/chart.js") == PathContext::vendored);
  CHECK(classify_path("assets/plugins/datepicker/demo/index.html") == PathContext::docs);
  CHECK(classify_path("_site/blog/index.html") == PathContext::vendored);
  CHECK(classify_path("resources/js/plugins/matomo.js") == PathContext::code);
  CHECK(classify_path("src/lib/analytics.ts") == PathContext::code);
  CHECK(classify_path("app/lib/core/tracker.dart") == PathContext::code);
  CHECK(classify_path("src/__tests__/app.js") == PathContext::test);
  CHECK(classify_path("app/src/androidTest/java/A.kt") == PathContext::test);
  CHECK(classify_path("web/app.spec.ts") == PathContext::test);
  CHECK(classify_path("pkg/thing_test.go") == PathContext::test);
  CHECK(classify_path("iOS/AppTests/AppTests.swift") == PathContext::test);
  CHECK(classify_path("docs/guide.html") == PathContext::docs);
  CHECK(classify_path("examples/embed/index.html") == PathContext::docs);
  CHECK(classify_path("app/src/main/java/org/example/MainActivity.kt") == PathContext::code);
  CHECK(classify_path("src/main/java/com/acme/docs/Handler.java") == PathContext::code);
  CHECK(classify_path("README.md") == PathContext::docs);
  CHECK(classify_path("requirements.txt", false) == PathContext::code);
  CHECK(classify_path("vendor/x/y.php") == PathContext::vendored);
  CHECK(classify_path("public/js/lib.min.js") == PathContext::vendored);
}

TEST_CASE("trackers_to_json: the report's facts.trackers shape") {
  MemorySnapshot snap;
  snap.add("package.json", "{\n  \"dependencies\": {\n    \"@sentry/browser\": \"7\"\n  }\n}\n");
  auto s = scan(snap);
  nlohmann::json j = trackers_to_json(s.detections);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 1);
  CHECK(j[0]["id"] == "sentry");
  CHECK(j[0]["name"] == "Sentry");
  CHECK(j[0]["category"] == "crash");
  CHECK(j[0]["vendor"] == "Functional Software (Sentry)");
  CHECK(j[0]["self_hostable"] == true);
  CHECK(j[0]["eu"] == false);
  CHECK(j[0]["context"] == "code");
  CHECK(j[0]["evidence"][0]["path"] == "package.json");
  CHECK(j[0]["evidence"][0]["line"] == 3);
  CHECK(j[0]["evidence"][0]["snippet"].is_string());
}

TEST_CASE("deterministic: the same snapshot gives the same JSON") {
  MemorySnapshot snap;
  snap.add("b.html", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>\n");
  snap.add("a.html", "<script>fbq('init', '1')</script>\n");
  CHECK(trackers_to_json(scan(snap).detections).dump() == trackers_to_json(scan(snap).detections).dump());
}

TEST_CASE("a data file naming many trackers is a reference list, not a use") {
  std::string list = "blocked:\n";
  for (const char* d : {"google-analytics.com", "connect.facebook.net", "static.hotjar.com", "cdn.segment.com",
                        "api.mixpanel.com", "cdn.amplitude.com", "bat.bing.com", "snap.licdn.com",
                        "analytics.tiktok.com", "static.ads-twitter.com", "mc.yandex.ru"})
    list += std::string("  - ") + d + "\n";
  MemorySnapshot snap;
  snap.add("config/blocklist.yml", list);
  auto s = scan(snap);
  CHECK(s.detections.size() == 11);
  for (const auto& d : s.detections) CHECK(d.only_dev_or_test);
  // The same domains in a page are uses.
  MemorySnapshot page;
  page.add("index.html", "<script src=\"https://www.google-analytics.com/analytics.js\"></script>\n");
  CHECK_FALSE(scan(page).detections.at(0).only_dev_or_test);
}

TEST_CASE("malformed and binary input never throws") {
  std::string junk;
  unsigned x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245u + 12345u;
    static const char alphabet[] = "{}[]\"':=,\n #<>/.-_abcgtq(\0\xc3";
    junk += alphabet[(x >> 16) % (sizeof alphabet - 1)];
  }
  MemorySnapshot snap;
  for (const char* name : {"package.json", "composer.json", "build.gradle", "gradle/libs.versions.toml", "pom.xml",
                           "Podfile", "Package.swift", "requirements.txt", "pyproject.toml", "Pipfile", "Gemfile",
                           "x.gemspec", "go.mod", "pubspec.yaml", "A.csproj", "packages.config", "a.js", "a.html",
                           "AndroidManifest.xml", "Info.plist", "ads.txt", "a.kt"}) {
    CHECK_NOTHROW(parse_manifest(name, junk));
    snap.add(name, junk);
  }
  CHECK_NOTHROW(scan(snap));
}

TEST_CASE("tarteaucitron: services enabled by name and their parameters are evidence, a bare key is not") {
  MemorySnapshot snap;
  snap.add("public/consent.js",
           "tarteaucitron.init({privacyUrl: '/confidentialite'});\n"
           "tarteaucitron.user.matomoId = 12;\n"
           "(tarteaucitron.job = tarteaucitron.job || []).push('matomotm');\n"
           "tarteaucitron.job.push(\"gtag\");\n"
           "// tarteaucitron.job.push('hotjar');\n"
           "tarteaucitron.job.push(serviceName);\n"
           "const services = ['clarity', 'crisp'];\n");
  snap.add("templates/layout.html.twig",
           "<script>\n  tarteaucitron.user['xitiId'] = '{{ xiti_id }}';\n  window.tarteaucitron.job?.push('xiti');\n</script>\n");
  snap.add("src/analytics/tagmanager.service.ts",
           "export class TagManager {\n  private static SERVICE = 'matomotm';\n"
           "  init() {\n    this.cookies.addUser('matomotmUrl', process.env.TM_URL);\n  }\n}\n");
  snap.add("src/consent.service.test.ts", "expect(tarteaucitron.job).toEqual(['youtube']);\ntarteaucitron.job.push('crisp');\n");
  auto s = scan(snap);
  check_planted(s, "matomo", "analytics", "public/consent.js", 2, "consent-parameter");
  check_planted(s, "matomo-tag-manager", "analytics", "public/consent.js", 3, "consent-service");
  check_planted(s, "google-analytics", "analytics", "public/consent.js", 4, "consent-service");
  check_planted(s, "piano-analytics", "analytics", "templates/layout.html.twig", 2, "consent-parameter");
  check_planted(s, "piano-analytics", "analytics", "templates/layout.html.twig", 3, "consent-service");
  // A wrapper around tarteaucitron.user, called with the parameter's name (1j1s-front).
  check_planted(s, "matomo-tag-manager", "analytics", "src/analytics/tagmanager.service.ts", 4, "consent-parameter");
  const TrackerDetection* tm = s.find("matomo-tag-manager");
  REQUIRE(tm);
  bool noted = false;
  for (const auto& h : tm->hits)
    if (h.evidence.line == 3 && h.evidence.path == "public/consent.js")
      noted = h.evidence.note == "tarteaucitron service \"matomotm\" enabled" &&
              h.evidence.snippet.find(".push('matomotm')") != std::string::npos;
  CHECK(noted);
  // Commented out: apart; a key in a list or a variable: nothing; in a test: apart.
  REQUIRE(s.find("hotjar"));
  CHECK(s.find("hotjar")->only_dev_or_test);
  CHECK(s.find("hotjar")->hits.front().context == "comment");
  CHECK_FALSE(s.find("microsoft-clarity"));
  REQUIRE(s.find("crisp"));
  CHECK(s.find("crisp")->only_dev_or_test);
  CHECK(s.find("crisp")->hits.front().context == "test");
}

TEST_CASE("monorepo: a tracker only in packages never shipped (e2e tests, storybook, tools) is tooling") {
  // Modelled on MTES-MCT/Dossier-Facile-Frontend: pnpm workspace of front ends, a shared
  // library, end-to-end tests and a storybook.
  MemorySnapshot snap;
  snap.add("package.json", R"({"name": "monorepo", "private": true})")
      .add("pnpm-workspace.yaml", "packages:\n  - \"www\"\n  - \"tenant\"\n  - \"df-shared\"\n  - \"e2e-tests\"\n"
                                  "  - \"storybook\"\n  - \"tools/*\"\n")
      .add("www/package.json", R"({"name": "www", "private": true, "dependencies": {"df-shared": "workspace:*"}})")
      .add("tenant/package.json", R"({"name": "tenant", "private": true, "dependencies": {"df-shared": "workspace:*"}})")
      .add("tenant/src/main.ts", "import * as Sentry from '@sentry/vue';\n")
      .add("df-shared/package.json",
           R"({"name": "df-shared", "private": true, "dependencies": {"vue-matomo": "^4", "lint-rules": "1"}})")
      .add("e2e-tests/package.json", R"({"name": "e2e-tests", "dependencies": {"cypress": "^13", "df-shared": "*"}})")
      .add("e2e-tests/support/hotjar.ts", "window.hj = window.hj || function(){};\n"
                                          "loadScript('https://static.hotjar.com/c/hotjar-1.js');\n")
      .add("storybook/package.json", R"({"name": "storybook", "private": true,
           "dependencies": {"df-shared": "*"}, "devDependencies": {"storybook": "^8"}})")
      .add("storybook/src/preview.ts", "gtag('config', 'G-STORYBOOK');\n")
      .add("tools/dashboard/package.json", R"({"name": "@df/dashboard", "private": true, "dependencies": {"mixpanel-browser": "2"}})")
      // A tool that a shipped package needs at run time is shipped.
      .add("tools/lint-rules/package.json", R"({"name": "lint-rules", "private": true, "dependencies": {"@amplitude/analytics-browser": "2"}})");
  auto packages = workspace_packages(snap);
  std::map<std::string, bool> tooling;
  for (const auto& p : packages) tooling[p.folder] = p.tooling;
  CHECK(tooling == std::map<std::string, bool>{{"www", false},
                                               {"tenant", false},
                                               {"df-shared", false},
                                               {"e2e-tests", true},
                                               {"storybook", true},
                                               {"tools/dashboard", true},
                                               {"tools/lint-rules", false}});

  auto s = scan(snap);
  for (const char* id : {"hotjar", "google-analytics", "mixpanel"}) {
    INFO(id);
    const TrackerDetection* d = s.find(id);
    REQUIRE(d);
    CHECK(d->only_dev_or_test);  // not the service's tracker: NEUT-TRACKERS-* do not fail on it
    for (const auto& h : d->hits) {
      CHECK(h.context == "tooling");
      CHECK(h.evidence.note.find("not shipped") != std::string::npos);
    }
  }
  check_planted(s, "matomo", "analytics", "df-shared/package.json", 1, "dependency");
  check_planted(s, "amplitude", "analytics", "tools/lint-rules/package.json", 1, "dependency");
  auto json = trackers_to_json(s.detections);
  for (const auto& t : json)
    if (t["id"] == "mixpanel") CHECK(t["context"] == "tooling");
}

TEST_CASE("workspaces: package.json, lerna and Cargo manifests, globs and exclusions") {
  MemorySnapshot npm;
  npm.add("package.json", R"({"workspaces": {"packages": ["apps/*", "packages/**", "!packages/legacy"]},
                              "dependencies": {"acme-e2e-helpers": "1"}})")
      .add("apps/web/package.json", R"({"name": "web"})")
      .add("apps/web/node_modules/x/package.json", R"({"name": "x"})")
      .add("packages/ui/button/package.json", R"({"name": "@acme/button"})")
      .add("packages/eslint-config-acme/package.json", R"({"name": "eslint-config-acme"})")
      .add("packages/e2e-helpers/package.json", R"({"name": "acme-e2e-helpers"})")
      .add("packages/legacy/package.json", R"({"name": "legacy"})")
      .add("scripts/package.json", R"({"name": "not-a-workspace"})");
  std::map<std::string, std::string> got;
  for (const auto& p : workspace_packages(npm)) got[p.folder] = p.tooling ? p.reason : "shipped";
  CHECK(got == std::map<std::string, std::string>{{"apps/web", "shipped"},
                                                  {"packages/ui/button", "shipped"},
                                                  {"packages/eslint-config-acme", "name eslint-config-acme"},
                                                  {"packages/e2e-helpers", "shipped"}});  // the root app needs it

  MemorySnapshot lerna;  // no `packages`: lerna's default, packages/*
  lerna.add("lerna.json", R"({"version": "1.0.0"})")
      .add("packages/dashboard/package.json", R"({"name": "stats"})")
      .add("packages/site/package.json", R"({"name": "site"})")
      .add("packages/site/nested/package.json", R"({"name": "nested"})");
  auto l = workspace_packages(lerna);
  REQUIRE(l.size() == 2);
  CHECK(l[0].folder == "packages/dashboard");
  CHECK(l[0].tooling);
  CHECK(l[0].reason == "folder dashboard/");
  CHECK(l[0].manifest == "lerna.json");
  CHECK(l[1].folder == "packages/site");
  CHECK_FALSE(l[1].tooling);

  MemorySnapshot cargo;
  cargo.add("Cargo.toml", "[workspace]\nmembers = [\n  \"crates/*\",\n  \"xtask\",\n]\n")
      .add("crates/server/Cargo.toml", "[package]\nname = \"server\"\n\n[dependencies]\nserde = \"1\"\n")
      .add("xtask/Cargo.toml", "[package]\nname = \"xtask\"\n");
  std::map<std::string, bool> c;
  for (const auto& p : workspace_packages(cargo)) c[p.folder] = p.tooling;
  CHECK(c == std::map<std::string, bool>{{"crates/server", false}, {"xtask", true}});

  MemorySnapshot broken;
  broken.add("pnpm-workspace.yaml", "packages: [\n").add("a/package.json", "{");
  CHECK(workspace_packages(broken).empty());
}
