// The openness primitives (licence files, declared licences, data licences, committed
// binaries), each judged directly on a scenario.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

namespace {
bool says(const RuleResult& r, const std::string& words) { return r.message.en.find(words) != std::string::npos; }
}  // namespace

TEST_CASE("license_file passes for a licence text it identifies, and fails without one") {
  Scenario s;
  const RuleResult& none = s.check("{primitive: license_file}");
  CHECK(none.status == Status::fail);
  CHECK(says(none, "no licence file"));
  s.file("LICENSE", test::mit_text());
  const RuleResult& mit = s.check("{primitive: license_file}");
  CHECK(mit.status == Status::pass);
  CHECK(mit.message.en == "LICENSE is MIT");
}

TEST_CASE("license_file fails for a licence text that matches no known licence") {
  Scenario s;
  s.file("LICENSE", "You may use this software only on Tuesdays, and never for profit.\n");
  const RuleResult& r = s.check("{primitive: license_file}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "LICENSE is not a known licence text"));
}

TEST_CASE("license_matches_charter passes when the declared licence is the file's, and fails otherwise") {
  Scenario s;
  s.file("LICENSE", test::mit_text()).charter_with("openness: {license: MIT}");
  const RuleResult& same = s.check("{primitive: license_matches_charter}");
  CHECK(same.status == Status::pass);
  CHECK(same.message.en == "declared MIT, LICENSE is MIT");
  s.charter_with("openness: {license: Apache-2.0}");
  const RuleResult& other = s.check("{primitive: license_matches_charter}");
  CHECK(other.status == Status::fail);
  CHECK(other.message.en == "the charter declares Apache-2.0 but the repository carries LICENSE (MIT)");
  CHECK(other.message.fr == "la charte déclare Apache-2.0 mais le dépôt contient LICENSE (MIT)");
}

TEST_CASE("license_is_free passes for an OSI-approved licence, and fails for a non-commercial one") {
  Scenario s;
  s.charter_with("openness: {license: MIT}");
  CHECK(s.check("{primitive: license_is_free}").status == Status::pass);
  s.charter_with("openness: {license: CC-BY-NC-4.0}");
  const RuleResult& r = s.check("{primitive: license_is_free}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "CC-BY-NC-4.0 is neither OSI- nor FSF-approved (or unknown to pacte)");
  CHECK(r.message.fr == "la licence CC-BY-NC-4.0 n'est approuvée ni par l'OSI ni par la FSF (ou est inconnue de pacte)");
}

TEST_CASE("license_is_free without a charter judges the identified licence file") {
  Scenario s;
  CHECK(s.check("{primitive: license_is_free}").status == Status::fail);
  s.file("LICENSE", test::mit_text());
  CHECK(s.check("{primitive: license_is_free}").status == Status::pass);
}

TEST_CASE("license_on_french_list passes for a licence of the CRPA list, and fails for one outside it") {
  Scenario s;
  s.charter_with("openness: {license: MIT}");
  CHECK(s.check("{primitive: license_on_french_list}").status == Status::pass);
  s.charter_with("openness: {license: ISC}");
  const RuleResult& r = s.check("{primitive: license_on_french_list}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "ISC is not on the CRPA D323-2-1 list"));
  // With OR, one licence of the list is enough.
  s.charter_with("openness: {license: ISC OR MIT}");
  CHECK(s.check("{primitive: license_on_french_list}").status == Status::pass);
}

TEST_CASE("data_licenses_open passes for an open data licence, fails for another, and skips without data") {
  Scenario s;
  s.charter_with();
  CHECK(s.check("{primitive: data_licenses_open}").status == Status::skip);
  s.charter_with("openness: {data_license: etalab-2.0}");
  CHECK(s.check("{primitive: data_licenses_open}").status == Status::pass);
  s.charter_with("openness: {data_license: CC-BY-NC-4.0, open_data: [{name: Horaires}]}");
  const RuleResult& r = s.check("{primitive: data_licenses_open}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "not an open data licence: openness.data_license (CC-BY-NC-4.0), openness.open_data.0.license (missing)");
}

TEST_CASE("no_committed_binaries passes without binaries, and fails for an executable or a library") {
  Scenario s;
  s.file("src/main.c", "int main(void) { return 0; }\n");
  s.file("tests/fixtures/sample.so", "not really a library");  // test fixtures are accepted
  s.file("gradle/wrapper/gradle-wrapper.jar", "PK");           // so is the Gradle wrapper
  CHECK(s.check("{primitive: no_committed_binaries}").status == Status::pass);
  s.file("bin/tool", std::string("\x7f" "ELF\x02\x01\x01", 7), true);
  s.file("lib/libfoo.dll", "MZ");
  const RuleResult& r = s.check("{primitive: no_committed_binaries}");
  CHECK(r.status == Status::fail);
  REQUIRE(r.evidence.size() == 2);
  CHECK(r.evidence[0].path == "bin/tool");
  CHECK(r.evidence[0].note == "ELF executable, 7 bytes");
  CHECK(r.evidence[1].note == "Windows executable or library, 2 bytes");
  CHECK(r.message.fr == "2 fichier(s) binaire(s) enregistré(s) dans le dépôt, dont bin/tool (exécutable ELF, 7\u00a0octets)");
}

TEST_CASE("no_committed_binaries passes on absence: an unreadable file turns its pass into an error") {
  Scenario s;
  s.file("src/main.c", "int main(void) { return 0; }\n");
  s.unreadable("bin/tool", true);  // an executable file is read to see whether it is a binary
  CHECK(s.check("{primitive: no_committed_binaries}").status == Status::error);
}
