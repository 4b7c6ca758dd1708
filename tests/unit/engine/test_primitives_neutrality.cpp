// The neutrality primitives (advertising, trackers, funding), each judged directly on a
// scenario. Trackers are found by the built-in signatures (rules/signatures/).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

namespace {
bool says(const RuleResult& r, const std::string& words) { return r.message.en.find(words) != std::string::npos; }

// A page that loads Google Analytics, Matomo and AdSense.
const char* kGoogleAnalytics = "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"></script>\n";
const char* kMatomo = "<script>var _paq = window._paq = []; _paq.push(['trackPageView']);</script>\n";
const char* kAdSense = "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js\"></script>\n";
}  // namespace

TEST_CASE("no_advertising_detected passes without advertising, and fails naming the SDK and its place") {
  Scenario s;
  s.file("public/index.html", "<p>Bonjour</p>\n");
  CHECK(s.check("{primitive: no_advertising_detected}").status == Status::pass);
  s.file("public/ads.html", kAdSense);
  const RuleResult& r = s.check("{primitive: no_advertising_detected}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "Google AdSense (Google) in public/ads.html:1"));
  CHECK(r.message.fr == "publicité\u00a0: Google AdSense (Google) dans public/ads.html:1");
  REQUIRE(!r.evidence.empty());
  CHECK(r.evidence[0].path == "public/ads.html");
}

TEST_CASE("no_advertising_detected does not count advertising only in tests") {
  Scenario s;
  s.file("tests/fixtures/ads.html", kAdSense);
  const RuleResult& r = s.check("{primitive: no_advertising_detected}");
  CHECK(r.status == Status::pass);
}

TEST_CASE("trackers_declared passes when each tracker in the code is declared, and fails naming the others") {
  Scenario s;
  s.file("public/index.html", kGoogleAnalytics);
  s.charter_with();
  const RuleResult& r = s.check("{primitive: trackers_declared}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "Google Analytics (analytics) is used in public/index.html:1 but not declared"));
  s.charter_with("neutrality: {trackers: [{name: Google Analytics}]}");
  const RuleResult& declared = s.check("{primitive: trackers_declared}");
  CHECK(declared.status == Status::pass);
  CHECK(declared.message.en == "1 tracker(s) in the code, all declared");
}

TEST_CASE("trackers_of_category passes without trackers of the categories, and fails even when declared") {
  Scenario s;
  s.file("public/index.html", kGoogleAnalytics);
  s.charter_with("neutrality: {trackers: [{name: Google Analytics}]}");
  CHECK(s.check("{primitive: trackers_of_category, categories: [ads, data-broker]}").status == Status::pass);
  const RuleResult& r = s.check("{primitive: trackers_of_category, categories: [analytics]}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "Google Analytics (analytics) in public/index.html:1 (declared)"));
}

TEST_CASE("third_party_measurement passes for self-hosted Matomo, and fails for Google Analytics") {
  Scenario s;
  s.file("public/index.html", kMatomo);
  s.charter_with("neutrality: {trackers: [{name: Matomo, self_hosted: true}]}");
  const RuleResult& matomo = s.check("{primitive: third_party_measurement}");
  CHECK(matomo.status == Status::pass);
  CHECK(matomo.message.en == "measurement is self-hosted or consent-exempt: Matomo (Piwik) (self-hosted)");
  CHECK(matomo.message.fr == "mesure d'audience auto-hébergée ou exemptée de consentement\u00a0: Matomo (Piwik) (auto-hébergé)");
  s.file("public/stats.html", kGoogleAnalytics);
  s.charter_with("neutrality: {trackers: [{name: Matomo, self_hosted: true}, {name: Google Analytics}]}");
  const RuleResult& ga = s.check("{primitive: third_party_measurement}");
  CHECK(ga.status == Status::fail);
  CHECK(says(ga, "Google Analytics (analytics) in public/stats.html:1: a third-party service"));
}

TEST_CASE("third_party_measurement: Matomo declared neither self-hosted nor exempt fails; other categories are not judged") {
  Scenario s;
  s.file("public/index.html", kMatomo);
  s.charter_with("neutrality: {trackers: [{name: Matomo}]}");
  const RuleResult& r = s.check("{primitive: third_party_measurement}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "declared as neither self-hosted nor consent-exempt"));
  CHECK(s.check("{primitive: third_party_measurement, categories: [session-replay]}").status == Status::pass);
}

TEST_CASE("declared_trackers_found passes when a declared tracker is in the code, and fails when it is not") {
  Scenario s;
  s.charter_with("neutrality: {trackers: [{name: Matomo}]}");
  const RuleResult& stale = s.check("{primitive: declared_trackers_found}");
  CHECK(stale.status == Status::fail);
  CHECK(stale.message.en == "declared but nowhere in the code: Matomo (the charter is stale?)");
  s.file("public/index.html", kMatomo);
  CHECK(s.check("{primitive: declared_trackers_found}").status == Status::pass);
}

TEST_CASE("declared_trackers_found ignores trackers pacte does not know") {
  Scenario s;
  s.charter_with("neutrality: {trackers: [{name: Outil maison}]}");
  CHECK(s.check("{primitive: declared_trackers_found}").status == Status::pass);
}

TEST_CASE("funding_without_advertising passes for public funding, and fails for advertising") {
  Scenario s;
  s.charter_with("neutrality: {funding: [{source: Ministère, kind: public-grant, share: 100}]}");
  CHECK(s.check("{primitive: funding_without_advertising}").status == Status::pass);
  s.charter_with("neutrality: {funding: [{source: Ministère, kind: public-grant, share: 60}, {source: Régie, kind: advertising, share: 40}]}");
  const RuleResult& r = s.check("{primitive: funding_without_advertising}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "funded by Régie (advertising)");
  CHECK(r.message.fr == "financement par Régie (publicité)");
}

TEST_CASE("tracker primitives pass on absence: an unreadable file turns their pass into an error") {
  Scenario s;
  s.file("public/index.html", "<p>Bonjour</p>\n");
  s.unreadable("public/app.js");
  s.charter_with();
  CHECK(s.check("{primitive: no_advertising_detected}").status == Status::error);
  CHECK(s.check("{primitive: trackers_declared}").status == Status::error);
  CHECK(s.check("{primitive: trackers_of_category, categories: [ads]}").status == Status::error);
  CHECK(s.check("{primitive: third_party_measurement}").status == Status::error);
  // Primitives that judge the charter alone are not affected.
  CHECK(s.check("{primitive: funding_without_advertising}").status == Status::pass);
}
