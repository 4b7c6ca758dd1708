// The charter: format 1 validated with file:line:col errors, warnings, waivers, publiccode.yml.
#include <doctest/doctest.h>

#include "checks/engine/charter.hpp"
#include "fixture.hpp"

using namespace pacte;

namespace {
const std::time_t kToday = 1790000000;  // 2026-09-21

std::vector<std::string> problems_of(const std::string& text) {
  try {
    load_charter(text, "pacte.yml", kToday);
  } catch (const CharterInvalid& e) {
    return e.problems();
  }
  return {};
}

bool any_contains(const std::vector<std::string>& v, const std::string& needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("a complete charter loads without problems") {
  Charter c = load_charter(test::good_charter(), "pacte.yml", kToday);
  CHECK(c.source == "pacte");
  CHECK(c.field("openness.license")->get<std::string>() == "MIT");
  CHECK(c.field("continuity.maintainers.1.name")->get<std::string>() == "Ali Benali");
  CHECK(c.where("openness.license") == "pacte.yml:6:3");
  CHECK(c.warnings.empty());
}

TEST_CASE("wrong types are errors at file:line:col saying what is expected") {
  std::string text = test::good_charter();
  text.replace(text.find("advertising: false"), 18, "advertising: nope");
  auto p = problems_of(text);
  REQUIRE(p.size() == 1);
  CHECK(p[0] == "pacte.yml:8:3: neutrality.advertising: expected true or false, found a string");
}

TEST_CASE("missing required keys are reported with the parent's position") {
  auto p = problems_of("pacte: 1\nservice: {name: X}\n");
  CHECK(any_contains(p, "missing required key 'openness'"));
  CHECK(any_contains(p, "missing required key 'neutrality'"));
}

TEST_CASE("duplicate keys are errors naming the second occurrence") {
  try {
    load_charter("pacte: 1\npacte: 1\n", "pacte.yml", kToday);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "pacte.yml:2:1: duplicate key 'pacte': each key may appear once; remove one of them");
  }
}

TEST_CASE("unknown keys are warnings with a suggestion") {
  std::string text = test::good_charter();
  text += "neutralty_notes: x\n";
  text.replace(text.find("  license: MIT"), 14, "  license: MIT\n  licence: MIT");
  Charter c = load_charter(text, "pacte.yml", kToday);
  REQUIRE(c.warnings.size() == 2);
  CHECK(any_contains(c.warnings, "pacte.yml:7:3: unknown key 'openness.licence' is ignored (did you mean 'license'?)"));
  CHECK(any_contains(c.warnings, "unknown key 'neutralty_notes'"));
}

TEST_CASE("malformed dates and SPDX expressions are errors") {
  std::string text = test::good_charter();
  text.replace(text.find("license: MIT"), 12, "license: MIT and GPL");
  text += "waivers:\n  - {rule: CONT-BUS-FACTOR, reason: x, until: 2027-02-30}\n";
  auto p = problems_of(text);
  CHECK(any_contains(p, "pacte.yml:6:3: openness.license: 'MIT and GPL' is not a valid SPDX licence expression"));
  CHECK(any_contains(p, "'2027-02-30' is not a real date"));
}

TEST_CASE("paths that leave the repository are errors") {
  std::string text = test::good_charter();
  text.replace(text.find("  license: MIT"), 14, "  license: MIT\n  contributing: ../../etc/passwd");
  auto p = problems_of(text);
  REQUIRE(p.size() == 1);
  CHECK(p[0].find("openness.contributing: '../../etc/passwd' leaves the repository") != std::string::npos);
  CHECK_FALSE(path_stays_inside("/etc/passwd"));
  CHECK_FALSE(path_stays_inside("docs/../../x"));
  CHECK(path_stays_inside("docs/../README.md"));
}

TEST_CASE("waivers need a reason and a future end; others do not apply and are reported") {
  std::string text = test::good_charter() +
                     "waivers:\n"
                     "  - {rule: CONT-BUS-FACTOR, reason: Second maintainer joins in January, until: 2027-02-01}\n"
                     "  - {rule: OPEN-README, until: 2027-02-01}\n"
                     "  - {rule: CONT-CI, reason: old, until: 2025-01-01}\n";
  Charter c = load_charter(text, "pacte.yml", kToday);
  REQUIRE(c.waivers.size() == 3);
  CHECK(c.waivers[0].applies);
  CHECK_FALSE(c.waivers[1].applies);
  CHECK(c.waivers[1].not_applied.find("has no reason") != std::string::npos);
  CHECK_FALSE(c.waivers[2].applies);
  CHECK(c.waivers[2].not_applied.find("expired on 2025-01-01") != std::string::npos);
  CHECK(any_contains(c.warnings, "it does not apply"));
}

TEST_CASE("YAML syntax errors and non-mappings name the file and position") {
  try {
    load_charter("pacte: 1\nservice: [\n", "x/pacte.yml", kToday);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).rfind("x/pacte.yml:", 0) == 0);
    CHECK(std::string(e.what()).find("YAML syntax error") != std::string::npos);
  }
  CHECK_THROWS_AS(load_charter("- a\n- b\n", "pacte.yml", kToday), CharterInvalid);
}

TEST_CASE("publiccode.yml is mapped onto the charter") {
  std::string pc = R"(publiccodeYmlVersion: "0.4"
name: Mon service
url: https://example.org/git/mon-service.git
landingURL: https://mon-service.example.org
legal:
  license: AGPL-3.0-or-later
  mainCopyrightOwner: Ville de Exemple
maintenance:
  type: internal
  contacts:
    - {name: Jeanne Martin, email: jeanne@example.org}
localisation:
  localisationReady: true
  availableLanguages: [fr, en]
description:
  fr:
    shortDescription: Un service
)";
  Charter c = load_publiccode(pc, "publiccode.yml");
  CHECK(c.source == "publiccode");
  CHECK(c.field("service.name")->get<std::string>() == "Mon service");
  CHECK(c.field("service.repository")->get<std::string>() == "https://example.org/git/mon-service.git");
  CHECK(c.field("service.url")->get<std::string>() == "https://mon-service.example.org");
  CHECK(c.field("service.operator")->get<std::string>() == "Ville de Exemple");
  CHECK(c.field("openness.license")->get<std::string>() == "AGPL-3.0-or-later");
  CHECK(c.field("continuity.maintenance")->get<std::string>() == "internal");
  CHECK(c.field("continuity.maintainers.0.email")->get<std::string>() == "jeanne@example.org");
  CHECK(c.field("equal_access.languages")->size() == 2);
  CHECK(c.field("service.description")->get<std::string>() == "Un service");
  CHECK(c.field("neutrality.advertising") == nullptr);
  CHECK(any_contains(c.warnings, "cannot declare advertising"));
}

TEST_CASE("alias bombs and deep nesting are refused, not expanded") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (int i = 0; i < 8; ++i) {
    std::string name = std::string("l").append(std::to_string(i));  // not "l" + temporary: GCC 12 -O3 false positive
    bomb.append(name).append(": &").append(name).append(" [");
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  try {
    load_charter(bomb, "pacte.yml", kToday);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("alias bomb") != std::string::npos);
  }
  CHECK_THROWS_AS(load_charter(std::string(5000, '[') + std::string(5000, ']'), "pacte.yml", kToday), InputError);
}

TEST_CASE("in French, charter problems and warnings are worded in French with French typography") {
  std::string text = test::good_charter() +
                     "waivers:\n"
                     "  - {rule: OPEN-README, until: 2027-02-01}\n"
                     "  - {rule: CONT-CI, reason: old, until: 2025-01-01}\n";
  Charter c = load_charter(text, "pacte.yml", kToday, Lang::fr);
  REQUIRE(c.waivers.size() == 2);
  CHECK(c.waivers[0].not_applied == "la dérogation à OPEN-README n'a pas de motif\u00A0; une dérogation en exige un");
  CHECK(c.waivers[1].not_applied == "la dérogation à CONT-CI a expiré le 2025-01-01");
  CHECK(any_contains(c.warnings, "\u00A0: elle ne s'applique pas"));

  std::vector<std::string> p;
  std::string bad = test::good_charter();
  bad.replace(bad.find("advertising: false"), 18, "advertising: nope");
  try {
    load_charter(bad, "pacte.yml", kToday, Lang::fr);
  } catch (const CharterInvalid& e) {
    p = e.problems();
  }
  REQUIRE(p.size() == 1);
  CHECK(p[0] == "pacte.yml:8:3: neutrality.advertising\u00A0: attendu true ou false, trouvé une chaîne");
  try {
    load_charter("pacte: 1\nservice: {name: X}\n", "pacte.yml", kToday, Lang::fr);
  } catch (const CharterInvalid& e) {
    p = e.problems();
  }
  CHECK(any_contains(p, "clé obligatoire absente\u00A0: «\u00A0openness\u00A0»"));
}
