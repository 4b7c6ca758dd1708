// The neutrality rules (rules/neutrality.yml), each on a tree that passes and one that fails.
#include <doctest/doctest.h>

#include "rule_harness.hpp"

using namespace pacte;
using test::contains;
using test::has_evidence;
using test::line_of;
using test::replaced;
using test::Scenario;

namespace {

// The charter of a neutral service: no advertising, no data sale, public funding, a
// self-hosted Matomo declared as consent-exempt. The trackers come last, so that a test can
// declare one more by appending a line.
const std::string kCharter = R"(pacte: 1
service:
  name: Démarches en ligne de la Ville
  repository: https://git.example.org/ville/demarches.git
openness:
  license: MIT
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
    - {name: Ali Benali, email: ali@example.org}
equal_access:
  languages: [fr]
neutrality:
  advertising: false
  data_sale: false
  sponsored_ranking: false
  funding:
    - {source: Ville de Lyon, kind: public-grant, share: 80}
    - {source: Région, kind: public-contract, share: 20}
  trackers:
    - {name: Matomo, purpose: audience, self_hosted: true, consent: exempt}
)";

// A page measured by the city's own Matomo.
const std::string kMatomoPage = R"(<!DOCTYPE html>
<html lang="fr">
<head>
  <title>Prendre rendez-vous</title>
  <script>
    var _paq = window._paq = window._paq || [];
    _paq.push(['trackPageView']);
    (function() {
      var u = "https://stats.ville.example.org/";
      var g = document.createElement('script'); g.src = u + 'matomo.js';
      document.head.appendChild(g);
    })();
  </script>
</head>
<body><h1>Prendre rendez-vous</h1></body>
</html>
)";

// The Google Analytics 4 snippet.
const std::string kGoogleAnalytics = R"(<script async src="https://www.googletagmanager.com/gtag/js?id=G-4X7KQ2M9PL"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-4X7KQ2M9PL');
</script>
)";

// The Meta (Facebook) conversion pixel.
const std::string kMetaPixel = R"(<script>
  !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
  n.callMethod.apply(n,arguments):n.queue.push(arguments)};t=b.createElement(e);t.async=!0;
  t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script',
  'https://connect.facebook.net/en_US/fbevents.js');
  fbq('init', '301234567890123');
  fbq('track', 'PageView');
</script>
)";

// The manifest of the React front end, with no advertising dependency.
const std::string kPackageJson = R"({
  "name": "demarches",
  "private": true,
  "dependencies": {
    "react": "^18.3.1",
    "react-dom": "^18.3.1"
  }
}
)";

}  // namespace

PACTE_RULE_TEST("NEUT-ADVERTISING-DECLARED", "advertising: false passes; advertising: true fails; publiccode.yml cannot say it: undeclared") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("NEUT-ADVERTISING-DECLARED");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "advertising: false")));

  std::string charter = replaced(kCharter, "advertising: false", "advertising: true");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("NEUT-ADVERTISING-DECLARED");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "advertising: true")));

  // A pacte.yml must say it (the charter schema requires it); a publiccode.yml cannot.
  Scenario publiccode;
  publiccode.file("publiccode.yml", "publiccodeYmlVersion: \"0.4\"\nname: Démarches en ligne\n"
                                    "url: https://git.example.org/ville/demarches.git\nlegal:\n  license: MIT\n");
  const RuleResult& silent = publiccode.builtin_rule("NEUT-ADVERTISING-DECLARED");
  CHECK(silent.status == Status::undeclared);
  CHECK(has_evidence(silent, "publiccode.yml"));
  CHECK(contains(silent.message.en, "neutrality.advertising"));
}

PACTE_RULE_TEST("NEUT-AD-SDK", "a React app passes; an AdSense dependency or an ads.txt seller fails where it is") {
  Scenario s;
  s.charter(kCharter).file("package.json", kPackageJson).file("public/index.html", kMatomoPage);
  CHECK(s.builtin_rule("NEUT-AD-SDK").status == Status::pass);

  // An ad tag in a test fixture is not shipped: it is reported apart, not failed on.
  s.file("tests/fixtures/publicite.html", "<ins class=\"adsbygoogle\" data-ad-client=\"ca-pub-1234567890123456\"></ins>\n");
  CHECK(s.builtin_rule("NEUT-AD-SDK").status == Status::pass);

  std::string with_ads = replaced(kPackageJson, "\"react-dom\": \"^18.3.1\"", "\"react-dom\": \"^18.3.1\",\n    \"react-adsense\": \"^0.1.0\"");
  s.file("package.json", with_ads);
  const RuleResult& sdk = s.builtin_rule("NEUT-AD-SDK");
  CHECK(sdk.status == Status::fail);
  CHECK(has_evidence(sdk, "package.json", line_of(with_ads, "react-adsense")));
  CHECK_FALSE(has_evidence(sdk, "tests/fixtures/publicite.html"));
  CHECK(contains(sdk.message.en, "AdSense"));

  Scenario sellers;
  sellers.charter(kCharter).file("public/ads.txt", "# Vendeurs autorisés\ngoogle.com, pub-1234567890123456, DIRECT, f08c47fec0942fa0\n");
  const RuleResult& seller = sellers.builtin_rule("NEUT-AD-SDK");
  CHECK(seller.status == Status::fail);
  CHECK(has_evidence(seller, "public/ads.txt", 2));
}

PACTE_RULE_TEST("NEUT-DATA-SALE", "data_sale: false passes; data_sale: true fails at its line") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("NEUT-DATA-SALE").status == Status::pass);

  std::string charter = replaced(kCharter, "data_sale: false", "data_sale: true");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("NEUT-DATA-SALE");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "data_sale: true")));
}

PACTE_RULE_TEST("NEUT-DATA-SALE-DECLARED", "a declared data_sale passes; a charter silent on it fails") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("NEUT-DATA-SALE-DECLARED");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "data_sale: false")));

  s.charter(replaced(kCharter, "  data_sale: false\n", ""));
  const RuleResult& fail = s.builtin_rule("NEUT-DATA-SALE-DECLARED");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml"));
  CHECK(contains(fail.message.en, "neutrality.data_sale"));
}

PACTE_RULE_TEST("NEUT-SPONSORED-RANKING", "no sponsored ranking passes; sponsored_ranking: true fails at its line") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("NEUT-SPONSORED-RANKING").status == Status::pass);
  s.charter(replaced(kCharter, "  sponsored_ranking: false\n", ""));
  CHECK(s.builtin_rule("NEUT-SPONSORED-RANKING").status == Status::pass);

  std::string charter = replaced(kCharter, "sponsored_ranking: false", "sponsored_ranking: true");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("NEUT-SPONSORED-RANKING");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "sponsored_ranking: true")));
}

PACTE_RULE_TEST("NEUT-FUNDING", "public funding passes; an advertising income fails at its entry") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("NEUT-FUNDING").status == Status::pass);

  std::string charter = replaced(kCharter, "{source: Région, kind: public-contract, share: 20}",
                                 "{source: Régie publicitaire, kind: advertising, share: 20}");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("NEUT-FUNDING");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "Régie publicitaire")));
  CHECK(contains(fail.message.en, "Régie publicitaire"));
}

PACTE_RULE_TEST("NEUT-FUNDING-DECLARED", "listed funding passes; a charter without funding fails") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("NEUT-FUNDING-DECLARED");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "funding:")));

  s.charter(replaced(kCharter,
                     "  funding:\n    - {source: Ville de Lyon, kind: public-grant, share: 80}\n"
                     "    - {source: Région, kind: public-contract, share: 20}\n",
                     ""));
  const RuleResult& fail = s.builtin_rule("NEUT-FUNDING-DECLARED");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml"));
  CHECK(contains(fail.message.en, "neutrality.funding"));
}

PACTE_RULE_TEST("NEUT-TRACKERS-DECLARED", "a declared Matomo passes; an undeclared Google Analytics fails at its script") {
  Scenario s;
  s.charter(kCharter).file("public/index.html", kMatomoPage);
  CHECK(s.builtin_rule("NEUT-TRACKERS-DECLARED").status == Status::pass);

  std::string page = replaced(kMatomoPage, "</head>", kGoogleAnalytics + "</head>");
  s.file("public/index.html", page);
  const RuleResult& fail = s.builtin_rule("NEUT-TRACKERS-DECLARED");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "public/index.html", line_of(page, "gtag('config'")));
  CHECK(contains(fail.message.en, "Google Analytics"));
  CHECK_FALSE(contains(fail.message.en, "Matomo"));
}

PACTE_RULE_TEST("NEUT-AD-PIXEL", "a page with Matomo passes; the Meta pixel fails at its line, even declared") {
  Scenario s;
  s.charter(kCharter).file("public/index.html", kMatomoPage);
  CHECK(s.builtin_rule("NEUT-AD-PIXEL").status == Status::pass);

  std::string page = replaced(kMatomoPage, "</head>", kMetaPixel + "</head>");
  s.charter(kCharter + "    - {name: Meta Pixel, purpose: advertising, self_hosted: false, consent: required}\n").file("public/index.html", page);
  const RuleResult& fail = s.builtin_rule("NEUT-AD-PIXEL");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "public/index.html", line_of(page, "fbq('init'")));
  CHECK(contains(fail.message.en, "Meta Pixel"));
}

PACTE_RULE_TEST("NEUT-THIRD-PARTY-ANALYTICS", "a self-hosted exempt Matomo passes; Google Analytics fails, declared or not") {
  Scenario s;
  s.charter(kCharter).file("public/index.html", kMatomoPage);
  const RuleResult& pass = s.builtin_rule("NEUT-THIRD-PARTY-ANALYTICS");
  CHECK(pass.status == Status::pass);
  CHECK(contains(pass.message.en, "Matomo"));

  const std::string page = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<title>Accueil</title>\n" + kGoogleAnalytics + "</head>\n</html>\n";
  Scenario ga;
  ga.charter(kCharter).file("src/templates/base.html", page);
  const RuleResult& undeclared = ga.builtin_rule("NEUT-THIRD-PARTY-ANALYTICS");
  CHECK(undeclared.status == Status::fail);
  CHECK(has_evidence(undeclared, "src/templates/base.html", line_of(page, "gtag('config'")));
  CHECK(contains(undeclared.message.en, "Google Analytics"));

  ga.charter(replaced(kCharter, "{name: Matomo, purpose: audience, self_hosted: true, consent: exempt}",
                      "{name: Google Analytics, purpose: audience, self_hosted: false, consent: required}"));
  const RuleResult& declared = ga.builtin_rule("NEUT-THIRD-PARTY-ANALYTICS");
  CHECK(declared.status == Status::fail);
  CHECK(has_evidence(declared, "src/templates/base.html", line_of(page, "gtag('config'")));
}

PACTE_RULE_TEST("NEUT-TRACKERS-STALE", "a declared tracker found in the code passes; one gone from the code fails at its entry") {
  Scenario s;
  s.charter(kCharter).file("public/index.html", kMatomoPage);
  CHECK(s.builtin_rule("NEUT-TRACKERS-STALE").status == Status::pass);

  std::string charter = kCharter + "    - {name: Hotjar, purpose: session-replay, self_hosted: false, consent: required}\n";
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("NEUT-TRACKERS-STALE");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "name: Hotjar")));
  CHECK(contains(fail.message.en, "Hotjar"));
  CHECK_FALSE(contains(fail.message.en, "Matomo"));
}

PACTE_RULE_TEST("NEUT-TRACKERS-STALE", "a declared tracker found only in comments fails as disabled, with the comment as evidence") {
  // Hotjar's snippet commented out in the layout: the tracker is not live code any more.
  const std::string page = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<title>Accueil</title>\n"
                           "<!-- <script src=\"https://static.hotjar.com/c/hotjar-3021.js?sv=6\"></script> -->\n"
                           "</head>\n<body><h1>Accueil</h1></body>\n</html>\n";
  std::string charter = kCharter + "    - {name: Hotjar, purpose: session-replay, self_hosted: false, consent: required}\n";
  Scenario s;
  s.charter(charter).file("public/index.html", kMatomoPage).file("templates/layout.html", page);
  const RuleResult& fail = s.builtin_rule("NEUT-TRACKERS-STALE");
  CHECK(fail.status == Status::fail);
  CHECK(contains(fail.message.en, "only in comments (disabled?): Hotjar in templates/layout.html:5"));
  CHECK(contains(fail.message.fr, "seulement dans des commentaires"));
  CHECK_FALSE(contains(fail.message.en, "nowhere in the code"));
  CHECK(has_evidence(fail, "templates/layout.html", line_of(page, "static.hotjar.com")));
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "name: Hotjar")));

  // The same snippet live: the declaration is true, the rule passes.
  s.file("templates/layout.html", replaced(replaced(page, "<!-- <script", "<script"), "</script> -->", "</script>"));
  CHECK(s.builtin_rule("NEUT-TRACKERS-STALE").status == Status::pass);
}
