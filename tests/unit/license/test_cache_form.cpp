// A licence identification as the result cache keeps it (`--cache DIR`): read back whole,
// "not a licence" (no value) included.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "checks/base/blob_cache.hpp"
#include "checks/license/license.hpp"

using namespace pacte;

TEST_CASE("a licence match round-trips through the cache's CBOR form") {
  LicenseMatch m;
  m.spdx = "GPL-3.0-or-later";
  m.closest = "GPL-3.0-only";
  m.confidence = 0.987654321;
  m.note = "note above the licence text";
  m.kind = "text";
  m.exception = "Classpath-exception-2.0";
  m.grant = "either version 3 of the License, or (at your option) any later version";
  m.difference = "";
  LicenseSection own;
  own.spdx = "MIT";
  own.closest = "MIT";
  own.confidence = 1;
  own.kind = "text";
  own.first_line = 1;
  own.last_line = 21;
  LicenseSection third;
  third.closest = "BSD-3-Clause";
  third.confidence = 0.5;
  third.kind = "notice";
  third.first_line = 23;
  third.last_line = 40;
  third.third_party = true;
  third.difference = "an added clause";
  m.sections = {own, third};

  const auto back = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(std::optional<LicenseMatch>(m))))
                        .get<std::optional<LicenseMatch>>();
  REQUIRE(back.has_value());
  CHECK(back->spdx == m.spdx);
  CHECK(back->closest == m.closest);
  CHECK(back->confidence == m.confidence);
  CHECK(back->note == m.note);
  CHECK(back->kind == m.kind);
  CHECK(back->exception == m.exception);
  CHECK(back->grant == m.grant);
  CHECK(back->difference == m.difference);
  REQUIRE(back->sections.size() == 2);
  CHECK(back->sections[0].spdx == std::optional<std::string>("MIT"));
  CHECK(back->sections[0].last_line == 21);
  CHECK_FALSE(back->sections[1].spdx.has_value());
  CHECK(back->sections[1].closest == "BSD-3-Clause");
  CHECK(back->sections[1].third_party);
  CHECK(back->sections[1].first_line == 23);
  CHECK(back->sections[1].difference == "an added clause");

  const auto none = nlohmann::json::from_cbor(nlohmann::json::to_cbor(nlohmann::json(std::optional<LicenseMatch>())))
                        .get<std::optional<LicenseMatch>>();
  CHECK_FALSE(none.has_value());
}
