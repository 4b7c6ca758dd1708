// A file's tracker scan as the result cache keeps it (`--cache DIR`): what is read back is
// what was computed, every field, or the next audit would report other evidence.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "checks/trackers/detect.hpp"

using namespace pacte;

TEST_CASE("a content scan round-trips through the cache's CBOR form") {
  ContentScan scan;
  scan.scanned = true;
  scan.size = 123456789012ull;
  TrackerHit hit;
  hit.signature_id = "matomo";
  hit.kind = "snippet";
  hit.evidence = {"web/index.html", 12, "_paq.push(['trackPageView']);", "Matomo tag", "balise Matomo"};
  hit.dev = true;
  hit.context = "comment";
  scan.hits.push_back(hit);
  hit.evidence.snippet = std::string("bytes \xff\xfe kept as they are", 24);
  scan.hits.push_back(hit);

  const ContentScan back = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(scan))).get<ContentScan>();
  CHECK(back.scanned);
  CHECK_FALSE(back.minified);
  CHECK(back.size == 123456789012ull);
  REQUIRE(back.hits.size() == 2);
  CHECK(back.hits[0].signature_id == "matomo");
  CHECK(back.hits[0].kind == "snippet");
  CHECK(back.hits[0].evidence.path == "web/index.html");
  CHECK(back.hits[0].evidence.line == 12);
  CHECK(back.hits[0].evidence.snippet == "_paq.push(['trackPageView']);");
  CHECK(back.hits[0].evidence.note == "Matomo tag");
  CHECK(back.hits[0].evidence.note_fr == "balise Matomo");
  CHECK(back.hits[0].dev);
  CHECK(back.hits[0].context == "comment");
  CHECK(back.hits[1].evidence.snippet == hit.evidence.snippet);

  ContentScan minified;
  minified.minified = true;
  minified.size = 7;
  const ContentScan back2 = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(minified))).get<ContentScan>();
  CHECK(back2.minified);
  CHECK_FALSE(back2.scanned);
  CHECK(back2.size == 7);
  CHECK(back2.hits.empty());
}

TEST_CASE("a cached scan of another shape is refused, not half read") {
  CHECK_THROWS(nlohmann::json::array({true, false}).get<ContentScan>());
  CHECK_THROWS(nlohmann::json::array({true, false, 1, nlohmann::json::array({"matomo"})}).get<ContentScan>());
}
