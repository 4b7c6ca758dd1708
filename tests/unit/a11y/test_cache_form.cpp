// What the a11y module keeps in the result cache (`--cache DIR`): a page's template outcome, a
// footer status, what a candidate statement's own text says and a page's literal html lang,
// each read back whole.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "checks/a11y/statement.hpp"
#include "checks/a11y/templates.hpp"
#include "checks/base/blob_cache.hpp"

using namespace pacte;

TEST_CASE("a page outcome round-trips through the cache's CBOR form") {
  PageOutcome page;
  page.page = true;
  page.parsed = true;
  A11yDefect d;
  d.check = "img-alt";
  d.rgaa = "1.1";
  d.wcag = "1.1.1";
  d.message = {"Image without a text alternative", "Image sans alternative textuelle"};
  d.evidence = {"templates/home.html", 42, "<img src=\"logo.png\">", "", ""};
  page.defects.push_back(d);

  const PageOutcome back = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(page))).get<PageOutcome>();
  CHECK(back.page);
  CHECK(back.parsed);
  CHECK(back.exclusion.empty());
  REQUIRE(back.defects.size() == 1);
  CHECK(back.defects[0].check == "img-alt");
  CHECK(back.defects[0].rgaa == "1.1");
  CHECK(back.defects[0].wcag == "1.1.1");
  CHECK(back.defects[0].message.en == "Image without a text alternative");
  CHECK(back.defects[0].message.fr == "Image sans alternative textuelle");
  CHECK(back.defects[0].evidence.path == "templates/home.html");
  CHECK(back.defects[0].evidence.line == 42);
  CHECK(back.defects[0].evidence.snippet == "<img src=\"logo.png\">");

  PageOutcome left_out;
  left_out.page = true;
  left_out.exclusion = "email";
  const PageOutcome back2 = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(left_out))).get<PageOutcome>();
  CHECK(back2.page);
  CHECK_FALSE(back2.parsed);
  CHECK(back2.exclusion == "email");
  CHECK(back2.defects.empty());
}

TEST_CASE("a footer status round-trips through the cache's CBOR form, and so does its absence") {
  FooterStatus shown{"partial", "templates/footer.html", 12};
  const FooterStatus back = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(shown))).get<FooterStatus>();
  CHECK(back.status == "partial");
  CHECK(back.path == "templates/footer.html");
  CHECK(back.line == 12);

  const auto none = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(std::optional<FooterStatus>())))
                        .get<std::optional<FooterStatus>>();
  CHECK_FALSE(none.has_value());
}

TEST_CASE("what a candidate statement's own text says round-trips through the cache's CBOR form") {
  for (bool mentions : {false, true}) {
    for (bool phrase : {false, true}) {
      OwnStatementText said;
      said.mentions_accessibility = mentions;
      said.phrase = phrase;
      const OwnStatementText back =
          nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(said))).get<OwnStatementText>();
      CHECK(back.mentions_accessibility == mentions);
      CHECK(back.phrase == phrase);
    }
  }
}

TEST_CASE("a page's literal html lang and its line round-trip through the cache's CBOR form") {
  using Lang = std::optional<std::pair<std::string, int>>;
  const Lang back = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(Lang(std::make_pair("fr-FR", 3))))).get<Lang>();
  REQUIRE(back.has_value());
  CHECK(back->first == "fr-FR");
  CHECK(back->second == 3);
  CHECK_FALSE(nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(Lang()))).get<Lang>().has_value());
}
