#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "checks/trackers/matcher.hpp"
#include "checks/trackers/signatures.hpp"

using namespace pacte;

namespace {
std::string error_of(const std::string& text, const std::string& name = "custom.yml") {
  SignatureSet set;
  try {
    set.load_text(text, name);
    set.matcher();
  } catch (const SignatureError& e) {
    return e.what();
  }
  return {};
}
}  // namespace

TEST_CASE("builtin signatures: at least 150, unique ids, valid categories, every one with a pattern") {
  SignatureSet set = SignatureSet::builtin();
  const auto& sigs = set.signatures();
  CHECK(sigs.size() >= 150);
  std::set<std::string> ids;
  std::map<std::string, int> by_category;
  for (const auto& s : sigs) {
    INFO("signature " << s.id << " from " << s.source << ":" << s.source_line);
    CHECK(ids.insert(s.id).second);
    CHECK(is_tracker_category(s.category));
    CHECK(s.pattern_count() > 0);
    CHECK(!s.name.empty());
    CHECK(!s.vendor.empty());
    ++by_category[s.category];
  }
  for (auto c : kTrackerCategories) CHECK_MESSAGE(by_category[std::string(c)] >= 5, "category " << c);
  std::string summary;
  for (const auto& [c, n] : by_category) summary += c + "=" + std::to_string(n) + " ";
  MESSAGE("builtin signatures: " << sigs.size() << " (" << summary << ")");
  CHECK_NOTHROW(set.matcher());
  CHECK(set.matcher().patterns().size() > 300);
}

TEST_CASE("builtin signatures carry the facts the policy needs") {
  SignatureSet set = SignatureSet::builtin();
  const Signature* matomo = set.find("matomo");
  REQUIRE(matomo);
  CHECK(matomo->self_hostable);
  CHECK(matomo->consent_exempt_possible);
  CHECK(matomo->category == "analytics");
  const Signature* plausible = set.find("plausible");
  REQUIRE(plausible);
  CHECK(plausible->eu);
  CHECK(plausible->self_hostable);
  const Signature* piano = set.find("piano-analytics");
  REQUIRE(piano);
  CHECK(piano->consent_exempt_possible);
  CHECK(piano->eu);
  CHECK(set.find("criteo-publisher")->eu);
  CHECK(set.find("sentry")->self_hostable);
  CHECK_FALSE(set.find("google-analytics")->eu);
  CHECK(set.find("google-admob")->category == "ads");
  CHECK(set.find("meta-pixel")->category == "ad-pixel");
  CHECK(set.find("appsflyer")->category == "attribution");
  CHECK(set.find("liveramp")->category == "data-broker");
  CHECK(set.find("hotjar")->category == "session-replay");
  CHECK(set.find("firebase-crashlytics")->category == "crash");
  CHECK(set.find("facebook-sdk")->category == "social");
}

TEST_CASE("package_matches follows each ecosystem's naming rules") {
  CHECK(package_matches("npm", "@sentry/*", "@sentry/react"));
  CHECK_FALSE(package_matches("npm", "@sentry/*", "@sentryx/react"));
  CHECK_FALSE(package_matches("npm", "mixpanel", "mixpanel-browser"));
  CHECK(package_matches("maven", "com.appsflyer", "com.appsflyer:af-android-sdk"));
  CHECK(package_matches("maven", "com.appsflyer", "com.appsflyer.sdk:x"));
  CHECK_FALSE(package_matches("maven", "com.appsflyer", "com.appsflyerx:y"));
  CHECK(package_matches("maven", "com.google.firebase:firebase-analytics*", "com.google.firebase:firebase-analytics-ktx"));
  CHECK_FALSE(package_matches("maven", "com.google.android.gms:play-services-ads", "com.google.android.gms:play-services-ads-identifier"));
  CHECK(package_matches("pypi", "sentry-sdk", "Sentry_SDK"));
  CHECK(package_matches("cocoapods", "Sentry", "Sentry/Core"));
  CHECK_FALSE(package_matches("cocoapods", "Sentry", "SentryX"));
  CHECK(package_matches("go", "github.com/getsentry/sentry-go", "github.com/getsentry/sentry-go/http"));
  CHECK_FALSE(package_matches("go", "github.com/getsentry/sentry-go", "github.com/getsentry/sentry-gox"));
  CHECK(package_matches("swift", "github.com/getsentry/sentry-cocoa", "https://github.com/getsentry/sentry-cocoa.git"));
  CHECK(package_matches("swift", "github.com/mixpanel/", "https://github.com/mixpanel/mixpanel-swift"));
  CHECK(package_matches("nuget", "Sentry.*", "sentry.aspnetcore"));
  CHECK_FALSE(package_matches("nuget", "Sentry.*", "SentryX"));
  CHECK(package_matches("composer", "sentry/sentry", "Sentry/Sentry"));
}

TEST_CASE("signature files with errors are rejected with file, line, signature and pattern") {
  std::string ok = "signatures:\n  - id: foo-ads\n    name: Foo\n    category: ads\n    domains: [ads.foo.example]\n";
  CHECK(error_of(ok).empty());

  std::string unknown_key = "signatures:\n  - id: foo-ads\n    name: Foo\n    category: ads\n    domain: [ads.foo.example]\n";
  std::string e = error_of(unknown_key);
  CHECK(e.find("custom.yml:5") != std::string::npos);
  CHECK(e.find("'domain'") != std::string::npos);

  e = error_of("signatures:\n  - id: foo-ads\n    name: Foo\n    category: adverts\n    domains: [a.example]\n");
  CHECK(e.find("custom.yml:2") != std::string::npos);
  CHECK(e.find("adverts") != std::string::npos);

  e = error_of("signatures:\n  - id: foo-ads\n    name: Foo\n    category: ads\n    snippet_regex: ['foo(bar']\n");
  CHECK(e.find("custom.yml") != std::string::npos);
  CHECK(e.find("foo-ads") != std::string::npos);
  CHECK(e.find("foo(bar") != std::string::npos);

  e = error_of("signatures:\n  - id: foo-ads\n    name: Foo\n    category: ads\n");
  CHECK(e.find("no pattern") != std::string::npos);

  e = error_of("signatures:\n  - id: Foo Ads\n    name: Foo\n    category: ads\n    domains: [a.example]\n");
  CHECK(e.find("kebab") != std::string::npos);

  e = error_of("signatures:\n  - id: a-b\n    name: A\n    category: ads\n    domains: [a.example]\n"
               "  - id: a-b\n    name: B\n    category: ads\n    domains: [b.example]\n");
  CHECK(e.find("already defined") != std::string::npos);

  e = error_of("signatures: [\n");
  CHECK(e.find("custom.yml:") != std::string::npos);

  e = error_of("rules: []\n");
  CHECK(e.find("not a signature file") != std::string::npos);
}

TEST_CASE("load_file reads pacte YAML from disk and names unreadable files") {
  std::string path = "pacte-test-signatures.yml";
  {
    std::ofstream out(path);
    out << "signatures:\n  - id: local-ads\n    name: Local Ads\n    vendor: Local\n    category: ads\n"
           "    vendor_country: FR\n    npm: [local-ads-sdk]\n";
  }
  SignatureSet set = SignatureSet::builtin();
  std::size_t before = set.signatures().size();
  set.load_file(path);
  CHECK(set.signatures().size() == before + 1);
  CHECK(set.find("local-ads")->eu);
  std::remove(path.c_str());
  try {
    set.load_file("/nonexistent/sigs.yml");
    FAIL("no error");
  } catch (const SignatureError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/sigs.yml") != std::string::npos);
  }
}

TEST_CASE("Exodus Privacy JSON export: trackers with code and network signatures") {
  std::string exodus = R"({"trackers": {
    "12": {"id": 12, "name": "FooAds", "description": "", "creation_date": "2017-09-24",
           "code_signature": "com.fooads.|com.barads.sdk.", "network_signature": "fooads\\.com|ads\\.bar\\.net",
           "website": "https://fooads.example", "categories": ["Advertisement", "Analytics"]},
    "13": {"id": 13, "name": "Quiet", "code_signature": "", "network_signature": "", "website": "", "categories": []},
    "14": {"id": 14, "name": "Metrics Inc", "code_signature": "io.metrics.", "network_signature": "",
           "website": "", "categories": ["Analytics"]}
  }})";
  SignatureSet set;
  set.load_text(exodus, "exodus.json");
  REQUIRE(set.signatures().size() == 2);  // "Quiet" has no signature
  const Signature* foo = set.find("exodus-12");
  REQUIRE(foo);
  CHECK(foo->name == "FooAds");
  CHECK(foo->category == "ads");
  CHECK(foo->source == "exodus.json");
  CHECK(set.find("exodus-14")->category == "analytics");
  CHECK_NOTHROW(set.matcher());
}

TEST_CASE("Exodus export with a pattern that does not compile names the tracker and the file") {
  std::string bad = R"({"trackers": {"7": {"id": 7, "name": "Broken Tracker", "code_signature": "com.broken.(",
                        "network_signature": "", "website": "", "categories": []}}})";
  SignatureSet set;
  try {
    set.load_text(bad, "exodus-bad.json");
    FAIL("no error");
  } catch (const SignatureError& e) {
    std::string msg = e.what();
    CHECK(msg.find("exodus-bad.json") != std::string::npos);
    CHECK(msg.find("Broken Tracker") != std::string::npos);
    CHECK(msg.find("com.broken.(") != std::string::npos);
  }
}

TEST_CASE("tarteaucitron service keys and parameters: loaded per signature, validated, counted as patterns") {
  SignatureSet set;
  set.load_text("signatures:\n  - id: foo-stats\n    name: Foo Stats\n    category: analytics\n"
                "    tarteaucitron: [foostats, foostats_v2]\n    tarteaucitron_user: [foostatsId]\n",
                "custom.yml");
  const Signature* s = set.find("foo-stats");
  REQUIRE(s);
  CHECK(s->tarteaucitron == std::vector<std::string>{"foostats", "foostats_v2"});
  CHECK(s->tarteaucitron_user == std::vector<std::string>{"foostatsId"});
  CHECK(s->pattern_count() == 3);  // a signature known only by its tarteaucitron service is valid

  std::string e = error_of("signatures:\n  - id: foo-stats\n    name: Foo\n    category: analytics\n"
                           "    tarteaucitron: ['foo.stats']\n");
  CHECK(e.find("custom.yml:2") != std::string::npos);
  CHECK(e.find("tarteaucitron service key 'foo.stats'") != std::string::npos);
  e = error_of("signatures:\n  - id: foo-stats\n    name: Foo\n    category: analytics\n    tarteaucitron: foostats\n");
  CHECK(e.find("'tarteaucitron' must be a list") != std::string::npos);
  e = error_of("signatures:\n  - id: foo-stats\n    name: Foo\n    category: analytics\n"
               "    tarteaucitron_user: ['foo id']\n");
  CHECK(e.find("tarteaucitron parameter 'foo id'") != std::string::npos);
}

TEST_CASE("builtin signatures: the tarteaucitron services of French public services map to pacte's signatures") {
  SignatureSet set = SignatureSet::builtin();
  std::map<std::string, std::string> by_key;
  for (const auto& s : set.signatures())
    for (const auto& k : s.tarteaucitron) {
      INFO("tarteaucitron key " << k << " in " << s.id);
      CHECK(by_key.emplace(k, s.id).second);  // one signature per key
    }
  CHECK(by_key["matomotm"] == "matomo-tag-manager");
  CHECK(by_key["matomo"] == "matomo");
  CHECK(by_key["gtag"] == "google-analytics");
  CHECK(by_key["analytics"] == "google-analytics");
  CHECK(by_key["hotjar"] == "hotjar");
  CHECK(by_key["facebookpixel"] == "meta-pixel");
  CHECK(by_key["linkedininsighttag"] == "linkedin-insight");
  CHECK(by_key["xiti"] == "piano-analytics");
  CHECK(by_key["atinternet"] == "piano-analytics");
  CHECK(by_key["eulerian"] == "eulerian");
  CHECK(by_key["crisp"] == "crisp");
  CHECK(by_key["hubspot"] == "hubspot-tracking");
  CHECK(by_key["clarity"] == "microsoft-clarity");
  CHECK(by_key["adform"] == "adform-tracking-point");
}
