// A page's template outcome as the result cache keeps it (`--cache DIR`): read back whole.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "checks/a11y/templates.hpp"

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
